"""Stage 2, quantities: amounts, percentages, counts, ranks and ranges, with qualifiers."""

from __future__ import annotations

from .._spans import Intervals
from ..cleaning import Cleaned, clean, strip_glosses
from ..errors import require_str
from ..periods.grammar import RawPeriod, scan_periods
from .grammar import Raw, declared_currency, scan
from .model import Quantity
from .numerals import Numeral, read_numeral

__all__ = [
    "Numeral",
    "Quantity",
    "Raw",
    "find_quantities",
    "parse_quantity",
    "read_numeral",
    "read_quantities",
    "scan",
]


def to_quantity(r: Raw, cleaned: Cleaned) -> Quantity:
    """A public :class:`Quantity` for a raw reading, with offsets into the input."""
    start, end = cleaned.to_input_span(r.start, r.end)
    return Quantity.model_construct(
        text=cleaned.source[start:end], start=start, end=end, value=r.value, low=r.low, high=r.high,
        unit=r.unit, counted=r.counted, qualifier=r.qualifier, kind=r.kind or "count",
    )  # fmt: skip


def read_span(
    cleaned: Cleaned,
    start: int,
    end: int,
    currency: str | None,
    *,
    numbers: bool = False,
    periods: Intervals | None = None,
) -> list[Raw]:
    """Quantities of the clean span ``[start, end)``, dates and periods left out.

    ``periods`` are the period spans already found, if the caller has them.
    """
    raws = scan(cleaned.folded, start, end, default_currency=currency, numbers=numbers)
    if not raws:
        return raws
    if periods is None:
        periods = Intervals((p.start, p.end) for p in scan_periods(cleaned.folded, start, end))
    if not periods:
        return raws
    return [r for r in raws if not periods.overlaps(r.start, r.end)]


def read_quantities(
    cleaned: Cleaned, *, periods: list[RawPeriod] | None = None, numbers: bool = False
) -> list[Raw]:
    """The quantities of the kept text of a cleaned document, periods and dates left out.

    ``periods`` are the document's period mentions, if the caller has them already;
    ``（人民币，下同）`` and the like set the currency of bare amounts for the whole text.
    """
    currency = declared_currency(cleaned.folded)
    taken = Intervals((p.start, p.end) for p in periods) if periods is not None else None
    return [
        r
        for a, b in cleaned.kept_spans()
        for r in read_span(cleaned, a, b, currency, numbers=numbers, periods=taken)
    ]


def find_quantities(text: str, *, numbers: bool = False) -> list[Quantity]:
    """Every quantity in a (dirty) document, with offsets into ``text`` as given.

    Glosses are stripped and repeated passages and page furniture skipped first.
    ``numbers=True`` also reports plain numbers with no unit or scale word.

    >>> [(q.text, str(q.value), q.unit, q.qualifier) for q in find_quantities("月均下载量达1343.3万，环比大增近1500%")]
    [('1343.3万', '13433000', 'count', 'exact'), ('1500%', '1500', '%', 'nearly')]
    """
    require_str(text)
    cleaned = clean(text)
    return [to_quantity(r, cleaned) for r in read_quantities(cleaned, numbers=numbers)]


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a short phrase holds, qualifier words read; ``None`` for dates, names or no quantity.

    >>> q = parse_quantity("超过3800亿元")
    >>> (q.text, str(q.value), q.unit, q.qualifier)
    ('3800亿元', '380000000000', 'CNY', 'more_than')
    >>> parse_quantity("2025年第一季度") is None
    True
    """
    require_str(text)
    cleaned = strip_glosses(text)
    raws = read_span(cleaned, 0, len(cleaned.text), declared_currency(cleaned.folded))
    return to_quantity(raws[0], cleaned) if raws else None
