"""Many documents at once: :func:`extract_many` streams one :class:`DocumentResult` per document, in order.

Documents are ``str``, ``(id, text)`` / ``(id, text, published)`` tuples or mappings with
``text`` and optional ``id`` and ``published``. A document that cannot be read or
processed yields a result with ``error`` set; the batch goes on. With ``n_process > 1``
the documents go in chunks to spawned worker processes (each loads the pipeline
once); at most ``2 * n_process`` chunks are in flight, so memory stays flat however
long the input is.

This module also defines the row shapes shared by the CLI and :mod:`claimkit.spark`:
:func:`claim_row` (nested, as JSON) and :func:`flat_row` (one column per scalar,
nested spans flattened to ``sentence_start``, ``evidence_company_end``, ...).
"""

from __future__ import annotations

import itertools
import multiprocessing
import operator
import os
import types
import typing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date, datetime
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, create_model

from .claims.model import Claim
from .errors import ClaimkitError, ConfigError
from .periods.resolve import as_date

DocId = str | int
"""A document id: the caller's (``str`` or ``int``; other values become ``str``) or the running index."""

Published = date | datetime | str | None

__all__ = [
    "FLAT_COLUMNS",
    "ClaimRow",
    "DocId",
    "DocumentResult",
    "claim_row",
    "extract_many",
    "flat_row",
]


class DocumentResult(BaseModel):
    """The outcome for one document: its claims, or the reason it failed.

    ``chars`` is the length of the text (0 when there was no text); ``published`` is
    the ISO date used to resolve relative periods, if any.
    """

    model_config = ConfigDict(frozen=True)

    id: DocId
    claims: list[Claim] = Field(default_factory=list)
    error: str | None = None
    chars: int = 0
    published: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the document was processed (it may still have no claims)."""
        return self.error is None


# ---------------------------------------------------------------------------- rows


def _inner(annotation: Any) -> Any:
    """``X`` of ``X | None``; ``str`` for a ``Literal`` of strings."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = args[0] if len(args) == 1 else str
    if typing.get_origin(annotation) is typing.Literal:
        return str
    return annotation


def _flat_columns(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, type]]:
    for name, field in model.model_fields.items():
        inner = _inner(field.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            yield from _flat_columns(inner, f"{prefix}{name}_")
        else:
            yield f"{prefix}{name}", inner if inner in (int, bool) else str


FLAT_COLUMNS: dict[str, type] = dict(_flat_columns(Claim))
"""The flat claim columns (without ``id``), derived from :class:`Claim`: ``int`` and ``bool`` columns
keep their type, everything else (decimals included, to stay exact) is a string. All are nullable."""

ClaimRow = create_model(  # type: ignore[call-overload]
    "ClaimRow",
    __config__=ConfigDict(frozen=True),
    __doc__="One output row: a claim and the id of the document it comes from.",
    id=(DocId, Field(description="The document id.")),
    **{name: (field.annotation, field) for name, field in Claim.model_fields.items()},
)
"""A :class:`Claim` with the document ``id`` first: the shape of a JSONL output row."""


def claim_row(doc_id: DocId, claim: Claim) -> dict[str, Any]:
    """The JSON row of a claim: ``{"id": doc_id, **claim}`` with decimals as strings."""
    return {"id": doc_id, **claim.model_dump(mode="json")}


def flat_row(doc_id: DocId, claim: Claim) -> dict[str, Any]:
    """The flat row of a claim: ``id`` then :data:`FLAT_COLUMNS` (nested spans become columns)."""
    row: dict[str, Any] = {"id": doc_id, **dict.fromkeys(FLAT_COLUMNS)}

    def fill(data: Mapping[str, Any], prefix: str) -> None:
        for key, value in data.items():
            if isinstance(value, Mapping):
                fill(value, f"{prefix}{key}_")
            elif f"{prefix}{key}" in row:  # a nested model that is None leaves its columns None
                row[f"{prefix}{key}"] = value

    fill(claim.model_dump(mode="json"), "")
    return row


# ---------------------------------------------------------------------------- inputs


class _Task(NamedTuple):
    id: DocId
    text: str
    published: date | None


def _as_id(value: object, index: int) -> DocId:
    if value is None:
        return index
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if hasattr(value, "__index__") and not isinstance(value, bool):  # numpy integers and the like
        return operator.index(value)  # type: ignore[arg-type]
    return str(value)


def _failed(doc_id: DocId, reason: str, chars: int = 0) -> DocumentResult:
    return DocumentResult(id=doc_id, error=reason, chars=chars)


def _task(index: int, item: object) -> _Task | DocumentResult:
    """One input item as a task, or an error result if it is not a document."""
    published: object = None
    doc_id: DocId
    if isinstance(item, str):
        doc_id, text = index, item
    elif isinstance(item, Mapping):
        doc_id = _as_id(item.get("id"), index)
        if "text" not in item:
            return _failed(doc_id, "missing 'text'")
        text, published = item["text"], item.get("published")
    elif isinstance(item, Sequence) and not isinstance(item, bytes | bytearray) and len(item) in (2, 3):
        doc_id, text = _as_id(item[0], index), item[1]
        published = item[2] if len(item) == 3 else None
    else:
        return _failed(index, f"a document must be str, (id, text) or a mapping, not {type(item).__name__}")
    if not isinstance(text, str):
        return _failed(doc_id, f"text must be str, not {type(text).__name__}")
    try:  # parsed here, so that workers get plain dates
        pub = as_date(published)  # type: ignore[arg-type]
    except (ClaimkitError, TypeError) as exc:
        return _failed(doc_id, f"{type(exc).__name__}: {exc}", len(text))
    return _Task(doc_id, text, pub)


def _run(task: _Task | DocumentResult, nlp: Any, published: date | None) -> DocumentResult:
    """Extract one task's claims; any exception becomes an error result."""
    if isinstance(task, DocumentResult):
        return task
    from .api import extract

    try:
        pub = task.published if task.published is not None else published
        result = extract(task.text, published=pub, nlp=nlp)
    except Exception as exc:
        return _failed(task.id, f"{type(exc).__name__}: {exc}", len(task.text))
    return DocumentResult(id=task.id, claims=result.claims, chars=result.chars, published=result.published)


def _pipeline(extra_companies: list[dict[str, Any]] | None, metric: str = "rules") -> Any:
    from .api import default_extractor
    from .claims.extractor import Extractor

    if extra_companies or metric != "rules":
        return Extractor(extra_companies=extra_companies, metric=metric)
    return default_extractor()


# ---------------------------------------------------------------------------- workers

_worker_nlp: Any = None


def _init_worker(extra_companies: list[dict[str, Any]] | None, metric: str = "rules") -> None:
    global _worker_nlp
    _worker_nlp = _pipeline(extra_companies, metric)


def _work(chunk: list[_Task | DocumentResult], published: date | None) -> list[DocumentResult]:
    return [_run(task, _worker_nlp, published) for task in chunk]


class _Pool:
    """Spawned worker processes fed a bounded window of chunks; results come back in input order.

    If a worker dies (a crash in native code, the OOM killer), every document that was in
    flight is run again alone in a fresh pool, so only the document that kills a worker
    fails. More than ``max_breaks`` deaths in a row raise :class:`ClaimkitError`.
    """

    def __init__(
        self,
        n_process: int,
        extra: list[dict[str, Any]] | None,
        published: date | None,
        work: Callable[[list[_Task | DocumentResult], date | None], list[DocumentResult]] = _work,
        max_breaks: int = 5,
        metric: str = "rules",
    ) -> None:
        self.n_process, self.extra, self.published, self.work = n_process, extra, published, work
        self.metric = metric
        self.max_breaks = max_breaks
        self.executor = self._executor()

    def _executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.n_process,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.extra, self.metric),
        )

    def _rebuild(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._executor()

    def _submit(self, chunk: list[_Task | DocumentResult]) -> Future[list[DocumentResult]]:
        try:
            return self.executor.submit(self.work, chunk, self.published)
        except BrokenProcessPool as exc:  # broke before we noticed: fail the same way
            future: Future[list[DocumentResult]] = Future()
            future.set_exception(exc)
            return future

    def run(self, chunks: Iterator[list[_Task | DocumentResult]]) -> Iterator[DocumentResult]:
        pending: deque[tuple[list[_Task | DocumentResult], Future[list[DocumentResult]]]] = deque()
        try:
            while True:
                while len(pending) < 2 * self.n_process and (chunk := next(chunks, None)) is not None:
                    pending.append((chunk, self._submit(chunk)))
                if not pending:
                    return
                chunk, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    suspects = chunk + [task for c, _ in pending for task in c]
                    pending.clear()
                    yield from self._isolate(suspects)
                    continue
                yield from results
        finally:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _isolate(self, tasks: list[_Task | DocumentResult]) -> Iterator[DocumentResult]:
        """After a worker died: run each document that was in flight alone, in order, in a fresh pool."""
        self._rebuild()
        breaks = 0
        for task in tasks:
            try:
                results = self._submit([task]).result()
            except BrokenProcessPool as exc:
                breaks += 1
                if breaks > self.max_breaks:
                    raise ClaimkitError(f"worker processes keep dying: {exc}") from exc
                yield _failed(task.id, "a worker process died on this document", _chars(task))
                self._rebuild()
                continue
            breaks = 0
            yield from results


def _chars(task: _Task | DocumentResult) -> int:
    return task.chars if isinstance(task, DocumentResult) else len(task.text)


# ---------------------------------------------------------------------------- API


def extract_many(
    docs: Iterable[str | tuple[Any, ...] | Mapping[str, Any]],
    *,
    published: Published = None,
    n_process: int = 1,
    batch_size: int = 64,
    extra_companies: Iterable[Mapping[str, object]] | None = None,
    metric: str = "rules",
    nlp: Any = None,
) -> Iterator[DocumentResult]:
    """The claims of many documents, one :class:`DocumentResult` per document, in input order, streaming.

    ``docs`` holds ``str`` (id: the running index), ``(id, text)`` or ``(id, text, published)``
    tuples, or mappings with ``text`` and optional ``id`` and ``published``. A document's
    own ``published`` wins over the ``published`` default. A document that fails yields a
    result with ``error`` set (for a non-``str`` text: ``"text must be str, not int"``).

    ``n_process > 1`` (``-1``: one per CPU) runs ``batch_size`` documents at a time in
    spawned worker processes, each loading the pipeline once; call it under
    ``if __name__ == "__main__":`` in scripts. ``extra_companies`` and ``metric`` are
    passed to :class:`claimkit.Extractor`; ``nlp`` (an ``Extractor`` or spaCy pipeline of
    your own) only works in-process.

    >>> [(r.id, len(r.claims), r.error) for r in extract_many(["腾讯营收增长5%。", ("b", 42)])]
    [(0, 1, None), ('b', 0, 'text must be str, not int')]
    """
    default = as_date(published)  # a bad default is the caller's error: raise now, not per document
    if n_process == -1:
        n_process = os.cpu_count() or 1
    if n_process < 1:
        raise ConfigError(f"n_process must be >= 1 or -1, got {n_process}")
    if batch_size < 1:
        raise ConfigError(f"batch_size must be >= 1, got {batch_size}")
    if metric not in ("rules", "pkuseg"):
        raise ConfigError(f"metric must be 'rules' or 'pkuseg', not {metric!r}")
    extra = [dict(c) for c in extra_companies] if extra_companies else None
    if nlp is not None and (n_process > 1 or extra or metric != "rules"):
        raise ConfigError("nlp= works only in-process without extra_companies or metric; pass those instead")
    tasks = itertools.starmap(_task, enumerate(docs))
    if n_process == 1:
        return _in_process(tasks, nlp if nlp is not None else _pipeline(extra, metric), default)
    chunks = iter(lambda: list(itertools.islice(tasks, batch_size)), [])
    return _Pool(n_process, extra, default, metric=metric).run(chunks)


def _in_process(
    tasks: Iterator[_Task | DocumentResult],
    nlp: Any,
    published: date | None,
) -> Iterator[DocumentResult]:
    for task in tasks:
        yield _run(task, nlp, published)
