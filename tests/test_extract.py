"""extract(): claims with metric, change, period, company and speaker, rule by rule."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimkit

from .conftest import GOLD, HELDOUT, ROOT, gold_documents


def claims(text: str, published: str | None = "2025-05-20") -> list[claimkit.Claim]:
    return claimkit.extract(text, published=published).claims


def by_text(text: str, published: str | None = "2025-05-20") -> dict[str, claimkit.Claim]:
    return {c.text: c for c in claims(text, published)}


# ---------------------------------------------------------------- companies


def test_company_of_the_clause_and_products_resolve_to_owners() -> None:
    c = by_text("本季度，阿里云收入同比增长18%，微信及WeChat的合并月活跃账户数达14.1亿。")
    assert c["18%"].company == "Alibaba"
    assert c["14.1亿"].company == "Tencent"


def test_company_carries_over_within_and_across_sentences() -> None:
    c = by_text("小米集团公布第一季度业绩。期内总收入为1113亿元，同比增长47.4%。\n智能手机出货量4180万台。")
    assert {x.company for x in c.values()} == {"Xiaomi"}


def test_subject_company_beats_a_later_object() -> None:
    c = by_text("中国平安并表了平安健康，一次性会计处理产生了34亿元的负面影响。")
    assert c["34亿元"].company == "Ping An"


def test_comparison_frame_does_not_give_the_company() -> None:
    c = by_text("与阿里对外输出算力不同，腾讯的资本开支达274.8亿元。")
    assert c["274.8亿元"].company == "Tencent"


def test_aggregate_of_two_companies_has_no_company() -> None:
    c = by_text("腾讯和阿里合计投入超过1000亿元。")
    assert c["1000亿元"].company is None


def test_market_wide_figure_has_no_company() -> None:
    text = "宁德时代全年营收3620亿元。\n2024年，碳酸锂价格从年初的约10万元/吨跌至年底的7.5万元/吨。"
    c = by_text(text, "2025-03-15")
    assert c["3620亿元"].company == "CATL"
    assert c["10万元/吨"].company is None and c["7.5万元/吨"].company is None


def test_weak_alias_needs_a_strong_mention_first() -> None:
    assert by_text("理想的营收增长了20%。")["20%"].company is None
    assert by_text("理想汽车发布财报。理想表示，营收增长20%。")["20%"].company == "Li Auto"


@pytest.mark.parametrize(
    ("text", "claim", "company"),
    [
        # 中通 (ZTO) is only the halves of 其中 and 通信; 工行 (ICBC) of 化工 and 行业
        ("中国联通前三季度营收2900亿元，同比增长1%，其中通信服务收入2600亿元。", "2600亿元", "China Unicom"),
        ("多家券商认为化工行业景气度回升，板块营收增长8%。", "8%", None),
        # a name that starts with a scale character right after a numeral is the number's scale
        ("公司计划投资50亿光伏项目，营收增长8%。", "8%", None),
        # 京东方面表示 is 京东 and 方面, not 京东方 (BOE); 京东方前三季度 stays BOE
        ("京东方面表示，今年双11期间成交用户数同比增长40%。", "40%", "JD.com"),
        ("京东方前三季度营收1500亿元，同比增长7%。", "7%", "BOE"),
        # one side alone makes no word pair: the name stands (在中通 is no word, 通快 neither)
        ("去年双十一期间，在中通快递的网点，日均揽收量增长12%。", "12%", "ZTO"),
    ],
)
def test_a_short_name_split_across_two_words_is_none(text: str, claim: str, company: str | None) -> None:
    assert by_text(text, "2025-10-21")[claim].company == company


def test_longest_name_wins() -> None:
    assert by_text("腾讯音乐第三季度总收入85亿元。")["85亿元"].company == "Tencent Music"


def test_extra_companies_at_run_time() -> None:
    nlp = claimkit.load(
        extra_companies=[{"canonical": "Acme Robotics", "names": ["极光机器人"], "products": ["星河一号"]}]
    )
    result = claimkit.extract("星河一号今年销量超过5万台。", nlp=nlp)
    assert result.claims[0].company == "Acme Robotics"
    with pytest.raises(claimkit.ClaimkitError):
        claimkit.load(extra_companies=[{"names": ["无名"]}])


# ---------------------------------------------------------------- speakers


def test_person_with_title_chain_and_later_bare_name() -> None:
    text = (
        "阿里巴巴集团首席执行官、阿里云智能集团董事长兼首席执行官吴泳铭表示，AI收入连续七个季度三位数增长。"
        "今年2月，吴泳铭宣布，未来三年将投入超过3800亿元。"
    )
    c = by_text(text)
    assert c["三位数"].speaker == "吴泳铭" and c["三位数"].company == "Alibaba"
    assert c["3800亿元"].speaker == "吴泳铭"
    assert c["3800亿元"].period is None  # 未来三年: a span, not a period


def test_unknown_name_read_after_a_title() -> None:
    c = by_text("极氪首席财务官韩筱娟介绍，第一季度交付量达到4.2万辆。")
    assert c["4.2万辆"].speaker == "韩筱娟"


def test_pronoun_resolves_to_last_person() -> None:
    c = by_text("联想集团董事长杨元庆表达了信心，他介绍，联想已在全球建立了30多家工厂。")
    assert c["30多家"].speaker == "杨元庆"


def test_company_as_speaker() -> None:
    c = by_text("理想汽车发布财报。理想预计，第二季度车辆交付量为12.3万辆。公司预计毛利率将提升2个百分点。")
    assert c["12.3万辆"].speaker == "Li Auto"
    assert c["2个百分点"].speaker == "Li Auto"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("据Canalys数据，小米第一季度出货量为4180万台。", "Canalys"),
        ("根据SNE数据，宁德时代市场份额为37.9%。", "SNE"),
        ("IDC报告显示，华为出货量达到1000万台。", "IDC"),
        ("QuestMobile数据显示，抖音月活跃用户达到10亿。", "QuestMobile"),
        ("有媒体统计，通义千问投放费用仅450万元。", "媒体"),
        ("相关报道显示，茅台1935价格已跌超六成。", "相关报道"),
        ("乘联会数据显示，比亚迪4月销量为38万辆。", "乘联会"),
        ("财报显示，美团营收增长21%。", None),
        ("数据显示，美团营收增长21%。", None),
    ],
)
def test_data_sources(text: str, speaker: str | None) -> None:
    assert [c.speaker for c in claims(text)][-1] == speaker


def test_reporting_verb_covers_its_sentence_only() -> None:
    c = by_text("蒋凡表示，淘天用户增长了5%。另外，闲鱼用户增长了8%。")
    assert c["5%"].speaker == "蒋凡" and c["8%"].speaker is None


def test_quotation_with_speaker_before_and_after() -> None:
    before = by_text("孟晚舟表示：“2022年，华为资产负债率为58.9%。研发费用率25.1%。”随后发布会结束。")
    assert before["58.9%"].speaker == "孟晚舟" and before["25.1%"].speaker == "孟晚舟"
    after = by_text("“我们今年的营收增长了30%。”王宁在接受采访时表示。")
    assert after["30%"].speaker == "王宁"
    unclosed = by_text("泡泡玛特创始人王宁表示，“我们有信心达到整个集团同比50%的增长")
    assert unclosed["50%"].speaker == "王宁"


# ---------------------------------------------------------------- change, direction, metric


@pytest.mark.parametrize(
    ("text", "target", "change", "direction"),
    [
        ("营收同比增长18%", "18%", "yoy", "up"),
        ("营收按年减少36.2%", "36.2%", "yoy", "down"),
        ("下载量环比大增近1500%", "1500%", "qoq", "up"),
        ("收入按季亦跌9.5%", "9.5%", "qoq", "down"),
        ("净利润增长28%", "28%", "growth", "up"),
        ("合同负债较年初下降约19%", "19%", "growth", "down"),
        ("毛利率为43.5%", "43.5%", None, None),
        ("占比降至53.2%", "53.2%", None, None),
        ("AI收入同比连续7季度三位数增长", "三位数", "yoy", "up"),
        ("实现两位数增长", "两位数", "growth", "up"),
        ("降幅达25.26%", "25.26%", "growth", "down"),
        ("毛利率同比增长 0.9 个百分点", "0.9 个百分点", "yoy", "up"),
        ("营收同比翻倍", "翻倍", "yoy", "up"),
        ("总收入同比增长21%至85亿元", "85亿元", None, None),
    ],
)
def test_change_and_direction(text: str, target: str, change: str | None, direction: str | None) -> None:
    c = by_text(text)[target]
    assert (c.change, c.direction) == (change, direction)


def test_respectively_maps_bases_in_order() -> None:
    c = by_text("车辆毛利率为15.5%，按年及按季分别跌5.4及3.9个百分点。")
    assert (c["5.4"].change, c["5.4"].unit, c["3.9个百分点"].change) == ("yoy", "pp", "qoq")


def test_metric_is_the_measured_phrase() -> None:
    c = by_text(
        "当季爱奇艺日均订阅会员数1.11亿，较去年同期9830万增长13%。2025年第一季度，腾讯的资本开支274.8亿元。"
    )
    assert c["1.11亿"].metric == "日均订阅会员数"
    assert c["9830万"].metric == "日均订阅会员数"
    assert c["274.8亿元"].metric == "资本开支"


# ---------------------------------------------------------------- periods in context


def test_periods_bind_locally_and_inherit() -> None:
    text = "爱奇艺第二季度财报显示，当季日均订阅会员数1.11亿，较去年同期9830万增长13%。"
    c = by_text(text, "2023-08-29")
    assert (c["1.11亿"].period, c["9830万"].period, c["13%"].period) == ("2023Q2", "2022Q2", "2023Q2")


def test_anchor_period_does_not_set_the_period() -> None:
    text = "2025年第三季度总收入同比增长21%，创2021年第一季度以来最高增速。\n在线音乐收入同比增长27%。"
    c = by_text(text, "2025-11-12")
    assert c["27%"].period == "2025Q3"


def test_stock_price_takes_the_publication_month() -> None:
    assert by_text("理想汽车美股盘前跌1.42%，报18.06美元。", "2025-11-26")["18.06美元"].period == "2025-11"


def test_relative_periods_need_a_publication_date() -> None:
    assert by_text("去年10月，通义千问投放费用450万元。", None)["450万元"].period is None
    assert by_text("去年10月，通义千问投放费用450万元。", "2025-05-16")["450万元"].period == "2024-10"


# ---------------------------------------------------------------- the document as a whole


def test_structural_counts_and_durations_are_not_claims() -> None:
    texts = [c.text for c in claims("两家公司在17天内更新7次，三件事，未来三到五年投入100亿元。")]
    assert texts == ["7次", "100亿元"]


def test_a_share_verb_qualifies_only_the_share() -> None:
    found = [
        (c.text, c.qualifier) for c in claims("两项业务收入分别增长4.1%及6.2%，后者约占两项合计收入的两成。")
    ]
    assert found == [("4.1%", "exact"), ("6.2%", "exact"), ("两成", "approx")]


def test_a_numeral_inside_a_company_name_is_not_a_claim() -> None:
    texts = [
        c.text for c in claims("吉林三台农村商业银行（06199）30日公布中期业绩：上半年营业收入为18.74亿元。")
    ]
    assert texts == ["18.74亿元"]


def test_the_base_of_a_per_unit_rate_is_not_a_claim() -> None:
    texts = [c.text for c in claims("董事会拟每10股派发现金红利2.35元（含税），合计派息约18.6亿元。")]
    assert texts == ["2.35元", "18.6亿元"]


def test_offsets_index_the_dirty_input() -> None:
    page = "腾讯(téngxùn)的(de)(de)资本开支(zīběnkāizhī)达274.8亿元，同比增长(zēngzhǎng)91%。"
    for c in claims(page):
        assert page[c.start : c.end] == c.text
        assert c.sentence is not None and c.sentence.start <= c.start < c.end <= c.sentence.end
    assert claims(page)[0].evidence.company is not None


def test_json_dump_keeps_decimals_exact() -> None:
    (c,) = claims("营收47.264287亿元")
    dumped = c.model_dump(mode="json")
    assert dumped["value"] == "4726428700" and dumped["unit"] == "CNY"
    assert json.loads(json.dumps(dumped))["value"] == "4726428700"


def test_non_str_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="bytes"):
        claimkit.extract(b"abc")  # type: ignore[arg-type]


BOILER = st.sampled_from(["相关推荐\n暂无评论", "责任编辑：张三", "版权所有 © 2025", "分享到：微信 微博"])
SENTENCES = st.sampled_from(
    [
        "腾讯2025年第一季度资本开支274.8亿元，同比增长91%。",
        "据QuestMobile，通义仅排在第12位。",
        "美团预计第四季度收入将达到1030亿至1060亿元。",
        "小米汽车交付量超过4万辆，环比增长近三成。",
        "比亚迪董事长王传福表示，海外销量占比提升至20%。",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SENTENCES, min_size=1, max_size=4, unique=True), BOILER)
def test_same_claims_when_repeated_or_wrapped_in_furniture(sentences: list[str], furniture: str) -> None:
    article = "\n".join(sentences)
    base = [(c.text, c.value, c.unit, c.period, c.company, c.speaker) for c in claims(article)]
    for page in (f"{article}\n{article}", f"{article}\n\n{furniture}"):
        again = [(c.text, c.value, c.unit, c.period, c.company, c.speaker) for c in claims(page)]
        assert again == base


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_extract_never_raises_and_spans_slice(text: str) -> None:
    for c in claims(text):
        assert text[c.start : c.end] == c.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(SENTENCES, st.text(max_size=20)), max_size=6).map("".join))
def test_extract_on_mixed_noise(text: str) -> None:
    for c in claims(text):
        assert text[c.start : c.end] == c.text
        assert c.value is not None or (c.low is not None and c.high is not None)


# ---------------------------------------------------------------- gold data, through the shared scorer


def _scorer():  # type: ignore[no-untyped-def]
    path = ROOT.parent / "shared" / "tools" / "score_claims.py"
    if not path.exists():
        pytest.skip("../shared/tools/score_claims.py is not available")
    spec = importlib.util.spec_from_file_location("score_claims", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _strict_f1(folder) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    scorer = _scorer()
    tp = fp = fn = strict = 0
    for _, text, meta, gold in gold_documents(folder):
        _, pairs, false_pos, false_neg, _ = scorer.score_doc(text, meta, gold, claimkit.extract)
        tp, fp, fn = tp + len(pairs), fp + len(false_pos), fn + len(false_neg)
        strict += sum(all(scorer.field_ok(f, g, p) for f in scorer.STRICT) for g, p in pairs)
    span = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    s_fp, s_fn = fp + tp - strict, fn + tp - strict
    return span, (2 * strict / (2 * strict + s_fp + s_fn) if strict else 0.0)


# Floors a little under today's scores (span/strict: seed 1.000/1.000; dev, 25 articles,
# 0.999/0.994): a regression fails CI, an honest trade-off on a new rule does not. Raise them
# with the scores.
@pytest.mark.parametrize(
    ("folder", "span_floor", "strict_floor"), [(GOLD, 0.97, 0.95), (GOLD / "dev", 0.99, 0.98)]
)
def test_gold_scores(folder, span_floor: float, strict_floor: float) -> None:  # type: ignore[no-untyped-def]
    if not folder.exists():
        pytest.skip(f"{folder} is not available")
    span, strict = _strict_f1(folder)
    assert span >= span_floor and strict >= strict_floor, (span, strict)


# The project's own pages (tests/data/heldout*), as regression floors a little under today's strict
# F1 (0.965, 0.966, 0.965, 0.941, 0.953, 0.951, 0.971, 0.951, 0.908, 0.826, 0.952, 0.962; heldout6-12
# scored 0.738, 0.901, 0.773, 0.884, 0.727, 0.675 and 0.425 when first run, blind; each set's README
# gives its first score, heldout19 0.651, heldout21 0.912, heldout20 0.835, heldout22 0.878, heldout23 0.949, heldout24 0.891, heldout26 0.642, heldout27 0.825, heldout28 0.824, heldout29 0.891, heldout30 0.917, heldout31 0.968, heldout32 0.844, heldout33 0.798, heldout34 0.722, heldout35 0.828, heldout36 0.766, heldout37 0.927, heldout38 0.918, heldout39 0.947, heldout40 0.709, heldout41 0.868, heldout42 0.832, heldout43 0.815 (0.873 with its unit slip corrected), heldout44 0.897, heldout45 0.949, heldout46 0.864, heldout47 0.832, heldout48 0.877, heldout49 0.753, heldout50 0.962, heldout51 0.750, heldout52 0.876, heldout53 0.971, heldout54 0.936, heldout55 0.969, heldout56 0.967, heldout57 0.971, heldout58 0.805, heldout59 0.913, heldout60 0.896, heldout61 0.964, heldout62 0.943, heldout63 0.932, heldout64 0.938, heldout65 0.950, heldout66 0.868, heldout67 0.905, heldout68 0.908, heldout69 0.916, heldout70 0.953, heldout71 0.978, heldout72 0.901, heldout73 0.935, heldout74 0.979, heldout75 0.872, heldout76 0.869, heldout77 0.912, heldout78 0.974, heldout79 0.948, heldout80 0.968, heldout81 0.962, heldout82 0.876, heldout83 0.943, heldout84 0.968, heldout85 0.949, heldout86 0.785, heldout87 0.940, heldout88 0.968, heldout89 0.956, heldout90 0.866, heldout91 0.945, heldout92 0.995, heldout93 0.948, heldout94 0.810, heldout95 0.938, heldout96 0.939, heldout97 0.984, heldout98 0.954, heldout99 0.947, heldout100 0.918, heldout101 0.968, heldout102 0.955, heldout103 0.899, heldout104 0.699, heldout105 0.811, heldout106 0.967, heldout107 0.901, heldout108 0.936, heldout109 0.743, heldout110 0.665, heldout111 0.970, heldout112 0.800, heldout113 0.800, heldout114 0.889, heldout115 0.891, heldout116 0.924, heldout117 0.967, heldout118 0.907, heldout119 0.966, heldout120 0.970, heldout121 0.747, heldout122 0.912, heldout123 0.935, heldout124 0.812, heldout125 0.978, heldout126 0.978, heldout127 0.758, heldout128 0.818, heldout129 0.782, heldout130 0.744, heldout131 0.814, heldout132 0.760, heldout133 0.840, heldout134 0.934, heldout135 0.940, heldout136 0.778, heldout137 0.881, heldout138 0.825, heldout139 0.945, heldout140 0.900, heldout141 0.893, heldout142 0.918, heldout143 0.919, heldout144 0.483, heldout145 0.817, heldout146 0.839, heldout147 0.620, heldout148 0.970, heldout149 0.907, heldout150 0.936, heldout151 0.867, heldout152 0.966, heldout153 0.940, heldout154 0.757, heldout155 0.926, heldout156 0.994, heldout157 0.932, heldout158 0.829, heldout159 0.762, heldout160 0.957, heldout161 0.988, heldout162 0.846, heldout163 0.865, heldout164 0.871, heldout165 0.966, heldout166 0.799, heldout167 0.764, heldout168 0.955, heldout169 0.837, heldout170 0.741, heldout171 0.659, heldout172 0.893, heldout173 0.720, heldout174 0.746, heldout175 0.925, heldout176 0.677, heldout177 0.912, heldout178 0.638, heldout179 0.721, heldout180 0.979, heldout181 0.854, heldout182 0.926, heldout183 0.821, heldout184 0.569, heldout185 0.878, heldout186 0.960, heldout187 0.859, heldout188 0.741, heldout189 0.802, heldout190 0.976, heldout191 0.644, heldout192 0.773, heldout193 0.822, heldout194 0.899, heldout195 0.957, heldout196 0.962, heldout197 0.882, heldout198 0.827, heldout199 0.749, heldout200 0.950, heldout201 0.856, heldout202 0.910, heldout203 0.402, heldout204 0.632, heldout205 0.683, heldout206 0.873, heldout207 0.905, heldout208 0.624, heldout209 0.684, heldout210 0.826, heldout211 0.575, heldout212 0.613, heldout213 0.970, heldout214 0.857, heldout215 0.866, heldout216 0.861, heldout217 0.940, heldout218 0.854, heldout219 0.962, heldout220 0.906, heldout221 0.926, heldout222 0.861, heldout223 0.909, heldout224 0.940, heldout225 0.954, heldout226 0.914, heldout227 0.917, heldout228 0.905, heldout229 0.899, heldout230 0.675, heldout231 0.808, heldout232 0.763, heldout233 0.493, heldout234 0.926, heldout235 0.815, heldout236 0.754, heldout237 0.842, heldout238 0.713, heldout239 0.843, heldout240 0.922, heldout241 0.927, heldout242 0.832, heldout243 0.737, heldout244 0.973, heldout245 0.846, heldout246 0.717, heldout247 0.933, heldout248 0.943, heldout249 0.975, heldout250 0.970, heldout251 0.957, heldout252 0.896, heldout253 0.955, heldout254 0.910, heldout255 0.940, heldout256 0.703, heldout257 0.768, heldout258 0.936, heldout259 0.864, heldout260 0.952, heldout261 0.732, heldout262 0.801, heldout263 0.959, heldout264 0.921, heldout265 0.910, heldout266 0.875, heldout267 0.810, heldout268 0.929, heldout269 0.961, heldout270 0.929, heldout271 0.804, heldout272 0.881, heldout273 0.891, heldout274 0.765, heldout275 0.868, heldout276 0.971, heldout277 0.960, heldout278 0.931, heldout279 0.871, heldout280 0.975, heldout281 0.918, heldout282 0.726, heldout283 0.855, heldout284 0.922, heldout285 0.876, heldout286 0.940, heldout287 0.920, heldout288 0.861, heldout289 0.894, heldout290 0.971, heldout291 0.982, heldout292 0.866, heldout293 0.787, heldout294 0.875, heldout295 0.890, heldout296 0.947, heldout297 0.875, heldout298 0.614, heldout299 0.905, heldout300 0.865, heldout301 0.691, heldout302 0.928, heldout303 0.971, heldout304 0.881, heldout305 0.864, heldout306 0.758, heldout307 0.897, heldout308 0.959, heldout309 0.895, heldout310 0.746, heldout311 0.954, heldout312 0.941, heldout313 0.840, heldout314 0.843, heldout315 0.919, heldout316 0.876, heldout317 0.947, heldout318 0.918, heldout319 0.905, heldout320 0.922, heldout321 0.850, heldout322 0.913, heldout323 0.828, heldout324 0.855, heldout325 0.540, heldout326 0.959, heldout327 0.786, heldout328 0.837, heldout329 0.908, heldout330 0.723, heldout331 0.843, heldout332 0.936, heldout333 0.858, heldout334 0.849, heldout335 0.883, heldout336 0.746, heldout337 0.954, heldout338 0.839, heldout339 0.822, heldout340 0.859, heldout341 0.633, heldout342 0.826, heldout343 0.965, heldout344 0.898, heldout345 0.491, heldout346 0.940, heldout347 0.812, heldout348 0.974, heldout349 0.727, heldout350 0.813, heldout351 0.888, heldout352 0.901, heldout353 0.994, heldout354 0.817, heldout355 0.743, heldout356 0.867, heldout357 0.828, heldout358 0.772, heldout359 0.985, heldout360 0.584, heldout361 0.889, heldout362 0.688, heldout363 0.643, heldout364 0.943, heldout365 0.749, heldout366 0.930, heldout367 0.877, heldout368 0.901, heldout369 0.889, heldout370 0.695, heldout371 0.810, heldout372 0.721, heldout373 0.919, heldout374 0.867, heldout375 0.959, heldout376 0.671, heldout377 0.934 heldout378 0.831, heldout379 0.828, heldout380 0.942, heldout381 0.920, heldout382 0.821, heldout383 0.821, heldout384 0.602, heldout385 0.804, heldout386 0.861, heldout387 0.780, heldout388 0.954, heldout389 0.953, heldout390 0.975, heldout391 0.867, heldout392 0.612, heldout393 0.919, heldout394 0.898, heldout395 0.951, heldout396 0.971, heldout397 0.944, heldout398 0.931, heldout399 0.744, heldout400 0.908, heldout401 0.926 heldout402 0.845, heldout403 0.928, heldout404 0.911, heldout405 0.905, heldout406 0.658, heldout407 0.857, heldout408 0.760, heldout409 0.934, heldout410 0.882, heldout411 0.910, heldout412 0.863, heldout413 0.970, heldout414 0.771, heldout415 0.639, heldout416 0.760, heldout417 0.913, heldout418 0.671, heldout419 0.918, heldout420 0.447, heldout421 0.971, heldout422 0.755, heldout423 0.946, heldout424 0.910, heldout425 0.867, heldout426 0.940, heldout427 0.820, heldout428 0.690, heldout429 0.757, heldout430 0.794, heldout431 0.781, heldout432 0.953, heldout433 0.702 heldout434 0.966, heldout435 0.943, heldout436 0.857, heldout437 0.825, heldout438 0.813, heldout439 0.836, heldout440 0.882, heldout441 0.867, heldout442 0.919, heldout443 0.994, heldout444 0.886, heldout445 0.934, heldout446 0.920, heldout447 0.751, heldout448 0.895, heldout449 0.913, heldout450 0.861, heldout451 0.944, heldout452 0.966, heldout453 0.790, heldout454 0.937, heldout455 0.747, heldout456 0.822, heldout457 0.808 heldout458 0.877, heldout459 0.957, heldout460 0.909, heldout461 0.865, heldout462 0.907, heldout463 0.962, heldout464 0.794, heldout465 0.975, heldout466 0.789, heldout467 0.795, heldout468 0.749, heldout469 0.655, heldout470 0.881, heldout471 0.864, heldout472 0.882, heldout473 0.840, heldout474 0.939, heldout475 0.940, heldout476 0.938, heldout477 0.977, heldout478 0.857, heldout479 0.804, heldout480 0.918, heldout481 0.970, heldout482 0.899, heldout483 0.798, heldout484 0.932, heldout485 0.969, heldout486 0.696, heldout487 0.888, heldout488 0.946, heldout489 0.873 and heldout490 0.932 the latest): not evidence of
# quality on unseen text, but a change that loses what they hold fails here.
@pytest.mark.parametrize(
    ("name", "strict_floor"),
    [
        ("heldout", 0.970),
        ("heldout2", 0.98),
        ("heldout3", 0.970),
        ("heldout4", 0.965),
        ("heldout5", 0.97),
        ("heldout6", 0.950),
        ("heldout7", 0.995),
        ("heldout8", 0.955),
        ("heldout9", 0.955),
        ("heldout10", 0.960),
        ("heldout11", 0.960),
        ("heldout12", 0.965),
        ("heldout13", 0.950),
        ("heldout14", 0.980),
        ("heldout15", 0.865),
        ("heldout16", 0.99),
        ("heldout17", 0.980),
        ("heldout18", 0.965),
        ("heldout19", 0.960),
        ("heldout20", 0.98),
        ("heldout21", 0.950),
        ("heldout22", 0.995),
        ("heldout23", 0.975),
        ("heldout24", 0.950),
        ("heldout26", 0.950),
        ("heldout27", 0.970),
        ("heldout28", 0.985),
        ("heldout29", 0.985),
        ("heldout30", 0.98),
        ("heldout31", 0.99),
        ("heldout32", 0.995),
        ("heldout33", 0.995),
        ("heldout34", 0.975),
        ("heldout35", 0.970),
        ("heldout36", 0.990),
        ("heldout37", 0.965),
        ("heldout38", 0.995),
        ("heldout39", 0.960),
        ("heldout40", 0.980),
        ("heldout41", 0.975),
        ("heldout42", 0.940),
        ("heldout43", 0.990),
        ("heldout44", 0.980),
        ("heldout45", 0.985),
        ("heldout46", 0.970),
        ("heldout47", 0.925),
        ("heldout48", 0.950),
        ("heldout49", 0.960),
        ("heldout50", 0.985),
        ("heldout51", 0.965),
        ("heldout52", 0.940),
        ("heldout53", 0.990),
        ("heldout54", 0.970),
        ("heldout55", 0.990),
        ("heldout56", 0.985),
        ("heldout57", 0.995),
        ("heldout58", 0.980),
        ("heldout59", 0.965),
        ("heldout60", 0.965),
        ("heldout61", 0.990),
        ("heldout62", 0.965),
        ("heldout63", 0.950),
        ("heldout64", 0.975),
        ("heldout65", 0.985),
        ("heldout66", 0.975),
        ("heldout67", 0.960),
        ("heldout68", 0.940),
        ("heldout69", 0.935),
        ("heldout70", 0.97),
        ("heldout71", 0.975),
        ("heldout72", 0.965),
        ("heldout73", 0.965),
        ("heldout74", 0.990),
        ("heldout75", 0.985),
        ("heldout76", 0.970),
        ("heldout77", 0.935),
        ("heldout78", 0.990),
        ("heldout79", 0.975),
        ("heldout80", 0.980),
        ("heldout81", 0.975),
        ("heldout82", 0.990),
        ("heldout83", 0.990),
        ("heldout84", 0.985),
        ("heldout85", 0.960),
        ("heldout86", 0.98),
        ("heldout87", 0.995),
        ("heldout88", 0.96),
        ("heldout89", 0.990),
        ("heldout90", 0.965),
        ("heldout91", 0.975),
        ("heldout92", 0.995),
        ("heldout93", 0.975),
        ("heldout94", 0.990),
        ("heldout95", 0.985),
        ("heldout96", 0.95),
        ("heldout97", 0.99),
        ("heldout98", 0.965),
        ("heldout99", 0.945),
        ("heldout100", 0.965),
        ("heldout101", 0.98),
        ("heldout102", 0.980),
        ("heldout103", 0.970),
        ("heldout104", 0.94),
        ("heldout105", 0.980),
        ("heldout106", 0.985),
        ("heldout107", 0.915),
        ("heldout108", 0.970),
        ("heldout109", 0.935),
        ("heldout110", 0.900),
        (
            "heldout111",
            0.925,
        ),  # stop 31: 首位 read as a rank, and a 其中 sentence as the customs data's part (speaker written 中国海关总署)
        ("heldout112", 0.915),
        ("heldout113", 0.995),
        ("heldout114", 0.960),
        ("heldout115", 0.935),
        ("heldout116", 0.93),
        ("heldout117", 0.96),
        ("heldout118", 0.950),
        ("heldout119", 0.970),
        ("heldout120", 0.975),
        ("heldout121", 0.97),
        ("heldout122", 0.965),
        ("heldout123", 0.980),
        ("heldout124", 0.945),
        ("heldout125", 0.985),
        ("heldout126", 0.97),
        ("heldout127", 0.990),
        ("heldout128", 0.97),
        ("heldout129", 0.915),
        ("heldout130", 0.970),
        ("heldout131", 0.885),
        ("heldout132", 0.880),
        ("heldout133", 0.955),
        ("heldout134", 0.980),
        ("heldout135", 0.935),
        ("heldout136", 0.945),
        ("heldout137", 0.925),
        ("heldout138", 0.970),
        ("heldout139", 0.950),
        ("heldout140", 0.990),
        ("heldout141", 0.990),
        ("heldout142", 0.970),
        ("heldout143", 0.965),
        ("heldout144", 0.700),
        ("heldout145", 0.990),
        ("heldout146", 0.980),
        ("heldout147", 0.940),
        ("heldout148", 0.975),
        ("heldout149", 0.925),
        ("heldout150", 0.945),
        ("heldout151", 0.975),
        ("heldout152", 0.985),
        ("heldout153", 0.965),
        ("heldout154", 0.805),
        ("heldout155", 0.955),
        ("heldout156", 0.990),
        ("heldout157", 0.940),
        ("heldout158", 0.965),
        ("heldout159", 0.960),
        ("heldout160", 0.965),
        ("heldout161", 0.980),
        ("heldout162", 0.985),
        ("heldout163", 0.910),
        ("heldout164", 0.965),
        ("heldout165", 0.980),
        ("heldout166", 0.970),
        ("heldout167", 0.980),
        ("heldout168", 0.970),
        ("heldout169", 0.915),
        ("heldout170", 0.980),
        ("heldout171", 0.955),
        ("heldout172", 0.945),
        ("heldout173", 0.940),
        ("heldout174", 0.970),
        ("heldout175", 0.965),
        ("heldout176", 0.930),
        ("heldout177", 0.960),
        ("heldout178", 0.965),
        ("heldout179", 0.815),
        ("heldout180", 0.975),
        ("heldout181", 0.915),
        ("heldout182", 0.960),
        ("heldout183", 0.945),
        ("heldout184", 0.955),
        ("heldout185", 0.970),
        ("heldout186", 0.975),
        ("heldout187", 0.950),
        ("heldout188", 0.955),
        ("heldout189", 0.970),
        ("heldout190", 0.970),
        ("heldout191", 0.920),
        ("heldout192", 0.980),
        ("heldout193", 0.960),
        ("heldout194", 0.960),
        ("heldout195", 0.955),
        ("heldout196", 0.960),
        ("heldout197", 0.940),
        ("heldout198", 0.940),
        ("heldout199", 0.965),
        ("heldout200", 0.975),
        ("heldout201", 0.945),
        ("heldout202", 0.950),
        ("heldout203", 0.875),
        ("heldout204", 0.890),
        ("heldout205", 0.905),
        ("heldout206", 0.965),
        ("heldout207", 0.965),
        ("heldout208", 0.930),
        ("heldout209", 0.960),
        ("heldout210", 0.925),
        ("heldout211", 0.875),
        ("heldout212", 0.615),
        ("heldout213", 0.980),
        ("heldout214", 0.865),
        ("heldout215", 0.965),
        ("heldout216", 0.885),
        ("heldout217", 0.975),
        ("heldout218", 0.920),
        ("heldout219", 0.965),
        ("heldout220", 0.955),
        ("heldout221", 0.950),
        ("heldout222", 0.950),
        ("heldout223", 0.955),
        ("heldout224", 0.950),
        ("heldout225", 0.985),
        ("heldout226", 0.980),
        ("heldout227", 0.945),
        ("heldout228", 0.950),
        ("heldout229", 0.965),
        ("heldout230", 0.970),
        ("heldout231", 0.840),
        ("heldout232", 0.945),
        ("heldout233", 0.870),
        ("heldout234", 0.970),
        ("heldout235", 0.960),
        ("heldout236", 0.925),
        ("heldout237", 0.945),
        ("heldout238", 0.825),
        ("heldout239", 0.945),
        ("heldout240", 0.970),
        ("heldout241", 0.975),
        ("heldout242", 0.955),
        ("heldout243", 0.950),
        ("heldout244", 0.975),
        ("heldout245", 0.960),
        ("heldout246", 0.935),
        ("heldout247", 0.975),
        ("heldout248", 0.970),
        ("heldout249", 0.990),
        ("heldout250", 0.965),
        ("heldout251", 0.965),
        ("heldout252", 0.955),
        ("heldout253", 0.950),
        ("heldout254", 0.965),
        ("heldout255", 0.955),
        ("heldout256", 0.875),
        ("heldout257", 0.940),
        ("heldout258", 0.940),
        ("heldout259", 0.915),
        ("heldout260", 0.965),
        ("heldout261", 0.970),
        ("heldout262", 0.955),
        ("heldout263", 0.975),
        ("heldout264", 0.990),
        ("heldout265", 0.970),
        ("heldout266", 0.915),
        ("heldout267", 0.965),
        ("heldout268", 0.960),
        ("heldout269", 0.960),
        ("heldout270", 0.945),
        ("heldout271", 0.815),
        ("heldout272", 0.905),
        ("heldout273", 0.935),
        ("heldout274", 0.945),
        ("heldout275", 0.940),
        ("heldout276", 0.970),
        ("heldout277", 0.965),
        ("heldout278", 0.975),
        ("heldout279", 0.965),
        ("heldout280", 0.970),
        ("heldout281", 0.940),
        ("heldout282", 0.950),
        ("heldout283", 0.945),
        ("heldout284", 0.965),
        ("heldout285", 0.960),
        ("heldout286", 0.990),
        ("heldout287", 0.950),
        ("heldout288", 0.980),
        ("heldout289", 0.960),
        ("heldout290", 0.980),
        ("heldout291", 0.995),
        ("heldout292", 0.965),
        ("heldout293", 0.950),
        ("heldout294", 0.950),
        ("heldout295", 0.965),
        ("heldout296", 0.955),
        ("heldout297", 0.915),
        ("heldout298", 0.920),
        ("heldout299", 0.965),
        ("heldout300", 0.970),
        ("heldout301", 0.940),
        ("heldout302", 0.985),
        ("heldout303", 0.965),
        ("heldout304", 0.950),
        ("heldout305", 0.945),
        ("heldout306", 0.960),
        ("heldout307", 0.940),
        ("heldout308", 0.970),
        ("heldout309", 0.970),
        ("heldout310", 0.925),
        ("heldout311", 0.970),
        ("heldout312", 0.980),
        ("heldout313", 0.925),
        ("heldout314", 0.930),
        ("heldout315", 0.970),
        ("heldout316", 0.950),
        ("heldout317", 0.980),
        ("heldout318", 0.945),
        ("heldout319", 0.935),
        ("heldout320", 0.970),
        ("heldout321", 0.990),
        ("heldout322", 0.960),
        ("heldout323", 0.970),
        ("heldout324", 0.910),
        ("heldout325", 0.935),
        ("heldout326", 0.960),
        ("heldout327", 0.930),
        ("heldout328", 0.935),
        ("heldout329", 0.975),
        ("heldout330", 0.960),
        ("heldout331", 0.985),
        ("heldout332", 0.955),
        ("heldout333", 0.940),
        ("heldout334", 0.970),
        ("heldout335", 0.965),
        ("heldout336", 0.945),
        ("heldout337", 0.970),
        ("heldout338", 0.935),
        ("heldout339", 0.920),
        ("heldout340", 0.950),
        ("heldout341", 0.895),
        ("heldout342", 0.940),
        ("heldout343", 0.965),
        ("heldout344", 0.950),
        ("heldout345", 0.850),
        ("heldout346", 0.955),
        ("heldout347", 0.970),
        ("heldout348", 0.970),
        ("heldout349", 0.795),
        ("heldout350", 0.905),
        ("heldout351", 0.910),
        ("heldout352", 0.905),
        ("heldout353", 0.995),
        ("heldout354", 0.945),
        ("heldout355", 0.945),
        ("heldout356", 0.895),
        ("heldout357", 0.930),
        ("heldout358", 0.990),
        ("heldout359", 0.980),
        ("heldout360", 0.900),
        ("heldout361", 0.935),
        ("heldout362", 0.850),
        ("heldout363", 0.875),
        ("heldout364", 0.965),
        ("heldout365", 0.960),
        ("heldout366", 0.955),
        ("heldout367", 0.870),
        ("heldout368", 0.945),
        ("heldout369", 0.945),
        ("heldout370", 0.920),
        ("heldout371", 0.905),
        ("heldout372", 0.960),
        ("heldout373", 0.965),
        ("heldout374", 0.960),
        ("heldout375", 0.970),
        ("heldout376", 0.800),
        ("heldout377", 0.930),
        ("heldout378", 0.965),
        ("heldout379", 0.970),
        ("heldout380", 0.955),
        ("heldout381", 0.950),
        ("heldout382", 0.955),
        ("heldout383", 0.970),
        ("heldout384", 0.980),
        ("heldout385", 0.920),
        ("heldout386", 0.950),
        ("heldout387", 0.915),
        ("heldout388", 0.970),
        ("heldout389", 0.960),
        ("heldout390", 0.970),
        ("heldout391", 0.970),
        ("heldout392", 0.865),
        ("heldout393", 0.935),
        ("heldout394", 0.945),
        ("heldout395", 0.960),
        ("heldout396", 0.970),
        ("heldout397", 0.965),
        ("heldout398", 0.925),
        ("heldout399", 0.900),
        ("heldout400", 0.975),
        ("heldout401", 0.980),
        ("heldout402", 0.970),
        ("heldout403", 0.960),
        ("heldout404", 0.920),
        ("heldout405", 0.955),
        ("heldout406", 0.915),
        ("heldout407", 0.965),
        ("heldout408", 0.920),
        ("heldout409", 0.925),
        ("heldout410", 0.945),
        ("heldout411", 0.910),
        ("heldout412", 0.885),
        ("heldout413", 0.970),
        ("heldout414", 0.960),
        ("heldout415", 0.905),
        ("heldout416", 0.955),
        ("heldout417", 0.935),
        ("heldout418", 0.815),
        ("heldout419", 0.940),
        ("heldout420", 0.855),
        ("heldout421", 0.970),
        ("heldout422", 0.810),
        ("heldout423", 0.940),
        ("heldout424", 0.965),
        ("heldout425", 0.870),
        ("heldout426", 0.950),
        ("heldout427", 0.870),
        ("heldout428", 0.900),
        ("heldout429", 0.925),
        ("heldout430", 0.925),
        ("heldout431", 0.965),
        ("heldout432", 0.960),
        ("heldout433", 0.915),
        ("heldout434", 0.970),
        ("heldout435", 0.950),
        ("heldout436", 0.940),
        ("heldout437", 0.935),
        ("heldout438", 0.905),
        ("heldout439", 0.935),
        ("heldout440", 0.890),
        ("heldout441", 0.975),
        ("heldout442", 0.950),
        ("heldout443", 0.995),
        ("heldout444", 0.940),
        ("heldout445", 0.945),
        ("heldout446", 0.965),
        ("heldout447", 0.915),
        ("heldout448", 0.910),
        ("heldout449", 0.955),
        ("heldout450", 0.970),
        ("heldout451", 0.935),
        ("heldout452", 0.960),
        ("heldout453", 0.910),
        ("heldout454", 0.935),
        ("heldout455", 0.935),
        ("heldout456", 0.830),
        ("heldout457", 0.965),
        ("heldout458", 0.970),
        ("heldout459", 0.975),
        ("heldout460", 0.935),
        ("heldout461", 0.930),
        ("heldout462", 0.940),
        ("heldout463", 0.955),
        ("heldout464", 0.970),
        ("heldout465", 0.975),
        ("heldout466", 0.955),
        ("heldout467", 0.945),
        ("heldout468", 0.850),
        ("heldout469", 0.915),
        ("heldout470", 0.875),
        ("heldout471", 0.900),
        ("heldout472", 0.960),
        ("heldout473", 0.910),
        ("heldout474", 0.965),
        ("heldout475", 0.950),
        ("heldout476", 0.950),
        ("heldout477", 0.975),
        ("heldout478", 0.975),
        ("heldout479", 0.960),
        ("heldout480", 0.935),
        ("heldout481", 0.975),
        ("heldout482", 0.965),
        ("heldout483", 0.945),
        ("heldout484", 0.950),
        ("heldout485", 0.960),
        ("heldout486", 0.725),
        ("heldout487", 0.935),
        ("heldout488", 0.965),
        ("heldout489", 0.920),
        ("heldout490", 0.975),
        ("heldout491", 0.725),
        ("heldout492", 0.980),
        ("heldout493", 0.960),
        ("heldout494", 0.945),
        ("heldout495", 0.960),
        ("heldout496", 0.920),
        ("heldout497", 0.975),
        ("heldout498", 0.920),
        ("heldout499", 0.980),
        ("heldout500", 0.980),
        ("heldout501", 0.975),
        ("heldout502", 0.930),
        ("heldout503", 0.950),
        ("heldout504", 0.975),
        ("heldout505", 0.895),
        ("heldout506", 0.970),
    ],
)
def test_heldout_scores(name: str, strict_floor: float) -> None:
    folder = HELDOUT.parent / name
    if not any(folder.glob("*.jsonl")):
        pytest.skip(f"no held-out set {name}")
    span, strict = _strict_f1(folder)
    assert span >= 0.97 and strict >= strict_floor, (span, strict)


def test_value_is_decimal() -> None:
    assert all(isinstance(c.value, Decimal) for c in claims("营收100亿元，增长5%"))


def test_a_real_page_in_traditional_characters_gives_the_same_figures() -> None:
    """Every word list holds its traditional forms: the dev pages converted to traditional characters
    (OpenCC's Hong Kong conversion, which keeps lengths) give the same values, units, qualifiers, changes,
    directions and periods at the same offsets."""
    opencc = pytest.importorskip("opencc")
    if not (GOLD / "dev").exists():
        pytest.skip("../shared/gold/dev is not available")
    convert = opencc.OpenCC("s2hk").convert
    fields = ("value", "unit", "qualifier", "change", "direction", "period")
    compared = 0
    for doc_id, text, meta, _ in gold_documents(GOLD / "dev"):
        traditional = convert(text)
        if len(traditional) != len(text) or traditional == text:
            continue
        published = meta.get("published")
        simplified_claims = {c.start: c for c in claimkit.extract(text, published=published).claims}
        traditional_claims = {c.start: c for c in claimkit.extract(traditional, published=published).claims}
        assert simplified_claims.keys() == traditional_claims.keys(), doc_id
        for start, a in simplified_claims.items():
            b = traditional_claims[start]
            if (a.unit, b.unit) == ("CNY", "HKD"):
                b = b.model_copy(update={"unit": "CNY"})  # by design: Hong Kong press's bare 元 beside 港元
            assert [getattr(a, f) for f in fields] == [getattr(b, f) for f in fields], (doc_id, a.text)
        compared += 1
    assert compared >= 20


def test_a_thousands_separator_is_no_clause_break() -> None:
    """``1,032.6`` holds a comma but no clause break: the second amount's metric is not ``032.6億元``."""
    got = by_text("某甲金控、某乙金控前10月稅後淨利分別為1,032.6億元、1,014.9億元。", "2025-11-11")
    assert "032" not in (got["1,014.9億元"].metric or "")
