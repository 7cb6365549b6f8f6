"""The benchmark code runs: corpora, targets and the report (no timing is asserted here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import targets
from benchmarks._harness import Result
from benchmarks.corpus import article_corpus, articles, claim_table, unbroken_run
from benchmarks.report import BASELINE, Run, write_report


def test_generated_texts_are_claim_dense_and_unbroken() -> None:
    table, claims = claim_table(3_000)
    assert len(table) >= 3_000 and claims * 25 > len(table)
    run, figures = unbroken_run(4_000)
    assert 3_500 < len(run) <= 4_000 and figures > 100
    assert not any(mark in run for mark in "。！？\n")


def test_article_corpus_cycles_whole_pages() -> None:
    try:
        pages = articles()
    except FileNotFoundError:
        pytest.skip("no gold pages beside the checkout")
    corpus = article_corpus(3 * sum(len(p.text) for p in pages))
    assert [a.name for a in corpus[: len(pages)]] == [p.name for p in pages]
    assert corpus[len(pages)].name == pages[0].name


@pytest.mark.parametrize(
    "name",
    [
        "claimkit_strip_glosses",
        "claimkit_clean",
        "claimkit_find_quantities",
        "claimkit_extract",
        "claimkit_extract_many_1",
    ],
)
def test_targets_take_one_text_or_documents(name: str) -> None:
    fn = getattr(targets, name)
    docs = [
        {"text": "腾讯营收增长(zēngzhǎng)18%至100亿元。", "published": "2025-05-16"},
        {"text": "阿里巴巴净利润50亿元。", "published": None},
    ]
    assert fn(docs) and fn(docs[0]["text"])
    counts = fn(docs + docs)  # a page met again empties claimkit's caches first
    assert all(isinstance(v, int) for v in counts.values())


def test_report_writes_targets_and_growth(tmp_path: Path) -> None:
    def row(name: str, chars: int, seconds: float, **counts: int) -> Result:
        return Result(name=name, chars=chars, seconds=seconds, chars_per_sec=chars / seconds, counts=counts)

    run = Run(size=1000, repeat=1, cli_mb=100, pages=2, page_chars=1000)
    run.articles = [row(BASELINE, 1000, 1.0), row("find_quantities", 1000, 0.2, quantities=40)]
    run.growth = [row("extract 4K", 4000, 1.0, claims=10), row("extract 16K", 16000, 5.0, claims=40)]
    targets_found = {target: met for target, _, met in run.targets()}
    assert any("find_quantities" in t and met for t, met in targets_found.items())
    assert any("extract` time grows" in t and met is False for t, met in targets_found.items())
    page = tmp_path / "benchmarks.md"
    write_report(run, page)
    text = page.read_text(encoding="utf-8")
    assert "## Method" in text and "## Machine" in text and "5.00x" in text
