"""Simplified and traditional alike: a page converted to traditional characters keeps its claims.

Hong Kong and Taiwan press write the same figures in traditional characters; every rule and word list
has both forms. Each simplified page of the dev articles (``../shared/gold/dev``) and of every tenth
held-out set is converted with OpenCC (Hong Kong forms, character for character) and extracted again:
the value, period, change, qualifier and company of every claim must stay. Speakers and currencies are
left out: OpenCC rewrites some family names (郁 -> 鬱) and a bare 元 in a Hong Kong text is HKD.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimkit

_ROOT = Path(__file__).resolve().parents[1]
_DEV = _ROOT.parent / "shared" / "gold" / "dev"
_FIELDS = ("value", "period", "change", "qualifier", "company")
# characters OpenCC converts where Hong Kong and Taiwan press keep them: a brand's own (巨子), a family name
# (郁, 岳, 游), 家 (not 傢), 折合 (not 摺合)
_KEPT = frozenset("巨家折郁岳游")


def _pages() -> list[Path]:
    sets = sorted(p for p in (_ROOT / "tests" / "data").glob("heldout*") if p.is_dir())
    pages = [p for s in sets[::10] for p in sorted(s.glob("*.txt"))]
    return sorted(_DEV.glob("*.txt")) + pages


def test_a_page_in_traditional_characters_keeps_its_claims() -> None:
    opencc = pytest.importorskip("opencc")
    to_traditional, to_simplified = opencc.OpenCC("s2hk"), opencc.OpenCC("t2s")
    pages = _pages()
    if not pages:
        pytest.skip("no pages beside the checkout")
    checked, changed = 0, []

    def _same(value: object) -> object:  # a name no lexicon holds is output as the page writes it
        return to_simplified.convert(value) if isinstance(value, str) else value

    for page in pages:
        text = page.read_text(encoding="utf-8")
        if to_simplified.convert(text) != text:
            continue  # a page in traditional characters already
        converted = to_traditional.convert(text)
        if len(converted) != len(text):
            continue
        converted = "".join(a if a in _KEPT else b for a, b in zip(text, converted, strict=True))
        meta = page.with_suffix(".json")
        published = json.loads(meta.read_text(encoding="utf-8")).get("published") if meta.exists() else None
        before = {(c.start, c.end): c for c in claimkit.extract(text, published=published).claims}
        after = {(c.start, c.end): c for c in claimkit.extract(converted, published=published).claims}
        for span in before.keys() | after.keys():
            checked += 1
            a, b = before.get(span), after.get(span)
            if a is None or b is None or any(_same(getattr(a, f)) != _same(getattr(b, f)) for f in _FIELDS):
                changed.append(f"{page.name} {text[span[0] : span[1]]}")
    assert checked > 1000
    assert not changed, changed[:10]
