"""claimkit.spark: extract_claims in local[2] mode equals extract_many row for row; the schema; lazy imports."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import claimkit
from claimkit.batch import FLAT_COLUMNS, extract_many, flat_row

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

PAGE = (Path(__file__).parent.parent / "examples" / "page.txt").read_text(encoding="utf-8")
COMPANIES = ["腾讯", "阿里巴巴", "美团", "京东", "百度", "小米", "拼多多", "网易"]
PERIODS = ["今年第一季度", "去年", "2024年上半年", "第三季度", "2023财年", "上个月"]
METRICS = ["营收", "净利润", "资本开支", "毛利率", "研发投入"]
AMOUNTS = ["{n}亿元", "约{n}亿元", "超过{n}万元", "{n}%", "{n}个百分点", "近{n}亿美元"]
VERBS = ["同比增长{p}%", "环比下降{p}%", "较上年同期提升{p}个百分点", "翻番", ""]


def corpus(n: int = 300, seed: int = 7) -> list[tuple[int, str | None, date | None]]:
    """``n`` documents: template sentences and recombined sentences of the example page, some with a date."""
    rng = random.Random(seed)
    sentences = [s for s in re.split(r"(?<=[。！？])|\n", PAGE) if s.strip()]
    docs: list[tuple[int, str | None, date | None]] = []
    for i in range(n):
        if i % 3 == 0:
            company = rng.choice(COMPANIES)
            text = "".join(rng.sample(sentences, k=rng.randint(1, 4))).replace("美团", company)
        else:
            parts = []
            for _ in range(rng.randint(1, 3)):
                amount = rng.choice(AMOUNTS).format(n=round(rng.uniform(1, 2000), rng.choice([0, 1, 2])))
                verb = rng.choice(VERBS).format(p=rng.randint(1, 90))
                parts.append(
                    f"{rng.choice(COMPANIES)}{rng.choice(PERIODS)}{rng.choice(METRICS)}为{amount}"
                    f"{'，' + verb if verb else ''}。"
                )
            text = "".join(parts)
        published = date(rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)) if i % 4 else None
        docs.append((i, text, published))
    docs[5] = (5, None, None)  # a failing document
    docs[6] = (6, "", date(2025, 1, 1))  # no claims
    docs[7] = (7, "美团营收增长7%。" * 600, None)  # over the budget of the test (MAX_CHARS)
    return docs


MAX_CHARS = 4000


def expected_rows(docs: list[tuple[int, str | None, date | None]], published: str | None) -> list[dict]:
    rows: list[dict[str, Any]] = []
    for result in extract_many(docs, published=published, max_chars=MAX_CHARS, max_seconds=60):
        if result.error is not None:
            rows.append({"id": result.id, **dict.fromkeys(FLAT_COLUMNS), "error": result.error})
        rows.extend({**flat_row(result.id, c), "error": None} for c in result.claims)
    return rows


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark")
    pytest.importorskip("pandas")
    from pyspark.sql import SparkSession

    os.environ.setdefault(
        "PYSPARK_PYTHON", sys.executable
    )  # executors run this interpreter (and its claimkit)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("claimkit-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_extract_claims_equals_extract_many(spark: Any) -> None:
    from pyspark.sql.types import DateType, LongType, StringType, StructField, StructType

    from claimkit.spark import claim_schema, extract_claims

    docs = corpus()
    schema = StructType(
        [
            StructField("doc_id", LongType()),
            StructField("body", StringType()),
            StructField("date", DateType()),
        ]
    )
    df = spark.createDataFrame(docs, schema).repartition(2)
    out = extract_claims(
        df,
        text_col="body",
        id_col="doc_id",
        published_col="date",
        published="2025-11-28",
        max_chars=MAX_CHARS,
        max_seconds=60,  # arms SIGALRM in Spark's Python workers: that must work there
    )
    assert out.schema == claim_schema(LongType())
    got = [row.asDict() for row in out.collect()]
    expected = expected_rows(docs, "2025-11-28")

    def key(r: dict) -> tuple:
        return (r["id"], r["start"] if r["start"] is not None else -1)

    assert sorted(got, key=key) == sorted(expected, key=key)
    assert len(expected) > 500
    assert [r["error"] for r in sorted(got, key=key) if r["error"]] == [
        "text must be str, not NoneType",
        "text too long: 5,400 characters; the limit per document is 4,000",
    ]
    periods = {r["period"] for r in got if r["period"]}
    assert {"2019", "2024H1"} & periods  # relative periods resolved against each document's date


def test_claim_schema_is_derived_from_the_model() -> None:
    pytest.importorskip("pyspark")
    from pyspark.sql.types import LongType, StringType

    from claimkit.spark import claim_schema

    schema = claim_schema()
    assert schema.names == ["id", *FLAT_COLUMNS, "error"]
    assert schema["id"].dataType == StringType()
    assert schema["value"].dataType == StringType()  # decimals stay exact, as strings
    assert schema["start"].dataType == LongType() and schema["evidence_speaker_end"].dataType == LongType()
    assert all(field.nullable for field in schema.fields)


def test_pipeline_is_loaded_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    from claimkit import spark
    from claimkit.claims import extractor

    calls = []
    real = extractor.Extractor.__init__

    def counting_init(self: Any, **kwargs: Any) -> None:
        calls.append(kwargs)
        real(self, **kwargs)

    monkeypatch.setattr(extractor.Extractor, "__init__", counting_init)
    monkeypatch.setattr(spark, "_pipelines", {})
    extra = [{"canonical": "Foo Corp", "names": ["福欧"]}]
    batches = [
        pd.DataFrame({"id": ["a"], "text": ["福欧今年营收增长5%。"], "d": [pd.Timestamp("2024-02-03")]}),
        pd.DataFrame({"id": ["b", "c"], "text": ["福欧营收增长6%。", "x"], "d": [pd.NaT, None]}),
    ]
    for _ in range(2):
        frames = list(spark._rows_of(iter(batches), "text", "id", "d", "2020-01-01", extra))
        assert [list(f["id"]) for f in frames] == [["a"], ["b"]]
        assert frames[0]["company"][0] == "Foo Corp" and frames[0]["period"][0] == "2024"
    assert len(calls) == 1


def test_budget_is_checked_on_the_driver() -> None:
    pytest.importorskip("pyspark")
    from claimkit.errors import ConfigError
    from claimkit.spark import extract_claims

    with pytest.raises(ConfigError, match="max_chars"):
        extract_claims(None, max_chars=0)  # type: ignore[arg-type]  # before touching the frame


def test_import_claimkit_does_not_import_spark_or_pandas() -> None:
    code = "import sys, claimkit, claimkit.spark; print(sorted(m for m in ('pyspark', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert callable(claimkit.extract_many)
