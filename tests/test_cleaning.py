"""Cleaning: gloss stripping, offset maps, repeats and page furniture."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import claimkit
from claimkit.cleaning.glosses import find_glosses, parse_gloss, syllables

# ---------------------------------------------------------------- examples from real text


def test_seed_strips_exactly(seed_text: str, seed_clean: str) -> None:
    cleaned = claimkit.strip_glosses(seed_text)
    assert cleaned.text == seed_clean
    assert all(seed_text[g.start] in "(（ " for g in cleaned.glosses)


def test_seed_clean_marks_copy_title_and_widget(seed_text: str, seed_clean: str) -> None:
    cleaned = claimkit.clean(seed_text)
    assert cleaned.text == seed_clean
    kinds = [r.kind for r in cleaned.regions]
    assert "boilerplate" in kinds and "repeat" in kinds and "title" in kinds
    copy = max((r for r in cleaned.regions if r.kind == "repeat"), key=lambda r: r.end - r.start)
    # the second copy of the article starts where its first paragraph repeats
    assert seed_text[copy.start :].startswith("又是一年(yīnián)财报季")
    first = seed_text[copy.repeat_of[0] : copy.repeat_of[1]]
    assert first.startswith("又是一年(yīnián)财报季")
    widget = next(r for r in cleaned.regions if r.kind == "boilerplate")
    assert seed_text[widget.start : widget.end].startswith("相关推荐")
    assert "评论列表" in seed_text[widget.start : widget.end]
    # nothing is lost: marking is not removing
    assert len(cleaned.text) == len(seed_clean)


GLOSSED = [
    ("又是一年(yīnián)财报季", "又是一年财报季"),
    ("的(de)(de)突破", "的突破"),
    ("三位数(sānwèishù)增长", "三位数增长"),
    ("但千问(dànqiānwèn)3等", "但千问3等"),
    ("一年(yi1nian2)", "一年"),
    ("的(de5)", "的"),
    ("儿子(ér zi)", "儿子"),
    ("绿色(lǜsè)", "绿色"),
    ("绿色(lv4se4)", "绿色"),
    ("西安(xī'ān)", "西安"),
    ("一年（yīnián）", "一年"),
    ("一年 (yī nián)", "一年"),
    ("腾讯(Téngxùn)", "腾讯"),
    ("(本文(běnwén)来自第一财经)", "(本文来自第一财经)"),
    ("通义(tōngyì)(tōngyì)却", "通义却"),
    ("一点儿(yīdiǎnr)", "一点儿"),
    # tone numbers with an unmarked neutral syllable
    ("随着(sui2zhe)需求回暖，订单增加", "随着需求回暖，订单增加"),
    ("这是什么(shen2me)原因", "这是什么原因"),
    ("我们(wo3men)预计全年增长", "我们预计全年增长"),
    ("他们(Ta1men)表示", "他们表示"),
    ("东西(dong1xi) 不多", "东西 不多"),
    ("看看(kan4 kan)结果", "看看结果"),
    ("朋友们(peng2youmen)", "朋友们"),
]
KEPT = [
    "腾讯控股(00700.HK)",
    "人工智能(AI)",
    "月活跃用户(MAU)",
    "首席财务官(CFO)",
    "经调整净利润(Non-IFRS)",
    "深度求索(DeepSeek)",
    "阿里云(Cloud Intelligence Group)",
    "财年(2025)",
    "联想集团（以下简称“公司”）",
    "混元(Hunyuan)",
    "词元(token)",
    "开源(open)",
    "选项(a)",
    "理想汽车(Li Auto)",
    "(注：单位为亿元)",
    "豆包(doubao2)",
    "模型(Llama3)",
    "协议(web3)",
    "音频(mp3)",
]


@pytest.mark.parametrize(("dirty", "clean"), GLOSSED)
def test_glosses_removed(dirty: str, clean: str) -> None:
    assert claimkit.strip_glosses(dirty).text == clean


@pytest.mark.parametrize("text", KEPT)
def test_parentheticals_kept(text: str) -> None:
    assert claimkit.strip_glosses(text).text == text


def test_gloss_records_target_and_pinyin() -> None:
    text = "又是一年(yīnián)财报季"
    (gloss,) = claimkit.strip_glosses(text).glosses
    assert text[gloss.start : gloss.end] == "(yīnián)"
    assert text[gloss.target_start : gloss.target_end] == "一年"
    assert gloss.pinyin == "yīnián" and gloss.syllables == ("yi", "nian")


def test_gloss_longer_than_hanzi_run_is_kept() -> None:
    assert claimkit.strip_glosses("AI年(yīnián)").text == "AI年(yīnián)"


def test_parse_gloss_rejects_acronyms_and_english() -> None:
    for body in ("AI", "MAU", "Hunyuan", "DeepSeek", "token", "a", "2025", "yinian2", "doubao2", "Non"):
        assert parse_gloss(body) is None, body


def test_neutral_syllables_in_tone_number_glosses() -> None:
    assert parse_gloss("shen2me") == ("shen", "me")
    assert parse_gloss("wo3men") == ("wo", "men")
    assert parse_gloss("ta1men5") == ("ta", "men")
    assert parse_gloss("hao3 de") == ("hao", "de")
    # a neutral syllable never opens the body, and the rest must still be pinyin
    for body in ("de men2", "yinian2", "sui2xq", "sui2zhe3x"):
        assert parse_gloss(body) is None, body


def test_neutral_gloss_covers_its_hanzi() -> None:
    text = "市场随着(sui2zhe)回暖"
    c = claimkit.strip_glosses(text)
    (gloss,) = c.glosses
    assert text[gloss.target_start : gloss.target_end] == "随着"
    assert gloss.syllables == ("sui", "zhe")
    assert c.text == "市场随着回暖" and text[c.to_input(c.text.index("回"))] == "回"


def test_offset_maps_both_ways() -> None:
    text = "腾讯(téngxùn)和阿里(ālǐ)的(de)(de)财报"
    c = claimkit.strip_glosses(text)
    assert c.text == "腾讯和阿里的财报"
    for i, ch in enumerate(c.text):
        assert text[c.to_input(i)] == ch
        assert c.from_input(c.to_input(i)) == i
    assert c.to_input(len(c.text)) == len(text)
    # a position inside a removed gloss maps to the next kept character
    assert c.text[c.from_input(text.index("(ālǐ)") + 2)] == "的"
    start, end = c.to_input_span(c.text.index("阿里"), c.text.index("阿里") + 2)
    assert text[start:end] == "阿里"


def test_boilerplate_lines_and_blocks() -> None:
    page = "正文说营收100亿元。\n责任编辑：张三\n版权所有 © 某某网\n相关阅读\n短标题一\n短标题二"
    cleaned = claimkit.clean(page)
    marked = [page[r.start : r.end] for r in cleaned.regions]
    assert any("责任编辑" in m for m in marked)
    assert any("相关阅读" in m and "短标题二" in m for m in marked)
    assert not any("正文" in m for m in marked)


def test_short_repeated_sentences_are_not_copies() -> None:
    page = "营收增长。利润增长。\n营收增长。"
    assert claimkit.clean(page).regions == ()


# ---------------------------------------------------------------- properties

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
FILLER = st.one_of(
    st.text(HAN, min_size=1, max_size=6),
    st.sampled_from(["，", "。", "、", "：", " ", "\n", "2025", "18.5%", "AI", "QwQ-32B", "“", "”", "1,234"]),
    st.sampled_from([k[k.index("(") if "(" in k else k.index("（") :] for k in KEPT]),
)
REMOVABLE = re.compile(r" ?[(（][A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0300-\u030c'’ 0-5]+[)）]")
TONES = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}


def _mark(syllable: str, tone: int) -> str:
    """Put a tone mark where Hanyu Pinyin puts it (a, e, the o of ou, else the last vowel)."""
    if tone == 0:
        return syllable
    for v in ("a", "e"):
        if v in syllable:
            return syllable.replace(v, TONES[v][tone - 1], 1)
    if "ou" in syllable:
        return syllable.replace("o", TONES["o"][tone - 1], 1)
    for i in range(len(syllable) - 1, -1, -1):
        if syllable[i] in TONES:
            return syllable[:i] + TONES[syllable[i]][tone - 1] + syllable[i + 1 :]
    return syllable


@st.composite
def gloss_for(draw, k: int) -> str:
    """A gloss body for k hanzi, in one of the forms these sites use."""
    inventory = sorted(syllables())
    sylls = [draw(st.sampled_from(inventory)) for _ in range(k)]
    form = draw(
        st.sampled_from(
            ["marks", "numbers", "numbers-neutral", "spaced", "apostrophe", "capital", "neutral", "v"]
        )
    )
    if form == "neutral" and k == 1 and len(sylls[0]) >= 2:
        return sylls[0]
    tones = [draw(st.integers(1, 4)) for _ in sylls]
    if form == "numbers":
        return "".join(f"{s}{t}" for s, t in zip(sylls, tones, strict=True))
    if form == "numbers-neutral":  # the first syllable numbered, any later one neutral with no digit
        neutral = [i > 0 and draw(st.booleans()) for i in range(k)]
        return "".join(s if n else f"{s}{t}" for s, t, n in zip(sylls, tones, neutral, strict=True))
    if form == "v":
        return "".join(f"{s.replace('ü', 'v')}{t}" for s, t in zip(sylls, tones, strict=True))
    marked = [_mark(s, t) for s, t in zip(sylls, tones, strict=True)]
    if form == "spaced":
        return " ".join(marked)
    if form == "apostrophe":
        return "'".join(marked)
    body = "".join(marked)
    return body[0].upper() + body[1:] if form == "capital" else body


@st.composite
def injected(draw) -> tuple[str, str]:
    """(clean text T, T with glosses injected after hanzi runs)."""
    pieces = draw(st.lists(FILLER, min_size=1, max_size=25))
    clean = "".join(pieces)
    out, run = [], 0
    for i, ch in enumerate(clean):
        out.append(ch)
        run = run + 1 if "\u4e00" <= ch <= "\u9fa5" else 0
        nxt = clean[i + 1] if i + 1 < len(clean) else ""
        if run and draw(st.integers(0, 4)) == 0 and not ("\u4e00" <= nxt <= "\u9fa5" and run > 4):
            k = draw(st.integers(1, min(run, 4)))
            body = draw(gloss_for(k))
            left, right = draw(st.sampled_from([("(", ")"), ("（", "）"), ("(", "）")]))
            gloss = f"{left}{body}{right}"
            out.append(gloss * (2 if draw(st.integers(0, 5)) == 0 else 1))
            run = 0
    return clean, "".join(out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(injected())
def test_injected_glosses_strip_back(pair: tuple[str, str]) -> None:
    clean, dirty = pair
    result = claimkit.strip_glosses(dirty)
    assert result.text == clean
    for i, ch in enumerate(result.text):
        assert dirty[result.to_input(i)] == ch
    again = claimkit.strip_glosses(result.text)
    assert again.text == result.text  # idempotent


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_never_loses_hanzi_or_digits(text: str) -> None:
    result = claimkit.strip_glosses(text)
    kept = [c for c in result.text if "\u4e00" <= c <= "\u9fff"]
    assert kept == [c for c in text if "\u4e00" <= c <= "\u9fff"]
    for a, b in result.removed:  # only glosses go: brackets, letters, tone digits
        assert REMOVABLE.fullmatch(text[a:b]), text[a:b]
    assert claimkit.strip_glosses(result.text).text == result.text
    for i in range(0, len(result.text), max(1, len(result.text) // 7)):
        assert text[result.to_input(i)] == result.text[i]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="(（")))
def test_identity_without_brackets(text: str) -> None:
    assert claimkit.strip_glosses(text).text == text


@settings(max_examples=100, deadline=None)
@given(st.text(), st.text())
def test_clean_never_raises_and_maps_back(a: str, b: str) -> None:
    text = a + "\n" + a + "\n" + b
    cleaned = claimkit.clean(text)
    for r in cleaned.regions:
        assert 0 <= r.start <= r.end <= len(text)
        assert r.kind in ("repeat", "boilerplate", "title")
    assume(cleaned.text)
    assert text[cleaned.to_input(0)] == cleaned.text[0]


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("value", [None, 1, b"bytes", ["list"], 3.5])
def test_non_str_raises_type_error(value: object) -> None:
    for fn in (claimkit.strip_glosses, claimkit.clean):
        with pytest.raises(TypeError, match=type(value).__name__):
            fn(value)  # type: ignore[arg-type]


PATHOLOGICAL = {
    "empty": "",
    "open brackets": "(" * 100_000,
    "close brackets": ")" * 100_000,
    "only brackets": "()（）" * 25_000,
    "unbalanced": "一年(yīnián" * 10_000,
    "long body": "一(" + "a" * 100_000 + ")",
    "lone surrogates": "年\ud800(nián)\udfff" * 1000,
    "control characters": "".join(chr(i) for i in range(32)) * 1000,
    "glosses": "一年(yīnián)" * 20_000,
    "nested": "(" * 5000 + "本文(běnwén)" + ")" * 5000,
    "tone digits": ("一二三四五六七八九十(" + "a1" * 32 + ")") * 3000,
    "long neutral tails": ("我们" * 40 + "(wo3" + "men" * 20 + ")") * 500,
    "digit runs in brackets": ("年(" + "5" * 64 + ")") * 5000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_inputs_finish_fast(name: str) -> None:
    text = PATHOLOGICAL[name]
    start = time.perf_counter()
    claimkit.strip_glosses(text)
    claimkit.clean(text)
    assert time.perf_counter() - start < 5  # generous: catches hangs, not speed


def test_ten_megabytes(seed_text: str) -> None:
    text = (seed_text * (10_000_000 // len(seed_text) + 1))[:10_000_000]
    start = time.perf_counter()
    cleaned = claimkit.clean(text)
    assert time.perf_counter() - start < 30
    assert cleaned.regions  # everything after the first copy is marked


def test_find_glosses_is_exported_for_stages() -> None:
    assert find_glosses("无括号") == []
