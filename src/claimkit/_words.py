"""The grammars' function words (``resources/function_words.tsv``), read once, by role."""

from __future__ import annotations

import re
from functools import cache

from . import _resources


@cache
def words(role: str) -> tuple[str, ...]:
    """The words of one role, longest first."""
    rows = _resources.table("function_words.tsv", ("word", "role"))
    return tuple(sorted({r["word"] for r in rows if r["role"] == role}, key=len, reverse=True))


@cache
def alternation(role: str) -> str:
    """The words of one role as a regex alternation (longest first), for grammars built in code."""
    return "|".join(map(re.escape, words(role)))


@cache
def word_set(role: str) -> frozenset[str]:
    return frozenset(words(role))


def list_links() -> frozenset[str]:
    """What joins two numbers of one list (146/132/151亿元, 15%和16%)."""
    return word_set("coordinator")


def concrete_counters() -> frozenset[str]:
    return word_set("concrete_counter")


def ends_with_any(text: str, role: str) -> bool:
    """Whether ``text`` ends with a word of ``role``."""
    return text.endswith(words(role)) if words(role) else False
