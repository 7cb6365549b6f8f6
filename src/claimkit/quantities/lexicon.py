"""The quantity grammar's words, read once from ``claimkit/resources``."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from .. import _resources


class UnitWord(NamedTuple):
    word: str
    unit: str
    kind: str  # currency | percent | pp | multiple | measure | duration | physical
    factor: Decimal


@cache
def units() -> dict[str, UnitWord]:
    """Unit and measure words by surface (``resources/units.tsv``)."""
    rows = _resources.table("units.tsv", ("word", "unit", "kind", "factor"))
    return {r["word"]: UnitWord(r["word"], r["unit"], r["kind"], Decimal(r["factor"] or "1")) for r in rows}


@cache
def currency_words() -> dict[str, str]:
    """Currency words (``美元`` -> ``USD``), usable before a numeral too."""
    return {w: u.unit for w, u in units().items() if u.kind == "currency"}


@cache
def qualifiers() -> tuple[dict[str, str], dict[str, str]]:
    """Prefix and suffix qualifier words (``resources/qualifiers.tsv``); ``none`` blocks a word."""
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    for r in _resources.table("qualifiers.tsv", ("word", "qualifier", "position")):
        (prefix if r["position"] == "prefix" else suffix)[r["word"]] = r["qualifier"]
    return prefix, suffix


@cache
def magnitudes() -> dict[str, tuple[Decimal, Decimal]]:
    """Digit-count magnitudes (``三位数`` -> 100..1000)."""
    rows = _resources.table("magnitudes.tsv", ("word", "low", "high"))
    return {r["word"]: (Decimal(r["low"]), Decimal(r["high"])) for r in rows}


@cache
def not_quantities() -> re.Pattern[str] | None:
    """One pattern for the words that hold a numeral but no quantity (``一部分``, ``双11``)."""
    words = sorted(_resources.lines("not_quantities.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None
