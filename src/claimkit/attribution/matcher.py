"""Lexicon names in text without spaCy: a character trie walked from each position.

It finds what the ``claimkit_entities`` component's ``PhraseMatcher`` finds on
claimkit's tokens (hanzi one by one, digit runs and Latin words whole): the longest
name at the leftmost position, then on after it. A name that starts or ends with a
Latin letter or a digit only matches where a token starts or ends: ``QQ`` is not
inside ``QQMusic``, ``360`` is not inside ``3600`` or ``1.360``, but ``360.360.360``
holds it once (the tokens are ``360.360``, ``.``, ``360``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import add

_END = ""  # trie key: a name ends here


def _kind(ch: str) -> int:
    """1 for an ASCII letter, 2 for a digit (ASCII or full-width), 0 otherwise."""
    if ch.isascii() and ch.isalpha():
        return 1
    if "0" <= ch <= "9" or "０" <= ch <= "９":
        return 2
    return 0


_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")  # the tokenizer's digit tokens


class _Bounds:
    """Where tokens start and end around Latin letters and digits (digit tokens computed on demand)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._numbers: tuple[set[int], set[int]] | None = None

    def _number_bounds(self) -> tuple[set[int], set[int]]:
        if self._numbers is None:
            spans = [m.span() for m in _NUMBER.finditer(self.text)]
            self._numbers = ({a for a, _ in spans}, {b for _, b in spans})
        return self._numbers

    def starts(self, i: int, kind: int) -> bool:
        if kind == 2:
            return i in self._number_bounds()[0]
        return kind == 0 or i == 0 or _kind(self.text[i - 1]) != kind

    def ends(self, j: int, kind: int) -> bool:
        if kind == 2:
            return j in self._number_bounds()[1]
        return kind == 0 or j >= len(self.text) or _kind(self.text[j]) != kind


class NameMatcher:
    """Every lexicon surface in a trie, built once; :meth:`find` gives non-overlapping matches."""

    def __init__(self, surfaces: Iterable[str]) -> None:
        self.root: dict[str, dict] = {}
        self._pairs: set[str] = set()  # the first two characters of each name: cheap candidates
        self._singles: set[str] = set()  # one-character names
        for surface in surfaces:
            if not surface:
                continue
            node = self.root
            for ch in surface:
                node = node.setdefault(ch, {})
            node[_END] = {}
            (self._pairs.add(surface[:2]) if len(surface) > 1 else self._singles.add(surface))

    def _candidates(self, text: str) -> list[int]:
        """Positions where a name can start: its first two characters (or a one-character name) are there."""
        pairs, singles = self._pairs, self._singles
        bigrams = map(add, text, text[1:])  # text[i:i + 2] for every i, built in C
        if singles:
            starts = [i for i, pair in enumerate(bigrams) if pair in pairs or pair[0] in singles]
            if text and text[-1] in singles:
                starts.append(len(text) - 1)
            return starts
        return [i for i, pair in enumerate(bigrams) if pair in pairs]

    def find(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each name: the longest at the leftmost position, without overlaps."""
        out: list[tuple[int, int]] = []
        root, n, taken = self.root, len(text), 0
        bounds = _Bounds(text)
        for i in self._candidates(text):
            if i < taken:
                continue
            first = _kind(text[i])
            if first and not bounds.starts(i, first):
                continue
            node, best, j = root[text[i]], -1, i + 1
            while True:
                if _END in node and bounds.ends(j, _kind(text[j - 1])):
                    best = j
                if j >= n:
                    break
                node = node.get(text[j])  # type: ignore[assignment]
                if node is None:
                    break
                j += 1
            if best > 0:
                out.append((i, best))
                taken = best
        return out
