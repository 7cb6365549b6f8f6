"""Run every peer configuration on the real articles and print the table: ``python -m benchmarks.peers_smoke``.

The articles (``../shared/gold/dev/*.txt`` and the seed page) are cycled to ``--chars`` characters
(1,000,000 by default), one call per article for the per-article peers, one per line for the
per-line ones; configurations with a ``max_chars`` attribute (Recognizers-Text: 200,000) are
measured on the first articles only. Run it from the repository root with an interpreter that has
the ``bench`` extra installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._harness import Result, measure, print_table, to_json
from .corpus import GOLD, article_corpus
from .peers import PEERS


def main(argv: list[str] | None = None) -> int:
    """Measure each peer in its own worker process and print the table (and optionally JSON)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.peers_smoke", description=__doc__)
    parser.add_argument(
        "--gold", type=Path, default=GOLD, help="folder with seed.txt and dev/ (default: shared gold)"
    )
    parser.add_argument("--chars", type=int, default=1_000_000, help="corpus size in characters")
    parser.add_argument("--repeat", type=int, default=3, help="timed calls per peer (best is kept)")
    parser.add_argument("--baseline", default="jionlp_money_lines", help="row the ratio column divides by")
    parser.add_argument("--only", nargs="*", choices=sorted(PEERS), help="run only these configurations")
    parser.add_argument("--tracemalloc", action="store_true", help="one extra untimed traced call per peer")
    parser.add_argument("--json", type=Path, help="also write all results as JSON to this file")
    args = parser.parse_args(argv)

    try:
        corpus = article_corpus(args.chars, args.gold)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    chars = sum(len(a.text) for a in corpus)
    print(
        f"real articles: {len(corpus):,} calls, {chars:,} chars; python {sys.version.split()[0]}", flush=True
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
