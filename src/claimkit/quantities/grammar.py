"""The quantity grammar: one compiled pattern finds candidates, small rules read them.

The pattern (``re``, possessive quantifiers, no nested repetition of ambiguous parts,
so matching is linear; a first-character test lets the engine skip most of a text) has
one alternative per form:

* ``百分之二十`` / ``千分之五``: a percentage written as words;
* ``三位数``: a digit-count magnitude (a range);
* ``翻倍`` / ``翻了一番``: a multiple;
* ``近千亿`` / ``不足百亿``: a scale word with no digit after a qualifier;
* ``第12位`` / ``第二``: an ordinal, a rank when the context makes it one;
* ``前三``: a top-N rank (not ``排名前十的钢企``, ``前100位药品批发企业``: a group named by its rank);
* ``首位`` after a verb of ranking (``居全国首位``): rank 1;
* the main form: an optional currency sign, a numeral (Arabic with separators,
  Chinese, or Arabic followed by scale words), optional space, an optional unit
  or measure word from ``resources/units.tsv`` and an optional ``/吨`` rate.

Candidates are then read in Python: the numeral's value, what the unit makes of
it, qualifier words on either side, the currency in scope, and the reasons a
number is not a quantity (part of a name or code, a date, inside a URL, an idiom).
Every word comes from ``claimkit/resources`` (with its traditional spellings); the
code holds the grammar.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import NamedTuple

from .. import _resources
from .._resources import with_traditional
from .._words import words
from .lexicon import (
    UnitWord,
    cues,
    currency_signs,
    currency_words,
    magnitudes,
    money_nouns,
    not_quantities,
    percent_words,
    qualifiers,
    rate_units,
    units,
    words_pattern,
)
from .numerals import MAX_DIGITS, Numeral, chars, plain, read_numeral

DIG = "0-9０-９"
DIG_CHARS = "0123456789０１２３４５６７８９"
SIGNS = "+\\-−＋－"


def _class(chars_: object) -> str:
    """The characters of an iterable of strings as the inside of a character class."""
    return "".join(re.escape(ch) for ch in sorted({ch for s in chars_ for ch in s}))  # type: ignore[attr-defined]


def numeral_patterns() -> tuple[str, str, str]:
    """The numeral part of the grammar, built from ``resources/numerals.tsv``: (Chinese, any, Arabic)."""
    c = chars()
    digits = _class([*c.digits, *c.tens])
    tens = _class(ch for ch, v in c.units.items() if v == 10)
    units_ = _class(c.units)
    scales = _class(word for word, _ in c.scales)
    wild, more, points, minus = _class(c.wild), _class(c.more), _class(c.points), _class(c.minus)
    zero = _class(ch for ch, v in c.digits.items() if v == 0)
    # a numeral character that starts a unit word is the unit's (6135万千瓦, 3千克): not read as 千
    led = [w for w in units() if len(w) > 1 and (w[0] in c.units or any(w[0] == s for s, _ in c.scales))]
    heads = {w[0] for w in led}
    unit_led = words_pattern(led) if led else "(?!)"

    def free(*classes: str) -> str:
        """A character of ``classes``, but one that starts a unit word only where no unit word starts
        (the look-ahead tested on those few characters alone: it is on the scanner's hot path)."""
        members = {ch for cls in classes for ch in re.sub(r"\\(.)", r"\1", cls)}
        plain = _class(members - heads)
        led_ = _class(members & heads)
        return f"(?:[{plain}]|(?!{unit_led})[{led_}])" if led_ else f"[{plain}]"

    # Arabic: a sign, digits with thousands separators, a decimal part
    arabic = rf"(?:[{SIGNS}]|[{minus}])?(?:[{DIG}]{{1,3}}(?:[,，][{DIG}]{{3}}(?![{DIG}]))++|[{DIG}]++)(?:[.．][{DIG}]++)?"
    # Chinese: starts with a digit, 十 or 几/数; may hold 点 between digits and 多/余
    cn = (
        rf"(?:[{minus}](?=[{digits}{tens}]))?[{digits}{tens}{wild}]"
        rf"(?:{free(digits, units_, scales, wild, more)}|[{points}](?=[{digits}]))*+"
    )
    # Arabic followed by scale words and more digits: 1343.3万, 3万4000, 25万6千, 13万2, 900多万, 4万多
    tail = (
        rf"(?:[ \u00a0]?{free(units_, scales, more)}"
        # (a thousands separator only after a digit: 1亿2,000万; 1.8亿，480多个 is two numbers)
        rf"(?:{free(units_, scales, more, zero)}|[{DIG}]|[.．](?=[{DIG}])|(?<=[{DIG}])[,，](?=[{DIG}]{{3}}(?![{DIG}])))*+)?"
    )
    return cn, rf"(?:{arabic}{tail}|{cn})", arabic


class _Vocab(NamedTuple):
    """The grammar's words from the resources, in the shapes the readers test them."""

    range_links: frozenset[str]
    list_links: frozenset[str]
    link_chars: frozenset[str]  # one-character links: a number next to one is not alone
    range_from: tuple[str, ...]
    growth_cues: tuple[str, ...]
    money_gap: tuple[str, ...]  # longest first
    date_units: frozenset[str]
    not_unit: dict[str, tuple[str, ...]]  # unit word -> longer words it starts (成 -> 成本, 成为)
    not_after_top: frozenset[str]
    list_intro: tuple[str, ...]
    latin_basis: re.Pattern[str]
    latin_metric: re.Pattern[str]  # a measure's abbreviation ending right before a number (EPS5.14元)
    mega: frozenset[str]  # characters after 兆 that make it mega (兆瓦): from the 兆 units
    yuan_currencies: dict[str, str]  # currency words that name a currency counted in 元 (人民币, 新台币)
    rated_nouns: tuple[str, ...]  # after a capacity, the thing it rates (10兆瓦风机): a rating, not an amount
    hours_nouns: tuple[
        str, ...
    ]  # a measure of use counted in hours (利用小时): a duration after it is an amount
    rating_bounds: tuple[
        str, ...
    ]  # 及以上, 以上: a range word between a rating and what it rates, longest first


@cache
def vocab() -> _Vocab:
    """The grammar's word lists, read once."""
    w = cues()
    single = [x for x in (*w["range_link"], *w["list_link"]) if len(x) == 1]
    not_unit: dict[str, list[str]] = {}
    for word in w["not_unit"]:
        for n in range(len(word) - 1, 0, -1):
            if word[:n] in units():
                not_unit.setdefault(word[:n], []).append(word)
                break
    currencies = currency_words()
    return _Vocab(
        range_links=frozenset(w["range_link"]),
        list_links=frozenset(w["list_link"]),
        link_chars=frozenset(single),
        range_from=w["range_from"],
        growth_cues=w["growth_cue"],
        # 营收达到500亿, 净利润不足百亿: the gap words and every prefix qualifier
        money_gap=tuple(
            sorted(
                {*w["money_gap"], *(q for q, kind in qualifiers()[0].items() if kind != "none")},
                key=len,
                reverse=True,
            )
        ),
        date_units=frozenset(w["date_unit"]),
        not_unit={k: tuple(v) for k, v in not_unit.items()},
        not_after_top=frozenset(w["not_after_top"]),
        list_intro=w["list_intro"],
        latin_basis=re.compile(f"(?i)(?:{words_pattern(w['latin_basis'])})$"),
        latin_metric=re.compile(f"(?<![A-Za-z])(?:{words_pattern(w['latin_metric'])})$"),
        mega=frozenset(word[1] for word in units() if word.startswith("兆") and len(word) > 1),
        # a currency word ending in 币 names a currency whose amounts are written in 元 (人民币, 新台币,
        # 港币); one ending in 元 (美元, 港元) is a unit of its own
        yuan_currencies={cw: code for cw, code in currencies.items() if cw[-1] in with_traditional(["币"])},
        rated_nouns=w["rated_noun"],
        hours_nouns=w["hours_noun"],
        rating_bounds=tuple(sorted(w["rating_bound"], key=len, reverse=True)),
    )


_HOURS_REACH = 60  # how far back a measure of hours of use (利用小时) reaches within its sentence
_SENTENCE_STOPS = "。！？!?\n"


def _hours_of_use(text: str, start: int, floor: int) -> bool:
    """Whether a duration at ``start`` counts hours of use: a ``hours_noun`` (利用小时) before it in its
    sentence, within a few clauses (…利用小时为4,105小时，同比减少约60小时)."""
    nouns = vocab().hours_nouns
    if not nouns:
        return False
    window = text[max(floor, start - _HOURS_REACH) : start]
    cut = max(window.rfind(c) for c in _SENTENCE_STOPS)
    return any(n in window[cut + 1 :] for n in nouns)


_RATED_REACH = 3  # characters of a modifier between a capacity and the thing it rates (6MW以上大兆瓦機型)


def _rates(text: str, end: int, ceiling: int) -> bool:
    """Whether a capacity ending at ``end`` rates a thing after it (10MW风机), a range word and a short
    modifier between (6MW以上大兆瓦機型, 3兆瓦及以上机组): a rating, not an amount."""
    nouns = vocab().rated_nouns
    pos = end
    bound = next((w for w in vocab().rating_bounds if text.startswith(w, pos, ceiling)), "")
    pos += len(bound)
    for k in range(pos, min(ceiling, pos + _RATED_REACH) + 1):
        if text.startswith(nouns, k, ceiling):
            return True
        if k < ceiling and not _HAN_NEXT.match(text, k):
            return False
    return False


_LATIN = re.compile(r"[A-Za-z]")
_URL = re.compile(r"(?:https?://|www\.)[^\s\u3000-\u303f\uff01-\uff5e]+|[\w.+-]+@[\w-]+\.[\w.]+")
# a company's name right before its stock code in brackets (三元生物（301206）, 三一重工（600031.SH）)
_CODED_NAME = re.compile(
    r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,8}(?=[（(]\s?\d{4,6}(?:\.[A-Za-z]{2,3})?\s?[）)])"
)
_HAN_NEXT = re.compile("[\u4e00-\u9fff]")
# punctuation that may follow a rank written without 位/名 (排名第一，), and one that may follow 前N
_AFTER_RANK = frozenset("大，,。；;、！!？?）)”」 \n\t\r\f\v\u3000")
_AFTER_TOP = frozenset("，,。；;、！!？?）)”」 \n大的")
_CLAUSE_OPEN = "，,。；;：:\n（(“「、 "  # a 第N right after one of these starts its clause
_LISTED_ORDINAL = re.compile(r"第[0-9一二三四五六七八九十两兩]{1,3}、$")  # 第二、 before 第三


@cache
def master() -> re.Pattern[str]:
    """The compiled candidate pattern (built once from the resources).

    Each alternative is wrapped in a group whose name says which reader takes it (see
    :func:`scan`); word lists are factored alternations (:func:`words_pattern`).
    """
    c = chars()
    cn, num, arabic = numeral_patterns()
    unit_words = words_pattern(units())
    signs = sorted(currency_signs(), key=len, reverse=True)
    digit_class = _class(ch for ch, n in c.digits.items() if n)
    ordinal_class = _class([*c.digits, *(ch for ch, n in c.units.items() if n <= 100)])
    top_class = _class(
        [*(ch for ch, n in c.digits.items() if n), *(ch for ch, n in c.units.items() if n == 10)]
    )
    scale_class = _class(ch for ch, n in c.units.items() if n >= 10)
    scale_words = words_pattern(word for word, _ in c.scales)
    # a scale word with no digit reads after a prefix qualifier (not a blocked one: 最近 is not 近) or a verb
    reach = [q for q, kind in qualifiers()[0].items() if kind != "none"] + list(cues()["reach"])
    qualified = "|".join(f"(?<={words_pattern(ws)})" for ws in _by_length(reach))
    first = set(SIGNS.replace("\\", "")) | set(DIG_CHARS) | set(c.digits) | set(c.tens) | set(c.wild)
    first |= set(c.minus) | {ch for ch, n in c.units.items() if n == 10} | {w[0] for w in magnitudes()}
    first |= {w[0] for w in percent_words()} | {ch for ch, n in c.units.items() if n >= 10}
    first |= {word[0] for word, _ in c.scales} | {s[0] for s in signs} | {"翻", "第", "前"}
    first |= {w[0] for w in cues()["first_rank"]}
    pattern = rf"""(?=[{_class(first)}])(?:
      (?P<pct>(?P<pct_word>{words_pattern(percent_words())})[ ]?(?P<pnum>{arabic}|{cn}|百))
    | (?P<mag>{words_pattern(magnitudes())})
    | (?P<fan>翻倍|翻番|翻了?(?P<fan_n>[{digit_class}1-4])番)
    | (?P<qs>(?:{qualified})(?P<qscale>[{scale_class}]{scale_words}?|{scale_words})(?:[ ]?(?P<qunit>{unit_words}))?)
    | (?P<ordinal>第[ ]?(?P<ord>[{DIG}]++|[{ordinal_class}]++)(?P<ord_unit>[ ]?[位名])?)
    | (?P<topn>前(?P<top>[{top_class}]|[{DIG}]{{1,3}})(?P<top_unit>{words_pattern(with_traditional(["名", "位", "强"]))})?)
    | (?P<head>{words_pattern(cues()["first_rank"])})
    | (?P<frac>(?P<fden>一?十|[{digit_class}]|[2-9]|1[0-9])[ ]?分之[ ]?(?P<fnum>[{digit_class}]|[1-9]))
    | (?P<main>(?:(?P<cur>{"|".join(map(re.escape, signs))})[ ]?)?(?P<num>{num})(?:[ ]?(?P<unit>{unit_words}))?(?P<rate>/(?:{words_pattern(rate_units())}))?)
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


@cache
def _grow_chars() -> frozenset[str]:
    """Characters that make a numeral more than a plain number (:attr:`_NumInfo.grown`): 万, 亿, 多, 余."""
    return _scale_chars() | chars().more


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


@cache
def _plain_arabic() -> re.Pattern[str]:
    """An Arabic numeral, at most one scale word after it: the common case, read without the general rules."""
    scales = words_pattern(word for word, _ in chars().scales)
    return re.compile(
        rf"([{SIGNS}]?)([0-9]{{1,3}}(?:[,，][0-9]{{3}})+|[0-9]+)(\.[0-9]+)?(?:[ \u00a0]?({scales}))?"
    )


@cache
def _scale_values() -> dict[str, tuple[int, Decimal]]:
    return {word: (exponent, Decimal(10) ** exponent) for word, exponent in chars().scales}


_ONE = Decimal(1)


@lru_cache(maxsize=16384)
def _num_info(num_text: str) -> _NumInfo:
    fast = _plain_arabic().fullmatch(num_text)
    if fast is not None and len(num_text) <= 24:  # what read_numeral does with this form, without its steps
        sign, whole, fraction, scale = fast.groups()
        exponent, factor = _scale_values()[scale] if scale else (0, _ONE)
        # the plain decimal string, built by moving the point: 2093.47亿 -> 209347000000
        integer = whole.replace(",", "").replace("，", "")
        decimals = fraction[1:] if fraction else ""
        digits, point = integer + decimals, len(integer) + exponent
        if point >= len(digits):
            integer, decimals = digits + "0" * (point - len(digits)), ""
        else:
            integer, decimals = digits[:point], digits[point:].rstrip("0")
        integer = integer.lstrip("0") or "0"
        negative = sign in ("-", "−", "－") and (integer != "0" or decimals)
        value = Decimal(("-" if negative else "") + integer + ("." + decimals if decimals else ""))
        numeral = Numeral(value) if value.adjusted() < MAX_DIGITS else None
        year = not (sign or fraction or scale) and len(whole) == 4 and 1900 <= int(whole) <= 2100
        return _NumInfo(numeral, False, bool(scale), bool(scale), factor, scale == "兆", False, year)
    scaled = not _scale_chars().isdisjoint(num_text)
    numeral = read_numeral(num_text)
    chinese = not any(map(str.isdigit, num_text))
    stripped = num_text.strip()
    return _NumInfo(
        numeral,
        chinese,
        scaled,
        scaled or not chars().more.isdisjoint(num_text),
        _trailing_scale(num_text),
        num_text.rstrip().endswith("兆"),
        chinese and len(stripped) == 1 and stripped in chars().capitals,
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
    for length in (4, 3, 2, 1):
        if pos - length >= floor:
            q = prefix.get(text[pos - length : pos])
            if q is not None:
                return None if q == "none" else q
    return None


@cache
def _phrase_pattern() -> re.Pattern[str]:
    """约为李宁的2.1倍, 约占市场的两成, 不足瑞幸门店数的四成: a qualifier before a "X的" phrase."""
    words, verbs = words_pattern(cues()["phrase_qualifier"]), words_pattern(cues()["phrase_verb"])
    return re.compile(rf"({words})(?:{verbs})?[^，,。；;：:0-9０-９%]{{1,12}}的$")


_PERIOD_OWN = re.compile(
    r"(?:年|全年|年度|同期|季度?|月份?)的\n?$"
)  # a period's own figure follows: 去年全年的


def _phrase_qualifier(text: str, start: int, floor: int) -> str | None:
    last = text[start - 1] if start > floor else ""
    if last != "的" and not (last == "\n" and start - 1 > floor and text[start - 2] == "的"):
        return None  # the pattern ends with 的 (``$`` also matches before a final newline)
    m = _phrase_pattern().search(text, max(floor, start - 16), start)
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
        and vocab().latin_basis.search(text, max(floor, start - 4), start)
    ):
        before = ""  # yoy+20.6%, QoQ-3%: a change basis written in Latin letters, then a signed number
    elif before and _LATIN.match(before) and vocab().latin_metric.search(text, max(floor, start - 8), start):
        before = ""  # EPS5.14元, EBITDA13.2亿欧元: a measure's abbreviation, then its figure
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


def _read_ordinal(m: re.Match[str], text: str, ceiling: int) -> Raw | None:
    start, end = m.span()
    nxt = text[end] if end < ceiling else ""
    if nxt and nxt not in _AFTER_RANK and not nxt.isspace() and not m.group("ord_unit"):
        return None  # 第一季度, 第一个问题, 第一是: an ordinal with a noun, not a rank
    numeral = read_numeral(m.group("ord"))
    if numeral is None or numeral.value is None or numeral.value <= 0:
        return None
    if m.group("ord_unit"):
        return Raw(start, end, numeral.value, unit="rank", kind="rank")
    if nxt == "大":
        return Raw(start, end, numeral.value, unit="rank", kind="rank")  # 第二大
    before = text[max(0, start - 4) : start]
    at_clause_start = not before or before[-1] in _CLAUSE_OPEN or before.endswith(vocab().list_intro)
    if at_clause_start and before.endswith("、"):
        # 居第二、第三: a rank listed after a rank the clause states is one too
        prev = _LISTED_ORDINAL.search(text, max(0, start - 8), start)
        if prev is not None and prev.start() > 0 and text[prev.start() - 1] not in _CLAUSE_OPEN:
            at_clause_start = False
    if at_clause_start and nxt:
        return None  # 第一，第二，: list markers
    return Raw(start, end, numeral.value, unit="rank", kind="rank")


# every character _name_or_code looks for next to a number: Latin letters and code punctuation
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_#@\\-.:：")


class _Edges(NamedTuple):
    """Characters that may end or start a word the readers look up: one-character tests first."""

    prefix_last: frozenset[str]  # last characters of prefix qualifiers (up to three characters)
    per_last: frozenset[str]  # last characters of the units a per-unit word (每股) may name
    suffix_first: frozenset[str]  # first characters of suffix qualifiers
    currency_last: frozenset[str]  # last characters of currency words (two to four characters)
    verb_last: frozenset[str]  # last characters of the verbs a qualifier may stand before (至少增长20%)
    share_last: frozenset[str]  # last characters of the verbs of a share (约占7%)


@cache
def _edges() -> _Edges:
    prefix, suffix = qualifiers()
    return _Edges(
        frozenset(w[-1] for w in prefix if len(w) <= 3),
        frozenset(w[-1] for w in units() if len(w) <= 3) if cues().get("per_word") else frozenset(),
        frozenset(w[0] for w in suffix),
        frozenset(w[-1] for w in currency_words() if 2 <= len(w) <= 4),
        frozenset(w[-1] for w in cues()["qualified_verb"]) | {"了"},
        frozenset(w[-1] for w in cues().get("share_verb", ())),
    )


@cache
def _verb_qualifier() -> re.Pattern[str]:
    """A qualifier before a verb of change, right before the number: 至少增长20%, 最多下降了5%."""
    qualified, verbs = words_pattern(cues()["verb_qualifier"]), words_pattern(cues()["qualified_verb"])
    return re.compile(rf"({qualified})(?:{verbs})了?$")


@cache
def _share_qualifier() -> re.Pattern[str]:
    """A prefix qualifier before a verb of a share, right before a percentage: 约占7%, 近佔三成."""
    prefix = [w for w, q in qualifiers()[0].items() if q != "none"]
    return re.compile(rf"({words_pattern(prefix)})(?:{words_pattern(cues().get('share_verb', ()))})$")


def _alone(text: str, a: int, b: int, floor: int, ceiling: int) -> bool:
    """Whether no neighbour links the plain number ``text[a:b]`` to another (2025, 27日).

    Such a number can get no unit from a range or a list, so it is not worth reading.
    """
    links = vocab().link_chars
    before = text[a - 1] if a > floor else ""
    after = text[b] if b < ceiling else ""
    return before not in links and after not in links and before != " " and after != " "


def _read_main(m: re.Match[str], text: str, floor: int, ceiling: int, numbers: bool = False) -> Raw | None:
    cur, num_text, unit_word, rate = m.group("cur", "num", "unit", "rate")
    num_start, num_end = m.span("num")
    if (
        not (numbers or unit_word or cur or rate or text[num_end : num_end + 1] in _cents())
        and _alone(text, num_start, num_end, floor, ceiling)
        and _grow_chars().isdisjoint(num_text)
    ):
        return None  # a plain number no range or list can give a unit: not worth reading
    info = _num_info(num_text)
    numeral = info.numeral
    if numeral is None:
        return None
    end = m.end()
    if cur is None:
        start = num_start
        if (
            text[num_start] in "+-－＋"
            and num_start > floor
            and (text[num_start - 1].isdigit() or text[num_start - 1] in _quantity_ends())
        ):
            start = num_start = num_start + 1  # 2024-10: a hyphen, not a sign
            numeral = read_numeral(text[num_start:num_end])
            if numeral is None:
                return None
        elif info.year and unit_word in vocab().date_units and units()[unit_word].kind == "duration":
            return None  # 2024年, 二〇二五年: a date (decided early: most numbers before 年 are years)
    else:
        start = m.start()
    if info.zhao and end < ceiling + 1 and text[num_end : num_end + 1] in vocab().mega:
        # 10兆瓦: 兆 is mega (a physical unit), not 10^12
        numeral = read_numeral(num_text.rstrip()[:-1])
        if numeral is None or numeral.value is None:
            return None
        amount = (
            unit_word is not None and units()[unit_word].kind == "capacity" and not _rates(text, end, ceiling)
        )  # 装机500兆瓦: an amount of capacity, as 500MW
        return Raw(
            num_start,
            end,
            numeral.value,
            unit="count",
            kind="count" if amount else "physical",
            counted="兆" + (unit_word or ""),
        )
    chinese = info.chinese
    if info.capital and _HAN_NEXT.match(text, num_end):
        return None  # 登陆部队, 大陆家庭, 陆续: a financial capital alone is a word, not a digit
    code_end = end if unit_word or rate else num_end
    # 5600万股H股, 3个App: Latin letters after a unit in hanzi start the next word, not a code
    # (500万AI人才: the same after a scale word in hanzi)
    code_ceiling = (
        code_end if (unit_word or info.scaled) and "\u4e00" <= text[code_end - 1] <= "\u9fff" else ceiling
    )  # the character before code_end a hanzi (what _HAN_NEXT matches), tested in place
    before = text[start - 1] if start > floor else ""
    if (
        before in _CODE_CHARS or (code_end < code_ceiling and text[code_end] in _CODE_CHARS)
    ) and _name_or_code(text, start, code_end, floor, code_ceiling):
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
        tenths = unit.kind == "percent" and unit.factor == 10  # 成: three tenths, 三成 = 30%
        lookalikes = vocab().not_unit.get(unit_word)
        if (lookalikes and _lookalike_at(text, end - len(unit_word), lookalikes)) or (
            tenths and not chinese and numeral.value and numeral.value > 10
        ):
            unit_word = None  # 三成本, 五成为: another word; 15成: no tenths above ten
            raw.end = end = num_end
        elif unit.kind == "duration" and unit_word in vocab().date_units and _is_year(num_text, numeral):
            return None  # 2024年, 二〇二五年: a date
        else:
            raw.unit_word = unit_word
            _apply_unit(raw, unit, numeral)
            if unit.kind == "capacity":  # 装机6135万千瓦: an amount; 10MW风机: a rating
                rates = not info.scaled and _rates(text, end, ceiling)
                raw.kind = "physical" if rates else "count"
            elif unit.kind == "duration" and _hours_of_use(text, start, floor):
                raw.kind = "count"  # 平均利用小时为4,105小时: hours of use, an amount
            if tenths:
                if end < ceiling and text[end] == "半" and raw.value is not None:
                    raw.value, raw.end = raw.value + 5, end + 1  # 三成半 = 35%
                elif end < ceiling and text[end] in chars().more and raw.qualifier == "exact":
                    raw.qualifier, raw.end = "more_than", end + 1  # 三成多
                elif raw.value is not None and (tenth := _tenth_digit(text, end, ceiling)):
                    raw.value, raw.end = raw.value + tenth, end + 1  # 三成六 = 36%, 1成5 = 15%
    if raw.unit is None and not info.scaled and not numeral.more:
        raw.bare = True
        raw.end = num_end
    elif raw.unit is None:
        raw.unit, raw.kind = "count", "count"
        raw.end = num_end if not unit_word else end
    return raw


def _tenth_digit(text: str, pos: int, ceiling: int) -> int:
    """A lone digit right after 成 (三成六, 1成5): the next tenth (0 when there is none), unless it starts a
    number of its own."""
    digits = chars().digits
    if pos >= ceiling:
        return 0
    ch = text[pos]
    arabic = ch in _ARABIC_TENTHS
    tenth = _ARABIC_TENTHS.index(ch) % 10 if arabic else digits.get(ch, 0)
    if tenth == 0:
        return 0
    nxt = text[pos + 1] if pos + 1 < ceiling else ""
    if arabic and (
        nxt.isdigit() or nxt in ".．%％年月日号號时時" or pos < 2 or text[pos - 2] not in _ARABIC_TENTHS
    ):
        return 0  # (1成5.2%, 六成8月20日: the digit opens a number or a date of its own; 8成5 is all digits)
    if nxt in digits or nxt in chars().units or any(w.startswith(nxt) for w in units() if nxt):
        return 0
    return tenth


_ARABIC_TENTHS = "0123456789０１２３４５６７８９"  # a tenth in digits after 成 (1成5, as Taiwan writes)


@cache
def _quantity_ends() -> frozenset[str]:
    """Characters a quantity can end with besides digits: ``-`` after one is a dash (10%-20%, 3亿-5亿)."""
    return frozenset("%％") | _scale_chars() | {w for w in currency_words() if len(w) == 1}


def _sign_currency(sign: str) -> str:
    return currency_signs().get(sign, "CNY")


def _is_year(num_text: str, numeral: Numeral) -> bool:
    value = numeral.value
    if value is None:
        return False
    digits = "".join(c for c in num_text if not c.isspace())
    if digits.isdigit() or all(c in chars().digits for c in digits):
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
    currency: CurrencyScopes | None = None,
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
        elif form == "frac":
            raw = _read_fraction(m)
        elif form == "mag":
            low, high = mags[m.group("mag")]
            raw = Raw(m.start(), m.end(), None, low, high, qualifier="range")
            window = text[max(start, m.start() - 8) : m.end() + 4]
            growth = any(c in window for c in vocab().growth_cues)
            raw.unit, raw.kind = ("%", "percent") if growth else ("count", "count")
        elif form == "qs":
            raw = _read_qualified_scale(m, text, start)
        elif form == "fan":
            fan_n = m.group("fan_n")
            n = (chars().digits.get(fan_n) or int(fan_n)) if fan_n else None
            raw = Raw(m.start(), m.end(), Decimal(2 ** (n or 1)), unit="x", kind="multiple")
        elif form == "ordinal":
            raw = _read_ordinal(m, text, end)
        elif form == "topn":
            raw = _read_top(m, text, end)
        elif form == "head":
            raw = _read_head(m, text, start)
        else:  # pragma: no cover - every alternative is a named group
            raw = None
        if raw is None:
            continue
        if raw.bare:
            _per_share_cent(text, raw)
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
    _distribute_qualifier(text, out)
    _apply_currency_context(text, start, out, currency)
    if numbers:
        for r in out:
            if r.bare:
                r.kind = "number"
        return out
    return [r for r in out if not r.bare]


_PER_SHARE_REACH = 10  # characters from 每股 to the figure it introduces (每股基本盈利6.9分)


@cache
def _cents() -> dict[str, str]:
    """``quantity_cues.tsv`` ``per_share_cent``: a cent's word and its currency."""
    rows = _resources.table("quantity_cues.tsv", ("word", "role", "value"))
    return {r["word"]: r["value"] for r in rows if r["role"] == "per_share_cent"}


def _per_share_cent(text: str, r: Raw) -> None:
    """``每股基本盈利6.9分``: a plain number with a cent after it, in a per-share phrase, is money (0.069)."""
    cents = _cents()
    word = next((w for w in cents if text.startswith(w, r.end)), None)
    if word is None or r.value is None or text.startswith("之", r.end + len(word)):  # 三分之一: a fraction
        return
    before = text[max(0, r.start - _PER_SHARE_REACH) : r.start]
    at = max(before.rfind(w) for w in words("per_share"))
    if at < 0 or any(c in "，,。；;" for c in before[at:]):
        return
    r.value = plain(r.value * _CENT)
    r.end += len(word)
    named = next((code for cw, code in currency_words().items() if before.endswith(cw)), None)
    # (每股人民幣32.4仙: the currency written before the number is the cent's)
    r.unit, r.kind, r.bare, r.unit_word = named or cents[word], "money", False, word


_CENT = Decimal("0.01")


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
        if before in edges.per_last:
            pos = _per_anchor(text, pos, floor)  # 不超过每股12元: the qualifier stands before the per-unit
            before = text[pos - 1] if pos > floor else ""
        if before in edges.prefix_last or before in "了有 ":
            q = _prefix_qualifier(text, pos, floor)
        if (
            q is None
            and (last == "的" or last == "\n")
            and not (raw.kind == "money" and _PERIOD_OWN.search(text, max(floor, raw.start - 6), raw.start))
        ):
            # (已超过去年全年的555.1亿元: the period's own figure, as written; 约为去年的2.1倍 stays approximate)
            q = _phrase_qualifier(text, raw.start, floor)
        if q is None and last in edges.verb_last:
            m = _verb_qualifier().search(text, max(floor, raw.start - 8), raw.start)
            q = qualifiers()[0].get(m.group(1)) if m is not None else None
        if q is None and raw.kind == "percent" and last in edges.share_last:
            m = _share_qualifier().search(text, max(floor, raw.start - 8), raw.start)
            q = qualifiers()[0].get(m.group(1)) if m is not None else None  # 约占7%
    if q is None and text[raw.end : raw.end + 1] in edges.suffix_first:
        q, _ = _suffix_qualifier(text, raw.end)
    return q


def _per_anchor(text: str, pos: int, floor: int) -> int:
    """Where prefix qualifiers end before a per-unit word (每股, 每吨: ``quantity_cues.tsv`` per_word and a
    unit of ``units.tsv``) written between them and the number."""
    per = cues().get("per_word", ())
    for length in (4, 3, 2):
        w = text[pos - length : pos] if pos - length >= floor else ""
        if w.startswith(per) and w[1:] in units():
            return pos - length
    return pos


def _qualifier_anchor(text: str, raw: Raw, floor: int) -> int:
    """Where prefix qualifiers end: before a currency word written in front (超过人民币100亿元)."""
    pos = raw.start
    if pos <= floor or text[pos - 1] not in _edges().currency_last:
        return pos
    for length in (3, 2):
        if pos - length >= floor and text[pos - length : pos] in currency_words():
            return pos - length
    return pos


def _read_fraction(m: re.Match[str]) -> Raw | None:
    """四分之一, 三分之二: a fraction, as a percentage (25; 66.67 where the division does not end)."""
    den, num = read_numeral(m.group("fden")), read_numeral(m.group("fnum"))
    if den is None or num is None or not den.value or num.value is None or num.value >= den.value:
        return None
    value = num.value * 100 / den.value
    if value != value.quantize(_CENT):
        value = value.quantize(_CENT)  # (三分之一: 33.33; 八分之一 is 12.5 as it stands)
    return Raw(m.start(), m.end(), plain(value), unit="%", kind="percent")


def _read_percent_words(m: re.Match[str]) -> Raw | None:
    pnum = m.group("pnum")
    end = m.end()
    numeral = Numeral(Decimal(100)) if pnum == "百" else read_numeral(pnum)
    while numeral is None and len(pnum) > 1:  # 百分之七十百分位: the numeral stops before 百分
        pnum, end = pnum[:-1], end - 1
        numeral = read_numeral(pnum)
    if numeral is None:
        return None
    factor = percent_words()[m.group("pct_word")]
    value = plain(numeral.value * factor) if numeral.value is not None else None
    low = plain(numeral.low * factor) if numeral.low is not None else None
    high = plain(numeral.high * factor) if numeral.high is not None else None
    qualifier = "more_than" if numeral.more else "range" if value is None else "exact"
    return Raw(m.start(), end, value, low, high, unit="%", kind="percent", qualifier=qualifier)


def _read_qualified_scale(m: re.Match[str], text: str, floor: int) -> Raw | None:
    """近千亿元, 不足百亿, 破万亿: a scale word with no digit, after a qualifier or 达, means one of it."""
    start = m.start()
    reach = cues()["reach"]
    if (
        not text[max(floor, start - 3) : start].endswith(reach)
        and _prefix_qualifier(text, start, floor) is None
    ):
        return None  # 最近百亿补贴: the qualifier-looking character belongs to another word
    one = next(ch for ch, n in chars().digits.items() if n == 1)
    numeral = read_numeral(one + m.group("qscale"))  # 百亿 reads as 一百亿
    if numeral is None or numeral.value is None or numeral.value < 100:
        return None
    raw = Raw(m.start(), m.end(), numeral.value, scale=_trailing_scale(m.group("qscale")))
    unit_word = m.group("qunit")
    if unit_word:
        info = units()[unit_word]
        if info.kind not in ("currency", "measure"):
            return None  # 近百年, 上千兆瓦, 逾億成: no amount or count
        raw.unit_word = unit_word
        _apply_unit(raw, info, numeral)
    else:
        raw.unit, raw.kind = "count", "count"
    return raw


_HEAD_SCOPE = 8  # characters of a scope between a verb of ranking and 首位 (稳居全球智能手机行业首位)


@cache
def _head_rank_before() -> tuple[re.Pattern[str], int]:
    """A verb of ranking, then a few words of scope, up to where 首位 stands; and how far back it may start."""
    verbs = cues()["head_rank_before"]
    pattern = re.compile(rf"(?:{words_pattern(verbs)})[^，,。；;：:！!？?\s]{{0,{_HEAD_SCOPE}}}$")
    return pattern, _HEAD_SCOPE + max(map(len, verbs))


def _read_head(m: re.Match[str], text: str, floor: int) -> Raw | None:
    """首位 after a verb of ranking (稳居行业首位): rank 1; 放在首位 (a priority) is none."""
    before, reach = _head_rank_before()
    if before.search(text, max(floor, m.start() - reach), m.start()) is None:
        return None
    return Raw(m.start(), m.end(), Decimal(1), unit="rank", kind="rank")


def _read_top(m: re.Match[str], text: str, ceiling: int) -> Raw | None:
    numeral = read_numeral(m.group("top"))
    if numeral is None or numeral.value is None:
        return None
    end = m.end()
    nxt = text[end] if end < ceiling else ""
    if not m.group("top_unit") and nxt and nxt in vocab().not_after_top:
        return None  # 前三季度, 前两个月: a period or a count, not a rank
    if not m.group("top_unit") and nxt and nxt not in _AFTER_TOP and not nxt.isspace():
        return None
    if nxt == "的" or (m.group("top_unit") and _HAN_NEXT.match(nxt)):
        return None  # 排名前十的钢企, 前100位药品批发企业: a group named by its rank, not a rank stated
    if (
        nxt == "大"
        and end + 1 < ceiling
        and "\u4e00" <= text[end + 1] <= "\u9fff"
        and text[end + 1] not in "的之"
    ):
        return None  # 前五大客户收入占比: a noun (the five largest customers), not a rank
    return Raw(m.start(), end, numeral.value, unit="rank", kind="rank", qualifier="less_than")


def _drop_idioms_and_urls(text: str, start: int, end: int, out: list[Raw]) -> None:
    spans: list[tuple[int, int]] = []
    idioms = not_quantities()
    if idioms is not None:
        spans.extend(m.span() for m in idioms.finditer(text, start, end))
    if text.find("（", start, end) >= 0 or text.find("(", start, end) >= 0:
        # 三元生物（301206）: a name before its stock code, whatever numeral it opens with
        spans.extend(m.span() for m in _CODED_NAME.finditer(text, start, end))
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
    """What stands between two quantities, white space removed; a currency word restating a's comes off.

    ``310亿元人民币至340亿元``: the link is ``至``.
    """
    gap = text[a.end : b.start]
    if a.unit_word == "元" and gap:
        stripped = gap.lstrip()
        for word in _yuan_words():
            if stripped.startswith(word):
                gap = stripped[len(word) :]
                break
    return "".join(gap.split())


@cache
def _yuan_words() -> tuple[str, ...]:
    """Currency words naming a currency counted in 元 (人民币, 新台币), longest first."""
    return tuple(sorted(vocab().yuan_currencies, key=len, reverse=True))


def _compatible(a: Raw, b: Raw) -> bool:
    if a.unit is None or a.unit == b.unit:
        return True
    return a.kind == "count" and a.counted is None and b.kind == "money"  # 265亿至292亿元


@cache
def _revised_after() -> re.Pattern[str]:
    """A revision verb and 至/到/为 right after a range (…1,800家上调至)."""
    return re.compile(rf"[ 　]?(?:{words_pattern(cues()['revision_verb'])})[ 　]?(?:至|到|为|為)")


def _link_ranges(text: str, out: list[Raw]) -> None:
    """Merge ``A至B``, ``A-B``, ``A~B`` into one range; A borrows B's scale and unit."""
    v = vocab()
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        if (
            a.value is not None
            and b.value is not None
            and a.kind != "rank"
            and b.kind != "rank"
            and _compatible(a, b)
            and not (b.bare and a.bare)
            and (link := _link(text, a, b)) in v.range_links
            and not (  # 从3亿元增至5亿元 is a change; 由13%-17%上调至…, 由1,600至1,800家上调至… hold a range
                _HAN_NEXT.match(link)
                and any(w in text[max(0, a.start - 6) : a.start] for w in v.range_from)
                and not _revised_after().match(text, b.end)
            )
            and not ((a.chinese or b.chinese) and not _HAN_NEXT.match(link))  # 三至五, not 三-五
        ):
            lo, hi = a.value, b.value
            if a.scale == 1 and b.scale != 1 and a.value is not None and a.value <= b.value / b.scale:
                lo = plain(a.value * b.scale)
            if a.bare:
                lo = plain(lo * _unit_factor(b))  # 30至50个基点, 三至五成: the unit's factor serves both
            if lo > hi:
                lo, hi = hi, lo
            merged = Raw(
                a.start, b.end, None, lo, hi, unit=b.unit, kind=b.kind, counted=b.counted,
                qualifier="range", scale=b.scale, unit_word=b.unit_word,
            )  # fmt: skip
            out[i : i + 2] = [merged]
            continue
        i += 1


def _lookalike_at(text: str, pos: int, lookalikes: tuple[str, ...]) -> bool:
    """Whether a word that starts with the unit word stands at ``pos`` (三成本, 五成为), unless its last
    character opens a common word with the character after it (六成交付量: 成 + 交付, not 成交)."""
    word = next((w for w in lookalikes if text.startswith(w, pos)), None)
    if word is None:
        return False
    last = pos + len(word) - 1
    pair = text[last : last + 2].translate(_resources.variant_table())
    return len(pair) < 2 or pair not in _resources.common_bigrams()


def _unit_factor(raw: Raw) -> Decimal:
    """What a quantity's unit word multiplied its numeral by (基点 0.01, 成 10; else 1)."""
    unit = units().get(raw.unit_word) if raw.unit_word else None
    return unit.factor if unit is not None and unit.scaled else _ONE


def _distribute_units(text: str, out: list[Raw]) -> None:
    """``4.2及2.6个百分点``, ``10、20和30亿元``: a plain number borrows the unit of the next one."""
    links = vocab().list_links
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if b.kind == "money" and a.kind == "count" and a.counted is None and _link(text, a, b) in links:
            a.unit, a.kind = b.unit, "money"  # 437亿/551亿/690亿元
            continue
        if not a.bare or b.bare or b.unit is None or b.kind == "rank" or a.chinese != b.chinese:
            continue
        if _link(text, a, b) not in links:
            continue
        value = a.value
        if value is not None and a.scale == 1 and b.scale != 1:
            value = plain(value * b.scale)  # 146/132/151亿元: the scale word serves the whole list
        if value is not None:
            value = plain(value * _unit_factor(b))  # 10、12个基点: so does a unit's factor
        a.value, a.unit, a.kind, a.counted, a.bare = value, b.unit, b.kind, b.counted, False
        a.scale = b.scale


_COPULAS = ("为", "為", "是")  # a qualifier before one of these qualifies the predicate: the whole list
_RESPECTIVE_REACH = 6  # characters between 分别 and the first number of its list (分别约为, 分别增长约)


@cache
def _respective_before() -> re.Pattern[str]:
    """分别 and a few words (no number, no clause break) ending right before the first number of a list."""
    return re.compile(
        rf"(?:{words_pattern(words('respectively'))})[^0-9０-９，,。；;]{{0,{_RESPECTIVE_REACH}}}$"
    )


def _distribute_qualifier(text: str, out: list[Raw]) -> None:
    """``分别约为58亿元和166亿元``: a qualifier after 分别 holds for every number of the list."""
    links = vocab().list_links
    i = 0
    while i < len(out):
        a = out[i]
        j = i + 1
        if a.qualifier not in ("exact", "range") and (
            _respective_before().search(text, max(0, a.start - _RESPECTIVE_REACH - 2), a.start)
            or text[a.start - 1 : a.start] in _COPULAS  # 约为104倍、68倍和53倍: the qualifier before the verb
        ):
            while j < len(out) and _link(text, out[j - 1], out[j]) in links and out[j].kind == a.kind:
                if out[j].qualifier == "exact":
                    out[j].qualifier = a.qualifier
                j += 1
        i = j


# ------------------------------------------------------------------------------ currency in scope


class CurrencyScopes:
    """The currency a bare ``元`` amount is in, position by position, as the text declares it.

    Two kinds of declaration, each with its own reach:

    * a note such as ``（人民币，下同）`` holds from where it is written (the clause it closes,
      so the amount it follows too) to the next note;
    * a paragraph that names a currency counted in 元 (``新台币``, ``港币``, ``人民币``; in a text in
      traditional characters also ``港元``, which Hong Kong press shortens to 元), in any form, makes it the currency of that paragraph's bare 元 amounts, and of the
      list a paragraph introduces (it ends with a colon: the lines up to a blank line). A
      paragraph that names two such currencies declares none (``营收人民币…，折合港币…``).

    A paragraph's naming wins over an earlier note. Where neither reaches, a text in traditional
    characters with no note that names one such currency other than the yuan, and no other,
    counts in it (Taiwan press names 新台幣 once and writes 億元 throughout), and one that names no
    currency counts in the currency of its dateline's place (〔記者某某／台北報導〕); else :meth:`at`
    gives None (the caller's default, CNY).
    """

    __slots__ = (
        "_default", "_note_codes", "_note_starts", "_price_starts", "_prices", "_scope_codes", "_scope_ends", "_scope_starts"
    )  # fmt: skip

    def __init__(
        self,
        notes: list[tuple[int, str]],
        scopes: list[tuple[int, int, str]],
        default: str | None = None,
        prices: list[tuple[int, int, str]] | None = None,
    ) -> None:
        self._prices = prices or []  # share-price clauses, in order
        self._price_starts = [a for a, _, _ in self._prices]
        self._note_starts = [pos for pos, _ in notes]
        self._note_codes = [code for _, code in notes]
        self._scope_starts = [a for a, _, _ in scopes]
        self._scope_ends = [b for _, b, _ in scopes]
        self._scope_codes = [code for _, _, code in scopes]
        self._default = default

    def at(self, pos: int) -> str | None:
        """The declared currency of a bare 元 amount at clean offset ``pos``, if any."""
        if self._prices:
            k = bisect_right(self._price_starts, pos) - 1
            if k >= 0 and pos < self._prices[k][1]:
                return self._prices[k][2]
        k = bisect_right(self._scope_starts, pos) - 1
        if k >= 0 and pos < self._scope_ends[k]:
            return self._scope_codes[k]
        k = bisect_right(self._note_starts, pos) - 1
        return self._note_codes[k] if k >= 0 else self._default

    def __bool__(self) -> bool:
        return bool(self._note_starts or self._scope_starts or self._default or self._prices)


@cache
def _currency_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a ``（X，下同）`` note, a word naming a currency counted in 元)."""
    words = words_pattern(currency_words())
    same = words_pattern(cues()["same_below"])
    note = re.compile(rf"[（(]\s*({words})\s*[,，、]?\s*(?:{same})\s*[)）]")
    # (人民幣匯率與大陸經銷商的庫存: a currency as the topic names no amounts' unit)
    topic = words_pattern(cues().get("currency_topic", ())) or "(?!)"
    return note, re.compile(rf"(?:{words_pattern(vocab().yuan_currencies)})(?!{topic})")


@cache
def _local_yuan() -> tuple[re.Pattern[str], dict[str, str]]:
    """Currency words ending in 元 that Hong Kong and Macau press shorten to 元 (``quantity_cues.tsv``
    role ``local_yuan``): a pattern and each word's code."""
    codes = {w: units()[w].unit for w in cues().get("local_yuan", ()) if w in units()}
    return re.compile(words_pattern(codes) if codes else "(?!)"), codes


_CLAUSE_END = re.compile(r"[，。；;！？!?\n]|(?<![0-9]),|,(?![0-9])")  # not 1,032.6
_DATELINE_WITHIN = 400  # characters from the top of a page where a reporter's dateline stands


@cache
def _datelines() -> tuple[re.Pattern[str], dict[str, str]]:
    """A reporter's dateline naming a place (``quantity_cues.tsv`` ``dateline_place``): 〔記者某某／台北報導〕,
    中央社記者某某台北5日電; and each place's currency."""
    rows = _resources.table("quantity_cues.tsv", ("word", "role", "value"))
    codes = {r["word"]: r["value"] for r in rows if r["role"] == "dateline_place"}
    places = words_pattern(codes) if codes else "(?!)"
    # (a wire's dateline too: 中新社台北2月23日电)
    pattern = (
        rf"(?:[／/]\s?|記者[^\s，,。（）()〔〕【】]{{2,4}}|(?<=社))({places})\s?"
        rf"(?:[0-9０-９]{{1,2}}月)?(?:[0-9０-９]{{1,2}}日)?(?:報導|報道|电|電)"
    )
    return re.compile(pattern), codes


def dateline_currency(text: str) -> str | None:
    """The currency of the place in a reporter's dateline near the top of ``text``, if one is there."""
    pattern, codes = _datelines()
    m = pattern.search(text, 0, _DATELINE_WITHIN)
    return codes[m.group(1)] if m is not None else None


@cache
def _local_wording() -> tuple[re.Pattern[str], dict[str, str]]:
    """Change words only one place's press writes (``quantity_cues.tsv`` ``local_wording``: Taiwan's
    年增, 月減), and each one's currency."""
    rows = _resources.table("quantity_cues.tsv", ("word", "role", "value"))
    codes = {r["word"]: r["value"] for r in rows if r["role"] == "local_wording"}
    # (not 按年增長: Hong Kong's 按年 before the same characters; not 較去年減少, 今年增長, 上月增加: a time
    # word's last character or a numeral, 第四季增速; then a verb of any press)
    # (nor 下半年減值: 減值 and 增值 are words of their own, 半年 a time word)
    before, after = "按去今明前全上本當当同每該该近逐歷历單单次首半一二三四五六七八九十0-9", "長长加少多速值"
    pattern = f"(?<![{before}])(?:{words_pattern(codes)})(?![{after}])" if codes else "(?!)"
    return re.compile(pattern), codes


def _wording_currency(text: str) -> str | None:
    """The currency of the place whose press alone writes a change word of ``text`` (年增 -> TWD), if any."""
    pattern, codes = _local_wording()
    m = pattern.search(text)
    return codes[m.group()] if m is not None else None


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts: a note covers the amount it is written after."""
    start = max(0, pos - 64)
    ends = [m.end() for m in _CLAUSE_END.finditer(text, start, pos)]
    return ends[-1] if ends else start


@cache
def _script_chars() -> tuple[frozenset[str], frozenset[str]]:
    """(simplified-only, traditional-only) characters of ``resources/traditional.tsv``."""
    simplified: set[str] = set()
    traditional: set[str] = set()
    for word, forms in _resources.traditional_table().items():
        simplified.add(word)
        traditional.update(forms)
    return frozenset(simplified - traditional), frozenset(traditional - simplified)


def traditional_text(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (more traditional-only than simplified-only)."""
    simplified, traditional = _script_chars()
    t = sum(1 for ch in text if ch in traditional)
    return t > 0 and t > sum(1 for ch in text if ch in simplified)


# 7.46億元: an amount in bare 元 (tried at a number's first digit only: a long run of digits is read once)
_BARE_YUAN = re.compile(r"(?<![0-9０-９,.])[0-9０-９][0-9０-９,.]*(?:[万萬亿億])?元")


def _bare_before_naming(text: str, naming: re.Pattern[str]) -> bool:
    """Whether the text states an amount in bare 元 before it first names a currency (營收7.46億元…。…資本支出約2億元人民幣:
    the renminbi is that one amount's, the text counts in its place's currency)."""
    first = naming.search(text)
    bare = _BARE_YUAN.search(text)
    return first is not None and bare is not None and bare.start() < first.start()


def currency_scopes(text: str) -> CurrencyScopes:
    """The currency declarations of a text (see :class:`CurrencyScopes`)."""
    note_pattern, naming = _currency_patterns()
    words = currency_words()
    notes = [(_clause_start(text, m.start()), words[m.group(1)]) for m in note_pattern.finditer(text)]
    yuan = vocab().yuan_currencies
    by_paragraph: dict[int, set[str]] = {}
    for m in naming.finditer(text):
        by_paragraph.setdefault(text.rfind("\n", 0, m.start()) + 1, set()).add(yuan[m.group()])
    named = {code for codes in by_paragraph.values() for code in codes}
    default = None
    if not notes and len(named) == 1 and "CNY" not in named and traditional_text(text):
        default = named.pop()
    elif (
        not notes
        and (not named or (named == {"CNY"} and _bare_before_naming(text, naming)))
        and (place := dateline_currency(text) or _wording_currency(text))
        and traditional_text(text)
    ):
        # 〔記者某某／台北報導〕…營收113.6億元, 營收238.6億元，月增3.2%: Taiwan press counts in its own currency
        default = place
    prices: list[tuple[int, int, str]] = []
    if not named - {"HKD", "MOP"} and _local_yuan()[0].search(text) and traditional_text(text):
        prices = _local_prices(text, by_paragraph)  # (the script is read only when 港元 is written)
    scopes = []
    for a, codes in sorted(by_paragraph.items()):
        if len(codes) != 1:
            continue
        b = text.find("\n", a)
        b = len(text) if b < 0 else b
        if text[a:b].rstrip().endswith(("：", ":")):  # a list follows: its lines up to a blank line
            blank = re.compile(r"\n[ \t\u3000]*\n").search(text, b)
            b = blank.start() if blank else len(text)
        scopes.append((a, b, codes.pop()))
    return CurrencyScopes(notes, scopes, default, prices)


def _local_prices(text: str, by_paragraph: dict[int, set[str]]) -> list[tuple[int, int, str]]:
    """Hong Kong press (``quantity_cues.tsv`` ``local_yuan``): a paragraph that states an amount in
    港元 counts its bare 元 in it too (``172億港元…160億元``), unless the amount is a share's price or a
    per-share figure (``目標價…港元``, ``每股派息…港元``: the press quotes those in HKD and results in
    RMB); and a share's price in bare 元 is in it (``目標價由28.8元上調至32元``). Adds the paragraph
    scopes to ``by_paragraph`` and returns the price clauses (start, end, code)."""
    local, codes = _local_yuan()
    price = _price_words()
    found: set[str] = set()
    for m in local.finditer(text):
        code = codes[m.group()]
        found.add(code)
        if price.search(text, _clause_start(text, m.start()), m.start()) is None:
            by_paragraph.setdefault(text.rfind("\n", 0, m.start()) + 1, set()).add(code)
    if len(found) != 1:
        return []
    (code,) = found
    out = []
    for m in _share_price_words().finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        out.append((m.start(), end.start() if end else len(text), code))
    return out


@cache
def _share_price_words() -> re.Pattern[str]:
    """A share's price (``function_words.tsv`` ``share_price``: 目標價, 收報, 招股價)."""
    return re.compile(words_pattern(words("share_price")))


@cache
def _price_words() -> re.Pattern[str]:
    """A share's price or a per-share figure (``share_price`` and ``per_share``)."""
    return re.compile(words_pattern([*words("share_price"), *words("per_share")]))


_RESTATED_WITHIN = 400  # characters after a headline's amount where the body restates it


def _restated(out: list[Raw], starts: list[int], r: Raw) -> str | None:
    """The currency of the same amount written with its currency soon after ``r`` (``starts``: the
    start of each of ``out``, in order)."""
    for k in range(bisect_right(starts, r.end), len(out)):
        other = out[k]
        if other.start - r.end > _RESTATED_WITHIN:
            break
        same = other.value == r.value if other.value is not None else r.value in (other.low, other.high)
        if other.kind == "money" and same and other.unit_word not in (None, "元"):
            return other.unit  # 蝕最多2200萬 … 介乎1,800萬至2,200萬港元: a bound of a range counts too
    return None


def _apply_currency_context(text: str, floor: int, out: list[Raw], currency: CurrencyScopes | None) -> None:
    """The currency of each money amount: a currency word written before it (人民币50亿) or right after
    元 (亿元新台币), else the currency in scope (:class:`CurrencyScopes`) for bare 元 and for an amount
    after a money noun (营收超500亿)."""
    words = currency_words()
    currency_last = _edges().currency_last
    written: set[int] = set()
    for r in out:
        if r.bare or r.kind == "rank" or r.counted is not None:
            continue
        pos = r.start - 1 if r.start > floor and text[r.start - 1] == " " else r.start
        if pos <= floor or text[pos - 1] not in currency_last:
            continue
        for length in (4, 3, 2):
            w = text[pos - length : pos] if pos - length >= floor else ""
            generic_yuan = r.kind == "money" and r.unit_word == "元"
            if (
                w in words
                and (r.kind != "money" or r.unit == words[w] or generic_yuan)
                and r.kind in ("money", "count")
            ):
                # 人民币50亿 / 人民币 50元: the currency written first is the unit, and part of the text
                r.unit, r.kind, r.start = words[w], "money", pos - length
                written.add(id(r))
                break
    for r in out:
        if r.kind == "money" and r.unit_word == "元" and id(r) not in written:
            after = text[r.end : r.end + 4]
            if not after.startswith(_yuan_words()):
                continue
            for w in _yuan_words():
                if after.startswith(w):  # 2.5兆元新台币, 310亿元人民币: the currency restated after 元
                    r.unit = vocab().yuan_currencies[w]
                    written.add(id(r))
                    break
    nouns, gaps = money_nouns(), vocab().money_gap
    starts = [o.start for o in out]
    for r in out:
        if r.bare or r.kind != "count" or r.counted is not None or r.scale < 10**4:
            continue
        before = text[max(floor, r.start - 16) : r.start].rstrip()
        while before.endswith(gaps):  # one C-level test; the loop finds the longest word that ends it
            for w in gaps:
                if before.endswith(w):
                    before = before[: -len(w)].rstrip()
                    break
        if before.endswith(nouns):
            r.unit, r.kind = (currency.at(r.start) if currency else None) or "CNY", "money"  # 营收超500亿
            restated = _restated(out, starts, r)
            if restated is not None:
                r.unit = restated  # 某某中期蝕1860萬 … 蝕1,860萬港元: a headline's amount restated below
    if currency:
        for r in out:
            if r.kind == "money" and r.unit_word == "元" and id(r) not in written:
                r.unit = currency.at(r.start) or r.unit
