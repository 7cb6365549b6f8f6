"""The field resolvers, case by case: sentences of the project's own writing, one rule each.

Cases are data (``tests/cases/resolvers.jsonl``): the text, its publication date, the claim
(by its text) and the fields expected of it, with the rule the case shows. A case with
``"xfail"`` is a known gap, run as a strict xfail.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import claimkit

CASES = Path(__file__).parent / "cases" / "resolvers.jsonl"


def _cases() -> list[pytest.param]:  # type: ignore[valid-type]
    out = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("//"):
            continue
        case = json.loads(line)
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        out.append(pytest.param(case, id=f"{number}-{case['rule']}", marks=marks))
    return out


@pytest.mark.parametrize("case", _cases())
def test_resolver_case(case: dict) -> None:
    result = claimkit.extract(case["text"], published=case.get("published"))
    found = [c for c in result.claims if c.text == case["claim"]]
    assert found, f"no claim {case['claim']!r} in {[c.text for c in result.claims]}"
    claim = found[case.get("nth", 0)]
    got = {field: _plain(getattr(claim, field)) for field in case["expect"]}
    assert got == case["expect"], case["rule"]


def _plain(value: object) -> object:
    return str(value) if value is not None and not isinstance(value, (str, bool, int)) else value


def test_fiscal_calendar_of_a_company_added_at_run_time() -> None:
    extractor = claimkit.Extractor(
        extra_companies=[{"canonical": "Lanting Tea", "names": ["蓝亭茶饮"], "fiscal_year_end": "6"}]
    )
    text = "蓝亭茶饮公布2026财年首季业绩：截至2025年9月30日止三个月，收入为18亿元。"
    (claim,) = extractor(text, published="2025-11-10").claims
    assert (claim.period, claim.company) == ("FY2026Q1", "Lanting Tea")


def test_fiscal_years_named_by_their_start() -> None:
    extractor = claimkit.Extractor(
        extra_companies=[{"canonical": "Kumo Denki", "names": ["云电机"], "fiscal_year_end": "3 start"}]
    )
    text = "云电机公布财年业绩，截至2025年3月31日止的12个月，营业利润为1200亿日元。"
    (claim,) = extractor(text, published="2025-05-12").claims
    assert claim.period == "FY2024"


def test_a_company_added_with_tickers_yields_to_a_longer_name_with_another_code() -> None:
    extractor = claimkit.Extractor(
        extra_companies=[{"canonical": "Lanting Tea", "names": ["蓝亭"], "tickers": ["2977.HK"]}]
    )
    own = extractor("蓝亭（02977）上半年收入18亿元。", published="2025-08-20").claims
    other = extractor("蓝亭种苗（301777.SZ）上半年收入5亿元。", published="2025-08-20").claims
    assert [c.company for c in own] == ["Lanting Tea"]
    assert [c.company for c in other] == ["蓝亭种苗"]


def test_a_company_added_with_a_currency_takes_it_for_bare_yuan_in_traditional_text() -> None:
    extractor = claimkit.Extractor(
        extra_companies=[{"canonical": "Harbour Ferries", "names": ["港灣小輪"], "currency": "hkd"}]
    )
    (claim,) = extractor("港灣小輪中期收入按年增長3%至12億元。", published="2025-08-20").claims[1:]
    assert (claim.company, claim.unit) == ("Harbour Ferries", "HKD")


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("002701.SZ", "2701"),
        ("（002701）", "2701"),
        ("SZ002701", "2701"),
        ("0700.HK", "700"),
        ("(00700.HK)", "700"),
        ("SEED.US", "SEED"),
        ("NASDAQ: SEED", "SEED"),
        ("（纽交所：BABA）", "BABA"),
        ("（未上市）", None),
    ],
)
def test_ticker_key(code: str, key: str | None) -> None:
    from claimkit.attribution.lexicon import ticker_key

    assert ticker_key(code) == key


@pytest.mark.parametrize("cell", ["13", "x", "3 end", "0"])
def test_a_bad_fiscal_year_end_is_a_config_error(cell: str) -> None:
    with pytest.raises(claimkit.ConfigError):
        claimkit.Extractor(extra_companies=[{"canonical": "X", "names": ["某某"], "fiscal_year_end": cell}])


# ---------------------------------------------------------------- pathological documents

PATHOLOGICAL = {
    "legal names": "蓝星新材料股份有限公司" * 5_000,
    "names before codes": "青岚科技（688999.SH）" * 5_000,
    "industry subjects": "天峰材料前三季度" * 5_000,
    "han run": "蓝" * 60_000,
    "learned from a body": "从" + "西塘海" * 20_000 + "关获悉",
    "cited by a body": "按" + "西塘商" * 20_000 + "中心的统计，",
    "latin names before tickers": "服务商" + "Abc " * 20_000 + "（ABC）公布",
    "respectively lists": "比亚迪、吉利、长城的销量分别为38万辆、22万辆、11万辆，" * 1_000,
    "window words": "过去四季近五年未来三年" * 5_000,
    "dense figures": "腾讯营收1000亿元同比增长10%" * 3_000,
    "short legal names": "。天键股份" * 20_000,
    "legal form runs": "集团" * 40_000,
    # a run of initials with no break: a Latin source's name is tried from its start only, not from every letter
    "initials": "A.O." * 15_000 + "某某（AOS.N）营收9亿美元",
    # a lexicon name whose stem is a general word, written over and over: each stem is weighed once, not per mention
    "region notes": "亞洲水泥（中國）" * 12_000 + "（00743）",
    # a month and a verb of listing with no punctuation: the clause is looked for a few characters on, not to the end
    "listing months": "今年1月以每股1.6港元在主板掛牌" * 3_000,
    # a name, then a long run of links with no 等: a list of examples is split one way only (linear, not exponential)
    "link runs": "腾讯" + "和甲" * 20_000 + "收入增长5%",
    # a Taiwan page naming the renminbi after a long run of digits: the first bare amount is looked for once
    "digit runs": "〔記者某某／台北報導〕營收" + "1" * 100_000 + "約2億元人民幣。",
    # many names no lexicon holds, each opening a paragraph before what it does: the finder stays linear
    "distinct names": "".join(
        f"\n{chr(0x4E00 + i % 2000)}{chr(0x5000 + i // 2000)}远行主营" for i in range(15_000)
    ),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_documents_finish(name: str) -> None:
    start = time.perf_counter()
    claimkit.extract(PATHOLOGICAL[name], published="2025-05-01")
    assert time.perf_counter() - start < 30  # generous: catches hangs and quadratic blow-ups, not speed
