"""Every benchmark in one run: ``python -m benchmarks`` (``--quick`` for a short pass).

Rows, each measured in a fresh process (``benchmarks/_harness.py``), side by side in one run:

* **real articles** (the default corpus): the dev articles and the seed page beside the
  checkout, cycled to 1,000,000 characters, one call per article. claimkit's cleaning,
  ``find_quantities``, ``extract``, the spaCy pipeline and ``extract_many`` (1 and 2
  processes), and the peers on the same articles: jionlp ``extract_money`` per line (the
  baseline of the issue's targets), per article, money + time per line, cn2an, Recognizers-Text;
* **claim-dense table**: a generated table of company, period, figures and growth (one claim
  every ~15 characters), claims per second beside characters per second;
* **growth**: the same figures as one run with no sentence break at 4K, 16K and 64K
  characters, the time at each size and the ratio for each 4x;
* **CLI**: ``claimkit extract corpus.jsonl --jobs N`` on the real articles cycled to 100 MB
  of JSON lines, wall time and peak memory per process.

Then the issue's targets next to what this run measured. ``--docs docs/benchmarks.md``
rewrites that page from this run's rows (method, machine, numbers). Peers need the ``bench``
extra (``pip install -e '.[bench]'``); without it their rows say so.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from ._harness import Result, format_table, measure
from .corpus import Article, article_corpus, articles, claim_table, unbroken_run
from .report import BASELINE, Run, write_report

ARTICLE_ROWS = [
    # (row name, target, repeat, max_chars)
    ("strip_glosses", "benchmarks.targets:claimkit_strip_glosses", 3, None),
    ("clean", "benchmarks.targets:claimkit_clean", 3, None),
    ("find_quantities", "benchmarks.targets:claimkit_find_quantities", 3, None),
    ("extract", "benchmarks.targets:claimkit_extract", 3, None),
    ("spaCy pipeline (load())", "benchmarks.targets:claimkit_spacy", 3, None),
    ("extract_many, 1 process", "benchmarks.targets:claimkit_extract_many_1", 1, None),
    ("extract_many, 2 processes", "benchmarks.targets:claimkit_extract_many_2", 1, None),
]
PEER_ROWS = [
    (BASELINE, "benchmarks.peers:jionlp_money_lines", 3, None),
    ("jionlp money, per article", "benchmarks.peers:jionlp_money_whole", 3, None),
    ("jionlp money + time, per line", "benchmarks.peers:jionlp_money_time_lines", 3, None),
    ("cn2an transform, per article", "benchmarks.peers:cn2an_transform", 3, None),
    ("Recognizers-Text, per line", "benchmarks.peers:recognizers_lines", 1, 200_000),
]
GROWTH_SIZES = (4_000, 16_000, 64_000)


def articles_section(size: int, repeat: int, peers: bool) -> list[Result]:
    corpus = article_corpus(size)
    rows = [(n, t, min(r, repeat), m) for n, t, r, m in ARTICLE_ROWS]
    if peers:
        rows = rows[:4] + [(n, t, min(r, repeat), m) for n, t, r, m in PEER_ROWS] + rows[4:]
    out = []
    for name, target, rep, max_chars in rows:
        _progress(f"articles: {name}")
        out.append(measure(name, target, corpus, repeat=rep, max_chars=max_chars))
    return out


def dense_section(size: int, repeat: int, peers: bool) -> list[Result]:
    text, _ = claim_table(size)
    rows = [
        ("extract", "benchmarks.targets:claimkit_extract"),
        ("find_quantities", "benchmarks.targets:claimkit_find_quantities"),
    ]
    if peers:
        rows.append((BASELINE, "benchmarks.peers:jionlp_money_lines"))
    out = []
    for name, target in rows:
        _progress(f"claim-dense table: {name}")
        out.append(measure(name, target, text, repeat=repeat))
    return out


def growth_section(repeat: int) -> list[Result]:
    out = []
    for name, target in (
        ("extract", "benchmarks.targets:claimkit_extract"),
        ("find_quantities", "benchmarks.targets:claimkit_find_quantities"),
    ):
        for chars in GROWTH_SIZES:
            text, _ = unbroken_run(chars)
            _progress(f"growth: {name} {chars:,}")
            out.append(measure(f"{name} {chars // 1000}K", target, text, repeat=repeat, timeout=900))
    return out


def cli_section(megabytes: int, tmp: Path) -> list[Result]:
    corpus = tmp / f"articles-{megabytes}mb.jsonl"
    _write_jsonl(article_corpus(megabytes * 1_000_000), corpus)
    out = []
    for jobs in (1, 2):
        _progress(f"CLI --jobs {jobs}")
        out.append(cli_end_to_end(corpus, jobs, f"CLI --jobs {jobs} ({megabytes} MB jsonl)"))
    return out


def _write_jsonl(docs: list[Article], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for k, doc in enumerate(docs):
            record = {"id": f"{doc.name}-{k}", "text": doc.text, "published": doc.published}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def cli_end_to_end(corpus: Path, jobs: int, name: str) -> Result:
    """Wall-clock chars/s and peak RSS of the CLI over a JSONL corpus.

    Peak memory is each process's ``VmHWM`` read from ``/proc`` while it runs (``ru_maxrss``
    would carry the benchmark parent's own peak into the child); the row reports the
    largest single process and, in its note, the peak of all of them together.
    """
    chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8"))
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


def _progress(message: str) -> None:
    print(f"  measuring {message} ...", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="100K-character corpora, one timed run, 4 MB CLI corpus"
    )
    parser.add_argument("--no-peers", action="store_true", help="claimkit rows only")
    parser.add_argument(
        "--only",
        nargs="*",
        choices=["articles", "dense", "growth", "cli"],
        help="run only these sections (default: all)",
    )
    parser.add_argument(
        "--cli-mb", type=int, help="size of the CLI corpus in MB (default 100, 4 with --quick)"
    )
    parser.add_argument("--json", type=Path, help="also write every result as JSON to this file")
    parser.add_argument(
        "--docs", type=Path, help="rewrite this Markdown page from the run (docs/benchmarks.md)"
    )
    parser.add_argument(
        "--from-json", type=Path, help="write --docs from a run saved with --json, measuring nothing"
    )
    args = parser.parse_args(argv)
    if args.from_json:
        saved = Run.from_json(json.loads(args.from_json.read_text(encoding="utf-8")))
        print(saved.targets_table())
        if args.docs:
            write_report(saved, args.docs)
            print(f"wrote {args.docs}")
        return 0
    only = set(args.only or ["articles", "dense", "growth", "cli"])
    size, repeat = (100_000, 1) if args.quick else (1_000_000, 3)
    cli_mb = args.cli_mb or (4 if args.quick else 100)
    peers = not args.no_peers
    pages = articles()
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores; real articles: {len(pages)} pages "
        f"({sum(len(a.text) for a in pages):,} chars) cycled to {size:,} chars, one call per article"
    )
    run = Run(
        size=size, repeat=repeat, cli_mb=cli_mb, pages=len(pages), page_chars=sum(len(a.text) for a in pages)
    )
    if "articles" in only:
        run.articles = articles_section(size, repeat, peers)
        print("\n== real articles (one call per article)")
        print(format_table(run.articles, baseline=BASELINE if peers else "extract"))
    if "dense" in only:
        run.dense = dense_section(max(size // 5, 50_000), repeat, peers)
        print("\n== claim-dense table (generated: company, period, figures, growth)")
        print(format_table(run.dense, baseline=BASELINE if peers else "extract"))
    if "growth" in only:
        run.growth = growth_section(repeat)
        print("\n== growth: one run of figures with no sentence break")
        print(run.growth_table())
    if "cli" in only:
        with tempfile.TemporaryDirectory(prefix="claimkit-cli-") as tmp:
            run.cli = cli_section(cli_mb, Path(tmp))
        print("\n== CLI end to end (real articles as JSON lines)")
        print(format_table(run.cli, baseline=run.cli[0].name))
    print("\n== targets (issue 9)")
    print(run.targets_table())
    if args.docs:
        _progress("profile of the stages and the claim engine")
        from .profile_stages import report as profile_report

        run.profile = profile_report(min(size, 200_000), GROWTH_SIZES, markdown=True, top=15)
    if args.json:
        args.json.write_text(
            json.dumps(asdict(run), ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
    if args.docs:
        write_report(run, args.docs)
        print(f"\nwrote {args.docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
