"""The batch engine behind ``claimkit extract``: records in, rows out, nothing lost (see docs/cli.md).

Any subcommand that turns documents into rows runs on it: it describes what it makes
of one document as a :class:`Job` and executes a :class:`Run`. The engine owns the contract:

- Reading (parent): files and stdin become :class:`Record`s (raw bytes with their file
  and line); nothing is parsed in the parent.
- Work (workers, or in-process for one job): decode, parse the JSON line, pick the
  fields, check the budget, extract, serialise the rows. One bad record is one error,
  never a crash.
- Writing (parent): rows in input order to a temporary file renamed into place at the
  end; errors (file, line, id, reason) to ``--errors`` or stderr; the exit status says
  what happened (:data:`EXIT_OK` ... :data:`EXIT_SIGTERM`).
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import os
import signal
import sys
import threading
import time
import traceback
import typing
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any, NamedTuple

import click

from ._text import has_surrogate, without_surrogates
from .batch import Budget, DocId, OverTime, time_limit
from .errors import ClaimkitError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_PIPE, EXIT_SIGINT, EXIT_SIGTERM = 141, 130, 143  # 128 + the signal, as a shell reports it
_SIGNAL_EXIT = {signal.SIGINT: EXIT_SIGINT, signal.SIGTERM: EXIT_SIGTERM}
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_CHUNK_BYTES = 4 << 20  # a chunk of records sent to a worker holds at most this many bytes (or one record)


# ---------------------------------------------------------------------------- text that can be written


writable = without_surrogates  # text for a file or a terminal: each lone surrogate becomes U+FFFD


def json_line(obj: Any) -> str:
    """One JSON line, UTF-8 writable: non-ASCII kept as is, unless a lone surrogate forces ``\\uXXXX`` escapes."""
    line = json.dumps(obj, ensure_ascii=False)
    if has_surrogate(line):
        line = json.dumps(obj)  # escapes every non-ASCII character: valid JSON, exact round trip
    return line + "\n"


# ---------------------------------------------------------------------------- what a subcommand does


@dataclass(frozen=True)
class Job:
    """What a subcommand makes of one document. The callables run in the workers: module-level functions.

    ``load(options)`` builds the per-process state once; ``extract(state, text, published)``
    gives the items of one text; ``json_row``/``flat_row`` turn ``(doc id, item)`` into an
    output row (``json_fields`` and ``flat_columns`` name their keys, for the empty row of
    a document without items); ``table`` renders a flat row as terminal cells under
    ``table_headers``; ``unresolved(state, text, items)`` may name a relative period left
    unresolved for lack of a publication date (the run then warns once).
    """

    load: Callable[[Any], Any]
    extract: Callable[[Any, str, date | None], Sequence[Any]]
    json_row: Callable[[DocId, Any], dict[str, Any]]
    flat_row: Callable[[DocId, Any], dict[str, Any]]
    json_fields: tuple[str, ...]
    flat_columns: Mapping[str, type]
    table_headers: tuple[str, ...]
    table: Callable[[dict[str, Any]], list[str]]
    options: Any = None
    unresolved: Callable[[Any, str, Sequence[Any]], str | None] | None = None


@dataclass(frozen=True)
class Fields:
    """Where a JSON line keeps the id, the text and the publication date (dotted paths reach into objects)."""

    id: str = "id"
    text: str = "text"
    published: str = "published"


@dataclass(frozen=True)
class _Settings:
    """Everything a worker needs besides the records (sent once, when it starts)."""

    job: Job
    sources: tuple[str, ...]
    fields: Fields
    published: date | None
    budget: Budget
    fmt: str
    keep_empty: bool


# ---------------------------------------------------------------------------- reading (parent)

TEXT, JSONL, FAILED = 0, 1, 2


class Record(NamedTuple):
    """One input record: ``source`` indexes the inputs, ``line`` is 1-based (0: a whole-file text)."""

    source: int
    line: int
    kind: int  # TEXT: data is the file's bytes; JSONL: one line's bytes; FAILED: data is the reason
    data: bytes | str


class _Fd:
    """The bytes of a file descriptor through ``os.read``: no buffer lock (see :func:`open_input`)."""

    def __init__(self, fd: int) -> None:
        self.fd, self.buffer, self.scanned, self.eof = fd, bytearray(), 0, False

    def _fill(self) -> bool:
        data = b"" if self.eof else os.read(self.fd, 1 << 16)
        self.eof = not data
        self.buffer.extend(data)
        return bool(data)

    def _take(self, n: int) -> bytes:
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        self.scanned = 0
        return data

    def readline(self, limit: int = -1) -> bytes:
        while True:
            end = self.buffer.find(b"\n", self.scanned)
            if end >= 0:
                return self._take(end + 1 if limit < 0 else min(end + 1, limit))
            self.scanned = len(self.buffer)
            if 0 <= limit <= len(self.buffer) or not self._fill():
                return self._take(len(self.buffer) if limit < 0 else limit)

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self.buffer) < size) and self._fill():
            pass
        return self._take(len(self.buffer) if size < 0 else size)

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line


@contextmanager
def open_input(path: str) -> Iterator[IO[bytes]]:
    """The bytes of ``path`` (gunzipped if it ends in .gz); ``-`` is stdin, left open.

    stdin is read with ``os.read`` rather than through ``sys.stdin.buffer``: a reader thread
    blocked on a pipe must not hold a buffer lock when an interrupted run exits (the
    interpreter aborts on that).
    """
    if path == "-":
        stdin = getattr(sys.stdin, "buffer", sys.stdin)
        try:
            stream: Any = _Fd(stdin.fileno())
        except (AttributeError, OSError, ValueError):  # no descriptor (embedded use, tests)
            stream = stdin
        yield typing.cast(IO[bytes], stream)
        return
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as stream:
        yield stream  # type: ignore[misc]


def source_name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _looks_like_jsonl(first: bytes) -> bool:
    try:
        return isinstance(json.loads(first.decode("utf-8-sig")), dict)
    except ValueError:
        return False


class Reader:
    """The records of the input paths, read lazily; format notes go to ``note``."""

    def __init__(
        self,
        paths: Sequence[str],
        *,
        input_format: str = "auto",
        max_chars: int | None = None,
        note: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.paths, self.input_format, self.note = paths, input_format, note
        # a JSON line escapes a character in at most 6 bytes (\\uXXXX); UTF-8 takes at most 4
        self.line_limit = 6 * max_chars + 65_536 if max_chars else None
        self.text_limit = 4 * max_chars if max_chars else None
        self.max_chars = max_chars
        self.last: tuple[int, int] | None = None  # the last record read: (source, line)

    def __iter__(self) -> Iterator[Record]:
        for index, path in enumerate(self.paths):
            for record in self._records(index, path):
                self.last = (record.source, record.line)
                yield record

    def _records(self, index: int, path: str) -> Iterator[Record]:
        name = source_name(path)
        line = 0  # the last line read
        try:
            with open_input(path) as stream:
                jsonl = self.input_format == "jsonl" or (
                    self.input_format == "auto" and path.lower().endswith(JSONL_SUFFIXES)
                )
                first = b""
                if not jsonl and self.input_format == "auto":
                    first = self._readline(stream)
                    jsonl = bool(first) and _looks_like_jsonl(first)
                    if jsonl:
                        self.note(
                            f"reading {name} as JSON lines (its first line is a JSON object; "
                            "--input-format txt reads it as one text)"
                        )
                    elif first.lstrip()[:1] in (b"{", b"["):
                        self.note(
                            f"{name} starts like JSON but its first line is not a JSON object: read as "
                            "one text document (for JSON lines, one object per line, pass --input-format jsonl)"
                        )
                if not jsonl:
                    yield self._text_record(index, first, stream)
                    return
                lines = itertools.chain([first] if first else [], self._lines(stream))
                for line, data in enumerate(lines, 1):
                    if data is None or data.strip():  # blank lines are not records
                        yield self._line_record(index, line, data)
        except (OSError, EOFError, ValueError, zlib.error) as exc:  # unreadable, a truncated or corrupt .gz
            where = f"after line {line}" if line else "at the start"
            yield Record(index, line + 1 if line else 0, FAILED, f"cannot read {name} {where}: {exc}")

    def _readline(self, stream: IO[bytes]) -> bytes:
        return stream.readline(self.line_limit) if self.line_limit else stream.readline()

    def _lines(self, stream: IO[bytes]) -> Iterator[bytes | None]:
        """The lines of ``stream``; ``None`` for a line over the limit (its bytes are skipped, not kept)."""
        if self.line_limit is None:
            yield from stream
            return
        while data := stream.readline(self.line_limit):
            if len(data) < self.line_limit or data.endswith(b"\n"):
                yield data
                continue
            while (rest := stream.readline(self.line_limit)) and not rest.endswith(b"\n"):
                pass
            yield None

    def _line_record(self, index: int, line: int, data: bytes | None) -> Record:
        if data is None:
            return Record(
                index,
                line,
                FAILED,
                f"line too long: more than {self.line_limit:,} bytes; "
                f"the limit per document is {self.max_chars:,} characters",
            )
        return Record(index, line, JSONL, data)

    def _text_record(self, index: int, first: bytes, stream: IO[bytes]) -> Record:
        if self.text_limit is None:
            return Record(index, 0, TEXT, first + stream.read())
        data = first + stream.read(self.text_limit + 1 - len(first))
        if len(data) > self.text_limit:
            reason = (
                f"text too long: more than {self.text_limit:,} bytes; "
                f"the limit per document is {self.max_chars:,} characters"
            )
            return Record(index, 0, FAILED, reason)
        return Record(index, 0, TEXT, data)


def chunks(records: Iterable[Record], size: int, max_bytes: int = _CHUNK_BYTES) -> Iterator[list[Record]]:
    """Lists of at most ``size`` records and about ``max_bytes`` bytes, each sent as soon as it is full."""
    chunk: list[Record] = []
    held = 0
    for record in records:
        chunk.append(record)
        held += len(record.data)
        if len(chunk) >= size or held >= max_bytes:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


# ---------------------------------------------------------------------------- work (workers)


class Outcome(NamedTuple):
    """What became of one record."""

    source: int
    line: int
    id: DocId | None
    error: str | None
    items: int = 0
    chars: int = 0
    unresolved: str | None = None  # a relative period left unresolved (no publication date)


class ChunkResult(NamedTuple):
    outcomes: list[Outcome]
    payload: Any  # the rows of the chunk, ready for the writer of the output format


class _Worker:
    """A worker's state: the job's own (an extractor), the settings, and whether it already warned."""

    def __init__(self, settings: _Settings) -> None:
        self.settings = settings
        self.state = settings.job.load(settings.job.options)
        self.warned = False


def _json_type(value: object) -> str:
    return {
        type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
        list: "an array", dict: "an object",
    }.get(type(value), type(value).__name__)  # fmt: skip


def _field(obj: dict[str, Any], name: str) -> tuple[bool, Any]:
    """``(present, value)`` of ``obj[name]``, or of a dotted path (``meta.date``) into nested objects."""
    if name in obj:
        return True, obj[name]
    value: Any = obj
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return False, None
        value = value[part]
    return True, value


def _doc_id(value: Any, default: str) -> DocId:
    if value is None:
        return default
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _decode(data: bytes, first: bool) -> str:
    try:
        return data.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        raise _Bad(f"not UTF-8: byte {data[exc.start]:#04x} at offset {exc.start}") from None


class _Bad(Exception):
    """A record that cannot be a document, with the reason."""


def _document(settings: _Settings, record: Record) -> tuple[DocId, str, date | None]:
    """``(id, text, published)`` of a record, or :class:`_Bad` naming what is wrong with it."""
    from .periods.resolve import as_date

    name = settings.sources[record.source]
    if record.kind == TEXT:
        return name, _decode(record.data, True), settings.published  # type: ignore[arg-type]
    default_id = _record_name(settings.sources, record.source, record.line)
    line = _decode(record.data, record.line == 1)  # type: ignore[arg-type]
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise _Bad(f"invalid JSON: {exc}", default_id) from None
    except RecursionError:
        raise _Bad("invalid JSON: nested too deeply", default_id) from None
    if not isinstance(obj, dict):
        raise _Bad(f"a JSON line must be an object, not {_json_type(obj)}", default_id)
    fields = settings.fields
    doc_id = _doc_id(_field(obj, fields.id)[1], default_id)
    present, text = _field(obj, fields.text)
    if not present:
        raise _Bad(f"no {fields.text!r} field", doc_id)
    if text is None:
        raise _Bad(f"{fields.text!r} is null", doc_id)
    if not isinstance(text, str):
        raise _Bad(f"{fields.text!r} must be a string, not {_json_type(text)}", doc_id)
    published = settings.published
    _, value = _field(obj, fields.published)
    if value is not None:
        if not isinstance(value, str):
            raise _Bad(f"{fields.published!r} must be an ISO date string, not {_json_type(value)}", doc_id)
        try:
            published = as_date(value)
        except ClaimkitError as exc:
            raise _Bad(f"bad {fields.published!r}: {exc}", doc_id) from None
    return doc_id, text, published


def read_documents(
    paths: Sequence[str],
    *,
    input_format: str = "auto",
    fields: Fields = Fields(),
    published: date | None = None,
    on_error: Callable[[DocId, str], None],
) -> Iterator[dict[str, Any]]:
    """The documents of ``paths`` as ``{"id", "text", "published"}``, read and checked as
    ``claimkit extract`` reads them (in this process); a record that is no document goes to
    ``on_error(id, reason)``."""
    sources = tuple(source_name(p) for p in paths)
    settings = _Settings(None, sources, fields, published, Budget(), "jsonl", False)  # type: ignore[arg-type]
    for record in Reader(paths, input_format=input_format):
        if record.kind == FAILED:
            on_error(_record_name(sources, record.source, record.line), str(record.data))
            continue
        try:
            doc_id, text, pub = _document(settings, record)
        except _Bad as bad:
            doc_id = bad.args[1] if len(bad.args) > 1 else _record_name(sources, record.source, record.line)
            on_error(doc_id, str(bad.args[0]))
            continue
        yield {"id": doc_id, "text": text, "published": pub}


def _one(worker: _Worker, record: Record) -> tuple[Outcome, Sequence[Any] | None, DocId | None]:
    """The outcome of one record and, if it was processed, its items and id."""
    settings = worker.settings
    default = _record_name(settings.sources, record.source, record.line)
    if record.kind == FAILED:
        return Outcome(record.source, record.line, default, str(record.data)), None, None
    try:
        doc_id, text, published = _document(settings, record)
    except _Bad as exc:
        reason, *rest = exc.args
        return Outcome(record.source, record.line, rest[0] if rest else default, reason), None, None
    except Exception as exc:  # anything else about a record is still that record's error
        reason = f"cannot read the record: {type(exc).__name__}: {exc}"
        return Outcome(record.source, record.line, default, reason), None, None
    chars = len(text)
    budget = settings.budget
    if (reason := budget.too_long(chars)) is not None:
        return Outcome(record.source, record.line, doc_id, reason, 0, chars), None, None
    job = settings.job
    try:
        with time_limit(budget.max_seconds):
            items = job.extract(worker.state, text, published)
    except OverTime:
        return Outcome(record.source, record.line, doc_id, budget.too_slow(chars), 0, chars), None, None
    except Exception as exc:
        reason = f"failed inside claimkit: {type(exc).__name__}: {exc}"
        return Outcome(record.source, record.line, doc_id, reason, 0, chars), None, None
    unresolved = None
    if published is None and job.unresolved is not None and not worker.warned:
        unresolved = job.unresolved(worker.state, text, items)
        worker.warned = unresolved is not None
    return Outcome(record.source, record.line, doc_id, None, len(items), chars, unresolved), items, doc_id


def init_worker(settings: _Settings) -> _Worker:
    return _Worker(settings)


def work(worker: _Worker, chunk: list[Record]) -> ChunkResult:
    """Process a chunk of records: the outcomes, and the rows serialised for the output format."""
    settings = worker.settings
    outcomes: list[Outcome] = []
    docs: list[tuple[DocId, Sequence[Any]]] = []
    for record in chunk:
        outcome, items, doc_id = _one(worker, record)
        outcomes.append(outcome)
        if items is not None and doc_id is not None and (items or settings.keep_empty):
            docs.append((doc_id, items))
    return ChunkResult(outcomes, _serialise(settings, docs))


def died(record: Record, reason: str) -> ChunkResult:
    """The result of a record whose worker process died on it."""
    outcome = Outcome(record.source, record.line, None, f"a worker process failed on this record ({reason})")
    return ChunkResult([outcome], None)


def _flat_rows(settings: _Settings, docs: list[tuple[DocId, Sequence[Any]]]) -> Iterator[dict[str, Any]]:
    job = settings.job
    for doc_id, items in docs:
        if not items:
            yield {"id": doc_id, **dict.fromkeys(job.flat_columns)}
        for item in items:
            yield job.flat_row(doc_id, item)


def _serialise(settings: _Settings, docs: list[tuple[DocId, Sequence[Any]]]) -> Any:
    """The rows of a chunk: UTF-8 bytes (jsonl, csv), an Arrow record batch (parquet) or dicts (table)."""
    job, fmt = settings.job, settings.fmt
    if fmt == "jsonl":
        rows = []
        for doc_id, items in docs:
            if not items:
                rows.append({"id": doc_id, **dict.fromkeys(job.json_fields)})
            rows.extend(job.json_row(doc_id, item) for item in items)
        try:  # one encoding for the chunk; a lone surrogate (in an id) makes its line escape it
            return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")
        except UnicodeEncodeError:
            return "".join(json_line(row) for row in rows).encode("utf-8")
    rows = [
        {k: writable(v) if isinstance(v, str) else v for k, v in row.items()}
        for row in _flat_rows(settings, docs)
    ]
    if fmt == "csv":
        buffer = io.StringIO()
        csv.DictWriter(buffer, fieldnames=["id", *job.flat_columns], lineterminator="\n").writerows(rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == "parquet":
        if not rows:
            return None
        import pyarrow as pa

        for row in rows:
            row["id"] = str(row["id"])
        return pa.RecordBatch.from_pylist(rows, schema=arrow_schema(job.flat_columns))
    return rows  # table


def arrow_schema(columns: Mapping[str, type]) -> Any:
    """The Arrow schema of flat rows: ``id`` as a string, ``int`` columns as int64, the rest strings."""
    import pyarrow as pa

    arrow_type = {int: pa.int64(), str: pa.string(), bool: pa.bool_()}
    return pa.schema([("id", pa.string()), *((name, arrow_type[kind]) for name, kind in columns.items())])


# ---------------------------------------------------------------------------- writing (parent)


def _temporary(path: str) -> str:
    head, tail = os.path.split(os.path.abspath(path))
    return os.path.join(head, f".{tail}.claimkit-{os.getpid()}.tmp")


class _Target:
    """A file written under a temporary name in the same directory and renamed into place by :meth:`commit`."""

    def __init__(self, path: str) -> None:
        self.path, self.temp = path, _temporary(path)
        self.stream: IO[bytes] = open(self.temp, "wb")  # noqa: SIM115 (closed by commit/discard)

    def commit(self) -> None:
        if not self.stream.closed:
            self.stream.close()
        os.replace(self.temp, self.path)

    def discard(self) -> None:
        if not self.stream.closed:
            self.stream.close()
        if os.path.exists(self.temp):
            os.unlink(self.temp)


def write_bytes(path: str, data: bytes) -> None:
    """``data`` to ``path`` (through a temporary file renamed into place) or to stdout for ``-``."""
    if path == "-":
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            stream.write(data)
        sys.stdout.flush()
        return
    target = _Target(path)
    try:
        target.stream.write(data)
        target.commit()
    except BaseException:
        target.discard()
        raise


class _Output:
    """Rows in one format to a file (through :class:`_Target`) or stdout."""

    def __init__(self, path: str, fmt: str, columns: Mapping[str, type], job: Job) -> None:
        self.path, self.fmt, self.job = path, fmt, job
        self.target: _Target | None = None
        self.parquet: Any = None
        self.pending: list[Any] = []
        self.pending_rows = 0
        self.table: _Table | None = None
        if fmt == "table":
            self.table = _Table(job)
            return
        if path == "-":
            sys.stdout.flush()
            buffer = getattr(sys.stdout, "buffer", None)
            self.stream: IO[bytes] = buffer or typing.cast(IO[bytes], _TextSink(sys.stdout))
        else:
            self.target = _Target(path)
            self.stream = self.target.stream
        if fmt == "csv":
            self.stream.write((",".join(["id", *columns]) + "\n").encode("utf-8"))
        elif fmt == "parquet":
            import pyarrow.parquet as pq

            self.schema = arrow_schema(columns)
            self.parquet = pq.ParquetWriter(self.stream, self.schema)

    def write(self, payload: Any) -> None:
        if payload is None:
            return
        if self.table is not None:
            self.table.write(payload)
        elif self.parquet is not None:
            self.pending.append(payload)
            self.pending_rows += payload.num_rows
            if self.pending_rows >= 10_000:
                self._flush_parquet()
        elif payload:
            self.stream.write(payload)

    def _flush_parquet(self) -> None:
        import pyarrow as pa

        if self.pending:
            self.parquet.write_table(pa.Table.from_batches(self.pending, schema=self.schema))
            self.pending, self.pending_rows = [], 0

    def close(self) -> None:
        """Finish the file (a Parquet footer) and rename it into place: a valid file of the rows written."""
        if self.parquet is not None:
            self._flush_parquet()
            self.parquet.close()
        if self.target is not None:
            self.target.commit()
        elif self.table is None:
            self.stream.flush()

    def discard(self) -> None:
        if self.target is not None:
            self.target.discard()


class _TextSink:
    """Bytes onto a text stream that has no buffer (embedded use)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        return self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns (an ellipsis marks a cut) and padded to it."""
    if display_width(text) > width:
        out, used = [], 0
        for ch in text:
            w = display_width(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return text + " " * (width - display_width(text))


class _Table:
    """A readable table on the terminal: a heading per document, one line per row."""

    WIDTHS = (18, 20, 6, 10, 18, 12)

    def __init__(self, job: Job) -> None:
        self.job = job
        self.last_id: object = object()
        click.echo(click.style(self._line(job.table_headers), bold=True))

    def _line(self, cells: Sequence[str]) -> str:
        *first, last = (writable(c) for c in cells)
        widths = self.WIDTHS[: len(first)]
        return "  ".join([*(_fit(c, w) for c, w in zip(first, widths, strict=False)), last]).rstrip()

    def write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            if row["id"] != self.last_id:
                self.last_id = row["id"]
                click.echo(click.style(f"── {writable(str(row['id']))}", dim=True))
            if row.get(next(iter(self.job.flat_columns))) is None:
                click.echo("(no claims)")
                continue
            click.echo(self._line(self.job.table(row)))


class _Errors:
    """Failed records: JSON lines in a file (renamed into place at the end), or lines on stderr."""

    def __init__(self, path: str | None, sources: Sequence[str]) -> None:
        self.sources = sources
        self.target = _Target(path) if path else None
        self.count = 0

    def write(self, outcome: Outcome) -> None:
        self.count += 1
        where = _record_name(self.sources, outcome.source, outcome.line)
        doc_id = where if outcome.id is None else outcome.id
        if self.target is not None:
            line = None if outcome.line == 0 else outcome.line
            entry = {"file": self.sources[outcome.source], "line": line, "id": doc_id, "error": outcome.error}
            self.target.stream.write(json_line(entry).encode("utf-8"))
        else:
            shown = "" if doc_id == where else f" (id {doc_id})"
            click.echo(writable(f"claimkit: {where}{shown}: {outcome.error}"), err=True)

    def close(self) -> None:
        if self.target is not None:
            self.target.commit()

    def discard(self) -> None:
        if self.target is not None:
            self.target.discard()


class Progress:
    """A one-line progress report on stderr (documents, items, failures, chars/s), redrawn at most 5 times/s."""

    def __init__(self, enabled: bool, noun: str = "claims") -> None:
        self.enabled, self.noun = enabled, noun
        self.docs = self.items = self.failed = self.chars = 0
        self.start = self.last = time.monotonic()

    def update(self, outcome: Outcome) -> None:
        self.docs += 1
        self.items += outcome.items
        self.failed += outcome.error is not None
        self.chars += outcome.chars
        now = time.monotonic()
        if self.enabled and now - self.last >= 0.2:
            self.last = now
            self._draw(now)

    def summary(self, sep: str = "  ") -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        docs = f"{self.docs:,} document{'' if self.docs == 1 else 's'}"
        return sep.join(
            [
                docs,
                f"{self.items:,} {self.noun}",
                f"{self.failed:,} failed",
                f"{self.chars / elapsed:,.0f} chars/s",
            ]
        )

    def _draw(self, _now: float) -> None:
        click.echo(f"\r{self.summary()}", err=True, nl=False)

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            click.echo(err=True)


# ---------------------------------------------------------------------------- signals


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: stop, keep what is complete."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _Signals:
    """SIGINT/SIGTERM raise :class:`Interrupted`, except inside :meth:`shielded` (they wait for its end)."""

    def __init__(self) -> None:
        self.received: int | None = None
        self.shield = 0
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> _Signals:
        if threading.current_thread() is threading.main_thread():
            for signum in _SIGNAL_EXIT:
                self.previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *_: object) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum: int, _frame: object) -> None:
        if self.received is None:
            self.received = signum
        if not self.shield:
            raise Interrupted(signum)

    @contextmanager
    def shielded(self) -> Iterator[None]:
        self.shield += 1
        try:
            yield
        finally:
            self.shield -= 1
        if self.received is not None and not self.shield:
            raise Interrupted(self.received)


# ---------------------------------------------------------------------------- the run


@dataclass
class Run:
    """One batch run's inputs and outputs; :meth:`execute` returns the exit status."""

    job: Job
    paths: Sequence[str]
    fmt: str = "jsonl"
    output: str = "-"
    errors: str | None = None
    fields: Fields = field(default_factory=Fields)
    input_format: str = "auto"
    published: date | None = None
    budget: Budget = field(default_factory=Budget)
    jobs: int = 1
    batch_size: int = 64
    keep_empty: bool = False
    progress: bool = False
    noun: str = "claims"
    date_hint: str = "pass --published YYYY-MM-DD, or --published-field FIELD for a date per record"

    def execute(self) -> int:
        sources = tuple(source_name(p) for p in self.paths)
        settings = _Settings(
            self.job, sources, self.fields, self.published, self.budget, self.fmt, self.keep_empty
        )
        reader = Reader(
            self.paths, input_format=self.input_format, max_chars=self.budget.max_chars, note=_note
        )
        bar = Progress(self.progress and self.fmt != "table", self.noun)
        status = EXIT_OK
        unresolved: tuple[str, str] | None = None
        done: Outcome | None = None
        pool: Any = None
        with _Signals() as signals:
            errors = output = None
            try:
                errors = _Errors(self.errors, sources)
                output = _Output(self.output, self.fmt, self.job.flat_columns, self.job)
                batches = chunks(reader, self.batch_size)
                if self.jobs == 1:
                    worker = init_worker(settings)
                    results: Iterator[ChunkResult] = (work(worker, c) for c in batches)
                else:
                    from ._workers import Pool

                    budget = self.budget
                    pool = Pool(
                        self.jobs,
                        init_worker,
                        (settings,),
                        work,
                        died,
                        patience=lambda chunk: budget.patience(len(chunk)),
                    )
                    results = pool.run(batches, read_ahead=True)
                for result in results:
                    with signals.shielded():
                        output.write(result.payload)
                        for outcome in result.outcomes:
                            if outcome.error is not None:
                                errors.write(outcome)
                            if outcome.unresolved and unresolved is None:
                                unresolved = (outcome.unresolved, _where(sources, outcome))
                            bar.update(outcome)
                            done = outcome
                status = EXIT_FAILED if errors.count else EXIT_OK
            except Interrupted as exc:
                status = _SIGNAL_EXIT[signal.Signals(exc.signum)]
            except BrokenPipeError:  # the reader of stdout went away (| head): stop quietly
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                status = EXIT_PIPE
            except Exception as exc:
                status = EXIT_INTERNAL
                _note(f"internal error, the run stopped: {type(exc).__name__}: {exc}", "error")
                click.echo(writable(traceback.format_exc()), err=True)
            finally:
                signals.shield += 1  # from here on a signal is noted, not raised: the files get finished
                if pool is not None:  # stop the workers first (at once, unless all went well)
                    pool.close() if status in (EXIT_OK, EXIT_FAILED) else pool.terminate()
                bar.close()
                status = _close(output, errors, status)
        if status in (EXIT_SIGINT, EXIT_SIGTERM):
            name = "SIGINT" if status == EXIT_SIGINT else "SIGTERM"
            if done is None:
                _note(f"interrupted by {name} before the first record was done", "stopped")
            else:
                _note(
                    f"interrupted by {name}: every record up to {_where(sources, done)} is written; "
                    "the records after it were not processed",
                    "stopped",
                )
        if self.fmt == "table":
            click.echo(bar.summary(" · "))
        if errors is not None and errors.count:
            where = f" (see {self.errors})" if self.errors else ""
            _note(f"{errors.count:,} record(s) failed{where}")
        if unresolved is not None and self.published is None:
            text, where = unresolved
            _note(
                f"relative periods such as {text!r} ({where}) stay unresolved (period: null) "
                f"without a publication date; {self.date_hint}",
                "warning",
            )
        return status


def _close(output: _Output | None, errors: _Errors | None, status: int) -> int:
    """Close the outputs: renamed into place when they could be finished, removed when not."""
    for out in (output, errors):
        if out is None:
            continue
        try:
            out.close()
        except BrokenPipeError:  # stdout's reader went away at the very end
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            status = EXIT_PIPE
        except Exception as exc:
            out.discard()
            _note(f"could not finish an output file: {type(exc).__name__}: {exc}", "error")
            status = EXIT_INTERNAL
    return status


def _record_name(sources: Sequence[str], source: int, line: int) -> str:
    """``FILE:LINE`` of a record, or ``FILE`` for a whole-file text: its id when it has none."""
    return sources[source] if line == 0 else f"{sources[source]}:{line}"


def _where(sources: Sequence[str], outcome: Outcome) -> str:
    return _record_name(sources, outcome.source, outcome.line)


def _note(message: str, kind: str = "") -> None:
    prefix = f"claimkit: {kind}: " if kind else "claimkit: "
    click.echo(writable(prefix + message), err=True)


def same_file(a: str, b: str) -> bool:
    """Whether paths ``a`` and ``b`` name the same file (also through links)."""
    if a == "-" or b == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
