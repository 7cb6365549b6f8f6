"""Every benchmark in one run: ``python -m benchmarks.run`` (``--quick`` for a one-minute pass).

Rows (each in a fresh process, see ``benchmarks/_harness.py``), on the gold seed page:

* cleaning: ``strip_glosses``, ``clean``;
* quantities: ``find_quantities`` and the peers (jionlp ``extract_money`` whole/per line, cn2an,
  Recognizers-Text per line);
* extract: ``extract`` on the seed repeated (what the issues specify; claimkit skips the
  repeats) and on a *varied* corpus where no copy repeats another; the same stages through
  the spaCy pipeline (``claimkit.load()``) on the varied corpus; the per-line peers;
* batch: ``extract_many`` with 1 and 2 processes on a corpus of separate articles;
* CLI end to end: ``claimkit extract corpus.jsonl --jobs N`` on a generated JSONL corpus
  (100 MB, 4 MB with ``--quick``), wall time, the largest process's peak RSS (``VmHWM``, read
  from ``/proc`` while it runs: ``ru_maxrss`` would carry the benchmark parent's own peak into
  the child) and the peak of all its processes together.

Peers need the ``bench`` extra (``pip install -e '.[bench]'``); without it their rows say so.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ._harness import Result, make_corpus, measure, print_table
from .targets import SEED, news_corpus, varied_corpus

PEERS = (
    "jionlp_money_whole",
    "jionlp_money_lines",
    "cn2an_transform",
    "recognizers_lines",
    "jionlp_money_time_lines",
)


def _t(name: str) -> str:
    return f"benchmarks.targets:{name}"


def cli_end_to_end(seed: str, megabytes: int, jobs: int, tmp: Path) -> Result:
    """Wall-clock chars/s and peak RSS of the CLI over a generated JSONL corpus."""
    corpus = tmp / f"corpus-{megabytes}mb.jsonl"
    if not corpus.exists():
        with corpus.open("w", encoding="utf-8") as out:
            size, k = 0, 0
            while size < megabytes * 1_000_000:
                text = seed.replace("。", f"（{k}）。")
                out.write(
                    json.dumps({"id": f"doc{k}", "text": text, "published": "2025-05-16"}, ensure_ascii=False)
                )
                out.write("\n")
                size += len(text)
                k += 1
    chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8"))
    name = f"CLI --jobs {jobs} ({megabytes} MB jsonl)"
    cmd = [sys.executable, "-m", "claimkit", "extract", str(corpus), "--jobs", str(jobs), "-o", os.devnull]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}  # pid -> its VmHWM (kB): the high-water mark of that process alone
    total = 0  # the largest sum of VmRSS over the CLI and its workers at one moment (kB)
    while proc.poll() is None:
        rss = 0
        for pid in _tree(proc.pid):
            hwm, now = _status_kb(pid, "VmHWM"), _status_kb(pid, "VmRSS")
            peaks[pid] = max(peaks.get(pid, 0), hwm)
            rss += now
        total = max(total, rss)
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        return Result(name=name, chars=chars, error=stderr[-300:], status="failed")
    return Result(
        name=name,
        chars=chars,
        seconds=seconds,
        chars_per_sec=chars / seconds,
        peak_rss_mb=max(peaks.values(), default=0) / 1024,
        rss_method=f"VmHWM of the largest process; all {len(peaks)} together peaked at {total / 1024:.0f} MB",
        counts={"processes": len(peaks), "all_processes_peak_MB": round(total / 1024)},
    )


def _tree(pid: int) -> list[int]:
    """A process and its descendants (Linux ``/proc``; just the process elsewhere)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100 KB texts, one timed run, 4 MB CLI corpus")
    parser.add_argument("--no-peers", action="store_true", help="claimkit rows only")
    args = parser.parse_args(argv)
    seed = SEED.read_text(encoding="utf-8")
    size, repeat, cli_mb = (100_000, 1, 4) if args.quick else (1_000_000, 3, 100)
    corpus, varied, news = make_corpus(seed, size), varied_corpus(seed, size), news_corpus(seed, size)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; texts of ~{size:,} chars")

    rows = [
        measure("strip_glosses", _t("claimkit_strip_glosses"), corpus, repeat=repeat),
        measure("clean", _t("claimkit_clean"), corpus, repeat=repeat),
        measure("find_quantities", _t("claimkit_find_quantities"), corpus, repeat=repeat),
        measure("find_quantities varied", _t("claimkit_find_quantities"), varied, repeat=repeat),
        measure("extract", _t("claimkit_extract"), corpus, repeat=repeat),
        measure("extract varied", _t("claimkit_extract"), varied, repeat=repeat),
        measure("spaCy pipeline varied", _t("claimkit_spacy"), varied, repeat=repeat),
        measure("extract_many 1 process", _t("claimkit_extract_many_1"), news, repeat=1),
        measure("extract_many 2 processes", _t("claimkit_extract_many_2"), news, repeat=1),
    ]
    if not args.no_peers:
        rows += [measure(p, f"benchmarks.peers:{p}", corpus, repeat=repeat) for p in PEERS]
    with tempfile.TemporaryDirectory(prefix="claimkit-cli-") as tmp:
        for jobs in (1, 2):
            rows.append(cli_end_to_end(seed, cli_mb, jobs, Path(tmp)))
    print_table(rows, baseline="extract varied")
    return 0


if __name__ == "__main__":
    sys.exit(main())
