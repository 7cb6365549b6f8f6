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
import operator
import os
import signal
import sys
import threading
import types
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, create_model

from ._workers import Pool
from .claims.model import Claim
from .errors import ClaimkitError, ConfigError
from .periods.resolve import as_date

DocId = str | int
"""A document id: the caller's (``str`` or ``int``; other values become ``str``) or the running index."""

Published = date | datetime | str | None

__all__ = [
    "FLAT_COLUMNS",
    "Budget",
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


# ---------------------------------------------------------------------------- budget


class Budget(NamedTuple):
    """A per-document limit: at most ``max_chars`` characters, at most ``max_seconds`` of work.

    ``None`` means no limit. A document over the budget becomes an error result
    (``"text too long: ..."``, ``"stopped after ... s: ..."``) and the batch goes on.
    """

    max_chars: int | None = None
    max_seconds: float | None = None

    def check(self) -> Budget:
        """This budget, if its limits are positive; :class:`ConfigError` otherwise."""
        if self.max_chars is not None and (isinstance(self.max_chars, bool) or self.max_chars < 1):
            raise ConfigError(f"max_chars must be a positive int or None, not {self.max_chars!r}")
        if self.max_seconds is not None and not self.max_seconds > 0:
            raise ConfigError(f"max_seconds must be a positive number or None, not {self.max_seconds!r}")
        return self

    def too_long(self, chars: int) -> str | None:
        """The error for a text of ``chars`` characters, or ``None`` if it is within the limit."""
        if self.max_chars is not None and chars > self.max_chars:
            return f"text too long: {chars:,} characters; the limit per document is {self.max_chars:,}"
        return None

    def patience(self, documents: int) -> float | None:
        """How long a worker may take for ``documents`` before it is stopped from outside.

        The time limit itself is enforced inside the worker (``SIGALRM``); this backstop,
        each document's limit plus 30 s, catches work that a signal cannot interrupt
        (a hang in native code).
        """
        return None if self.max_seconds is None else documents * self.max_seconds + 30

    def too_slow(self, chars: int) -> str:
        """The error for a document that ran out of time."""
        return (
            f"stopped after {self.max_seconds:g} s, the time limit per document "
            f"(a text of {chars:,} characters)"
        )


class OverTime(BaseException):
    """Raised inside a document's work when its time is up (a ``BaseException``: nothing may swallow it)."""


_REARM = 0.05  # seconds before the alarm fires again if its exception was swallowed (raised in a finalizer)


def _alarm(_signum: int, _frame: object) -> None:
    # The signal may land in code that cannot propagate it (a finalizer run by the garbage
    # collector reports it as unraisable): fire again shortly until the block is left.
    signal.setitimer(signal.ITIMER_REAL, _REARM)
    raise OverTime


def can_time_limit() -> bool:
    """Whether :func:`time_limit` works here: on a system with ``setitimer``, in the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverTime` in the block after ``seconds`` (``SIGALRM``; main thread only)."""
    if seconds is None:
        yield
        return
    if not can_time_limit():
        raise ConfigError("max_seconds works only in the main thread (or with worker processes)")
    previous = signal.signal(signal.SIGALRM, _alarm)
    hook = sys.unraisablehook

    def quiet(unraisable: Any) -> None:  # an alarm swallowed by a finalizer fires again: no report
        if not isinstance(unraisable.exc_value, OverTime):
            hook(unraisable)

    sys.unraisablehook = quiet
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = hook


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


def _run(task: _Task | DocumentResult, nlp: Any, published: date | None, budget: Budget) -> DocumentResult:
    """Extract one task's claims within the budget; any exception becomes an error result."""
    if isinstance(task, DocumentResult):
        return task
    from .api import extract

    chars = len(task.text)
    if (reason := budget.too_long(chars)) is not None:
        return _failed(task.id, reason, chars)
    pub = task.published if task.published is not None else published
    try:
        with time_limit(budget.max_seconds):
            result = extract(task.text, published=pub, nlp=nlp)
    except OverTime:
        return _failed(task.id, budget.too_slow(chars), chars)
    except Exception as exc:
        return _failed(task.id, f"{type(exc).__name__}: {exc}", chars)
    return DocumentResult(id=task.id, claims=result.claims, chars=result.chars, published=result.published)


def _pipeline(extra_companies: list[dict[str, Any]] | None, metric: str = "rules") -> Any:
    from .api import default_extractor
    from .claims.extractor import Extractor

    if extra_companies or metric != "rules":
        return Extractor(extra_companies=extra_companies, metric=metric)
    return default_extractor()


# ---------------------------------------------------------------------------- workers


class _State(NamedTuple):
    nlp: Any
    published: date | None
    budget: Budget


_WARM_UP = "某某公司2025年第三季度营收约12.5亿元，同比增长5%。"  # one sentence through every stage


def _init_worker(
    extra_companies: list[dict[str, Any]] | None, metric: str, published: date | None, budget: Budget
) -> _State:
    """A worker's pipeline, warmed up: word lists and patterns load here, not in a document's time limit."""
    from .api import extract

    nlp = _pipeline(extra_companies, metric)
    extract(_WARM_UP, nlp=nlp)
    return _State(nlp, published, budget)


def _work(state: _State, chunk: list[_Task | DocumentResult]) -> list[DocumentResult]:
    return [_run(task, state.nlp, state.published, state.budget) for task in chunk]


def _died(task: _Task | DocumentResult, reason: str) -> list[DocumentResult]:
    chars = task.chars if isinstance(task, DocumentResult) else len(task.text)
    return [_failed(task.id, f"a worker process failed on this document ({reason})", chars)]


def _in_pool(pool: Pool[Any, list[DocumentResult]], chunks: Iterator[list[Any]]) -> Iterator[DocumentResult]:
    with pool:  # closing this iterator early (or an exception) stops the workers
        for results in pool.run(chunks):
            yield from results


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
    max_chars: int | None = None,
    max_seconds: float | None = None,
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

    ``max_chars`` and ``max_seconds`` bound the work per document (default: no limit): a
    longer text, or one still running after ``max_seconds``, gives an error result and the
    batch goes on. The time limit uses ``SIGALRM``: in-process it needs the main thread.

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
    budget = Budget(max_chars, max_seconds).check()
    extra = [dict(c) for c in extra_companies] if extra_companies else None
    if nlp is not None and (n_process > 1 or extra or metric != "rules"):
        raise ConfigError("nlp= works only in-process without extra_companies or metric; pass those instead")
    if n_process == 1 and max_seconds is not None and not can_time_limit():
        raise ConfigError("max_seconds in-process works only in the main thread; use n_process > 1")
    tasks = itertools.starmap(_task, enumerate(docs))
    if n_process == 1:
        return _in_process(tasks, nlp if nlp is not None else _pipeline(extra, metric), default, budget)
    chunks = iter(lambda: list(itertools.islice(tasks, batch_size)), [])
    pool: Pool[Any, list[DocumentResult]] = Pool(
        n_process,
        _init_worker,
        (extra, metric, default, budget),
        _work,
        _died,
        patience=lambda chunk: budget.patience(len(chunk)),
    )
    return _in_pool(pool, chunks)


def _in_process(
    tasks: Iterator[_Task | DocumentResult],
    nlp: Any,
    published: date | None,
    budget: Budget,
) -> Iterator[DocumentResult]:
    for task in tasks:
        yield _run(task, nlp, published, budget)
