"""The document model the resolvers read: built once per text, indexed for per-claim lookups.

:class:`Document` is what the stages hand over (cleaned text, quantities, period
mentions, entity mentions, the lexicon); :class:`DocModel` is built from it once:
sentences, clauses and quotations, every period mention with its role and its
resolved value, the period *frame* before each sentence, the reporting cues and
the quotations they cover, the company index, and a :class:`QContext` per claim
(its sentence, clause, list position). Every lookup a resolver makes is a bisect or
an index into these tables, so the cost per claim does not grow with its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

import regex

from .. import _resources
from .._spans import Matches
from .._words import Affixes, alternation, concrete_counters, list_links, word_set, words, words_pattern
from ..attribution.lexicon import FiscalYear, Lexicon
from ..attribution.mentions import Mention
from ..attribution.speakers import Cue, find_cues, quote_speakers
from ..attribution.structure import Sentence, Structure, lead_end, part_start
from ..attribution.unknown import release_adverbs, release_verbs
from ..cleaning import Cleaned
from ..periods.grammar import RawPeriod, bound_position
from ..periods.resolve import Resolved, Resolver, holiday_period
from ..quantities.grammar import Raw
from ..quantities.lexicon import cues, qualifiers
from .company import CompanyIndex
from .forecast import cue_words, not_cues

if TYPE_CHECKING:
    from collections.abc import Callable

_STRUCTURAL_MAX = 10
# How far before a claim its resolvers look for words and mentions within its clause or sentence: a
# bound that keeps the cost per claim constant on unpunctuated runs (scraped tables), and reaches
# further than any clause of running text.
REACH = 240
_FRAME_CANDIDATES = 6


@dataclass(slots=True)
class Document:
    """Everything the stages found, in clean-text offsets: the input of :func:`build_model`."""

    cleaned: Cleaned
    published: date | None
    quantities: list[Raw]
    periods: list[RawPeriod]
    mentions: list[Mention]
    lexicon: Lexicon
    structure: Structure | None = None
    metric: str = "rules"  # "rules" | "pkuseg": how the metric phrase is cut out


@dataclass(slots=True)
class QContext:
    """Where one claim's quantity stands: its sentence, clause and place in a list."""

    index: int
    q: Raw
    sentence: int  # index into ``structure.sentences``
    sentence_start: int
    sentence_end: int
    clause_start: int
    segment_start: int  # after the previous quantity of the same clause
    list_index: int = 0  # 146/132/151亿元 -> 0, 1, 2
    list_length: int = 1


@dataclass(slots=True)
class DocModel:
    """One document, read: the tables every field resolver looks things up in."""

    text: str  # the folded clean text all offsets index
    cleaned: Cleaned
    published: date | None
    lexicon: Lexicon
    structure: Structure
    mentions: list[Mention]
    quantities: list[Raw]  # the claims' quantities, in text order
    all_quantities: list[Raw]  # every quantity the stage read, claims or not
    contexts: list[QContext]
    periods: list[RawPeriod]
    resolved: dict[int, Resolved | None]  # id(RawPeriod) -> its value
    periods_by_sentence: dict[int, list[RawPeriod]]
    main_period: Resolved | None
    frames: list[Resolved | None]  # the period in effect before each sentence
    companies: CompanyIndex
    cues_by_sentence: dict[int, list[Cue]]
    cue_ends: dict[int, list[int]]  # per sentence, the running maximum of its cues' ends
    quoted: dict[tuple[int, int], Cue]
    metric_cutter: Callable[[str], str | None]
    mention_starts: list[int] = field(default_factory=list)
    calendar: FiscalYear | None = None  # the fiscal calendar of the company the text is most about
    period_starts: list[int] = field(default_factory=list)
    quantity_starts: list[int] = field(default_factory=list)  # the claims' quantities' starts, in order
    all_quantity_starts: list[int] = field(default_factory=list)  # every quantity's start, in order
    _matches: dict[object, Matches] = field(default_factory=dict)
    resolved_periods: dict[int, object] = field(default_factory=dict)  # claim index -> its PeriodResolution
    memo: dict[str, object] = field(default_factory=dict)  # what a resolver computes once per document
    # resolved fields of earlier claims that later ones may share (a list's metric, change)
    metrics: dict[int, str | None] = field(default_factory=dict)
    changes: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    # per sentence, the companies its claims resolved to so far (None: a market's or no one's)
    sentence_companies: dict[int, set[str | None]] = field(default_factory=dict)
    _market_sentences: dict[int, bool] = field(default_factory=dict)

    def market_sentence(self, s: int) -> bool:
        """Whether sentence ``s`` states a market's figures: all its claims are no company's, and a
        source speaks in it (据某机构统计，全港一手私宅成交…) or it goes on from such a sentence (of its
        paragraph, or the paragraph before when no company is named since)."""
        found = self._market_sentences.get(s)
        if found is None:
            found = self.sentence_companies.get(s) == {None} and (
                any(
                    c.speaker and c.company is None and not c.person for c in self.cues_by_sentence.get(s, ())
                )
                or (s > 0 and self.market_sentence(s - 1))
            )
            self._market_sentences[s] = found
        return found

    def same_paragraph(self, a: int, b: int) -> bool:
        sentences = self.structure.sentences
        return a >= 0 and sentences[a].paragraph == sentences[b].paragraph

    def sentence_periods(self, ctx: QContext) -> list[RawPeriod]:
        """The periods of the claim's sentence that end before it, within :data:`REACH`."""
        a = max(ctx.sentence_start, ctx.q.start - REACH)
        i = bisect_left(self.period_starts, a)
        j = bisect_left(self.period_starts, ctx.q.start)
        return [p for p in self.periods[i:j] if p.end <= ctx.q.start]

    def sentence_frame(self, ctx: QContext) -> list[RawPeriod]:
        """The first periods of the claim's sentence, which frame it (however far before the claim)."""
        return self.periods_by_sentence.get(ctx.sentence, [])[:_FRAME_CANDIDATES]

    def mentions_near(self, ctx: QContext) -> list[Mention]:
        """The mentions of the claim's sentence within :data:`REACH` of it, either side."""
        a = bisect_left(self.mention_starts, max(ctx.sentence_start, ctx.q.start - REACH))
        b = bisect_left(self.mention_starts, min(ctx.sentence_end, ctx.q.end + REACH))
        return self.mentions[a:b]

    def reach(self, ctx: QContext, floor: int) -> int:
        """Where a look back from the claim stops: ``floor``, or :data:`REACH` before the claim."""
        return max(floor, ctx.q.start - REACH)

    def in_forecast(self, ctx: QContext) -> bool:
        """Whether the claim stands after a forecast verb of its sentence (预计…, 有望…): a figure yet to
        happen (a bare 将 is not enough: 如果…将实现两位数增长 is a counterfactual)."""
        verbs = self.lexicon.forecast_verbs()
        future = _future_words()
        for a, b in self.matches(_forecast_cues(verbs)).within(
            self.reach(ctx, ctx.sentence_start), ctx.q.start
        ):
            word = self.text[a:b]
            if word not in future or any(v in word for v in verbs) or word in _expect_words():
                return True  # (我们预计…将恢复到…: the verb before the 将 makes it a forecast; 可望, 恐: expected)
        return False

    def matches(self, pattern: re.Pattern[str] | regex.Pattern[str]) -> Matches:
        """The matches of ``pattern`` over the document's kept text, found once."""
        found = self._matches.get(pattern)
        if found is None:
            spans = [
                m.span() for a, b in self.cleaned.kept_spans() for m in pattern.finditer(self.text, a, b)
            ]
            found = self._matches[pattern] = Matches(spans)
        return found


def is_claim(q: Raw) -> bool:
    """Whether a quantity is reported as a claim (durations, sizes and list-like counts are not)."""
    if q.kind in ("duration", "physical", "number") or q.bare:
        return False
    if q.kind != "count" or not q.chinese or q.scale != 1:
        return True
    if q.qualifier == "exact" and q.value is not None and q.value <= _STRUCTURAL_MAX:
        # 两家公司, 三件事: structure, not a claim; 四款新车, 三座工厂: things counted are
        return q.counted is not None and q.counted in concrete_counters()
    return not (q.qualifier == "range" and q.high is not None and q.high <= _STRUCTURAL_MAX)  # 几个


def _per_base(text: str, q: Raw) -> bool:
    """Whether a count is the base of a rate written after 每 (每10股派1.04元: per ten shares), no claim."""
    return q.kind == "count" and q.start > 0 and text.endswith(cues().get("per_word", ()), 0, q.start)


def is_sentence_period(p: RawPeriod) -> bool:
    """A period that frames its sentence (not attached to one number, a base, an anchor or clause-bound)."""
    return not p.local and not p.anchor and not p.comparison and not p.clause_scoped and not p.explains


def sets_frame(p: RawPeriod) -> bool:
    """A period that frames the sentences after its own: a sentence period of reported results
    (not a year before the publication's: 去年…为X is a comparison, not the report)."""
    return is_sentence_period(p) and not p.forecast and not (p.year_from is not None and p.year_offset < 0)


@cache
def _forecast_cues(verbs: frozenset[str]) -> regex.Pattern[str]:
    """Forecast verbs (``reporting_verbs.tsv``) and future markers (``function_words.tsv``), not inside a
    word that only holds one (饮料, 将近: ``forecast_cues.tsv`` kind ``not``)."""
    return regex.compile(
        f"(?:{words_pattern(not_cues())})(*SKIP)(*FAIL)|(?:{words_pattern({*verbs, *words('future')})})"
    )


@cache
def _expect_words() -> frozenset[str]:
    return frozenset(words("expect_modal"))


@cache
def _future_words() -> frozenset[str]:
    return frozenset(words("future"))


@cache
def _release_after_day() -> regex.Pattern[str]:
    """A verb of publishing right after a day, a time of day or an adverb between (晚间发布的, 公布, 本周基本披露)."""
    adverb = words_pattern(release_adverbs())
    return regex.compile(rf"(?:{alternation('time_of_day')}|{adverb})?(?:{words_pattern(release_verbs())})")


@cache
def _release_of_month() -> regex.Pattern[str]:
    """A verb of publishing and 的 right after a month, a part of the month between (下旬披露的)."""
    return regex.compile(rf"(?:{alternation('month_part')})?(?:{words_pattern(release_verbs())})的")


# 出口方面，: a short topic opening a sentence
_TOPIC_OPENING = regex.compile(r"\s*[^，,。；;：:！？\n\d]{1,6}方面[，,]")


@cache
def _release_of_report() -> regex.Pattern[str]:
    """A verb of publishing right after a month (an adverb between: 上月底已公布), then a results report a few words
    on (上月發布首季財報)."""
    results = words_pattern(words("results_noun"))
    adverb = words_pattern(release_adverbs())
    return regex.compile(
        rf"(?:{alternation('month_part')})?(?:{adverb})?(?:{words_pattern(release_verbs())})[了的]?"
        rf"[^，,。；;：:\n]{{0,6}}?(?:{results})"
    )


@cache
def _founding_after() -> regex.Pattern[str]:
    """A verb of founding or listing (role ``founding_verb``) and 的 a few words after a period; or a verb of
    starting up (role ``startup_verb``) and 的 right after a year (去年投产的某某原纸收入…; not what started up in
    the period: 1-10月新投产的产能, 上半年投产的3条生产线)."""
    return regex.compile(
        _founding_verb_after()
        + r"(?:(?:[^，,。；;：:\n的]{0,5}[所板])?的|[^，,。；;：:\n的]{0,5}[所板](?=[，,；;]))"
        + rf"|(?<=年)[^，,。；;：:\n的新]{{0,2}}(?:{alternation('startup_verb')})的(?![0-9０-９一二两兩三四五六七八九十])"
    )  # (8月中旬刚登陆深交所的: an exchange or board between; not 上市险企的; 2022年6月登陆深交所主板，)


@cache
def _founded_on() -> regex.Pattern[str]:
    """A verb of founding or listing and 于 right before a period (成立於1998年, 上市于2021年)."""
    return regex.compile(rf"(?:{alternation('founding_verb')})(?:于|於)$")


@cache
def _founded_in() -> regex.Pattern[str]:
    """A verb of founding or listing ending its clause a few words after a period (2018年在港上市。, 2021年在港上市，…)."""
    return regex.compile(_founding_verb_after() + r"(?=[。；;\n，,])")


def _founding_verb_after() -> str:
    """A few words after a period, then a verb of founding or listing (role ``founding_verb``)."""
    return rf"[^，,。；;：:\n的]{{0,8}}?(?:{alternation('founding_verb')})"


def _mark_roles(text: str, structure: Structure, periods: list[RawPeriod], lexicon: Lexicon) -> None:
    """Set each period's role: a forecast's period (a forecast verb before it in its sentence, or a
    future marker after it in its clause: 预计第四季度…, 第四季度收入将…) and a parenthetical that
    explains the period before it (2024财年(2023年7月到2024年6月底))."""
    if not periods:
        return
    cues = _forecast_cues(lexicon.forecast_verbs())
    spans = [m.span() for m in cues.finditer(text, periods[0].start - 200 if periods[0].start > 200 else 0)]
    starts = [a for a, _ in spans]
    future = _future_words()
    for i, p in enumerate(periods):
        sentence = structure.sentence_at(p.start)
        k = bisect_right(starts, p.start) - 1
        if k >= 0 and spans[k][0] >= sentence.start and text[spans[k][0] : spans[k][1]] not in future:
            p.forecast = True
        else:
            k = bisect_right(starts, p.end - 1)
            clause_end = structure.clause_end(p.end - 1, sentence.end)
            p.forecast = k < len(spans) and spans[k][1] <= clause_end
        if not p.forecast:
            # 争取今年内, 力争2025年: the period of a target, right after a verb of striving (role ``intent``)
            p.forecast = text[max(0, p.start - 4) : p.start].rstrip("在于於").endswith(words("intent"))
        if not p.forecast and p.fiscal and p.year_from == "ctx" and p.year_offset == 0:
            # 本財年資本開支預算約200億港元: this fiscal year's plan (role ``plan_noun``) is a forecast's period
            clause_end = structure.clause_end(p.end - 1, sentence.end)
            p.forecast = any(text.find(w, p.end, clause_end) >= 0 for w in words("plan_noun"))
        if not p.forecast and i > 0 and p.whole_year and p.year is None and periods[i - 1].forecast:
            # 力争2025年实现全年盈亏平衡: 全年 after a target's year in its clause is that target's year
            before = periods[i - 1]
            p.forecast = (
                before.year is not None and structure.clause_end(before.end - 1, sentence.end) >= p.start
            )
        if text.startswith(words("price_basis"), p.end):
            p.comparison = True  # 按照上年不变价计算的…总量: the prices it is counted at, a base
        if i > 0 and _explains(text, periods[i - 1], p):
            p.explains = True
        if _in_cause(text, structure, sentence, p):
            p.clause_scoped = (
                True  # 主要因上年防疫物资销售基数较高；…: a cause's period frames no clause after it
            )
        lead = text[max(0, p.start - 5) : p.start]
        if (
            lead.endswith(("到", "至"))
            and lead[:-1].endswith(words("lasting_verb"))
            and text[p.end : p.end + 1] in ("。", "！", "？", "”", "")
        ):
            # 更新需求至少能延续到2025年。: where a span ends, ending its sentence, frames no sentence after it (not
            # 补贴延续至2026年：对…: what follows it in its sentence)
            p.clause_scoped = True
        if _base_clause(text, sentence.start, periods[i - 1] if i > 0 else None, p):
            p.clause_scoped = (
                True  # 年内亏损1.36亿元，上年亏损2.05亿元，亏损同比收窄…: the base's clause only
            )
        if (
            _founding_after().match(text, p.end)
            or (
                p.year is not None
                and p.month is None
                and p.quarter is None
                and _founded_in().match(text, p.end)
            )
            # (某某成立於1998年，…: the year after a verb of founding and 于)
            or (
                p.year is not None
                and p.quarter is None
                and _founded_on().search(text, max(0, p.start - 8), p.start)
            )
        ):
            # 2022年在港上市的某某, 2018年在港上市。: when a company was listed or founded, no frame (a year
            # alone ending its sentence so; a day, 12月10日在港上市。, may be the news itself)
            p.anchor = True
        if p.day and _release_after_day().match(text, p.end):
            p.anchor = True  # 12月8日晚间发布的销售简报显示，11月当月…: the day a report came out, no frame
        elif p.month and not p.day and _release_of_month().match(text, p.end):
            p.anchor = True  # 从4月下旬披露的年报来看，…: the month a report came out, no frame
        elif p.relative in ("last_month", "this_month") and _release_of_report().match(text, p.end):
            p.anchor = True  # 上月發布首季財報，…: the month a report came out, not the figures' period
        nxt = periods[i + 1] if i + 1 < len(periods) else None
        if p.point and nxt is not None and text[p.end : nxt.start].strip(" ") in ("的", "止的", "止"):
            p.explains = True  # 截至今年9月底的2025/26财年上半年: the end of the period named after it
        if (
            nxt is not None
            and nxt.point
            and nxt.span_months is not None
            and p.quarter is None
            and p.half is None
            and p.month is None
            and text[p.end : nxt.start].strip(" ") in ("", "截至", "截止")
        ):
            p.explains = True  # 今年截至6月底止的半年: the year of the span after it, no frame of its own
        if (
            nxt is not None
            and p.year is not None
            and p.quarter is None
            and p.half is None
            and p.month is None
            and (nxt.quarter or nxt.half or nxt.month)
            and nxt.year is None
            and nxt.year_from is None
            and text[p.end : nxt.start].strip(" ") in ("，", ",")
        ):
            p.explains = True  # 进入2022年，一季度营业收入…: the year the quarter after it falls in, no frame


def _in_cause(text: str, structure: Structure, sentence: Sentence, p: RawPeriod) -> bool:
    """Whether ``p`` stands in a clause of cause: one that opens with a cause word (主要因上年…), holds one
    before the period after its subject (紙器事業受惠…客戶年底備貨，), or is 受…影响 as a whole
    (受去年5月至7月疫情三級警戒影響，; role ``cause_close``)."""
    clause = structure.clause_start(p.start, sentence.start)
    if text.startswith(words("cause_lead"), clause) and not text.startswith(words("not_cause"), clause):
        return True
    if any(text.find(w, clause, p.start) >= 0 for w in words("cause_lead") if len(w) > 1):
        return True
    end = structure.clause_end(p.end - 1, sentence.end)
    return text.startswith("受", clause) and text.endswith(words("cause_close"), 0, end)


def _explains(text: str, before: RawPeriod, p: RawPeriod) -> bool:
    """``p`` stands in a parenthesis right after ``before``: 2024财年（2023年7月到2024年6月底）,
    第四财季（截至9月底止季度）."""
    opening = text[before.end : p.start].strip(" ")
    noun = next((w for w in words("results_noun") if opening.startswith(w)), "")
    opening = opening[len(noun) :]  # 2025/26財年中期業績，即今年4月至9月: the report, then what it covers
    for point in words("point_before"):
        if opening.endswith(point) and len(opening) > len(point):
            opening = opening[: -len(point)]
            break
    if opening not in ("(", "（", "，即", "(即", "（即"):
        return before.explains and text[before.end : p.start].strip(" ") in (
            "",
            "到",
            "至",
            "-",
            "—",
            "~",
            "～",
        )
    return True


def _base_clause(text: str, sentence_start: int, before: RawPeriod | None, p: RawPeriod) -> bool:
    """Whether ``p``, last year alone (上年, 去年), opens a clause right after a clause of its sentence that stated a
    figure of a period named before it (年内亏损1.36亿元，上年亏损2.05亿元): the base of that figure, its own
    clause only."""
    return (
        p.year is None
        and p.year_from is not None
        and p.year_offset == -1
        and not (p.quarter or p.half or p.month or p.relative or p.comparison)
        and text[p.start - 1 : p.start] in ("，", ",")
        and (
            (
                before is not None
                and before.start >= sentence_start
                and before.year_offset != -1
                and any(ch.isdigit() for ch in text[before.end : p.start])
            )
            # (股東應佔溢利1,240萬港元，上年度則錄得虧損…: a figure before it and 则, whatever period frames it)
            or (
                text.startswith(words("contrast_after"), p.end)
                and any(ch.isdigit() for ch in text[sentence_start : p.start])
            )
        )
    )


def _resolve_periods(
    published: date | None,
    periods: list[RawPeriod],
    structure: Structure,
    calendar: FiscalYear | None,
    text: str,
    fiscal_before: int | None = None,
) -> dict[int, Resolved | None]:
    resolver = Resolver.for_document(published, periods, calendar, text, fiscal_before)
    explicit = [p for p in periods if p.relative is None and p.year_from != "ctx"]
    first = _resolve_once(Resolver.for_document(published, periods, calendar, text, fiscal_before), explicit)
    _span_defines_report(text, explicit, first)
    report = _main_period(explicit, first, text, published)
    named = _report_named_in_lead(text, published)
    if named is not None and _named_report_wins(report, named):
        report = named  # 交出三季报。报告期内…: an A-share third-quarter report covers Q1-Q3
    if report is not None and (report.month is None or report.month_from is not None):
        # a year's, a quarter's, a half's, Q1-Q3's or a span's results (截至9月30日止六个月): 期内 is that
        # period, not the last one named (…第四季度单季…。报告期内，公司累计发电量…: the year)
        resolver.report = report
    out: dict[int, Resolved | None] = {}
    year_in_sentence: dict[int, int] = {}
    year_part: dict[int, int] = {}  # a sentence -> the ；-part of the explicit year in year_in_sentence
    named_year: dict[int, int] = {}  # a sentence -> the year a relative year word (去年) of it named
    coming_half: dict[int, int] = {}  # the half of a coming year that lent its year (明年上半年)
    # sentences whose year in effect a coming year (明年) lent -> that year's ；-part
    coming_year: dict[int, int] = {}
    forecast_in_sentence: dict[tuple[int, int], Resolved] = {}  # (sentence, its ；-part) -> a forecast's year
    restore: tuple[int, Resolved | None, bool] | None = (
        None  # (sentence, context) to return to after a part's sentence
    )
    paragraph = -1
    for p in periods:
        s = structure.sentence_index(p.start)
        sp = (s, part_start(text, structure.sentences[s].start, p.start))
        if structure.sentences[s].paragraph != paragraph:
            paragraph = structure.sentences[s].paragraph
            if resolver.report is not None and p.relative in ("same_period", "report_period"):
                resolver.context = (
                    resolver.report
                )  # a new paragraph's 同期/期内 is the period the text reports
        reported = resolver.context
        if sp in forecast_in_sentence and (p.whole_year or p.relative is not None or p.year_offset == 0):
            # 2023年将…，预计全年…: the forecast's year (not past a ；: 明年销量有望…；预计公司全年…)
            resolver.context = forecast_in_sentence[sp]
        half = coming_half.get(s)
        inside = (
            half is None
            or p.quarter is None
            or 2 * half - 1 <= p.quarter <= (p.quarter_end or p.quarter) <= 2 * half
        )
        if restore is not None and restore[0] != s:
            if restore[1] is not None or not restore[2]:
                # 其中10月当月…。同期…: a part of the period reported frames its sentence only (a part with
                # nothing framed before it, 11月当月…。…当月…, is the month the text reports)
                resolver.context = restore[1]
            restore = None
        part = restore is None and is_part(text, p)
        if part or (restore is None and p.year_from is not None and p.year_offset > 0 and p.year is None):
            # (the context before a forecast of the sentence lent its own; a coming year, 明年…, frames
            # its own sentence only: 明年…恐再收窄。「全年…」 is this year)
            restore = (s, reported, part)
        if (
            s in coming_year
            and p.quarter is not None
            and p.year is None
            and published is not None
            and 3 * (p.quarter_end or p.quarter) >= published.month
        ):
            # 明年…可望年增一倍，第4季營收有望…: a quarter this year has not yet closed is this year's
            inside = False
        if s in coming_year and coming_year[s] != sp[1]:
            # 明年將新開…；她並透露，第三季新增…: a coming year lends its year in its ；-part only
            inside = False
        if (
            s in year_part
            and year_part[s] != sp[1]
            and p.quarter is not None
            and p.year is None
            and p.year_from is None
            and not (p.fiscal or p.forecast or p.comparison)
            and published is not None
            and year_in_sentence[s] < published.year
            and 3 * (p.quarter_end or p.quarter) < published.month
        ):
            # 2024年公司研发投入…；一季度综合毛利率为…, published in May: a past year's ；-part lends no year to a
            # quarter of the year under way that has already closed
            inside = False
        local = year_in_sentence.get(s) if inside else None
        if local is None and (p.whole_year or p.year_edge) and p.year is None and p.year_from is None:
            local = named_year.get(s)  # 去年…；全年…, 去年…，年末…: the year named before it in its sentence
            if (
                local is None
                and s - 1 in named_year
                and s not in year_in_sentence
                and structure.sentences[s - 1].paragraph == structure.sentences[s].paragraph
                and (
                    p.start - structure.sentences[s].start <= 2
                    # (…去年…。出口方面，全年行业出口额…: a short topic before it)
                    or _TOPIC_OPENING.fullmatch(text, structure.sentences[s].start, p.start) is not None
                )
            ):
                # 去年公司毛利率约…。全年经营性现金净流入…: a sentence opening on 全年 right after one that
                # named a past year relatively, in its paragraph, is that year
                local = named_year[s - 1]
        elif (
            local is None
            and p.year is None
            and p.year_from == "ctx"
            and p.year_offset in (-1, 0)
            and not p.fiscal
        ):
            # 去年占比…，上年为…: the year before the one its sentence named; 去年营收…；当年净利润…: that year
            local = named_year.get(s)
        # (今年1月以每股1.6港元在主板掛牌: a listing's month is no context for a year-ago period (去年…同期) after it)
        dated_listing = p.month is not None and not p.day and _dates_listing(text, p)
        # (…亏损2.71亿元，2021年则盈利3.05亿元。全年…, 而2022年亏损…: a year before the one in context, set
        # against it, frames no later sentence)
        earlier = _set_against(text, p, resolver.context)
        r = resolver.resolve(p, local_year=local, update=not (dated_listing or earlier))
        if sp in forecast_in_sentence and resolver.context is forecast_in_sentence[sp]:
            resolver.context = reported
        if p.forecast and r is not None and not p.comparison and not p.local:
            forecast_in_sentence[sp] = r
        out[id(p)] = r
        if (
            r is not None
            and p.year is None
            and p.year_from is not None
            and not (p.month or p.point or p.forecast or p.comparison or p.local)
            and not (p.fiscal or p.anchor or p.clause_scoped)  # (…，前一年则亏损…: a base's clause only)
        ):
            named_year.setdefault(s, r.year)  # (去年第4季…；全年稅後淨利…: a quarter's relative year too)
        # (自2024年第三季度以来…，较二季度: a point of reference sets no year)
        if (
            p.year is not None
            and not p.local
            and not p.comparison
            and not p.anchor
            and not p.fiscal
            and not earlier
        ):
            # (2025/26財政年度上半年（截至12月底止六個月）: a fiscal year lends no calendar year; 而2022年亏损…；每股收益…:
            # a year set against the one in context lends none to the ；-parts after it)
            year_in_sentence[s] = p.year
            year_part[s] = sp[1]
            coming_year.pop(s, None)
        elif (
            p.year_from == "pub"
            and p.year_offset < 0
            and p.point
            and r is not None
            and not p.comparison
            and s not in year_in_sentence
        ):
            year_in_sentence[s] = r.year  # 截至去年9月底，…；首九個月收入…: the nine months of that year
        elif (
            p.year_from == "pub"
            and p.year_offset > 0
            and r is not None
            and not r.fiscal
            and not p.local
            and not p.comparison
            and not p.anchor
        ):
            # 明年上半年…，第2季可望…: a quarter of that half is next year's (not 去年: often a base; and
            # not 延续至明年上半年，预估第四季…: a quarter outside the half is this year's)
            year_in_sentence[s] = r.year
            coming_year[s] = sp[1]
            if r.half is not None and r.quarter is None:
                coming_half[s] = r.half
    _name_windows(text, periods, out)
    _date_holidays(text, periods, out)
    _span_defines_report(text, periods, out)
    _sentence_quarters(structure, periods, out)
    _report_period_after(structure, periods, out)
    _year_to_point(structure, periods, out)
    _whole_of_named_year(structure, periods, out)
    _headline_fiscal(structure, periods, out, resolver.report)
    return out


def _headline_fiscal(
    structure: Structure, periods: list[RawPeriod], out: dict[int, Resolved | None], report: Resolved | None
) -> None:
    """An undated quarter or half in the headline with the label of the fiscal period the text reports
    (某某二季度营收… over 发布了2021财年第二季度的财报) is that fiscal period, not the calendar one."""
    if report is None or not report.fiscal or not structure.sentences:
        return
    first = structure.sentences[0]
    for p in periods:
        if p.start >= first.end:
            break
        r = out.get(id(p))
        if (
            r is not None
            and not r.fiscal
            and p.year is None
            and p.relative is None
            and (p.quarter, p.quarter_end, p.half) == (report.quarter, report.quarter_end, report.half)
            and (p.quarter is not None or p.half is not None)
        ):
            out[id(p)] = report


def _whole_of_named_year(
    structure: Structure, periods: list[RawPeriod], out: dict[int, Resolved | None]
) -> None:
    """全年 after a relative year earlier in its sentence (回顾上一财年，…全年收入; 去年公司全年…) is that year, within
    its ``；``-part (明年销量有望…；预计公司全年… is this year's again)."""
    named: dict[tuple[int, int], Resolved] = {}
    topics: dict[int, Resolved] = {}  # sentences a topic clause of a year opens (回顧去年，…；…全年…)
    text = structure.text
    for p in periods:
        sentence = structure.sentence_index(p.start)
        first = structure.sentences[sentence].start
        s = (sentence, part_start(text, first, p.start))
        r = out.get(id(p))
        if p.whole_year and p.year is None and p.year_from is None and (s in named or sentence in topics):
            out[id(p)] = named.get(s) or topics[sentence]
        elif (
            r is not None
            and r.granularity == "year"
            and p.year_from is not None
            and p.relative is None
            and not (p.comparison or p.local or p.anchor or p.whole_year or p.point)
        ):
            named[s] = r
            lead = text[first : p.start].strip(" 　")
            if (
                len(lead) <= _TOPIC_LEAD
                and text[p.end : p.end + 1] in "，,"
                and not any(c in lead for c in "，,")
            ):
                topics[sentence] = r  # 回顧去年，: the year the whole sentence looks back on


_PART_BREAKS = ("；", ";")
_TOPIC_LEAD = 3  # characters of a verb of looking (回顧, 纵观) before a year that is its sentence's topic
_UNTIL = ("截至", "截止", "至")


def _year_to_point(structure: Structure, periods: list[RawPeriod], out: dict[int, Resolved | None]) -> None:
    """截至10月8日，2025年度总票房…: a year after a date of that year earlier in its sentence runs from
    January to that date's month (``2025-01/2025-10``), and a run from January to publication stops there."""
    point: dict[int, Resolved] = {}  # sentence -> the date it is counted to
    point_end: dict[int, int] = {}
    text = structure.text
    for p in periods:
        s = structure.sentence_index(p.start)
        r = out.get(id(p))
        if r is None or p.comparison:
            continue
        if s in point and any(text.find(c, point_end[s], p.start) >= 0 for c in _PART_BREAKS):
            del point[s]  # …7,185家；今年展店目标…: a ；-part of its own is not counted to the date before
        if (
            p.quarter is not None
            and p.quarter > 1
            and p.quarter_end in (None, p.quarter)
            and text.endswith(_UNTIL, 0, p.start)
            and text.startswith(words("cumulative_after"), p.end)
        ):
            # 截至三季度累计经营性现金净流入…: a total from January to the quarter's end
            out[id(p)] = Resolved(r.year, r.fiscal, quarter=1, quarter_end=p.quarter)
            continue
        if p.point and r.month is not None and r.month_from is None and not r.fiscal:
            point[s] = r
            point_end[s] = p.end
        elif (
            s in point
            and r.granularity == "year"
            and not r.fiscal
            and not p.fiscal
            and (p.year is not None or p.year_from == "pub")
            and r.year == point[s].year
            and 1 < point[s].month < 12  # type: ignore[operator]
            and not _plan_after(text, p.end)  # (截至3月末，…，今年计划每股派…: the year's plan)
        ):
            out[id(p)] = Resolved(r.year, month=point[s].month, month_from=1)
        elif (
            s in point
            and r.month_from == 1
            and not r.fiscal
            and r.year == point[s].year
            and r.month is not None
            and r.month > point[s].month  # type: ignore[operator]
        ):
            # 截至11月28日，今年以来…: a run to publication stops at the date the figures are counted to
            month = point[s].month
            out[id(p)] = Resolved(r.year, month=month, month_from=1 if month and month > 1 else None)


@cache
def _plan_words() -> regex.Pattern[str]:
    """A forecast cue or noun (``forecast_cues.tsv`` kinds ``cue``, ``noun``: 将, 力争, 计划, 目标), a few characters
    before it allowed."""
    plans = words_pattern([*cue_words("cue"), *cue_words("noun")])
    return regex.compile(
        rf"\p{{Han}}{{0,4}}?(?:{plans})"
    )  # (今年展店目标: a few words of what is planned between)


def _plan_after(text: str, end: int) -> bool:
    """Whether a forecast cue or noun follows a period within a few characters (今年计划…, 今年展店目标…)."""
    return _plan_words().match(text, end) is not None


def _names_report(text: str, sentence: Sentence) -> bool:
    """Whether a sentence names a report of results (业绩, 财报: role ``results_noun``)."""
    return any(text.find(w, sentence.start, sentence.end) >= 0 for w in words("results_noun"))


def _report_period_after(
    structure: Structure, periods: list[RawPeriod], out: dict[int, Resolved | None]
) -> None:
    """期内 opening the sentence after one that names the quarter or half being reported (…发布第二财季
    业绩。期内收入…), or after a quarter or half its own sentence states figures of, is that period, whatever
    the document reports most."""
    named: dict[int, Resolved] = {}  # sentence -> the last quarter or half it reports
    stated: dict[int, Resolved] = {}  # sentence -> the last quarter or half it states figures of
    seen: set[int] = set()  # sentences with a period before the one being read
    reports: dict[int, bool] = {}  # sentence -> whether it names a report (read once per sentence)
    sentences = structure.sentences
    for p in periods:
        s = structure.sentence_index(p.start)
        r = out.get(id(p))
        if p.relative == "report_period" and s not in seen and s - 1 in named:
            if sentences[s - 1].paragraph == sentences[s].paragraph:
                out[id(p)] = named[s - 1]
        elif p.relative == "report_period" and s in stated:
            out[id(p)] = stated[s]  # 本年首季收入7.06亿元，…，期内利润…: the quarter its own sentence states
        elif (
            r is not None
            and (r.quarter is not None or r.half is not None)
            and sets_frame(p)
            and not p.forecast
            and p.relative is None
        ):
            if is_part(structure.text, p):
                named.pop(s, None)  # 第三季度单季营收…。期内…: a part of the period reported, not the report
                stated.pop(s, None)
            else:
                clause_end = structure.clause_end(p.end - 1, sentences[s].end)
                if any(ch.isdigit() for ch in structure.text[p.end : clause_end]):
                    stated[s] = r  # (not 一季度用电需求明显下滑，…: a quarter's own clause with no figure)
                else:
                    stated.pop(s, None)
                if s not in reports:
                    reports[s] = _names_report(structure.text, sentences[s])
                if reports[s]:
                    named[s] = r
                else:
                    named.pop(s, None)  # 第二季銷量按季增長…。集團期內…: a quarter inside the half reported
        seen.add(s)


def _sentence_quarters(
    structure: Structure, periods: list[RawPeriod], out: dict[int, Resolved | None]
) -> None:
    """单季, 当季 after a quarter named earlier in the sentence are that quarter (四季度…，单季增速…),
    and 去年同期 after one is that quarter a year before."""
    last: dict[int, Resolved] = {}  # sentence -> its last single quarter so far
    for p in periods:
        s = structure.sentence_index(p.start)
        r = out.get(id(p))
        if p.relative == "same_period_last_year" and s in last:
            out[id(p)] = last[s].shifted(-1)  # 本季度…从去年同期的X: a year before the sentence's quarter
        elif p.relative == "current_quarter" and s in last:
            out[id(p)] = last[s]
        elif (
            r is not None
            and r.quarter is not None
            and r.quarter_end in (None, r.quarter)
            and is_sentence_period(p)
        ):
            last[s] = r
        elif r is not None and p.relative == "holiday" and r.month is not None and not p.comparison:
            last[s] = r  # 2025年国庆档…，较去年同期: the holiday's month a year before
        elif r is not None and p.relative is None and is_sentence_period(p) and not p.comparison:
            last.pop(s, None)  # 第2季…；上半年營收…，去年同期: the half named since, not the quarter


def _date_holidays(text: str, periods: list[RawPeriod], out: dict[int, Resolved | None]) -> None:
    """A year written right before a holiday dates it, and the two are one period: 去年国庆假期 is
    last October."""
    for before, p in pairwise(periods):
        year = out.get(id(before))
        if p.relative != "holiday" or year is None or year.granularity != "year":
            continue
        if before.end == p.start or (p.start - before.end == 1 and text[before.end] == " "):
            dated = holiday_period(p, year.year)
            if dated is not None:
                out[id(p)] = out[id(before)] = dated  # (a named window is no year)


_SPAN_TO_REPORT = 8  # characters between a span's date and the report it defines (止六个月的)


def _span_defines_report(text: str, periods: list[RawPeriod], out: dict[int, Resolved | None]) -> None:
    """A span right before a report's period with no year of its own defines it: 截至2025年9月30日止六个月的
    中期业绩 is April to September, whatever 中期 alone would mean, and so is 中期 named again after it."""
    defined: Resolved | None = None
    first_defined = len(text)
    for p, q in pairwise(periods):
        r = out.get(id(p))
        if (
            r is None
            or not p.span_months
            or q.has_year
            or not (q.half is not None or q.quarter is not None or q.whole_year)
            or q.start - p.end > _SPAN_TO_REPORT
            or any(c in "，,。；;" for c in text[p.end : q.start])
        ):
            continue
        out[id(q)] = r
        if defined is None:
            defined, first_defined = r, q.start
    if defined is None or defined.month_from is None:
        return
    interim = _interim_words()
    for q in periods:  # 擬派中期股息: the interim named again is the run the span defined, not January-June
        if q.start > first_defined and not q.has_year and text[q.start : q.end] in interim:
            out[id(q)] = defined


@cache
def _interim_words() -> frozenset[str]:
    """The words for a half-year report (``period_spans.tsv`` rows of six months that count no months:
    中期, 中期业绩, 半年)."""
    rows = _resources.table("period_spans.tsv", ("word", "months"))
    return frozenset(
        r["word"] for r in rows if r["months"] == "6" and not any(c in r["word"] for c in "个個月")
    )


# a named window defined by the dates in its parenthesis: 2025年国庆黄金周期间（9月30日至10月8日）
_WINDOW_NAME = regex.compile(r"\s?([\p{Han}A-Za-z0-9“”\"]{1,8}?)\s?(?:期间|期間)?\s?[（(]\s?$")


_MAX_WINDOWS = 16  # named windows a text defines (bounds the look-up per period)
_UNDATED_WINDOW = regex.compile(r"[\p{Han}A-Za-z0-9]{1,8}$")  # the words before a window's parenthesis
_WINDOW_WORDS = ("期间", "期間", "档期", "檔期", "期")


def _undated_window(text: str, at: int) -> str:
    """The words right before a window's parenthesis at ``at`` when no year dates its name, its 期间 or
    档期 left out (公布雙11檔期（10月20日至11月11日） -> 公布雙11); empty if none."""
    before = text[max(0, at - 16) : at].rstrip()
    if not before.endswith(("（", "(")):
        return ""
    before = before[:-1].rstrip()
    for w in _WINDOW_WORDS:
        if before.endswith(w):
            before = before[: -len(w)]
            break
    m = _UNDATED_WINDOW.search(before)
    return m.group() if m is not None and len(m.group()) >= 2 else ""


def _recalled(text: str, at: int, words: str) -> str:
    """The longest start of ``text[at:]`` (two characters or more) that ends ``words``: the name a
    window was given without a year (公布雙11 … 今年雙11平均 -> 雙11)."""
    for n in range(min(len(words), 8), 1, -1):
        if words.endswith(text[at : at + n]):
            return text[at : at + n]
    return ""


def _name_windows(text: str, periods: list[RawPeriod], out: dict[int, Resolved | None]) -> None:
    """A year followed by a named event whose dates a parenthesis gives (今年国庆黄金周期间（9月30日
    至10月8日）) means those dates, there and wherever the same year and name recur (the dates
    outrank a holiday's month inside the name)."""
    windows: dict[tuple[int, str], Resolved] = {}
    defined: list[tuple[int, Resolved]] = []  # where each window's dates were given, in text order
    for i, p in enumerate(periods):
        r = out.get(id(p))
        if r is None or r.month is None:
            continue
        j = max(i - 1, 0)
        if periods[j].relative == "holiday" and j > 0:
            j -= 1  # 国庆黄金周 inside the name
        before = periods[j]
        year = out.get(id(before)) if i > 0 else None
        if year is None or year.granularity != "year" or r.year != year.year or p.start - before.end > 14:
            unnamed = _undated_window(text, p.start)
            if unnamed and r.year is not None and len(windows) < _MAX_WINDOWS:
                # 公布雙11檔期（10月20日至11月11日）: the name without a year, in the window's year;
                # a later 今年雙11 recalls it (the name is the end of the words before the parenthesis)
                windows[(r.year, "\0" + unnamed)] = r
                defined.append((p.start, r))
            continue
        m = _WINDOW_NAME.fullmatch(text, before.end, p.start)
        if m is not None and len(windows) < _MAX_WINDOWS:
            windows[(year.year, m.group(1))] = r
            defined.append((p.start, r))
    if not windows:
        return
    for i, p in enumerate(periods):
        if p.relative == "window_ref":
            # …期间（5月13日至6月18日）…。今年大促周期较去年延长: the window defined last before it, and a year
            # written right before it is that window's
            last = next((r for at, r in reversed(defined) if at < p.start), None)
            if last is not None:
                out[id(p)] = last
                prior = out.get(id(periods[i - 1])) if i > 0 else None
                if (
                    prior is not None
                    and prior.granularity == "year"
                    and prior.year == last.year
                    and periods[i - 1].end == p.start
                ):
                    out[id(periods[i - 1])] = last
            continue
        year = out.get(id(p))
        if year is not None and p.relative == "holiday":
            # 双11期间（10月14日至11月11日）…。双11期间，某平台…: a holiday named as a window recalls its dates
            for (y, name), r in windows.items():
                if name.startswith("\0"):
                    name = _recalled(text, p.start, name[1:])
                if y == year.year and name and text.startswith(name, p.start) and r != year:
                    out[id(p)] = r
                    break
            else:
                # 大促期间（10月14日至11月11日）… 双11监测数据: the one window the text dates that holds the
                # holiday's month is the holiday's
                holding = {
                    r
                    for _, r in defined
                    if r.year == year.year
                    and r.month_from is not None
                    and r.month is not None
                    and year.month is not None
                    and r.month_from <= year.month <= r.month
                }
                if len(holding) == 1:
                    out[id(p)] = holding.pop()
            continue
        if year is None or year.granularity != "year":
            continue
        at = p.end + (text[p.end : p.end + 1] == " ")
        for (y, name), r in windows.items():
            if name.startswith("\0"):
                name = _recalled(text, at, name[1:])
            if y == year.year and name and text.startswith(name, at):
                out[id(p)] = r
                for inner in periods[i + 1 : i + 3]:
                    if inner.end <= at + len(name):
                        out[id(inner)] = r  # the holiday inside the name


def _resolve_once(resolver: Resolver, periods: list[RawPeriod]) -> dict[int, Resolved | None]:
    """A first reading of the periods, in order, to find the one the text reports on."""
    return {id(p): resolver.resolve(p) for p in periods}


_MONTH_MAIN = 2  # times as often as any longer period, a month is the one a text reports on


def is_part(text: str, p: RawPeriod) -> bool:
    """A period named as a part of the one reported (其中第3季, 第3季单季, 第3季当季, 单季, 单看第3季,
    单季度来看，二季度): no vote for the main one."""
    before = text[max(0, p.start - 4) : p.start].rstrip("，, ")
    single = words("single_period")
    # (单季度来看，二季度…: a topic on a single period before it)
    topic = text[max(0, p.start - 8) : p.start].rstrip("，, ")
    look = next((w for w in words("topic_look") if topic.endswith(w)), "")
    return (
        before.endswith((*words("part_lead"), *words("single_lead")))
        or (look != "" and topic[: -len(look)].endswith(single))
        or text.startswith((*single, *words("single_after")), p.end)
        or text[p.start : p.end] in single
    )


@cache
def _cumulative_report() -> re.Pattern[str]:
    """A report named by the last quarter it covers from January (三季报), its year before it."""
    # (not 第三季度业绩: a single quarter's results, as US and Hong Kong listed companies report)
    return re.compile(rf"(?:(?P<year>20[0-9]{{2}})年)?(?<!第)(?:{alternation('cumulative_report')})")


# stock codes in the lead: listed in Hong Kong or the US (03896.HK, KC.US, NASDAQ: KC) or on a mainland exchange
_CODE_OUTSIDE = re.compile(
    r"[0-9]{4,5}\.HK|HK[0-9]{4,5}|[A-Z]{1,5}\.(?:US|O|N)\b|NASDAQ|NYSE|纳斯达克|纽交所"
)
_CODE_MAINLAND = re.compile(r"(?<![0-9])[0-9]{6}(?![0-9])|\.(?:SH|SZ|BJ)\b")


def _listed_outside(text: str, end: int) -> bool:
    """Whether the lead's stock codes are all Hong Kong or US ones: such a company reports single quarters
    (三季度业绩 is the third quarter's), where a mainland listing's third-quarter report covers Q1-Q3."""
    lead = text[:end]
    return _CODE_OUTSIDE.search(lead) is not None and _CODE_MAINLAND.search(lead) is None


def _report_named_in_lead(text: str, published: date | None) -> Resolved | None:
    """The periods a cumulative report named in the lead covers (2025年三季报 -> 2025Q1-Q3)."""
    end = _lead_end(text)
    m = _cumulative_report().search(text, 0, end)
    if m is None or (m.group().endswith(words("results_noun")) and _listed_outside(text, end)):
        return None
    year = int(m.group("year")) if m.group("year") else published.year if published is not None else None
    return Resolved(year, quarter=1, quarter_end=3) if year is not None else None


def _named_report_wins(found: Resolved | None, named: Resolved) -> bool:
    """Whether a cumulative report named in the lead (三季报 -> Q1-Q3) is the period the text reports
    rather than ``found``: none found, its last quarter (a headline's 三季度), or a month of its year (the
    release date, 10月27日晚间交出三季报)."""
    if found is None:
        return True
    if found.year != named.year or found.fiscal:
        return False
    return (found.quarter == 3 and found.quarter_end is None) or found.month is not None


def _lead_end(text: str) -> int:
    """The end of the lead (:func:`~claimkit.attribution.structure.lead_end`), 0 when the text has no full stop."""
    end = lead_end(text)
    return 0 if end is None else end


def _frames_text(p: RawPeriod, text: str | None) -> bool:
    """Whether ``p`` frames the sentences after it: :func:`sets_frame`, or a past year named as the results
    published (公布去年全年业绩: not a comparison, the report); not a month that dates a listing in its clause
    (今年1月以每股1.6港元在主板掛牌: role ``listing_verb``)."""
    if text is not None and p.month is not None and not p.day and _dates_listing(text, p):
        return False
    if sets_frame(p):
        return True
    return is_sentence_period(p) and not p.forecast and text is not None and _names_results(text, p.end)


_CLAUSE_STOP = re.compile(r"[，,。；;！？\n]")
_LISTING_REACH = 40  # characters of a clause between a month and the verb of listing that ends it


@cache
def _listing_end() -> re.Pattern[str]:
    """A verb of listing ending a clause, or an exchange or board after it (登陆创业板, 在港交所上市)."""
    return re.compile(rf"(?:{alternation('listing_verb')})(?:[^，,。；;：:\n]{{0,5}}[所板])?$")


def _dates_listing(text: str, p: RawPeriod) -> bool:
    """Whether the clause after ``p`` ends on a verb of listing (…今年1月以每股1.6港元在主板掛牌; a day, 将于12月17日…挂牌,
    is left to the caller)."""
    stop = _CLAUSE_STOP.search(text, p.end, p.end + _LISTING_REACH)
    if stop is None:
        return False
    # (今年3月登陆创业板: the exchange or board may end the clause after the verb)
    return _listing_end().search(text, p.end, stop.start()) is not None


def _names_results(text: str, end: int) -> bool:
    """Whether a results noun follows a period ending at ``end`` (a bracketed note may stand between)."""
    note = _NOTE.match(text[end : end + 40])
    at = end + (note.end() if note is not None else 0)
    at += text.startswith("的", at)  # 2021财年第二季度（截至…）的财报
    if not text.startswith(words("results_noun"), at):
        return False
    noun = next(w for w in words("results_noun") if text.startswith(w, at))
    return not text.startswith(words("report_name_tail"), at + len(noun))  # 三季度业绩报告: the Q3 report


def _day_of_lead(
    periods: list[RawPeriod],
    resolved: dict[int, Resolved | None],
    text: str,
    lead_end: int,
    published: date | None,
) -> Resolved | None:
    """A text that names no period it reports on but a day in its lead (台股昨日…, 今日收市) reports that day:
    its month frames the figures."""
    for p in periods:
        if p.start >= lead_end:
            break
        r = resolved.get(id(p))
        if (p.day or p.relative == "now") and r is not None and r.month is not None and not p.comparison:
            return Resolved(r.year, month=r.month)
    if published is None:
        return None
    if any(text.find(w, 0, lead_end) >= 0 for w in words("day_word")):
        return Resolved(published.year, month=published.month)
    day = _LEAD_DAY.search(text, 0, lead_end)  # 新华社大连12月9日电 9日，国内商品期货…: a wire's day
    if day is not None and 1 <= int(day.group(1)) <= 31:
        if int(day.group(1)) <= published.day:
            return Resolved(published.year, month=published.month)
        before = published.replace(day=1) - timedelta(days=1)  # 30日，… published on the 1st: last month
        return Resolved(before.year, month=before.month)
    return None


# a day of the month alone opening a clause of the lead (9日，…; 15日晚间，…), not a date's day (12月9日)
_LEAD_DAY = re.compile(r"(?:^|(?<=[\s）)，,。]))([0-9]{1,2})日(?=[，,]|[晚早上下]午?|收盘|晚间)")


def _main_period(
    periods: list[RawPeriod],
    resolved: dict[int, Resolved | None],
    text: str | None = None,
    pub_date: date | None = None,
) -> Resolved | None:
    """The period the document reports on: the first period named as the results published (发布第二财季
    业绩), else its most frequent sentence-level period; a month only when it is much more frequent than
    any longer period (a monthly statistic's report)."""
    counts: dict[Resolved, int] = {}
    first: dict[Resolved, int] = {}
    published: Resolved | None = None
    windows: set[Resolved] = set()
    points: set[Resolved] = set()  # months named only as a point (截至10月底, 年末)
    lead_end = _lead_end(text) if text is not None else 0
    for i, p in enumerate(periods):
        r = resolved.get(id(p))
        if r is None or not _frames_text(p, text) or (text is not None and is_part(text, p)):
            continue  # a part of the period reported is not what the text reports on
        if (
            pub_date is not None
            and not r.fiscal
            and (r.year, r.end_month()) > (pub_date.year, pub_date.month)
        ):
            continue  # (下半年我們會…, in August: a period not yet over is reported on by no one)
        if p.point and not (p.span_months is not None and r.month is None):
            # (截至2021年3月31日止年度, 截至6月30日止六個月: a span of results, the year or half it resolves to)
            if p.month is None or p.span_months is not None or r.month is None:
                continue
            r = Resolved(r.year, r.fiscal, month=r.month)  # 截至10月底: a month-end statistic's month
            points.add(r)
        if (
            published is None
            and text is not None
            and r.month is None
            and p.start < lead_end
            and _names_results(text, p.end)
        ):
            published = r  # 发布第二财季业绩 in the lead: the results the text says it reports
        counts[r] = counts.get(r, 0) + 1
        first.setdefault(r, i)
        if p.relative == "holiday":
            windows.add(r)  # 国庆假期: a named window the text reports on, not a month in passing
    if published is not None:
        return published
    if not counts:
        return None
    if max(counts, key=lambda r: (counts[r], -first[r])).granularity != "month":
        for p in periods:
            # (2019年全国…；协会称，去年…: a past year the text also names by its number is what it reports on,
            # each 去年 counted as well; not against a monthly report's month)
            r = resolved.get(id(p))
            if r in counts and p.year_from is not None and p.year_offset < 0 and is_sentence_period(p):
                counts[r] += not p.forecast
    best = max(counts, key=lambda r: (counts[r], -first[r]))
    if best in points and best.month == 12 and not best.fiscal:
        # (去年全国…规模约…；去年底…点位约…；年末…: last year's statistics, their year-end levels an aside: the year
        # the sentences name by 去年, when they name it as often)
        year = Resolved(best.year)
        past = sum(
            1
            for p in periods
            if resolved.get(id(p)) == year
            and p.year_from is not None
            and p.year_offset < 0
            and is_sentence_period(p)
            and not p.forecast
        )
        # (or the lead opens on that year, named twice or more: 去年城镇…规模…；…12月当月…；到去年末…)
        opening = next((p for p in periods if resolved.get(id(p)) is not None), None)
        leads = opening is not None and opening.start < lead_end and resolved.get(id(opening)) == year
        if past >= max(2, counts[best]) or (past >= 2 and leads):
            return year
    # (a run of months, 1—10月, is a cumulative period like a quarter: not a month in passing)
    coarse = {r: n for r, n in counts.items() if r.month is None or r in windows or r.granularity == "months"}
    if not coarse:
        return best
    top = max(coarse, key=lambda r: (coarse[r], -first[r]))
    if (
        top.granularity == "months"
        and best.granularity == "month"
        and (best.year, best.month) == (top.year, top.month)
        and counts[best] > counts[top]
    ):
        return best  # 11月份…；1-11月…: a monthly report, its year-to-date total an aside
    # a month mentioned in passing does not frame a quarter's results; a monthly report's month does
    return best if counts[best] >= _MONTH_MAIN * coarse[top] else top


def _frames(
    structure: Structure,
    periods_by_sentence: dict[int, list[RawPeriod]],
    resolved: dict[int, Resolved | None],
    main: Resolved | None,
    last: int,
) -> list[Resolved | None]:
    """The period in effect before each sentence up to ``last``: the last sentence-level period of
    the paragraph so far that is not named as a part of the one reported, else the document's main
    period (a new paragraph starts from it)."""
    frames: list[Resolved | None] = []
    state = main
    sentences = structure.sentences
    for s in range(last + 1):
        if s > 0:
            if sentences[s - 1].paragraph != sentences[s].paragraph:
                state = main
            else:
                months: set[tuple[int, int]] = set()  # the single months of flows this sentence named
                derived = structure.text.startswith(words("derived_lead"), sentences[s].start)
                parts: set[Resolved] = set()  # the parts this sentence named (第三季度单季…，当季…)
                opens = s - 1 == 0 or sentences[s - 2].paragraph != sentences[s - 1].paragraph
                for p in periods_by_sentence.get(s - 1, ()):
                    r = resolved.get(id(p))
                    if r is not None and is_part(structure.text, p):
                        parts.add(r)
                        continue
                    if in_record(structure.text, p) or _set_against(structure.text, p, state):
                        continue  # 创历史同期新高: the period dates a record, it frames nothing (nor 而2022年…)
                    if r in parts and p.relative is not None and not opens:
                        continue  # 当季 after 第三季度单季: the part again (11月当月，… opening a paragraph frames it)
                    if _frames_text(p, structure.text) and r is not None:
                        if not derived and _to_date(r) in months:
                            # 10月…；前10月累计…: the month stays the frame, the total is an aside (按此计算,
                            # a figure computed from the total, is the total's)
                            continue
                        state = r  # (其中第三季度单季…: a part of the period reported frames no more)
                        if r.granularity == "month" and not r.fiscal and not p.point:
                            months.add((r.year, r.month or 0))
        frames.append(state)
    return frames


def _set_against(text: str, p: RawPeriod, context: Resolved | None) -> bool:
    """Whether ``p`` is a year before the one in ``context`` set against it (而2022年亏损…, 2021年则盈利…: roles
    ``contrast_before``, ``contrast_after``): it frames nothing after it."""
    return (
        p.year is not None
        and context is not None
        and p.year < context.year
        and (
            text.startswith(words("contrast_after"), p.end)
            or text.endswith(words("contrast_before"), 0, p.start)
        )
    )


def in_record(text: str, p: RawPeriod) -> bool:
    """Whether ``p`` stands inside a record phrase (创历史同期新高: roles ``record_before``, ``record_after``)."""
    return text.endswith(words("record_before"), max(0, p.start - 3), p.start) and any(
        text.startswith(w, k) for k in range(p.end, p.end + 3) for w in words("record_after")
    )


def _to_date(r: Resolved) -> tuple[int, int] | None:
    """The year and last month of a calendar run from January (1-10月, 前三季度, 上半年): a year-to-date
    total's end; None for any other period."""
    if r.fiscal:
        return None
    if r.month is not None and r.month_from == 1 and r.month > 1:
        return r.year, r.month
    if r.quarter == 1 and r.quarter_end not in (None, 1):
        return r.year, 3 * r.quarter_end
    if r.half == 1 and r.month is None and r.quarter is None:
        return r.year, 6
    return None


# a note in brackets after a number does not break its list: 3.12亿元(人民币，下同)、5.86亿元
_NOTE = re.compile(r"^\s?[（(][^（()）]{1,12}[)）]")


def list_kind(q: Raw) -> str | None:
    """The kind a list's numbers share: a rate and a multiple are both changes (年增分別為38.2%及1.6倍)."""
    return "percent" if q.kind == "multiple" else q.kind


def _list_indexes(text: str, quantities: list[Raw]) -> list[int]:
    """Each quantity's place in a list of numbers (146/132/151亿元 -> 0, 1, 2)."""
    links = list_links()
    out = [0] * len(quantities)
    for i in range(1, len(quantities)):
        link = _NOTE.sub("", text[quantities[i - 1].end : quantities[i].start]).strip()
        if link not in links and 1 < len(link) <= 6:
            link = unqualified_link(link)  # 近六成和逾五成, 9%左右及20%左右: qualifiers do not break a list
        if link not in links and 1 < len(link) <= 6:
            # 分别同比增长1.2%和下降8.6%: the second number's own direction verb does not break the list
            verb = _direction_verbs().suffix(link, keep=1)
            if verb is not None:
                link = unqualified_link(link[: -len(verb)])
        if link in links and list_kind(quantities[i - 1]) == list_kind(quantities[i]):
            out[i] = out[i - 1] + 1
    return out


@cache
def _qualifier_words() -> tuple[Affixes, Affixes]:
    """Prefix and suffix qualifier words (``qualifiers.tsv``)."""
    prefix, suffix = qualifiers()
    return (
        Affixes(w for w, q in prefix.items() if q != "none"),
        Affixes(w for w, q in suffix.items() if q != "none"),
    )


@cache
def _direction_verbs() -> Affixes:
    """Verbs of a direction and basis words (``changes.tsv`` kinds ``direction``, ``basis``: 增长, 年增)."""
    rows = _resources.table("changes.tsv", ("word", "kind", "value"))
    kinds = ("direction", "basis")  # (年減9.8%、年增2.1%: Taiwan's 年增 is a basis with its direction)
    return Affixes(r["word"] for r in rows if r["kind"] in kinds)


def unqualified_link(link: str) -> str:
    """What joins two numbers once the second's prefix qualifier and the first's suffix one are taken off."""
    prefix, suffix = _qualifier_words()
    first = suffix.prefix(link)
    start = len(first) if first else 0
    last = prefix.suffix(link, keep=start)
    end = len(link) - len(last) if last else len(link)
    return link[start:end].strip()


def _list_lengths(indexes: list[int]) -> list[int]:
    """The length of the list each quantity belongs to."""
    lengths = [1] * len(indexes)
    i = len(indexes) - 1
    while i >= 0:
        n = indexes[i] + 1
        for j in range(i - n + 1, i + 1):
            lengths[j] = n
        i -= n
    return lengths


def _speaking_sources(mentions: list[Mention], cues: list[Cue]) -> set[int]:
    """The mentions of companies that are also sources (brokers) and speak as one in a cue."""
    starts: set[int] = set()
    by_speaker: dict[str, list[int]] = {}  # a speaker's cue starts, in order
    for c in sorted(cues, key=lambda c: c.start):
        if c.company is None and c.speaker is not None:
            starts.add(c.start)
            by_speaker.setdefault(c.speaker, []).append(c.start)
    out = set()
    for m in mentions:
        if m.source is None:
            continue
        if m.start in starts:
            out.add(id(m))
            continue
        # (某证券的观点相对谨慎。该行认为…: a broker the next sentence's 该行 speaks as, right after it)
        after = by_speaker.get(m.source, [])
        k = bisect_right(after, m.end)
        if k < len(after) and after[k] <= m.end + _PRONOUN_REACH:
            out.add(id(m))
    return out


_PRONOUN_REACH = 24  # characters between a broker and the 该行 after it that speaks as it


def _running_max(values: list[int]) -> list[int]:
    out, top = [], -1
    for v in values:
        top = max(top, v)
        out.append(top)
    return out


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _unbind(text: str, periods: list[RawPeriod], quantities: list[Raw]) -> None:
    """A period written right before a number that is no claim (明年22奈米出货…), or before a count
    that a noun follows (上半年150家证券公司…), frames its sentence rather than binding that number alone."""
    starts = {q.start: q for q in quantities}
    for p in periods:
        if not p.local:
            continue
        q = starts.get(bound_position(text, p))
        if q is None or not is_claim(q):
            p.local = False
        elif q.kind == "count" and q.counted in word_set("aggregate_count") and _HAN.match(text, q.end):
            p.local = False  # 上半年150家证券公司合计…: the count is part of the subject the period frames


def _stated_calendar(text: str, periods: list[RawPeriod], lead_end: int) -> FiscalYear | None:
    """The fiscal calendar the lead (before ``lead_end``) states for a company no lexicon dates: a year of results
    to a day (截至8月31日止的年度: the year ends in August), or a fiscal quarter or half with its months in brackets
    right after it (2025财年第三财季（4月至6月）: the year ends in September).
    None when the lead does not say so, or when the year it gives ends in December."""
    for p in periods:
        if p.start >= lead_end:
            break
        if p.year_span and p.month is not None and p.month != 12 and not p.fiscal:
            return FiscalYear(p.month)  # 截至8月31日止的年度業績: the year ends in August
    for p, months in pairwise(periods):
        if months.start >= lead_end:
            break
        # (4月至6月 reads as a calendar quarter: its last month)
        last = months.month or (3 * (months.quarter_end or months.quarter) if months.quarter else None)
        if not p.fiscal or months.fiscal or last is None or months.start - p.end > 3:
            continue
        if text[p.end : months.start] not in ("（", "(", "（截至", "(截至"):
            continue
        if p.quarter is not None and p.quarter_end in (None, p.quarter):
            left = 3 * (4 - p.quarter)
        elif p.half is not None:
            left = 6 * (2 - p.half)
        else:
            continue
        end = (last + left - 1) % 12 + 1
        return FiscalYear(end) if end != 12 else None
    return None


def _name_spans(mentions: list[Mention]) -> list[tuple[int, int]]:
    """Where companies' and products' names stand, in text order."""
    return sorted((m.start, m.end) for m in mentions if m.kind in ("company", "product"))


def _in_name(spans: list[tuple[int, int]], q: Raw) -> bool:
    """Whether a quantity lies inside a company's or product's name, the name going on past it (吉林某台农村商业银行:
    a place's numeral and measure, no count)."""
    k = bisect_right(spans, (q.start, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= q.start and q.end < spans[k][1]


def build_model(doc: Document) -> DocModel | None:
    """The document model of ``doc``, or ``None`` when it holds no claim."""
    text = doc.cleaned.folded
    name_spans = _name_spans(doc.mentions)
    quantities = [
        q for q in doc.quantities if is_claim(q) and not _per_base(text, q) and not _in_name(name_spans, q)
    ]
    if not quantities:
        return None
    structure = doc.structure or Structure(text)
    companies = CompanyIndex(text, structure, doc.mentions, doc.lexicon.parents)
    calendar = doc.lexicon.fiscal.get(companies.main) if companies.main is not None else None
    _unbind(text, doc.periods, doc.quantities)
    _mark_roles(text, structure, doc.periods, doc.lexicon)
    # a text about a company whose year ends in December is fiscal only if its lead says 财年
    december = companies.main is not None and calendar is None and companies.main in doc.lexicon.companies
    lead_end = structure.sentences[min(2, len(structure.sentences) - 1)].end if structure.sentences else 0
    stated = _stated_calendar(text, doc.periods, lead_end) if calendar is None else None
    if stated is not None:
        calendar, december = stated, False
    resolved = _resolve_periods(
        doc.published, doc.periods, structure, calendar, text, lead_end if december else None
    )
    periods_by_sentence: dict[int, list[RawPeriod]] = {}
    for p in doc.periods:
        periods_by_sentence.setdefault(structure.sentence_index(p.start), []).append(p)
    main = _main_period(doc.periods, resolved, text, doc.published)
    named = _report_named_in_lead(text, doc.published)
    if named is not None and _named_report_wins(main, named):
        main = named  # 交出三季报 with a headline on the third quarter: the report frames its paragraphs
    if main is None or (
        main != named and not any(p.start < lead_end and resolved.get(id(p)) == main for p in doc.periods)
    ):
        # (昨日公布配發結果…。招股文件顯示，…首九個月…: a period first named after the lead is background)
        main = _day_of_lead(doc.periods, resolved, text, lead_end, doc.published) or main

    contexts: list[QContext] = []
    indexes = _list_indexes(text, quantities)
    lengths = _list_lengths(indexes)
    prev_end_in_clause: dict[int, int] = {}
    for i, q in enumerate(quantities):
        s = structure.sentence_index(q.start)
        sentence = structure.sentences[s]
        clause_start = structure.clause_start(q.start, sentence.start)
        segment_start = max(clause_start, prev_end_in_clause.get(clause_start, clause_start))
        prev_end_in_clause[clause_start] = q.end
        contexts.append(
            QContext(
                i, q, s, sentence.start, sentence.end, clause_start, segment_start, indexes[i], lengths[i]
            )
        )
    frames = _frames(structure, periods_by_sentence, resolved, main, contexts[-1].sentence)

    cues = find_cues(text, structure, doc.mentions, doc.lexicon, companies.at, doc.cleaned.kept_spans())
    quoted = quote_speakers(text, structure, cues, doc.mentions, doc.lexicon)
    speaking = _speaking_sources(doc.mentions, cues)
    if speaking:  # 招商证券预计，公司全年…: a broker speaking as a source is not the claims' company
        mentions = [m for m in doc.mentions if id(m) not in speaking]
        companies = CompanyIndex(text, structure, mentions, doc.lexicon.parents)
    cues_by_sentence: dict[int, list[Cue]] = {}
    for c in cues:
        cues_by_sentence.setdefault(structure.sentence_index(c.start), []).append(c)
    for c in cues:
        if (
            c.turn and c.scope_end > c.end
        ):  # 某某：…。…: an answer's speaker states every sentence of the turn
            first, last = structure.sentence_index(c.start), structure.sentence_index(c.scope_end - 1)
            for s in range(first + 1, last + 1):
                cues_by_sentence.setdefault(s, []).insert(0, c)

    if doc.metric == "pkuseg":
        from ..attribution.wordseg import metric_with_words  # loads the shipped model on first use

        cutter = metric_with_words
    else:
        from .metric import strip_metric

        cutter = strip_metric

    return DocModel(
        text=text,
        cleaned=doc.cleaned,
        published=doc.published,
        lexicon=doc.lexicon,
        structure=structure,
        mentions=doc.mentions,
        quantities=quantities,
        all_quantities=doc.quantities,
        contexts=contexts,
        periods=doc.periods,
        resolved=resolved,
        periods_by_sentence=periods_by_sentence,
        main_period=main,
        calendar=calendar,
        frames=frames,
        companies=companies,
        cues_by_sentence=cues_by_sentence,
        cue_ends={s: _running_max([c.end for c in cs]) for s, cs in cues_by_sentence.items()},
        quoted=quoted,
        metric_cutter=cutter,
        mention_starts=[m.start for m in doc.mentions],
        period_starts=[p.start for p in doc.periods],
        quantity_starts=[q.start for q in quantities],
        all_quantity_starts=[q.start for q in doc.quantities],
    )
