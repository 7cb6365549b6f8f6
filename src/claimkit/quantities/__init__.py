"""Stage 2, quantities: amounts, percentages, counts, ranks and ranges, with qualifiers."""

from __future__ import annotations

import re
from functools import cache

from .._spans import Intervals
from ..cleaning import Cleaned, clean, strip_glosses
from ..errors import require_str
from ..periods.grammar import RawPeriod, period_alphabet, period_gate, scan_periods
from .grammar import CurrencyScopes, Raw, currency_scopes, scan
from .model import Quantity, make_quantity
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
    if cleaned.removed_nothing:
        start, end = r.start, r.end
    else:
        start, end = cleaned.to_input_span(r.start, r.end)
    return make_quantity(
        cleaned.source[start:end], start, end, r.value, r.low, r.high, r.unit, r.counted,
        r.qualifier, r.kind or "count",  # type: ignore[arg-type]
    )  # fmt: skip


def read_span(
    cleaned: Cleaned,
    start: int,
    end: int,
    currency: CurrencyScopes | None,
    *,
    numbers: bool = False,
    periods: Intervals | None = None,
) -> list[Raw]:
    """Quantities of the clean span ``[start, end)``, dates and periods left out.

    ``currency`` says which currency bare 元 amounts are in where the text declares one;
    ``periods`` are the period spans already found, if the caller has them; otherwise
    periods are looked for only where they could touch a quantity (:func:`_period_spans`).
    """
    text = cleaned.folded
    raws = scan(text, start, end, currency=currency, numbers=numbers)
    if not raws:
        return raws
    if periods is None:
        periods = _period_spans(text, start, end, raws)
    if not periods:
        return raws
    return [r for r in raws if not periods.overlaps(r.start, r.end)]


# How far before a mention scan_periods reads to judge it (连续三季度, 较上年): a local scan
# starts this much earlier so that it reads every mention exactly as a scan of the whole span.
_PERIOD_CONTEXT = 16


def _period_spans(text: str, start: int, end: int, raws: list[Raw]) -> Intervals:
    """The spans of the period mentions of ``text[start:end]`` that can overlap one of ``raws``.

    A mention holds only characters of :func:`period_alphabet`, so one overlapping a
    quantity lies inside a run of such characters that meets the quantity. Each such run
    starts where a scan of the whole span is between mentions, so scanning the runs alone
    (where the gate opens at all) finds the same mentions there: the same result as
    ``scan_periods(text, start, end)`` for these quantities, for a fraction of the work.
    """
    found = _period_runs()
    if found is None:  # the period grammar can match any character: scan it all
        return Intervals((p.start, p.end) for p in scan_periods(text, start, end))
    alphabet, run, char = found
    runs: list[list[int]] = []
    for r in raws:
        m = char.search(text, r.start, r.end)
        while m is not None:
            u = m.start()
            if runs and u < runs[-1][1]:
                u = runs[-1][1]  # already covered
            elif u == r.start:
                while u > start and (text[u - 1] in alphabet or text[u - 1].isdecimal()):
                    u -= 1
            v = run.match(text, u, end).end()  # type: ignore[union-attr]
            if runs and u <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], v)
            else:
                runs.append([u, v])
            m = char.search(text, v, r.end) if v < r.end else None
    gate = period_gate()
    spans: list[tuple[int, int]] = []
    for u, v in runs:
        if gate.search(text, u, v) is None:
            continue
        spans.extend(
            (p.start, p.end)
            for p in scan_periods(text, max(start, u - _PERIOD_CONTEXT), v, spans_from=u)
            if p.start >= u
        )
    return Intervals(spans)


@cache
def _period_runs() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]] | None:
    """The period alphabet, a pattern for a run of its characters and one for a single one."""
    alphabet = period_alphabet()
    if alphabet is None:
        return None
    chars = "".join(re.escape(ch) for ch in sorted(alphabet)) + r"\d"
    return alphabet, re.compile(f"[{chars}]*"), re.compile(f"[{chars}]")


def read_quantities(
    cleaned: Cleaned, *, periods: list[RawPeriod] | None = None, numbers: bool = False
) -> list[Raw]:
    """The quantities of the kept text of a cleaned document, periods and dates left out.

    ``periods`` are the document's period mentions, if the caller has them already. The
    currency of a bare 元 amount is the one the text declares where it stands (a
    ``（人民币，下同）`` note from there on, a paragraph that names ``新台币``; see
    :class:`~claimkit.quantities.grammar.CurrencyScopes`), else CNY.
    """
    currency = currency_scopes(cleaned.folded)
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
    raws = read_span(cleaned, 0, len(cleaned.text), currency_scopes(cleaned.folded))
    return to_quantity(raws[0], cleaned) if raws else None
