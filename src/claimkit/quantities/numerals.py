"""Reading numerals: Arabic, Chinese, financial capitals and any mix of them with scale words.

``read_numeral("1343.3万")`` -> ``Numeral(value=Decimal('13433000'))``. The reader is
exact (Decimal throughout, no float) and bounded: a numeral longer than
:data:`MAX_DIGITS` significant digits is not read.

Grammar, from the largest unit down: a numeral splits at its first ``万亿``/``兆``
(10^12), else ``亿`` (10^8), else ``万`` (10^4); the part before is multiplied
(recursively, so ``一万五千亿`` = 15000 x 10^8) and the part after is added. A lone digit after
a unit abbreviates the next lower place (``13万2`` = 132000, ``三千五`` = 3500).
Below 万, sections are digit x 十/百/千 with 零 as a place holder. ``几``/``数``
stand for an unknown digit (a range), ``多``/``余`` mean "more than".
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext
from functools import cache, lru_cache
from typing import NamedTuple

from .. import _resources

MAX_DIGITS = 24
MAX_LENGTH = 48  # characters: a longer "numeral" is a run of digits in prose, not a number


class _Chars(NamedTuple):
    digits: dict[str, int]
    units: dict[str, int]
    tens: dict[str, int]
    scales: tuple[tuple[str, int], ...]  # longest first: 万亿 before 万
    wild: frozenset[str]
    more: frozenset[str]
    points: tuple[str, ...]
    capitals: frozenset[str]  # financial forms of the digits (壹, 陆), also in ``digits``
    minus: frozenset[str]  # a minus sign written as a word (负)


@cache
def chars() -> _Chars:
    """The numeral characters of ``resources/numerals.tsv``, by kind, traditional forms included."""
    rows = _resources.table("numerals.tsv", ("char", "kind", "value"))
    by: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        for form in (r["char"], *_resources.traditional_forms(r["char"])):
            by.setdefault(r["kind"], []).append((form, r["value"]))
    capitals = by.get("capital", [])
    scales = sorted(((c, int(v)) for c, v in by.get("scale", [])), key=lambda cv: (-cv[1], -len(cv[0])))
    return _Chars(
        digits={c: int(v) for c, v in by.get("digit", []) + capitals},
        units={c: int(v) for c, v in by.get("unit", [])},
        tens={c: int(v) for c, v in by.get("tens", [])},
        scales=tuple(scales),
        wild=frozenset(c for c, _ in by.get("wild", [])),
        more=frozenset(c for c, _ in by.get("more", [])),
        points=tuple(c for c, _ in by.get("point", [])),
        capitals=frozenset(c for c, _ in capitals),
        minus=frozenset(c for c, _ in by.get("minus", [])),
    )


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_ARABIC = re.compile(r"[+\-−]?\d+(?:\.\d+)?")


@cache
def _adjacent() -> re.Pattern[str]:
    """二三十 / 三四百万: two adjacent digits before a place or scale word are "twenty or thirty", a range."""
    c = chars()
    first = "".join(ch for ch, v in c.digits.items() if 1 <= v <= 8 and ch not in c.capitals)
    second = "".join(ch for ch, v in c.digits.items() if 2 <= v <= 9 and ch not in c.capitals)
    after = "".join([*c.units, *(ch for word, _ in c.scales for ch in word)])
    return re.compile(f"([{first}])([{second}])(?=[{after}])")


class Numeral(NamedTuple):
    """A numeral's value: exact (``value``), a range (``low``..``high``, high exclusive) or a bound."""

    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    more: bool = False  # 多/余: "more than value"


def plain(d: Decimal) -> Decimal:
    """``d`` without exponent or trailing fractional zeros: ``1.2E+8`` -> ``120000000``."""
    if d == d.to_integral_value():
        return Decimal(int(d))
    return Decimal(format(d.normalize(), "f"))


class _Unreadable(ValueError):
    pass


def _section(s: str, wild: Decimal) -> Decimal:
    """Value of a numeral below 万 (no 万/亿/兆 in ``s``)."""
    if not s:
        raise _Unreadable(s)
    m = _ARABIC.fullmatch(s)
    if m:
        return Decimal(s.replace("−", "-"))
    c = chars()
    total = Decimal(0)
    current: Decimal | None = None
    from_wild = False
    last_unit = 0
    zero_seen = False
    digits_only = True
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit() and ch.isascii():
            m = _ARABIC.match(s, i)
            assert m is not None
            if current is not None:
                raise _Unreadable(s)
            current = Decimal(m.group())
            i = m.end()
            continue
        if ch in c.digits:
            d = c.digits[ch]
            if d == 0:
                zero_seen = True
                if current is not None and digits_only:
                    current = current * 10
                elif current is not None:
                    raise _Unreadable(s)
                else:
                    current = None if not digits_only or total else Decimal(0)
            elif current is not None and digits_only and not total:
                current = current * 10 + d  # digit by digit: 二〇二五
            elif current is not None:
                raise _Unreadable(s)
            else:
                current = Decimal(d)
        elif ch in c.wild:
            if current is not None:
                raise _Unreadable(s)
            current = wild
            from_wild = True
        elif ch in c.tens:
            total += c.tens[ch]
            digits_only = False
            last_unit = 1
        elif ch in c.units:
            unit = c.units[ch]
            if last_unit and unit >= last_unit:
                raise _Unreadable(s)  # 百千, 十十
            if current is None or (unit == 10 and zero_seen and current == 0):
                if unit != 10 or (total and not zero_seen):
                    raise _Unreadable(s)  # 百 alone, 一千十
                current = Decimal(1)  # 十五, 一万零十二
            total += current * unit
            current = None
            last_unit = unit
            zero_seen = False
            digits_only = False
        else:
            raise _Unreadable(s)
        i += 1
    if current is not None:
        if last_unit >= 10 and not zero_seen and (current < 10 or from_wild):
            total += current * (last_unit // 10)  # 三千五 = 3500, 两百五 = 250, 三千几
        else:
            total += current
    return total


def _value(s: str, wild: Decimal) -> Decimal:
    c = chars()
    scale_chars = _scale_chars()
    for point in c.points:
        whole, found, frac = s.rpartition(point)
        if found and whole and frac and all(ch in c.digits for ch in frac) and whole[-1] in scale_chars:
            # 六百二十五亿零六百二十五万点零零零一: the fraction follows a whole number with units
            return _value(whole, wild) + Decimal("0." + "".join(str(c.digits[ch]) for ch in frac))
    for unit, exponent in c.scales:
        k = s.find(unit)
        if k < 0:
            continue
        left, right = s[:k], s[k + len(unit) :]
        scale = Decimal(10) ** exponent
        head = _value(left, wild) if left else Decimal(1) if not right else None
        if head is None:
            raise _Unreadable(s)
        tail = Decimal(0)
        if right:
            # 13万2 / 1亿2: a lone digit abbreviates the next lower place
            if len(right) == 1 and (right in c.digits or right.isdigit()):
                d = Decimal(c.digits[right] if right in c.digits else int(right))
                tail = d * scale / 10
            else:
                tail = _value(right, wild)
                if tail >= scale:
                    raise _Unreadable(s)
        return head * scale + tail
    # decimal point in Chinese: 三点五 / 1343点3
    for point in c.points:
        if point in s:
            whole, _, frac = s.partition(point)
            if not frac or not all(ch in c.digits or ch.isdigit() for ch in frac):
                raise _Unreadable(s)
            frac_digits = "".join(str(c.digits[ch]) if ch in c.digits else ch for ch in frac)
            return _section(whole, wild) + Decimal("0." + frac_digits)
    return _section(s, wild)


@cache
def _arabic_scaled() -> re.Pattern[str]:
    """An Arabic number (no separators left), optionally signed, with at most one scale word after it."""
    scales = "|".join(re.escape(word) for word, _ in sorted(chars().scales, key=lambda s: -len(s[0])))
    return re.compile(rf"([+\-−]?)([0-9]+(?:\.[0-9]+)?)({scales})?")


@cache
def _scale_exponents() -> dict[str, int]:
    return dict(chars().scales)


@cache
def _scale_chars() -> frozenset[str]:
    return frozenset(ch for word, _ in chars().scales for ch in word)


@lru_cache(maxsize=16384)
def read_numeral(text: str) -> Numeral | None:
    """Read a numeral (no unit) exactly; ``None`` when it is not one.

    >>> read_numeral("1343.3万").value
    Decimal('13433000')
    >>> read_numeral("三十几万")
    Numeral(value=None, low=Decimal('310000'), high=Decimal('400000'), more=False)
    >>> read_numeral("一千三百四十三点三").value
    Decimal('1343.3')
    """
    s = "".join(text.split()).translate(_FULLWIDTH).replace(",", "").replace("，", "")
    negative = s[:1] in chars().minus
    if negative:
        s = s[1:]
    if len(s) > MAX_LENGTH:
        return None
    s = s.replace("万万", "亿").replace("萬萬", "億")  # 四万万 = 4亿
    fast = _arabic_scaled().fullmatch(s)
    if fast is not None and len(fast.group(2)) <= 21:  # most numerals in news: 2093.47亿, 26, -3.5
        sign, digits, scale = fast.groups()
        value = Decimal(digits)
        if scale:
            value = value.scaleb(_scale_exponents()[scale])
        if (sign == "-" or sign == "−") != negative:
            value = -value
        return None if value.adjusted() >= MAX_DIGITS else Numeral(plain(value))
    c = chars()
    adjacent = _adjacent().search(s)
    if adjacent and c.digits[adjacent.group(2)] == c.digits[adjacent.group(1)] + 1:
        rest = s[adjacent.end() :]
        if _adjacent().search(rest):
            return None  # 二三十三四: not a numeral
        low = read_numeral(s[: adjacent.start()] + adjacent.group(1) + rest)
        high = read_numeral(s[: adjacent.start()] + adjacent.group(2) + rest)
        if low is None or high is None or low.value is None or high.value is None:
            return None
        return Numeral(None, low.value, high.value, low.more)
    more = any(ch in c.more for ch in s)
    if more:
        s = "".join(ch for ch in s if ch not in c.more)
    if not s:
        return None
    if not any(
        ch.isdigit() or ch in c.digits or ch in c.wild or ch in c.tens or c.units.get(ch) == 10 for ch in s
    ):
        return None  # 万, 亿, 百: a scale word alone is not a number
    try:
        with localcontext() as ctx:
            ctx.prec = 60
            if any(ch in c.wild for ch in s):
                floor = _value(s, Decimal(1))
                ceiling = _value(s, Decimal(10))
                if floor >= ceiling:
                    return None
                return Numeral(None, plain(floor), plain(ceiling), more)
            value = _value(s, Decimal(0))
    except (_Unreadable, InvalidOperation, IndexError):
        return None
    if value.adjusted() >= MAX_DIGITS:
        return None
    return Numeral(plain(-value if negative else value), more=more)
