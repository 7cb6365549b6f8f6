"""Concept, segment and forecast of claims: example sentences of our own (simplified and traditional,
banks, insurers, carmakers, consumer chains, market-wide statistics), the resources, properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimkit
from claimkit.claims.concept import (
    _LOWER,
    _SENTENCE_BREAK,
    KNOWN_SPANS,
    KnownSpans,
    concepts,
    find_words,
    fits,
    fold,
    lexicon,
    read,
    scan,
)
from claimkit.claims.forecast import period_end
from claimkit.claims.segments import segment_key, segments

PUB = "2025-10-31"


def facts_of(text: str, published: str = PUB) -> list[tuple[str, str, str | None, bool]]:
    return [
        (c.text, c.concept, c.segment, c.forecast) for c in claimkit.extract(text, published=published).claims
    ]


CASES = [
    # banks
    (
        "招商银行前三季度实现营业收入2514.2亿元，同比下降0.5%；归属于本行股东的净利润1137.7亿元。",
        [
            ("2514.2亿元", "revenue", None, False),
            ("0.5%", "revenue", None, False),
            ("1137.7亿元", "net_profit_attributable", None, False),
        ],
    ),
    (
        "净息差1.87%，较上年同期下降11个基点，不良贷款率0.94%。",
        [
            ("1.87%", "net_interest_margin", None, False),
            ("11个基点", "net_interest_margin", None, False),
            ("0.94%", "npl_ratio", None, False),
        ],
    ),
    ("工商银行第三季度利息净收入1580亿元。", [("1580亿元", "revenue", "利息净收入", False)]),
    # insurers
    (
        "中国平安前三季度归母营运利润1162.6亿元，寿险及健康险业务新业务价值357.2亿元，同比增长46.2%。",
        [
            ("1162.6亿元", "operating_profit", None, False),
            ("357.2亿元", "new_business_value", "寿险及健康险", False),
            ("46.2%", "new_business_value", "寿险及健康险", False),
        ],
    ),
    # traditional characters, Hong Kong wording
    (
        "中國平安前三季歸母淨利潤1328.6億元，按年增長11.5%。",
        [
            ("1328.6億元", "net_profit_attributable", None, False),
            ("11.5%", "net_profit_attributable", None, False),
        ],
    ),
    (
        "快手三季度經調整淨利潤50億元，同比增長26.3%。",
        [
            ("50億元", "adjusted_net_profit", None, False),
            ("26.3%", "adjusted_net_profit", None, False),
        ],
    ),
    ("騰訊期內股東應佔溢利為631億元。", [("631億元", "net_profit_attributable", None, False)]),
    (
        "台積電9月營收3,310億元新台幣，年增31.4%。",
        [("3,310億元", "revenue", None, False), ("31.4%", "revenue", None, False)],
    ),
    # mixed-script text of a careless conversion
    ("B站第三季淨亏损扩大至9.9亿元。", [("9.9亿元", "net_profit", None, False)]),
    # carmakers
    (
        "比亚迪9月新能源汽车销量39.6万辆，同比增长13.4%，其中海外销量7.1万辆。",
        [
            ("39.6万辆", "sales_volume", "新能源汽车", False),
            ("13.4%", "sales_volume", "新能源汽车", False),
            ("7.1万辆", "sales_volume", "海外", False),
        ],
    ),
    (
        "蔚来第三季度交付新车8.7万辆，预计第四季度交付量为12万至12.5万辆。",
        [("8.7万辆", "deliveries", None, False), ("12万至12.5万辆", "deliveries", None, True)],
    ),
    ("小鹏汽车预计2026年全年交付量将超过60万辆。", [("60万辆", "deliveries", None, True)]),
    # consumer chains
    (
        "海底捞上半年营业收入207亿元，门店总数达1363家。",
        [
            ("207亿元", "revenue", None, False),
            ("1363家", "store_count", None, False),
        ],
    ),
    # market-wide statistics
    (
        "国家统计局数据显示，9月社会消费品零售总额41971亿元，同比增长3.0%。",
        [("41971亿元", "market_size", None, False), ("3.0%", "market_size", None, False)],
    ),
    (
        "乘联会数据显示，10月全国乘用车零售销量225.6万辆，新能源车渗透率为57.2%。",
        [("225.6万辆", "sales_volume", "乘用车", False), ("57.2%", "penetration_rate", "新能源车", False)],
    ),
    # brokers and targets
    ("高盛将腾讯目标价上调至750港元。", [("750港元", "target_price", None, True)]),
    # profit words that depend on their context
    (
        "美团第三季度经营亏损141亿元，去年同期为经营溢利146亿元。",
        [("141亿元", "operating_profit", None, False), ("146亿元", "operating_profit", None, False)],
    ),
    (
        "理想汽车第三季度经调整亏损3.6亿元，去年同期为盈利39亿元。",
        [("3.6亿元", "adjusted_net_profit", None, False), ("39亿元", "adjusted_net_profit", None, False)],
    ),
    ("其中，阿里云季度盈利11.5亿元。", [("11.5亿元", "adjusted_ebitda", "阿里云", False)]),
    (
        "新业务经营亏损13亿元，核心本地商业大蚀141亿元。",
        [
            ("13亿元", "operating_profit", "新业务", False),
            ("141亿元", "operating_profit", "核心本地商业", False),
        ],
    ),
    # shares, averages and other figures
    ("网易第二季度研发投入占营业收入的15.8%。", [("15.8%", "other", None, False)]),
    (
        "泡泡玛特上半年手办营收50.2亿元，占比36.9%。",
        [
            ("50.2亿元", "revenue", "手办", False),
            ("36.9%", "other", "手办", False),
        ],
    ),
    ("宁德时代日均盈利约1.4亿元。", [("1.4亿元", "other", None, False)]),
    ("腾讯第三季度收入成本为1050亿元。", [("1050亿元", "other", None, False)]),
    # a growth rate takes the concept of what grows; 其中 names a part
    (
        "京东第三季度营收2991亿元，同比增长15%，其中服务收入增长30.8%。",
        [
            ("2991亿元", "revenue", None, False),
            ("15%", "revenue", None, False),
            ("30.8%", "revenue", "服务", False),
        ],
    ),
    # a segment on another basis, a segment's known names
    (
        "理想汽车第三季度剔除召回影响后的车辆毛利率为19.8%。",
        [("19.8%", "gross_margin", "车辆(剔除召回影响)", False)],
    ),
    ("阿里云智能集团第二季度收入同比增长26%。", [("26%", "revenue", "阿里云智能集团", False)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:12] for c in CASES])
def test_concept_segment_forecast_of_own_sentences(text: str, expected: list[tuple]) -> None:
    assert facts_of(text) == expected


FORECASTS = [
    ("腾讯预计，第四季度营收将同比增长10%。", [True]),
    ("百度预计第四季度营收310亿元至340亿元，同比增长5%至10%。", [True, True]),
    ("公司指引：全年交付量为40万辆；去年交付量为30万辆。", [True, False]),
    ("蔚来第三季度营收217.9亿元，超市场预期。", [False]),
    ("京东收入2991亿元，符合预期。", [False]),
    ("如果剔除汇兑影响，净利润将增长两位数。", [False]),
    ("小米全力保障35万辆的年度交付目标。", [True]),
    ("未来三年公司将投入500亿元用于研发。", [True]),
    ("面向未来，公司去年研发投入达到200亿元。", [False]),
    ("原材料价格下降5%。", [False]),
    ("市场有望在2026年扩大至1万亿元。", [True]),
]


@pytest.mark.parametrize(("text", "expected"), FORECASTS, ids=[f[0][:10] for f in FORECASTS])
def test_forecast_cues(text: str, expected: list[bool]) -> None:
    assert [c.forecast for c in claimkit.extract(text, published=PUB).claims] == expected


def test_evidence_spans_index_the_input() -> None:
    text = "蓝鲸（lánjīng）科技预计，阿里云收入将同比增长30%。"
    claim = claimkit.extract(text).claims[0]
    ev = claim.evidence
    assert ev.concept is not None and text[ev.concept.start : ev.concept.end] == "收入"
    assert ev.segment is not None and text[ev.segment.start : ev.segment.end] == "阿里云"
    assert ev.forecast is not None and text[ev.forecast.start : ev.forecast.end] in ("预计", "将")


def test_taxonomy_is_the_shared_one(tmp_path: object) -> None:
    from tests.conftest import SHARED

    path = SHARED / "taxonomy" / "concepts.tsv"
    if not path.exists():
        pytest.skip("../shared is not available")
    shared = [
        line.split("\t")[0]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and line[0] != "#"
    ]
    assert list(concepts()) == shared


def test_every_concept_word_names_a_known_concept_and_folds_alike() -> None:
    lex = lexicon()
    for word in lex.words.values():
        if word.role in ("", "loss", "segment"):
            assert all(c in lex.kinds or c == "profit" for c in word.concepts), word
    # traditional and simplified spellings of a word read alike
    assert [h.word.concepts for h in scan("營業收入")] == [h.word.concepts for h in scan("营业收入")]
    assert fold("淨虧損") == "净亏损"


def test_head_is_the_last_concept_word() -> None:
    assert read("阿里云收入成本", 0, 7).concepts == ("other",)
    assert read("经调整净利润", 0, 6).concepts == ("adjusted_net_profit",)
    assert read("非公认会计准则下归属于公司股东的净利润", 0, 19).concepts == ("adjusted_net_profit",)
    assert read("收入占比", 0, 4).concepts == ()  # a share of revenue
    assert read("营收增速", 0, 4).concepts == ("revenue",)  # the rate of what grows


def test_units_decide_between_readings() -> None:
    assert fits("revenue", "CNY", None) and not fits("revenue", "count", None)
    assert fits("revenue", "%", "yoy") and not fits("revenue", "%", None)
    assert fits("gross_margin", "%", None) and not fits("deliveries", "CNY", None)
    assert facts_of("中芯国际销售晶圆的数量为800万片。")[0][1] == "sales_volume"


def test_segment_names_resolve_together() -> None:
    index = segments()
    names = {
        index.canonical("Alibaba", n) for n in ("阿里云", "阿里云智能", "云智能集团", "阿里雲", "阿里云业务")
    }
    assert names == {"阿里云"}
    assert index.canonical("Tencent", "阿里云") == "阿里云"  # another company's list does not apply
    assert segment_key("游戏业务") == segment_key("游戏") and segment_key("遊戲業務") == segment_key("游戏")
    assert index.lookup("Alibaba", "云智能集团").profit == "adjusted_ebitda"  # type: ignore[union-attr]


def test_period_end() -> None:
    assert str(period_end("2025Q3")) == "2025-09-30"
    assert str(period_end("2025Q1-Q3")) == "2025-09-30"
    assert str(period_end("2025H1")) == "2025-06-30"
    assert str(period_end("2024")) == "2024-12-31"
    assert str(period_end("2025-02")) == "2025-02-28"
    assert str(period_end("2025-01/2025-11")) == "2025-11-30"
    assert period_end("FY2025") is None and period_end(None) is None


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet="营收净利润亏损经调整占比日均其中将预计超预期如果的、，。0123456789亿元%万辆阿里云 ",
        max_size=40,
    )
)
def test_fields_are_always_set_and_spans_index_the_input(text: str) -> None:
    for claim in claimkit.extract(text).claims:
        assert claim.concept in lexicon().kinds
        assert isinstance(claim.forecast, bool)
        for span in (claim.evidence.concept, claim.evidence.segment, claim.evidence.forecast):
            assert span is None or 0 <= span.start < span.end <= len(text)


_WORDS = sorted(lexicon().words)


def _plain_alternation(words: list[str]) -> re.Pattern[str]:
    """The concept words as one flat longest-first alternation (what the factored pattern must equal)."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        body = re.escape(w)
        if w[:1].isascii() and w[:1].isalpha():
            body = r"(?<![A-Za-z])" + body
        if w[-1:].isascii() and w[-1:].isalpha():
            body += r"(?![A-Za-z])"
        out.append(body)
    return re.compile("|".join(out), re.IGNORECASE)


_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(str.upper),
    st.sampled_from(_WORDS).map(lambda w: w[: len(w) // 2 + 1]),
    st.text(alphabet="abAIxyzE的率收入，。\n12%", max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_the_word_trie_finds_what_a_flat_alternation_finds(text: str) -> None:
    flat = _plain_alternation(_WORDS)
    assert [(h.start, h.end) for h in find_words(text)] == [m.span() for m in flat.finditer(text)]


def test_no_concept_word_holds_a_sentence_break() -> None:
    assert not [w for w in _WORDS if _SENTENCE_BREAK.search(w)]  # sentences are scanned one by one


def test_latin_letters_are_those_a_case_blind_match_reads() -> None:
    letters = [chr(c) for c in range(0x110000) if re.fullmatch("[a-z]", chr(c), re.IGNORECASE)]
    assert all("a" <= ch <= "z" for ch in "".join(letters).translate(_LOWER))


def _same_words_alone_and_in_the_document(text: str, start: int, end: int) -> None:
    alone = scan(text, start, end)
    token = KNOWN_SPANS.set(KnownSpans.of(text, (), ()))
    try:
        assert scan(text, start, end) == alone
    finally:
        KNOWN_SPANS.reset(token)


@pytest.mark.parametrize("text,start,end", [("xGMVy", 1, 4), ("净利润率", 0, 3), ("营收EPSa", 0, 5)])
def test_words_at_a_piece_edge(text: str, start: int, end: int) -> None:
    _same_words_alone_and_in_the_document(text, start, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12).map("".join), st.data())
def test_words_of_a_piece_are_those_of_one_scan_of_the_document(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    _same_words_alone_and_in_the_document(text, start, data.draw(st.integers(start, len(text))))
