"""Resolving period mentions against the publication date and the text's own context."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache

from .. import _resources
from ..attribution.lexicon import FiscalYear
from ..errors import ConfigError
from .festivals import festival_months
from .grammar import RawPeriod, fiscal_words
from .model import normalise

_SENTENCE_END = re.compile(r"[。！？\n]")
_SENTENCE_READ = 400  # characters of a sentence read for a forecast word (an unbroken run is not read whole)


@cache
def _forecast_words() -> re.Pattern[str]:
    """The words that make a figure a forecast: ``forecast_cues.tsv`` cues and the forecast verbs of
    ``reporting_verbs.tsv`` (有望, 可能, 预计…)."""
    cues = [r["word"] for r in _resources.table("forecast_cues.tsv", ("word", "kind")) if r["kind"] == "cue"]
    verbs = [
        r["verb"]
        for r in _resources.table("reporting_verbs.tsv", ("verb", "kind"))
        if r["kind"] == "forecast"
    ]
    return re.compile("|".join(map(re.escape, sorted({*cues, *verbs}, key=len, reverse=True))))


def as_date(published: date | datetime | str | None) -> date | None:
    """``published`` as a :class:`datetime.date` (ISO strings accepted); ``None`` stays ``None``."""
    if published is None or published == "":
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if isinstance(published, str):
        try:
            return date.fromisoformat(published.strip()[:10])
        except ValueError as exc:
            raise ConfigError(f"published must be an ISO date (YYYY-MM-DD), got {published!r}") from exc
    raise TypeError(f"published must be a date, datetime, ISO string or None, not {type(published).__name__}")


@dataclass(frozen=True, slots=True)
class Resolved:
    """A resolved period: the spec's string plus its parts."""

    year: int
    fiscal: bool = False
    quarter: int | None = None
    quarter_end: int | None = None
    half: int | None = None
    month: int | None = None
    month_from: int | None = None  # a run of months: month_from..month (after month: from the year before)

    @property
    def value(self) -> str:
        return normalise(
            self.year,
            fiscal=self.fiscal,
            quarter=self.quarter,
            quarter_end=self.quarter_end,
            half=self.half,
            month=self.month,
            month_from=self.month_from,
        )  # type: ignore[return-value]

    @property
    def granularity(self) -> str:
        if self.month is not None:
            return "months" if self.month_from not in (None, self.month) else "month"
        if self.quarter is not None:
            return "quarters" if self.quarter_end not in (None, self.quarter) else "quarter"
        return "half" if self.half is not None else "year"

    def end_month(self) -> int:
        if self.month is not None:
            return self.month
        if self.quarter is not None:
            return 3 * (self.quarter_end or self.quarter)
        if self.half is not None:
            return 6 * self.half
        return 12

    def shifted(self, years: int) -> Resolved:
        return Resolved(
            self.year + years,
            self.fiscal,
            self.quarter,
            self.quarter_end,
            self.half,
            self.month,
            self.month_from,
        )


def last_completed_quarter(published: date) -> Resolved:
    """The last quarter that ended before ``published``."""
    q = (published.month - 1) // 3  # quarters fully before this month's quarter
    return Resolved(published.year - 1, quarter=4) if q == 0 else Resolved(published.year, quarter=q)


def _year_for_undated(p: RawPeriod, published: date | None, fallback_year: int | None) -> int | None:
    """A year for 第二季度 / 3月 with no year: the publication year, or the year before when the
    period would start well after publication (a Q4 mentioned in March is last year's)."""
    if published is None:
        return fallback_year
    start_month = (
        p.month or (3 * p.quarter - 2 if p.quarter else None) or (6 * p.half - 5 if p.half else None)
    )
    if start_month is not None and start_month - published.month > 3:
        return published.year - 1
    end_month = (
        p.month
        or (3 * (p.quarter_end or p.quarter) if p.quarter else None)
        or (6 * p.half if p.half else None)
    )
    if (
        end_month is not None
        and end_month > published.month
        and not p.forecast
        and fallback_year is not None
        and fallback_year < published.year
    ):
        return fallback_year  # 前三季度 in January, in a text about last year: last year's, not one still to come
    if p.quarter == 1 and p.quarter_end == 3 and published.month <= _REPORTED_AHEAD and not p.forecast:
        return published.year - 1  # 首三季收入超40亿元 in January: the first three quarters last closed
    return published.year


_REPORTED_AHEAD = 3  # up to this month of publication, the first three quarters with no year are last year's


def says_fiscal(text: str) -> bool:
    """Whether a text speaks of fiscal years (财年, 财季, 财政年度…)."""
    return fiscal_words().search(text) is not None


def calendar_end(r: Resolved, calendar: FiscalYear | None) -> Resolved:
    """The calendar month a period ends in: FY2026Q3 of a February year end ends in November 2025."""
    if not r.fiscal or calendar is None or calendar.end_month == 12:
        return Resolved(r.year, month=r.end_month())
    months = r.end_month()  # months into the fiscal year (Q3: 9, H1: 6, the year: 12)
    end_year = r.year + (1 if calendar.named_by_start else 0)  # the calendar year the fiscal year ends in
    total = end_year * 12 + calendar.end_month - 1 - (12 - months)  # months since year 0, 0-based
    return Resolved(total // 12, month=total % 12 + 1)


_RESULTS_LAG = 2  # months after a quarter's end within which a forecast of it still awaits its results


class Resolver:
    """Turns :class:`RawPeriod` mentions into :class:`Resolved` periods, in text order.

    It keeps the *context*: the last period resolved without help from the
    context itself (explicit years, dates relative to publication). ``当季``,
    ``同期``, ``上年``, ``全年``, ``报告期末`` resolve against it.
    """

    def __init__(
        self,
        published: date | None,
        *,
        fiscal_year: int | None = None,
        fiscal_text: bool = False,
        calendar: FiscalYear | None = None,
        year_end_month: int | None = None,
        interim_run: Resolved | None = None,
    ) -> None:
        self.published = published
        # the six months a company's interim report covers when they do not end in June or December
        # (截至2020年9月30日止六个月: 2020-04/2020-09), for the text's 中期 and 上半年 with no year
        self.interim_run = interim_run
        # the month the text's year of results ends in (截至3月31日止年度: 3), for a company no calendar holds
        self.year_end_month = year_end_month
        self.context: Resolved | None = None
        self.point_month: Resolved | None = None  # the last month-end point read (10月末), for 当月
        self.fiscal_year = fiscal_year  # the text's own fiscal year, for 第二财季 before it is named
        self.fiscal_text = fiscal_text or fiscal_year is not None  # the text says 财年
        self.calendar = calendar  # the fiscal calendar of the company the text is about
        self.report: Resolved | None = None  # the period the text reports on, when known
        self.text = ""  # the document's text (for_document), to see where the context was set
        self.context_end = 0  # where the period that set the context ends
        # where the text's sentences end (。！？ or a line break), in order: read when first needed
        self._sentence_ends: list[int] | None = None

    @classmethod
    def for_document(
        cls,
        published: date | None,
        periods: list[RawPeriod],
        calendar: FiscalYear | None = None,
        text: str = "",
        fiscal_before: int | None = None,
    ) -> Resolver:
        """A resolver for a document's periods: its fiscal year is that of its first fiscal period
        that is not a comparison base (``2025财年``, then ``第二财季`` is FY2025Q2); ``calendar`` is
        the fiscal calendar of the company the document is about, used when the ``text`` says 财年.
        With ``fiscal_before``, only what stands before that offset (the lead) makes the text fiscal:
        for a company whose year ends in December, a 财年 further on is another company's."""
        framing = periods if fiscal_before is None else [p for p in periods if p.start < fiscal_before]
        # (截至2024年3月31日止年度, 财年 unwritten: a year of results that ends in March frames the text as FY2024)
        year_spans = [p for p in framing if p.year_span and p.month not in (None, 12) and not p.comparison]
        named: list[tuple[int, int]] = []  # (where, fiscal year) of a year of results, 财年 written or not
        for p in year_spans:
            if p.year is not None:
                named.append((p.start, p.year))
            elif p.year_from == "pub" and published is not None:
                named.append((p.start, published.year + p.year_offset))  # (截至今年6月30日止年度)
            elif p.year_from is None and p.month is not None and published is not None and not p.forecast:
                # (截至8月31日止的年度業績, no year: the last such year ended before publication)
                named.append((p.start, published.year if p.month < published.month else published.year - 1))
        first = next(
            ((p.start, p.year) for p in framing if p.fiscal and p.year is not None and not p.comparison), None
        )
        candidates = [c for c in (named[0] if named else None, first) if c is not None]
        fiscal_year = min(candidates)[1] if candidates else None  # the one named first frames the text
        fiscal_text = (
            any(p.fiscal for p in framing)
            or bool(year_spans)
            or says_fiscal(text if fiscal_before is None else text[:fiscal_before])
        )
        interim = next(
            (
                p
                for p in framing
                if p.span_months == 6 and p.month not in (None, 6, 12) and not p.comparison and not p.fiscal
            ),
            None,
        )
        interim_run = None
        if interim is not None and calendar is None and fiscal_year is None:
            year = interim.year
            dated_before = any(
                q.start < interim.start and (q.year is not None or q.year_from is not None) for q in framing
            )
            if year is None and published is not None:
                if interim.year_from == "pub" or (interim.year_from == "ctx" and not dated_before):
                    year = published.year + interim.year_offset  # (截至本年9月底止: no year before, this one)
                elif interim.year_from is None and interim.month is not None and not interim.forecast:
                    # (截至9月底止的六個月, no year: the last such six months ended before publication)
                    year = published.year if interim.month < published.month else published.year - 1
            if year is not None and interim.month is not None:
                # (six months to February: from the September before)
                interim_run = Resolved(year, month=interim.month, month_from=(interim.month - 6) % 12 + 1)
        resolver = cls(
            published,
            fiscal_year=fiscal_year,
            fiscal_text=fiscal_text,
            calendar=calendar,
            year_end_month=year_spans[0].month if year_spans else None,
            interim_run=interim_run,
        )
        resolver.text = text
        return resolver

    def _fiscal(self, year: int, month: int) -> tuple[int, int] | None:
        """The fiscal year and fiscal quarter holding calendar ``year``-``month``, in a text that says
        财年 about a company whose year does not end in December."""
        cal = self.calendar
        if not self.fiscal_text or cal is None or cal.end_month == 12:
            return None
        quarter = (month - cal.end_month - 1) % 12 // 3 + 1
        fy = year if month <= cal.end_month else year + 1  # named by the year it ends in
        return (fy - 1 if cal.named_by_start else fy), quarter

    def _year_end_month(self) -> int | None:
        """The month the fiscal year ends in: the company's calendar's, else the text's year of results
        (截至6月30日的财年); None when it ends in December or is unknown."""
        cal = self.calendar
        end = cal.end_month if cal is not None and cal.end_month != 12 else self.year_end_month
        return end if end != 12 else None

    def _fiscal_at_publication(self) -> int | None:
        """The fiscal year under way at publication, named by the year it ends in, from the company's calendar
        or the text's own year of results (截至3月31日止年度 published in June: the year ending next March)."""
        pub, cal = self.published, self.calendar
        end = cal.end_month if cal is not None and cal.end_month != 12 else self.year_end_month
        if pub is None or end is None or end == 12:
            return None
        fy = pub.year if pub.month <= end else pub.year + 1
        return fy - 1 if cal is not None and cal.end_month == end and cal.named_by_start else fy

    def _current_fiscal(self, ctx: Resolved | None) -> int | None:
        """The fiscal year 本财年 means when no fiscal period is in context: the one holding the calendar
        period in context (IDC's 第三季 -> FY2026 for a March year end), else (a headline's, before any
        period) the one under way at publication; None without the company's calendar."""
        if ctx is not None and ctx.fiscal:
            return None
        if ctx is not None:
            found = self._fiscal(ctx.year, ctx.end_month())
        else:
            found = self._fiscal(self.published.year, self.published.month) if self.published else None
        return found[0] if found is not None else None

    def _undated_fiscal_year(self, quarter: int, ahead: bool = False) -> int | None:
        """第二财季 with no year: the fiscal year of the last such quarter to end by publication; in a
        forecast (``ahead``: 预计第四财季…), of the next one, unless that quarter ended in the last two months."""
        cal, pub = self.calendar, self.published
        if cal is None or pub is None:
            return None
        end_month = (cal.end_month + 3 * quarter - 1) % 12 + 1
        year = pub.year if end_month <= pub.month else pub.year - 1
        if ahead and (pub.year - year) * 12 + pub.month - end_month > _RESULTS_LAG:
            year += 1  # (a quarter ended in the last two months awaits its results: still that one)
        found = self._fiscal(year, end_month)
        return found[0] if found is not None else None

    def context_year(self) -> int | None:
        if self.context is not None:
            return self.context.year
        return None

    def resolve(self, p: RawPeriod, *, local_year: int | None = None, update: bool = True) -> Resolved | None:
        """Resolve ``p``; ``local_year`` is an explicit year of the same sentence, if any."""
        r = self._resolve(p, local_year)
        if r is not None and update and (self._sets_context(p) or self._past_forecast(p, r)):
            self.context, self.context_end = r, p.end
        if r is not None and update and p.point and r.month is not None and not (p.comparison or p.forecast):
            self.point_month = Resolved(r.year, month=r.month)  # 截至10月末…，当月: that month
        return r

    @property
    def sentence_ends(self) -> list[int]:
        if self._sentence_ends is None:
            self._sentence_ends = [m.start() for m in _SENTENCE_END.finditer(self.text)]
        return self._sentence_ends

    def _sentence_end_between(self, a: int, b: int) -> bool:
        ends = self.sentence_ends
        i = bisect_left(ends, a)
        return i < len(ends) and ends[i] < b

    def _in_forecast_sentence(self, p: RawPeriod) -> bool:
        """Whether the sentence holding ``p`` says what is yet to happen (a forecast word anywhere in it)."""
        ends = self.sentence_ends
        i = bisect_left(ends, p.start)
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else len(self.text)
        return _forecast_words().search(self.text, start, min(end, start + _SENTENCE_READ)) is not None

    def _past_forecast(self, p: RawPeriod, r: Resolved) -> bool:
        """A forecast of a calendar year already over at publication (预计2022年度净利润…, in January 2023: a
        profit warning's preliminary results) frames the text as its results would."""
        pub = self.published
        return (
            p.forecast
            and pub is not None
            and not r.fiscal
            and r.granularity == "year"
            and r.year < pub.year
            and self._sets_context(replace(p, forecast=False))
        )

    @staticmethod
    def _sets_context(p: RawPeriod) -> bool:
        return (
            not p.local
            and not p.anchor
            and not p.comparison
            and not p.forecast
            and not p.explains
            and p.relative is None
            and p.year_from != "ctx"
            and not (p.year_from is not None and p.year_offset < 0)  # 去年…为X: a comparison, not the report
            and not (p.point and p.span_months is None and p.year is None and p.year_from is None)
        )

    def _resolve(self, p: RawPeriod, local_year: int | None) -> Resolved | None:
        pub, ctx = self.published, self.context
        if p.year_end is not None or p.years > 1:
            # 2025-2027年, 今明两年: several years; claims listed 分别 take one each (claims.period)
            return None
        if p.relative == "month_to_date":  # 十月至今, 2025年10月以来: the month to publication
            since = p.year if p.year is not None else (pub.year + p.year_offset if pub else None)
            if since is None or p.month is None:
                return None
            if pub is None or pub.year != since or pub.month < p.month:
                return None  # (a run across years has no one period here)
            if pub.month == p.month:
                return Resolved(since, month=p.month)
            return Resolved(since, month=pub.month, month_from=p.month)
        if p.relative is not None:
            kind = p.relative
            if kind == "same_period" and p.comparison:
                kind = "same_period_last_year"  # 较同期: the same period a year before
            if (
                kind == "last_quarter"
                and (p.comparison or (ctx is not None and ctx.fiscal))
                and ctx is not None
                and ctx.quarter is not None
            ):
                q = ctx.quarter - 1  # 较上一季度, 上一财季: the quarter before the one in context
                return Resolved(ctx.year - (q == 0), ctx.fiscal, quarter=q or 4)
            # 下一财季 / 下季度: the quarter after the one (or the run, 首三财季) in context, else after the
            # quarter reported
            after = ctx if ctx is not None and ctx.quarter is not None else self.report
            if kind == "next_quarter" and after is not None and after.quarter is not None:
                q = (after.quarter_end or after.quarter) % 4 + 1
                return Resolved(after.year + (q == 1), after.fiscal, quarter=q)
            if kind == "year_to_date":
                report = self.report
                if (
                    ctx is not None
                    and ctx.month is not None
                    and ctx.month_from is None
                    and report is not None
                    and report.year == ctx.year
                    and not report.fiscal
                    and (report.quarter is not None or report.half is not None)
                    and ctx.month <= report.end_month()
                ):
                    ctx = None  # 新工厂已于9月投产 in a Q1-Q3 report: a date inside the period reported
                frame = ctx if ctx is not None else report
                if frame is not None and frame.fiscal and frame.granularity == "year" and not p.forecast:
                    return Resolved(frame.year, True)  # 年內 in a fiscal year's results: that fiscal year
                return self._year_to_date(p, pub, ctx)
            if kind == "holiday" and (p.month is not None or p.festival is not None):
                dated = local_year or (
                    ctx.year if ctx is not None and not ctx.fiscal else pub.year if pub else None
                )
                return holiday_period(p, dated) if dated is not None else None
            report = self.report
            if (
                kind == "current_quarter"
                and report is not None
                and report.quarter_end not in (None, report.quarter)
            ):
                report = None  # 本季度 in a text on the first three quarters: the last quarter named
            if kind in ("current_quarter", "report_period") and report is not None:
                ctx = report  # 本季度, 期内: the period the text reports, not the last one it named
            if (
                kind == "same_period_last_year"
                and report is not None
                and ctx is not None
                and ctx.month is not None
                and ctx.month_from is None
                and not report.fiscal
                and (report.quarter is not None or report.half is not None)
                and (ctx.year, ctx.month) > (report.year, report.end_month())
            ):
                ctx = report  # 半年报于8月23日出炉。…上年同期为盈利…: the report's period a year before, not the day's
            return self._relative(kind, pub, ctx, self.point_month)
        fiscal = p.fiscal
        whole = not (p.quarter or p.half or p.month or p.point or p.year_edge)
        if p.year is None and p.year_from is not None and p.year_offset == -1 and whole and self.fiscal_year:
            # 去年 in a text about 财年: the fiscal year before the one in context
            prior = ctx.year if ctx is not None and ctx.fiscal else self.fiscal_year
            current = self._current_fiscal(ctx) if p.fiscal else None
            if current is not None:
                prior = current  # a headline's 上财年: the year before the one under way at publication
            return Resolved(prior - 1, fiscal=True)
        if (
            p.year is None
            and whole
            and p.year_offset == 0
            and (
                (p.year_from == "pub" and p.fiscal)
                or (p.year_from == "ctx" and p.forecast and ctx is not None and ctx.fiscal)
            )
            and (current := self._fiscal_at_publication()) is not None
            and (ctx is None or not ctx.fiscal or ctx.year <= current)
        ):
            # 本財政年度的資本開支預計…, 本年度…有望 after a fiscal year's results: the fiscal year under way
            return Resolved(current, fiscal=True)
        if p.year is not None:
            year: int | None = p.year
        elif p.year_from == "pub":
            year = pub.year + p.year_offset if pub else None
        elif (
            p.year_from == "ctx"
            and p.year_offset == 0
            and whole
            and not p.fiscal
            and p.forecast
            and ctx is not None
            and not ctx.fiscal
            and pub is not None
            and ctx.year < pub.year
        ):
            # 本年度公司将…，研发投入计划增加两成: a plan for the year under way, not the year reported
            year = pub.year
        elif p.year_from == "ctx":
            base = ctx.year if ctx else pub.year if pub else None
            if local_year is not None and p.year_offset in (-1, 0) and not p.fiscal:
                base = (
                    local_year  # 去年…，上年为…: the year before the one its sentence named; 当年: that year
                )
            if p.fiscal and not (ctx is not None and ctx.fiscal) and p.year_offset > 0 and self.fiscal_year:
                # 新财年 after a month of the year under way (今年9月新学年…，新财年): the year after the one reported
                base = self.fiscal_year
            elif p.fiscal and not (ctx is not None and ctx.fiscal):
                # 本财年, 下一财年 with no fiscal period in context: see _current_fiscal
                base = self._current_fiscal(ctx) or self.fiscal_year or base
            elif (
                p.fiscal
                and p.year_offset == 0
                and p.forecast
                and (current := self._current_fiscal(None)) is not None
            ):
                # 本财年 after results of a year already closed, in a forecast: the year under way at publication
                # (not 本财年节省成本约22亿美元 in a text on the year just closed: that year)
                base = max(base, current) if base is not None else current
            year = base + p.year_offset if base is not None else None
            fiscal = fiscal or bool(ctx and ctx.fiscal and p.whole_year)
        elif p.whole_year and not (p.quarter or p.half or p.month):
            # 全年: the context's year (fiscal when the context is), else the last full year
            if p.fiscal and not (ctx is not None and ctx.fiscal) and self.fiscal_year is not None:
                return Resolved(self.fiscal_year, fiscal=True)  # 全财年 after a calendar month: the text's
            if ctx is not None and p.forecast and pub is not None and not ctx.fiscal and ctx.year < pub.year:
                # 全年…预计将超过: a forecast for the year under way, not a past one
                return Resolved(pub.year)
            if (
                p.annual_report
                and ctx is not None
                and ctx.month is not None
                and ctx.month_from is None
                and ctx.month <= 6
                and (pub is None or ctx.year >= pub.year)  # (not a day read in last year's context)
            ):
                # 4月27日晚间披露年报: the report of the year before the date it came out
                return Resolved(ctx.year - 1, fiscal=ctx.fiscal)
            report = self.report
            if (
                report is not None
                and report.fiscal
                and report.granularity == "year"
                and ctx is not None
                and not ctx.fiscal
                and ctx.granularity != "year"
                and self.fiscal_year is not None
            ):
                # 該財年截至今年3月31日。…連同中期息，全年合共派息: the fiscal year reported, not a calendar
                # part's year
                return report
            if (
                p.annual_report
                and pub is not None
                and not (ctx is not None and ctx.fiscal)
                and (ctx is None or ctx.year >= pub.year)
            ):
                return Resolved(
                    pub.year - 1
                )  # 进入今年…。某某的年报显示: a year that has ended, not the one under way
            if local_year is not None and not (ctx is not None and ctx.fiscal) and not p.forecast:
                return Resolved(local_year)  # 公司去年毛利率…；全年经营现金流…: the year its sentence named
            if (
                ctx is not None
                and report is not None
                and report.granularity == "year"
                and not report.fiscal
                and not ctx.fiscal
                and ctx.granularity != "year"
                and ctx.year == report.year + 1
                and pub is not None
                and pub.year == ctx.year
                and not p.forecast
                and self._sentence_end_between(self.context_end, p.start)
                and not self._in_forecast_sentence(p)
            ):
                # (年报…；一季报同日出炉，今年1-3月…。线上渠道全年收入…: the year reported, named after the sentence
                # of the part of the year under way, which has no full year's figures yet)
                return report
            if ctx is not None:
                return Resolved(ctx.year, fiscal=ctx.fiscal)
            if report is not None and report.fiscal and report.granularity == "year":
                return report  # a headline's 全年 over a fiscal year's results: the year reported
            if self.fiscal_year is not None:
                return Resolved(self.fiscal_year, fiscal=True)  # a headline's 全年 in a 财年 text
            if pub is None:
                return None
            return Resolved(pub.year - 1 if pub.month <= 4 else pub.year)
        elif p.year_edge and p.fiscal and (end := self._year_end_month()) is not None:
            # 财年末: the end month of the fiscal year in context (or the text's), named by the year it ends in
            fy = ctx.year if ctx is not None and ctx.fiscal else self.fiscal_year
            if fy is None:
                return None
            cal = self.calendar
            named_by_start = cal is not None and cal.end_month == end and cal.named_by_start
            return Resolved(fy + 1 if named_by_start else fy, month=end)
        elif p.year_edge:
            # 年末 / 年初 with no year: the sentence's year, else the context's, else publication's
            year = local_year or (ctx.year if ctx else None) or (pub.year if pub else None)
        elif (
            p.half == 1
            and not p.has_year
            and p.year_from is None
            and self.interim_run is not None
            and not (ctx.fiscal if ctx is not None else self.fiscal_year)
        ):
            return self.interim_run  # 中期 in a text on the six months to September: those six months
        elif p.half is not None and not p.has_year and (ctx.fiscal if ctx is not None else self.fiscal_year):
            # 中期, 上半年 with no year in a 财年 text: the fiscal half (a headline's: the text's fiscal year)
            year, fiscal = (ctx.year if ctx is not None else self.fiscal_year), True
        elif p.fiscal and p.quarter is not None and ctx is not None and ctx.fiscal:
            year = ctx.year  # 第二财季 in a text about 2026财年
        elif p.fiscal and p.quarter is not None and self.fiscal_year is not None:
            year = self.fiscal_year  # a headline's 第二财季, before the body names the fiscal year
        elif p.fiscal and p.quarter is not None and self._undated_fiscal_year(p.quarter) is not None:
            year = self._undated_fiscal_year(p.quarter, p.forecast)  # 第二财季, from the company's calendar
        else:
            year = (
                local_year if local_year is not None else _year_for_undated(p, pub, ctx.year if ctx else None)
            )
        if year is None:
            return None
        if p.span_months is not None and p.month is not None:
            end_q = (p.month + 2) // 3
            fiscal_quarter = self._fiscal(year, p.month)
            if p.span_months == 3 and fiscal_quarter is not None:
                return Resolved(
                    fiscal_quarter[0], True, quarter=fiscal_quarter[1]
                )  # 截至9月30日止季度, FY ends March
            if p.span_months == 3:
                return Resolved(year, quarter=end_q)
            if p.span_months == 6 and fiscal_quarter is not None and fiscal_quarter[1] in (2, 4):
                return Resolved(
                    fiscal_quarter[0], True, half=fiscal_quarter[1] // 2
                )  # 截至9月底止六个月, FY ends March
            if p.span_months == 6 and p.month in (6, 12):
                return Resolved(year, half=p.month // 6)
            if p.span_months == 9 and fiscal_quarter is not None and fiscal_quarter[1] == 3:
                return Resolved(fiscal_quarter[0], True, quarter=1, quarter_end=3)
            if p.span_months == 9 and p.month == 9:
                return Resolved(year, quarter=1, quarter_end=3)
            if p.span_months in (6, 9):
                # 截至9月底止六个月 with no fiscal year: the run of months (2025-04/2025-09; to February, from the
                # September before: 2019-09/2020-02)
                return Resolved(year, month=p.month, month_from=(p.month - p.span_months) % 12 + 1)
            cal = self.calendar
            if (
                p.span_months == 12
                and cal is not None
                and cal.end_month == p.month != 12
                and not self.fiscal_text
            ):
                # 截至6月30日止年度 about a company whose year ends in June: its fiscal year, 财年 or not
                return Resolved(year - 1 if cal.named_by_start else year, True)
            if p.span_months == 12 and p.month != 12 and p.year_span:
                # 截至2024年3月31日止年度業績, no 财年 written: the year of results it ends, a fiscal year
                if fiscal_quarter is not None and fiscal_quarter[1] == 4:
                    return Resolved(fiscal_quarter[0], True)
                return Resolved(year, fiscal=True)
            if p.span_months == 12 and (p.month == 12 or self.fiscal_text):
                # 截至3月31日止12个月 in a text about 财年: the fiscal year; elsewhere, its last month
                if fiscal_quarter is not None and fiscal_quarter[1] == 4:
                    return Resolved(fiscal_quarter[0], True)
                return Resolved(year, fiscal=p.month != 12)
        cal = self.calendar
        if p.fiscal and p.point and p.quarter is None and p.half is None and cal and cal.end_month != 12:
            # 2026财年底: the month the company's fiscal year ends
            end_year = year + 1 if cal.named_by_start else year
            if p.month == 12:
                return Resolved(end_year, month=cal.end_month)
            return Resolved(end_year - 1, month=cal.end_month % 12 + 1)  # 财年初
        if p.month is not None:
            return Resolved(year, month=p.month, month_from=p.month_from)
        if p.quarter is not None:
            return Resolved(year, fiscal, quarter=p.quarter, quarter_end=p.quarter_end)
        if p.half is not None:
            return Resolved(year, fiscal, half=p.half)
        return Resolved(year, fiscal)

    @staticmethod
    def _year_to_date(p: RawPeriod, pub: date | None, ctx: Resolved | None) -> Resolved | None:
        """今年以来, 年初至今: in a text that reports months, January to the month it reports
        (2025-01/2025-11); a cumulative figure (年内累计), or 今年以来 opening its clause, runs to
        publication; otherwise, and in a forecast (年内将…), the year."""
        if pub is None:
            return None
        if p.forecast:
            return Resolved(pub.year)
        if ctx is not None and ctx.year == pub.year and ctx.month is not None and ctx.month <= pub.month:
            return Resolved(pub.year, month=ctx.month, month_from=1 if ctx.month > 1 else None)
        if p.cumulative:  # 年内累计上涨17%, 今年以来累计: January to publication
            return Resolved(pub.year, month=pub.month, month_from=1 if pub.month > 1 else None)
        if ctx is not None and ctx.granularity == "year" and not ctx.fiscal and ctx.year < pub.year:
            return Resolved(ctx.year)  # 公布截至2022年12月31日止年度業績。年內收入…: the year reported
        return Resolved(pub.year)

    @staticmethod
    def _relative(
        kind: str, pub: date | None, ctx: Resolved | None, point: Resolved | None = None
    ) -> Resolved | None:
        if kind == "current_quarter":
            if ctx is not None and ctx.quarter is not None and ctx.quarter_end in (None, ctx.quarter):
                return Resolved(ctx.year, ctx.fiscal, quarter=ctx.quarter)
            return last_completed_quarter(pub) if pub else None
        if kind in ("last_quarter", "next_quarter"):
            if pub is None:
                return None
            cur = last_completed_quarter(pub)
            if kind == "last_quarter":
                return cur
            q = cur.quarter + 2 if cur.quarter is not None else 1  # the quarter after the current one
            year = cur.year + (q - 1) // 4
            return Resolved(year, quarter=(q - 1) % 4 + 1)
        if kind == "same_period_last_year":
            return ctx.shifted(-1) if ctx else None
        if kind == "same_period":
            return ctx
        if kind == "per_period":
            return None
        if kind == "report_period":
            return ctx
        if kind == "report_end":
            return Resolved(ctx.year, month=ctx.end_month()) if ctx else None
        if kind == "single_month":  # 单月: the month the text is about, none outside a monthly report
            if ctx is None or ctx.month is None:
                return None
            return ctx if ctx.month_from is None else Resolved(ctx.year, ctx.fiscal, month=ctx.month)
        if kind == "this_month" and ctx is not None and ctx.month is not None:
            # 当月: the month the text is about (the last of a run: 1-11月…，当月 is November)
            return ctx if ctx.month_from is None else Resolved(ctx.year, ctx.fiscal, month=ctx.month)
        if kind == "this_month" and point is not None:
            return point  # 10月末…，当月新成立基金: the month of the point the text reports
        if kind == "this_month" and ctx is not None and ctx.half is not None and not ctx.fiscal:
            # 1-6月累计…。此外，当月…: a run of months read as a half; 当月 is its last month
            return Resolved(ctx.year, month=ctx.end_month())
        if kind == "now" or kind == "this_month":
            return Resolved(pub.year, month=pub.month) if pub else None
        if kind == "last_month" and pub is not None:
            return (
                Resolved(pub.year - 1, month=12)
                if pub.month == 1
                else Resolved(pub.year, month=pub.month - 1)
            )
        return None


def holiday_period(p: RawPeriod, year: int) -> Resolved | None:
    """The month (or months) of the holiday ``p`` names in ``year``: 国庆假期 -> October; 春节假期 -> the
    months of that year's Spring Festival holiday (2025-01/2025-02); None where the calendar table ends."""
    if p.festival is None:
        return Resolved(year, month=p.month, month_from=p.month_from) if p.month is not None else None
    months = festival_months(p.festival, year)
    if months is None:
        return None
    first, last = months
    return Resolved(year, month=last, month_from=first if first != last else None)
