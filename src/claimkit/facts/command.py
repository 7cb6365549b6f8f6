"""``claimkit facts``: the facts of documents, or of a claims file written by ``claimkit extract``.

The command is registered on the ``claimkit`` group in :mod:`claimkit.cli`; it reuses the
document readers of ``claimkit extract`` and writes one row per fact (see docs/facts.md).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import IO, Any

import click

from ..errors import ClaimkitError
from .model import Fact
from .rows import FLAT_FACT_COLUMNS, fact_row, flat_fact_row

_CLAIM_KEYS = frozenset(("start", "end", "unit"))


def _format_of(output: str, fmt: str | None) -> str:
    if fmt is not None:
        return fmt
    suffix = output.lower().removesuffix(".gz")
    for name, ending in (("csv", ".csv"), ("parquet", ".parquet"), ("html", ".html")):
        if suffix.endswith(ending):
            return name
    return "jsonl"


def _open_text(path: str) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig")
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig")
    return open(path, encoding="utf-8-sig")


def _is_claims_file(path: str, input_format: str) -> bool:
    """Whether ``path`` holds claim rows (``claimkit extract`` output) rather than documents."""
    if input_format != "auto":
        return input_format == "claims"
    lower = path.lower().removesuffix(".gz")
    if lower.endswith((".csv", ".parquet")):
        return True
    if not lower.endswith((".jsonl", ".ndjson")):
        return False
    with _open_text(path) as stream:
        for line in stream:
            if line.strip():
                try:
                    first = json.loads(line)
                except ValueError:
                    return False
                return isinstance(first, dict) and first.keys() >= _CLAIM_KEYS
    return False


def _claim_rows(path: str) -> Iterator[dict[str, Any]]:
    """The rows of a claims file: JSON lines, CSV (flat rows) or Parquet."""
    lower = path.lower().removesuffix(".gz")
    if lower.endswith(".parquet"):
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise click.UsageError("reading Parquet needs pyarrow: pip install 'claimkit[parquet]'") from exc
        yield from pq.read_table(path).to_pylist()
        return
    with _open_text(path) as stream:
        if lower.endswith(".csv"):
            yield from csv.DictReader(stream)
            return
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise click.FileError(path, f"line {lineno}: invalid JSON: {exc}") from exc
            if not isinstance(row, dict):
                raise click.FileError(path, f"line {lineno}: a row must be a JSON object")
            yield row


@contextmanager
def _utf8_stdout() -> Iterator[IO[str]]:
    """stdout as UTF-8 text whatever the locale; left open (detached) afterwards."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # already a plain text stream (embedded use)
        yield sys.stdout
        return
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()


def _write(facts: list[Fact], output: str, fmt: str, texts: dict[Any, str]) -> None:
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise click.UsageError("--format parquet needs pyarrow: pip install 'claimkit[parquet]'") from exc
        if output == "-":
            raise click.UsageError("--format parquet needs --output FILE")
        arrow = {str: pa.string(), int: pa.int64(), bool: pa.bool_()}
        schema = pa.schema([(name, arrow[kind]) for name, kind in FLAT_FACT_COLUMNS.items()])
        pq.write_table(pa.Table.from_pylist([flat_fact_row(f) for f in facts], schema=schema), output)
        return
    with ExitStack() as stack:
        if output == "-":
            stream = stack.enter_context(_utf8_stdout())
        else:
            stream = stack.enter_context(open(output, "w", encoding="utf-8", newline=""))
        if fmt == "html":
            from .page import render_facts_html

            stream.write(render_facts_html(facts, texts=texts))
        elif fmt == "csv":
            writer = csv.DictWriter(stream, fieldnames=list(FLAT_FACT_COLUMNS), lineterminator="\n")
            writer.writeheader()
            writer.writerows(flat_fact_row(f) for f in facts)
        else:
            for f in facts:
                stream.write(json.dumps(fact_row(f), ensure_ascii=False) + "\n")


@click.command("facts")
@click.argument(
    "paths", nargs=-1, required=False, type=click.Path(exists=True, dir_okay=False, allow_dash=True)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Output file [stdout].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "html"]),
    default=None,
    help="Output format [from the output file's extension, else jsonl]; html: the conflicts page.",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "txt", "jsonl", "claims"]),
    default="auto",
    show_default=True,
    help="auto: .csv/.parquet and .jsonl files of claim rows are claims files (claimkit extract output), "
    "other .jsonl files hold documents, anything else is one text document.",
)
@click.option("--published", metavar="DATE", help="Default publication date of the documents (YYYY-MM-DD).")
@click.option("--id-field", default="id", show_default=True, help="JSONL field with the document id.")
@click.option("--text-field", default="text", show_default=True, help="JSONL field with the text.")
@click.option("--published-field", default="published", show_default=True, help="JSONL field with the date.")
@click.option("--schema", "show_schema", is_flag=True, help="Print the JSON Schema of a fact row and exit.")
def facts(
    paths: tuple[str, ...],
    output: str,
    fmt: str | None,
    input_format: str,
    published: str | None,
    id_field: str,
    text_field: str,
    published_field: str,
    show_schema: bool,
) -> None:
    """The facts of PATH... (documents, or claims files written by claimkit extract): one row per fact.

    Claims that share company, segment, concept, period, change, forecast and unit are one
    fact; its status is single, agreed or conflict (values that cannot both be true).
    Exit status: 0 done, 1 some documents failed (all others used), 2 usage error.
    """
    from .. import extract_many
    from .._runner import Fields, read_documents
    from ..periods.resolve import as_date
    from .consolidate import consolidate

    if show_schema:
        click.echo(json.dumps(Fact.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))
        return
    if not paths:
        raise click.UsageError(
            "give at least one PATH (a document, a JSONL file of documents or a claims file)"
        )
    if paths.count("-") > 1:
        raise click.UsageError("stdin (-) can be read only once")
    try:
        pub = as_date(published)
    except ClaimkitError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    fmt = _format_of(output, fmt)
    failed = 0

    def on_error(doc_id: Any, reason: str) -> None:
        nonlocal failed
        failed += 1
        click.echo(f"claimkit: {doc_id}: {reason}", err=True)

    items: list[Any] = []
    texts: dict[Any, str] = {}
    documents: list[str] = []
    for path in paths:
        if path != "-" and _is_claims_file(path, input_format):
            items.extend(_claim_rows(path))
        else:
            documents.append(path)
    if documents:
        doc_format = input_format if input_format in ("txt", "jsonl") else "auto"
        docs = list(
            read_documents(
                documents,
                input_format=doc_format,
                fields=Fields(id_field, text_field, published_field),
                published=pub,
                on_error=on_error,
            )
        )
        for result, doc in zip(extract_many(docs, published=pub), docs, strict=True):
            if result.error is not None:
                on_error(result.id, result.error)
                continue
            if fmt == "html":
                texts[result.id] = doc["text"]
            items.append(result)
    try:
        found = consolidate(items)
    except ClaimkitError as exc:
        raise click.UsageError(str(exc)) from exc
    _write(found, output, fmt, texts)
    if failed:
        click.echo(f"claimkit: {failed} document(s) failed", err=True)
        sys.exit(1)
