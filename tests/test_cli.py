"""The claimkit command line: extract (inputs, formats, errors, exit codes), clean, schema, render."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimkit
from claimkit import _runner
from claimkit.batch import FLAT_COLUMNS, claim_row, flat_row
from claimkit.cli import cli

ROOT = Path(__file__).parent.parent
PAGE_PATH = ROOT / "examples" / "page.txt"
PAGE = PAGE_PATH.read_text(encoding="utf-8")
RELATIVE = "腾讯今年第一季度营收增长5%。"


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def expected_rows(doc_id: str, text: str, published: str | None = None) -> list[dict]:
    return [claim_row(doc_id, c) for c in claimkit.extract(text, published=published).claims]


@pytest.fixture
def docs_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": RELATIVE, "published": "2024-06-01"}, ensure_ascii=False),
        json.dumps({"id": 7, "text": "阿里营收增长6%。"}, ensure_ascii=False),
        "",
        json.dumps({"text": RELATIVE}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_readme_command_prints_jsonl() -> None:
    """README's first command, through the installed console script."""
    exe = Path(sys.executable).with_name("claimkit")
    if not exe.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    proc = subprocess.run(
        [str(exe), "extract", "examples/page.txt", "--published", "2025-11-28"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no progress line when stderr is not a terminal
    rows = jsonl(proc.stdout)
    assert rows == expected_rows("examples/page.txt", PAGE, "2025-11-28")
    assert len(rows) > 10 and {r["company"] for r in rows} == {"Meituan"}


def test_python_m_claimkit_is_the_same_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "claimkit", "extract", "-", "--published", "2025-05-16", "--jobs", "2"],
        input=RELATIVE,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert jsonl(proc.stdout) == expected_rows("<stdin>", RELATIVE, "2025-05-16")
    help_text = subprocess.run(
        [sys.executable, "-m", "claimkit", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "Usage: claimkit" in help_text and "extract" in help_text and "render" in help_text


def test_jsonl_input_with_fields_and_default_date(docs_jsonl: Path) -> None:
    result = run("extract", str(docs_jsonl), "--published", "2025-05-16")
    assert result.exit_code == 0, result.output
    rows = jsonl(result.stdout)
    assert [r["id"] for r in rows] == ["a", 7, f"{docs_jsonl}:4"]
    assert [r["period"] for r in rows] == ["2024Q1", None, "2025Q1"]  # own date, -, default date


def test_gzip_and_custom_fields(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    record = {"meta": {"key": "k1", "date": "2022-01-05"}, "body": RELATIVE}
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False) + "\n")
    args = ["--id-field", "meta.key", "--text-field", "body", "--published-field", "meta.date"]
    result = run("extract", str(path), *args)
    assert result.exit_code == 0, result.output
    assert jsonl(result.stdout) == expected_rows("k1", RELATIVE, "2022-01-05")


def test_txt_files_and_stdin_ids(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("阿里营收增长6%。", encoding="utf-8")
    result = run("extract", str(one), "-", input="腾讯营收增长5%。")
    assert result.exit_code == 0
    assert [r["id"] for r in jsonl(result.stdout)] == [str(one), "<stdin>"]
    stdin_jsonl = json.dumps({"id": "s", "text": "京东营收增长3%。"}, ensure_ascii=False)
    result = run("extract", "-", "--input-format", "jsonl", input=stdin_jsonl)
    assert [(r["id"], r["value"]) for r in jsonl(result.stdout)] == [("s", "3")]


def test_failed_records_exit_1_and_the_rest_is_written(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok1", "text": "腾讯营收增长5%。"}, ensure_ascii=False),
                "{not json",
                json.dumps({"id": "num", "text": 12}),
                json.dumps({"id": "notext"}),
                json.dumps(["a list"]),
                json.dumps({"id": "date", "text": RELATIVE, "published": "someday"}, ensure_ascii=False),
                json.dumps({"id": "null", "text": None}),
                "   ",
                json.dumps({"id": "ok2", "text": "阿里营收增长6%。"}, ensure_ascii=False),
            ]
        ),
        encoding="utf-8",
    )
    bad_txt = tmp_path / "latin1.txt"
    bad_txt.write_bytes("营收".encode("gb18030"))
    errors = tmp_path / "errors.jsonl"
    result = run("extract", str(path), str(bad_txt), "--errors", str(errors))
    assert result.exit_code == 1
    assert [r["id"] for r in jsonl(result.stdout)] == ["ok1", "ok2"]
    entries = jsonl(errors.read_text(encoding="utf-8"))
    assert [(e["file"], e["line"], e["id"]) for e in entries] == [
        (str(path), 2, f"{path}:2"),
        (str(path), 3, "num"),
        (str(path), 4, "notext"),
        (str(path), 5, f"{path}:5"),
        (str(path), 6, "date"),
        (str(path), 7, "null"),
        (str(bad_txt), None, str(bad_txt)),
    ]  # the blank line 8 is no record
    reasons = [e["error"] for e in entries]
    assert reasons[0].startswith("invalid JSON: ")
    assert reasons[1:6] == [
        "'text' must be a string, not a number",
        "no 'text' field",
        "a JSON line must be an object, not an array",
        "bad 'published': published must be an ISO date (YYYY-MM-DD), got 'someday'",
        "'text' is null",
    ]
    assert reasons[6] == "not UTF-8: byte 0xca at offset 2"  # 营收 in GB18030: D3 AA (valid UTF-8) CA D5
    assert "7 record(s) failed" in result.stderr

    result = run("extract", str(path))  # without --errors: reasons on stderr, with file and line
    assert result.exit_code == 1
    assert f"{path}:3 (id num): 'text' must be a string, not a number" in result.stderr
    assert f"{path}:7 (id null): 'text' is null" in result.stderr


def test_csv_rows_are_flat(tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = run("extract", str(PAGE_PATH), "--format", "csv", "-o", str(out), "--published", "2025-11-28")
    assert result.exit_code == 0 and result.stdout == ""
    with out.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["id", *FLAT_COLUMNS]
        rows = list(reader)
    claims = claimkit.extract(PAGE, published="2025-11-28").claims
    expected = [flat_row(str(PAGE_PATH), c) for c in claims]
    as_csv = [{k: "" if v is None else str(v) for k, v in row.items()} for row in expected]
    assert rows == as_csv
    assert rows[0]["sentence_start"] == str(claims[0].sentence.start)  # type: ignore[union-attr]


def test_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "claims.parquet"
    result = run(
        "extract", str(PAGE_PATH), "--format", "parquet", "-o", str(out), "--published", "2025-11-28"
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column_names == ["id", *FLAT_COLUMNS]
    assert (
        str(table.schema.field("start").type) == "int64" and str(table.schema.field("value").type) == "string"
    )
    claims = claimkit.extract(PAGE, published="2025-11-28").claims
    assert table.to_pylist() == [flat_row(str(PAGE_PATH), c) for c in claims]


def test_parquet_usage_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("extract", str(PAGE_PATH), "--format", "parquet")
    assert result.exit_code == 2 and "--output" in result.stderr
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the extra were not installed
    result = run("extract", str(PAGE_PATH), "--format", "parquet", "-o", "x.parquet")
    assert result.exit_code == 2 and "pip install 'claimkit[parquet]'" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "missing.txt"], "does not exist"),
        (["extract", str(PAGE_PATH), "--published", "28/11/2025"], "ISO date"),
        (["extract", str(PAGE_PATH), "--jobs", "0"], "--jobs"),
        (["extract", str(PAGE_PATH), "--format", "xml"], "xml"),
        (["extract", "-", "-"], "only once"),
        (["extract"], "Missing argument"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_parallel_output_equals_serial(docs_jsonl: Path) -> None:
    serial = run("extract", str(docs_jsonl), str(PAGE_PATH), "--published", "2025-05-16")
    parallel = run("extract", str(docs_jsonl), str(PAGE_PATH), "--published", "2025-05-16", "-j", "2")
    assert parallel.exit_code == serial.exit_code == 0
    assert parallel.stdout == serial.stdout and serial.stdout.count("\n") > 10


LANTING = "蓝亭茶饮门店数超过3000家，青柠一号销量增长20%。"
LANTING_TSV = "# a company of our own\nLanting Tea\tconsumer\t蓝亭茶饮|蓝亭\tLanting\t\t青柠一号\n"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("companies.tsv", LANTING_TSV),
        (
            "companies.json",
            json.dumps([{"canonical": "Lanting Tea", "names": ["蓝亭茶饮"], "products": ["青柠一号"]}]),
        ),
        (
            "companies.jsonl",
            json.dumps({"canonical": "Lanting Tea", "names": ["蓝亭茶饮"], "products": ["青柠一号"]}),
        ),
    ],
)
def test_companies_file_adds_companies(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / "page.txt").write_text(LANTING, encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = run("extract", str(tmp_path / "page.txt"), "--companies", str(tmp_path / name), "-j", "2")
    assert result.exit_code == 0
    assert [(r["text"], r["company"]) for r in jsonl(result.stdout)] == [
        ("3000家", "Lanting Tea"),
        ("20%", "Lanting Tea"),
    ]
    assert claimkit.read_companies(tmp_path / name)[0]["canonical"] == "Lanting Tea"


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"canonical": "x"}'])
def test_bad_companies_file_is_a_usage_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "c.json").write_text(content, encoding="utf-8")
    result = run("extract", str(PAGE_PATH), "--companies", str(tmp_path / "c.json"))
    assert result.exit_code == 2 and "--companies" in result.stderr


def test_metric_option_changes_only_metrics() -> None:
    rules = jsonl(run("extract", str(PAGE_PATH), "--published", "2025-11-28").stdout)
    pkuseg = jsonl(run("extract", str(PAGE_PATH), "--published", "2025-11-28", "--metric", "pkuseg").stdout)
    read_from_metric = (
        "metric",
        "concept",
        "segment",
        "evidence",
    )  # concept and segment are read from the metric

    def drop(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if k not in read_from_metric} for r in rows]

    assert drop(rules) == drop(pkuseg) and rules


def test_progress_line() -> None:
    result = run("extract", str(PAGE_PATH), "--progress", "-o", "-")
    assert "1 document  " in result.stderr and "claims" in result.stderr and "chars/s" in result.stderr
    assert run("extract", str(PAGE_PATH)).stderr == ""  # stderr is not a terminal: silent


def test_clean_shows_glosses_and_regions() -> None:
    result = run("clean", str(PAGE_PATH))
    assert result.exit_code == 0
    cleaned = claimkit.clean(PAGE)
    assert cleaned.text in result.stdout and "(dào)" not in cleaned.text
    assert f"removed glosses ({len(cleaned.glosses)})" in result.stdout and "了(dào)" in result.stdout
    for kind in ("repeat", "boilerplate", "title"):
        assert f"  {kind} " in result.stdout

    data = json.loads(run("clean", "--json", "-", input=PAGE).stdout)
    assert data["text"] == cleaned.text
    assert [(g["start"], g["end"], g["pinyin"]) for g in data["glosses"]] == [
        (g.start, g.end, g.pinyin) for g in cleaned.glosses
    ]
    assert [(r["kind"], r["start"], r["end"]) for r in data["regions"]] == [
        (r.kind, r.start, r.end) for r in cleaned.regions
    ]


def test_schema() -> None:
    schema = json.loads(run("schema").stdout)
    assert list(schema["properties"]) == ["id", *claimkit.Claim.model_fields]
    assert {"id", "text", "start", "end"} <= set(schema["required"])
    assert {"type": "string"} in schema["properties"]["value"]["anyOf"]  # decimals are strings
    flat = json.loads(run("schema", "--flat").stdout)
    assert list(flat["properties"]) == ["id", *FLAT_COLUMNS]


def test_schema_validates_real_rows() -> None:
    from claimkit.batch import ClaimRow

    for row in expected_rows("p", PAGE, "2025-11-28"):
        assert ClaimRow.model_validate(row).model_dump(mode="json") == row


def test_render_command(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = run("render", str(PAGE_PATH), "-o", str(out), "--published", "2025-11-28")
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    n = len(claimkit.extract(PAGE).claims)
    assert page.count('<mark class="claim"') == n and page.startswith("<!DOCTYPE html>")
    assert "<title>page.txt</title>" in page
    original = run("render", "-", "--original", "--title", "x", input=PAGE).stdout
    assert '<span class="gloss">(dào)</span>' in original and "(dào)" not in page


def test_version() -> None:
    assert claimkit.__version__ in run("--version").stdout


def test_stdout_is_utf8_even_with_another_locale() -> None:
    result = CliRunner(charset="latin-1").invoke(cli, ["extract", "-"], input=RELATIVE.encode("utf-8"))
    assert json.loads(result.stdout_bytes.decode("utf-8"))["metric"] == "营收"


# ---------------------------------------------------------------------------- the batch contract


def _records(path: Path, records: list[object]) -> Path:
    """Write ``records`` as JSON lines (``\\uXXXX`` escapes, so lone surrogates survive); strings as is."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["docs.jsonl", "page.txt"])
def test_writing_onto_an_input_is_refused(tmp_path: Path, name: str) -> None:
    """Issue 11, problem 1: ``-o`` onto the input truncated it and exited 0."""
    source = tmp_path / name
    source.write_text(json.dumps({"id": "a", "text": "腾讯营收增长5%。"}, ensure_ascii=False) + "\n", "utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(source)
    companies = tmp_path / "companies.tsv"
    companies.write_text(LANTING_TSV, encoding="utf-8")
    before = source.read_bytes()
    for args in (
        ["-o", str(source)],
        ["--errors", str(source)],
        ["-o", str(link)],
        ["--format", "csv", "-o", str(source)],
        ["--companies", str(companies), "-o", str(companies)],
    ):
        result = run("extract", str(source), *args)
        assert result.exit_code == 2, args
        assert "is an input: refusing to overwrite it" in result.stderr
        assert source.read_bytes() == before and companies.read_text(encoding="utf-8") == LANTING_TSV
    same = run("extract", str(source), "-o", str(tmp_path / "x"), "--errors", str(tmp_path / "x"))
    assert same.exit_code == 2 and "are the same file" in same.stderr
    render = run("render", str(source), "-o", str(source))
    assert render.exit_code == 2 and source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["companies.tsv", "link.jsonl", name])


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_lone_surrogates_never_crash_a_run(tmp_path: Path, fmt: str) -> None:
    """Issue 11, problem 2: one lone surrogate crashed the run and lost the records after it."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    source = _records(
        tmp_path / "docs.jsonl",
        [
            {"id": "before", "text": "腾讯营收增长5%。"},
            {"id": "in-text", "text": "京东营收\ud800增长3%。"},
            {"id": "in-id-\udc00", "text": "阿里营收增长6%。"},
            {"id": "in-date", "text": "美团营收增长7%。", "published": "2025-\ud800"},
            {"id": "after", "text": "百度营收增长8%。"},
        ],
    )
    out, errors = tmp_path / f"out.{fmt}", tmp_path / "errors.jsonl"
    result = run("extract", str(source), "--format", fmt, "-o", str(out), "--errors", str(errors))
    assert result.exit_code == 1  # one record failed (its date), every other one is written
    if fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8"))))
    else:
        rows = jsonl(out.read_bytes().decode("utf-8"))  # strict UTF-8
    ids = [r["id"] for r in rows]
    surrogate_id = "in-id-" + (chr(0xDC00) if fmt == "jsonl" else "\ufffd")  # JSON keeps it (escaped)
    assert ids == ["before", "in-text", surrogate_id, "after"]
    assert rows[1]["metric"] == "营收\ufffd" and rows[1]["value"] == "3"
    (entry,) = jsonl(errors.read_bytes().decode("utf-8"))
    assert (entry["line"], entry["id"]) == (4, "in-date") and "ISO date" in entry["error"]


def test_an_internal_error_exits_3_and_keeps_what_was_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _records(tmp_path / "docs.jsonl", [{"id": i, "text": "腾讯营收增长5%。"} for i in range(5)])
    written: list[object] = []
    real_write = _runner._Output.write

    def write(self: object, payload: object) -> None:
        if len(written) == 2:
            raise RuntimeError("the disk is on fire")
        written.append(payload)
        real_write(self, payload)  # type: ignore[arg-type]

    monkeypatch.setattr(_runner._Output, "write", write)
    out = tmp_path / "out.jsonl"
    result = run("extract", str(source), "--batch-size", "1", "-o", str(out))
    assert result.exit_code == 3
    assert "internal error" in result.stderr and "the disk is on fire" in result.stderr
    assert [r["id"] for r in jsonl(out.read_text(encoding="utf-8"))] == [0, 1]  # a valid, partial file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs.jsonl", "out.jsonl"]  # no temporary left


def test_budget_options(tmp_path: Path) -> None:
    dense = "".join(
        f"蓝亭茶饮第{i % 4 + 1}季度营收{i}.{i % 9}亿元，同比增长{i % 90}%，" for i in range(30_000)
    )
    source = _records(
        tmp_path / "docs.jsonl",
        [
            {"id": "long", "text": "腾讯营收增长5%。" * 200},
            {"id": "slow", "text": dense},
            "x" * 80_000,  # a line over the byte limit that --max-chars implies (6 x 1000 + 64 KiB)
            {"id": "after", "text": "阿里营收增长6%。"},
        ],
    )
    errors = tmp_path / "errors.jsonl"
    args = ["--max-seconds", "0.3", "--max-chars", "1000", "--errors", str(errors)]
    result = run("extract", str(source), *args)
    assert result.exit_code == 1 and [r["id"] for r in jsonl(result.stdout)] == ["after"]
    reasons = {e["id"]: (e["line"], e["error"]) for e in jsonl(errors.read_text(encoding="utf-8"))}
    assert reasons["long"] == (1, "text too long: 1,800 characters; the limit per document is 1,000")
    assert reasons[f"{source}:3"][0] == 3 and reasons[f"{source}:3"][1].startswith("line too long")
    result = run("extract", str(source), "--max-chars", "0", "--max-seconds", "0.3", "--errors", str(errors))
    reasons = {e["id"]: e["error"] for e in jsonl(errors.read_text(encoding="utf-8"))}
    assert reasons["slow"].startswith("stopped after 0.3 s, the time limit per document")
    assert "long" not in reasons and "x" * 10 not in str(reasons)
    help_text = run("extract", "--help").stdout
    assert "--max-chars" in help_text and "1000000" in help_text and "60.0" in help_text


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_a_damaged_gzip_is_reported_with_the_line_it_reached(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "docs.jsonl.gz"
    lines = "".join(
        json.dumps({"id": i, "text": f"腾讯营收增长{i}%。"}, ensure_ascii=False) + "\n" for i in range(2000)
    )
    data = bytearray(gzip.compress(lines.encode("utf-8")))
    if damage == "truncated":
        del data[len(data) * 2 // 3 :]
    else:
        data[10:12] = b"\xff\xff"  # an invalid deflate block: zlib.error, not an OSError
    path.write_bytes(bytes(data))
    other = _records(tmp_path / "other.jsonl", [{"id": "next", "text": "京东营收增长3%。"}])
    errors = tmp_path / "errors.jsonl"
    result = run("extract", str(path), str(other), "--errors", str(errors))
    assert result.exit_code == 1
    done = [r["id"] for r in jsonl(result.stdout)]
    (entry,) = jsonl(errors.read_text(encoding="utf-8"))
    assert done[:-1] == list(range(len(done) - 1)) and done[-1] == "next"  # the next file is read
    where = f"after line {len(done) - 1}" if done[:-1] else "at the start"
    assert entry["error"].startswith(f"cannot read {path} {where}: ")
    assert entry["line"] == (len(done) if done[:-1] else None)


def test_a_file_that_vanishes_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone.txt"
    gone.write_text("腾讯营收增长5%。", encoding="utf-8")
    real_open = _runner.open_input

    def vanishing(path: str) -> object:
        if path == str(gone):
            gone.unlink()  # between the option check and the read
        return real_open(path)

    monkeypatch.setattr(_runner, "open_input", vanishing)
    errors = tmp_path / "errors.jsonl"
    result = run("extract", str(gone), "-", "--errors", str(errors), input="阿里营收增长6%。")
    assert result.exit_code == 1 and [r["id"] for r in jsonl(result.stdout)] == ["<stdin>"]
    (entry,) = jsonl(errors.read_text(encoding="utf-8"))
    assert entry["file"] == str(gone) and entry["error"].startswith(f"cannot read {gone} at the start")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_keep_empty_writes_a_row_for_documents_without_claims(tmp_path: Path, fmt: str) -> None:
    source = _records(
        tmp_path / "d.jsonl", [{"id": "a", "text": "没有数字。"}, {"id": "b", "text": "腾讯营收增长5%。"}]
    )
    result = run("extract", str(source), "--keep-empty", "--format", fmt)
    rows = jsonl(result.stdout) if fmt == "jsonl" else list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["text"] in (None, "") and rows[1]["text"] == "5%"
    if fmt == "jsonl":
        assert list(rows[0]) == list(rows[1])  # the same keys, claim fields null


# ---------------------------------------------------------------------------- a first run that explains itself


def test_jsonl_on_stdin_is_detected() -> None:
    """Issue 11, problem 4: JSONL piped without --input-format was read as one text."""
    lines = [
        json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False)
        for i, t in enumerate(["京东营收增长3%。", "阿里营收增长6%。"])
    ]
    result = run("extract", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    assert [(r["id"], r["value"]) for r in jsonl(result.stdout)] == [("s0", "3"), ("s1", "6")]
    assert "reading <stdin> as JSON lines" in result.stderr
    as_text = run("extract", "-", "--input-format", "txt", input="\n".join(lines))
    assert {r["id"] for r in jsonl(as_text.stdout)} == {"<stdin>"}
    pretty = run("extract", "-", input='{\n  "text": "京东营收增长3%。"\n}\n')
    assert "pass --input-format jsonl" in pretty.stderr


def test_relative_periods_without_a_date_warn() -> None:
    """Issue 11, problem 4: without --published, relative periods silently became null."""
    result = run("extract", "-", input=RELATIVE)
    assert result.exit_code == 0 and jsonl(result.stdout)[0]["period"] is None
    assert "warning: relative periods such as '今年第一季度' (<stdin>) stay unresolved" in result.stderr
    assert "--published" in result.stderr
    assert "warning" not in run("extract", "-", "--published", "2025-05-16", input=RELATIVE).stderr
    assert "warning" not in run("extract", "-", input="腾讯2024年第一季度营收增长5%。").stderr
    record = json.dumps({"text": RELATIVE, "published": "2024-06-01"}, ensure_ascii=False)
    assert "warning" not in run("extract", "-", "--input-format", "jsonl", input=record).stderr


def test_a_terminal_gets_a_table_and_a_summary() -> None:
    """Issue 11, problem 6: the first command printed 400-character JSON lines and no summary."""
    pty = pytest.importorskip("pty")
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimkit", "extract", str(PAGE_PATH), "--published", "2025-11-28"],
        stdout=child,
        stderr=child,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "120"},
    )
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    os.close(main)
    screen = re.sub(r"\x1b\[[0-9;]*m", "", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    lines = screen.splitlines()
    claims = claimkit.extract(PAGE, published="2025-11-28").claims
    assert lines[0].split() == ["claim", "value", "unit", "period", "company", "speaker"]
    assert f"── {PAGE_PATH}" in lines[1]
    assert not any(line.lstrip().startswith("{") for line in lines)
    assert sum("Meituan" in line for line in lines) == len(claims)
    assert max(_runner.display_width(line) for line in lines) < 120
    assert lines[-1] == f"1 document · {len(claims)} claims · 0 failed · " + lines[-1].split(" · ")[-1]


# ---------------------------------------------------------------------------- signals


def _session_alive(sid: int) -> list[str]:
    """The command lines of processes still running in session ``sid`` (the run, its workers)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            alive.append(cmdline)
    return alive


def _none_left(sid: int) -> list[str]:
    """Like :func:`_session_alive`, after giving multiprocessing's resource tracker (it exits once
    the run has) a few seconds."""
    deadline = time.monotonic() + 10
    while (alive := _session_alive(sid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def _interrupt(tmp_path: Path, jobs: int, signum: int, fmt: str) -> tuple[int, str, list[dict]]:
    """Run ``claimkit extract`` on stdin, stop it with ``signum`` once 100 records are done."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"out.{fmt}"
    cmd = [sys.executable, "-m", "claimkit", "extract", "-", "--input-format", "jsonl", "-j", str(jobs)]
    cmd += ["--format", fmt, "-o", str(out), "--errors", str(tmp_path / "errors.jsonl"), "--progress"]
    cmd += ["--batch-size", "10"]
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, start_new_session=True
    )
    assert proc.stdin is not None and proc.stderr is not None
    texts = ["腾讯营收增长5%。", "阿里第三季度净利润为100亿元。", "京东营收增长3%，毛利率为15.8%。"]
    stderr = bytearray()

    def read() -> None:
        while data := proc.stderr.read1(4096):  # type: ignore[union-attr]
            stderr.extend(data)

    reader = threading.Thread(target=read)
    reader.start()
    deadline, sent = time.monotonic() + 120, 0
    while time.monotonic() < deadline:  # a slow producer: 20 records every 50 ms, the input stays open
        done = re.findall(rb"([\d,]+) documents", bytes(stderr))
        if done and int(done[-1].replace(b",", b"")) >= 100:
            break
        for i in range(sent, sent + 20):
            proc.stdin.write(json.dumps({"id": i, "text": texts[i % 3]}, ensure_ascii=False).encode() + b"\n")
        proc.stdin.flush()
        sent += 20
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail(f"no progress: {bytes(stderr)!r}")
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)  # Ctrl-C: the whole foreground group, workers included
    else:
        proc.send_signal(signum)  # kill PID: the run alone
    status = proc.wait(timeout=60)
    reader.join(timeout=10)
    proc.stdin.close()
    assert _none_left(proc.pid) == []  # no worker left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["errors.jsonl", out.name])  # no temporary
    if fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()  # a valid file, footer and all
    else:
        rows = jsonl(out.read_text(encoding="utf-8"))
    return status, stderr.decode("utf-8", "replace"), rows


@pytest.mark.parametrize(
    ("jobs", "signum", "fmt", "code"),
    [
        (2, signal.SIGTERM, "parquet", 143),
        (2, signal.SIGINT, "jsonl", 130),
        (1, signal.SIGTERM, "jsonl", 143),
    ],
)
def test_signals_stop_the_run_and_keep_what_is_complete(
    tmp_path: Path, jobs: int, signum: int, fmt: str, code: int
) -> None:
    """Issue 11, problem 3: Ctrl-C exited 1, kill left a Parquet file without footer, semaphores leaked."""
    status, stderr, rows = _interrupt(tmp_path, jobs, signum, fmt)
    assert status == code
    ids = list(dict.fromkeys(r["id"] for r in rows))
    assert len(ids) >= 100 and ids == [str(i) if fmt == "parquet" else i for i in range(len(ids))]
    name = signal.Signals(signum).name
    assert f"interrupted by {name}: every record up to <stdin>:{len(ids)} is written" in stderr
    assert "Traceback" not in stderr and "leaked" not in stderr and "resource_tracker" not in stderr


# ---------------------------------------------------------------------------- the contract, on random batches

SENTENCES = [
    "蓝亭茶饮今年第一季度营收为12.5亿元，同比增长18%。",
    "据公司公告，北辰物流去年净利润下降3.2%，毛利率为21.4%。",
    "青柠一号上月销量突破40万杯，环比提升6个百分点。",
    "星河电子表示，第三季度出货量约为3000万台。",
    "没有任何数字的一句话。",
    "",
]
MAX_CHARS = 3000  # the test's --max-chars: "huge" texts are longer


@st.composite
def batch_lines(draw: st.DrawFn) -> tuple[list[bytes], list[tuple[str, object]]]:
    """Random JSONL lines and what must become of each: ``("ok", (id, text, published))`` or ``("error", (id, reason))``.

    ``id`` is ``None`` where the run must name the record by ``FILE:LINE``.
    """
    lines: list[bytes] = []
    expected: list[tuple[str, object]] = []
    for index in range(draw(st.integers(0, 14))):
        kind = draw(
            st.sampled_from(
                ["good", "good", "good", "surrogate", "empty", "huge", "broken", "not-object", "wrong-type",
                 "missing", "null", "bad-date", "not-utf8", "long-line", "blank", "deep"]
            )
        )  # fmt: skip
        id_kind = draw(st.sampled_from(["str", "int", "missing", "surrogate"]))
        doc_id: object = {"str": f"r{index}", "int": index, "missing": None, "surrogate": f"r{index}\udfff"}[
            id_kind
        ]
        record: dict[str, object] = {} if doc_id is None else {"id": doc_id}
        if kind in ("good", "surrogate", "empty", "huge"):
            text = "".join(draw(st.lists(st.sampled_from(SENTENCES), max_size=4)))
            text += draw(st.text(max_size=20))
            if kind == "surrogate":
                at = draw(st.integers(0, len(text)))
                text = text[:at] + draw(st.sampled_from(["\ud800", "\udc00", "\udbff\udbff"])) + text[at:]
            elif kind == "empty":
                text = ""
            elif kind == "huge":
                text = (text or "营收") * (MAX_CHARS // max(len(text), 1) + 1)
            published = draw(st.sampled_from([None, "2024-05-16", "2019-12-31"]))
            record.update({"text": text, "published": published})
            ascii_only = kind == "surrogate" or id_kind == "surrogate" or draw(st.booleans())
            lines.append(json.dumps(record, ensure_ascii=ascii_only).encode("utf-8"))
            if kind == "huge":
                expected.append(("error", (doc_id, "text too long")))
            else:
                expected.append(("ok", (doc_id, text, published)))
            continue
        if kind == "blank":
            lines.append(draw(st.sampled_from([b"", b"  ", b"\t"])))
            continue
        line, reason = {
            "broken": (draw(st.sampled_from([b'{"id": 1, "text": ', b"{not json", b"nul", b'"open'])), "invalid JSON"),
            "not-object": (json.dumps(draw(st.sampled_from([[1], 3, "text", None]))).encode(), "must be an object"),
            "wrong-type": (json.dumps({**record, "text": draw(st.sampled_from([1, 2.5, [], {}, True]))}).encode(), "must be a string"),
            "missing": (json.dumps(record).encode(), "no 'text' field"),
            "null": (json.dumps({**record, "text": None}).encode(), "'text' is null"),
            "bad-date": (json.dumps({**record, "text": "腾讯营收增长5%。", "published": "soon"}).encode(), "bad 'published'"),
            "not-utf8": (b'{"text": "\xff\xfe"}', "not UTF-8"),
            "long-line": (b"x" * (6 * MAX_CHARS + 70_000), "line too long"),
            "deep": (b"[" * 20_000 + b"]" * 20_000, "invalid JSON: nested too deeply"),
        }[kind]  # fmt: skip
        named = kind in ("wrong-type", "missing", "null", "bad-date")
        lines.append(line)
        expected.append(("error", (doc_id if named else None, reason)))
    return lines, expected


def _expected_rows(doc_id: object, text: str, published: str | None) -> list[dict]:
    claims = claimkit.extract(text, published=published).claims
    if not claims:
        return [{"id": doc_id, **dict.fromkeys(claimkit.Claim.model_fields)}]
    return [claim_row(doc_id, c) for c in claims]  # type: ignore[arg-type]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=batch_lines())
def test_every_record_is_in_the_output_or_the_errors(
    tmp_path_factory: pytest.TempPathFactory, batch: tuple
) -> None:
    lines, expected = batch
    folder = tmp_path_factory.mktemp("contract")
    source = folder / "batch.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    numbered = [n for n, line in enumerate(lines, 1) if line.strip()]
    assert len(numbered) == len(expected)
    runs = []
    for jobs in ("1", "2"):
        out, errors = folder / f"out{jobs}.jsonl", folder / f"errors{jobs}.jsonl"
        args = ["extract", str(source), "-o", str(out), "--errors", str(errors), "--keep-empty"]
        result = run(*args, "--max-chars", str(MAX_CHARS), "--jobs", jobs, "--batch-size", "3")
        runs.append((result.exit_code, out.read_bytes(), errors.read_bytes()))
    assert runs[0] == runs[1]  # --jobs 2 gives the same bytes as --jobs 1
    status, output, error_lines = runs[0]
    want_rows: list[dict] = []
    want_errors: list[tuple[int, object, str]] = []
    for line, (fate, detail) in zip(numbered, expected, strict=True):
        default_id = f"{source}:{line}"
        if fate == "ok":
            doc_id, text, published = detail  # type: ignore[misc]
            want_rows += _expected_rows(default_id if doc_id is None else doc_id, text, published)
        else:
            doc_id, reason = detail  # type: ignore[misc]
            want_errors.append((line, default_id if doc_id is None else doc_id, reason))
    rows = jsonl(output.decode("utf-8"))  # strict UTF-8 throughout
    assert rows == want_rows
    got = jsonl(error_lines.decode("utf-8"))
    assert [(e["file"], e["line"], e["id"]) for e in got] == [(str(source), n, i) for n, i, _ in want_errors]
    for entry, (_, _, reason) in zip(got, want_errors, strict=True):
        assert reason in entry["error"]
    assert status == (1 if want_errors else 0)


def test_docs_list_every_exit_status() -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    table = page[page.index("### Exit status") : page.index("### Adding a subcommand")]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)}
    codes = {value for name, value in vars(_runner).items() if name.startswith("EXIT_")}
    assert documented == codes == {0, 1, 2, 3, 130, 141, 143}
    assert "### The batch contract: nothing lost" in page
