"""Run every peer configuration on the seed text and print the table: ``python -m benchmarks.peers_smoke``.

The seed (``shared/gold/seed.txt``) is repeated to ``--chars`` characters (1,000,000 by default);
configurations with a ``max_chars`` attribute (Recognizers-Text: 200,000) are measured on a cut.
Run it from the repository root with an interpreter that has the ``bench`` extra installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._harness import Result, make_corpus, measure, print_table, to_json
from .peers import PEERS

SEED = Path(__file__).resolve().parents[1] / "../shared/gold/seed.txt"


def main(argv: list[str] | None = None) -> int:
    """Measure each peer in its own worker process and print the table (and optionally JSON)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.peers_smoke", description=__doc__)
    parser.add_argument("--seed", type=Path, default=SEED, help="text to repeat (default: shared seed)")
    parser.add_argument("--chars", type=int, default=1_000_000, help="corpus size in characters")
    parser.add_argument("--repeat", type=int, default=3, help="timed calls per peer (best is kept)")
    parser.add_argument("--baseline", default="jionlp_money_lines", help="row the ratio column divides by")
    parser.add_argument("--only", nargs="*", choices=sorted(PEERS), help="run only these configurations")
    parser.add_argument("--tracemalloc", action="store_true", help="one extra untimed traced call per peer")
    parser.add_argument("--json", type=Path, help="also write all results as JSON to this file")
    args = parser.parse_args(argv)

    seed = args.seed.resolve()
    if not seed.is_file():
        print(f"seed text not found: {seed}", file=sys.stderr)
        return 2
    corpus = make_corpus(seed.read_text(encoding="utf-8"), args.chars)
    print(
        f"seed {seed.name}: {len(corpus):,} chars, {corpus.count(chr(10)):,} lines; "
        f"python {sys.version.split()[0]}",
        flush=True,
    )

    results: list[Result] = []
    for name, fn in PEERS.items():
        if args.only and name not in args.only:
            continue
        print(f"  measuring {name} ...", file=sys.stderr, flush=True)
        results.append(measure(name, fn, corpus, repeat=args.repeat, trace_memory=args.tracemalloc))
    print_table(results, baseline=args.baseline)
    if args.json:
        args.json.write_text(to_json(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
