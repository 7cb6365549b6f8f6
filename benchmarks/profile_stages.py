"""Where ``extract`` spends its time: ``python -m benchmarks.profile_stages``.

Two views, both in one process on the same texts as ``python -m benchmarks``:

* **stages**: the steps of :meth:`claimkit.Extractor.claims_of` timed one by one (cleaning,
  sentence structure, periods, quantities, names, the claim engine) on the real articles,
  each page timed as new (claimkit's caches emptied per cycle of pages), in microseconds
  per document, per 1,000 characters and per claim;
* **functions**: ``cProfile`` of the claim engine (``claimkit.claims`` and
  ``claimkit.attribution``) on the real articles and on an unbroken claim-dense run at 4K,
  16K and 64K characters: each function's own and total time per claim, and how its total
  grows when the run grows 4x (about 4x is linear; a function whose time grows 16x per 4x
  is quadratic in the run's length).

``--markdown`` prints the same tables as Markdown (they go into ``docs/benchmarks.md``).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import itertools
import pstats
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .corpus import article_corpus, unbroken_run
from .targets import SEED_PUBLISHED, _clear_caches

ENGINE_MODULES = ("claimkit/claims/", "claimkit/attribution/")
SIZES = (4_000, 16_000, 64_000)
STAGES = (
    "cleaning",
    "sentence structure",
    "periods",
    "quantities",
    "names (matcher, mentions)",
    "claim engine (build_claims)",
)


@dataclass
class StageTimes:
    """Seconds per stage over a corpus, with its size."""

    docs: int = 0
    chars: int = 0
    claims: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


def stage_times(texts: list[tuple[str, str | None]]) -> StageTimes:
    """Each step of ``Extractor.claims_of`` timed separately (the same calls, in the same order)."""
    from claimkit.attribution.mentions import mentions_of
    from claimkit.attribution.structure import Structure
    from claimkit.claims.engine import Document, build_claims
    from claimkit.claims.extractor import Extractor
    from claimkit.cleaning import clean
    from claimkit.periods.grammar import read_periods
    from claimkit.periods.resolve import as_date
    from claimkit.quantities import read_quantities

    extractor = Extractor()
    clock = time.process_time  # CPU time: other processes on a shared machine do not count

    def timed(text: str, published: str | None) -> tuple[list[float], int]:
        t0 = clock()
        cleaned = clean(text)
        t1 = clock()
        structure = Structure(cleaned.text)
        t2 = clock()
        periods = read_periods(cleaned)
        t3 = clock()
        quantities = read_quantities(cleaned, periods=periods)
        t4 = clock()
        mentions = mentions_of(cleaned, extractor.matcher.find(cleaned.text), extractor.lexicon)
        t5 = clock()
        document = Document(
            cleaned=cleaned,
            published=as_date(published),
            quantities=quantities,
            periods=periods,
            mentions=mentions,
            lexicon=extractor.lexicon,
            structure=structure,
        )
        claims = build_claims(document)
        t6 = clock()
        return [t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5], len(claims)

    if texts:  # warm-up: lexicons, tries and word lists load on first use, not per page
        timed(*texts[0])
    out = StageTimes()
    seen: set[str] = set()
    for text, published in texts:
        if text in seen:
            seen.clear()
        if not seen:
            _clear_caches()
            gc.collect()  # the emptied caches' garbage is collected here, not billed to the next stage
        seen.add(text)
        seconds, claims = timed(text, published)
        for stage, spent in zip(STAGES, seconds, strict=True):
            out.add(stage, spent)
        out.docs += 1
        out.chars += len(text)
        out.claims += claims
    return out


@dataclass
class FunctionTimes:
    """One profiled run of the engine: per function (own seconds, total seconds, calls), and claims."""

    label: str
    chars: int
    claims: int
    functions: dict[str, tuple[float, float, int]]


def profile_engine(label: str, run: Callable[[], int], chars: int) -> FunctionTimes:
    """``cProfile`` of ``run`` (which returns its claim count), kept to the engine's modules."""
    profiler = cProfile.Profile()
    profiler.enable()
    claims = run()
    profiler.disable()
    stats = pstats.Stats(profiler)
    functions: dict[str, tuple[float, float, int]] = {}
    for (path, _line, name), (_, calls, own, total, _) in stats.stats.items():  # type: ignore[attr-defined]
        path = path.replace("\\", "/")
        hit = next((m for m in ENGINE_MODULES if m in path), None)
        if hit is None:
            continue
        key = f"{path.split('claimkit/')[-1]}:{name}"
        prev = functions.get(key, (0.0, 0.0, 0))
        functions[key] = (prev[0] + own, prev[1] + total, prev[2] + calls)
    return FunctionTimes(label, chars, claims, functions)


def _extract_all(texts: list[tuple[str, str | None]]) -> Callable[[], int]:
    def run() -> int:
        import claimkit

        return sum(len(claimkit.extract(text, published=published).claims) for text, published in texts)

    return run


def report(article_chars: int, sizes: tuple[int, ...], markdown: bool, top: int) -> str:
    import claimkit

    claimkit.extract("腾讯营收增长5%。")  # load the lexicons outside the timings
    pages = [(a.text, a.published) for a in article_corpus(article_chars)]
    lines: list[str] = []
    emit = lines.append

    stages = stage_times(pages)
    total = sum(stages.seconds.values())
    emit(_title("Stages of extract on real articles", markdown))
    emit(
        _note(
            f"{stages.docs} pages, {stages.chars:,} chars, {stages.claims:,} claims; "
            f"{stages.chars / total / 1e6:.2f} M chars/s through these stages",
            markdown,
        )
    )
    rows = [
        (
            stage,
            f"{s / stages.docs * 1e6:,.0f}",
            f"{s / stages.chars * 1e9:,.0f}",
            f"{s / max(1, stages.claims) * 1e6:.1f}",
            f"{s / total:.0%}",
        )
        for stage, s in stages.seconds.items()
    ]
    emit(_table(["stage", "µs/doc", "µs/1K chars", "µs/claim", "share"], rows, markdown))

    _clear_caches()
    profiles = [profile_engine("real articles", _extract_all(pages), stages.chars)]
    for size in sizes:
        text, _ = unbroken_run(size)
        profiles.append(
            profile_engine(f"unbroken {size // 1000}K", _extract_all([(text, SEED_PUBLISHED)]), len(text))
        )

    base = profiles[0]
    emit(_title("Claim engine functions on real articles (cProfile)", markdown))
    emit(
        _note(
            f"{base.claims:,} claims; times per claim in µs (profiling slows every call about 2x)", markdown
        )
    )
    ranked = sorted(base.functions.items(), key=lambda kv: -kv[1][0])[:top]
    rows = [
        (
            name,
            f"{own / base.claims * 1e6:.1f}",
            f"{tot / base.claims * 1e6:.1f}",
            f"{calls / base.claims:.1f}",
        )
        for name, (own, tot, calls) in ranked
    ]
    emit(_table(["function", "own µs/claim", "total µs/claim", "calls/claim"], rows, markdown))

    growth = profiles[1:]
    if len(growth) >= 2:
        emit(_title("Growth on one unbroken run of figures (cProfile, total seconds per function)", markdown))
        emit(_note(", ".join(f"{p.label}: {p.chars:,} chars, {p.claims:,} claims" for p in growth), markdown))
        last = growth[-1]
        ranked = sorted(last.functions.items(), key=lambda kv: -kv[1][0])[:top]
        header = ["function", *(f"{p.label} s" for p in growth), "x per 4x", "own µs/claim at the largest"]
        rows = []
        for name, (own, _, _) in ranked:
            secs = [p.functions.get(name, (0.0, 0.0, 0))[0] for p in growth]
            ratios = [b / a for a, b in itertools.pairwise(secs) if a > 0]
            rows.append(
                (
                    name,
                    *(f"{s:.3f}" for s in secs),
                    " / ".join(f"{r:.1f}" for r in ratios),
                    f"{own / last.claims * 1e6:.1f}",
                )
            )
        emit(_table(header, rows, markdown))
    return "\n".join(lines)


def _title(text: str, markdown: bool) -> str:
    return f"\n### {text}\n" if markdown else f"\n== {text}"


def _note(text: str, markdown: bool) -> str:
    return f"{text}\n" if markdown else text


def _table(header: list[str], rows: list[tuple[str, ...]], markdown: bool) -> str:
    if markdown:
        out = [
            "| " + " | ".join(header) + " |",
            "| " + " | ".join(["---"] + ["---:"] * (len(header) - 1)) + " |",
        ]
        out += ["| " + " | ".join(f"`{r[0]}`" if i == 0 else c for i, c in enumerate(r)) + " |" for r in rows]
        return "\n".join(out)
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    fmt = "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*header), *(fmt.format(*r) for r in rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_stages", description=__doc__)
    parser.add_argument(
        "--chars", type=int, default=200_000, help="real articles, cycled to this many characters"
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="unbroken run sizes")
    parser.add_argument("--top", type=int, default=15, help="functions to list")
    parser.add_argument("--markdown", action="store_true", help="Markdown tables (for docs/benchmarks.md)")
    args = parser.parse_args(argv)
    print(report(args.chars, tuple(args.sizes), args.markdown, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
