"""The ``claimkit`` command line: ``extract``, ``clean``, ``schema`` and ``render`` (see docs/cli.md).

Exit codes: 0 every record done; 1 some records failed (all reported, all others
written); 2 usage error (nothing was written); 3 internal error; 130 and 143 interrupted
by SIGINT and SIGTERM (what was complete is written); 141 the reader of stdout went away.

``extract`` is one batch :class:`~claimkit._runner.Job` run by :mod:`claimkit._runner`;
another subcommand that turns documents into rows reuses the same option groups
(:func:`input_options`, :func:`output_options`, :func:`run_options`) and
:func:`run_batch`.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import click

from . import _runner
from ._runner import (
    EXIT_INTERNAL,
    EXIT_PIPE,
    EXIT_SIGINT,
    Fields,
    Job,
    Run,
    open_input,
    same_file,
)
from ._version import __version__
from .batch import FLAT_COLUMNS, Budget, ClaimRow, claim_row, flat_row
from .errors import ClaimkitError

F = TypeVar("F", bound=Callable[..., Any])

CLI_MAX_CHARS = 1_000_000
"""The CLI's default per-document limit in characters (a long article has ~20,000)."""
CLI_MAX_SECONDS = 60.0
"""The CLI's default per-document time limit (a long article takes well under a second)."""


# ---------------------------------------------------------------------------- shared options


def _published_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from .periods.resolve import as_date

    try:
        pub = as_date(value)
    except ClaimkitError as exc:
        raise click.BadParameter(str(exc)) from exc
    return pub.isoformat() if pub else None


def _apply(f: F, options: Sequence[Callable[[F], F]]) -> F:
    for option in reversed(options):
        f = option(f)
    return f


def input_options(f: F) -> F:
    """``PATH...``, the input format, the JSONL fields, the default date and the per-document budget."""
    return _apply(
        f,
        [
            click.argument(
                "paths",
                nargs=-1,
                required=True,
                type=click.Path(exists=True, dir_okay=False, allow_dash=True),
            ),
            click.option(
                "--published",
                callback=_published_option,
                metavar="DATE",
                help="Publication date of documents without their own (YYYY-MM-DD); resolves 今年, 去年...",
            ),
            click.option(
                "--input-format",
                type=click.Choice(["auto", "txt", "jsonl"]),
                default="auto",
                show_default=True,
                help="auto: .jsonl/.jsonl.gz/.ndjson are JSON lines; any other file (and stdin) is one "
                "text, unless its first line is a JSON object.",
            ),
            click.option("--id-field", default="id", show_default=True, help="JSONL field with the id."),
            click.option(
                "--text-field", default="text", show_default=True, help="JSONL field with the text."
            ),
            click.option(
                "--published-field",
                default="published",
                show_default=True,
                help="JSONL field with the document's date.",
            ),
            click.option(
                "--max-chars",
                type=click.IntRange(min=0),
                default=CLI_MAX_CHARS,
                show_default=True,
                help="Longer documents are reported as errors, not processed (0: no limit).",
            ),
            click.option(
                "--max-seconds",
                type=click.FloatRange(min=0),
                default=CLI_MAX_SECONDS,
                show_default=True,
                help="A document still running after this long is stopped and reported (0: no limit).",
            ),
        ],
    )


def output_options(f: F) -> F:
    """``--format``, ``--output``, ``--errors``, ``--keep-empty`` and ``--progress``."""
    return _apply(
        f,
        [
            click.option(
                "--format",
                "fmt",
                type=click.Choice(["jsonl", "csv", "parquet", "table"]),
                default=None,
                help="Output format [table on a terminal, jsonl otherwise].",
            ),
            click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=False, allow_dash=True),
                default="-",
                help="Output file [stdout]; written under a temporary name, renamed when done.",
            ),
            click.option(
                "--errors",
                "errors_path",
                type=click.Path(dir_okay=False),
                help="Write failed records here (JSONL: file, line, id, error) [stderr].",
            ),
            click.option(
                "--keep-empty",
                is_flag=True,
                help="Write a row (id, every other column null) for a document without results.",
            ),
            click.option(
                "--progress/--no-progress",
                default=None,
                help="Progress line on stderr [when stderr is a terminal].",
            ),
        ],
    )


def run_options(f: F) -> F:
    """``--jobs`` and ``--batch-size``."""
    return _apply(
        f,
        [
            click.option(
                "-j",
                "--jobs",
                type=int,
                default=1,
                show_default=True,
                help="Worker processes (-1: one per CPU).",
            ),
            click.option(
                "--batch-size",
                type=click.IntRange(min=1),
                default=64,
                show_default=True,
                help="Documents per worker task.",
            ),
        ],
    )


def _check_outputs(inputs: Sequence[str], outputs: dict[str, str | None]) -> None:
    """Usage errors for an output that is an input, or two outputs that are one file."""
    named = [(option, path) for option, path in outputs.items() if path and path != "-"]
    for option, path in named:
        for source in inputs:
            if same_file(path, source):
                raise click.UsageError(f"{option} {path} is an input: refusing to overwrite it")
        if os.path.isdir(path):
            raise click.UsageError(f"{option} {path} is a directory")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise click.UsageError(f"{option} {path}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise click.UsageError(f"{option} {path}: cannot write in {folder}")
    for i, (option, path) in enumerate(named):
        for other, second in named[i + 1 :]:
            if same_file(path, second) or os.path.abspath(path) == os.path.abspath(second):
                raise click.UsageError(f"{option} and {other} are the same file: {path}")


def run_batch(
    job: Job,
    *,
    paths: tuple[str, ...],
    published: str | None,
    input_format: str,
    id_field: str,
    text_field: str,
    published_field: str,
    max_chars: int,
    max_seconds: float,
    fmt: str | None,
    output: str,
    errors_path: str | None,
    keep_empty: bool,
    progress: bool | None,
    jobs: int,
    batch_size: int,
    other_inputs: Sequence[str] = (),
    noun: str = "claims",
) -> None:
    """Check the options of a batch subcommand, run ``job`` over the inputs, exit with the run's status."""
    from .periods.resolve import as_date

    if paths.count("-") > 1:
        raise click.UsageError("stdin (-) can be read only once")
    if jobs == 0 or jobs < -1:
        raise click.BadParameter("must be >= 1 or -1", param_hint="--jobs")
    if fmt is None:
        fmt = "table" if output == "-" and sys.stdout.isatty() else "jsonl"
    if fmt == "table" and output != "-":
        raise click.UsageError("--format table is for the terminal; use jsonl, csv or parquet with --output")
    if fmt == "parquet":
        _require_pyarrow()
        if output == "-":
            raise click.UsageError("--format parquet needs --output FILE")
    _check_outputs([*paths, *other_inputs], {"--output": output, "--errors": errors_path})
    run = Run(
        job,
        paths,
        fmt=fmt,
        output=output,
        errors=errors_path,
        fields=Fields(id_field, text_field, published_field),
        input_format=input_format,
        published=as_date(published),
        budget=Budget(max_chars or None, max_seconds or None),
        jobs=(os.cpu_count() or 1) if jobs == -1 else jobs,
        batch_size=batch_size,
        keep_empty=keep_empty,
        progress=sys.stderr.isatty() if progress is None else progress,
        noun=noun,
    )
    sys.exit(run.execute())


def _require_pyarrow() -> None:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise click.UsageError(
            "--format parquet needs pyarrow, an optional extra: pip install 'claimkit[parquet]'"
        ) from exc


# ---------------------------------------------------------------------------- the claims job


@dataclass(frozen=True)
class _ClaimOptions:
    extra_companies: list[dict[str, Any]] | None
    metric: str


def _load_claims(options: _ClaimOptions) -> Any:
    from .batch import _pipeline

    return _pipeline(options.extra_companies, options.metric)


def _claims(extractor: Any, text: str, published: Any) -> list[Any]:
    return list(extractor(text, published=published).claims)


def _unresolved_period(_extractor: Any, text: str, claims: Sequence[Any]) -> str | None:
    """The first relative period of ``text`` left unresolved for lack of a date, if a claim lacks a period."""
    if not any(c.period is None for c in claims):
        return None
    from .periods import find_periods

    return next((p.text for p in find_periods(text) if p.value is None and p.relative), None)


def _number(value: str | None) -> str:
    if value is None:
        return ""
    number = Decimal(value)
    return f"{number:,}" if abs(number) >= 10_000 else value


def _claim_cells(row: dict[str, Any]) -> list[str]:
    value = _number(row["value"])
    if row["value"] is None and (row["low"] is not None or row["high"] is not None):
        value = f"{_number(row['low'])}–{_number(row['high'])}"
    unit = row["unit"] or ""
    return [row["text"] or "", value, unit, row["period"] or "", row["company"] or "", row["speaker"] or ""]


claims_job = functools.partial(
    Job,
    load=_load_claims,
    extract=_claims,
    json_row=claim_row,
    flat_row=flat_row,
    json_fields=tuple(ClaimRow.model_fields)[1:],
    flat_columns=FLAT_COLUMNS,
    table_headers=("claim", "value", "unit", "period", "company", "speaker"),
    table=_claim_cells,
    unresolved=_unresolved_period,
)
"""``claims_job(options=_ClaimOptions(...))``: the :class:`Job` of ``claimkit extract``."""


# ---------------------------------------------------------------------------- commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimkit")
def cli() -> None:
    """Attributed numeric claims from Chinese financial news."""


@cli.command()
@input_options
@output_options
@run_options
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
def extract(companies_paths: tuple[str, ...], metric: str, **options: Any) -> None:
    """Extract the claims of PATH... (files, or - for stdin): one output row per claim, with the document id.

    A .txt file (or stdin) is one document whose id is its path; a .jsonl or .jsonl.gz
    file holds one JSON object per line. Every record ends up in the output or in the
    errors (--errors FILE, else stderr) with its file, line, id and reason. Exit status:
    0 all done, 1 some records failed, 2 usage error, 3 internal error, 130/143
    interrupted (SIGINT/SIGTERM; what was complete is written).
    """
    from .attribution.lexicon import read_companies

    try:
        companies = [c for path in companies_paths for c in read_companies(path)]
    except ClaimkitError as exc:
        raise click.BadParameter(str(exc), param_hint="--companies") from exc
    job = claims_job(options=_ClaimOptions(companies or None, metric))
    run_batch(job, other_inputs=companies_paths, **options)


def _read_text(file: str) -> str:
    with open_input(file) as stream:
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
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="HTML file [stdout].",
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
def render(file: str, output: str, published: str | None, original: bool, title: str | None) -> None:
    """Write a self-contained HTML review page of FILE: the text with every claim highlighted.

    The page needs a font with Chinese characters to show them (Noto Sans CJK SC or any
    other CJK font; Debian/Ubuntu: apt install fonts-noto-cjk); it says so itself when
    the browser has none.
    """
    from . import extract as extract_text
    from .render import render_html

    _check_outputs([file], {"--output": output})
    text = _read_text(file)
    result = extract_text(text, published=published)
    page = render_html(
        text, result.claims, view="original" if original else "cleaned", title=title or Path(file).name
    )
    _runner.write_bytes(output, page.encode("utf-8"))


from .facts.command import facts as _facts  # noqa: E402  (claimkit facts lives with the facts package)

cli.add_command(_facts)


def main(argv: list[str] | None = None) -> None:
    """Run the command line (``claimkit`` and ``python -m claimkit``), exiting with its status.

    Besides each command's own status: 2 for a usage error, 130 for Ctrl-C, 141 when the
    reader of stdout went away, 3 (with the traceback) for an internal error.
    """
    try:
        status = cli.main(args=argv, prog_name="claimkit", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        status = exc.exit_code
    except click.exceptions.Abort:  # Ctrl-C outside a batch run (a batch run handles its own)
        status = EXIT_SIGINT
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = EXIT_PIPE
    except Exception as exc:
        click.echo(f"claimkit: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo(traceback.format_exc(), err=True)
        status = EXIT_INTERNAL
    sys.exit(status if isinstance(status, int) else 0)
