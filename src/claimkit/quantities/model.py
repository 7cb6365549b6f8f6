"""The :class:`Quantity` record."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

Qualifier = Literal["exact", "approx", "nearly", "more_than", "less_than", "range"]
QuantityKind = Literal[
    "money", "percent", "pp", "multiple", "count", "rank", "duration", "physical", "number"
]


class Quantity(BaseModel):
    """One quantity as written: its surface, where it is, and what it is worth.

    ``value`` has the scale applied (``1343.3万`` -> ``13433000``); percentages are
    percent numbers (``18%`` -> ``18``). For ``range`` the bounds are ``low``/``high``
    (``high`` exclusive where the text implies it: ``三位数`` -> 100..1000); for
    ``nearly``/``more_than``/``less_than``/``approx`` ``value`` is the stated bound.
    ``unit`` is an ISO 4217 code, ``%``, ``pp``, ``x``, ``count`` or ``rank``.
    ``kind`` says which grammar read it (``duration`` and ``physical`` are
    quantities but not claims by default; ``number`` is a plain number with no
    unit or scale, reported only on request). Offsets index the caller's input.
    """

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    counted: str | None = None
    qualifier: Qualifier = "exact"
    kind: QuantityKind = "count"
