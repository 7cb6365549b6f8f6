"""Stage 1, text cleaning: pinyin glosses removed, repeats and page furniture marked."""

from .document import clean
from .glosses import find_glosses, parse_gloss, strip_glosses
from .model import Cleaned, Gloss, Region

__all__ = ["Cleaned", "Gloss", "Region", "clean", "find_glosses", "parse_gloss", "strip_glosses"]
