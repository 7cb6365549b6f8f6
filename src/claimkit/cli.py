"""The ``claimkit`` command line: ``extract``, ``clean``, ``schema`` and ``render`` (see docs/cli.md).

Exit codes: 0 all documents done; 1 some documents failed (all others written);
2 usage errors (bad option, missing file, missing optional dependency).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
import time
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any

import click

from ._version import __version__
from .batch import FLAT_COLUMNS, ClaimRow, DocumentResult, claim_row, extract_many, flat_row
from .errors import ClaimkitError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PIPE = 0, 1, 2, 141  # 141: 128 + SIGPIPE, as a shell reports it
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")

OnError = Callable[[Any, str], None]


# ---------------------------------------------------------------------------- reading


def _published_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from .periods.resolve import as_date

    try:
        pub = as_date(value)
    except ClaimkitError as exc:
        raise click.BadParameter(str(exc)) from exc
    return pub.isoformat() if pub else None


def _field(obj: dict[str, Any], name: str) -> Any:
    """``obj[name]``, or a dotted path (``meta.date``) into nested objects; ``None`` if absent."""
    if name in obj:
        return obj[name]
    value: Any = obj
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


@contextmanager
def _open_binary(path: str) -> Iterator[IO[bytes]]:
    """The bytes of ``path`` (gunzipped if it ends in .gz); ``-`` is stdin, left open."""
    if path == "-":
        yield typing.cast(IO[bytes], getattr(sys.stdin, "buffer", sys.stdin))
        return
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as stream:
        yield stream  # type: ignore[misc]


def _is_jsonl(path: str, input_format: str) -> bool:
    if input_format != "auto":
        return input_format == "jsonl"
    return path.lower().endswith(_JSONL_SUFFIXES)


def _read_documents(
    paths: Iterable[str],
    *,
    input_format: str,
    id_field: str,
    text_field: str,
    published_field: str,
    on_error: OnError,
) -> Iterator[dict[str, Any]]:
    """The documents of ``paths`` as mappings for :func:`extract_many`; unreadable ones go to ``on_error``."""
    for path in paths:
        name = "<stdin>" if path == "-" else path
        with _open_binary(path) as stream:
            if not _is_jsonl(path, input_format):
                try:
                    yield {"id": name, "text": stream.read().decode("utf-8-sig")}
                except UnicodeDecodeError as exc:
                    on_error(name, f"not UTF-8: {exc}")
                continue
            for lineno, raw in enumerate(stream, 1):
                line_id = f"{name}:{lineno}"
                try:
                    obj = json.loads(raw.decode("utf-8-sig"))
                except (UnicodeDecodeError, ValueError) as exc:
                    if raw.strip():
                        on_error(line_id, f"invalid JSON line: {exc}")
                    continue
                if not isinstance(obj, dict):
                    on_error(line_id, f"a JSON line must be an object, not {type(obj).__name__}")
                    continue
                doc_id = _field(obj, id_field)
                text = _field(obj, text_field)
                if text is None:
                    on_error(line_id if doc_id is None else doc_id, f"no {text_field!r} field")
                    continue
                doc_id = line_id if doc_id is None else doc_id
                yield {"id": doc_id, "text": text, "published": _field(obj, published_field)}


# ---------------------------------------------------------------------------- writing


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


class _JsonlWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, result: DocumentResult) -> None:
        for claim in result.claims:
            self.stream.write(json.dumps(claim_row(result.id, claim), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.stream.flush()


class _CsvWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=["id", *FLAT_COLUMNS], lineterminator="\n")
        self.writer.writeheader()

    def write(self, result: DocumentResult) -> None:
        self.writer.writerows(flat_row(result.id, claim) for claim in result.claims)

    def close(self) -> None:
        self.stream.flush()


class _ParquetWriter:
    """Flat rows, ``id`` as a string, written in row groups of ``rows_per_group``."""

    def __init__(self, path: str, rows_per_group: int = 10_000) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        arrow_type = {int: pa.int64(), str: pa.string(), bool: pa.bool_()}
        self.schema = pa.schema(
            [("id", pa.string()), *((name, arrow_type[kind]) for name, kind in FLAT_COLUMNS.items())]
        )
        self.writer = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict[str, Any]] = []
        self.rows_per_group = rows_per_group

    def write(self, result: DocumentResult) -> None:
        self.rows.extend(flat_row(str(result.id), claim) for claim in result.claims)
        if len(self.rows) >= self.rows_per_group:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


def _require_pyarrow() -> None:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise click.UsageError(
            "--format parquet needs pyarrow, an optional extra: pip install 'claimkit[parquet]'"
        ) from exc


class _Progress:
    """A one-line progress report on stderr (documents, claims, failures, chars/s), redrawn at most 5 times/s."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.docs = self.claims = self.failed = self.chars = 0
        self.start = self.last = time.monotonic()

    def update(self, result: DocumentResult) -> None:
        self.docs += 1
        self.claims += len(result.claims)
        self.failed += result.error is not None
        self.chars += result.chars
        now = time.monotonic()
        if self.enabled and now - self.last >= 0.2:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.chars / max(now - self.start, 1e-9)
        line = (
            f"\r{self.docs:,} documents  {self.claims:,} claims  {self.failed:,} failed  {rate:,.0f} chars/s"
        )
        click.echo(line, err=True, nl=False)

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            click.echo(err=True)


# ---------------------------------------------------------------------------- commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimkit")
def cli() -> None:
    """Attributed numeric claims from Chinese financial news."""


@cli.command()
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True)
)
@click.option(
    "--published", callback=_published_option, metavar="DATE", help="Default publication date (YYYY-MM-DD)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Output file [stdout].",
)
@click.option(
    "--errors", "errors_path", type=click.Path(dir_okay=False), help="Write failed documents here (JSONL)."
)
@click.option(
    "-j", "--jobs", type=int, default=1, show_default=True, help="Worker processes (-1: one per CPU)."
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Documents per worker task.",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "txt", "jsonl"]),
    default="auto",
    show_default=True,
    help="auto: .jsonl/.jsonl.gz/.ndjson are JSON lines, anything else (and stdin) one text document.",
)
@click.option("--id-field", default="id", show_default=True, help="JSONL field with the document id.")
@click.option("--text-field", default="text", show_default=True, help="JSONL field with the text.")
@click.option("--published-field", default="published", show_default=True, help="JSONL field with the date.")
@click.option(
    "--companies",
    "companies_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra companies: a file like companies.tsv, or .json/.jsonl mappings (repeatable).",
)
@click.option(
    "--metric",
    type=click.Choice(["rules", "pkuseg"]),
    default="rules",
    show_default=True,
    help="How metric phrases are cut (pkuseg: claimkit's own segmenter, slower).",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress line on stderr [when stderr is a terminal]."
)
def extract(
    paths: tuple[str, ...],
    published: str | None,
    fmt: str,
    output: str,
    errors_path: str | None,
    jobs: int,
    batch_size: int,
    input_format: str,
    id_field: str,
    text_field: str,
    published_field: str,
    companies_paths: tuple[str, ...],
    metric: str,
    progress: bool | None,
) -> None:
    """Extract the claims of PATH... (files, or - for stdin): one output row per claim, with the document id.

    A .txt file (or stdin) is one document whose id is its path; a .jsonl or .jsonl.gz
    file holds one JSON object per line. Exit status: 0 all documents done, 1 some
    failed (all others written), 2 usage error.
    """
    if paths.count("-") > 1:
        raise click.UsageError("stdin (-) can be read only once")
    if jobs == 0 or jobs < -1:
        raise click.BadParameter("must be >= 1 or -1", param_hint="--jobs")
    if fmt == "parquet":
        _require_pyarrow()
        if output == "-":
            raise click.UsageError("--format parquet needs --output FILE")
    from .attribution.lexicon import read_companies

    try:
        companies = [c for path in companies_paths for c in read_companies(path)]
    except ClaimkitError as exc:
        raise click.BadParameter(str(exc), param_hint="--companies") from exc
    failed = 0
    with ExitStack() as stack:
        if errors_path:
            errors_out: IO[str] | None = stack.enter_context(open(errors_path, "w", encoding="utf-8"))
        else:
            errors_out = None

        def on_error(doc_id: Any, reason: str) -> None:
            nonlocal failed
            failed += 1
            if errors_out is not None:
                errors_out.write(json.dumps({"id": doc_id, "error": reason}, ensure_ascii=False) + "\n")
            else:
                click.echo(f"claimkit: {doc_id}: {reason}", err=True)

        if fmt == "parquet":
            writer: Any = _ParquetWriter(output)
        else:
            if output == "-":
                stream = stack.enter_context(_utf8_stdout())
            else:
                stream = stack.enter_context(open(output, "w", encoding="utf-8", newline=""))
            writer = _JsonlWriter(stream) if fmt == "jsonl" else _CsvWriter(stream)
        if progress is None:
            progress = sys.stderr.isatty()
        bar = _Progress(progress)
        docs = _read_documents(
            paths,
            input_format=input_format,
            id_field=id_field,
            text_field=text_field,
            published_field=published_field,
            on_error=on_error,
        )
        try:
            results = extract_many(
                docs,
                published=published,
                n_process=jobs,
                batch_size=batch_size,
                extra_companies=companies or None,
                metric=metric,
            )
            for result in results:
                if result.error is not None:
                    on_error(result.id, result.error)
                writer.write(result)
                bar.update(result)
        except BrokenPipeError:  # the reader went away (| head): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_PIPE)
        finally:
            writer.close()
            bar.close()
    if failed:
        where = f" (see {errors_path})" if errors_path else ""
        click.echo(f"claimkit: {failed} document(s) failed{where}", err=True)
        sys.exit(EXIT_FAILED)


def _read_text(file: str) -> str:
    with _open_binary(file) as stream:
        try:
            return stream.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise click.FileError(file, f"not UTF-8: {exc}") from exc


def _preview(text: str, width: int = 24) -> str:
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the cleaned text, glosses and regions as JSON.")
def clean(file: str, as_json: bool) -> None:
    """Show the cleaned text of FILE, the pinyin glosses removed and the regions marked.

    Offsets are into FILE's text as read (input) and into the cleaned text (clean).
    Marked regions (repeat, boilerplate, title) stay in the text but are skipped by
    extraction; on a terminal they are shown dimmed.
    """
    from .cleaning import clean as clean_text

    text = _read_text(file)
    cleaned = clean_text(text)
    if as_json:
        data = {
            "text": cleaned.text,
            "glosses": [g._asdict() for g in cleaned.glosses],
            "regions": [
                {"kind": r.kind, "start": r.start, "end": r.end, "clean_start": r.clean_start,
                 "clean_end": r.clean_end, "repeat_of": r.repeat_of}
                for r in cleaned.regions
            ],
        }  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    pos = 0
    parts = []
    for r in sorted(cleaned.regions, key=lambda r: r.clean_start):
        parts.append(cleaned.text[pos : r.clean_start])
        parts.append(click.style(cleaned.text[r.clean_start : r.clean_end], dim=True))
        pos = max(pos, r.clean_end)
    parts.append(cleaned.text[pos:])
    click.echo(click.style(f"cleaned text ({len(cleaned.text):,} of {len(text):,} characters)", bold=True))
    click.echo("".join(parts))
    click.echo(click.style(f"\nremoved glosses ({len(cleaned.glosses)})", bold=True))
    for g in cleaned.glosses:
        target = text[g.target_start : g.target_end]
        click.echo(
            f"  input {g.start}-{g.end}  {target}{text[g.start : g.end].strip()}  ({' '.join(g.syllables)})"
        )
    click.echo(click.style(f"\nmarked regions ({len(cleaned.regions)})", bold=True))
    for r in cleaned.regions:
        of = f"  repeats input {r.repeat_of[0]}-{r.repeat_of[1]}" if r.repeat_of else ""
        click.echo(
            f"  {r.kind:<11} input {r.start}-{r.end}  clean {r.clean_start}-{r.clean_end}{of}  "
            f"{_preview(text[r.start : r.end])}"
        )


@cli.command()
@click.option("--flat", is_flag=True, help="The flat row of --format csv/parquet instead of the JSONL row.")
def schema(flat: bool) -> None:
    """Print the JSON Schema of one output row (a claim plus the document id)."""
    if flat:
        from pydantic import create_model

        fields: dict[str, Any] = {"id": (str | int, ...)}
        fields.update({name: (kind | None, None) for name, kind in FLAT_COLUMNS.items()})
        model = create_model("FlatClaimRow", **fields)
        data = model.model_json_schema(mode="serialization")
    else:
        data = ClaimRow.model_json_schema(mode="serialization")
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option(
    "-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="HTML file [stdout]."
)
@click.option(
    "--published", callback=_published_option, metavar="DATE", help="Publication date (YYYY-MM-DD)."
)
@click.option(
    "--original",
    is_flag=True,
    help="Show the original text (glosses struck out) instead of the cleaned text.",
)
@click.option("--title", help="Page title [the file name].")
def render(file: str, output: IO[str], published: str | None, original: bool, title: str | None) -> None:
    """Write a self-contained HTML review page of FILE: the text with every claim highlighted."""
    from . import extract as extract_text
    from .render import render_html

    text = _read_text(file)
    result = extract_text(text, published=published)
    page = render_html(
        text, result.claims, view="original" if original else "cleaned", title=title or Path(file).name
    )
    output.write(page)


from .facts.command import facts as _facts  # noqa: E402  (claimkit facts lives with the facts package)

cli.add_command(_facts)


def main(argv: list[str] | None = None) -> None:
    """Run the command line (``claimkit`` and ``python -m claimkit``)."""
    cli.main(args=argv, prog_name="claimkit")
