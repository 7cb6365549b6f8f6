"""``claimkit extract --jobs N`` on real articles: chars/s, scaling and peak memory per process.

``python -m benchmarks.cli_jobs [--mb 60] [--jobs 1 2] [--pair]``

The corpus is one JSONL record per article of ``../shared/gold/dev/*.txt`` (real news, not
in the repo), cycled to ``--mb`` megabytes in a temporary folder (never committed). Each
configuration runs the installed CLI in a fresh process tree; ``/proc`` is polled every
0.1 s for each process's peak RSS (``VmHWM``) and CPU time, so the parent and every
worker are reported apart. ``--pair`` also runs two independent ``--jobs 1`` processes
at the same time: their combined rate is what the machine gives two processes, the
ceiling ``--jobs 2`` can reach. ``--repeat R`` runs each configuration R times,
interleaved, and shows the fastest (other load on the machine only slows a run down).
The outputs of all runs must be byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "gold" / "dev"
TICK = os.sysconf("SC_CLK_TCK")


def build_corpus(megabytes: int, folder: Path) -> tuple[Path, int, int]:
    """The cycled corpus (built once): path, records, characters."""
    articles = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    if not articles:
        sys.exit(f"no articles in {DEV} (../shared beside the checkout)")
    path = folder / f"dev-cycled-{megabytes}mb.jsonl"
    records = chars = size = 0
    lines = []
    while size < megabytes * 1_000_000:
        text = articles[records % len(articles)]
        line = json.dumps({"id": f"r{records}", "text": text, "published": "2025-06-30"}, ensure_ascii=False)
        lines.append(line + "\n")
        size += len(line.encode("utf-8")) + 1
        chars += len(text)
        records += 1
    if not path.exists():
        path.write_text("".join(lines), encoding="utf-8")
    return path, records, chars


@dataclass
class Proc:
    peak_kb: int = 0
    cpu_s: float = 0.0


@dataclass
class Sample:
    procs: dict[int, Proc] = field(default_factory=dict)

    def poll(self, root: int) -> None:
        for pid in _tree(root):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), 0)
            proc = self.procs.setdefault(pid, Proc())
            proc.peak_kb = max(proc.peak_kb, hwm)
            proc.cpu_s = max(proc.cpu_s, (int(stat[11]) + int(stat[12])) / TICK)


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(c) for c in children)
    return pids


def run(corpus: Path, jobs: int, out: Path) -> tuple[float, Sample, int]:
    cmd = [sys.executable, "-m", "claimkit", "extract", str(corpus), "-j", str(jobs), "-o", str(out)]
    sample = Sample()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    while proc.poll() is None:
        sample.poll(proc.pid)
        time.sleep(0.1)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"{cmd} exited {proc.returncode}: {stderr}")
    return wall, sample, proc.pid


def run_pair(corpus: Path, folder: Path, digests: set[str]) -> float:
    """Wall time of two independent ``--jobs 1`` runs over the whole corpus, started together."""
    start = time.perf_counter()
    outs = [folder / f"out-pair{i}.jsonl" for i in (1, 2)]
    cmd = [sys.executable, "-m", "claimkit", "extract", str(corpus), "-o"]
    procs = [subprocess.Popen([*cmd, str(o)]) for o in outs]
    for p in procs:
        p.wait()
    wall = time.perf_counter() - start
    for o in outs:
        digests.add(digest(o))
        o.unlink()
    return wall


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=int, default=60, help="corpus size in MB [60]")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pair", action="store_true", help="also two independent --jobs 1 runs at once")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs of each configuration, interleaved; the fastest is shown [1]",
    )
    args = parser.parse_args(argv)
    folder = Path(tempfile.gettempdir()) / "claimkit-bench"
    folder.mkdir(exist_ok=True)
    corpus, records, chars = build_corpus(args.mb, folder)
    size = corpus.stat().st_size
    print(
        f"corpus: {corpus} ({size / 1e6:.1f} MB, {records:,} records, {chars:,} chars), "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start"
    )
    print(f"{'run':<10} {'wall s':>7} {'chars/s':>10} {'speed-up':>8} {'parent MB':>9} {'worker MB':>9} "
          f"{'parent CPU s':>12} {'workers CPU s':>13}")  # fmt: skip
    base = None
    digests = set()
    best: dict[int, tuple[float, Sample, int]] = {}
    pair = float("inf")
    for _ in range(args.repeat):  # interleaved, so that a busy spell on the machine hits every configuration
        for jobs in args.jobs:
            out = folder / f"out-j{jobs}.jsonl"
            measured = run(corpus, jobs, out)
            digests.add(digest(out))
            out.unlink()
            if jobs not in best or measured[0] < best[jobs][0]:
                best[jobs] = measured
        if args.pair:
            pair = min(pair, run_pair(corpus, folder, digests))
    for jobs in args.jobs:
        wall, sample, pid = best[jobs]
        rate = chars / wall
        base = base or rate
        parent = sample.procs.get(pid, Proc())
        workers = [p for q, p in sample.procs.items() if q != pid]
        print(
            f"--jobs {jobs:<3} {wall:7.1f} {rate:10,.0f} {rate / base:7.2f}x {parent.peak_kb / 1024:9.0f} "
            f"{max((w.peak_kb for w in workers), default=0) / 1024:9.0f} {parent.cpu_s:12.1f} "
            f"{sum(w.cpu_s for w in workers):13.1f}"
        )
    if args.pair:
        rate = 2 * chars / pair
        print(
            f"{'2 x -j 1':<10} {pair:7.1f} {rate:10,.0f} {rate / (base or rate):7.2f}x  (two processes at once)"
        )
    print("outputs identical" if len(digests) == 1 else f"OUTPUTS DIFFER: {digests}")


if __name__ == "__main__":
    main()
