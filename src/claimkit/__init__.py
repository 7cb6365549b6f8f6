"""claimkit: structured, attributed numeric claims from Chinese financial news."""

from ._version import __version__
from .cleaning import Cleaned, Gloss, Region, clean, strip_glosses
from .errors import ClaimkitError

__all__ = ["ClaimkitError", "Cleaned", "Gloss", "Region", "__version__", "clean", "strip_glosses"]
