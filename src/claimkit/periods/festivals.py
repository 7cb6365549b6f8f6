"""The months of a holiday of the lunar calendar in a given year (``resources/lunar_festivals.tsv``)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from .. import _resources

# meaning in periods.tsv -> the festival whose date it starts from, and the holiday's first and last day
# relative to that date (春节: New Year's Eve to the sixth day after New Year's Day)
FESTIVALS: dict[str, tuple[str, int, int]] = {
    "spring_festival": ("spring_festival", -1, 6),
    "dragon_boat": ("dragon_boat", -1, 1),
    "mid_autumn": ("mid_autumn", -1, 1),
    "autumn_double": ("mid_autumn", -1, 1),  # and National Day, 1-7 October
}
_NATIONAL_DAY = ((10, 1), (10, 7))


@cache
def _dates() -> dict[int, dict[str, date]]:
    columns = ("year", "spring_festival", "dragon_boat", "mid_autumn")
    return {
        int(row["year"]): {k: date.fromisoformat(row[k]) for k in columns[1:]}
        for row in _resources.table("lunar_festivals.tsv", columns)
    }


def festival_months(meaning: str, year: int) -> tuple[int, int] | None:
    """``(first month, last month)`` of the holiday ``meaning`` names in ``year``; None for a year the
    table does not hold (春节假期 in 2025: January 28 to February 4 -> ``(1, 2)``)."""
    festival, before, after = FESTIVALS[meaning]
    day = _dates().get(year, {}).get(festival)
    if day is None:
        return None
    first, last = day + timedelta(days=before), day + timedelta(days=after)
    if meaning == "autumn_double":
        first = min(first, date(year, *_NATIONAL_DAY[0]))
        last = max(last, date(year, *_NATIONAL_DAY[1]))
    return first.month, last.month
