"""The texts the benchmarks run on: real articles first, and two generated ones for claim density.

* :func:`articles` reads the real pages beside the checkout (``../shared/gold/dev/*.txt`` and the
  seed page, with their publication dates) and :func:`article_corpus` cycles them to the size a
  row needs. Each one is a separate call, as a user would make it; no call sees a page twice.
* :func:`claim_table` writes a claim-dense table of the project's own making: rows of company,
  period, figure and growth, from a seeded random generator (no text is copied from anywhere).
  One claim every 15-20 characters, about twice as dense as results coverage.
* :func:`unbroken_run` is the same table with no sentence break at all (cells and rows joined by
  spaces), the shape of a scraped table flattened into one line: the worst case for anything that
  works per sentence.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
SEPARATOR = "\x1e"  # between documents in a corpus file (ASCII record separator: no article holds it)


@dataclass(frozen=True)
class Article:
    """One page and the date it was published (ISO), as ``extract`` takes them."""

    name: str
    text: str
    published: str | None


def articles(gold: Path = GOLD) -> list[Article]:
    """The real pages: the dev articles in name order, then the seed page."""
    paths = [*sorted((gold / "dev").glob("*.txt")), gold / "seed.txt"]
    found = [p for p in paths if p.is_file()]
    if not found:
        raise FileNotFoundError(f"no articles under {gold} (the shared gold data beside the checkout)")
    out = []
    for path in found:
        meta_path = path.with_suffix(".json")
        published = None
        if meta_path.is_file():
            published = json.loads(meta_path.read_text(encoding="utf-8")).get("published")
        out.append(Article(path.stem, path.read_text(encoding="utf-8"), published))
    return out


def article_corpus(min_chars: int, gold: Path = GOLD) -> list[Article]:
    """The real pages cycled in order until they hold ``min_chars`` characters (whole pages)."""
    pages = articles(gold)
    out: list[Article] = []
    size = 0
    while size < min_chars:
        page = pages[len(out) % len(pages)]
        out.append(page)
        size += len(page.text)
    return out


# ------------------------------------------------------------------------ generated, claim-dense

_COMPANIES = [
    "腾讯", "阿里巴巴", "百度", "小米集团", "美团", "京东", "网易", "快手", "比亚迪", "宁德时代",
    "拼多多", "携程", "哔哩哔哩", "理想汽车", "蔚来",
]  # fmt: skip
_METRICS = ["营收", "净利润", "经营利润", "毛利", "研发投入", "广告收入", "海外收入", "经调整净利润"]
_PERIODS = ["第一季度", "第二季度", "第三季度", "第四季度", "上半年", "前三季度", "全年"]
_UP, _DOWN = ["增长", "上升", "提升"], ["下降", "减少", "下滑"]


def _row(rng: random.Random) -> tuple[list[str], int]:
    """One table row: company, period, then two or three figures each with its yoy change."""
    cells = [rng.choice(_COMPANIES), f"{rng.randint(2021, 2025)}年{rng.choice(_PERIODS)}"]
    claims = 0
    for metric in rng.sample(_METRICS, rng.randint(2, 3)):
        amount = f"{rng.randint(1, 2999)}.{rng.randint(0, 99):02d}亿元"
        verb = rng.choice(_UP if rng.random() < 0.7 else _DOWN)
        change = f"{rng.randint(0, 80)}.{rng.randint(0, 9)}%"
        cells += [f"{metric}{amount}", f"同比{verb}{change}"]
        claims += 2
    return cells, claims


def claim_table(min_chars: int, seed: int = 9) -> tuple[str, int]:
    """A claim-dense table of at least ``min_chars`` characters, one sentence a row; and its claim count."""
    rng = random.Random(seed)
    rows, size, claims = [], 0, 0
    while size < min_chars:
        cells, n = _row(rng)
        row = f"{cells[0]}{cells[1]}" + "，".join(cells[2:]) + "。\n"
        rows.append(row)
        size += len(row)
        claims += n
    return "".join(rows), claims


def unbroken_run(chars: int, seed: int = 9) -> tuple[str, int]:
    """The claim table as one run with no sentence break (cells and rows joined by spaces).

    Cut at a cell boundary to about ``chars`` characters; returns the text and how many
    figures it holds.
    """
    rng = random.Random(seed)
    parts: list[str] = []
    size = claims = 0
    while True:
        cells, n = _row(rng)
        row = " ".join(cells) + " "
        if size + len(row) > chars and parts:
            break
        parts.append(row)
        size += len(row)
        claims += n
    return "".join(parts).rstrip(), claims


def write_documents(docs: list[Article], path: Path) -> int:
    """Write documents for a benchmark worker (JSON lines of text and date); return their characters."""
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps({"text": doc.text, "published": doc.published}, ensure_ascii=False) + "\n")
    return sum(len(d.text) for d in docs)
