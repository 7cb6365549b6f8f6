"""The quantity grammar's words, read once from ``claimkit/resources``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from .. import _resources


def words_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` with shared prefixes factored out (a trie), longest first.

    ``re`` tries an alternation's branches in order at each position; factored, a word list
    costs one branch per distinct next character instead of one per word.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if body.startswith("(?:") else "(?:" + body + ")?"
        return body

    return build(trie) or "(?!)"


class UnitWord(NamedTuple):
    word: str
    unit: str
    kind: str  # currency | percent | pp | multiple | measure | duration | physical
    factor: Decimal
    scaled: bool  # factor != 1
    reads: str  # the quantity kind it gives: money for a currency, count for a measure, else its kind


@cache
def units() -> dict[str, UnitWord]:
    """Unit and measure words by surface (``resources/units.tsv``)."""
    rows = _resources.table("units.tsv", ("word", "unit", "kind", "factor"))
    out = {}
    for r in rows:
        factor, kind = Decimal(r["factor"] or "1"), r["kind"]
        reads = {"currency": "money", "measure": "count"}.get(kind, kind)
        out[r["word"]] = UnitWord(r["word"], r["unit"], kind, factor, factor != 1, reads)
    return out


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
