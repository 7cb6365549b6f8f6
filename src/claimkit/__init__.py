"""claimkit: structured, attributed numeric claims from Chinese financial news.

Pipeline stages, one package each: ``cleaning`` -> ``quantities`` -> ``periods`` ->
``attribution`` -> ``claims``; ``facts`` consolidates the claims of many documents. :class:`Extractor` (behind :func:`extract` and
:func:`extract_many`) runs them straight on the text; ``pipeline`` wires the same
stages into spaCy (:func:`load`). Importing claimkit is cheap, and spaCy loads only
for :func:`load`.
"""

from ._version import __version__
from .api import extract, load
from .attribution.lexicon import read_companies
from .batch import extract_many
from .claims.extractor import Extractor
from .claims.model import Claim, Evidence, Extraction, Span
from .cleaning import Cleaned, Gloss, Region, clean, strip_glosses
from .errors import ClaimkitError, ConfigError, ResourceError
from .facts import Fact, FactValue, SourcedClaim, consolidate
from .periods import Period, find_periods, parse_period
from .quantities import Quantity, find_quantities, parse_quantity

__all__ = [
    "Claim",
    "ClaimkitError",
    "Cleaned",
    "ConfigError",
    "Evidence",
    "Extraction",
    "Extractor",
    "Fact",
    "FactValue",
    "Gloss",
    "Period",
    "Quantity",
    "Region",
    "ResourceError",
    "SourcedClaim",
    "Span",
    "__version__",
    "clean",
    "consolidate",
    "extract",
    "extract_many",
    "find_periods",
    "find_quantities",
    "load",
    "parse_period",
    "parse_quantity",
    "read_companies",
    "strip_glosses",
]
