"""claimkit next to its peers, one table per issue: ``python -m benchmarks.bench_claimkit``.

Tables (each row measured in a fresh process by ``benchmarks._harness``):

* cleaning: ``strip_glosses`` and ``clean`` on the seed repeated to 1 MB and 4 MB (linearity);
* quantities: ``find_quantities`` (cleaning included) against jionlp ``extract_money`` (whole text and
  per line), cn2an ``transform`` and Recognizers-Text number + percentage + currency per line;
* extract: ``extract`` against jionlp money + time per line and Recognizers-Text per line, on the seed
  repeated (as the issues specify) and on a *varied* corpus in which no copy repeats another, plus
  ``import claimkit`` time, time to the first result and 1 MB vs 4 MB.

Peers need the ``bench`` extra; without it their rows say so. ``--quick`` uses 200 KB and one run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from ._harness import Result, make_corpus, measure, print_table
from .targets import SEED, varied_corpus

PEERS_Q = ("jionlp_money_whole", "jionlp_money_lines", "cn2an_transform", "recognizers_lines")
PEERS_X = ("jionlp_money_time_lines", "recognizers_lines")


def _t(name: str) -> str:
    return f"benchmarks.targets:{name}"


def _p(name: str) -> str:
    return f"benchmarks.peers:{name}"


def startup() -> list[tuple[str, float]]:
    """Seconds for ``import claimkit`` and for the first ``extract`` (fresh interpreters, best of 3)."""
    rows = []
    for label, code in (
        ("import claimkit", "import claimkit"),
        ("import + first extract", "import claimkit; claimkit.extract('腾讯营收增长18%')"),
    ):
        best = min(_run_once(code) for _ in range(3))
        rows.append((label, best))
    return rows


def _run_once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_claimkit", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 KB, one timed run, no 4 MB rows")
    parser.add_argument("--only", choices=["cleaning", "quantities", "extract", "startup"], nargs="*")
    args = parser.parse_args(argv)
    size = 200_000 if args.quick else 1_000_000
    repeat = 1 if args.quick else 3
    seed = SEED.read_text(encoding="utf-8")
    corpus = make_corpus(seed, size)
    varied = varied_corpus(seed, size)
    big = None if args.quick else make_corpus(seed, 4 * size)
    only = set(args.only or ["cleaning", "quantities", "extract", "startup"])
    print(
        f"seed repeated: {len(corpus):,} chars; varied: {len(varied):,} chars; python {sys.version.split()[0]}"
    )

    if "cleaning" in only:
        rows: list[Result] = [
            measure("strip_glosses", _t("claimkit_strip_glosses"), corpus, repeat=repeat),
            measure("clean", _t("claimkit_clean"), corpus, repeat=repeat),
        ]
        if big:
            rows += [
                measure("strip_glosses 4x", _t("claimkit_strip_glosses"), big, repeat=repeat),
                measure("clean 4x", _t("claimkit_clean"), big, repeat=repeat),
            ]
        print("\n== cleaning (issue 2; target strip_glosses >= 10M chars/s)")
        print_table(rows, baseline="strip_glosses")

    if "quantities" in only:
        rows = [measure("find_quantities", _t("claimkit_find_quantities"), corpus, repeat=repeat)]
        rows.append(measure("find_quantities varied", _t("claimkit_find_quantities"), varied, repeat=repeat))
        rows += [measure(p, _p(p), corpus, repeat=repeat) for p in PEERS_Q]
        print("\n== quantities (issue 3; target >= 5M chars/s and >= 4x jionlp per line)")
        print_table(rows, baseline="find_quantities")

    if "extract" in only:
        rows = [
            measure("extract", _t("claimkit_extract"), corpus, repeat=repeat),
            measure("extract varied", _t("claimkit_extract"), varied, repeat=repeat),
        ]
        if big:
            rows.append(measure("extract 4x", _t("claimkit_extract"), big, repeat=repeat))
            rows.append(
                measure("extract varied 4x", _t("claimkit_extract"), varied_corpus(seed, 4 * size), repeat=1)
            )
        rows += [measure(p, _p(p), corpus, repeat=repeat) for p in PEERS_X]
        print("\n== extract (issue 4; target >= 1M chars/s)")
        print_table(rows, baseline="extract")

    if "startup" in only:
        print("\n== startup (issue 4; targets: import <= 0.3 s, first result <= 1.5 s)")
        for label, seconds in startup():
            print(f"{label:28} {seconds:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
