"""The metric resolver: what a claim measures, a short phrase as written.

The metric is the noun phrase left of the number in its clause, after the last company
mention, period or reporting cue there, with leading connectives and trailing
predicates stripped (``营收分别为`` -> ``营收``). A number with no words of its own
(``同比增长12%和19%``, ``较上年…``) takes the metric of the claim before it in the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .._words import alternation, word_set, words
from ..attribution.speakers import Cue
from ..quantities.lexicon import qualifiers
from .change import change_words
from .document import DocModel, QContext

_MAX_METRIC = 24


@cache
def _lead() -> re.Pattern[str]:
    # the lead words before a bare 其 (其中 is one word, not 其 and then 中)
    return re.compile(
        rf"^(?:[ 　]|{alternation('metric_lead')}|{alternation('then_anaphor')}|其(?![他它余]))+"
    )


_QUOTES = {"“": "”", "「": "」", "『": "』"}  # an opening quote and its closing one


@cache
def _comparison() -> re.Pattern[str]:
    # 较 / 相比 …, and 比 when it is not part of a ratio word (同比, 占比, 比例)
    return re.compile(
        rf"{alternation('comparison')}|(?<![同环環占佔对對正反无無])比(?![例重率])|(?:与|與)[^，,。]{{0,12}}?相比"
    )


@cache
def _tail_words() -> dict[str, tuple[str, ...]]:
    """Predicate and filler words, keyed by their last character, longest first."""
    basis, direction, _, _ = change_words()
    by_last: dict[str, list[str]] = {}
    prefix = [w for w, qualifier in qualifiers()[0].items() if qualifier != "none"]  # 不少于, 超过
    for w in sorted({*words("metric_tail"), " ", *basis, *direction, *prefix}, key=len, reverse=True):
        by_last.setdefault(w[-1], []).append(w)
    return {k: tuple(v) for k, v in by_last.items()}


def strip_metric(segment: str) -> str | None:
    """The measured noun phrase left of a number, with predicates and fillers stripped."""
    cut = _comparison().search(segment)
    if cut is not None and cut.start() > 0:
        segment = segment[: cut.start()]  # 毛利率较上年同期提升: the metric ends before 较
    lead = _lead()
    s = lead.sub("", segment)
    if s[:1] in _QUOTES and _QUOTES[s[0]] not in s:
        s = lead.sub("", s[1:])  # “我们的收入…: the quotation opens before the metric (not “一带一路”沿线)
    tails = _tail_words()
    while s:
        w = next((w for w in tails.get(s[-1], ()) if s.endswith(w)), None)
        if w is None:
            break
        s = s[: -len(w)]
    s = lead.sub("", s).strip(" 　，,、的")
    if not s or not any("\u4e00" <= c <= "\u9fff" or c.isalpha() for c in s):
        return None
    return s[-_MAX_METRIC:]


def metric_segment(model: DocModel, ctx: QContext, cue: Cue | None) -> int:
    """Where the claim's metric words start: after the last company, period or cue before it in its clause."""
    q, mentions = ctx.q, model.mentions
    seg_from = ctx.segment_start
    k = bisect_right(model.mention_starts, q.start) - 1
    while k >= 0 and mentions[k].start >= seg_from:
        m = mentions[k]
        if m.end <= q.start and m.kind != "product":  # 阿里云收入: a product is part of the metric
            seg_from = max(seg_from, m.end)
            break
        k -= 1
    for p in model.sentence_periods(ctx):
        if seg_from <= p.start and p.end <= q.start and not p.comparison:
            seg_from = p.end
    if cue is not None and seg_from <= cue.end <= q.start:
        seg_from = cue.end
    return seg_from


def resolve_metric(model: DocModel, ctx: QContext, cue: Cue | None) -> tuple[str | None, int]:
    """The claim's metric and where its words start (for the change resolver)."""
    text, q = model.text, ctx.q
    seg_from = metric_segment(model, ctx, cue)
    words_before = text[seg_from : q.start]
    metric = model.metric_cutter(words_before)
    inherit = (
        metric is None
        or metric in word_set("restatement")  # 营收300亿元，折合约41亿美元: the same figure restated
        or words_before.strip().startswith(("较", "比", "較"))
    )
    if inherit and ctx.index > 0:
        prev = model.contexts[ctx.index - 1]
        if prev.sentence == ctx.sentence:
            previous = model.metrics.get(prev.index)
            if previous is not None:
                metric = previous
    model.metrics[ctx.index] = metric
    return metric, seg_from
