"""The period resolver: which period a claim is about.

In order: a period written right before the number (``去年同期7460万``); a range of
years listed ``分别``; nothing for a window of several years or a rate per period;
a clause-scoped period of the claim's clause (``去年同期为…``); the latest period of
the claim's ``；``-segment, else its sentence's frame; a share figure's publication
month; else the period the paragraph has set (:attr:`DocModel.frames`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import NamedTuple

from .._words import alternation, word_set, words
from ..attribution.structure import BREAKDOWN_LEAD, Structure, part_start
from ..periods.grammar import RawPeriod
from ..periods.resolve import Resolved, calendar_end
from ..quantities.grammar import Raw
from ..quantities.lexicon import cues, money_nouns
from .concept import names_flow
from .document import DocModel, QContext, in_record, is_part, is_sentence_period, unqualified_link
from .forecast import cue_words

# two or more (a window of one period, 过去一个季度, is that period)
_N = r"(?:(?!一(?![二两兩三四五六七八九十百]))[一二两兩三四五六七八九十百]+|(?<![0-9A-Za-z])(?:[2-9]|[1-9][0-9]))"
_N_FIRST = "一二两兩三四五六七八九十百123456789"  # every character _N can start with


def _starts_with(words_: tuple[str, ...], also: str = "") -> str:
    """A lookahead for the first characters of ``words_`` (and ``also``): what a match of a pattern that
    starts with one of them must start with, which lets ``re`` skip to such characters when the
    pattern itself opens with a lookaround. Empty (no test) if a word is empty."""
    if any(not w for w in words_):
        return ""
    return "(?=[" + "".join(re.escape(ch) for ch in sorted({w[0] for w in words_} | set(also))) + "])"


@cache
def _window() -> re.Pattern[str]:
    """A window of several periods: 过去四季, 近五年, 未来三年, 十年来, 三年累计, 3年达到."""
    return re.compile(
        _starts_with(words("window_before"), _N_FIRST)
        + rf"(?:(?:{alternation('window_before')})\s?(?:{alternation('window_filler')})?{_N}\s?[个個]?(?:年|季度|季|月)(?![度份底末初])"
        # 未来几年, 过去数年 (not 近几个月: a recent time, not a window of its own)
        + rf"|(?:{alternation('window_before')})\s?[几幾数數]年(?![度份底末初])"
        # 十年来, 3年达到, 五个季度累计 (二季度以来 is a point: since the second quarter)
        + rf"|{_N}\s?(?:年|[个個](?:年|季度))\s?(?:{alternation('window_after')}))"
    )


@cache
def _one_window() -> re.Pattern[str]:
    """The twelve months or the month before (过去一年, 过去这一年, 近一个月): no calendar period, but only
    for its own clause or a topic clause it leads (过去这一年当中，…); 最近一季 is the last quarter."""
    return re.compile(
        rf"(?:{alternation('window_before')})\s?(?:{alternation('window_filler')})?一\s?(?:年|[个個]月)(?![度份底末初])"
    )


@cache
def _season() -> re.Pattern[str]:
    """A named season of several months (冬春航季: ``function_words.tsv`` role ``season_window``)."""
    return re.compile(alternation("season_window"))


@cache
def _ratio_base() -> re.Pattern[str]:
    """A verb of a ratio before a period (是去年同期的2.4倍, 為2018年同期的108%)."""
    return re.compile(
        rf"(?:{alternation('base_verb')}|达|達|至|到)"
        r"[0-9０-９一二三四五六七八九十〇零年月季度上下半去今同期财財Q ]*$"
    )


@cache
def _since_launch() -> re.Pattern[str]:
    """A period counted from a launch: 上线首月, 开售首日, 上映后第二周 (not a calendar period; but
    2月上市首日 is a day of February)."""
    return re.compile(
        _starts_with(words("launch_verb"))
        + rf"(?<![月日])(?:{alternation('launch_verb')})(?:[后後]的?)?(?:首|次|[第前首]{_N})[个個]?(?:日|天|周|週|月|季|年)(?![度份底末初])"
    )


_ANNUAL_AFTER = re.compile(r"的?(?:年度|全年)")
_YEAR_LIST = re.compile(r"(?<![0-9])(?:(?:19|20)[0-9]{2}\s?(?:[、,，/]|和|及|与|與)\s?){1,5}$")


@cache
def _results_name() -> re.Pattern[str]:
    """A results report's noun right after a period (三季度业绩, 半年报, 三季度“成绩单”): the period names the report."""
    return re.compile(f'的?[“"「『]?(?:{alternation("results_noun")})')


@cache
def _role(role: str) -> re.Pattern[str]:
    """The words of one ``function_words.tsv`` role as a pattern (share_price, point_basis, dividend…); a share
    price also by a day's close: a day or the session's end (role ``close_lead``), 收 and a price (某某昨日收18.65元,
    終場收52元; not 昨日收市後)."""
    close = (
        rf"|(?:(?:{alternation('close_lead')})|[0-9０-９]{{1,2}}日)收(?=[0-9０-９])"
        if role == "share_price"
        else ""
    )
    return re.compile(alternation(role) + close)


class PeriodResolution(NamedTuple):
    value: Resolved | None
    evidence: RawPeriod | None  # the period mention that decided it (None: the frame or nothing)


@cache
def money_noun_set() -> frozenset[str]:
    return frozenset(money_nouns())


def ratio_base(text: str, p: RawPeriod, q: Raw) -> bool:
    """Whether period ``p`` is the base a ratio or multiple ``q`` is taken of (是X的N倍, 恢复到X的六成)."""
    if q.kind not in ("percent", "multiple") or p.end > q.start or q.start - p.end > 6:
        return False
    if p.relative == "now":
        return False  # 占比降至目前的六成: the present is the figure's own time, never a base
    between = text[p.end : q.start].replace(" ", "")
    if q.qualifier != "exact":
        between = unqualified_link(between)  # 恢复至2019年同期的近九成
    # (回到2019年约97%的水平: the number right after the base, its level after it)
    level_after = not between and q.end < len(text) and text.startswith("的", q.end)
    level_after = level_after and text.startswith(words("base_level"), q.end + 1)
    level_after = level_after or (not between and "同期" in text[p.start : p.end])  # 恢復至2019年同期約九成
    if not between.endswith("的") and between not in words("base_level") and not level_after:
        return False  # (恢复至去年同期水平约八成: the base's level, no 的)
    if "同期" not in text[p.start : p.end] and _FROM_OWN_FIGURE.search(text, max(0, p.start - 30), p.start):
        return False  # 比重由去年的約2成提升至今年的3成: each side's period is its own figure's time
    return bool(_ratio_base().search(text, max(0, p.start - 12), p.start))


# a change from one period's own figure to another's: 由去年的約2成提升至 (not 同期, a base: 恢复至去年同期的八成)
_FROM_OWN_FIGURE = re.compile(
    r"[由从從](?:[0-9０-９]{4}年|[去今上本前]年)(?:[一二三四]季度?|[上下]半年)?的?[约約近超逾]?"
    r"[0-9０-９一二三四五六七八九十两兩][^，,。；;]{0,16}?(?:至|到)$"
)


def _last_list(text: str, near: list[RawPeriod]) -> list[RawPeriod] | None:
    """The last periods of ``near`` when two or more are joined as a list (2025年及2026年)."""
    joins = word_set("coordinator")
    run: list[RawPeriod] = []
    for p in reversed(near):
        if p.comparison or p.local:
            break
        if run and text[p.end : run[0].start].strip() not in joins:
            break
        run.insert(0, p)
    return run if len(run) > 1 else None


def resolve_period(model: DocModel, ctx: QContext) -> PeriodResolution:
    """The period of the claim at ``ctx`` and the mention that decided it."""
    found = _continued(model, ctx)
    if found is None:
        found = _resolve_period(model, ctx)
    found = _ahead(model, ctx, found)
    found = _standing_share(model, ctx, found)
    checked = _checked(model, ctx, found)
    # a clause continuing this figure takes its period as found, or the reported period it was moved to
    main = model.main_period
    model.resolved_periods[ctx.index] = (
        checked if checked.value is not None and checked.value == main and found.value != main else found
    )
    return checked


def _standing_share(model: DocModel, ctx: QContext, found: PeriodResolution) -> PeriodResolution:
    """分析师表示，某某在国内…市场的份额约为15%: a company's share of its market (role ``standing_share``) read by an
    analyst, in a sentence naming no period, stands at publication (its month), not in the period the text reports."""
    published = model.published
    if found.evidence is not None or published is None or model.in_forecast(ctx):
        return found
    lead = model.text[model.reach(ctx, ctx.clause_start) : ctx.q.start]
    if not any(w in lead for w in words("standing_share")):
        return found
    from .speaker import resolve_speaker  # (the speaker resolver reads the model only: no cycle at run time)

    cue = resolve_speaker(model, ctx)
    if cue is None or not cue.analyst:
        return found
    return PeriodResolution(Resolved(published.year, month=published.month), None)


_PREVIEW_MONTHS = 2  # a forecast may estimate a period this many months past (a profit preview), no older


def _ahead(model: DocModel, ctx: QContext, found: PeriodResolution) -> PeriodResolution:
    """光寶科第一季進入傳統淡季，預估營收將季減… in January, in a text about last December: a forecast's
    quarter, half or month written with no year, that would have ended well before publication (more
    than a profit preview's lag), is the one to come, a year later."""
    r, p, published = found.value, found.evidence, model.published
    if r is None or p is None or published is None or p.has_year or p.year_from is not None:
        return found
    if r.month_from is not None or r.fiscal or not model.in_forecast(ctx):
        return found
    end = (
        r.month
        or (3 * (r.quarter_end or r.quarter) if r.quarter else None)
        or (6 * r.half if r.half else None)
    )
    if end is None or (published.year * 12 + published.month) - (r.year * 12 + end) <= _PREVIEW_MONTHS:
        return found
    return PeriodResolution(replace(r, year=r.year + 1), p)


def _price_revised_before(model: DocModel, ctx: QContext, clause: int) -> bool:
    """不过目标价被调低，由0.32港元降至0.29港元: a clause opening on 由 or 从 after a clause of its sentence that names a
    share's price gives that price's move."""
    if clause <= ctx.sentence_start or not model.text.startswith(("由", "从", "從"), clause):
        return False
    before = model.structure.clause_start(clause - 1, ctx.sentence_start)
    return model.matches(_role("share_price")).any_within(before, clause)


def _day_before(model: DocModel, at: int) -> RawPeriod | None:
    """The last date to the day the text names before ``at`` that no forecast holds and no balance is counted to
    (截至9月30日): the day 当天 refers to (the days listed once per document, then a bisect)."""
    found = model.memo.get("days")
    if not isinstance(found, tuple):
        days = sorted(
            (p for p in model.periods if p.day and not (p.forecast or p.comparison or p.point)),
            key=lambda p: p.end,
        )
        found = model.memo["days"] = (days, [p.end for p in days])
    days, ends = found
    k = bisect_right(ends, at) - 1
    return days[k] if k >= 0 else None


def _price_move(model: DocModel, ctx: QContext, depth: int = 0) -> bool:
    """股價昨日收38.25元，上漲1.7%: a clause that opens with a direction verb right after a share price's
    clause (or its move's) is the price's move; one that opens on the day's trading (成交量放大至1.2萬張) is
    that day's too."""
    if ctx.index == 0:
        return False
    prev = model.contexts[ctx.index - 1]
    if prev.sentence != ctx.sentence or prev.q.end > ctx.clause_start:
        return False
    from .change import change_words_of  # (change reads this module's ratio_base)

    lead = model.text[ctx.clause_start : ctx.q.start].strip(" 　").rstrip("约約了")
    directions = change_words_of(("direction",))
    lead = next(  # (小漲0.4%, 小幅上涨: the size of the move before its verb)
        (lead[len(w) :] for w in words("move_size") if lead.startswith(w) and lead[len(w) :] in directions),
        lead,
    )
    if lead not in directions and not lead.startswith(words("share_trading")):
        return False
    return model.matches(_role("share_price")).any_within(
        model.reach(ctx, prev.clause_start), prev.q.start
    ) or (depth < 2 and _price_move(model, prev, depth + 1))


def _continued(model: DocModel, ctx: QContext) -> PeriodResolution | None:
    """今年以来累计零售2134万辆，同比增长6%: a clause that opens with a basis word and names no period of
    its own is the change of the figure before it, of that figure's period; one that opens with 其中 is a
    part of it, of its period too."""
    if ctx.index == 0:
        return None
    prev = model.contexts[ctx.index - 1]
    if prev.sentence != ctx.sentence or prev.q.end > ctx.clause_start:
        return None
    lead = model.text[ctx.clause_start : ctx.q.start]
    part = lead.lstrip(" 　").startswith(
        words("part_lead")
    )  # …超过100个，其中内地航点不少于20个: a part of it
    if not part and (len(lead) > _CHANGE_LEAD_MAX or not _change_lead().match(lead)):
        return None
    if any(ctx.clause_start <= p.start < ctx.q.start for p in model.sentence_periods(ctx)):
        return None
    found = model.resolved_periods.get(prev.index)
    if not isinstance(found, PeriodResolution) or found.value is None:
        return None
    p = found.evidence
    if p is not None and (p.comparison or p.local or p.relative == "same_period_last_year"):
        return None  # 去年同期为0.04元，同比下降: the figure before is the base, not what changed
    return found


_CHANGE_LEAD_MAX = 12  # characters of a clause before its figure: 同比大幅增长约


@cache
def _change_lead() -> re.Pattern[str]:
    """A basis word opening a clause (同比, 按年, 较上月: ``changes.tsv``), after a word for an item of the
    list before it, if any (前者按年增长)."""
    from .change import change_words

    basis = "|".join(map(re.escape, sorted(change_words()[0], key=len, reverse=True)))
    return re.compile(rf"[ 　]*(?:{alternation('list_anaphor')})?(?:{basis})")


def _checked(model: DocModel, ctx: QContext, found: PeriodResolution) -> PeriodResolution:
    """The period found, corrected for an annual figure, a balance, a dividend and a share's run."""
    value = found.value
    published = model.published
    if (
        found.evidence is not None
        and found.evidence.relative == "year_to_date"
        and not found.evidence.forecast
        and published is not None
        and published.month > 1
        and model.matches(_role("share_price")).any_within(model.reach(ctx, ctx.sentence_start), ctx.q.start)
    ):
        # 股价…年初至今累计上涨约19%: a share's run goes to the day of publication, not the month reported
        return PeriodResolution(Resolved(published.year, month=published.month, month_from=1), found.evidence)
    if value is not None and value.granularity != "year" and _ANNUAL_AFTER.match(model.text, ctx.q.end):
        # 20万台的年度销售目标: an annual figure is the year's, whatever month the sentence is in
        return PeriodResolution(Resolved(value.year, value.fiscal), found.evidence)
    if (
        value is not None
        and value.month is None
        and (
            (_is_balance(model, ctx) and not model.in_forecast(ctx))
            or ((value.quarter or value.half) and _store_count(model, ctx))
        )
    ):
        # 贷款余额较年初增长9.6%: a balance compared with a point in time is at the period's end
        return PeriodResolution(calendar_end(value, model.calendar), found.evidence)
    if (
        value is not None
        and value.month_from is not None
        and value.month is not None
        and _is_balance(model, ctx)
    ):
        # 前10月…每股淨值則升至94.2元: a balance in a run of months is at the run's last month
        return PeriodResolution(Resolved(value.year, value.fiscal, month=value.month), found.evidence)
    main = model.main_period
    if (
        found.evidence is not None
        and found.evidence.point
        and value is not None
        and value.month_from is None
        and not value.fiscal
        and (reported := _reported_to(value, main, model)) is not None
        and not _is_balance(model, ctx)
        and (
            (
                ctx.q.kind == "money"  # (门店数量为7,100余个 at 截至年末: a count is a level on the day)
                and names_flow(model.text, model.reach(ctx, ctx.clause_start), ctx.q.start)
            )
            or (ctx.q.kind in ("percent", "pp") and _rate_after_point(model, ctx, found.evidence))
        )
        and _year_end_point(model.text, found.evidence, ctx.q.start)
    ):
        # 截至去年底，…企业1,200多家；…营收96.4亿元 / …；行业平均开工率为61%: a flow counted to the year's end,
        # or a rate of the year in a later part of the sentence, is the year's (at 6月底 in a half's report, the half's)
        return PeriodResolution(reported, found.evidence)
    if (
        value is not None
        and (
            (value.quarter == 1 and value.quarter_end in (None, 1) and value.month is None)
            # (截至今年3月末，…。按照董事会的分红预案…: a day in the first quarter the sentence before carried)
            or (
                value.month is not None
                and value.month <= 3
                and value.month_from is None
                and (found.evidence is None or found.evidence.point)
            )
        )
        and not value.fiscal
        and (found.evidence is None or found.evidence.start < ctx.sentence_start)
        and model.matches(_role("dividend")).any_within(
            model.reach(ctx, ctx.sentence_start), ctx.sentence_end
        )
        and not model.matches(_role("interim")).any_within(ctx.sentence_start, ctx.sentence_end)
        # (a share price or yield beside it, 以昨日收盤價計算…殖利率, is dated to its day)
        and not any(
            model.matches(_role(r)).any_within(model.reach(ctx, ctx.clause_start), ctx.q.end)
            for r in ("share_price", "yield_measure")
        )
    ):
        # 一季报…。董事会提议每10股派发现金红利1.2元: no dividend is paid out of a first quarter; the plan
        # a page on the first quarter reports is the last year's (not 中期股息: role ``interim``)
        return PeriodResolution(Resolved(value.year - 1), found.evidence)
    annual = _annual_dividend(model, ctx, found)
    if annual is not None:
        return PeriodResolution(annual, found.evidence)
    if (
        found.evidence is None
        and value is not None
        and main is not None
        and main.month is None
        and value == calendar_end(main, model.calendar)
        and (
            model.matches(_role("dividend")).any_within(
                model.reach(ctx, ctx.sentence_start), ctx.sentence_end
            )
            or (
                not _is_balance(model, ctx)
                and names_flow(model.text, model.reach(ctx, ctx.clause_start), ctx.q.start)
            )
        )
    ):
        # 截至2024年末，总资产…。董事会提议每10股派3.5元 / …按地区划分，…除税前溢利分别为21.3亿及3.6亿港元:
        # a dividend is paid out of, a profit earned over, the period reported, not dated by the balance
        # sheet's day that the sentence before carried
        return PeriodResolution(main, None)
    return found


def _annual_dividend(model: DocModel, ctx: QContext, found: PeriodResolution) -> Resolved | None:
    """The year a dividend plan in the claim's clause is paid out of (董事会提议每10股派…, 合计派现…): a
    dividend that is neither interim nor quarterly (role ``interim``) is a year's, the last year ended by the
    period found: a fourth quarter or December is its own year's, a first quarter or a month of the first half
    (the publication month of a page on the shareholders' meeting) the year before's, and so is the year of
    publication when a period outside the sentence dates it before July. None when nothing needs changing."""
    value, published = found.value, model.published
    if value is None or value.fiscal or value.month_from not in (None, value.month):
        return None
    if value.quarter_end not in (None, value.quarter):
        return None  # (1-9月…每10股派: a plan on the first nine months' profit)
    clause = model.reach(ctx, ctx.clause_start)
    if not model.matches(_role("dividend")).any_within(clause, ctx.q.start) or any(
        model.matches(_role(r)).any_within(ctx.sentence_start, ctx.sentence_end)
        for r in ("interim", "share_price", "yield_measure")
    ):
        return None
    if found.evidence is not None and found.evidence.start >= ctx.clause_start:
        return None  # (今年起的分红比例有望提升: the clause's own year)
    if value.end_month() == 12 and value.granularity != "year":
        return Resolved(value.year)
    if value.quarter == 1 or (value.granularity == "month" and value.end_month() <= 6):
        return Resolved(value.year - 1)  # (not a half: a half's report pays an interim dividend)
    if (
        value.granularity == "year"
        and published is not None
        and value.year == published.year
        and published.month <= 6
        and not model.in_forecast(ctx)
        and (found.evidence is None or found.evidence.start < ctx.sentence_start)
    ):
        return Resolved(value.year - 1)  # (今年…分红比例有望…: a forecast of this year's)
    return None


def _reported_to(value: Resolved, main: Resolved | None, model: DocModel) -> Resolved | None:
    """The period a point at its end closes: December's, the year; a quarter's or half's last month, the
    page's main period when that is a quarter or a half ending then."""
    if value.month == 12:
        return Resolved(value.year)
    if (
        main is not None
        and main.month is None
        and (main.quarter is not None or main.half is not None)
        and calendar_end(main, model.calendar) == value
    ):
        return main
    return None


def _rate_after_point(model: DocModel, ctx: QContext, p: RawPeriod) -> bool:
    """A rate or share (毛利率约22.5%, 开工率约79%) in a part of the sentence after a semicolon that follows the
    point, with no balance (余额, 总资产: role ``stock_measure``) nor count (门店约1,580间，按年减少约4%) before
    it in that part."""
    part = model.text.rfind("；", p.end, ctx.q.start)
    # the quantities between the point and the claim, found by bisection (linear however many a text holds)
    starts = model.all_quantity_starts
    end = bisect_left(starts, ctx.q.start)
    between = model.all_quantities[bisect_right(starts, max(p.end, ctx.sentence_start - 1)) : end]
    if part < 0:
        # (截至6月末，…面积已达1.2万亩，某业务收入1.36亿元，同比…，毛利率26.5%: after a flow counted since the point)
        part = next(
            (
                o.start
                for o in reversed(between)
                if o.kind == "money"
                and o.start >= ctx.sentence_start
                and names_flow(model.text, model.structure.clause_start(o.start, ctx.sentence_start), o.start)
            ),
            -1,
        )
    return (
        part >= 0
        and not model.matches(_role("stock_measure")).any_within(part, ctx.q.start)
        and not any(o.kind == "count" for o in model.all_quantities[bisect_right(starts, part) : end])
    )


def _year_end_point(text: str, p: RawPeriod, claim_start: int) -> bool:
    """Whether ``p`` is written as a point at a period's end (截至去年底, 截至12月末: roles ``point_before``,
    ``period_end_mark``; or opening its sentence, 6月末，…) with no running total between it and the claim
    (累计成交额: role ``running_total``) and no order book in the claim's ``；``-part (在手订单: role ``backlog``)."""
    before = tuple(w for w in words("point_before") if len(w) > 1)
    single = tuple(w for w in words("point_before") if len(w) == 1)
    marks = words("period_end_mark")
    opening = p.start == 0 or text[p.start - 1] in "。\n"
    # (到2021年末，…: a one-character lead opening its sentence)
    led = p.start >= 1 and text.endswith(single, 0, p.start) and (p.start == 1 or text[p.start - 2] in "。\n")
    return (
        (text.endswith(before, 0, p.start) or opening or led)
        and (text.endswith(marks, p.start, p.end) or text.startswith(marks, p.end))
        and not any(text.find(w, p.end, claim_start) >= 0 for w in words("running_total"))
        and not any(
            text.find(w, max(p.end, text.rfind("；", 0, claim_start)), claim_start) >= 0
            for w in words("backlog")
        )
    )


def _deal_term(model: DocModel, ctx: QContext, near: list[RawPeriod]) -> PeriodResolution | None:
    """A licensing deal's terms, in a sentence that names no period but a day: the upfront payment
    (``将获得8000万美元首付款``) is the deal's month (the day's, else publication's); milestones and a
    deal's total (``最高19.3亿美元的里程碑付款``) are due over years to come: no period."""
    clause = model.reach(ctx, ctx.clause_start)
    end = model.structure.clause_end(ctx.q.end - 1, ctx.sentence_end)
    contingent = model.matches(_role("deal_contingent")).any_within(clause, end)
    if not contingent and not model.matches(_role("deal_upfront")).any_within(clause, end):
        return None
    if any(not p.day and _before_in_part(model, ctx, p) for p in near):
        return None  # 今年上半年…首付款合计约28亿美元, 近三年…合计: the period or window named rules
    if contingent:
        return PeriodResolution(None, None)
    days = [p for p in near if p.day and p.start < ctx.q.start]
    if days:
        r = model.resolved.get(id(days[-1]))
        if r is not None:
            return PeriodResolution(Resolved(r.year, month=r.month), days[-1])
    pub = model.published
    return PeriodResolution(Resolved(pub.year, month=pub.month), None) if pub is not None else None


def _before_in_part(model: DocModel, ctx: QContext, p: RawPeriod) -> bool:
    """Whether ``p`` stands in the claim's part of its sentence (a headline's half after a wide space is
    a part of its own)."""
    gap = model.text[p.end : ctx.q.start]
    return not any(w in gap for w in ("  ", "　", "\t")) and not _CJK_GAP.search(gap)


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff%])\s+(?=[\u4e00-\u9fffA-Za-z])")


def _listed_months(model: DocModel, ctx: QContext, near: list[RawPeriod]) -> PeriodResolution | None:
    """去年10月、11月營收分別為139.7億元及143.7億元: months listed with 、 or 及 (read as one run) before a 分别 list
    as long: one month for each number, in order."""
    text, q = model.text, ctx.q
    for p in reversed(near):
        if p.end > q.start:
            continue
        r = model.resolved.get(id(p))
        if (
            r is None
            or r.month is None
            or r.month_from is None
            or not any(c in text[p.start : p.end] for c in "、及和与與")
        ):
            return None
        if ctx.list_length != r.month - r.month_from + 1:
            return None
        gap = text[p.end : q.start]
        if not any(w in gap for w in words("respectively")):
            return None
        return PeriodResolution(Resolved(r.year, month=r.month_from + ctx.list_index), p)
    return None


def _span_years(model: DocModel, p: RawPeriod, before: int | None = None) -> list[int]:
    """The calendar years a sentence period names, in order: one for a year (2026年), each of a run of
    years (2025-2027年, 今明两年, 明后两年; 此后两年 after ``before``, the year named before it), none for
    anything shorter than a year."""
    r = model.resolved.get(id(p))
    if p.years > 1 or p.year_end is not None:
        first, last = p.year, p.year_end
        if p.years > 1 and p.year_from == "pub" and model.published is not None:
            first = model.published.year + p.year_offset
            last = first + p.years - 1
        elif p.years > 1 and p.year_from == "ctx" and before is not None:
            first = before + p.year_offset
            last = first + p.years - 1
        return list(range(first, last + 1)) if first is not None and last is not None else []
    return [r.year] if r is not None and r.granularity == "year" and not r.fiscal else []


_RANGE_LINK = re.compile(r"\s*[-—~～至到]\s*$")
_JOINED_MAX = 5  # years a joined run may cover
_JOIN_GAP = 3  # characters of a link between the years


def _joined_years(model: DocModel, a: RawPeriod, b: RawPeriod) -> list[int]:
    """The years from a year ``a`` to a later year ``b`` joined by 至, 到 or a dash (今年至2024年): each of them."""
    first, last = _span_years(model, a), _span_years(model, b)
    if len(first) != 1 or len(last) != 1 or last[0] <= first[0] or last[0] - first[0] > _JOINED_MAX:
        return []
    if not _RANGE_LINK.match(model.text, a.end, b.start) or b.start - a.end > _JOIN_GAP:
        return []
    return list(range(first[0], last[0] + 1))


def _years_in_turn(model: DocModel, ctx: QContext, near: list[RawPeriod]) -> PeriodResolution | None:
    """预计2025年净利润约51亿元，2026年有望增至54亿元，对应市盈率分别为16倍和15倍, 今明两年及2027年…依次为x、y、z: a
    分别 list (or one in a clause opening on 对应) after as many years, named one by one or as runs of years (今明两年,
    明后两年): one year per number, in the order they were named."""
    n = ctx.list_length
    if n < 2 or not near:
        return None
    text = model.text
    gap = text[max(near[-1].end, ctx.clause_start) : ctx.q.start]
    at = min((k for k in (gap.find(w) for w in words("respectively")) if k >= 0), default=-1)
    if at < 0 and gap.lstrip("，, ").startswith(words("corresponding")):
        at = 0  # (…，对应每股收益0.43元、0.53元和0.58元: a clause opening on 对应 shares out the years too)
    if at < 0 or any(c in gap[:at] for c in word_set("coordinator")):
        return None  # (A、B业务分别占40%和60%: the list shares out its own items, not the years)
    years: list[tuple[int, RawPeriod]] = []
    fiscal = False
    for p in near:
        if p.end > ctx.q.start or not is_sentence_period(p):
            continue
        r = model.resolved.get(id(p))
        if r is not None and r.granularity == "year" and r.fiscal and p.years <= 1:
            years.append((r.year, p))  # 2026财年: a fiscal year keeps its calendar
            fiscal = True
            continue
        for y in _span_years(model, p, years[-1][0] if years else None):
            if not years or years[-1][0] != y:
                years.append((y, p))
    if len(years) < n or len({y for y, _ in years[-n:]}) < n:
        return None
    y, p = years[len(years) - n + ctx.list_index]
    return PeriodResolution(Resolved(y, fiscal), p)


def _is_balance(model: DocModel, ctx: QContext) -> bool:
    """A balance: a stock measure (资产总额, 不良贷款率) or a point comparison (较年初, 较上年末) in the
    claim's clause before it, or a point comparison in the next clause."""
    points = model.matches(_role("point_basis"))
    clause = model.reach(ctx, ctx.clause_start)
    if model.matches(_role("average_measure")).any_within(clause, ctx.q.start):
        return False  # 四季度中标均价约1.52元，较年初上涨约15%: an average over the quarter, not a balance
    if points.any_within(clause, ctx.q.start) or model.matches(_role("stock_measure")).any_within(
        clause, ctx.q.start
    ):
        return True
    text = model.text
    for p in model.sentence_periods(ctx):
        # 较6月末增加3.4亿元, 较上年同期末减少约26%: compared with a point, the figure is a balance
        if p.start >= clause and p.comparison and (p.point or text[p.end : p.end + 1] in ("末", "底")):
            return True
    structure = model.structure
    end = structure.clause_end(ctx.q.end - 1, ctx.sentence_end)
    if not model.text[ctx.q.end : end].strip(" ）)") and text[end : end + 1] not in (" ", "\u3000"):
        # the claim ends its clause: look at the next (not past a headline's wide space: another statement)
        # (…净流出3.42亿元，应收账款较年初增加…: a point after another subject is that subject's)
        following = structure.clause_end(end, ctx.sentence_end)
        first = points.within(end, min(following, end + 12))
        return bool(first) and first[0][0] <= end + 3
    return False


def _store_count(model: DocModel, ctx: QContext) -> bool:
    """A count of stores as a level (门店增至312家, 全球门店突破5.3万家): a stock, at the period's end; not
    additions or closures (新开门店6600家, 较年初净减少307家), a change (门店增加120家) or a target."""
    q = ctx.q
    if q.kind != "count" or model.in_forecast(ctx):
        return False
    before = model.text[model.reach(ctx, ctx.clause_start) : q.start]
    if not any(w in before for w in words("store_noun")):
        return False
    from .change import change_words_of, direction_before  # (change reads this module's ratio_base)

    if any(w in before for w in (*change_words_of(("flow", "net")), *cue_words("noun"))):
        return False
    direction, to = direction_before(before)
    return direction is None or to


_TOPIC_ENDS = ("中", "里", "裡")  # a topic clause ends in 中/里 (among…, within…)


def _topic_clause(structure: Structure, text: str, p: RawPeriod, ctx: QContext) -> bool:
    """Whether the period's clause is a topic ending in 中/里 (among…) right before the claim's clause."""
    end = structure.clause_end(p.end, ctx.sentence_end)
    return text[end - 1 : end] in _TOPIC_ENDS and text[end : end + 1] in "，," and ctx.clause_start == end + 1


def _figure_between(model: DocModel, a: int, b: int) -> bool:
    """Whether a claim's quantity starts in ``[a, b)``."""
    starts = model.quantity_starts
    i = bisect_left(starts, a)
    return i < len(starts) and starts[i] < b


def _own_subject(text: str, start: int, end: int) -> bool:
    """Whether the clause from ``start`` names a subject of its own before its verb of the present (not
    ``已佔…``, ``占总营收的比重已…``, ``在总收入中的占比已…``: the clause before's figure goes on)."""
    k = min((i for w in words("present_perfect") if (i := text.find(w, start, end)) >= 0), default=end)
    return k > start and not text.startswith(
        (*cues().get("share_verb", ()), *words("subjectless_open")), start
    )


def _present_count(model: DocModel, ctx: QContext, near: list[RawPeriod]) -> bool:
    """某某在业绩说明会上表示，公司已与40余家企业建立合作: a count or share a person states as reached by now (已,
    已经; role ``present_perfect``), in a sentence that names no period before it (a share: none in its clause; a
    period in an earlier clause with a figure of its own, before a clause with its own subject, dates only that clause),
    is at publication (a source's statement too, not a company's own); a quotation its speaker closes is a statement too."""
    q = ctx.q
    if q.kind not in ("count", "percent") or model.published is None or model.in_forecast(ctx):
        return False
    if q.kind == "percent" and any(
        ctx.clause_start <= p.start < q.start for p in model.sentence_periods(ctx)
    ):
        return False  # 已由去年约25%提升至…, 已恢复至2019年同期的92%: a share dated in its clause
    # (a quotation its speaker closes, “…已降至不足两成，”他说, is a statement too)
    quoted = model.text.startswith(("“", "「"), ctx.sentence_start)
    if not any(
        c.speaker is not None
        and (c.person or c.company is None)
        and c.kind == "say"
        and (c.end <= q.start or quoted)
        for c in model.cues_by_sentence.get(ctx.sentence, ())
    ):  # (a person's or a source's statement, not a company's own: 某证券则认为，公司已有超过20个品种…)
        # (“…已超过5.3亿人。”他说: a quotation of sentences whose speaker, a person, closes it)
        quote = model.structure.quote_at(q.start)
        cue = model.quoted.get(quote) if quote is not None else None
        if cue is None or not cue.person or cue.kind != "say":
            return False
    for p in near:
        # (a period in an earlier clause that states its own figure frames that clause alone:
        # 1-9月出货量超过110万只，新产品已进入5家客户的验证; a point frames its whole sentence)
        if (
            p.start < q.start
            and not p.comparison
            and (
                p.start >= ctx.clause_start
                or p.point
                or not _figure_between(model, p.end, ctx.clause_start)
                or not _own_subject(model.text, ctx.clause_start, q.start)
            )
        ):
            return False
    return any(model.text.find(w, ctx.clause_start, q.start) >= 0 for w in words("present_perfect"))


def _governing_window(model: DocModel, ctx: QContext, after: int, near: list[RawPeriod]) -> bool:
    """A window of several periods after ``after`` that governs the claim: in its own clause, or
    leading an earlier one (近五年累计分红…，其中…), not inside a record phrase (创五年来新高), nor the span
    a point before it ends (截至9月30日的过去12个月: the point's span)."""
    text = model.text
    spans = {p.end for p in near if p.span_months is not None}
    for a, _ in model.matches(_window()).within(after, ctx.q.start):
        if any(text[e:a].strip("止的之 ") == "" for e in spans if e <= a):
            continue
        if a >= ctx.clause_start:
            return True
        if not text[max(after, a - 3) : a].endswith(words("record_before")):
            return True
    for a, b in model.matches(_one_window()).within(after, ctx.q.start):
        if a >= ctx.clause_start:
            return True
        end = model.structure.clause_end(b, ctx.sentence_end)
        if end + 1 == ctx.clause_start and text[b:end].endswith(_TOPIC_ENDS):
            return True
    return False


def _resolve_period(model: DocModel, ctx: QContext) -> PeriodResolution:
    text, q, resolved = model.text, ctx.q, model.resolved
    structure = model.structure
    # 恢复到2019年同期的六成, 是去年同期的2.4倍: a period that is the base of a ratio is not its period
    near = [p for p in model.sentence_periods(ctx) if not ratio_base(text, p, q)]
    if _present_count(model, ctx, near):
        pub = model.published
        return PeriodResolution(Resolved(pub.year, month=pub.month), None)  # type: ignore[union-attr]
    # a period written right before the number binds it alone: 去年同期7460万, 上年末的23.61亿元
    gap_words = word_set("local_gap") | {""}
    for p in reversed(near):
        if q.start - p.end > 4:
            break
        gap = text[p.end : q.start].replace(" ", "")
        if q.qualifier != "exact" and gap not in gap_words:
            gap = unqualified_link(gap)  # 目前的不足5%: the number's qualifier is no gap
        if gap in gap_words or (
            p.comparison and (p.local or q.kind == "money") and gap.removeprefix("的") in money_noun_set()
        ):
            # (较第二季度的亏损16.5亿元, 超越2024年全年营收5,861亿元: the base's own figure)
            r = resolved.get(id(p))
            if r is not None:
                return PeriodResolution(r, p)
    then = _role("then_anaphor").search(text, ctx.clause_start, q.start)
    if then is not None:
        # 今年内将新增6个航点，届时航点将超过100个: 届时 is the time the sentence named before it
        earlier = (p for p in reversed(near) if p.end <= then.start() and not p.comparison)
        named = next((p for p in earlier if resolved.get(id(p)) is not None), None)
        if named is not None:
            return PeriodResolution(resolved[id(named)], named)
    for p in near:
        if p.relative == "per_period" and ctx.clause_start <= p.start:
            return PeriodResolution(
                None, p
            )  # 每年以50%的速度增长, 复合年增长率: a rate per year, not one period
    if sum(1 for p in near if p.end <= q.start and (_span_years(model, p) or p.year_from == "ctx")) > 1:
        spread = _years_in_turn(model, ctx, near)  # 今明两年及2027年…依次为x、y、z: years named in runs
        if spread is not None:
            return spread
    # 2025-2027年…分别为146/132/151亿元, 2025-2027年EPS预测为72.10/75.90/80.30元: a range of years,
    # one year for each number of a list as long as the range
    for i in range(len(near) - 1, -1, -1):
        p = near[i]
        # (今明两年…分别可达x和y)
        span = _span_years(model, p) if p.years > 1 or p.year_end is not None else []
        if not span and i > 0:
            span = _joined_years(model, near[i - 1], p)  # 今年至2024年…分别为x、y和z
        if not span:
            continue
        first, last = span[0], span[-1]
        listed = ctx.list_length == last - first + 1
        if listed or any(w in text[max(p.end, ctx.clause_start) : q.start] for w in words("respectively")):
            year = first + ctx.list_index
            return PeriodResolution(Resolved(year, p.fiscal) if year <= last else None, p)
    # 2025、2026、2027年归母净利润分别为x、y和z: years listed before the last one's 年, one for each
    # number of a list as long
    for p in reversed(near):
        if p.year is None or p.month is not None or p.quarter is not None or p.half is not None:
            continue
        listed_years = _YEAR_LIST.search(text, max(0, p.start - 40), p.start)
        if listed_years is not None and text[p.start : p.start + 4] == str(p.year):
            years = [int(y) for y in re.findall(r"\d{4}", listed_years.group())] + [p.year]
            if ctx.list_length == len(years):
                return PeriodResolution(Resolved(years[ctx.list_index], p.fiscal), p)
        break
    # 2025年及2026年净利润分别为x及y: a list of periods, one for each number of a list as long
    listed_months = _listed_months(model, ctx, near)  # 10月、11月營收分別為x及y: one month each
    if listed_months is not None:
        return listed_months
    run = _last_list(text, near)
    if run is not None and ctx.list_length == len(run):
        p = run[ctx.list_index]
        return PeriodResolution(resolved.get(id(p)), p)
    spread = _years_in_turn(model, ctx, near)
    if spread is not None:
        return spread
    reach = model.reach(ctx, ctx.sentence_start)
    published = model.published
    clause = model.reach(ctx, ctx.clause_start)
    own = any(p.start >= ctx.clause_start for p in near)  # 股价年内累计上涨: the clause dates it
    if (
        published is not None
        and not own
        and (
            model.matches(_role("share_price")).any_within(clause, q.start)
            or _price_revised_before(model, ctx, clause)
            or (not near and model.matches(_role("yield_measure")).any_within(clause, q.start))
            or text.startswith(words("share_price_after"), q.end)  # 给予22港元的目标价
            or _price_move(model, ctx)
        )
        and not (
            near
            and (basis := model.matches(_role("valuation_basis")).last_within(clause, q.start)) is not None
            # (对应目标价47元: a price after the multiple's word is the price, at publication)
            and basis[0] > (model.matches(_role("share_price")).last_within(clause, q.start) or (-1, -1))[0]
        )
    ):
        # 将目标价由45港元上调至52港元, 股价收报76港元: a share figure is at publication (not a multiple of
        # the earnings the sentence forecasts: 预计2025年净利润…，对应当前股价市盈率约18倍)
        day = next((p for p in reversed(near) if p.day and p.end <= q.start and not p.forecast), None)
        if day is None and model.matches(_role("same_day")).any_within(clause, q.start):
            day = _day_before(model, clause)  # 某某当天收盘下跌2.3%: the day named before
        dated = resolved.get(id(day)) if day is not None else None
        if day is not None and dated is not None and dated.month is not None and dated.month_from is None:
            return PeriodResolution(dated, day)  # 10月31日，某某收报8.03港元: the trading day named before it
        return PeriodResolution(Resolved(published.year, month=published.month), None)
    # 2024—2026年每年现金分红不低于70亿元: a range of years, the latest period before the claim and not
    # shared out over a list, is a window: no one period
    # (当年 after it, 占当年净利润的比例, is each year of the window)
    latest = next(
        (p for p in reversed(near) if p.end <= q.start and is_sentence_period(p) and p.year_from != "ctx"),
        None,
    )
    if latest is not None and (latest.year_end is not None or latest.years > 1):
        return PeriodResolution(None, latest)
    last_period_end = max((p.end for p in near if is_sentence_period(p)), default=reach)
    after = max(last_period_end, reach)
    launch = model.matches(_since_launch()).last_within(min(after, clause), q.start)
    if (
        launch is not None
        and published is not None
        and text.startswith(words("listing_verb"), launch[0])
        and model.matches(_role("share_price")).any_within(launch[1], ctx.sentence_end)
    ):
        # 上市首日，某某开盘报650元，较发行价大涨约469%: a share's first trading day, a day of its own month
        return PeriodResolution(Resolved(published.year, month=published.month), None)
    if _governing_window(model, ctx, after, near) or launch is not None:
        return PeriodResolution(None, None)  # 未来三年投入…, 上线首月…: not one calendar period
    if model.matches(_season()).any_within(after, q.start) and model.in_forecast(ctx):
        return PeriodResolution(None, None)  # 预计冬春航季…将恢复到…: a season's forecast, no one period
    deal = _deal_term(model, ctx, near)
    if deal is not None:
        return deal
    # 去年同期为盈利17.5亿元, 年内累计上涨35%: a clause-scoped period governs its own clause
    for p in reversed(near):
        if not p.clause_scoped or p.comparison:
            continue
        if ctx.clause_start <= p.start:
            return PeriodResolution(resolved.get(id(p)), p)
        own_clause = structure.clause_start(p.start, ctx.sentence_start)
        alone = not text[own_clause : p.start].strip() and text[p.end : p.end + 1] in "，,"
        # 今年以来新发放的贷款中，科技贷款占比超过两成: a topic clause (…中，) that opens with the period
        topic = not text[own_clause : p.start].strip(' “「"') and _topic_clause(structure, text, p, ctx)
        if (alone or topic) and not any(o.start > p.end and is_sentence_period(o) for o in near):
            # 去年同期，微软营收为656亿美元: a period of its own clause leads the sentence
            return PeriodResolution(resolved.get(id(p)), p)
    # the latest period of the claim's ；-segment, else the sentence's first (its frame)
    segment_start = part_start(text, reach, q.start)
    current = None
    for p in reversed(near):
        if is_sentence_period(p) and resolved.get(id(p)) is not None:
            if p.start >= segment_start:
                current = p
            break
    frame = day_frame = None
    for p in model.sentence_frame(ctx):
        if (
            p.end > q.start
            or not is_sentence_period(p)
            or resolved.get(id(p)) is None
            or ratio_base(text, p, q)
            # (四季度计划新开门店20家左右；旗下中医馆的诊疗人次同比增长约18%: a plan's period frames no later part)
            or (p.forecast and p.end <= segment_start and not model.in_forecast(ctx))
        ):
            continue
        if (_results_name().match(text, p.end) or p.annual_report) and any(
            o.start > p.end and o.end <= q.start and is_sentence_period(o) for o in near
        ):  # (公司年报显示，2020年实现营收…；净利…: the report, then the year it states)
            continue  # 公布三季度业绩：1—9月…；归母净利润…: the report's name, then the period it states
        if p.day:
            day_frame = day_frame or p
        elif frame is None:
            frame = p
    if current is None and frame is not None:
        # 公布季报及2025财年年报，2025财年营收…；净利润…: the latest period before the
        # claim's ；-part frames it, when it restates a period the sentence already named
        latest = next((p for p in reversed(near) if p.end <= segment_start and is_sentence_period(p)), None)
        restated = (
            latest is not None
            and not is_part(text, latest)  # (其中第三季度单季营收…；归母净亏损…: a part restated, no frame)
            and resolved.get(id(latest)) != resolved.get(id(frame))
            and any(
                resolved.get(id(o)) == resolved.get(id(latest))
                for o in near
                if o is not latest and o.end <= latest.start and not is_part(text, o) and not o.comparison
            )  # (其中11月当月…；电源工程…: 当月 restates a part, no frame; 较上年…；而2022年…: a base names none)
        )
        if latest is not None and (restated or _refines_topic(model, frame, latest, resolved)):
            frame = latest
    chosen = current or frame or day_frame
    if chosen is not None:
        return PeriodResolution(resolved[id(chosen)], chosen)
    if published is not None and model.matches(_role("share_market")).any_within(reach, q.end):
        return PeriodResolution(Resolved(published.year, month=published.month), None)
    if model.in_forecast(ctx):
        return PeriodResolution(None, None)  # 将新建2座工厂: a forecast with no period of its own has none
    return _breakdown(model, ctx) or PeriodResolution(model.frames[ctx.sentence], None)


def _refines_topic(
    model: DocModel, frame: RawPeriod, latest: RawPeriod, resolved: Mapping[int, Resolved | None]
) -> bool:
    """Whether ``latest`` is a quarter or half of the year ``frame`` names in a topic clause of no figure that opens
    the sentence (今年开局，公司一季度营收…；但净利…; 进入2022年，压力加大：一季度…；…): the quarter, not
    the year, frames the later ；-parts; not a part restated (其中第三季度单季…)."""
    year, part = resolved.get(id(frame)), resolved.get(id(latest))
    if year is None or part is None or year.granularity != "year" or part.year != year.year or year.fiscal:
        return False
    if part.granularity not in ("quarter", "half") or is_part(model.text, latest) or frame.end > latest.start:
        return False
    k = bisect_left(model.all_quantity_starts, frame.end)
    return k >= len(model.all_quantity_starts) or model.all_quantity_starts[k] > latest.start


def _breakdown(model: DocModel, ctx: QContext) -> PeriodResolution | None:
    """1-11月，全国快递业务量累计…。(new paragraph) 分区域看，…比重分别为…: a paragraph that opens by breaking
    down the figures given (分X看, 按X划分, 其中) takes the period of the paragraph before's first figure, not the
    text's main period, while no period of its own has come."""
    sentences, text = model.structure.sentences, model.text
    paragraph = sentences[ctx.sentence].paragraph
    first = ctx.sentence
    while first > 0 and sentences[first - 1].paragraph == paragraph:
        first -= 1
    if first == 0 or model.frames[ctx.sentence] != model.frames[first]:
        return None
    opening = sentences[first].start
    if not (BREAKDOWN_LEAD.match(text, opening) or text.startswith(words("part_lead"), opening)):
        return None
    i, j = bisect_left(model.period_starts, opening), bisect_left(model.period_starts, ctx.q.start)
    if any(not p.comparison and not in_record(text, p) for p in model.periods[i:j]):
        return None  # 分车型看，10月…: the paragraph names its own period
    before = sentences[first - 1].paragraph
    lead = None
    for c in reversed(model.contexts[: ctx.index]):
        k = sentences[c.sentence].paragraph
        if k == before:
            lead = c
        elif k < before:
            break
    found = model.resolved_periods.get(lead.index) if lead is not None else None
    if not isinstance(found, PeriodResolution) or found.value is None:
        return None
    evidence = found.evidence
    if (
        evidence is None
        or evidence.comparison
        or evidence.local
        or (
            evidence.point and evidence.span_months is None
        )  # (截至3月底止年度: a year's span, no balance's date)
        or is_part(text, evidence)
        or (
            evidence.start > 0
            and text[evidence.start : evidence.end] in words("single_after")
            and text[evidence.start - 1] in "月季度"
        )
    ):  # (6月当月: the month's 当月, a part too)
        return None  # (截至6月末…: a balance's date; 单看11月…: a part; neither is what is broken down)
    return PeriodResolution(found.value, evidence)
