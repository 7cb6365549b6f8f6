"""Facts: what the claims of many documents say together (``facts-spec.md``).

:func:`consolidate` groups claims by ``(company, segment, concept, period, change,
forecast)`` and unit family, and tells whether their values agree (rounding-aware).
"""

from .consolidate import claim_interval, consistent, consolidate, fact_key, sourced_claims
from .model import Fact, FactValue, SourcedClaim
from .rows import FLAT_FACT_COLUMNS, fact_row, flat_fact_row

__all__ = [
    "FLAT_FACT_COLUMNS",
    "Fact",
    "FactValue",
    "SourcedClaim",
    "claim_interval",
    "consistent",
    "consolidate",
    "fact_key",
    "fact_row",
    "flat_fact_row",
    "sourced_claims",
]
