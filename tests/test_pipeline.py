"""The spaCy pipeline: factories, entry points, Doc attributes, nlp.pipe and serialisation."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

import claimkit

PAGE = "腾讯(téngxùn)董事会主席兼首席执行官马化腾表示，2025年第一季度资本开支274.8亿元，同比增长91%。据QuestMobile，元宝排在第3位。"


def test_load_builds_a_blank_zh_pipeline() -> None:
    nlp = claimkit.load()
    assert isinstance(nlp, spacy.Language) and nlp.lang == "zh"
    assert nlp.pipe_names == [
        "claimkit_sentences",
        "claimkit_periods",
        "claimkit_quantities",
        "claimkit_entities",
        "claimkit_attribution",
    ]


def test_factories_are_registered_through_entry_points() -> None:
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"claimkit_quantities", "claimkit_entities", "claimkit_attribution"} <= names
    tokenizers = {ep.name for ep in entry_points(group="spacy_tokenizers")}
    assert "claimkit.Tokenizer.v1" in tokenizers
    # a plain spaCy pipeline can add claimkit's components by name
    nlp = spacy.blank("zh")
    nlp.add_pipe("claimkit_quantities")
    doc = nlp("营收增长18%")
    assert [s.text for s in doc.spans["quantities"]] == ["18%"]


def test_doc_attributes() -> None:
    nlp = claimkit.load()
    doc = nlp(PAGE)
    assert doc.text == claimkit.strip_glosses(PAGE).text  # the Doc holds the cleaned text
    assert doc._.cleaned.source == PAGE
    assert {e.label_ for e in doc.ents} >= {"ORG", "PERSON", "SOURCE", "PRODUCT"}
    assert [s.text for s in doc.spans["quantities"]] == ["274.8亿元", "91%", "第3位"]
    assert [s.text for s in doc.spans["periods"]] == ["2025年第一季度"]
    assert len(list(doc.sents)) == 2
    claims = doc._.claims
    assert [c.speaker for c in claims] == ["马化腾", "马化腾", "QuestMobile"]
    assert all(PAGE[c.start : c.end] == c.text for c in claims)


def test_published_per_doc_and_default() -> None:
    text = "去年10月，通义千问市场投放费用仅450万元。"
    nlp = claimkit.load(published="2025-05-16")
    assert nlp(text)._.claims[0].period == "2024-10"
    doc = nlp.make_doc(text)
    doc._.published = "2026-01-01"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.claims[0].period == "2025-10"


def test_pipe_and_serialisation() -> None:
    nlp = claimkit.load()
    docs = list(nlp.pipe([PAGE, "营收增长5%", ""]))
    assert [len(d._.claims) for d in docs] == [3, 1, 0]
    again = Doc(nlp.vocab).from_bytes(docs[0].to_bytes())
    assert again._.claims == docs[0]._.claims
    assert again._.cleaned.to_input(0) == docs[0]._.cleaned.to_input(0)


def test_pipe_with_two_processes() -> None:
    code = (
        "import claimkit\n"
        "if __name__ == '__main__':\n"
        "    nlp = claimkit.load()\n"
        f"    docs = list(nlp.pipe([{PAGE!r}] * 4, n_process=2, batch_size=2))\n"
        "    print(sum(len(d._.claims) for d in docs))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
    )
    assert out.stdout.strip() == "12"


def test_import_is_light() -> None:
    code = "import sys, claimkit; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_saved_pipeline_loads_with_spacy_load(tmp_path) -> None:  # type: ignore[no-untyped-def]
    nlp = claimkit.load(extra_companies=[{"canonical": "Acme Robotics", "names": ["极光机器人"]}])
    nlp.to_disk(tmp_path)
    again = spacy.load(tmp_path)
    assert again.pipe_names == nlp.pipe_names
    assert [c.company for c in again("极光机器人营收100亿元")._.claims] == ["Acme Robotics"]


# ----------------------------------------------------------------- Extractor = spaCy pipeline

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "gold"
_HERE = Path(__file__).resolve().parent / "data"
# every gold page, and one held-out page in five (the two paths share all their code past the entry point: a
# sample of the ~3,000 pages keeps the check whole and the suite under ten minutes)
_PAGES = sorted(
    [
        *_SHARED.glob("*.txt"),
        *_SHARED.glob("dev/*.txt"),
        *sorted(_HERE.glob("heldout*/*.txt"), key=lambda p: p.as_posix())[::5],
    ],
    key=lambda p: p.as_posix(),
)


@pytest.fixture(scope="module")
def both() -> tuple[claimkit.Extractor, spacy.Language]:
    extra = [{"canonical": "Foo Corp", "names": ["福欧", "FooAI", "360", "58同城"], "products": ["福欧云"]}]
    return claimkit.Extractor(extra_companies=extra), claimkit.load(extra_companies=extra)


@pytest.mark.parametrize("page", _PAGES, ids=lambda p: p.stem)
def test_extractor_and_spacy_pipeline_give_the_same_claims(page: Path, both) -> None:  # type: ignore[no-untyped-def]
    extractor, nlp = both
    text = page.read_text(encoding="utf-8")
    for published in ("2025-06-01", None):
        assert extractor(text, published=published) == claimkit.extract(text, published=published, nlp=nlp)


_NAMES = ["腾讯", "腾讯音乐", "QQ", "QQ音乐", "360", "58同城", "FooAI", "福欧", "福欧云", "阿里巴巴", "元宝"]
_FILLER = ["A", "B", "Music", "1", "9", ".", "．", "３", " ", "，", "的", "集团", "营收", "0.5", "x"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_NAMES + _FILLER), max_size=25))
@example(["1", ".", "360", "x"]).via("a decimal's digits are one token")
@example(["360", ".", "360", ".", "360"]).via("360.360 is one token, the last 360 another")
@example(["QQ", "Music", "FooAI", "A"]).via("Latin words are whole tokens")
def test_name_matcher_finds_what_the_phrase_matcher_finds(both, parts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Names glued to Latin words, digits and decimals match only on token boundaries, as in spaCy."""
    extractor, nlp = both
    text = "".join(parts)
    doc = nlp.make_doc(text)
    entities = nlp.get_pipe("claimkit_entities")
    spans = sorted(((s, e) for _, s, e in entities.matcher(doc)), key=lambda t: (t[0], -t[1]))
    expected, last = [], -1
    for s, e in spans:
        if s >= last:
            expected.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1])))
            last = e
    assert extractor.matcher.find(doc.text) == expected
