"""Period grammar: quarters, halves, years, fiscal years, months, points in time, relative words.

One compiled pattern (``regex``; alternatives that each need content, no nested
repetition) finds mentions; :func:`scan_periods` reads each into a
:class:`RawPeriod` that says what is known (``2025``, ``Q1``) and what must be
resolved against context or the publication date (``去年``, ``当季``, ``同期``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import regex

from .. import _resources
from .._words import alternation, list_links, words
from ..quantities.lexicon import magnitudes, not_quantities, words_pattern
from ..quantities.numerals import read_numeral
from .festivals import FESTIVALS

if TYPE_CHECKING:
    from ..cleaning import Cleaned

S = "[ \u00a0]?"
Y4 = r"(?:19|20)\d{2}"
YCN = "[一二][〇零○][〇零○一二三四五六七八九]{2}"
QN = "[一二三四1-4１-４]"
MON = "1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
DAY = r"3[01]|[12]\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九]"
FISCAL = "财年|財年|财政年度|財政年度|会计年度|會計年度"
# after 中期, words that make it the medium term, not an interim period (中期目标, 中期而言)
NOT_INTERIM = "目[标標]|[规規][划劃]|[计計][划劃]|[战戰]略|而言|[来來]看|[发發]展|内|內"

_SUB = rf"""
    (?P<qrange>(?:[前首]|(?<![\u4e00-\u9fff])[头頭]|(?<=年)[头頭]){S}(?P<qrn>[二两兩三2-3]){S}[个個]?(?P<qrfis>财季|財季|财政季度|財政季度|季度?))
  | (?P<qfirst>首季度?)
  | (?P<qspan>(?P<qs1>{QN}){S}[至到\-—~～]{S}(?P<qs2>{QN}){S}季度)
  | (?P<fq>第?{S}(?P<fqn>{QN}){S}(?:财季|財季|财政季度|財政季度))
  | (?P<q>第?{S}(?P<qn>{QN}){S}(?:季度|季(?![节风])))
  | (?P<qrep>(?P<qrn2>{QN})季[报報])
  | Q(?P<qn2>[1-4])(?![0-9])
  | (?P<half>上半年度?|下半年度?|上半[财財]年|下半[财財]年|上半年報|半年報|H(?P<hn>[12])(?![0-9])|中期(?!{NOT_INTERIM})|半年度|半年报|中[报報](?![导導道])|(?<=年)半年(?=成[绩績]|[业業][绩績]))
  | (?P<drange>(?P<dm1>{MON}){S}月{S}(?:{DAY}){S}[日号號]?{S}[-—~～至到]{S}(?P<dm2>{MON}){S}月{S}(?:{DAY}){S}[日号號])
  | (?P<mrange>(?P<mr1>{MON}){S}月?{S}(?P<mlink>[-—~～至到、]|(?<=月)[及和与與]){S}(?P<mr2>{MON}){S}月份?)
  | (?P<mfirst>(?:[前首]|(?<![\u4e00-\u9fff])[头頭]|(?<=年)[头頭]){S}(?P<mfn>{MON}|[两兩]){S}(?:个|個)?月)
  | (?P<month>(?P<mn>{MON}){S}月份?(?:{S}(?P<day>{DAY}){S}[日号號])?)
  | (?P<whole>全年度?|整年|年[报報](?![导導道])|全[财財]年)
  | (?P<yedge>年末|年底|年[终終]|年初(?!年度)|年中)
"""

_PATTERN = rf"""
  (?P<rel>\L<rel>)(?!(?<=今)[年日天晚早])  # 截至今年: 至今 is not read where 今年 starts
| (?P<hol>\L<hol>){S}(?:[0-9０-９]{{1,2}}|[一二两兩三四五六七八九十]{{1,2}}){S}(?:天|日){S}\L<holnoun>
| (?:
      (?P<fyslash>(?P<fy1>{Y4})[/／](?P<fy2>(?:19|20)?\d{{2}}){S}(?:{FISCAL}|年度))  # 2022/23年度: a fiscal year
    | FY{S}(?P<fy>(?:19|20)?\d{{2}})(?![0-9])
    | (?P<qyr>(?P<qyr_q1>[1-4])Q(?P<qyr_y1>\d{{2}}){S}[-—~～至到]{S}(?P<qyr_q2>[1-4])Q(?P<qyr_y2>\d{{2}}))(?![0-9])
    | (?P<qy_q>[1-4])Q(?P<qy_y>\d{{2}})(?![0-9])
    | (?P<hy_h>[12])H(?P<hy_y>\d{{2}})(?![0-9])
    | (?P<iso>(?P<iso_y>{Y4})[-/.](?P<iso_m>1[0-2]|0[1-9])(?:[-/.](?P<iso_d>3[01]|[12]\d|0[1-9]))?)(?![0-9])
    | (?P<yrange>(?P<yr1>{Y4}){S}(?:年度?|{FISCAL})?{S}[-—~～至到]{S}(?P<yr2>{Y4}|\d{{2}}){S}(?:{FISCAL}|年度|年))
    | (?P<year>{Y4}|{YCN}){S}(?P<ysuf>{FISCAL}|年度|年)(?:{S}年度)?
    | (?P<year2d>\d{{2}})(?P<y2suf>{FISCAL}|年)(?={S}(?:第|前|上半|下半|全年|[一二三四]季|[1-4１-４]季|Q[1-4]|[1-9]月|1[0-2]月|年末|年底|年初))
    | (?P<year2>{Y4})(?={S}(?:Q[1-4]|H[12]|全年|上半年|下半年|前三季度|第[一二三四]季))
    | Q(?P<qy4_q>[1-4]){S}(?P<qy4_y>{Y4})(?![0-9])
    | (?P<ryear>\L<ryear>)
  )
  (?:{S}的?{S}(?:{_SUB}))?  # (今年的半年度成绩单: 的 between the year and its half)
  (?P<edge>{S}(?:末|底|初(?!年度)))?  # (今年初年度保费: this year's first-year premiums, insurance)
| (?:{_SUB})(?P<edge2>{S}(?:末|底|初(?!年度)))?
| (?P<per>(?:\L<per_if_rate>)(?=[ ]?(?:以|都|均|[约約]|增[长長]|增加|提升|下降|[减減]少|[0-9一二三四五六七八九十两兩])))
"""


# Every period mention starts with one of these: a cheap test before the alternation is tried.
_FIRST = "0-9０-９一二三四五六七八九十〇零两QHF第前上下全整今本当该去明来同报期至迄年每季单半中首头頭"
_ERA_REACH = 8  # characters before a period an era and its 的 may take (疫情暴发前的)


@cache
def _topic_frame() -> re.Pattern[str]:
    """What closes 从…看，: the period after 从 is the one the clause looks at, not a starting base
    (``function_words.tsv`` role ``topic_look``)."""
    return re.compile(f"[^，,。；;\\n]{{0,10}}?(?:{alternation('topic_look')})[，,]")


@cache
def relative_words() -> dict[str, tuple[str, str | None, int]]:
    """``resources/periods.tsv``: relative period word -> (meaning, base, offset)."""
    rows = _resources.table("periods.tsv", ("word", "meaning", "base", "offset"))
    return {
        r["word"]: (r["meaning"], r["base"] or None, int((r["offset"] or "0").split("..")[0])) for r in rows
    }


@cache
def holiday_runs() -> dict[str, int]:
    """``resources/periods.tsv``: a holiday or season over several months (暑期档, offset ``6..8``) -> its last month."""
    rows = _resources.table("periods.tsv", ("word", "meaning", "base", "offset"))
    return {
        r["word"]: int(r["offset"].partition("..")[2])
        for r in rows
        if r["meaning"] == "holiday" and ".." in (r["offset"] or "")
    }


@cache
def year_runs() -> dict[str, int]:
    """``resources/periods.tsv``: a run of relative years (今明两年, offset ``0..1``) -> how many years it holds."""
    rows = _resources.table("periods.tsv", ("word", "meaning", "base", "offset"))
    out = {}
    for r in rows:
        if r["meaning"] == "years":
            first, _, last = r["offset"].partition("..")
            out[r["word"]] = int(last) - int(first) + 1
    return out


# A necessary condition for a period mention to start here, one branch per alternative of
# _PATTERN (and of _SUB, which may stand alone); relative words are added from the resource.
# scan_periods tries the full pattern only where this matches, which skips most of a text
# at C speed. A new alternative of _PATTERN needs its branch here (tests/test_scans.py checks
# that gated and ungated scans agree).
_GATE = rf"""
    {Y4}{S}[/／\-.—~～至到年财財会會Q全上下前第H]
  | {YCN}{S}[年财財会會]
  | FY | [1-4]Q\d\d | [12]H\d\d | \d\d[财財会會年] | Q[1-4] | H[12]
  | [前头頭]{S}(?:[二两兩三2-3]|{MON}) | 首{S}(?:[二两兩三2-3]|季|{MON}) | {QN}{S}[至到\-—~～财財季] | 第{S}{QN}
  | [上下]半 | 中期 | 半年度 | 半年[报報] | 中[报報] | 全年 | 全[财財]年 | 整年 | 年[报報] | 年[末底终終初中]
  | (?:{MON}){S}月?{S}[-—~～至到月、]
"""


@cache
def period_gate() -> re.Pattern[str]:
    """Where a period mention can start (a superset of :func:`period_pattern`'s match starts)."""
    words = sorted({*relative_words(), *holiday_stems()}, key=len, reverse=True)
    first = _FIRST + "".join(sorted({w[0] for w in words}))
    listed = words_pattern(words)
    return re.compile(f"(?=[{first}])(?=(?:{listed}|{_GATE}))", re.VERBOSE)


@cache
def fiscal_words() -> regex.Pattern[str]:
    """The words that make a period fiscal (财年, 财季, 财政年度…)."""
    return regex.compile(FISCAL + "|财季|財季|财政季度|財政季度")


@cache
def span_words() -> tuple[tuple[str, int], ...]:
    """``resources/period_spans.tsv``: words that make a point the end of a span (止三个月), longest first."""
    rows = _resources.table("period_spans.tsv", ("word", "months"))
    return tuple(sorted(((r["word"], int(r["months"])) for r in rows), key=lambda x: -len(x[0])))


@cache
def holiday_stems() -> dict[str, str]:
    """A holiday's name without its noun (国庆中秋 of 国庆中秋假期) -> the holiday word it stands for: the
    name may stand before the holiday's length (国庆中秋8天长假, 春节9天假期)."""
    out: dict[str, str] = {}
    for word, (meaning, _, _) in relative_words().items():
        if meaning != "holiday" and meaning not in FESTIVALS:
            continue
        for noun in sorted(words("holiday_noun"), key=len, reverse=True):
            if word.endswith(noun) and len(word) > len(noun):
                out.setdefault(word[: -len(noun)], word)
                break
    return out


@cache
def period_pattern() -> regex.Pattern[str]:
    """The compiled period pattern (the relative words come from ``resources/periods.tsv``)."""
    relative = relative_words()
    by: dict[str, list[str]] = {
        "rel": [],
        "ryear": [],
        "per_if_rate": [],
        "hol": list(holiday_stems()),
        "holnoun": list(words("holiday_noun")),
    }
    for word, (meaning, _, _) in relative.items():
        key = (
            "ryear"
            if meaning in ("year", "years")
            else "per_if_rate"
            if meaning == "per_period_if_rate"
            else "rel"
        )
        by[key].append(word)
    first = _FIRST + "".join(sorted({w[0] for w in relative}))
    return regex.compile(f"(?=[{first}])(?:{_PATTERN})", regex.VERBOSE, **by)


@cache
def period_alphabet() -> frozenset[str] | None:
    """Every character a period mention can hold (besides decimal digits), or None when any can.

    Read off the pattern's source (literals, escapes, classes with their ranges expanded) and
    the relative words. A mention never holds a character outside it, so text without one
    (营收, 。, 元) ends every mention: :func:`claimkit.quantities.read_span` uses that to look
    for periods only around its quantities.
    """
    pattern = period_pattern()
    chars = _pattern_alphabet(pattern.pattern, verbose=bool(pattern.flags & regex.VERBOSE))
    gate = _pattern_alphabet(_GATE, verbose=True)  # the gate must not stop at a run's end either
    if chars is None or gate is None:
        return None
    chars |= gate
    for word in (*relative_words(), *words("holiday_noun")):  # (the pattern's named lists)
        chars.update(word)
    return frozenset(chars)


_QUANTIFIER = re.compile(r"\{\d*(?:,\d*)?\}")
_GROUP_PREFIX = re.compile(r"\(\?(?:[:=!>]|<[=!]|P<\w+>|P=\w+\)|#[^)]*\)|(?P<flags>[aiLmsux-]*):)")


def _pattern_alphabet(source: str, *, verbose: bool) -> set[str] | None:
    """The characters a pattern can match (a superset), or None when it can match any or has anchors.

    ``.``, ``\\w``/``\\s``-style classes, negated classes, ``^``/``$`` and the other anchors, and
    case-insensitive matching give None. ``\\d`` is left to the caller (decimal digits).
    """
    chars: set[str] = set()
    i, n, in_class, prev = 0, len(source), False, ""
    while i < n:
        ch = source[i]
        if ch == "\\" and i + 1 < n:
            nxt = source[i + 1]
            if nxt in "wWsSDpPXNbBAZG":
                return None
            if nxt == "u" and i + 6 <= n:
                prev = chr(int(source[i + 2 : i + 6], 16))
                chars.add(prev)
                i += 6
                continue
            if nxt == "L":  # a named list: its words are added by the caller
                i = source.index(">", i) + 1
                continue
            if nxt != "d":
                chars.add(nxt)
            prev = nxt
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            elif ch == "-" and prev and i + 1 < n and source[i + 1] != "]":
                high = source[i + 1]
                if high == "\\":
                    high = source[i + 2]
                    i += 1
                chars.update(chr(c) for c in range(ord(prev), ord(high) + 1))
                i += 2
                prev = ""
                continue
            else:
                chars.add(ch)
            prev = ch
            i += 1
            continue
        if ch == "[":
            if source[i + 1 : i + 2] == "^":
                return None
            in_class, prev = True, ""
            i += 1
        elif ch == "(":
            m = _GROUP_PREFIX.match(source, i)
            if m is not None and "i" in (m.group("flags") or ""):
                return None
            i = m.end() if m is not None else i + 1
        elif ch == "{" and (m := _QUANTIFIER.match(source, i)) is not None:
            i = m.end()
        elif ch in ".^$":
            return None
        elif verbose and ch == "#":
            i = source.find("\n", i) % (n + 1) if "\n" in source[i:] else n
        else:
            if ch not in ")|?*+" and not (verbose and ch.isspace()):
                chars.add(ch)
            i += 1
    return chars


@dataclass(slots=True)
class RawPeriod:
    """A period mention as read, before resolution. Offsets index the scanned text."""

    start: int
    end: int
    year: int | None = None
    year_from: str | None = None  # None (absolute) | "pub" | "ctx"
    year_offset: int = 0
    fiscal: bool = False
    quarter: int | None = None
    quarter_end: int | None = None
    half: int | None = None
    month: int | None = None
    whole_year: bool = False
    point: bool = False
    year_edge: bool = False  # 年末 / 年初 / 年中 with no year of their own
    day: bool = False  # a date to the day (3月22日): an event's time, weaker than a reporting period
    relative: str | None = None  # current_quarter | last_quarter | next_quarter | same_period_last_year |
    # report_period | report_end | now | this_month | single_month | last_month
    year_end: int | None = None  # 2025-2027年: the last year of a range of years
    years: int = 1  # 今明两年: the number of years of a run of relative years (2)
    clause_scoped: bool = False  # governs only its own clause: 去年同期为…, 年内累计上涨…
    anchor: bool = False  # a reference point, not a period of claims: 2021年第一季度以来
    local: bool = False  # directly attached to a number: 去年同期7460万, 上年的412.5万片
    comparison: bool = False  # a comparison basis: 较上年末, 比去年同期
    span_months: int | None = None  # 截至…止三个月 -> 3
    year_span: bool = False  # the span is a year of results (截至3月31日止年度), not twelve months (止12个月)
    month_from: int | None = None  # 1-11月, 前11个月: a run of months from this one to ``month``
    # roles the document model sets (claims.document): the period of a forecast, not of reported
    # results (预计第四季度…); a parenthetical that explains the period before it (2022财年(2021年4月…))
    forecast: bool = False
    explains: bool = False
    cumulative: bool = False  # 累计 follows in its clause: 年内累计上涨, 今年以来累计销量
    festival: str | None = None  # a holiday of the lunar calendar (春节假期): its months depend on the year
    annual_report: bool = False  # 年报: the report of a year that has ended

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.year_from is not None


def _small(s: str | None) -> int | None:
    if not s:
        return None
    n = read_numeral(s.translate(str.maketrans("１２３４", "1234")))
    return int(n.value) if n is not None and n.value is not None else None


def _two_digit_year(s: str) -> int:
    y = int(s)
    return y if y >= 1900 else 2000 + y


# after a base period: 的, or a short measure and 的 before a number (约为2024年全年交付量的2.1倍)
_RATIO_BASE_AFTER = regex.compile(
    r"(?:同期|同期水平|水平)?的|[^，,。；;：:！？\n0-9]{1,8}?的(?=\s?[0-9０-９一二两兩三四五六七八九十半几幾])"
    r"|[^，,。；;：:！？\n]{0,3}?[0-9０-９][0-9０-９.,]*\s?[%％]?的水平"  # 回到2019年约97%的水平
    r"|(?:同期|(?<=同期))[约約近逾超]?(?=[0-9０-９一二两兩三四五六七八九十半])"  # 恢復至2019年同期約九成
)
_CUMULATIVE = regex.compile(r"[^，,。；;：:！？\n]*?(?:累计|累計)")


@cache
def _change_after() -> regex.Pattern[str]:
    """A verb of change (``changes.tsv`` kind ``direction``), an adverb of the present (``已``) before it allowed;
    or 的, the measure it qualifies and a basis word before the verb (今年以来的货量同比增长…)."""
    rows = _resources.table("changes.tsv", ("word", "kind", "value"))
    verbs = words_pattern(r["word"] for r in rows if r["kind"] == "direction")
    basis = words_pattern(r["word"] for r in rows if r["kind"] == "basis")
    return regex.compile(
        rf"(?:{alternation('present_perfect')})?(?:{verbs})"
        rf"|的[^，,。；;：:！？\n“”0-9０-９]{{1,10}}?(?:{basis})(?:{verbs})"
    )


_CLAUSE_OPENERS = frozenset('，,。；;：:！？\n“「"（( ')


@cache
def _to_now() -> regex.Pattern[str]:
    """After a month: from it to publication (十月至今, 7月下旬以来; ``function_words.tsv`` role ``to_now``)."""
    # (7月下旬以来: a part of the month may stand before it; role ``month_part``)
    return regex.compile(f"[ ]?(?:{alternation('month_part')})?(?:{alternation('to_now')})")


@cache
def _anchor_after() -> regex.Pattern[str]:
    # (全年来看, 从季度来看: 来看 views the figures over the period, which frames them; a year's bare 前 is a
    # deadline, 2027年前回收…, but not 2025年前三季度 or 年前10月)
    return regex.compile(
        rf"[ ]?(?:{alternation('anchor_after')}|(?<=年)前(?![0-9０-９一二两兩三四五六七八九十个個季月年半]))(?![看自])"
    )


@cache
def _group_names() -> tuple[str, ...]:
    """The pattern's group names in group-number order (every group is named)."""
    pattern = period_pattern()
    names = [f"_{i}" for i in range(1, pattern.groups + 1)]
    for name, number in pattern.groupindex.items():
        names[number - 1] = name
    return tuple(names)


def _read(m: regex.Match[str]) -> RawPeriod | None:
    g = dict(zip(_group_names(), m.groups(), strict=True))  # m.groupdict(), five times faster
    p = RawPeriod(m.start(), m.end())
    if g["rel"] or g["hol"]:
        meaning, base, offset = relative_words()[g["rel"] or holiday_stems()[g["hol"]]]
        if meaning in ("year_to_date", "since_year_start"):
            p.relative, p.clause_scoped = "year_to_date", True
            # 今年以来 opening its clause runs to publication (今年以来，集团已…); inside a phrase it may
            # name the year (保持了今年以来两位数的增长势头)
            # (钢材价格今年以来涨了约20%: before a verb of change, a subject's run to publication too)
            opens = m.start() == 0 or m.string[m.start() - 1] in _CLAUSE_OPENERS
            moved = meaning == "since_year_start" and _change_after().match(m.string, m.end()) is not None
            p.cumulative = (
                (meaning == "since_year_start" and opens)
                or moved
                or _CUMULATIVE.match(m.string, m.end(), m.end() + 12) is not None
            )
        elif meaning == "today":
            p.relative, p.day = "now", True  # 今日公布: an event's day, weaker than a reporting period
        elif meaning == "holiday":
            p.relative, p.month = "holiday", offset  # 国庆假期: a month of a year read in context
            last = holiday_runs().get(g["rel"] or holiday_stems()[g["hol"]])
            if last is not None:
                p.month_from, p.month = offset, last  # 暑期档: June to August of the year read in context
        elif meaning in FESTIVALS:
            p.relative, p.festival = "holiday", meaning  # 春节假期: months that depend on the year
        else:
            p.relative = meaning
            p.clause_scoped = meaning == "same_period_last_year"
        return p
    if g["per"]:
        p.relative = "per_period"  # 每年以50%的速度: a rate, not one period
        return p
    # year part
    if g["fyslash"]:
        p.year, p.fiscal = _two_digit_year(g["fy2"]) if len(g["fy2"]) == 2 else int(g["fy2"]), True
    elif g["fy"]:
        p.year, p.fiscal = _two_digit_year(g["fy"]), True
    elif g["qyr"] and g["qyr_y1"] == g["qyr_y2"]:
        p.year, p.quarter, p.quarter_end = _two_digit_year(g["qyr_y1"]), int(g["qyr_q1"]), int(g["qyr_q2"])
    elif g["qyr"]:
        return None
    elif g["qy_q"]:
        p.year, p.quarter = _two_digit_year(g["qy_y"]), int(g["qy_q"])
    elif g["qy4_q"]:
        p.year, p.quarter = int(g["qy4_y"]), int(g["qy4_q"])
    elif g["hy_h"]:
        p.year, p.half = _two_digit_year(g["hy_y"]), int(g["hy_h"])
    elif g["iso"]:
        p.year, p.month, p.day = int(g["iso_y"]), int(g["iso_m"]), bool(g["iso_d"])
    elif g["year"]:
        y = g["year"]
        if y.isdigit():
            p.year = int(y)
        else:
            digits = read_numeral(y)
            if digits is None or digits.value is None:
                return None
            p.year = int(digits.value)
        p.fiscal = g["ysuf"] not in ("年", "年度")
        if not g["ysuf"].startswith("年") or g["ysuf"] == "年度":
            p.whole_year = True
    elif g["yrange"]:
        p.year, p.year_end = int(g["yr1"]), _two_digit_year(g["yr2"])
        if p.year_end <= p.year:
            return None
        # (2024至2026财年: fiscal years, both ends)
        p.fiscal = g["yrange"].rsplit(g["yr2"], 1)[1].strip() not in ("年", "年度")
    elif g["year2"]:
        p.year = int(g["year2"])
    elif g["year2d"]:
        p.year, p.fiscal = 2000 + int(g["year2d"]), g["y2suf"] != "年"
    elif g["ryear"]:
        _, base, offset = relative_words()[g["ryear"]]
        p.year_from, p.year_offset = base, offset
        p.years = year_runs().get(g["ryear"], 1)
        p.fiscal = fiscal_words().search(g["ryear"]) is not None
    # sub-period part
    if g["qrange"]:
        p.quarter, p.quarter_end = 1, _small(g["qrn"])
        p.fiscal = p.fiscal or g["qrfis"][:1] in ("财", "財")  # 首三财季: the first three fiscal quarters
    elif g["qspan"]:
        p.quarter, p.quarter_end = _small(g["qs1"]), _small(g["qs2"])
    elif g["fq"]:
        p.quarter, p.fiscal = _small(g["fqn"]), True
    elif g["qfirst"]:
        p.quarter = 1  # 首季: the first quarter
    elif g["q"] or g["qn2"] or g["qrep"]:
        p.quarter = _small(g["qn"] or g["qn2"] or g["qrn2"])
    elif g["half"]:
        h = g["half"]
        p.half = int(g["hn"]) if g["hn"] else 2 if h.startswith("下") else 1
        p.fiscal = p.fiscal or h.endswith(("财年", "財年"))  # 上半财年: the first half of the fiscal year
    elif g["drange"]:
        first, last = _small(g["dm1"]), _small(g["dm2"])
        if first is None or last is None or not 1 <= first <= last <= 12:
            return None
        p.month = last  # 10月14日至11月11日: the months the days run over
        p.month_from = first if first != last else None
    elif g["mrange"] or g["mfirst"]:
        first = 1 if g["mfirst"] else _small(g["mr1"])
        last = _small(g["mfn"] if g["mfirst"] else g["mr2"])
        if first is None or last is None or not 1 <= first < last <= 12:
            return None
        if g["mrange"] and g["mlink"] in "、及和与與" and last != first + 1:
            return None  # 3、5月, 4月和6月: two months, not a run (4月及5月 is one)
        # 1-9月 = 前三季度, 1-6月 = 上半年, 4-6月 = 第二季度; otherwise the month it runs to
        if first == 1 and last == 12:
            p.whole_year = True
        elif first == 1 and last == 6:
            p.half = 1
        elif first == 7 and last == 12:
            p.half = 2
        elif first % 3 == 1 and last % 3 == 0:
            p.quarter, p.quarter_end = (first + 2) // 3, last // 3
        else:
            p.month_from, p.month = first, last  # 1-11月: a run of months, 2025-01/2025-11
    elif g["month"]:
        p.month = _small(g["mn"])
        p.day = bool(g["day"])
        if p.month is None or not 1 <= p.month <= 12:
            return None
        since = _to_now().match(m.string, m.end())
        if since is not None and not p.day:
            p.end, p.relative, p.clause_scoped = (
                since.end(),
                "month_to_date",
                True,
            )  # 十月至今: to publication
    elif g["whole"]:
        p.whole_year = True
        p.annual_report = g["whole"] in ("年报", "年報")
        p.fiscal = p.fiscal or g["whole"] in ("全财年", "全財年")  # 全财年: the fiscal year in context
    elif g["yedge"]:
        e = g["yedge"]
        p.month, p.point = (1 if e == "年初" else 6 if e == "年中" else 12), True
        p.year_edge = not p.has_year
        if e == "年末" and p.year_edge and m.string.endswith(("财", "財"), 0, p.start):
            p.start, p.fiscal = p.start - 1, True  # 财年末: the fiscal year's end, not December
    if g["edge"] or g["edge2"]:
        edge = (g["edge"] or g["edge2"]).strip()
        p.point = True
        if p.quarter is not None:
            p.month = 3 * (p.quarter_end or p.quarter) if edge != "初" else 3 * p.quarter - 2
        elif p.half is not None:
            p.month = 6 * p.half if edge != "初" else 6 * p.half - 5
        elif p.month is None and p.has_year:
            p.month = 12 if edge != "初" else 1
    if p.quarter is not None and not 1 <= p.quarter <= 4:
        return None
    if not (p.has_year or p.quarter or p.half or p.month or p.whole_year or p.point):
        return None
    return p


def _matches(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """What ``period_pattern().finditer(text, start, end)`` gives, trying it only where the gate opens."""
    pattern, gate = period_pattern(), period_gate()
    pos = start
    while (opening := gate.search(text, pos, end)) is not None:
        i = opening.start()
        m = pattern.match(text, i, end)
        if m is not None:
            pos = m.end()
            yield m
        else:
            pos = i + 1


@cache
def _magnitude_words() -> tuple[str, ...]:
    return tuple(magnitudes())


def scan_periods(
    text: str, start: int = 0, end: int | None = None, *, spans_from: int | None = None
) -> list[RawPeriod]:
    """Every period mention in ``text[start:end]``, read but not resolved.

    With ``spans_from``, what :func:`claimkit.quantities.read_span` needs to leave periods out:
    the same mentions with the same spans from there on (the text before is context), without
    the roles only claims read (a point in time, a comparison basis, an anchor, a number attached).
    A mention that ends before ``spans_from`` is matched but not read: only one that ends there
    or later can join a mention after it (2019年同期).
    """
    end = len(text) if end is None else end
    out: list[RawPeriod] = []
    spans_only = spans_from is not None
    for m in _matches(text, start, end):
        if spans_from is not None and m.end() < spans_from:
            continue
        p = _read(m)
        if p is None:
            continue
        before = text[max(start, p.start - 4) : p.start]
        if p.quarter is not None and not p.has_year and before.endswith(words("duration_before")):
            continue  # 连续三季度: a duration, not the third quarter
        if p.quarter is not None and before[-1:].isdigit() and text[p.start : p.start + 1].isdigit():
            continue  # 连续12季: the end of a larger number, not the second quarter
        if text.startswith(words("year_after_next"), p.start) and not (
            text.endswith(("、", *words("coordinator")), 0, p.start)
            or (out and out[-1].end == p.start - 1 and text[p.start - 1] in "至到")  # 今年至后年
        ):
            continue  # 今年、明年和后年: only in a list of years (此后年均, 落后年代 hold no year)
        if (
            p.relative == "year_to_date"
            and text[max(start, p.start - 1) : p.start] == "半"
            and text[max(start, p.start - 2) : p.start - 1] not in ("后", "後")
        ):
            # 截至6月底止半年內, 半年内增加超90家: 年內 ends 半年, not this year so far (開幕後半年內: a
            # duration after an event, left as it was read)
            continue
        if p.day and text.startswith(words("dateline_after"), p.end):
            continue  # 新华社北京12月15日电: the wire's dateline dates the story, no figure
        if p.year_edge and text.startswith(_magnitude_words(), p.end - 1):
            continue  # 按年中单位数下降: 中单位数 is a magnitude, 年中 no period
        if (
            p.quarter is not None
            and p.quarter_end is None
            and text.startswith(words("quarter_report"), p.end)
            # (第3季成績單: a bare 季 before a results noun is the quarter, as Taiwan companies report it)
            and (not text.endswith("季", 0, p.end) or text.startswith(words("quarter_report_bare"), p.end))
        ):
            continue  # 三季报显示, 交出三季度答卷: a report's name (an A-share 三季报 covers 前三季度), not the quarter
        if not spans_only:
            if p.month is not None and not p.point and before.endswith(words("point_before")):
                p.point = True
            # (比疫情前的2019年高出…: 的 may join the era to the period)
            # (较疫情暴发前的2019年: an era may be longer than the four characters looked at for a comparison)
            lead = text[max(start, p.start - _ERA_REACH) : p.start]
            era = next((w for w in words("era_before") if lead.endswith((w, w + "的"))), None)
            if era is not None:  # 超越疫情前2019年同期: an era named between the comparison and its period
                era += "的" if lead.endswith(era + "的") else ""
                before = text[max(start, p.start - len(era) - 4) : p.start - len(era)]
            compared = (
                before.endswith(words("period_compare"))
                and not before.endswith(words("compare_not"))
                and _topic_frame().match(text, p.end) is None  # 从1-10月累计数据看，…: the period viewed
            ) or (
                before.endswith(words("compare_with")) and text.startswith(words("compare_after"), p.end)
            )  # 和年初相比持平
            if (
                compared
                and out
                and not out[-1].comparison
                and text[out[-1].end : p.start].strip() in list_links()
                and not any(
                    w in re.split("[，,。；;]", text[p.end : p.end + 12])[0] for w in words("compare_after")
                )
            ):
                compared = False  # 2026年与2027年则分别为…: a list of periods (not 2025年与2024年相比)
            if compared or (_RATIO_BASE_AFTER.match(text, p.end) and before.endswith(words("base_verb"))):
                p.comparison = (
                    True  # 较上年, 比2019年同期, 恢复到2019年同期的六成: a base, not the claim's period
                )
        if out and p.relative == "same_period" and out[-1].end == p.start and out[-1].year is not None:
            # 2019年同期: one phrase, the year's same period; it is as much a base as its year
            p.relative, p.year, p.comparison = None, out[-1].year, out[-1].comparison
            prev = out.pop()
            p.start = prev.start
        if out and p.relative == "holiday" and out[-1].end == p.start and out[-1].comparison:
            p.comparison = True  # 较去年国庆节假期增加1.23亿人次: the holiday is part of the base
        if spans_only:
            out.append(p)
            continue
        ended = next((w for w in words("span_ended") if text.startswith(w, p.end)), "")
        # 在2025年3月结束的年度: a month a year of results ends at, as 截至…止年度 is
        if (
            p.month is not None
            and not p.point
            and ended
            and text.startswith(words("year_span"), p.end + len(ended))
        ):
            p.point = True
        if p.month is not None and p.point:
            tail = text[p.end + len(ended) : p.end + len(ended) + 8].lstrip(
                "止的之 "
            )  # (截至6月底止之中期業績)
            span = next(((w, n) for w, n in span_words() if tail.startswith(w)), None)
            p.span_months = span[1] if span is not None else None
            p.year_span = tail.startswith(words("year_span")) or (
                # (截至今年3月底止12個月的業績: twelve months of results, a year of results as 止年度 is)
                span is not None
                and span[1] == 12
                and p.month != 12
                and tail[len(span[0]) :].lstrip("的之").startswith(words("results_noun"))
            )
        elif (
            p.month is not None
            and p.month_from is None
            and not p.day
            and text.startswith("季", p.end)
            and not text.startswith("季度", p.end)
        ):
            p.point, p.span_months = True, 3  # 12月季: the quarter that ends in December
        if (
            p.year is None
            and p.year_from is None
            and (p.quarter or p.half or p.month)
            and text.endswith(words("entering"), 0, p.start)
        ):
            p.year_from, p.year_offset = "pub", 0  # 进入二季度，…: the one under way at publication
        # (本月初发布的: a part of the month may stand between the period and the act)
        part = next((w for w in words("month_part") if text.startswith(w, p.end)), "")
        if (
            _anchor_after().match(text, p.end)
            or text.startswith(words("event_after"), p.end + len(part))
            or text.endswith(words("horizon_before"), 0, p.start)
        ):
            p.anchor = True  # (年初公布的回购计划: the time of an act that names the thing, not the figure's)
        elif p.relative == "now" and text.endswith(
            (*words("according_to"), "按"), max(0, p.start - 2), p.start
        ):
            p.anchor = True  # 按目前的排班计划，预计…: the plan's time, not the figure's
        pos = bound_position(text, p)
        nxt = text[pos : pos + 1]
        if nxt and (nxt.isdigit() or nxt in "一二三四五六七八九十两约近超逾"):
            idioms = not_quantities()
            p.local = not (idioms is not None and idioms.match(text, pos))  # 8月一度突破: 一度 is an adverb
        out.append(p)
    return out


def bound_position(text: str, p: RawPeriod) -> int:
    """Where a number bound to ``p`` alone would start: right after it, a space or 的 between
    (去年同期7460万, 上年的412.5万片), or a money noun after 的 when ``p`` is a comparison base (较第二季度的
    亏损16.5亿元: the base's own figure)."""
    pos = p.end + (text[p.end : p.end + 1] == " ")
    if text[pos : pos + 1] == "的":
        pos += 1
        if p.comparison:
            pos += next((len(w) for w in _money_nouns() if text.startswith(w, pos)), 0)
    return pos


@cache
def _money_nouns() -> tuple[str, ...]:
    """The money nouns (``resources/money_nouns.txt``), longest first."""
    from ..quantities.lexicon import money_nouns

    return tuple(sorted(money_nouns(), key=len, reverse=True))


def read_periods(cleaned: Cleaned) -> list[RawPeriod]:
    """Every period mention in the kept text of a cleaned document (repeats and page furniture skipped), but an
    edition's year in brackets inside a work's title (《某某白皮书（2025年）》), which dates the work, no figure."""
    text = cleaned.folded
    return [
        p
        for a, b in cleaned.kept_spans()
        for p in scan_periods(text, a, b)
        if not _edition(text, p.start, p.end)
    ]


def _edition(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands alone in brackets inside a title (《…（2025年）》)."""
    if text[start - 1 : start] not in ("（", "(") or text[end : end + 1] not in ("）", ")"):
        return False
    opening = text.rfind("《", max(0, start - 60), start)
    return opening >= 0 and text.find("》", opening, start) < 0 and text.find("》", end, end + 3) >= 0
