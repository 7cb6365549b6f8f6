"""Sorted spans with a bisect overlap test: the one interval structure the stages share."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class Intervals:
    """Half-open spans ``[a, b)``, merged and sorted; ``overlaps`` is O(log n)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def overlaps(self, a: int, b: int) -> bool:
        """Whether ``[a, b)`` (or the point ``a`` when ``a == b``) meets any span."""
        k = bisect_right(self._starts, max(a, b - 1)) - 1
        return k >= 0 and self._ends[k] > a

    def __bool__(self) -> bool:
        return bool(self._starts)


class Matches:
    """The non-overlapping matches of one pattern over a text, found once; range queries by bisect."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._ends = [b for _, b in ordered]

    def within(self, a: int, b: int) -> list[tuple[int, int]]:
        """The matches inside ``[a, b)``, in order."""
        i = bisect_left(self._starts, a)
        j = bisect_right(self._ends, b)
        return list(zip(self._starts[i:j], self._ends[i:j], strict=True)) if i < j else []

    def last_within(self, a: int, b: int) -> tuple[int, int] | None:
        """The last match inside ``[a, b)``."""
        j = bisect_right(self._ends, b) - 1
        return (self._starts[j], self._ends[j]) if j >= 0 and self._starts[j] >= a else None

    def any_within(self, a: int, b: int) -> bool:
        return self.last_within(a, b) is not None
