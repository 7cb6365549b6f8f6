"""One benchmark run's rows, the issue's targets beside them, and ``docs/benchmarks.md`` written from them."""

from __future__ import annotations

import contextlib
import os
import platform
import sys
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path

from ._harness import Result, format_table

BASELINE = "jionlp money, per line"


@dataclass
class Run:
    """The sections of one ``python -m benchmarks`` run."""

    size: int
    repeat: int
    cli_mb: int
    pages: int
    page_chars: int
    articles: list[Result] = field(default_factory=list)
    dense: list[Result] = field(default_factory=list)
    growth: list[Result] = field(default_factory=list)
    cli: list[Result] = field(default_factory=list)
    profile: str = ""  # Markdown from benchmarks.profile_stages, when the docs page is written

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Run:
        """A run saved by ``python -m benchmarks --json`` (to write the page again without measuring)."""
        sections = {k: [Result(**r) for r in data.get(k, [])] for k in ("articles", "dense", "growth", "cli")}  # type: ignore[attr-defined]
        plain = {k: v for k, v in data.items() if k not in sections}
        return cls(**plain, **sections)  # type: ignore[arg-type]

    def row(self, section: list[Result], name: str) -> Result | None:
        return next((r for r in section if r.name == name and r.seconds), None)

    def growth_rows(self) -> list[tuple[str, int, float | None, float | None, int]]:
        """(function, size, seconds, ratio to the size 4x smaller, figures) for each growth row."""
        out = []
        previous: dict[str, float] = {}
        for r in self.growth:
            fn, _, _size = r.name.rpartition(" ")
            ratio = r.seconds / previous[fn] if r.seconds and previous.get(fn) else None
            if r.seconds:
                previous[fn] = r.seconds
            found = r.counts.get("claims", r.counts.get("quantities", 0))
            out.append((fn, r.chars, r.seconds, ratio, found))
        return out

    def growth_table(self) -> str:
        lines = [f"{'function':16} {'chars':>7} {'seconds':>9} {'x per 4x':>9} {'found':>6}  note"]
        for (fn, chars, seconds, ratio, found), r in zip(self.growth_rows(), self.growth, strict=True):
            s = f"{seconds:9.3f}" if seconds else "        -"
            x = f"{ratio:8.2f}x" if ratio else "        -"
            lines.append(f"{fn:16} {chars:7,} {s} {x} {found:6}  {r.error or ''}".rstrip())
        return "\n".join(lines)

    def targets(self) -> list[tuple[str, str, bool | None]]:
        """(target, what this run measured, met) for each target of issue 9 it has the rows for."""
        out: list[tuple[str, str, bool | None]] = []
        base = self.row(self.articles, BASELINE)
        for name, want in (("extract", 1.5), ("find_quantities", 4.0)):
            r = self.row(self.articles, name)
            target = f"`{name}` >= {want}x jionlp `extract_money` per line, real articles"
            if r and base and r.chars_per_sec and base.chars_per_sec:
                ratio = r.chars_per_sec / base.chars_per_sec
                seen = f"{ratio:.2f}x ({r.chars_per_sec / 1e6:.2f} M vs {base.chars_per_sec / 1e6:.2f} M chars/s)"
                out.append((target, seen, ratio >= want))
            else:
                out.append((target, "not measured (needs the bench extra)", None))
        for fn in ("extract", "find_quantities"):
            ratios = [ratio for f, _, _, ratio, _ in self.growth_rows() if f == fn and ratio]
            target = f"`{fn}` time grows <= 4.5x per 4x of an unbroken claim-dense run (4K-64K)"
            if ratios:
                out.append((target, ", ".join(f"{x:.2f}x" for x in ratios), max(ratios) <= 4.5))
            else:
                out.append((target, "not measured", None))
        one = next((r for r in self.cli if "--jobs 1" in r.name and r.seconds), None)
        two = next((r for r in self.cli if "--jobs 2" in r.name and r.seconds), None)
        target = "CLI `--jobs 2` >= 1.8x `--jobs 1`"
        if one and two and one.chars_per_sec and two.chars_per_sec:
            ratio = two.chars_per_sec / one.chars_per_sec
            out.append((target, f"{ratio:.2f}x on {os.cpu_count()} cores", ratio >= 1.8))
        else:
            out.append((target, "not measured", None))
        peaks = [r.peak_rss_mb for r in self.cli if r.peak_rss_mb is not None]
        target = "peak memory <= 200 MB per process while streaming 100 MB"
        if peaks:
            note = f"{max(peaks):.0f} MB (largest process, {self.cli_mb} MB corpus)"
            out.append((target, note, max(peaks) <= 200 if self.cli_mb >= 100 else None))
        else:
            out.append((target, "not measured", None))
        return out

    def targets_table(self) -> str:
        mark = {True: "met", False: "NOT met", None: "-"}
        return "\n".join(f"{mark[met]:8} {target}: {seen}" for target, seen, met in self.targets())


def machine() -> str:
    """CPU, cores, memory, OS, Python and the versions of the libraries timed."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, IndexError, ValueError):
        pass
    versions = []
    for package in ("claimkit", "regex", "pydantic", "spacy", "jionlp", "cn2an", "recognizers-text-suite"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{package} {metadata.version(package)}")
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"CPython {sys.version.split()[0]}; " + ", ".join(versions)
    )


def _md_table(rows: list[Result], baseline: str) -> str:
    base = next((r for r in rows if r.name == baseline and r.chars_per_sec), None)
    lines = [
        f"| row | chars | chars/s | claims/s | peak MB | vs {baseline} | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        found = r.counts.get("claims", r.counts.get("quantities"))
        per_second = f"{found / r.seconds:,.0f}" if found is not None and r.seconds else ""
        ratio = ""
        if base and r.chars_per_sec and base.chars_per_sec:
            ratio = f"{r.chars_per_sec / base.chars_per_sec:.2f}x"
        speed = f"{r.chars_per_sec:,.0f}" if r.chars_per_sec else "-"
        peak = f"{r.peak_rss_mb:.1f}" if r.peak_rss_mb is not None else "-"
        lines.append(f"| {r.name} | {r.chars:,} | {speed} | {per_second} | {peak} | {ratio} | {r.note} |")
    return "\n".join(lines)


_METHOD = """\
## Method

- **Real articles, one call per article.** The default corpus of every `extract`,
  `find_quantities`, cleaning, batch and CLI row is the {pages} real pages beside the checkout
  (`../shared/gold/dev/*.txt` and the seed page `../shared/gold/seed.txt`, {page_chars:,}
  characters), cycled in order to {size:,} characters; each page is its own call, with its
  publication date, and no call sees a page twice. These pages are results coverage: one
  claim every 30-40 characters. The peers run on the same pages in the same run: jionlp
  `extract_money` per line (the baseline of the targets), per page, money + time per line,
  cn2an `transform`, and Recognizers-Text (number, percentage, currency) per line on the
  first 200,000 characters (it is slow).
- **Claim-dense table.** A generated table of the project's own making
  (`benchmarks/corpus.py`: company, period, two or three figures with their year-on-year
  change, one sentence a row), one claim every ~15 characters. Claims per second beside
  characters per second (quantities per second for `find_quantities`).
- **Growth.** The same figures with no sentence break at all (cells and rows joined by
  spaces, as a scraped table flattened into one line) at {growth}: the time at each size and
  its ratio to the size four times smaller. Linear work gives about 4x.
- **CLI.** `claimkit extract corpus.jsonl --jobs N -o /dev/null` on the real pages cycled to
  {cli_mb} MB of JSON lines: wall time including start-up, and each process's peak resident
  memory (`VmHWM` read from `/proc` while it runs).
- **Isolation.** Each row runs in a fresh Python process (`benchmarks/_harness.py`): a
  warm-up call on the first 2,000 characters (imports, lexicons; kept out of the speed), then
  the best of {repeat} timed calls. `peak MB` is how far the resident set grew during the
  timed calls.
"""


def write_report(run: Run, path: Path) -> None:
    """Write ``docs/benchmarks.md`` from a run: how to run, method, machine, numbers, targets."""
    sizes = dict.fromkeys(r.name.rpartition(" ")[2] for r in run.growth)
    growth = ", ".join(sizes) or "4K, 16K and 64K"
    parts = [
        "# Benchmarks",
        "",
        "This page is written by `python -m benchmarks --docs docs/benchmarks.md` from the rows of one run.",
        "",
        "```sh",
        "python3 -m venv /tmp/bench && /tmp/bench/bin/pip install -e '.[bench]'   # claimkit + the peers",
        "/tmp/bench/bin/python -m benchmarks            # every row, with the peers",
        "/tmp/bench/bin/python -m benchmarks --quick    # 100K-character corpora, 4 MB CLI corpus",
        "/tmp/bench/bin/python -m benchmarks --no-peers # claimkit rows only (no bench extra needed)",
        "```",
        "",
        _METHOD.format(
            pages=run.pages,
            page_chars=run.page_chars,
            size=run.size,
            growth=growth,
            cli_mb=run.cli_mb,
            repeat=run.repeat,
        ),
        "## Machine",
        "",
        machine()
        + f". Run on {date.today().isoformat()}; numbers vary by 5-10 % between runs on a shared machine.",
        "",
        "## Numbers",
        "",
    ]
    if run.articles:
        parts += ["### Real articles", "", _md_table(run.articles, BASELINE), ""]
    if run.dense:
        parts += ["### Claim-dense table", "", _md_table(run.dense, BASELINE), ""]
    if run.growth:
        parts += [
            "### Growth: one run of figures with no sentence break",
            "",
            "| function | chars | seconds | x per 4x | found |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for fn, chars, seconds, ratio, found in run.growth_rows():
            parts.append(
                f"| {fn} | {chars:,} | {seconds:.3f} | {f'{ratio:.2f}x' if ratio else ''} | {found} |"
                if seconds
                else f"| {fn} | {chars:,} | - | | |"
            )
        parts.append("")
    if run.cli:
        parts += ["### CLI end to end", "", _md_table(run.cli, run.cli[0].name), ""]
    parts += ["## Against the targets (issue 9)", "", "| target | measured | |", "| --- | --- | --- |"]
    for target, seen, met in run.targets():
        parts.append(f"| {target} | {seen} | {'met' if met else 'not met' if met is False else ''} |")
    parts += [
        "",
        "The text tables printed by the run hold the same rows (`format_table` in `benchmarks/_harness.py`).",
        "",
    ]
    if run.profile:
        parts += [
            "## Where the time goes",
            "",
            "`python -m benchmarks.profile_stages --markdown`, run with the page: the steps of `extract`",
            "timed one by one on the real articles (CPU time, each page as new), then `cProfile` of the",
            "claim engine (`claimkit.claims`, `claimkit.attribution`) on the articles and on the unbroken",
            "run. A function whose time grows about 16x per 4x is quadratic in the length of the run.",
            run.profile,
            "",
        ]
    path.write_text("\n".join(parts), encoding="utf-8")


__all__ = ["BASELINE", "Run", "format_table", "machine", "write_report"]
