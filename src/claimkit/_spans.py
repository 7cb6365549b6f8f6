"""Sorted spans with a bisect overlap test: the one interval structure the stages share."""

from __future__ import annotations

from bisect import bisect_right
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
