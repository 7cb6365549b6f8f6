"""claimkit: structured, attributed numeric claims from Chinese financial news.

Pipeline stages, one package each: ``cleaning`` -> ``quantities`` -> ``periods`` ->
``attribution`` -> ``claims``; ``pipeline`` wires them into spaCy. Importing
claimkit is cheap: spaCy loads on the first call that needs it.
"""

from ._version import __version__
from .api import extract, load
from .batch import extract_many
from .claims.model import Claim, Evidence, Extraction, Span
from .cleaning import Cleaned, Gloss, Region, clean, strip_glosses
from .errors import ClaimkitError, ConfigError, ResourceError
from .periods import Period, find_periods, parse_period
from .quantities import Quantity, find_quantities, parse_quantity

__all__ = [
    "Claim",
    "ClaimkitError",
    "Cleaned",
    "ConfigError",
    "Evidence",
    "Extraction",
    "Gloss",
    "Period",
    "Quantity",
    "Region",
    "ResourceError",
    "Span",
    "__version__",
    "clean",
    "extract",
    "extract_many",
    "find_periods",
    "find_quantities",
    "load",
    "parse_period",
    "parse_quantity",
    "strip_glosses",
]
