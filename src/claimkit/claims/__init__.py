"""Stage 5, claims: the output records and the engine that fills them."""

from .model import Claim, Evidence, Extraction, Span

__all__ = ["Claim", "Evidence", "Extraction", "Span"]
