"""Periods: forms, normalisation, resolution against the publication date and the text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimkit
from claimkit.periods import normalise

PERIODS = [
    # (phrase, published, value)
    ("2025年第一季度", None, "2025Q1"),
    ("2025 年第三季度", None, "2025Q3"),
    ("二零二五年第二季度", None, "2025Q2"),
    ("一季度", "2025-05-16", "2025Q1"),
    ("第一季", "2025-05-16", "2025Q1"),
    ("第4季", "2025-11-26", "2025Q4"),
    ("第四季度", "2025-03-28", "2024Q4"),
    ("Q1 2025", None, "2025Q1"),
    ("2024年Q4", None, "2024Q4"),
    ("1Q25", None, "2025Q1"),
    ("3Q25", None, "2025Q3"),
    ("上半年", "2025-08-27", "2025H1"),
    ("下半年", "2025-08-27", "2025H2"),
    ("上半财年", "2025-11-28", "FY2025H1"),
    ("2025财年上半年", None, "FY2025H1"),
    ("1H25", None, "2025H1"),
    ("2025年中期", None, "2025H1"),
    ("前三季度", "2025-10-29", "2025Q1-Q3"),
    ("2024年全年", None, "2024"),
    ("全年", "2025-03-27", "2024"),
    ("2024/2025财年", None, "FY2025"),
    ("2025财年第四季度", None, "FY2025Q4"),
    ("FY2025", None, "FY2025"),
    ("FY25Q4", None, "FY2025Q4"),
    ("截至2025年3月31日止三个月", None, "2025Q1"),
    ("截至2025年6月30日止六个月", None, "2025H1"),
    ("截至4月底", "2025-05-16", "2025-04"),
    ("2024年末", None, "2024-12"),
    ("三季度末", "2025-10-29", "2025-09"),
    ("二零二五年", None, "2025"),
    ("3月单月", "2025-05-16", "2025-03"),
    ("2025-03-31", None, "2025-03"),
    ("今年", "2025-05-16", "2025"),
    ("去年", "2025-05-16", "2024"),
    ("明年", "2025-05-16", "2026"),
    ("去年10月", "2025-05-16", "2024-10"),
    ("今年一季度", "2025-05-16", "2025Q1"),
    ("本季度", "2025-05-16", "2025Q1"),
    ("当季", "2025-05-16", "2025Q1"),
    ("上季度", "2025-11-26", "2025Q3"),
    ("上季", "2025-11-26", "2025Q3"),
    ("至今", "2025-10-29", "2025-10"),
    # holidays: fixed dates, and the lunar calendar's (resources/lunar_festivals.tsv)
    ("双11期间", "2024-11-20", "2024-11"),
    ("“618”期间", "2025-06-20", "2025-06"),
    ("春节假期", "2025-03-01", "2025-01/2025-02"),
    ("春节档", "2026-03-01", "2026-02"),
    ("端午假期", "2025-07-01", "2025-05/2025-06"),
    ("中秋假期", "2024-10-01", "2024-09"),
    ("双节期间", "2023-10-20", "2023-09/2023-10"),
    ("双节期间", "2025-10-20", "2025-10"),
    ("截至2020年2月29日止六个月", "2020-04-29", "2019-09/2020-02"),  # a run across the turn of the year
    ("截至2021年3月31日止九个月", "2021-05-20", "2020-07/2021-03"),
]


@pytest.mark.parametrize(("phrase", "published", "value"), PERIODS, ids=[p[0] for p in PERIODS])
def test_period_forms(phrase: str, published: str | None, value: str) -> None:
    p = claimkit.parse_period(phrase, published=published)
    assert p is not None and p.value == value
    assert phrase[p.start : p.end] == p.text


@pytest.mark.parametrize("phrase", ["今年", "去年10月", "本季度", "上季", "明年", "同期", "至今"])
def test_relative_periods_stay_unresolved_without_a_date(phrase: str) -> None:
    p = claimkit.parse_period(phrase)
    assert p is not None and p.value is None and p.relative is not None


def test_context_resolves_same_period_and_full_year() -> None:
    text = "爱奇艺第二季度营收78亿元，当季会员数1.11亿，较去年同期9830万增长。公司全年目标不变。"
    values = [p.value for p in claimkit.find_periods(text, published="2023-08-29")]
    assert values == ["2023Q2", "2023Q2", "2022Q2", "2023"]


def test_fiscal_context_makes_full_year_fiscal() -> None:
    text = "披露2024/2025财年第四季度及全年业绩。公司全年收入达到4985亿元。"
    assert [p.value for p in claimkit.find_periods(text)] == ["FY2025Q4", "FY2025", "FY2025"]


def test_report_year_relatives_follow_the_text() -> None:
    text = "2024年销售晶圆由上年的586.7万片增加至本年的802.1万片。"
    assert [p.value for p in claimkit.find_periods(text, published="2025-03-28")] == ["2024", "2023", "2024"]


def test_durations_are_not_quarters() -> None:
    assert claimkit.find_periods("AI收入连续三季度三位数增长", published="2025-05-16") == []
    assert claimkit.find_periods("海外收入占比连续12季超过30%", published="2025-05-16") == []  # not Q2


def test_published_accepts_dates_and_rejects_junk() -> None:
    assert claimkit.parse_period("去年", published=date(2025, 1, 2)).value == "2024"  # type: ignore[union-attr]
    with pytest.raises(claimkit.ClaimkitError):
        claimkit.parse_period("去年", published="yesterday")
    with pytest.raises(TypeError, match="int"):
        claimkit.parse_period("去年", published=20250102)  # type: ignore[arg-type]


CN = "零一二三四"


@settings(max_examples=200, deadline=None)
@given(
    st.integers(2000, 2099),
    st.sampled_from(["quarter", "half", "year", "month", "fiscal", "quarters"]),
    st.integers(1, 12),
    st.booleans(),
)
def test_rendered_periods_parse_back(year: int, kind: str, n: int, chinese: bool) -> None:
    q, h = (n - 1) % 4 + 1, (n - 1) % 2 + 1
    yc = "".join("零一二三四五六七八九"[int(c)] for c in str(year)) if chinese else str(year)
    phrase, expected = {
        "quarter": (f"{yc}年第{CN[q]}季度", normalise(year, quarter=q)),
        "half": (f"{yc}年{'上' if h == 1 else '下'}半年", normalise(year, half=h)),
        "year": (f"{yc}年全年", normalise(year)),
        "month": (f"{year}年{n}月", normalise(year, month=n)),
        "fiscal": (f"{year}财年Q{q}", normalise(year, fiscal=True, quarter=q)),
        "quarters": (f"{year}年前三季度", normalise(year, quarter=1, quarter_end=3)),
    }[kind]
    p = claimkit.parse_period(f"据悉，{phrase}，营收增长")
    assert p is not None and p.value == expected


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_find_periods_never_raises(text: str) -> None:
    for p in claimkit.find_periods(text, published="2025-05-16"):
        assert text[p.start : p.end] == p.text


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("2025年1-9月", "2025Q1-Q3"),
        ("1-6月", "2025H1"),
        ("7-12月", "2025H2"),
        ("4-6月", "2025Q2"),
        ("今年1至5月", "2025-01/2025-05"),
        ("前11个月", "2025-01/2025-11"),
        ("1-2月", "2025-01/2025-02"),
        ("2024年前9个月", "2024Q1-Q3"),
        ("25年一季度", "2025Q1"),
        ("24财年第四财季", "FY2024Q4"),
    ],
)
def test_month_ranges_and_short_years(phrase: str, value: str) -> None:
    p = claimkit.parse_period(phrase, published="2025-11-20")
    assert p is not None and p.value == value


def test_lunar_festival_table_holds_the_calendar_s_bounds() -> None:
    """Every year of the table, in order; each festival inside the window the lunar calendar allows it (端午 27 May to 25 June, 中秋 7 September to 8 October)
    (the Spring Festival falls between 21 January and 20 February)."""
    from claimkit.periods.festivals import _dates

    table = _dates()
    years = sorted(table)
    assert years == list(range(years[0], years[-1] + 1)) and years[0] <= 2000 and years[-1] >= 2040
    for year, days in table.items():
        assert date(year, 1, 21) <= days["spring_festival"] <= date(year, 2, 20)
        assert date(year, 5, 27) <= days["dragon_boat"] <= date(year, 6, 25)
        assert date(year, 9, 7) <= days["mid_autumn"] <= date(year, 10, 8)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1990, 2060),
    st.sampled_from(["spring_festival", "dragon_boat", "mid_autumn", "autumn_double"]),
)
def test_festival_months_are_a_run_in_their_season(year: int, meaning: str) -> None:
    from claimkit.periods.festivals import festival_months

    months = festival_months(meaning, year)
    assert months is not None
    first, last = months
    season = {
        "spring_festival": (1, 2),
        "dragon_boat": (5, 6),
        "mid_autumn": (9, 10),
        "autumn_double": (9, 10),
    }
    assert season[meaning][0] <= first <= last <= season[meaning][1]
    if meaning == "autumn_double":
        assert last == 10  # National Day is always inside
    assert festival_months(meaning, 1800) is None
