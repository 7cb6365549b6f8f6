"""Whether a claim states a forecast, guidance, target, plan or estimate: the claim's ``forecast``.

A cue word (``resources/forecast_cues.tsv`` and the forecast verbs of
``reporting_verbs.tsv``: ``预计``, ``有望``, ``将``, ``目标``…) makes the figures after it in
its clause forecasts; written before a comma (``某某预计，…``) it covers its whole
sentence, and a clause that only continues the figure before it (``，同比增长5%至10%``)
stays covered. A forecast noun after the number through ``的`` counts too
(``20万台的年度销售目标``). A cue compared with (``超预期``, ``符合市场预期``) or under a
condition (``如果…将``) is none, and a cue over its sentence does not reach a figure of a
period that ended before the publication date (``…，但规模将超过2024年的512亿元``). A target
price is a forecast whatever the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from .. import _resources
from .._words import words_pattern
from ..errors import ResourceError
from ..quantities.grammar import Raw
from .concept import KNOWN_SPANS, fold

Span = tuple[int, int]
"""A span of the clean text, end exclusive."""

_KINDS = frozenset(("cue", "noun", "not", "versus", "filler", "hypothesis"))
_CLAUSE_BREAK = "，,；;：:"
_SENTENCE_LEVEL = "，,：:"
_AFTER_WINDOW = 10  # characters after 的 a forecast noun may stand (20万台的年度销售目标)
_VERSUS_WINDOW = 8  # characters before a cue searched for a comparison (超出市场预期)
_FORECAST_CONCEPTS = frozenset(("target_price",))
_PERIOD = re.compile(
    r"(?P<y>\d{4})(?:Q(?P<q>[1-4])(?:-Q(?P<q2>[1-4]))?|H(?P<h>[12])|-(?P<m>\d{2})(?:/(?P<y2>\d{4})-(?P<m2>\d{2}))?)?"
)


@dataclass(frozen=True, slots=True)
class _Cues:
    kinds: dict[str, str]  # casefolded word -> kind
    pattern: re.Pattern[str]
    versus: re.Pattern[str]  # a comparison word, fillers after it, at the end of a window
    continuation: re.Pattern[str]  # a clause that continues the figure before it (同比增长…)


def _alternation(words: list[str]) -> str:
    return words_pattern(set(words))  # longest first, prefixes factored


@cache
def _cues() -> _Cues:
    kinds: dict[str, str] = {}
    for row in _resources.table("reporting_verbs.tsv", ("verb", "kind")):
        if row["kind"] == "forecast":
            kinds[fold(row["verb"]).casefold()] = "cue"
    for row in _resources.table("forecast_cues.tsv", ("word", "kind")):
        if row["kind"] not in _KINDS:
            raise ResourceError(f"forecast_cues.tsv: {row['word']!r} has an unknown kind {row['kind']!r}")
        kinds[fold(row["word"]).casefold()] = row["kind"]
    versus = [w for w, k in kinds.items() if k == "versus"]
    fillers = [w for w, k in kinds.items() if k == "filler"]
    scanned = [w for w, k in kinds.items() if k not in ("versus", "filler")]
    changes = [
        fold(r["word"])
        for r in _resources.table("changes.tsv", ("word", "kind", "value"))
        if r["kind"] in ("basis", "direction")
    ]
    return _Cues(
        kinds=kinds,
        pattern=re.compile(_alternation(scanned), re.IGNORECASE),
        versus=re.compile(f"(?:{_alternation(versus)})(?:{_alternation(fillers)}){{0,3}}$"),
        continuation=re.compile(rf"[\s　]*(?:{_alternation(changes)})"),
    )


@cache
def cue_words(kind: str) -> tuple[str, ...]:
    """The words of ``forecast_cues.tsv`` of one kind, as written (``not``: 饮料, 将近, 目标客户; ``noun``:
    目标, 计划)."""
    return tuple(
        r["word"] for r in _resources.table("forecast_cues.tsv", ("word", "kind")) if r["kind"] == kind
    )


def not_cues() -> tuple[str, ...]:
    """Words that hold a forecast cue but are none (饮料, 将近, 目标客户), as written."""
    return cue_words("not")


@lru_cache(maxsize=1024)
def period_end(period: str | None) -> date | None:
    """The last day of a normalised period (``2025Q3`` -> 2025-09-30); None for fiscal or unknown ones."""
    if not period:
        return None
    m = _PERIOD.fullmatch(period)
    if m is None:
        return None
    year, month = int(m["y"]), 12
    if m["q"]:
        month = 3 * int(m["q2"] or m["q"])
    elif m["h"]:
        month = 6 if m["h"] == "1" else 12
    elif m["m"]:
        year, month = (int(m["y2"]), int(m["m2"])) if m["y2"] else (year, int(m["m"]))
    if not 1 <= month <= 12:
        return None
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def cue_spans(text: str, start: int, end: int) -> list[Span]:
    """The forecast cue words in ``text[start:end]`` (no part of a segment: 料第四季交付量)."""
    cues = _cues()
    piece = fold(text[start:end])
    return [
        (m.start() + start, m.end() + start)
        for m in cues.pattern.finditer(piece)
        if cues.kinds[m.group().casefold()] in ("cue", "noun")
    ]


def _continues(text: str, start: int, end: int) -> bool:
    """Whether every clause starting in ``text[start:end]`` (folded) continues the figure before it (同比增长…)."""
    pattern = _cues().continuation
    return all(pattern.match(text, i + 1) for i in range(start, end) if text[i] in _CLAUSE_BREAK)


def _after(t: str, q_end: int, clause_end: int) -> tuple[int, int] | None:
    """A forecast noun after the number through 的: 20万台的年度销售目标, 4亿用户的目标."""
    stop = min(clause_end, q_end + _AFTER_WINDOW)
    at = t.find("的", q_end, stop)
    if at < 0 or any(c in _CLAUSE_BREAK for c in t[q_end:at]):
        return None
    cues = _cues()
    for m in cues.pattern.finditer(t, at + 1, stop):
        kind = cues.kinds[m.group().casefold()]
        if kind == "noun":
            return m.span()
        if kind == "not":
            return None
    return None


def resolve_forecast(
    text: str,
    q: Raw,
    *,
    sentence_start: int,
    clause_start: int,
    clause_end: int,
    concept: str | None = None,
    period: str | None = None,
    published: date | None = None,
) -> tuple[bool, Span | None]:
    """Whether the claim of quantity ``q`` is a forecast, and the span of the cue that says so."""
    cues = _cues()
    base = sentence_start
    known = KNOWN_SPANS.get()
    stop = max(clause_end, q.end)
    # the sentence up to the claim's clause end, folded (offsets - base)
    t = (
        known.folded[base:stop]
        if known is not None and known.text is text and known.folded
        else fold(text[base:stop])
    )
    start, clause, number, number_end = 0, clause_start - base, q.start - base, q.end - base
    found: Span | None = None
    end = period_end(period)
    past = end is not None and published is not None and end < published
    for m in cues.pattern.finditer(t, start, number):
        kind = cues.kinds[m.group().casefold()]
        if kind == "hypothesis":
            return False, None  # 如果…将: a figure under a condition is no forecast
        if kind not in ("cue", "noun"):
            continue
        if cues.versus.search(t, max(start, m.start() - _VERSUS_WINDOW), m.start()):
            continue  # 超预期, 符合市场预期
        own = m.start() >= clause
        tail = t[m.end() : m.end() + 2].lstrip(" 　")
        whole = tail[:1] in _SENTENCE_LEVEL and tail[:1] != ""
        if own or (not past and (whole or _continues(t, m.end(), clause))):
            found = m.start() + base, m.end() + base
    if found is not None:
        return True, found
    after = _after(t, number_end, clause_end - base)
    if after is not None:
        return True, (after[0] + base, after[1] + base)
    return concept in _FORECAST_CONCEPTS, None
