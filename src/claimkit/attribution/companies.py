"""Which company a claim is about.

In order: a company (or product) named in the claim's own clause before it; the
first company named earlier in the sentence (its subject); one named later in the
sentence; the speaker's company; then the company carried over from earlier
sentences. Companies in a comparison frame (``与阿里…不同``, ``较腾讯``) do not
count, two companies joined in one subject (``腾讯和阿里合计``) make the claim an
aggregate (no company), and a market-wide measure with no company in its
sentence (``碳酸锂价格``) is about no company.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from functools import cache

from .. import _resources
from .mentions import Mention
from .structure import Structure

_COMPARE_BEFORE = (
    "与",
    "较",
    "比",
    "相比",
    "相较",
    "相较于",
    "相比于",
    "不同于",
    "对比",
    "跟",
    "同",
    "低于",
    "高于",
    "优于",
    "超过",
    "超越",
    "领先",
)
_AGGREGATE_WORDS = re.compile(
    r"两家公司|两家企业|两者|二者|双方|三家公司|几家公司|大厂们|巨头们|各家|多家公司|两大巨头"
)
_JOIN = ("和", "与", "及", "、", "以及", "跟")


@cache
def market_terms() -> re.Pattern[str]:
    words = sorted(_resources.lines("market_terms.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


class CompanyResolver:
    """Company mentions of a document, indexed for the per-claim rules."""

    def __init__(self, text: str, structure: Structure, mentions: list[Mention]) -> None:
        self.text = text
        self.structure = structure
        self.mentions = [m for m in mentions if m.kind in ("company", "product") and not self._comparison(m)]
        self._starts = [m.start for m in self.mentions]
        counts = Counter(m.company or m.name for m in self.mentions)
        self.default = counts.most_common(1)[0][0] if counts else None

    def _comparison(self, m: Mention) -> bool:
        before = self.text[max(0, m.start - 4) : m.start]
        return any(before.endswith(w) for w in _COMPARE_BEFORE)

    def _in(self, a: int, b: int) -> list[Mention]:
        i = bisect_left(self._starts, a)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < b:
            if self.mentions[i].end <= b:
                out.append(self.mentions[i])
            i += 1
        return out

    def at(self, pos: int) -> tuple[str | None, Mention | None]:
        """The company in effect at ``pos``: the last one named before it (for 公司/集团)."""
        i = bisect_left(self._starts, pos) - 1
        if i >= 0:
            m = self.mentions[i]
            return m.company or m.name, m
        return self.default, None

    def resolve(self, start: int, end: int, speaker_company: str | None) -> tuple[str | None, Mention | None]:
        """The company a claim at ``[start, end)`` is about, and the mention that says so."""
        sentence = self.structure.sentence_at(start)
        clause_start = self.structure.clause_start(start, sentence.start)
        in_clause = self._in(clause_start, start)
        if in_clause:
            if self._aggregate(in_clause, clause_start, start):
                return None, None
            m = in_clause[-1]
            return m.company or m.name, m
        before = self._in(sentence.start, clause_start)
        if before:
            subject = before[0]
            if self._aggregate(before, sentence.start, clause_start) and len({b.company for b in before}) > 1:
                return None, None
            return subject.company or subject.name, subject
        after = self._in(end, sentence.end)
        if after and not _AGGREGATE_WORDS.search(self.text, sentence.start, start):
            return after[0].company or after[0].name, after[0]
        if speaker_company is not None:
            return speaker_company, None
        if _AGGREGATE_WORDS.search(self.text, clause_start, start):
            return None, None
        clause_end = self.structure.clause_end(start, sentence.end)
        if market_terms().search(self.text, sentence.start, clause_end):
            return None, None
        company, mention = self.at(start)
        return company, mention

    def _aggregate(self, found: list[Mention], a: int, b: int) -> bool:
        if len({m.company or m.name for m in found}) < 2:
            return bool(_AGGREGATE_WORDS.search(self.text, found[-1].end, b))
        for x, y in itertools.pairwise(found):
            if (x.company or x.name) != (y.company or y.name) and self.text[x.end : y.start].strip() in _JOIN:
                return True
        return bool(_AGGREGATE_WORDS.search(self.text, a, b))
