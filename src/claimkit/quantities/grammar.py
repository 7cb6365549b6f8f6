"""The quantity grammar: one compiled pattern finds candidates, small rules read them.

The pattern (``regex`` module, possessive quantifiers, no nested repetition of
ambiguous parts, so matching is linear) has one alternative per form:

* ``百分之二十`` / ``千分之五``: a percentage written as words;
* ``三位数``: a digit-count magnitude (a range);
* ``翻倍`` / ``翻了一番``: a multiple;
* ``第12位`` / ``第二``: an ordinal, a rank when the context makes it one;
* ``前三``: a top-N rank;
* the main form: an optional currency sign, a numeral (Arabic with separators,
  Chinese, or Arabic followed by scale words), optional space, an optional unit
  or measure word from ``resources/units.tsv`` and an optional ``/吨`` rate.

Candidates are then read in Python: the numeral's value, what the unit makes of
it, qualifier words on either side, and the reasons a number is not a quantity
(part of a name or code, a date, inside a URL, an idiom).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import NamedTuple

from .lexicon import UnitWord, currency_words, magnitudes, not_quantities, qualifiers, units, words_pattern
from .numerals import Numeral, chars, plain, read_numeral

DIG = "0-9０-９"
DIG_CHARS = "0123456789０１２３４５６７８９"
AR = (
    rf"(?:[+\-−＋－]|负|負)?(?:[{DIG}]{{1,3}}(?:[,，][{DIG}]{{3}}(?![{DIG}]))++|[{DIG}]++)(?:[.．][{DIG}]++)?"
)


def numeral_patterns() -> tuple[str, str]:
    """The numeral part of the grammar, built from ``resources/numerals.tsv``: (Chinese, mixed)."""
    c = chars()
    digits = "".join(c.digits) + "".join(c.tens)
    tens = "".join(ch for ch, v in c.units.items() if v == 10)
    units = "".join(c.units)
    scales = "".join(sorted({ch for word, _ in c.scales for ch in word}))
    wild, more, points = "".join(c.wild), "".join(c.more), "".join(c.points)
    zero = "".join(ch for ch, v in c.digits.items() if v == 0)
    # Chinese: starts with a digit, 十 or 几/数; may hold 点 between digits and 多/余
    cn = (
        rf"(?:[负負](?=[{digits}{tens}]))?[{digits}{tens}{wild}]"
        rf"(?:[{digits}{units}{scales}{wild}{more}]|[{points}](?=[{digits}]))*+"
    )
    # Arabic followed by scale words and more digits: 1343.3万, 3万4000, 25万6千, 13万2, 900多万, 4万多
    tail = (
        rf"(?:[ \u00a0]?[{units}{scales}{more}]"
        rf"(?:[{units}{scales}{more}{zero}]|[{DIG}]|[.．](?=[{DIG}])|[,，](?=[{DIG}]{{3}}(?![{DIG}])))*+)?"
    )
    return cn, rf"(?:{AR}{tail}|{cn})"


CUR_SIGN = r"US\$|HK\$|NT\$|S\$|\$|＄|¥|￥|€|£"
RATE_UNITS = [
    "吨", "股", "辆", "台", "件", "个", "人", "月", "年", "天", "日", "次", "桶", "盎司", "克", "公斤", "千克",
    "斤", "平方米", "平米", "亩", "度", "千瓦时", "瓦", "Wh", "kWh", "MWh", "GWh", "W", "kg", "g", "t", "股份",
    "箱", "瓶", "杯", "份", "晚", "小时", "单", "片", "张", "套", "部", "米", "公里",
]  # fmt: skip

_LATIN = re.compile(r"[A-Za-z]")
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff01-\uff5e]+|[\w.+-]+@[\w-]+\.[\w.]+")
_DECLARED_CURRENCY = re.compile(
    r"[（(]\s*(人民币|人民幣|港元|港币|港幣|美元|欧元|歐元|日元|英镑|新台币|新台幣)\s*[,，、]?\s*下同\s*[)）]"
)
_TAIWAN_DOLLAR = re.compile("新台币|新台幣|新臺幣")
_RANGE_LINK = frozenset(["至", "到", "-", "~", "～", "—", "－", "–", "~", "至到"])
_COORD_LINK = frozenset(["及", "和", "、", "与", "或", "以及", "跟", "/", "／"])
_FROM_WORDS = ("从", "由")
_NOT_CHENG = frozenset("本为交员功果立长熟型绩就分品都全年人效色")
_DATE_UNITS = frozenset(["年"])
_MEGA_UNITS = frozenset("瓦赫字比帕欧焦")

_CAPITALS = frozenset("壹贰貳叁參肆伍陆陸柒捌玖")
_HAN_NEXT = re.compile("[\u4e00-\u9fff]")
_GROWTH_CUES = ("增", "涨", "降", "跌", "升", "滑", "同比", "环比", "按年", "按季", "速", "幅", "率")


# What every candidate starts with besides numeral characters: a cheap first test that lets the
# engine skip most of the text without trying the alternation.
_FIRST_EXTRA = "百千仟万萬翻第前+-−＋－负負UHNS$＄¥￥€£"


@cache
def master() -> re.Pattern[str]:
    """The compiled candidate pattern (built once from the resources).

    Each alternative is wrapped in a group whose name says which reader takes it
    (:data:`_READERS`); word lists are factored alternations (:func:`words_pattern`).
    """
    c = chars()
    cn, num = numeral_patterns()
    unit_words = words_pattern(units())
    first = set(_FIRST_EXTRA) | set(DIG_CHARS) | set(c.digits) | set(c.tens) | set(c.wild)
    first |= {ch for ch, v in c.units.items() if v == 10} | {w[0] for w in magnitudes()}
    first_class = "".join(re.escape(ch) for ch in sorted(first))
    qualified = "|".join(
        f"(?<={words_pattern(ws)})"
        for ws in _by_length(
            ["上", "近", "超", "逾", "破", "约", "过", "达", "接近", "将近", "超过", "突破", "高达"]
        )
    )
    pattern = rf"""(?=[{first_class}])(?:
      (?P<pct>(?P<pct_word>百分之|千分之|仟分之|万分之|萬分之)[ ]?(?P<pnum>{AR}|{cn}|百))
    | (?P<mag>{words_pattern(magnitudes())})
    | (?P<fan>翻倍|翻番|翻了?(?P<fan_n>[一两二三四1-4])番)
    | (?P<qs>(?:{qualified})(?P<qscale>[十百千万](?:万|亿|万亿)?)(?:[ ]?(?P<qunit>{unit_words}))?)
    | (?P<ordinal>第[ ]?(?P<ord>[{DIG}]++|[〇零一二两三四五六七八九十百]++)(?P<ord_unit>[ ]?[位名])?)
    | (?P<topn>前(?P<top>[一二三四五六七八九十]|[{DIG}]{{1,3}})(?P<top_unit>名|位|强)?)
    | (?P<main>(?:(?P<cur>{CUR_SIGN})[ ]?)?(?P<num>{num})(?:[ ]?(?P<unit>{unit_words}))?(?P<rate>/(?:{words_pattern(RATE_UNITS)}))?)
    )"""
    return re.compile(pattern, re.VERBOSE)


def _by_length(words: list[str]) -> list[list[str]]:
    """``words`` grouped by length (a lookbehind in ``re`` must have one width)."""
    groups: dict[int, list[str]] = {}
    for w in words:
        groups.setdefault(len(w), []).append(w)
    return [groups[n] for n in sorted(groups, reverse=True)]


@dataclass(slots=True)
class Raw:
    """A quantity as read from the clean text (offsets into the clean text)."""

    start: int
    end: int
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    kind: str | None = None  # money | percent | pp | multiple | count | rank | duration | physical
    counted: str | None = None
    qualifier: str = "exact"
    scale: Decimal = Decimal(1)  # the numeral's trailing scale word (万 -> 10^4)
    bare: bool = False  # a plain number: no unit, no scale word
    chinese: bool = False  # written in Chinese numerals
    unit_word: str | None = None


@cache
def _scale_chars() -> frozenset[str]:
    return frozenset(ch for word, _ in chars().scales for ch in word)


class _NumInfo(NamedTuple):
    """What the readers need to know about a numeral's text, computed once per distinct text."""

    numeral: Numeral | None
    chinese: bool  # no digit at all: written in Chinese numerals
    scaled: bool  # holds a scale character (万, 亿, 兆)
    grown: bool  # holds a scale character or 多/余 (not a plain number)
    scale: Decimal  # the trailing scale word's value
    zhao: bool  # ends with 兆 (10^12, or mega before a physical unit)
    capital: bool  # a financial capital alone (陆), which is a word before a hanzi
    year: bool  # a four-digit year (2025, 二〇二五)


@lru_cache(maxsize=16384)
def _num_info(num_text: str) -> _NumInfo:
    scale_chars = _scale_chars()
    scaled = any(c in scale_chars for c in num_text)
    numeral = read_numeral(num_text)
    chinese = not any(c.isdigit() for c in num_text)
    stripped = num_text.strip()
    return _NumInfo(
        numeral,
        chinese,
        scaled,
        scaled or any(c in "多余餘" for c in num_text),
        _trailing_scale(num_text),
        num_text.rstrip().endswith("兆"),
        chinese and len(stripped) == 1 and stripped in _CAPITALS,
        numeral is not None and _is_year(num_text, numeral),
    )


def _trailing_scale(numeral: str) -> Decimal:
    c = chars()
    stripped = numeral.rstrip("".join(c.more) + " ")
    for word, exponent in c.scales:
        if stripped.endswith(word):
            return Decimal(10) ** exponent
    return Decimal(1)


def _prefix_qualifier(text: str, start: int, floor: int) -> str | None:
    """The qualifier written right before ``start`` (one space allowed); longest word first."""
    prefix, _ = qualifiers()
    pos = start - 1 if start > floor and text[start - 1] == " " else start
    if pos <= floor or (text[pos - 1] not in _edges().prefix_last and text[pos - 1] not in "了有"):
        return None  # no word ends here: the common case, decided on one character
    if (
        pos - 1 > floor
        and text[pos - 1] in "了有"
        and any(text[pos - 1 - n : pos - 1] in prefix for n in (1, 2, 3) if pos - 1 - n >= floor)
    ):
        pos -= 1  # 超过了1000亿元, 至少有10个
    for length in (3, 2, 1):
        if pos - length >= floor:
            q = prefix.get(text[pos - length : pos])
            if q is not None:
                return None if q == "none" else q
    return None


# 约为李宁的2.1倍, 约占市场的两成, 不足瑞幸门店数的四成: a qualifier before a "X的" phrase
_PHRASE_QUALIFIER = re.compile(
    r"(约|大约|接近|将近|近|超过|不足|不到|逾)(?:为|占|是|合|相当于|达)?[^，,。；;：:0-9０-９%]{1,12}的$"
)


def _phrase_qualifier(text: str, start: int, floor: int) -> str | None:
    last = text[start - 1] if start > floor else ""
    if last != "的" and not (last == "\n" and start - 1 > floor and text[start - 2] == "的"):
        return None  # the pattern ends with 的 (``$`` also matches before a final newline)
    m = _PHRASE_QUALIFIER.search(text, max(floor, start - 16), start)
    if m is None:
        return None
    q = qualifiers()[0].get(m.group(1))
    return None if q == "none" else q


def _suffix_qualifier(text: str, end: int) -> tuple[str | None, int]:
    _, suffix = qualifiers()
    if text[end : end + 1] not in _edges().suffix_first:
        return None, end
    for length in (2, 3, 1):
        q = suffix.get(text[end : end + length])
        if q is not None:
            return q, end + length
    return None, end


def _name_or_code(text: str, start: int, end: int, floor: int, ceiling: int) -> bool:
    """A numeral glued to Latin letters or code punctuation: QwQ-32B, GPT-4o, 00700.HK, R1."""
    before = text[start - 1] if start > floor else ""
    if before not in _CODE_CHARS and (end >= ceiling or text[end] not in _CODE_CHARS):
        return False  # what every test below needs on one side or the other
    if (
        before
        and _LATIN.match(before)
        and text[start : start + 1] in "+-−"
        and _LATIN_BASIS.search(text, max(floor, start - 4), start)
    ):
        before = ""  # yoy+20.6%, QoQ-3%: a change basis written in Latin letters, then a signed number
    if before and (_LATIN.match(before) or before in "_#@\\"):
        return True
    if before and before in "-.:：" and start - 2 >= floor and _LATIN.match(text[start - 2]):
        return True  # QwQ-32B, GPT-4o
    if before and before in ".:：" and start - 2 >= floor and text[start - 2].isdigit():
        return True  # 16:52, 1.2.3
    after = text[end] if end < ceiling else ""
    if after and (_LATIN.match(after) or after in "_@"):
        return True
    return bool(
        after
        and after in ".:："
        and end + 1 < ceiling
        and (_LATIN.match(text[end + 1]) or text[end + 1].isdigit())
    )  # 00700.HK, 16:52


# what may follow a rank written without 位/名 (第二大, 排名第一，)
_AFTER_RANK = frozenset("大，,。；;、！!？?）)”」 \n\t\r\f\v\u3000")


def _read_ordinal(m: re.Match[str], text: str, ceiling: int) -> Raw | None:
    start, end = m.span()
    nxt = text[end] if end < ceiling else ""
    if nxt and nxt not in _AFTER_RANK and not m.group("ord_unit"):
        return None  # 第一季度, 第一个问题, 第一是: an ordinal with a noun, not a rank
    numeral = read_numeral(m.group("ord"))
    if numeral is None or numeral.value is None or numeral.value <= 0:
        return None
    if m.group("ord_unit"):
        return Raw(start, end, numeral.value, unit="rank", kind="rank")
    if nxt == "大":
        return Raw(start, end, numeral.value, unit="rank", kind="rank")  # 第二大
    before = text[max(0, start - 4) : start]
    if nxt and nxt not in "，,。；;、！!？?）)”」 \n" and not nxt.isspace():
        return None  # 第一季度, 第一个问题, 第一是: an ordinal with a noun, not a rank
    at_clause_start = not before or before[-1] in "，,。；;：:\n（(“「、 " or before.endswith(("其中", "是"))
    if at_clause_start and nxt:
        return None  # 第一，第二，: list markers
    return Raw(start, end, numeral.value, unit="rank", kind="rank")


_LATIN_BASIS = re.compile(r"(?i)(?:yoy|qoq|mom|y/y|q/q)$")
# every character _name_or_code looks for next to a number: Latin letters and code punctuation
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_#@\\-.:：")


class _Edges(NamedTuple):
    """Characters that may end or start a word the readers look up: one-character tests first."""

    prefix_last: frozenset[str]  # last characters of prefix qualifiers (up to three characters)
    suffix_first: frozenset[str]  # first characters of suffix qualifiers
    currency_last: frozenset[str]  # last characters of currency words (two to four characters)


@cache
def _edges() -> _Edges:
    prefix, suffix = qualifiers()
    return _Edges(
        frozenset(w[-1] for w in prefix if len(w) <= 3),
        frozenset(w[0] for w in suffix),
        frozenset(w[-1] for w in currency_words() if 2 <= len(w) <= 4),
    )


_LINKS = frozenset("至到-~～—－–及和、与或/／跟")


def _alone(text: str, a: int, b: int, floor: int, ceiling: int) -> bool:
    """Whether no neighbour links the plain number ``text[a:b]`` to another (2025, 27日)."""
    before = text[a - 1] if a > floor else ""
    after = text[b] if b < ceiling else ""
    if before in _LINKS or after in _LINKS or before == " " or after == " ":
        return False
    return not text[max(floor, a - 3) : a].endswith(_ALONE_NOT_AFTER)


_ALONE_NOT_AFTER = ("人民币", "美元", "港币", "港元", "约", "近", "超")


def _read_main(m: re.Match[str], text: str, floor: int, ceiling: int, numbers: bool = False) -> Raw | None:
    cur, num_text, unit_word, rate = m.group("cur", "num", "unit", "rate")
    info = _num_info(num_text)
    num_start, num_end = m.span("num")
    if not (numbers or unit_word or cur or rate or info.grown) and _alone(
        text, num_start, num_end, floor, ceiling
    ):
        return None  # a plain number no range or list can give a unit: not worth reading
    numeral = info.numeral
    if numeral is None:
        return None
    end = m.end()
    if cur is None:
        start = num_start
        if (
            text[num_start] in "+-－＋"
            and num_start > floor
            and (text[num_start - 1].isdigit() or text[num_start - 1] in "%％万亿元")
        ):
            start = num_start = num_start + 1  # 2024-10: a hyphen, not a sign
            numeral = read_numeral(text[num_start:num_end])
            if numeral is None:
                return None
        elif info.year and unit_word in _DATE_UNITS and units()[unit_word].kind == "duration":
            return None  # 2024年, 二〇二五年: a date (decided early: most numbers before 年 are years)
    else:
        start = m.start()
    if info.zhao and end < ceiling + 1 and text[num_end : num_end + 1] in _MEGA_UNITS:
        # 10兆瓦: 兆 is mega (a physical unit), not 10^12
        numeral = read_numeral(num_text.rstrip()[:-1])
        if numeral is None or numeral.value is None:
            return None
        return Raw(
            num_start, end, numeral.value, unit="count", kind="physical", counted="兆" + (unit_word or "")
        )
    chinese = info.chinese
    if info.capital and _HAN_NEXT.match(text, num_end):
        return None  # 登陆部队, 大陆家庭, 陆续: a financial capital alone is a word, not a digit
    code_end = end if unit_word or rate else num_end
    before = text[start - 1] if start > floor else ""
    if (before in _CODE_CHARS or (code_end < ceiling and text[code_end] in _CODE_CHARS)) and _name_or_code(
        text, start, code_end, floor, ceiling
    ):
        return None
    raw = Raw(
        start, end, numeral.value, numeral.low, numeral.high, None, None, None,
        "more_than" if numeral.more else "range" if numeral.value is None else "exact",
        info.scale, False, chinese,
    )  # fmt: skip
    if cur:
        raw.unit, raw.kind = _sign_currency(cur), "money"
    if unit_word:
        unit = units()[unit_word]
        if unit_word == "成" and (
            (end < ceiling and text[end] in _NOT_CHENG)
            or (not chinese and numeral.value and numeral.value > 10)
        ):
            unit_word = None
            raw.end = end = num_end
        elif unit.kind == "duration" and unit_word in _DATE_UNITS and _is_year(num_text, numeral):
            return None  # 2024年, 二〇二五年: a date
        else:
            raw.unit_word = unit_word
            _apply_unit(raw, unit, numeral)
            if unit_word == "成":
                if end < ceiling and text[end] == "半" and raw.value is not None:
                    raw.value, raw.end = raw.value + 5, end + 1  # 三成半 = 35%
                elif end < ceiling and text[end] in "多余" and raw.qualifier == "exact":
                    raw.qualifier, raw.end = "more_than", end + 1  # 三成多
                elif raw.value is not None and _tenth_digit(text, end, ceiling):
                    raw.value, raw.end = raw.value + chars().digits[text[end]], end + 1  # 三成六 = 36%
    if raw.unit is None and not info.scaled and not numeral.more:
        raw.bare = True
        raw.end = num_end
    elif raw.unit is None:
        raw.unit, raw.kind = "count", "count"
        raw.end = num_end if not unit_word else end
    return raw


def _tenth_digit(text: str, pos: int, ceiling: int) -> bool:
    """A lone digit right after 成 (三成六): the next tenth, unless it starts a number of its own."""
    digits = chars().digits
    if pos >= ceiling or digits.get(text[pos], 0) == 0:
        return False
    nxt = text[pos + 1] if pos + 1 < ceiling else ""
    return not (nxt in digits or nxt in chars().units or any(w.startswith(nxt) for w in units() if nxt))


def _sign_currency(sign: str) -> str:
    return {
        "US$": "USD",
        "$": "USD",
        "＄": "USD",
        "HK$": "HKD",
        "NT$": "TWD",
        "S$": "SGD",
        "€": "EUR",
        "£": "GBP",
    }.get(sign, "CNY")


def _is_year(num_text: str, numeral: Numeral) -> bool:
    value = numeral.value
    if value is None:
        return False
    digits = "".join(c for c in num_text if not c.isspace())
    if digits.isdigit() or all(c in "〇零一二两三四五六七八九○" for c in digits):
        return len(digits) == 4 and 1900 <= value <= 2100
    return False


def _apply_unit(raw: Raw, info: UnitWord, numeral: Numeral) -> None:
    if info.scaled:
        factor = info.factor
        raw.value = plain(raw.value * factor) if raw.value is not None else None
        raw.low = plain(raw.low * factor) if raw.low is not None else None
        raw.high = plain(raw.high * factor) if raw.high is not None else None
    raw.unit, raw.kind = info.unit if info.kind in _UNIT_KINDS else "count", info.reads
    if info.kind not in _UNIT_KINDS:
        raw.counted = info.word


_UNIT_KINDS = frozenset(
    ["currency", "percent", "pp", "multiple"]
)  # the unit is the word's own, nothing counted


def scan(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    default_currency: str | None = None,
    numbers: bool = False,
) -> list[Raw]:
    """Every quantity in ``text[start:end]``, read; plain numbers too when ``numbers`` is true."""
    end = len(text) if end is None else end
    out: list[Raw] = []
    pattern = master()
    mags = magnitudes()
    edges = _edges()
    for m in pattern.finditer(text, start, end):
        raw: Raw | None
        form = m.lastgroup
        if form == "main":
            raw = _read_main(m, text, start, end, numbers)
        elif form == "pct":
            raw = _read_percent_words(m)
        elif form == "mag":
            low, high = mags[m.group("mag")]
            raw = Raw(m.start(), m.end(), None, low, high, qualifier="range")
            growth = any(c in text[max(start, m.start() - 8) : m.end() + 4] for c in _GROWTH_CUES)
            raw.unit, raw.kind = ("%", "percent") if growth else ("count", "count")
        elif form == "qs":
            raw = _read_qualified_scale(m)
        elif form == "fan":
            n = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4}.get(m.group("fan_n") or "")
            if n is None and m.group("fan_n"):
                n = int(m.group("fan_n"))
            raw = Raw(m.start(), m.end(), Decimal(2 ** (n or 1)), unit="x", kind="multiple")
        elif form == "ordinal":
            raw = _read_ordinal(m, text, end)
        elif form == "topn":
            raw = _read_top(m, text, end)
        else:  # pragma: no cover - every alternative is a named group
            raw = None
        if raw is None:
            continue
        if raw.kind != "rank" and not raw.bare:
            q = _qualifier(text, raw, start, edges)
            if q and raw.qualifier == "exact":
                raw.qualifier = q
        if raw.unit is None and not raw.bare and raw.kind is None:
            raw.unit, raw.kind = "count", "count"
        out.append(raw)
    _drop_idioms_and_urls(text, start, end, out)
    _link_ranges(text, out)
    _distribute_units(text, out)
    _apply_currency_context(text, start, out, default_currency)
    if numbers:
        for r in out:
            if r.bare:
                r.kind = "number"
        return out
    return [r for r in out if not r.bare]


def _qualifier(text: str, raw: Raw, floor: int, edges: _Edges) -> str | None:
    """The qualifier written around a quantity: before it (or before its ``X的`` phrase), else after it.

    Most quantities have none; one-character tests on the neighbours rule that out before
    any word is looked up.
    """
    q = None
    pos = raw.start
    if pos > floor:
        last = before = text[pos - 1]
        if before in edges.currency_last:
            pos = _qualifier_anchor(text, raw, floor)
            before = text[pos - 1] if pos > floor else ""
        if before in edges.prefix_last or before in "了有 ":
            q = _prefix_qualifier(text, pos, floor)
        if q is None and (last == "的" or last == "\n"):
            q = _phrase_qualifier(text, raw.start, floor)
    if q is None and text[raw.end : raw.end + 1] in edges.suffix_first:
        q, _ = _suffix_qualifier(text, raw.end)
    return q


def _qualifier_anchor(text: str, raw: Raw, floor: int) -> int:
    """Where prefix qualifiers end: before a currency word written in front (超过人民币100亿元)."""
    pos = raw.start
    if pos <= floor or text[pos - 1] not in _edges().currency_last:
        return pos
    for length in (3, 2):
        if pos - length >= floor and text[pos - length : pos] in currency_words():
            return pos - length
    return pos


def _read_percent_words(m: re.Match[str]) -> Raw | None:
    pnum = m.group("pnum")
    end = m.end()
    numeral = Numeral(Decimal(100)) if pnum == "百" else read_numeral(pnum)
    while numeral is None and len(pnum) > 1:  # 百分之七十百分位: the numeral stops before 百分
        pnum, end = pnum[:-1], end - 1
        numeral = read_numeral(pnum)
    if numeral is None:
        return None
    factor = {
        "千分之": Decimal("0.1"),
        "仟分之": Decimal("0.1"),
        "万分之": Decimal("0.01"),
        "萬分之": Decimal("0.01"),
    }.get(m.group("pct_word"), Decimal(1))
    value = plain(numeral.value * factor) if numeral.value is not None else None
    low = plain(numeral.low * factor) if numeral.low is not None else None
    high = plain(numeral.high * factor) if numeral.high is not None else None
    qualifier = "more_than" if numeral.more else "range" if value is None else "exact"
    return Raw(m.start(), end, value, low, high, unit="%", kind="percent", qualifier=qualifier)


def _read_qualified_scale(m: re.Match[str]) -> Raw | None:
    """近千亿元, 上百亿, 破万亿: a scale word with no digit, after a qualifier, means one of it."""
    numeral = read_numeral("一" + m.group("qscale"))
    if numeral is None or numeral.value is None or numeral.value < 100:
        return None
    raw = Raw(m.start(), m.end(), numeral.value, scale=_trailing_scale(m.group("qscale")))
    unit_word = m.group("qunit")
    if unit_word:
        info = units()[unit_word]
        if info.kind in ("duration", "physical"):
            return None
        raw.unit_word = unit_word
        _apply_unit(raw, info, numeral)
    else:
        raw.unit, raw.kind = "count", "count"
    return raw


def _read_top(m: re.Match[str], text: str, ceiling: int) -> Raw | None:
    numeral = read_numeral(m.group("top"))
    if numeral is None or numeral.value is None:
        return None
    end = m.end()
    nxt = text[end] if end < ceiling else ""
    if not m.group("top_unit") and nxt and nxt in "季个年月天周期日轮批届次位名款家只条项成倍%％":
        return None  # 前三季度, 前两个月: a period or a count, not a rank
    if not m.group("top_unit") and nxt and nxt not in "，,。；;、！!？?）)”」 \n大的" and not nxt.isspace():
        return None
    return Raw(m.start(), end, numeral.value, unit="rank", kind="rank", qualifier="less_than")


def _drop_idioms_and_urls(text: str, start: int, end: int, out: list[Raw]) -> None:
    spans: list[tuple[int, int]] = []
    idioms = not_quantities()
    if idioms is not None:
        spans.extend(m.span() for m in idioms.finditer(text, start, end))
    if (
        text.find("://", start, end) >= 0
        or text.find("www.", start, end) >= 0
        or text.find("@", start, end) >= 0
    ):
        spans.extend(m.span() for m in _URL.finditer(text, start, end))
    if not spans:
        return
    spans.sort()
    starts = [a for a, _ in spans]
    from bisect import bisect_right

    keep = []
    for r in out:
        k = bisect_right(starts, r.start) - 1
        if k >= 0 and spans[k][1] > r.start:
            continue
        keep.append(r)
    out[:] = keep


def _link(text: str, a: Raw, b: Raw) -> str:
    return "".join(text[a.end : b.start].split())


def _compatible(a: Raw, b: Raw) -> bool:
    if a.unit is None or a.unit == b.unit:
        return True
    return a.kind == "count" and a.counted is None and b.kind == "money"  # 265亿至292亿元


def _link_ranges(text: str, out: list[Raw]) -> None:
    """Merge ``A至B``, ``A-B``, ``A~B`` into one range; A borrows B's scale and unit."""
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        link = _link(text, a, b)
        if (
            link in _RANGE_LINK
            and a.value is not None
            and b.value is not None
            and a.kind != "rank"
            and b.kind != "rank"
            and _compatible(a, b)
            and not (b.bare and a.bare)
            and not any(w in text[max(0, a.start - 6) : a.start] for w in _FROM_WORDS)
            and not (link != "至" and link != "到" and (a.chinese or b.chinese))
        ):
            lo, hi = a.value, b.value
            if a.scale == 1 and b.scale != 1 and a.value is not None and a.value <= b.value / b.scale:
                lo = plain(a.value * b.scale)
            if lo > hi:
                lo, hi = hi, lo
            merged = Raw(
                a.start, b.end, None, lo, hi, unit=b.unit, kind=b.kind, counted=b.counted,
                qualifier="range", scale=b.scale, unit_word=b.unit_word,
            )  # fmt: skip
            out[i : i + 2] = [merged]
            continue
        i += 1


def _distribute_units(text: str, out: list[Raw]) -> None:
    """``5.4及3.9个百分点``, ``10、20和30亿元``: a plain number borrows the unit of the next one."""
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if b.kind == "money" and a.kind == "count" and a.counted is None and _link(text, a, b) in _COORD_LINK:
            a.unit, a.kind = b.unit, "money"  # 437亿/551亿/690亿元
            continue
        if not a.bare or b.bare or b.unit is None or b.kind == "rank" or a.chinese != b.chinese:
            continue
        if _link(text, a, b) not in _COORD_LINK:
            continue
        value = a.value
        if value is not None and a.scale == 1 and b.scale != 1:
            value = plain(value * b.scale)  # 146/132/151亿元: the scale word serves the whole list
        a.value, a.unit, a.kind, a.counted, a.bare = value, b.unit, b.kind, b.counted, False
        a.scale = b.scale


def _apply_currency_context(text: str, floor: int, out: list[Raw], default_currency: str | None) -> None:
    """``元`` means the currency a ``（港元，下同）`` note declares; a currency word before a number counts."""
    words = currency_words()
    currency_last = _edges().currency_last
    for r in out:
        if r.bare or r.kind == "rank" or r.counted is not None:
            continue
        pos = r.start - 1 if r.start > floor and text[r.start - 1] == " " else r.start
        if pos <= floor or text[pos - 1] not in currency_last:
            continue
        for length in (4, 3, 2):
            w = text[pos - length : pos] if pos - length >= floor else ""
            generic_yuan = r.kind == "money" and r.unit_word in ("元", "亿元", "万元")
            if (
                w in words
                and (r.kind != "money" or r.unit == words[w] or generic_yuan)
                and r.kind in ("money", "count")
            ):
                # 人民币50亿 / 人民币 50元: the currency written first is the unit, and part of the text
                r.unit, r.kind, r.start = words[w], "money", pos - length
                break
    nouns = money_nouns()
    for r in out:
        if r.bare or r.kind != "count" or r.counted is not None or r.scale < 10**4:
            continue
        before = text[max(floor, r.start - 16) : r.start].rstrip()
        changed = True
        while changed:
            changed = False
            for w in _MONEY_GAP_WORDS:
                if before.endswith(w):
                    before, changed = before[: -len(w)].rstrip(), True
                    break
        if before.endswith(nouns):
            r.unit, r.kind = default_currency or "CNY", "money"  # 营收超500亿
    if default_currency and default_currency != "CNY":
        for r in out:
            if r.kind == "money" and r.unit_word == "元":
                r.unit = default_currency


_MONEY_GAP_WORDS = tuple(
    sorted(
        [
            "为",
            "达",
            "达到",
            "约",
            "约为",
            "大约",
            "超",
            "超过",
            "突破",
            "近",
            "接近",
            "逾",
            "仅",
            "仅为",
            "高达",
            "共",
            "合计",
            "累计",
            "录得",
            "实现",
            "了",
            "至",
            "到",
            "增长",
            "增加",
            "增",
            "提升",
            "升",
            "上升",
            "下降",
            "降",
            "减少",
            "减",
            "下滑",
            "回落",
            "跌",
            "回升",
        ],
        key=len,
        reverse=True,
    )
)


@cache
def money_nouns() -> tuple[str, ...]:
    from .. import _resources

    return tuple(_resources.lines("money_nouns.txt"))


def declared_currency(text: str) -> str | None:
    """The currency bare ``元`` amounts are in: a ``（人民币，下同）`` note, or TWD in a text that
    names the New Taiwan dollar (Taiwan press writes 億元 for NT$)."""
    m = _DECLARED_CURRENCY.search(text)
    if m is not None:
        return currency_words().get(m.group(1))
    if _TAIWAN_DOLLAR.search(text):
        return "TWD"
    return None
