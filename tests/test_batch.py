"""extract_many: input shapes, per-document dates, error results, order, streaming, worker processes."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc

import claimkit
from claimkit import batch
from claimkit.batch import FLAT_COLUMNS, DocumentResult, claim_row, extract_many, flat_row
from claimkit.errors import ClaimkitError, ConfigError

PAGE = (Path(__file__).parent.parent / "examples" / "page.txt").read_text(encoding="utf-8")
RELATIVE = "腾讯今年第一季度营收增长5%。"  # the period needs the publication date


def test_input_shapes_and_default_ids() -> None:
    docs = [
        "腾讯营收增长5%。",
        ("b", "阿里营收增长6%。"),
        ("c", RELATIVE, "2024-03-01"),
        {"id": "d", "text": RELATIVE, "published": "2023-03-01"},
        {"text": "美团营收增长7%。"},
    ]
    results = list(extract_many(docs))
    assert [r.id for r in results] == [0, "b", "c", "d", 4]
    assert all(r.ok and len(r.claims) == 1 for r in results)
    assert [str(r.claims[0].value) for r in results] == ["5", "6", "5", "5", "7"]
    assert [r.claims[0].period for r in results][2:4] == ["2024Q1", "2023Q1"]
    assert results[2].published == "2024-03-01"
    assert results[0].chars == len(docs[0])


def test_results_equal_extract() -> None:
    texts = [PAGE, PAGE.replace("美团", "腾讯"), RELATIVE, ""]
    results = list(extract_many(texts, published="2025-11-28"))
    for text, result in zip(texts, results, strict=True):
        expected = claimkit.extract(text, published="2025-11-28")
        assert result.claims == expected.claims
        assert result.published == expected.published == "2025-11-28"
    assert len(results[0].claims) > 10


def test_per_document_published_wins_over_default() -> None:
    docs = [("a", RELATIVE), ("b", RELATIVE, "2019-06-30"), {"id": "c", "text": RELATIVE, "published": None}]
    periods = [r.claims[0].period for r in extract_many(docs, published="2025-05-16")]
    assert periods == ["2025Q1", "2019Q1", "2025Q1"]
    assert next(iter(extract_many([RELATIVE]))).claims[0].period is None  # no date at all


def test_error_results_keep_the_batch_going() -> None:
    docs = [
        "腾讯营收增长5%。",
        ("int", 42),
        {"id": "none", "text": None},
        {"id": "missing"},
        b"bytes are not a document",
        ("bad-date", RELATIVE, "not a date"),
        3.5,
        "阿里营收增长6%。",
    ]
    results = list(extract_many(docs))
    assert len(results) == len(docs)
    assert [r.id for r in results] == [0, "int", "none", "missing", 4, "bad-date", 6, 7]
    assert [r.ok for r in results] == [True, False, False, False, False, False, False, True]
    assert results[1].error == "text must be str, not int"
    assert results[2].error == "text must be str, not NoneType"
    assert results[3].error == "missing 'text'"
    assert "not bytes" in (results[4].error or "")
    assert "ConfigError" in (results[5].error or "") and "not a date" in (results[5].error or "")
    assert results[5].chars == len(RELATIVE)
    assert "not float" in (results[6].error or "")
    assert results[7].claims[0].company is not None


@Language.component("claimkit_test_boom")
def _boom(doc: Doc) -> Doc:
    if "炸" in doc.text:
        raise RuntimeError("component failed")
    return doc


def test_exception_in_pipeline_becomes_error_result() -> None:
    nlp = claimkit.load()
    nlp.add_pipe("claimkit_test_boom", first=True)
    results = list(extract_many(["腾讯营收增长5%。", "炸", "阿里营收增长6%。"], nlp=nlp))
    assert [r.error for r in results] == [None, "RuntimeError: component failed", None]
    assert results[2].claims[0].company == "Alibaba"


def test_caller_errors_raise_immediately() -> None:
    with pytest.raises(ConfigError):
        extract_many([], published="yesterday")
    with pytest.raises(ConfigError):
        extract_many([], n_process=0)
    with pytest.raises(ConfigError):
        extract_many([], batch_size=0)
    with pytest.raises(ConfigError):
        extract_many([], nlp=claimkit.load(), n_process=2)


def test_ids_are_normalised() -> None:
    results = list(extract_many([(np.int64(7), "x"), (None, "y"), (("t", 1), "z"), (True, "w")]))
    assert [r.id for r in results] == [7, 1, "('t', 1)", "True"]
    assert type(results[0].id) is int


def test_rows() -> None:
    claim = claimkit.extract("腾讯2025年第一季度资本开支274.8亿元，同比增长91%。").claims[0]
    row = claim_row("doc", claim)
    assert next(iter(row)) == "id" and row["value"] == "27480000000"
    assert row["sentence"] == {"start": claim.sentence.start, "end": claim.sentence.end}  # type: ignore[union-attr]
    flat = flat_row("doc", claim)
    assert list(flat) == ["id", *FLAT_COLUMNS]
    assert flat["value"] == "27480000000" and flat["evidence_company_start"] == 0
    assert flat["evidence_speaker_start"] is None and flat["sentence_end"] == claim.sentence.end  # type: ignore[union-attr]
    assert FLAT_COLUMNS["start"] is int and FLAT_COLUMNS["value"] is str and FLAT_COLUMNS["qualifier"] is str
    # every scalar field of Claim is a column; nested spans are flattened
    assert {"text", "value", "low", "high", "speaker", "evidence_company_end"} <= set(FLAT_COLUMNS)
    assert Decimal(flat["value"]) == claim.value


def test_document_result_round_trips_as_json() -> None:
    result = next(iter(extract_many([("a", PAGE)], published="2025-11-28")))
    again = DocumentResult.model_validate_json(result.model_dump_json())
    assert again == result and again.claims[0].value == result.claims[0].value


class _Counter:
    """An input generator that records how many documents were taken from it."""

    def __init__(self, n: int | None, text: str = "腾讯营收增长5%。") -> None:
        self.n, self.text, self.taken = n, text, 0

    def __iter__(self) -> Iterator[tuple[int, str]]:
        for i in itertools.count() if self.n is None else range(self.n):
            self.taken += 1
            yield (i, self.text)


def _rss() -> int:
    """Resident memory of this process in bytes (Linux)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc/self/statm (Linux)")
def test_streams_10000_documents_with_flat_memory() -> None:
    source = _Counter(10_000)
    rss: dict[int, int] = {}
    lag = 0
    for k, result in enumerate(extract_many(source), 1):
        assert result.id == k - 1 and result.ok
        lag = max(lag, source.taken - k)
        if k in (1_000, 10_000):
            rss[k] = _rss()
    assert lag == 0  # in-process: one document in, one result out
    # 9,000 more documents: keeping the results alone would take ~30 MB here
    assert rss[10_000] - rss[1_000] < 10_000_000


def test_parallel_equals_serial_and_keeps_the_date() -> None:
    docs: list[object] = []
    for i in range(60):
        docs.append({"id": f"r{i}", "text": RELATIVE, "published": f"{2001 + i % 20}-05-16"})
        docs.append((f"p{i}", PAGE.replace("美团", ["腾讯", "阿里", "京东"][i % 3])))
    docs[10] = ("bad", 1.5)
    serial = list(extract_many(docs, published="2025-11-28"))
    parallel = list(extract_many(docs, published="2025-11-28", n_process=2, batch_size=7))
    assert parallel == serial
    assert [r.claims[0].period for r in parallel[:6:2]] == ["2001Q1", "2002Q1", "2003Q1"]
    assert parallel[10].error == "text must be str, not float"


def test_parallel_streams_an_endless_input() -> None:
    source = _Counter(None)
    n_process, batch_size = 2, 10
    results = extract_many(source, n_process=n_process, batch_size=batch_size)
    lag = 0
    for k, result in enumerate(itertools.islice(results, 300), 1):
        assert result.id == k - 1
        lag = max(lag, source.taken - k)
    results.close()  # type: ignore[attr-defined]  # shuts the pool down
    assert lag <= 2 * n_process * batch_size


CRASHER = """
import os
from claimkit import batch

def work(chunk, published):
    if any(getattr(task, "text", None) == "CRASH" for task in chunk):
        os._exit(3)
    return batch._work(chunk, published)
"""


def test_a_dying_worker_fails_only_its_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "crasher.py").write_text(textwrap.dedent(CRASHER), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import crasher  # type: ignore[import-not-found]

    def chunks(texts: list[str]) -> Iterator[list[object]]:
        tasks = itertools.starmap(batch._task, enumerate(texts))
        return iter(lambda: list(itertools.islice(tasks, 4)), [])

    texts = ["腾讯营收增长5%。"] * 9 + ["CRASH"] + ["阿里营收增长6%。"] * 9
    results = list(batch._Pool(2, None, None, work=crasher.work).run(chunks(texts)))  # type: ignore[arg-type]
    assert [r.id for r in results] == list(range(len(texts)))
    assert [r.id for r in results if not r.ok] == [9]
    assert results[9].error == "a worker process died on this document"

    pool = batch._Pool(1, None, None, work=crasher.work, max_breaks=1)
    with pytest.raises(ClaimkitError, match="keep dying"):
        list(pool.run(chunks(["CRASH"] * 8)))  # type: ignore[arg-type]
