"""The :class:`Period` record and its normalised form."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Granularity = Literal["year", "half", "quarter", "quarters", "month", "months"]


class Period(BaseModel):
    """A period mention, normalised: ``2025Q1``, ``FY2025Q4``, ``2025H1``, ``2025Q1-Q3``, ``2025``, ``2025-03``,
    ``2025-01/2025-11`` (a run of months that is not a quarter, a half or 前三季度).

    ``value`` is ``None`` when the mention is relative (``去年``, ``当季``) and
    nothing to resolve it against was given: claimkit never guesses a year.
    The structured fields say the same as ``value``; ``relative`` keeps the
    relative word's meaning (``last_year``, ``current_quarter``, ``same_period_last_year``…).
    ``point`` marks a point in time (``截至4月底``, ``年末``), reported as its month.
    Offsets index the caller's input.
    """

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int
    value: str | None = None
    granularity: Granularity | None = None
    year: int | None = None
    fiscal: bool = False
    quarter: int | None = None
    quarter_end: int | None = None
    half: int | None = None
    month: int | None = None
    month_from: int | None = None
    point: bool = False
    relative: str | None = None


def normalise(
    year: int | None,
    *,
    fiscal: bool = False,
    quarter: int | None = None,
    quarter_end: int | None = None,
    half: int | None = None,
    month: int | None = None,
    month_from: int | None = None,
) -> str | None:
    """The spec's string for a period, or ``None`` without a year."""
    if year is None:
        return None
    prefix = "FY" if fiscal else ""
    if month is not None and month_from is not None and month_from != month:
        # an ISO 8601 interval of months; a first month after the last starts the year before (2019-09/2020-02)
        start = year - 1 if month_from > month else year
        return f"{start:04d}-{month_from:02d}/{year:04d}-{month:02d}"
    if month is not None:
        return f"{year:04d}-{month:02d}"
    if quarter is not None and quarter_end is not None and quarter_end != quarter:
        if (quarter, quarter_end) in ((1, 2), (3, 4)):
            return f"{prefix}{year}H{quarter_end // 2}"  # 前两个季度: a half
        if (quarter, quarter_end) == (1, 4):
            return f"{prefix}{year}"  # 前四个季度 of one year: the year
        return f"{prefix}{year}Q{quarter}-Q{quarter_end}"
    if quarter is not None:
        return f"{prefix}{year}Q{quarter}"
    if half is not None:
        return f"{prefix}{year}H{half}"
    return f"{prefix}{year}"
