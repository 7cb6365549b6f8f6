"""claimkit.consolidate: facts across documents, the consistency rule, properties, the CLI and Spark."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import claimkit
from claimkit import Claim, Fact, SourcedClaim, consolidate
from claimkit.batch import claim_row, flat_row
from claimkit.cli import cli
from claimkit.facts import claim_interval, consistent, fact_row, flat_fact_row

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "facts"
PUB = "2025-11-26"


def claim(text: str, value: str, unit: str = "CNY", **fields: Any) -> Claim:
    base = {"concept": "revenue", "period": "2025Q3", "company": "NIO", "start": 0, "end": len(text)}
    base.update(fields)
    return Claim(text=text, value=Decimal(value), unit=unit, **base)


def dump(facts: list[Fact]) -> list[dict]:
    return [f.model_dump(mode="json") for f in facts]


# ---------------------------------------------------------------------------- the consistency rule


def test_rounding_agrees_and_a_different_figure_conflicts() -> None:
    a = claim("1800亿元", "180000000000")
    b = claim("1800.2亿元", "180020000000")
    c = claim("1750亿元", "175000000000")
    assert consistent(claim_interval(a), claim_interval(b))
    assert not consistent(claim_interval(a), claim_interval(c))
    facts = consolidate([("x", [a]), ("y", [b])])
    assert [(f.status, f.value) for f in facts] == [("agreed", Decimal("180020000000"))]  # the most precise
    facts = consolidate([("x", [a]), ("y", [c]), ("z", [b])])
    assert facts[0].status == "conflict"
    assert [(v.value, v.documents) for v in facts[0].values] == [
        (Decimal("175000000000"), ["y"]),
        (Decimal("180000000000"), ["x"]),
        (Decimal("180020000000"), ["z"]),
    ]
    assert facts[0].value == Decimal("180020000000")  # consistent with two documents of three, most precise


def test_qualifiers_widen_in_their_direction() -> None:
    exact = claim("1800亿元", "180000000000")
    assert consistent(
        claim_interval(claim("约1750亿元", "175000000000", qualifier="approx")), claim_interval(exact)
    )
    assert consistent(
        claim_interval(claim("近1900亿元", "190000000000", qualifier="nearly")), claim_interval(exact)
    )
    assert not consistent(
        claim_interval(claim("近1700亿元", "170000000000", qualifier="nearly")), claim_interval(exact)
    )
    assert consistent(
        claim_interval(claim("超1500亿元", "150000000000", qualifier="more_than")), claim_interval(exact)
    )
    assert not consistent(
        claim_interval(claim("超1900亿元", "190000000000", qualifier="more_than")), claim_interval(exact)
    )
    assert consistent(
        claim_interval(claim("不足1900亿元", "190000000000", qualifier="less_than")), claim_interval(exact)
    )
    rng = Claim(text="1750亿至1850亿元", start=0, end=11, low=Decimal("175000000000"), high=Decimal("185000000000"),
                unit="CNY", qualifier="range", concept="revenue", period="2025Q3")  # fmt: skip
    assert consistent(claim_interval(rng), claim_interval(exact))


def test_chinese_numerals_cover_their_last_digit() -> None:
    assert claim_interval(claim("六成", "60", "%", change="yoy", direction="up")) == (
        Decimal("55"),
        Decimal("65"),
    )
    assert claim_interval(claim("5成", "50", "%", change="yoy", direction="up")) == (
        Decimal("45"),
        Decimal("55"),
    )
    assert claim_interval(claim("1,615亿元", "161500000000")) == (
        Decimal("161450000000"),
        Decimal("161550000000"),
    )


def test_declines_and_losses_are_negative() -> None:
    down = claim("5.6%", "5.6", "%", change="yoy", direction="down")
    up = claim("5.6%", "5.6", "%", change="yoy", direction="up")
    facts = consolidate([("a", [down]), ("b", [up])])
    assert facts[0].status == "conflict" and {v.value for v in facts[0].values} == {
        Decimal("-5.6"),
        Decimal("5.6"),
    }
    loss = claim("27.4亿元", "2740000000", concept="adjusted_net_profit", metric="经调整净亏损")
    profit = claim("27.4亿元", "2740000000", concept="adjusted_net_profit", metric="经调整净利润")
    assert consolidate([("a", [loss])])[0].value == Decimal("-2740000000")
    assert consolidate([("a", [loss]), ("b", [profit])])[0].status == "conflict"


def test_keys_units_and_what_is_not_consolidated() -> None:
    items = [
        ("a", [claim("100亿元", "10000000000")]),
        ("b", [claim("100亿美元", "10000000000", "USD")]),  # another currency: another fact
        ("c", [claim("100亿元", "10000000000", segment="阿里云", company="Alibaba")]),
        ("d", [claim("102亿元", "10200000000", segment="云智能集团", company="Alibaba")]),  # one segment
        ("e", [claim("100亿元", "10000000000", concept="other")]),  # not consolidated
        ("f", [claim("100亿元", "10000000000", period=None)]),  # not consolidated
        ("g", [claim("100亿元", "10000000000", forecast=True)]),  # a forecast is its own fact
    ]
    facts = consolidate(items)
    keys = [(f.company, f.segment, f.unit, f.forecast, f.status) for f in facts]
    assert keys == [
        ("Alibaba", "阿里云", "CNY", False, "conflict"),
        ("NIO", None, "CNY", False, "single"),
        ("NIO", None, "USD", False, "single"),
        ("NIO", None, "CNY", True, "single"),
    ]


def test_extra_segments() -> None:
    a = claim("10亿元", "1000000000", company="Lanting Tea", segment="茶饮")
    b = claim("10.2亿元", "1020000000", company="Lanting Tea", segment="现制茶饮业务")
    assert len(consolidate([("a", [a]), ("b", [b])])) == 2
    extra = [{"company": "Lanting Tea", "segment": "茶饮", "aliases": "现制茶饮"}]
    facts = consolidate([("a", [a]), ("b", [b])], extra_segments=extra)
    assert [(f.segment, f.status) for f in facts] == [("茶饮", "agreed")]


def test_inputs_of_every_form_give_the_same_facts() -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))}
    results = list(claimkit.extract_many(list(texts.items()), published=PUB))
    from_results = consolidate(results)
    pairs = [(r.id, claimkit.Extraction(claims=r.claims, published=r.published)) for r in results]
    assert dump(consolidate(pairs)) == dump(from_results)
    rows = [{**claim_row(r.id, c), "published": r.published} for r in results for c in r.claims]
    assert dump(consolidate(rows)) == dump(from_results)
    flat = [{**flat_row(r.id, c), "published": r.published} for r in results for c in r.claims]
    assert dump(consolidate(flat)) == dump(from_results)
    sourced = [SourcedClaim(document=r.id, published=r.published, claim=c) for r in results for c in r.claims]
    assert dump(consolidate(sourced)) == dump(from_results)
    with pytest.raises(TypeError, match="int"):
        consolidate([42])
    with pytest.raises(claimkit.ClaimkitError):
        consolidate([{"id": 1, "text": "x"}])


def test_a_conflict_across_two_articles() -> None:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))}
    facts = consolidate(claimkit.extract_many(list(texts.items()), published=PUB))
    by = {(f.concept, f.period, f.change, f.forecast, f.unit): f for f in facts if f.segment is None}
    revenue = by[("revenue", "2025Q3", None, False, "CNY")]
    assert revenue.status == "conflict"
    assert [(v.value, v.documents) for v in revenue.values] == [
        (Decimal("20790000000"), ["outlet_b"]),
        (Decimal("21790000000"), ["outlet_a"]),
    ]
    deliveries = by[("deliveries", "2025Q3", None, False, "count")]
    assert (deliveries.status, deliveries.value) == ("agreed", Decimal("87071"))  # 8.7万 and 87,071 agree
    guidance = by[("deliveries", "2025Q4", None, True, "count")]
    assert guidance.status == "agreed" and (guidance.low, guidance.high) == (Decimal(120000), Decimal(125000))
    loss = by[("adjusted_net_profit", "2025Q3", None, False, "CNY")]
    assert (loss.status, loss.value) == ("agreed", Decimal("-2740000000"))
    assert {sc.published for sc in revenue.claims} == {PUB}
    assert all(texts[sc.document][sc.claim.start : sc.claim.end] == sc.claim.text for sc in revenue.claims)


# ---------------------------------------------------------------------------- properties

COMPANIES = ["NIO", "Tencent", "Alibaba", None]
CONCEPTS = ["revenue", "net_profit", "deliveries", "gross_margin"]
PERIODS = ["2025Q1", "2025Q2", "2025"]


@st.composite
def written(draw: Any, value: Decimal | None = None) -> tuple[str, Decimal]:
    """A figure as an article writes it (亿元 with 0-2 decimals) and the value it states."""
    if value is None:
        value = Decimal(draw(st.integers(min_value=1, max_value=10**7))) / 1000
    places = draw(st.integers(min_value=0, max_value=2))
    shown = value.quantize(Decimal(1).scaleb(-places))
    return f"{shown}亿元", shown * 10**8


@st.composite
def documents(draw: Any) -> list[tuple[str, list[Claim]]]:
    docs = []
    for i in range(draw(st.integers(min_value=1, max_value=5))):
        claims = []
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            text, value = draw(written())
            claims.append(
                claim(
                    text,
                    str(value),
                    company=draw(st.sampled_from(COMPANIES)),
                    concept=draw(st.sampled_from(CONCEPTS)),
                    period=draw(st.sampled_from(PERIODS)),
                    qualifier=draw(st.sampled_from(["exact", "exact", "approx", "more_than"])),
                    start=draw(st.integers(min_value=0, max_value=50)),
                )
            )
        docs.append((f"doc{i}", claims))
    return docs


@settings(max_examples=80, deadline=None)
@given(documents(), st.randoms(use_true_random=False))
def test_consolidation_does_not_depend_on_document_order(docs: list, rnd: Any) -> None:
    shuffled = [(d, list(cs)) for d, cs in docs]
    rnd.shuffle(shuffled)
    for _, cs in shuffled:
        rnd.shuffle(cs)
    assert dump(consolidate(shuffled)) == dump(consolidate(docs))


@settings(max_examples=80, deadline=None)
@given(documents())
def test_consolidation_is_idempotent(docs: list) -> None:
    facts = consolidate(docs)
    assert dump(consolidate(facts)) == dump(facts)
    assert dump(consolidate([sc for f in facts for sc in f.claims])) == dump(facts)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.data())
def test_claims_differing_only_in_rounding_never_conflict(units: int, data: Any) -> None:
    true = Decimal(units) / 10**5
    a_text, a_value = data.draw(written(true))
    b_text, b_value = data.draw(written(true))
    facts = consolidate([("a", [claim(a_text, str(a_value))]), ("b", [claim(b_text, str(b_value))])])
    assert [f.status for f in facts] == ["agreed"]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=100, max_value=10**6), st.integers(min_value=2, max_value=10**4), st.data())
def test_a_planted_conflict_is_always_found(base: int, gap: int, data: Any) -> None:
    """Two figures written to the 亿 that differ by at least 2亿 cannot both be true; other documents agreeing
    with one of them do not hide it."""
    a = claim(f"{base}亿元", str(base * 10**8))
    b = claim(f"{base + gap}亿元", str((base + gap) * 10**8))
    extra = [
        (f"agree{i}", [claim(f"{base}.0亿元", str(base * 10**8))])
        for i in range(data.draw(st.integers(0, 3)))
    ]
    facts = consolidate([("a", [a]), *extra, ("b", [b])])
    assert len(facts) == 1 and facts[0].status == "conflict"
    assert {v.value for v in facts[0].values} >= {Decimal(base * 10**8), Decimal((base + gap) * 10**8)}


# ---------------------------------------------------------------------------- CLI


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def example_paths() -> list[str]:
    return [str(p) for p in sorted(EXAMPLES.glob("*.txt"))]


def expected_facts(paths: list[str]) -> list[Fact]:
    docs = [(p, Path(p).read_text(encoding="utf-8")) for p in paths]
    return consolidate(claimkit.extract_many(docs, published=PUB))


def test_cli_facts_of_documents(example_paths: list[str]) -> None:
    result = run("facts", *example_paths, "--published", PUB)
    assert result.exit_code == 0, result.output
    assert jsonl(result.stdout) == [fact_row(f) for f in expected_facts(example_paths)]


def test_cli_facts_of_a_claims_file(tmp_path: Path, example_paths: list[str]) -> None:
    claims = tmp_path / "claims.jsonl"
    assert run("extract", *example_paths, "--published", PUB, "-o", str(claims)).exit_code == 0
    got = jsonl(run("facts", str(claims)).stdout)
    want = [fact_row(f) for f in expected_facts(example_paths)]
    without_dates = lambda rows: [  # noqa: E731  (a claims file carries no publication date)
        {**r, "claims": [{**c, "published": None} for c in r["claims"]]} for r in rows
    ]
    assert got == without_dates(want)
    flat = tmp_path / "claims.csv"
    assert (
        run("extract", *example_paths, "--published", PUB, "--format", "csv", "-o", str(flat)).exit_code == 0
    )
    out = tmp_path / "facts.csv"
    assert run("facts", str(flat), "-o", str(out)).exit_code == 0
    with out.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["concept"], r["period"], r["value"], r["status"]) for r in rows] == [
        (r["concept"], r["period"], r["value"] or "", r["status"]) for r in got
    ]


def test_cli_facts_parquet_html_schema(tmp_path: Path, example_paths: list[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "facts.parquet"
    assert run("facts", *example_paths, "--published", PUB, "-o", str(out)).exit_code == 0
    assert pq.read_table(out).to_pylist() == [flat_fact_row(f) for f in expected_facts(example_paths)]
    page = tmp_path / "facts.html"
    assert run("facts", *example_paths, "--published", PUB, "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "1 in conflict" in html and "<mark>217.9亿元</mark>" in html and "<mark>207.9億元</mark>" in html
    schema = json.loads(run("facts", "--schema").stdout)
    assert {"company", "segment", "concept", "period", "change", "forecast", "status", "values"} <= set(
        schema["properties"]
    )
    assert run("facts").exit_code == 2


# ---------------------------------------------------------------------------- Spark


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    pytest.importorskip("pandas")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("claimkit-facts-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "3")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session


@pytest.mark.spark
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
def test_spark_consolidate_equals_consolidate(spark: Any, example_paths: list[str]) -> None:
    from pyspark.sql.types import StringType, StructField, StructType

    from claimkit.spark import consolidate as spark_consolidate
    from claimkit.spark import extract_claims, fact_schema

    docs = [(Path(p).stem, Path(p).read_text(encoding="utf-8"), PUB) for p in example_paths]
    docs += [(f"copy{i}", "蔚来第三季度营收217.9亿元，交付新车8.7万辆。", PUB) for i in range(3)]
    schema = StructType([StructField(n, StringType()) for n in ("id", "text", "published")])
    df = spark.createDataFrame(docs, schema).repartition(2)
    claims = extract_claims(df, published_col="published").join(df.select("id", "published"), "id")
    out = spark_consolidate(claims, published_col="published")
    assert out.schema == fact_schema()
    got = sorted((row.asDict() for row in out.collect()), key=lambda r: json.dumps(r, sort_keys=True))
    want = [flat_fact_row(f) for f in consolidate(claimkit.extract_many(docs))]
    assert got == sorted(want, key=lambda r: json.dumps(r, sort_keys=True))
    assert any(r["status"] == "conflict" for r in got)


def test_facts_page_python_blocks_run(monkeypatch: Any, capsys: Any) -> None:
    """docs/facts.md's Python blocks run, in order, from the repo root, and print what the page shows."""
    import re

    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root)
    text = (root / "docs" / "facts.md").read_text(encoding="utf-8")
    namespace: dict[str, Any] = {}
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        exec(compile(block, "docs/facts.md", "exec"), namespace)
        shown = [line[2:] for line in block.splitlines() if line.startswith("# ")]
        assert capsys.readouterr().out.splitlines() == shown
