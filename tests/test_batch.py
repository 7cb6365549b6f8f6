"""extract_many: input shapes, per-document dates, error results, order, streaming, worker processes."""

from __future__ import annotations

import itertools
import multiprocessing
import re
import signal
import textwrap
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc

import claimkit
from claimkit import batch
from claimkit._workers import Pool
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
import signal
import time
from claimkit import batch

def work(state, chunk):
    texts = [getattr(task, "text", None) for task in chunk]
    if "CRASH" in texts:
        os._exit(3)
    if "KILL" in texts:
        os.kill(os.getpid(), signal.SIGKILL)
    if "HANG" in texts:  # as native code would: no signal handler runs
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGTERM})
        time.sleep(3600)
    if "RAISE" in texts:
        raise MemoryError("no room")
    return batch._work(state, chunk)

def init_fails(*args):
    raise RuntimeError("no pipeline here")

def init_dies(*args):
    os._exit(7)
"""


def _pool(work: object, n: int = 2, **kwargs: object) -> Pool:
    return Pool(n, batch._init_worker, (None, "rules", None, batch.Budget()), work, batch._died, **kwargs)  # type: ignore[arg-type]


def _chunks(texts: list[str], size: int = 4) -> Iterator[list[object]]:
    tasks = itertools.starmap(batch._task, enumerate(texts))
    return iter(lambda: list(itertools.islice(tasks, size)), [])


@pytest.fixture
def crasher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    (tmp_path / "crasher.py").write_text(textwrap.dedent(CRASHER), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import crasher  # type: ignore[import-not-found]

    return crasher


def test_a_failing_worker_fails_only_its_document(crasher: Any) -> None:
    texts = ["腾讯营收增长5%。"] * 9 + ["CRASH", "RAISE"] + ["阿里营收增长6%。"] * 5 + ["KILL", "HANG"] * 2
    texts += ["京东营收增长3%。"] * 3
    with _pool(crasher.work, patience=lambda chunk: 2.0 * len(chunk)) as pool:
        results = [r for chunk in pool.run(_chunks(texts)) for r in chunk]
    assert [r.id for r in results] == list(range(len(texts)))
    errors = {r.id: r.error for r in results if not r.ok}
    prefix = "a worker process failed on this document"
    assert errors == {
        9: f"{prefix} (exit code 3)",
        10: f"{prefix} (it raised MemoryError: no room)",
        16: f"{prefix} (killed by SIGKILL, maybe out of memory)",
        17: f"{prefix} (no answer within 2 s: stopped)",
        18: f"{prefix} (killed by SIGKILL, maybe out of memory)",
        19: f"{prefix} (no answer within 2 s: stopped)",
    }
    assert results[-1].claims[0].company == "JD.com"


def test_many_bad_documents_in_a_row_do_not_stop_the_run(crasher: Any) -> None:
    with _pool(crasher.work, 1, max_breaks=1) as pool:
        results = [r for chunk in pool.run(_chunks(["CRASH"] * 8 + ["腾讯营收增长5%。"])) for r in chunk]
    assert [r.ok for r in results] == [False] * 8 + [True]


def test_workers_that_cannot_start_raise(crasher: Any) -> None:
    failing = Pool(1, crasher.init_fails, (), crasher.work, batch._died)
    with pytest.raises(ClaimkitError, match=r"could not start(.|\n)*no pipeline here"), failing:
        list(failing.run(_chunks(["x"])))
    assert failing.workers == []  # stopped and reaped
    dying = Pool(1, crasher.init_dies, (), crasher.work, batch._died, max_breaks=2)
    with pytest.raises(ClaimkitError, match=r"die before they are ready \(exit code 7\)"), dying:
        list(dying.run(_chunks(["x"])))


def test_closing_the_results_early_stops_the_workers() -> None:
    results = extract_many(["腾讯营收增长5%。"] * 100, n_process=2, batch_size=5)
    assert next(iter(results)).ok
    assert len(multiprocessing.active_children()) == 2
    results.close()  # type: ignore[attr-defined]
    assert multiprocessing.active_children() == []  # stopped and reaped


# ---------------------------------------------------------------------------- budget

DENSE = "".join(f"蓝亭茶饮第{i % 4 + 1}季度营收{i}.{i % 9}亿元，同比增长{i % 90}%，" for i in range(30_000))
"""A claim-dense run of figures without a sentence end (our own writing): far slower than 0.3 s."""


def test_max_chars_reports_long_documents() -> None:
    docs = ["腾讯营收增长5%。", "京东营收增长3%。" * 20, ("c", "阿里营收增长6%。")]
    results = list(extract_many(docs, max_chars=50))
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error == "text too long: 180 characters; the limit per document is 50"
    assert results[1].chars == 180 and results[1].claims == []


@pytest.mark.parametrize("n_process", [1, 2])
def test_max_seconds_stops_a_slow_document_and_goes_on(n_process: int) -> None:
    docs = [("fast", "腾讯营收增长5%。"), ("slow", DENSE), ("after", "阿里营收增长6%。")]
    start = time.monotonic()
    results = list(extract_many(docs, max_seconds=0.3, n_process=n_process, batch_size=1))
    assert time.monotonic() - start < 20  # not the minutes the slow document would take
    assert [r.id for r in results] == ["fast", "slow", "after"]
    assert (
        results[1].error
        == f"stopped after 0.3 s, the time limit per document (a text of {len(DENSE):,} characters)"
    )
    assert results[0].ok and results[2].claims[0].company == "Alibaba"
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)  # the handler is put back


def test_budget_errors_are_the_callers() -> None:
    for bad in ({"max_chars": 0}, {"max_chars": -5}, {"max_seconds": 0}, {"max_seconds": -1.0}):
        with pytest.raises(ConfigError):
            extract_many([], **bad)  # type: ignore[arg-type]
    errors: list[BaseException] = []

    def in_a_thread() -> None:
        try:
            extract_many([], max_seconds=1)
        except ConfigError as exc:
            errors.append(exc)

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert errors and "main thread" in str(errors[0])


# ---------------------------------------------------------------------------- lone surrogates


@pytest.mark.parametrize("via", ["extract", "spacy", "extract_many"])
def test_lone_surrogates_become_replacement_characters(via: str) -> None:
    text = "蓝亭茶饮\ud800营收\udc00增长5%，门店数达\ud83d3000家。"
    if via == "extract_many":
        claims = next(iter(extract_many([text]))).claims
    else:
        claims = claimkit.extract(text, nlp=claimkit.load() if via == "spacy" else None).claims
    assert claims
    for claim in claims:
        for value in claim.model_dump(mode="json").values():
            if isinstance(value, str):
                value.encode("utf-8")  # every string is valid UTF-8
        repaired = re.sub("[\ud800-\udfff]", "\ufffd", text)
        assert claim.text == repaired[claim.start : claim.end]  # offsets still index the input
    assert "\ufffd" in (claims[0].metric or "")


def test_reading_ahead_in_a_thread_keeps_order_and_raises_input_errors() -> None:
    texts = [f"腾讯营收增长{i}%。" for i in range(1, 40)]

    def slow(items: Iterator[list[object]]) -> Iterator[list[object]]:
        for i, chunk in enumerate(items):
            if i % 3 == 0:
                time.sleep(0.05)  # input that arrives in bursts, as from a pipe
            yield chunk

    with _pool(batch._work) as pool:
        results = [r for chunk in pool.run(slow(_chunks(texts, 2)), read_ahead=True) for r in chunk]
    assert [str(r.claims[0].value) for r in results] == [str(i) for i in range(1, 40)]

    def broken() -> Iterator[list[object]]:
        yield from itertools.islice(_chunks(texts, 2), 3)
        raise OSError("the input went away")

    with pytest.raises(OSError, match="went away"), _pool(batch._work) as pool:
        list(pool.run(broken(), read_ahead=True))
