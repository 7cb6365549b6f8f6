"""The claimkit command line: extract (inputs, formats, errors, exit codes), clean, schema, render."""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import claimkit
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
    drop = lambda rows: [{k: v for k, v in r.items() if k != "metric"} for r in rows]  # noqa: E731
    assert drop(rules) == drop(pkuseg) and rules


def test_progress_line() -> None:
    result = run("extract", str(PAGE_PATH), "--progress", "-o", "-")
    assert "1 documents" in result.stderr and "claims" in result.stderr and "chars/s" in result.stderr
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
