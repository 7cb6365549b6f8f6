"""Stage 3, periods: ``2025年第一季度`` -> ``2025Q1``, ``去年10月`` -> ``2024-10`` (given a publication date)."""

from __future__ import annotations

from datetime import date, datetime

from ..cleaning import Cleaned, clean
from ..errors import require_str
from .grammar import RawPeriod, read_periods, scan_periods
from .model import Period, normalise
from .resolve import Resolved, Resolver, as_date, last_completed_quarter

__all__ = [
    "Period",
    "RawPeriod",
    "Resolved",
    "Resolver",
    "as_date",
    "find_periods",
    "last_completed_quarter",
    "normalise",
    "parse_period",
    "read_periods",
    "scan_periods",
]

_RELATIVE_NAMES = {
    "pub": {0: "this_year", -1: "last_year", 1: "next_year", -2: "year_before_last"},
    "ctx": {0: "this_year_of_report", -1: "year_before_report", 1: "year_after_report"},
}


def _to_period(p: RawPeriod, r: Resolved | None, cleaned: Cleaned) -> Period:
    start, end = cleaned.to_input_span(p.start, p.end)
    relative = p.relative
    if relative is None and p.year_from is not None:
        relative = _RELATIVE_NAMES[p.year_from].get(p.year_offset, f"{p.year_from}{p.year_offset:+d}")
    if r is None:
        return Period.model_construct(
            text=cleaned.source[start:end], start=start, end=end, value=None, granularity=None,
            year=p.year, fiscal=p.fiscal, quarter=p.quarter, quarter_end=p.quarter_end, half=p.half,
            month=p.month, month_from=p.month_from, point=p.point, relative=relative,
        )  # fmt: skip
    return Period.model_construct(
        text=cleaned.source[start:end], start=start, end=end, value=r.value, granularity=r.granularity,
        year=r.year, fiscal=r.fiscal, quarter=r.quarter, quarter_end=r.quarter_end, half=r.half,
        month=r.month, month_from=r.month_from, point=p.point, relative=relative,
    )  # fmt: skip


def find_periods(text: str, *, published: date | datetime | str | None = None) -> list[Period]:
    """Every period mention in a (dirty) document, resolved in reading order.

    Relative mentions resolve against ``published`` (``今年``, ``去年``) or against the
    text's own last explicit period (``当季``, ``同期``, ``全年``); without a publication
    date, periods relative to it stay unresolved (``value`` is ``None``).

    >>> [p.value for p in find_periods("2025年第一季度营收增长，去年同期则下滑")]
    ['2025Q1', '2024Q1']
    """
    require_str(text)
    cleaned = clean(text)
    raws = read_periods(cleaned)
    resolver = Resolver.for_document(as_date(published), raws)
    return [_to_period(p, resolver.resolve(p), cleaned) for p in raws]


def parse_period(text: str, *, published: date | datetime | str | None = None) -> Period | None:
    """The first period mentioned in a phrase, resolved against ``published`` only.

    >>> parse_period("2024/2025财年第四季度").value
    'FY2025Q4'
    >>> parse_period("去年10月", published="2025-05-16").value
    '2024-10'
    >>> parse_period("去年10月").value is None
    True
    """
    require_str(text)
    found = find_periods(text, published=published)
    return found[0] if found else None
