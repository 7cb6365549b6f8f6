"""Result types of the cleaning stage: the cleaned text and the way back to the input."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

RegionKind = Literal["repeat", "boilerplate", "title"]


class Gloss(NamedTuple):
    """One removed pinyin gloss.

    ``start``/``end`` span the gloss in the input, brackets included (and the one
    space before the bracket, if there was one); ``target_start``/``target_end``
    span the hanzi it annotates, also in the input.
    """

    start: int
    end: int
    pinyin: str
    syllables: tuple[str, ...]
    target_start: int
    target_end: int


@dataclass(frozen=True, slots=True)
class Region:
    """A marked (not removed) stretch of the input that later stages skip.

    ``kind`` is ``repeat`` (a copy of an earlier passage, ``repeat_of`` spans the
    first copy in the input), ``boilerplate`` (page furniture) or ``title`` (a title
    glued in front of a paragraph it repeats). Offsets index the input as given;
    ``clean_start``/``clean_end`` index :attr:`Cleaned.text`.
    """

    kind: RegionKind
    start: int
    end: int
    clean_start: int
    clean_end: int
    repeat_of: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Cleaned text with everything needed to map positions back to the input.

    The map is built from the removed intervals (sorted), so it costs memory in
    proportion to the number of removals, not to the length of the text.
    """

    source: str = field(repr=False)
    text: str
    glosses: tuple[Gloss, ...] = ()
    regions: tuple[Region, ...] = ()
    # removed input intervals, sorted and disjoint: starts, ends, and for each the clean
    # position at which it was removed and the total removed up to and including it.
    _cut_start: tuple[int, ...] = field(default=(), repr=False)
    _cut_end: tuple[int, ...] = field(default=(), repr=False)
    _cut_clean: tuple[int, ...] = field(default=(), repr=False)
    _cut_total: tuple[int, ...] = field(default=(), repr=False)
    _region_starts: tuple[int, ...] = field(default=(), repr=False)
    _folded: str = field(default="", repr=False)

    @property
    def folded(self) -> str:
        """:attr:`text` with full-width digits, Latin letters and ``％．＋－／＄`` as ASCII.

        Same length as :attr:`text`, character for character, so every offset is shared;
        the grammars scan this view.
        """
        return self._folded or self.text

    @property
    def removed_nothing(self) -> bool:
        """Whether the text is the input as given (no gloss or invisible character removed)."""
        return not self._cut_start

    @property
    def removed(self) -> list[tuple[int, int]]:
        """The removed intervals of the input, ``[(start, end), ...]``."""
        return list(zip(self._cut_start, self._cut_end, strict=True))

    def to_input(self, i: int) -> int:
        """Input offset of the character at clean offset ``i`` (``len(text)`` maps to ``len(source)``)."""
        if not 0 <= i <= len(self.text):
            raise IndexError(f"clean offset {i} outside 0..{len(self.text)}")
        k = bisect_right(self._cut_clean, i) - 1
        return i if k < 0 else i + self._cut_total[k]

    def to_input_span(self, start: int, end: int) -> tuple[int, int]:
        """Input span of the clean span ``[start, end)``; removals at its edges stay outside."""
        if start >= end:
            pos = self.to_input(start)
            return pos, pos
        return self.to_input(start), self.to_input(end - 1) + 1

    def from_input(self, j: int) -> int:
        """Clean offset of input offset ``j``; inside a removed interval, the next kept character."""
        if not 0 <= j <= len(self.source):
            raise IndexError(f"input offset {j} outside 0..{len(self.source)}")
        k = bisect_right(self._cut_start, j) - 1
        if k < 0:
            return j
        if j < self._cut_end[k]:
            return self._cut_clean[k]
        return j - self._cut_total[k]

    def skipped(self, start: int, end: int) -> bool:
        """Whether the clean span ``[start, end)`` overlaps a marked region (regions are sorted, disjoint)."""
        k = bisect_right(self._region_starts, max(start, end - 1)) - 1
        return k >= 0 and self.regions[k].clean_end > start

    def kept_spans(self) -> list[tuple[int, int]]:
        """Clean spans outside every marked region, in order."""
        spans, pos = [], 0
        for r in sorted(self.regions, key=lambda r: r.clean_start):
            if r.clean_start > pos:
                spans.append((pos, r.clean_start))
            pos = max(pos, r.clean_end)
        if pos < len(self.text):
            spans.append((pos, len(self.text)))
        return spans

    def region_at(self, clean_pos: int) -> Region | None:
        """The marked region holding clean offset ``clean_pos``, if any."""
        k = bisect_right(self._region_starts, clean_pos) - 1
        if k >= 0 and self.regions[k].clean_end > clean_pos:
            return self.regions[k]
        return None
