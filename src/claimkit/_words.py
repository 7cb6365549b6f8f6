"""The grammars' function words (``resources/function_words.tsv``), read once, by role."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from . import _resources


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


class Affixes:
    """Words found at a text's end or start by length: a set lookup per distinct length, longest first,
    instead of a scan over the words."""

    __slots__ = ("_lengths", "_words")

    def __init__(self, words: Iterable[str]) -> None:
        self._words = frozenset(w for w in words if w)
        self._lengths = tuple(sorted({len(w) for w in self._words}, reverse=True))

    def suffix(self, text: str, keep: int = 0) -> str | None:
        """The longest word ``text`` ends with that leaves at least ``keep`` characters before it."""
        n = len(text)
        for k in self._lengths:
            if n - k >= keep and text[n - k :] in self._words:
                return text[n - k :]
        return None

    def prefix(self, text: str) -> str | None:
        """The longest word ``text`` starts with."""
        for k in self._lengths:
            if k <= len(text) and text[:k] in self._words:
                return text[:k]
        return None


@cache
def words(role: str) -> tuple[str, ...]:
    """The words of one role, longest first."""
    rows = _resources.table("function_words.tsv", ("word", "role"))
    return tuple(sorted({r["word"] for r in rows if r["role"] == role}, key=len, reverse=True))


@cache
def alternation(role: str) -> str:
    """The words of one role as a regex alternation (longest first, as a trie), for grammars in code."""
    return words_pattern(words(role))


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
