"""Worker process for :func:`benchmarks._harness.measure`: ``python -m benchmarks._worker JOB.json``.

It imports the target by its ``"module:function"`` path, warms it up on a small slice, times the full
calls and writes a JSON result next to the job. Its stdout is discarded by the harness (some peers print
banners on import), so the result travels through a file only.
"""

from __future__ import annotations

import gc
import json
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from ._harness import PeerUnavailable, load_target, summarize, truncate_lines

_PROC_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")
_MB = 1024 * 1024


def _status_kb(key: str) -> int | None:
    """A ``kB`` field of /proc/self/status (VmRSS, VmHWM), or None off Linux."""
    try:
        match = re.search(rf"^{key}:\s+(\d+)\s+kB", _PROC_STATUS.read_text(), re.MULTILINE)
    except OSError:
        return None
    return int(match.group(1)) if match else None


def _maxrss_bytes() -> int:
    """``ru_maxrss`` in bytes (kB on Linux, bytes on macOS)."""
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value if sys.platform == "darwin" else value * 1024


def _rss_bytes() -> int:
    """The current resident set, falling back to the high-water mark where it cannot be read."""
    kb = _status_kb("VmRSS")
    return kb * 1024 if kb is not None else _maxrss_bytes()


def _reset_peak() -> str:
    """Reset the kernel's peak-RSS mark if possible; return the method the peak will be read by."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return "ru_maxrss"
    return "VmHWM" if _status_kb("VmHWM") is not None else "ru_maxrss"


def _peak_bytes(method: str) -> int:
    """The peak resident set by ``method``."""
    kb = _status_kb("VmHWM") if method == "VmHWM" else None
    return kb * 1024 if kb is not None else _maxrss_bytes()


def _cut_documents(docs: list[dict[str, Any]], max_chars: int) -> list[dict[str, Any]]:
    """The first documents up to ``max_chars`` characters (at least one)."""
    out, size = [], 0
    for doc in docs:
        if out and size + len(doc["text"]) > max_chars:
            break
        out.append(doc)
        size += len(doc["text"])
    return out


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one measurement described by ``job``; always returns a JSON-able result dict."""
    raw = Path(job["text_path"]).read_text(encoding="utf-8")
    text: Any
    if job.get("documents"):
        text = [json.loads(line) for line in raw.splitlines() if line.strip()]
        size = sum(len(d["text"]) for d in text)
    else:
        text, size = raw, len(raw)
    result: dict[str, Any] = {"chars": size}
    try:
        gc.collect()
        rss_before = _rss_bytes()
        started = time.perf_counter()
        fn = load_target(job["target"])
        max_chars = job.get("max_chars") or getattr(fn, "max_chars", None)
        if max_chars and size > max_chars:
            text = (
                _cut_documents(text, int(max_chars))
                if job.get("documents")
                else truncate_lines(text, int(max_chars))
            )
            size = sum(len(d["text"]) for d in text) if job.get("documents") else len(text)
            result.update(chars=size, truncated=True)
        fn(
            _cut_documents(text, job["warmup_chars"])
            if job.get("documents")
            else truncate_lines(text, job["warmup_chars"])
        )
        result["load_seconds"] = time.perf_counter() - started
        gc.collect()
        result["load_rss_mb"] = max(0, _rss_bytes() - rss_before) / _MB

        method = _reset_peak()
        peak_before = _peak_bytes(method)
        runs: list[float] = []
        for _ in range(job["repeat"]):
            gc.collect()
            started = time.perf_counter()
            output = fn(text)
            runs.append(time.perf_counter() - started)
            result["counts"] = summarize(output)
            del output
        result["peak_rss_mb"] = max(0, _peak_bytes(method) - peak_before) / _MB
        result["rss_method"] = method
        result["runs"] = runs
        result["seconds"] = min(runs)
        result["chars_per_sec"] = size / min(runs) if min(runs) > 0 else None

        if job.get("trace_memory"):
            gc.collect()
            tracemalloc.start()
            fn(text)
            result["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / _MB
            tracemalloc.stop()
    except PeerUnavailable as exc:
        result.update(status="unavailable", error=str(exc))
    except Exception as exc:
        result.update(status="failed", error=f"{type(exc).__name__}: {exc}"[:300])
    return result


def main(argv: list[str] | None = None) -> int:
    """Read the job file named on the command line, run it, write its result file."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m benchmarks._worker JOB.json", file=sys.stderr)
        return 2
    job = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    result = run_job(job)
    Path(job["result_path"]).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
