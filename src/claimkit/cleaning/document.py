"""Document-level cleaning: glosses removed, repeated passages and page furniture marked.

Nothing but glosses and invisible characters is removed; repeats, glued titles and
boilerplate are *marked* as :class:`~claimkit.cleaning.model.Region` so that no text
is lost and later stages can skip them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Any

import regex

from .. import _resources
from ..errors import require_str
from .glosses import build_cleaned, find_glosses
from .model import Cleaned, Region

# Zero-width and soft-hyphen characters that break numbers and names apart invisibly.
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")
# A sentence: up to and including its closing punctuation (and a closing quote), or a line's tail.
_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?]+[”’」』\"']?|[^\n]+")
_LINE = re.compile(r"[^\n]*")

_MIN_REPEAT = 8  # a sentence this long (without white space) that recurs is a scraped copy
_TITLE_MIN, _TITLE_MAX = 6, 80  # a line this long can be a title glued to the next paragraph
_SHORT_LINE = 40  # furniture lines are short


@cache
def _boilerplate_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    rows = _resources.table("boilerplate.tsv", ("kind", "pattern"))
    by_kind: dict[str, list[str]] = {"block": [], "line": []}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row["pattern"])
    return tuple(  # type: ignore[return-value]
        regex.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in by_kind[kind]) + ")")
        for kind in ("block", "line")
    )


def _key(s: str) -> str:
    return "".join(s.split())


def _mark_boilerplate(text: str) -> list[tuple[int, int]]:
    block_cue, line_cue = _boilerplate_patterns()
    spans: list[tuple[int, int]] = []
    in_block = False
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        short = len(stripped) <= _SHORT_LINE
        if short and block_cue.match(line):
            in_block = True
        elif in_block and not short:
            in_block = False
        if in_block or (short and line_cue.match(line)):
            spans.append(m.span())
    return spans


def _mark_repeats(text: str) -> list[tuple[str, int, int, int, int]]:
    """(kind, start, end, first_start, first_end) in clean offsets for every repeated piece.

    Pieces are sentences (closing punctuation or line end). A piece that starts a
    line may begin with an earlier whole line of title length: that prefix is a
    title glued to its paragraph, marked ``title``, and the rest is its own piece.
    """
    seen: dict[str, tuple[int, int]] = {}
    titles: dict[str, list[tuple[str, int, int]]] = {}
    marks: list[tuple[str, int, int, int, int]] = []
    previous_repeat = False
    n = len(text)
    for m in _SENTENCE.finditer(text):
        a, b = m.span()
        piece = m.group()
        key = "".join(piece.split())
        if not key:
            continue
        if a == 0 or text[a - 1] == "\n":
            for title_key, t_start, t_end in titles.get(key[:_TITLE_MIN], ()):
                if len(key) > len(title_key) and key.startswith(title_key):
                    cut, taken = a, 0
                    while taken < len(title_key):
                        taken += not text[cut].isspace()
                        cut += 1
                    marks.append(("title", a, cut, t_start, t_end))
                    a, key = cut, key[len(title_key) :]
                    break
            else:
                if _TITLE_MIN <= len(key) <= _TITLE_MAX and (b == n or text[b] == "\n") and key not in seen:
                    titles.setdefault(key[:_TITLE_MIN], []).append((key, a, b))
        first = seen.get(key)
        if first is not None and (previous_repeat or len(key) >= _MIN_REPEAT):
            marks.append(("repeat", a, b, *first))
            previous_repeat = True
        else:
            if first is None:
                seen[key] = (a, b)
            previous_repeat = False
    return marks


def _regions(cleaned: Cleaned) -> tuple[Region, ...]:
    text = cleaned.text
    boiler = _mark_boilerplate(text)
    marks: list[tuple[str, int, int, int | None, int | None]] = [
        ("boilerplate", a, b, None, None) for a, b in boiler
    ]
    boiler_starts = [a for a, _ in boiler]
    for mark in _mark_repeats(text):
        k = bisect_right(boiler_starts, mark[2] - 1) - 1  # the last furniture span starting before its end
        if k >= 0 and boiler[k][1] > mark[1]:
            continue  # furniture wins over repetition
        marks.append(mark)
    marks.sort(key=lambda m: m[1])
    merged: list[list[Any]] = []
    for kind, a, b, fa, fb in marks:
        if merged:
            last = merged[-1]
            gap = text[last[2] : a]
            if last[0] == kind and not gap.strip() and a >= last[2]:
                last[2] = b
                if fb is not None:
                    last[4] = max(last[4], fb)
                continue
        merged.append([kind, a, b, fa, fb])
    regions = []
    for kind, a, b, fa, fb in merged:
        start, end = cleaned.to_input_span(a, b)
        repeat_of = cleaned.to_input_span(fa, fb) if fa is not None else None
        regions.append(Region(kind, start, end, a, b, repeat_of))
    return tuple(regions)


def clean(text: str) -> Cleaned:
    """Clean a scraped page: strip glosses and invisible characters, mark repeats and furniture.

    >>> page = "标题党\\n正文第一句说的是营收。\\n正文第一句说的是营收。\\n相关推荐\\n暂无评论"
    >>> [(r.kind, page[r.start:r.end]) for r in clean(page).regions]
    [('repeat', '正文第一句说的是营收。'), ('boilerplate', '相关推荐\\n暂无评论')]
    """
    require_str(text)
    glosses = tuple(find_glosses(text))
    cuts = [(g.start, g.end) for g in glosses]
    if any(ch in text for ch in _INVISIBLE_CHARS):  # eight substring tests: faster than the pattern
        cuts = sorted(cuts + [m.span() for m in _INVISIBLE.finditer(text)])
        merged: list[tuple[int, int]] = []
        for a, b in cuts:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        cuts = merged
    base = build_cleaned(text, cuts, glosses)
    regions = _regions(base)
    if not regions:
        return base
    return Cleaned(
        source=base.source,
        text=base.text,
        glosses=base.glosses,
        regions=regions,
        _region_starts=tuple(r.clean_start for r in regions),
        _folded=base._folded,
        _cut_start=base._cut_start,
        _cut_end=base._cut_end,
        _cut_clean=base._cut_clean,
        _cut_total=base._cut_total,
    )
