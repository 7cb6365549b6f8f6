"""Text structure the attribution rules need: paragraphs, sentences, clauses and quotations."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from .._words import alternation

_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』]?|\n|$)")
# a wide space between two words of a headline (after a non-ASCII character or a %, before a non-ASCII one)
HEADLINE_GAP = re.compile(r"(?<=[^\x00-\x7f]|%)[ \u3000]{1,4}(?=[^\x00-\x7f\s])")  # (after 1.52% too)
_CLAUSE_BREAK = re.compile(r"[，；;：]|(?<![0-9])[,:]|[,:](?![0-9])")  # not 1,032.6 or 16:52
# Quotations: Chinese quotes may stay open to the end of the paragraph (a cut-off excerpt).
# 分区域看，… 按产品划分，… 从结构来看，…: a lead that breaks down the figures just given
BREAKDOWN_LEAD = re.compile(r"(?:分|按|從|从)[\u4e00-\u9fff]{1,6}?(?:来|來)?(?:看|划分|劃分)[，,：:]")
_QUOTE = re.compile(r"“[^“”\n]{1,3000}(?:”|(?=\n)|$)|「[^「」\n]{1,3000}(?:」|(?=\n)|$)|\"[^\"\n]{1,3000}\"")


@cache
def _glued_tag() -> re.Pattern[str]:
    """A news tag ending a headline glued to the body: 财经网讯 12月4日, 本网讯（记者…） (the reporter's titles:
    ``function_words.tsv`` role ``narrator_title``)."""
    return re.compile(
        rf"[讯訊](?=[ 　]+[0-9０-９]{{1,2}}月|[（(](?:{alternation('narrator_title')}))"
        r"|(?<=[0-9０-９][日号號])[讯訊](?=[ 　])"  # 某某财经网 11月2日讯 某某…: the dateline's day ends the tag
    )


def lead_end(text: str) -> int | None:
    """The end of the lead: the paragraph that holds the text's first full stop (a headline has none); None
    when the text has no full stop."""
    stop = text.find("。")
    if stop < 0:
        return None
    end = text.find("\n", stop)
    return len(text) if end < 0 else end


def part_start(text: str, floor: int, pos: int) -> int:
    """Start of the ``；``-part of a sentence holding ``pos`` (``floor``: the sentence's start, or
    how far back to look)."""
    return max(text.rfind("；", floor, pos), text.rfind(";", floor, pos), floor - 1) + 1


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


class Structure:
    """Sentences, clause breaks and quotations of a clean text, with fast lookups by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        sentences: list[Sentence] = []
        self.glued_headline_end = 0  # where a headline glued to the body by a portal's tag ends (0: none)
        paragraph = 0
        for m in _SENTENCE.finditer(text):
            a, b = m.span()
            if a == b:
                continue
            if text[a:b].strip():
                # 某某营收增超三成财经网讯 12月4日，…: a glued headline ends at the portal's tag
                tag = _glued_tag().search(text, a, b) if not sentences else None
                if tag is not None:
                    sentences.append(Sentence(a, tag.end(), paragraph))
                    a = self.glued_headline_end = tag.end()
                sentences.append(Sentence(a, b, paragraph))
            if text[b - 1 : b] == "\n":
                paragraph += 1
        self.sentences = sentences
        self._starts = [s.start for s in sentences]
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
        if sentences and "。" not in text[sentences[0].start : sentences[0].end]:
            # a headline's halves, set apart by a wide space, are two clauses (某行不良率为1.52% 前三季度净利润…)
            first = sentences[0]
            gaps = [m.start() for m in HEADLINE_GAP.finditer(text, first.start, first.end)]
            if gaps:
                self.breaks = sorted(self.breaks + gaps)
        self.quotes = [m.span() for m in _QUOTE.finditer(text)]
        self._quote_starts = [a for a, _ in self.quotes]

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (the last one starting at or before it)."""
        return max(0, bisect_right(self._starts, pos) - 1)

    def sentence_at(self, pos: int) -> Sentence:
        return self.sentences[self.sentence_index(pos)]

    def clause_start(self, pos: int, floor: int) -> int:
        """Start of the clause holding ``pos``: after the last clause break before it, not before ``floor``."""
        k = bisect_right(self.breaks, pos - 1) - 1
        if k >= 0 and self.breaks[k] >= floor:
            return self.breaks[k] + 1
        return floor

    def clause_end(self, pos: int, ceiling: int) -> int:
        k = bisect_right(self.breaks, pos)
        if k < len(self.breaks) and self.breaks[k] < ceiling:
            return self.breaks[k]
        return ceiling

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation holding ``pos``, if any."""
        k = bisect_right(self._quote_starts, pos) - 1
        if k >= 0 and self.quotes[k][0] < pos < self.quotes[k][1]:
            return self.quotes[k]
        return None
