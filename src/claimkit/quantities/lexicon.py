"""The quantity grammar's words, read once from ``claimkit/resources``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from .. import _resources
from .._words import words_pattern


class UnitWord(NamedTuple):
    word: str
    unit: str
    kind: str  # currency | percent | pp | multiple | measure | duration | physical
    factor: Decimal
    scaled: bool  # factor != 1
    reads: str  # the quantity kind it gives: money for a currency, count for a measure, else its kind


def _keyed(rows: Iterable[tuple[str, object]]) -> dict[str, object]:
    """``{word: value}`` with every word's traditional spellings too; a row written out wins."""
    rows = list(rows)
    out: dict[str, object] = dict(rows)
    for word, value in rows:
        for form in _resources.traditional_forms(word):
            out.setdefault(form, value)
    return out


@cache
def units() -> dict[str, UnitWord]:
    """Unit and measure words by surface (``resources/units.tsv``), traditional spellings too."""
    rows = []
    for r in _resources.table("units.tsv", ("word", "unit", "kind", "factor")):
        factor, kind = Decimal(r["factor"] or "1"), r["kind"]
        reads = {"currency": "money", "measure": "count"}.get(kind, kind)
        rows.append((r["word"], (r["unit"], kind, factor, factor != 1, reads)))
    return {w: UnitWord(w, *v) for w, v in _keyed(rows).items()}  # type: ignore[misc]


@cache
def currency_words() -> dict[str, str]:
    """Currency words (``美元`` -> ``USD``), usable before a numeral too."""
    return {w: u.unit for w, u in units().items() if u.kind == "currency"}


@cache
def currency_signs() -> dict[str, str]:
    """Currency signs written before a number (``HK$`` -> ``HKD``), from ``resources/currency_signs.tsv``."""
    return {r["sign"]: r["code"] for r in _resources.table("currency_signs.tsv", ("sign", "code"))}


@cache
def rate_units() -> tuple[str, ...]:
    """Units a rate is given per, after a slash (``resources/rate_units.txt``)."""
    return tuple(_resources.with_traditional(_resources.lines("rate_units.txt")))


@cache
def qualifiers() -> tuple[dict[str, str], dict[str, str]]:
    """Prefix and suffix qualifier words (``resources/qualifiers.tsv``); ``none`` blocks a word."""
    rows = _resources.table("qualifiers.tsv", ("word", "qualifier", "position"))
    prefix = _keyed((r["word"], r["qualifier"]) for r in rows if r["position"] == "prefix")
    suffix = _keyed((r["word"], r["qualifier"]) for r in rows if r["position"] != "prefix")
    return prefix, suffix  # type: ignore[return-value]


@cache
def cues() -> dict[str, tuple[str, ...]]:
    """The words of ``resources/quantity_cues.tsv`` by role, traditional spellings too."""
    by_role: dict[str, list[str]] = {}
    for r in _resources.table("quantity_cues.tsv", ("word", "role", "value")):
        by_role.setdefault(r["role"], []).append(r["word"])
    return {role: tuple(_resources.with_traditional(words)) for role, words in by_role.items()}


@cache
def percent_words() -> dict[str, Decimal]:
    """Percentages written as words (``千分之`` -> 0.1 percent per unit)."""
    rows = _resources.table("quantity_cues.tsv", ("word", "role", "value"))
    return _keyed((r["word"], Decimal(r["value"])) for r in rows if r["role"] == "percent_word")  # type: ignore[return-value]


@cache
def magnitudes() -> dict[str, tuple[Decimal, Decimal]]:
    """Digit-count magnitudes (``三位数`` -> 100..1000)."""
    rows = _resources.table("magnitudes.tsv", ("word", "low", "high"))
    return _keyed((r["word"], (Decimal(r["low"]), Decimal(r["high"]))) for r in rows)  # type: ignore[return-value]


@cache
def money_nouns() -> tuple[str, ...]:
    """Nouns that measure money (``resources/money_nouns.txt``): a scaled amount after one is money."""
    return tuple(_resources.with_traditional(_resources.lines("money_nouns.txt")))


@cache
def not_quantities() -> re.Pattern[str] | None:
    """One pattern for the words that hold a numeral but no quantity (``一部分``, ``双11``)."""
    words = _resources.with_traditional(_resources.lines("not_quantities.txt"))
    return re.compile(words_pattern(words)) if words else None
