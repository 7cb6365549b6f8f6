"""A small, stdlib-only benchmark harness: throughput and peak memory, one fresh process per measurement.

Every measurement runs in a new interpreter (``python -m benchmarks._worker``) so that one peer's imports,
caches and memory high-water mark never leak into another's numbers. The worker finds the function to
run by a dotted path string, ``"package.module:function"``; :func:`measure` accepts either that string or
a module-level function (whose path it derives). Lambdas and nested functions cannot be found by a fresh
process and are rejected with an error result.

What the worker reports (see :class:`Result`):

* ``seconds``: the best wall time of ``repeat`` calls of ``fn(text)``, after one warm-up call on a small
  slice of the text (the warm-up pays for lazy imports and model loading; it is reported as
  ``load_seconds``/``load_rss_mb`` and kept out of the throughput).
* ``peak_rss_mb``: how far the resident set grew above its level before the timed calls, at its peak.
  On Linux the worker resets the kernel's per-process high-water mark (``/proc/self/clear_refs``) and reads
  ``VmHWM``; ``getrusage().ru_maxrss`` is only the fallback, because a child started with vfork/exec inherits
  the parent's peak in ``ru_maxrss``, which hides any growth smaller than the parent's own footprint.
* ``tracemalloc_peak_mb`` (optional, ``trace_memory=True``): the Python-heap peak of one extra, untimed call.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

__all__ = [
    "PeerUnavailable",
    "Result",
    "format_table",
    "load_target",
    "make_corpus",
    "measure",
    "print_table",
    "summarize",
    "target_of",
    "to_json",
    "truncate_lines",
]

_WORKER_MODULE = f"{__package__}._worker" if __package__ else "_worker"
_STDERR_TAIL = 300


class PeerUnavailable(Exception):
    """A peer library is not installed or cannot run here; the table shows ``reason`` instead of numbers."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, reason)
        self.name = name
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.name} unavailable: {self.reason}"


@dataclass
class Result:
    """One measured configuration. ``error`` is set (and the numbers are None) when it could not run."""

    name: str
    chars: int
    seconds: float | None = None
    chars_per_sec: float | None = None
    peak_rss_mb: float | None = None
    error: str | None = None
    status: str = "ok"  # ok | unavailable | failed | timeout
    target: str = ""
    truncated: bool = False
    load_seconds: float | None = None
    load_rss_mb: float | None = None
    tracemalloc_peak_mb: float | None = None
    rss_method: str = ""
    runs: list[float] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def note(self) -> str:
        """The error, or the peer's counts (results, failures, ...) plus whether the text was cut."""
        if self.error:
            return self.error
        parts = [f"{key}={value:,}" for key, value in self.counts.items()]
        if self.truncated:
            parts.append(f"text cut to {self.chars:,} chars")
        if self.tracemalloc_peak_mb is not None:
            parts.append(f"tracemalloc {self.tracemalloc_peak_mb:.1f} MB")
        return " ".join(parts)


def make_corpus(text: str, min_chars: int) -> str:
    """Repeat ``text`` (as whole lines) until the result has at least ``min_chars`` characters."""
    if not text:
        raise ValueError("cannot build a corpus from empty text")
    unit = text if text.endswith("\n") else text + "\n"
    copies = max(1, -(-min_chars // len(unit)))
    return unit * copies


def truncate_lines(text: str, max_chars: int) -> str:
    """Cut ``text`` to at most ``max_chars`` characters, at a line end when there is one."""
    if len(text) <= max_chars:
        return text
    cut = text.rfind("\n", 0, max_chars)
    return text[: cut + 1] if cut > 0 else text[:max_chars]


def target_of(fn: Callable[[str], object] | str) -> str:
    """The ``"module:qualname"`` path a fresh process can import ``fn`` by."""
    if isinstance(fn, str):
        if ":" not in fn:
            raise ValueError(f"target {fn!r} is not of the form 'module:function'")
        return fn
    module = getattr(fn, "__module__", None)
    qualname = getattr(fn, "__qualname__", None)
    if not module or not qualname or "<" in qualname:
        raise ValueError(f"{fn!r} is not a module-level function; pass 'module:function' instead")
    if module == "__main__":
        spec = getattr(sys.modules["__main__"], "__spec__", None)
        if spec is None or not spec.name:
            raise ValueError(f"{qualname} is in a script: run it with 'python -m' or pass 'module:function'")
        module = spec.name
    return f"{module}:{qualname}"


def load_target(target: str) -> Callable[[str], object]:
    """Import and return the callable named by ``"module:qualname"``."""
    module_name, _, qualname = target.partition(":")
    obj: Any = importlib.import_module(module_name)
    for attr in qualname.split("."):
        obj = getattr(obj, attr)
    if not callable(obj):
        raise TypeError(f"{target} is not callable")
    return obj


def summarize(output: object) -> dict[str, int]:
    """Counts to show in the note: a dict of ints as is, the length of a sized result, else nothing."""
    if isinstance(output, dict) and all(isinstance(v, int) for v in output.values()):
        return {str(k): int(v) for k, v in output.items()}
    if isinstance(output, list | tuple | set | frozenset):
        return {"results": len(output)}
    return {}


def _child_env() -> dict[str, str]:
    """The environment for a worker: this process's import path, so the worker finds the same modules."""
    env = dict(os.environ)
    paths = [p or os.getcwd() for p in sys.path]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


def _tail(path: Path) -> str:
    """The last few hundred characters of a worker's stderr, on one line."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return " ".join(text[-_STDERR_TAIL:].split())


def measure(
    name: str,
    fn: Callable[[Any], object] | str,
    text: str | Sequence[Any],
    *,
    repeat: int = 3,
    max_chars: int | None = None,
    warmup_chars: int = 2_000,
    trace_memory: bool = False,
    timeout: float | None = 3_600.0,
) -> Result:
    """Time ``fn(text)`` (best of ``repeat``) and its peak memory in a fresh worker process.

    ``text`` is one text, or a list of documents (objects with ``text`` and ``published``, such as
    :class:`benchmarks.corpus.Article`): then ``fn`` gets the list, as dicts, and makes one call
    per document; ``chars`` counts all their characters. ``max_chars`` cuts the text (at a line
    end) or the list (whole documents) before measuring; when None, the function's own
    ``max_chars`` attribute applies, if it has one. Failures of any kind come back as a Result
    with ``error`` set, never as an exception.
    """
    documents = not isinstance(text, str)
    size = sum(len(d.text) for d in text) if documents else len(text)  # type: ignore[union-attr]
    try:
        target = target_of(fn)
    except ValueError as exc:
        return Result(name=name, chars=size, error=str(exc), status="failed")
    with tempfile.TemporaryDirectory(prefix="claimkit-bench-") as tmp:
        tmpdir = Path(tmp)
        text_path, job_path = tmpdir / "text.txt", tmpdir / "job.json"
        result_path, stderr_path = tmpdir / "result.json", tmpdir / "stderr.txt"
        if documents:
            with text_path.open("w", encoding="utf-8") as out:
                for doc in text:
                    record = {"text": doc.text, "published": getattr(doc, "published", None)}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            text_path.write_text(text, encoding="utf-8")  # type: ignore[arg-type]
        job = {
            "documents": documents,
            "target": target,
            "text_path": str(text_path),
            "result_path": str(result_path),
            "repeat": max(1, repeat),
            "max_chars": max_chars,
            "warmup_chars": warmup_chars,
            "trace_memory": trace_memory,
        }
        job_path.write_text(json.dumps(job), encoding="utf-8")
        cmd = [sys.executable, "-m", _WORKER_MODULE, str(job_path)]
        with stderr_path.open("wb") as stderr:
            try:
                proc = subprocess.run(
                    cmd,
                    env=_child_env(),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    timeout=timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                return Result(
                    name=name,
                    chars=size,
                    target=target,
                    status="timeout",
                    error=f"timed out after {timeout:.0f} s (worker killed)",
                )
        if not result_path.exists():
            detail = _tail(stderr_path) or "no output"
            return Result(
                name=name,
                chars=size,
                target=target,
                status="failed",
                error=f"worker exited with code {proc.returncode}: {detail}",
            )
        data = json.loads(result_path.read_text(encoding="utf-8"))
    data["name"] = name
    data["target"] = target
    return Result(**data)


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def format_table(results: Iterable[Result], baseline: str) -> str:
    """A plain-text table: name, chars, chars/s, peak MB, load MB, ratio to ``baseline``, note."""
    rows = list(results)
    base = next((r for r in rows if r.name == baseline and r.chars_per_sec), None)
    header = ["name", "chars", "chars/s", "claims/s", "peak MB", "load MB", f"vs {baseline}", "note"]
    table = [header]
    for r in rows:
        ratio = "-"
        if base is not None and base.chars_per_sec and r.chars_per_sec:
            ratio = f"{r.chars_per_sec / base.chars_per_sec:.2f}x"
        found = r.counts.get("claims", r.counts.get("quantities"))
        table.append(
            [
                r.name,
                f"{r.chars:,}",
                _fmt(r.chars_per_sec, ",.0f"),
                _fmt(found / r.seconds if found is not None and r.seconds else None, ",.0f"),
                _fmt(r.peak_rss_mb, ".1f"),
                _fmt(r.load_rss_mb, ".1f"),
                ratio,
                r.note,
            ]
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    right = {1, 2, 3, 4, 5, 6}
    lines = []
    for n, row in enumerate(table):
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row[:-1], widths, strict=True))
        ]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  ----")
    lines.append(
        f"vs {baseline} = row chars/s / {baseline} chars/s (2.00x: twice as fast); claims/s counts claims "
        "(quantities for find_quantities); peak MB = RSS growth during the timed calls; "
        "load MB = RSS added by imports and warm-up"
    )
    return "\n".join(lines)


def print_table(results: Iterable[Result], baseline: str, *, file: IO[str] | None = None) -> None:
    """Print :func:`format_table` to ``file`` (stdout by default)."""
    print(format_table(results, baseline), file=file or sys.stdout)


def to_json(results: Iterable[Result]) -> str:
    """All fields of all results as a JSON list, for machine-readable output."""
    return json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2)
