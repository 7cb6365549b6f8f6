"""Quantities: numerals, units, qualifiers, ranges, and what is not a quantity."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimkit
from claimkit.quantities import read_numeral

D = Decimal

# ---------------------------------------------------------------- real phrasing, one row a form

# (phrase, text, value or (low, high), unit, qualifier)
EXAMPLES = [
    # Arabic, separators, decimals, full-width, signs
    ("计划五年内培养300万AI人才", "300万", "3000000", "count", "exact"),  # Latin after a scale word
    ("占总营收的近一半", "一半", "50", "%", "nearly"),  # a half is 50 %
    (
        "前10月營收已超過去年全年的612.5億元",
        "612.5億元",
        "61250000000",
        "CNY",
        "exact",
    ),  # the period's own figure
    ("今年营收约为去年的1.8倍", "1.8倍", "1.8", "x", "approx"),  # a multiple of it stays qualified
    (
        "董事會宣派中期息每股8.6仙",
        "8.6仙",
        "0.086",
        "HKD",
        "exact",
    ),  # a Hong Kong cent after a per-share phrase
    ("南向资金全天净买入约86亿", "86亿", "8600000000", "CNY", "approx"),  # a net purchase is money
    ("台股成交值達4,520億", "4,520億", "452000000000", "CNY", "exact"),
    ("全年集裝箱吞吐量達1,250萬標準箱", "1,250萬標準箱", "12500000", "count", "exact"),  # traditional units
    ("年內新建換電站逾320組", "320組", "320", "count", "more_than"),  # so is a market's turnover
    ("新车型合计贡献约六成交付量", "六成", "60", "%", "approx"),  # 成 + 交付, not 成交
    ("邏輯IC代工等其他業務約佔7%", "7%", "7", "%", "approx"),  # a qualifier before a verb of a share
    ("長建中期盈利微增至43.4億", "43.4億", "4340000000", "CNY", "exact"),  # a degree adverb before the verb
    ("每周往返北美的航班將增至逾100班", "100班", "100", "count", "more_than"),  # flights counted
    ("信和全年基礎溢利40.3億", "40.3億", "4030000000", "CNY", "exact"),  # 溢利 is a money noun
    ("约三成本土品牌选择线上渠道", "三成", "30", "%", "approx"),  # 成 + 本土, not 成本
    ("新开网点里约四成为加盟店", "四成", "40", "%", "approx"),  # 四成 + 为, the verb 成为 is no word here
    ("每股基本盈利88.2美仙", "88.2美仙", "0.882", "USD", "exact"),  # US cents, Hong Kong wording
    ("10月博彩收入240.9億澳門元", "240.9億澳門元", "24090000000", "MOP", "exact"),  # Macau patacas
    ("建議派末期股息每股22港仙", "22港仙", "0.22", "HKD", "exact"),  # Hong Kong cents
    ("公司拟发行8200万股H股", "8200万股", "82000000", "count", "exact"),  # Latin after a hanzi unit
    ("月均下载量达1343.3万", "1343.3万", "13433000", "count", "exact"),
    ("实现全球销售收入6,423亿人民币", "6,423亿人民币", "642300000000", "CNY", "exact"),
    ("研发投入达到1，615亿元", "1，615亿元", "161500000000", "CNY", "exact"),
    ("营收１２３４万元", "１２３４万元", "12340000", "CNY", "exact"),
    ("同比-3%", "-3%", "-3", "%", "exact"),
    ("市值 1187 亿港元", "1187 亿港元", "118700000000", "HKD", "exact"),
    ("总收入为 85 亿元人民币", "85 亿元", "8500000000", "CNY", "exact"),
    ("利润3541.07万元", "3541.07万元", "35410700", "CNY", "exact"),
    ("募资47.264287亿元", "47.264287亿元", "4726428700", "CNY", "exact"),
    ("发行100000万美元债券", "100000万美元", "1000000000", "USD", "exact"),
    ("营收16.4亿元", "16.4亿元", "1640000000", "CNY", "exact"),
    # a per-unit word between a prefix qualifier and its number leaves the qualifier on it
    ("回购价格不超过每股18元", "18元", "18", "CNY", "less_than"),
    ("水泥出厂价约每吨360元", "360元", "360", "CNY", "approx"),
    # a unit word led by a numeral character (千瓦, 千克) is the unit's, not the numeral's
    ("今年水电站发电量达812亿千瓦时", "812亿千瓦时", "81200000000", "count", "exact"),
    ("光伏新增装机2870万千瓦", "2870万千瓦", "28700000", "count", "exact"),
    ("单台储能柜重3千克", "3千克", "3", "count", "exact"),
    # Chinese numerals, capitals, mixes
    ("投资一万五千亿元", "一万五千亿元", "1500000000000", "CNY", "exact"),
    ("规模达二十万亿元", "二十万亿元", "20000000000000", "CNY", "exact"),
    ("累计3万4000台", "3万4000台", "34000", "count", "exact"),
    ("卖出25万6千辆", "25万6千辆", "256000", "count", "exact"),
    ("交付13万2辆", "13万2辆", "132000", "count", "exact"),
    ("年产1.2万亿元", "1.2万亿元", "1200000000000", "CNY", "exact"),
    ("金额壹仟贰佰叁拾肆元", "壹仟贰佰叁拾肆元", "1234", "CNY", "exact"),
    ("合计一千三百四十三点三万元", "一千三百四十三点三万元", "13433000", "CNY", "exact"),
    ("台积电营收2.5兆元新台币", "2.5兆元", "2500000000000", "TWD", "exact"),
    # money words
    ("股价报18.06美元", "18.06美元", "18.06", "USD", "exact"),
    ("每股派9.57港元", "9.57港元", "9.57", "HKD", "exact"),
    ("营收50亿欧元", "50亿欧元", "5000000000", "EUR", "exact"),
    ("利润3000亿日元", "3000亿日元", "300000000000", "JPY", "exact"),
    ("销售额20亿英镑", "20亿英镑", "2000000000", "GBP", "exact"),
    ("碳酸锂跌至7.5万元/吨", "7.5万元/吨", "75000", "CNY", "exact"),
    ("均价0.664元/Wh", "0.664元/Wh", "0.664", "CNY", "exact"),
    ("售价5块钱", "5块钱", "5", "CNY", "exact"),
    # percent, points, multiples, 成
    ("同比增长 21% 至", "21%", "21", "%", "exact"),
    ("市场份额为37.9％", "37.9％", "37.9", "%", "exact"),
    ("占比百分之二十五", "百分之二十五", "25", "%", "exact"),
    ("其中约四分之一位于华东", "四分之一", "25", "%", "approx"),
    ("营收1亿2,000万元", "1亿2,000万元", "120000000", "CNY", "exact"),
    ("海外收入占三分之二", "三分之二", "66.67", "%", "exact"),
    ("上升0.9 个百分点", "0.9 个百分点", "0.9", "pp", "exact"),
    ("下降20个百分点", "20个百分点", "20", "pp", "exact"),
    ("收窄50个基点", "50个基点", "0.5", "pp", "exact"),
    ("增长1.5倍", "1.5倍", "1.5", "x", "exact"),
    ("营收翻番", "翻番", "2", "x", "exact"),
    ("利润翻了一番", "翻了一番", "2", "x", "exact"),
    ("销量翻两番", "翻两番", "4", "x", "exact"),
    ("市场份额达到两成", "两成", "20", "%", "exact"),
    ("占比近5成", "5成", "50", "%", "nearly"),
    ("跌超六成", "六成", "60", "%", "more_than"),
    # magnitudes and ranges
    ("AI收入连续三位数增长", "三位数", ("100", "1000"), "%", "range"),
    ("增速跌至个位数", "个位数", ("0", "10"), "%", "range"),
    ("集装箱吞吐量2,950万标箱", "2,950万标箱", "29500000", "count", "exact"),
    ("零售销售按年录得中单位数下降", "中单位数", ("4", "7"), "%", "range"),
    ("批发收入錄得高單位數增長", "高單位數", ("7", "10"), "%", "range"),
    ("实现两位数增长", "两位数", ("10", "100"), "%", "range"),
    ("毛利率提升十几个百分点", "十几个百分点", ("11", "20"), "pp", "range"),
    ("估值三十几万元", "三十几万元", ("310000", "400000"), "CNY", "range"),
    ("预计交付10至11万辆", "10至11万辆", ("100000", "110000"), "count", "range"),
    ("投入3到5亿元", "3到5亿元", ("300000000", "500000000"), "CNY", "range"),
    ("增长3-5%", "3-5%", ("3", "5"), "%", "range"),
    ("减少37%至30.7%", "37%至30.7%", ("30.7", "37"), "%", "range"),
    ("介乎265亿至292亿元", "265亿至292亿元", ("26500000000", "29200000000"), "CNY", "range"),
    ("收入57亿至58亿元", "57亿至58亿元", ("5700000000", "5800000000"), "CNY", "range"),
    ("规模达到3~5万亿", "3~5万亿", ("3000000000000", "5000000000000"), "count", "range"),
    ("指引由8%-10%上调至", "8%-10%", ("8", "10"), "%", "range"),  # 由 before a dashed range
    ("开店目标由600至800家上调至", "600至800家", ("600", "800"), "count", "range"),  # the old range revised
    (
        "经营利润率每年提升30至50个基点",
        "30至50个基点",
        ("0.3", "0.5"),
        "pp",
        "range",
    ),  # the factor serves both
    ("净息差收窄20-30个基点", "20-30个基点", ("0.2", "0.3"), "pp", "range"),
    ("线上占比提升至二到三成", "二到三成", ("20", "30"), "%", "range"),
    ("毛利率约2至3成", "2至3成", ("20", "30"), "%", "range"),
    # counts and ranks
    ("6家券商机构分析师提问", "6家", "6", "count", "exact"),
    ("研发人员共2330名", "2330名", "2330", "count", "exact"),
    ("交付量逾9.3万辆", "9.3万辆", "93000", "count", "more_than"),
    ("用户达3亿户", "3亿户", "300000000", "count", "exact"),
    ("开源200余个模型", "200余个", "200", "count", "more_than"),
    ("建立了 30 多家工厂", "30 多家", "30", "count", "more_than"),
    ("十多个市场", "十多个", "10", "count", "more_than"),
    ("与900多万开发者", "900多万", "9000000", "count", "more_than"),
    ("4万多生态伙伴", "4万多", "40000", "count", "more_than"),
    ("下载量超3亿次", "3亿次", "300000000", "count", "more_than"),
    ("全年发生并购事件约260起", "260起", "260", "count", "approx"),
    ("排在榜单的第12位", "第12位", "12", "rank", "exact"),
    ("增幅排名第一，", "第一", "1", "rank", "exact"),
    ("位列第三名", "第三名", "3", "rank", "exact"),
    ("全球第二大", "第二", "2", "rank", "exact"),
    ("均跻身前三，", "前三", "3", "rank", "less_than"),
    ("销量跃居国内首位，", "首位", "1", "rank", "exact"),  # 首位 after a verb of ranking: rank 1
    # qualifiers, both sides
    ("投入超过3800亿元", "3800亿元", "380000000000", "CNY", "more_than"),
    ("环比大增近1500%", "1500%", "1500", "%", "nearly"),
    ("激增超1546%", "1546%", "1546", "%", "more_than"),
    ("日均盈利约1.4亿元", "1.4亿元", "140000000", "CNY", "approx"),
    ("接近200亿元", "200亿元", "20000000000", "CNY", "nearly"),
    ("突破767亿元", "767亿元", "76700000000", "CNY", "more_than"),
    ("营收破80亿美元", "80亿美元", "8000000000", "USD", "more_than"),
    ("不足1亿元", "1亿元", "100000000", "CNY", "less_than"),
    ("小于40万", "40万", "400000", "count", "less_than"),
    ("毛利率10%左右", "10%", "10", "%", "approx"),
    ("增速50%以上", "50%", "50", "%", "more_than"),
    ("亏损1亿元以下", "1亿元", "100000000", "CNY", "less_than"),
    ("约为492亿美元", "492亿美元", "49200000000", "USD", "approx"),
    ("涨超8%", "8%", "8", "%", "more_than"),
    ("预计收入至少增长20%", "20%", "20", "%", "more_than"),  # a qualifier before the verb of change
    ("全年净利润不足百亿", "百亿", "10000000000", "CNY", "less_than"),  # a money noun, a qualifier, an amount
    ("经营利润低于3000万", "3000万", "30000000", "CNY", "less_than"),
    ("毛利率最多下降了2%", "2%", "2", "%", "less_than"),
    ("車用營收約成長3%", "3%", "3", "%", "approx"),
]


@pytest.mark.parametrize(
    "phrase,values",
    [
        ("两行净息差分别收窄8、12个基点", ["0.08", "0.12"]),  # the unit's factor serves the whole list
        ("线上渗透率分别为两成、三成", ["20", "30"]),
    ],
)
def test_a_list_shares_its_unit_factor(phrase: str, values: list[str]) -> None:
    assert [q.value for q in claimkit.find_quantities(phrase) if q.unit != "count"] == [D(v) for v in values]


@pytest.mark.parametrize(
    ("phrase", "text", "value", "unit", "qualifier"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_quantity_examples(phrase: str, text: str, value, unit: str, qualifier: str) -> None:  # type: ignore[no-untyped-def]
    found = claimkit.find_quantities(phrase)
    assert len(found) == 1, found
    q = found[0]
    assert (q.text, q.unit, q.qualifier) == (text, unit, qualifier)
    assert phrase[q.start : q.end] == q.text
    if isinstance(value, tuple):
        assert (q.low, q.high) == (D(value[0]), D(value[1]))
        assert q.value is None
    else:
        assert q.value == D(value)
        assert isinstance(q.value, Decimal)


NOT_QUANTITIES = [
    "阿里开源新一代混合推理模型千问3",
    "接入通义千问QwQ-32B",
    "发布GPT-4o",
    "接入DeepSeek-R1",
    "苹果iPhone 16销量",
    "510阿里日",
    "双11期间",
    "腾讯控股(00700.HK)",
    "阿里巴巴港股代码9988",
    "2025年第一季度",
    "今年2月24日",
    "去年10月",
    "第一，底层基建",
    "第二是港股可转债",
    "客服热线400-820-8820",
    "详见https://ir.example.com/2025/q1.pdf",
    "一部分业务",
    "一次性影响",
    "高鑫零售",
    "2024/2025财年",
    "截至2025年3月31日",
    "8英寸标准逻辑",
    "16:52发布",
    "小米SU7",
    "5G手机",
    "前十大股东持股",
    "排名前十的钢企粗钢产量合计",
    "把现金流放在了首位",
    "前100位药品批发企业",
    "三元前驱体出货量",
    "三元新材（301999）降幅更大",
    "四元材料产线",
    "HPBC 2.0组件出货",
    "5,000万像素主摄",
    "海運貨櫃一位難求",
    "演唱会门票一票难求",
    "6MW以上大兆瓦机型",
    "3兆瓦及以上机组",
    "验证我们的8MW齿轮箱",
]


@pytest.mark.parametrize("phrase", NOT_QUANTITIES)
def test_not_quantities(phrase: str) -> None:
    found = [q for q in claimkit.find_quantities(phrase) if q.kind not in ("physical", "duration")]
    assert found == []
    assert claimkit.parse_quantity(phrase) is None or claimkit.parse_quantity(phrase).kind in (
        "physical",
        "duration",
    )


def test_parse_quantity_phrases() -> None:
    q = claimkit.parse_quantity("超过3800亿元")
    assert q is not None and (q.text, q.value, q.unit, q.qualifier) == (
        "3800亿元",
        D("380000000000"),
        "CNY",
        "more_than",
    )
    assert claimkit.parse_quantity("第12位").unit == "rank"  # type: ignore[union-attr]
    assert claimkit.parse_quantity("两成").value == D(20)  # type: ignore[union-attr]
    assert claimkit.parse_quantity("2025年第一季度") is None
    assert claimkit.parse_quantity("千问3") is None
    assert claimkit.parse_quantity("") is None


def test_declared_currency_carries_to_yuan() -> None:
    text = "收入273.6亿元（港元，下同），利润10亿元"
    units = [q.unit for q in claimkit.find_quantities(text)]
    assert units == ["HKD", "HKD"]


# ---------------------------------------------------------------- issue 8: forms read right

ISSUE_8 = [
    # a range whose first bound restates its currency
    (
        "预计全年营收为280亿元人民币至300亿元",
        "280亿元人民币至300亿元",
        ("28000000000", "30000000000"),
        "CNY",
        "range",
    ),
    (
        "指引收入介于1,050亿元人民币到1,080亿元之间",
        "1,050亿元人民币到1,080亿元",
        ("105000000000", "108000000000"),
        "CNY",
        "range",
    ),
    # scale words with no digit after any qualifier
    ("该业务年收入不足百亿", "百亿", "10000000000", "CNY", "less_than"),  # a money noun before it
    ("订单规模近百亿元", "百亿元", "10000000000", "CNY", "nearly"),
    ("新增用户逾千万", "千万", "10000000", "count", "more_than"),
    ("门店收入不到亿元", "亿元", "100000000", "CNY", "less_than"),
    ("交易额高达万亿元", "万亿元", "1000000000000", "CNY", "exact"),
    # a loss in Hong Kong wording is money
    ("集团期内净蚀12亿", "12亿", "1200000000", "CNY", "exact"),
    ("零售分部上半年蝕5.3億", "5.3億", "530000000", "CNY", "exact"),
    ("新业务全年亏约8亿", "8亿", "800000000", "CNY", "approx"),
    # qualifiers that were read as exact
    ("海外订单几乎翻番", "翻番", "2", "x", "nearly"),
    ("净利润几乎翻了一番", "翻了一番", "2", "x", "nearly"),
    ("折合约18.6亿美元", "18.6亿美元", "1860000000", "USD", "approx"),
    ("折合約7.2億港元", "7.2億港元", "720000000", "HKD", "approx"),
    # traditional characters everywhere the simplified ones are
    ("營收約為523億元", "523億元", "52300000000", "CNY", "approx"),
    ("毛利率按年增長3.5個百分點", "3.5個百分點", "3.5", "pp", "exact"),
    ("共交付一萬兩千輛", "一萬兩千輛", "12000", "count", "exact"),
    ("市佔率逾兩成", "兩成", "20", "%", "more_than"),
    ("占比三成餘", "三成餘", "30", "%", "more_than"),
    ("團膳占營收比重要拉到1成5以上", "1成5", "15", "%", "more_than"),  # a tenth in digits, as Taiwan writes
    ("營收年增1成5月起放緩", "1成", "10", "%", "exact"),  # a digit before 月 opens a month
    ("〔記者某某／苗栗報導〕市占率約3成5，在竹南設廠", "3成5", "35", "%", "approx"),  # a Taiwan text's comma
    ("利潤超過千億元", "千億元", "100000000000", "CNY", "more_than"),
    ("收入二十點五億元", "二十點五億元", "2050000000", "CNY", "exact"),
    ("銷量翻了兩番", "翻了兩番", "4", "x", "exact"),
    ("淨虧損負3.2億元", "負3.2億元", "-320000000", "CNY", "exact"),
    ("門店數不足三千家", "三千家", "3000", "count", "less_than"),
    ("營收增長百分之二十", "百分之二十", "20", "%", "exact"),
    ("費率為萬分之五", "萬分之五", "0.05", "%", "exact"),
    ("用戶達兩三萬人", "兩三萬人", ("20000", "30000"), "count", "range"),
    ("排名前三強", "前三強", "3", "rank", "less_than"),
    ("全年銷量破百萬輛", "百萬輛", "1000000", "count", "more_than"),
    ("漲幅達兩位數", "兩位數", ("10", "100"), "%", "range"),
    ("介乎265億至292億元", "265億至292億元", ("26500000000", "29200000000"), "CNY", "range"),
    ("營收新臺幣200億元", "新臺幣200億元", "20000000000", "TWD", "exact"),
]


@pytest.mark.parametrize(("phrase", "text", "value", "unit", "qualifier"), [e for e in ISSUE_8 if e[2]])
def test_issue_8_forms(phrase: str, text: str, value, unit: str, qualifier: str) -> None:  # type: ignore[no-untyped-def]
    found = [q for q in claimkit.find_quantities(phrase) if q.text == text]
    assert len(found) == 1, claimkit.find_quantities(phrase)
    q = found[0]
    assert (q.unit, q.qualifier) == (unit, qualifier)
    assert phrase[q.start : q.end] == q.text
    if isinstance(value, tuple):
        assert (q.value, q.low, q.high) == (None, D(value[0]), D(value[1]))
    else:
        assert q.value == D(value)


def test_from_before_a_worded_link_is_a_change_not_a_range() -> None:
    assert [q.text for q in claimkit.find_quantities("营收从3亿元增至5亿元")] == ["3亿元", "5亿元"]
    assert [q.text for q in claimkit.find_quantities("区间由5-6亿元上调至7亿元")] == ["5-6亿元", "7亿元"]


def test_blocked_qualifier_does_not_read_a_scale_word() -> None:
    assert claimkit.find_quantities("最近百亿补贴活动") == []  # 最近 is "lately", not 近
    assert claimkit.find_quantities("近百年历史") == []  # a duration, not an amount


def test_range_needs_the_restated_currency_to_fit() -> None:
    (q,) = claimkit.find_quantities("预计营收为280亿元人民币至300亿元")
    assert q.qualifier == "range"
    assert [q.text for q in claimkit.find_quantities("营收280亿元人民币，净利30亿元")] == [
        "280亿元",
        "30亿元",
    ]


def _traditional(text: str) -> str:
    from claimkit._resources import traditional_forms

    return "".join((traditional_forms(ch) or [ch])[-1] for ch in text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(EXAMPLES + [e for e in ISSUE_8 if e[2]]))
def test_traditional_spelling_reads_the_same(example) -> None:  # type: ignore[no-untyped-def]
    """Every example, written in traditional characters, gives the same value, unit and qualifier."""
    phrase = example[0]
    simplified = [(q.value, q.low, q.high, q.unit, q.qualifier) for q in claimkit.find_quantities(phrase)]
    traditional = _traditional(phrase)
    found = [(q.value, q.low, q.high, q.unit, q.qualifier) for q in claimkit.find_quantities(traditional)]
    assert found == simplified, (traditional, found)


# ---------------------------------------------------------------- currency in scope


def test_declared_currency_holds_from_the_note_on() -> None:
    text = "去年营收80亿元。\n今年收入273.6亿元（港元，下同），利润10亿元。\n下一段利润5亿元。"
    assert [q.unit for q in claimkit.find_quantities(text)] == ["CNY", "HKD", "HKD", "HKD"]


def test_named_currency_governs_its_paragraph_only() -> None:
    text = "联电8月营收新台币190亿元，前8月营收1,520亿元，净利300亿元。\n另据报道，某内地车企8月营收120亿元。"
    units = [(q.text, q.unit) for q in claimkit.find_quantities(text)]
    assert units == [
        ("新台币190亿元", "TWD"),
        ("1,520亿元", "TWD"),
        ("300亿元", "TWD"),
        ("120亿元", "CNY"),
    ]


def test_currency_named_after_yuan_and_in_traditional() -> None:
    units = [q.unit for q in claimkit.find_quantities("群創營收約251億元新台幣，淨利20億元")]
    assert units == ["TWD", "TWD"]


def test_two_currencies_in_a_paragraph_declare_none() -> None:
    text = "营收人民币500亿元，折合港币550亿元，净利100亿元"
    assert [q.unit for q in claimkit.find_quantities(text)] == ["CNY", "HKD", "CNY"]


def test_a_list_takes_the_currency_its_heading_names() -> None:
    text = "各厂8月营收（新台币）：\n甲厂 320亿元\n乙厂 95亿元\n\n内地市场规模为800亿元。"
    assert [q.unit for q in claimkit.find_quantities(text)] == ["TWD", "TWD", "CNY"]


def test_a_paragraph_naming_beats_an_earlier_note() -> None:
    text = "营收300亿元（港元，下同）。\n内地业务收入人民币80亿元，利润12亿元。"
    assert [q.unit for q in claimkit.find_quantities(text)] == ["HKD", "CNY", "CNY"]


PARAGRAPH = st.tuples(
    st.sampled_from(["营收", "净利", "收入"]),
    st.integers(1, 9999),
    st.sampled_from(["", "新台币", "人民币"]),
    st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=6))
def test_bare_yuan_takes_the_currency_of_its_paragraph(paragraphs) -> None:  # type: ignore[no-untyped-def]
    lines, expected = [], []
    for k, (noun, n, currency, named_first) in enumerate(paragraphs):
        code = {"": "CNY", "新台币": "TWD", "人民币": "CNY"}[currency]
        lead = f"{noun}{currency}{n}亿元" if named_first else f"{noun}{n}亿元"
        naming = "" if named_first or not currency else f"，以{currency}计"
        lines.append(f"{lead}，利润{k + 1}.5亿元{naming}。")  # no two lines alike (a repeat is skipped)
        expected += [code, code]
    found = [q.unit for q in claimkit.find_quantities("\n".join(lines))]
    assert found == expected


@pytest.mark.parametrize(
    ("page", "units"),
    [
        # Hong Kong press: a paragraph that states an amount in 港元 counts its bare 元 in it too
        ("新鴻基今年首十個月賣樓約210億港元，已達全年230億元目標的九成。", ["HKD", "HKD", "%"]),
        # ...but share prices and per-share figures in 港元 name no currency for results in 元 (RMB)
        ("瑞銀將港鐵目標價由35港元上調至38港元；預期全年純利約80.5億元。", ["HKD", "HKD", "CNY"]),
        ("集團派中期息每股0.3港元，上半年收入112億元。", ["HKD", "CNY"]),
        # a share's price in bare 元 is in HKD there
        ("大和將新世界目標價由6.1元下調至5.2元，新世界昨收報5.65港元。", ["HKD", "HKD", "HKD"]),
        # simplified text: 港元 names nothing for 元
        ("公司全年收入约210亿港元，净利润30亿元。", ["HKD", "CNY"]),
    ],
)
def test_hong_kong_press_counts_bare_yuan_in_hkd(page: str, units: list[str]) -> None:
    assert [q.unit for q in claimkit.find_quantities(page)] == units


def test_currency_word_before_bare_amount() -> None:
    (q,) = claimkit.find_quantities("融资人民币50亿")
    assert (q.unit, q.value) == ("CNY", D("5000000000"))


def test_durations_and_sizes_are_marked() -> None:
    kinds = {q.text: q.kind for q in claimkit.find_quantities("17天内更新7次，采用3nm工艺，10兆瓦电站")}
    assert kinds == {"17天": "duration", "7次": "count", "3nm": "physical", "10兆瓦": "physical"}


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("上半年组件出货量约38GW，同比增长", "count"),  # shipped capacity: an amount
        ("风电累计并网装机约4.9亿千瓦", "count"),  # a scale word: always an amount
        ("新增储能装机800兆瓦。", "count"),  # 兆 as mega, an amount
        ("下线16MW风电机组", "physical"),  # a rating of the thing after it
        ("投建2GW电池片产线", "physical"),
        ("百兆瓦级储能项目", None),  # no digit: no quantity
    ],
)
def test_capacity_is_an_amount_unless_it_rates_a_noun(phrase: str, kind: str | None) -> None:
    found = [q.kind for q in claimkit.find_quantities(phrase)]
    assert found == ([kind] if kind else [])


@pytest.mark.parametrize(
    ("phrase", "kinds"),
    [
        # hours of use (利用小时) are an amount, in every clause of their sentence
        ("煤电机组平均利用小时为3,980小时，同比减少约75小时；其中燃气机组2,100小时。", ["count"] * 3),
        ("風電平均利用小時數約2,050小時", ["count"]),
        ("平均利用小时为3,980小时。检修耗时12小时", ["count", "duration"]),  # the next sentence: a duration
        ("工人每天工作8小时", ["duration"]),
    ],
)
def test_hours_of_use_are_an_amount(phrase: str, kinds: list[str]) -> None:
    assert [q.kind for q in claimkit.find_quantities(phrase)] == kinds


def test_find_quantities_skips_repeats_and_glosses() -> None:
    page = "营收增长(zēngzhǎng)18%至100亿元。\n营收增长(zēngzhǎng)18%至100亿元。\n相关推荐\n阅读10万"
    found = claimkit.find_quantities(page)
    assert [q.text for q in found] == ["18%", "100亿元"]
    assert all(page[q.start : q.end] == q.text for q in found)


# ---------------------------------------------------------------- round trips

CN_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Render a non-negative integer in standard Chinese numerals (the tests' own renderer)."""
    if n == 0:
        return "零"

    def section(x: int) -> str:  # 0 < x < 10000
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = x // unit % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += CN_DIGITS[d] + name
        return out

    parts, big = [], ["", "万", "亿", "万亿"]
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            if parts and parts[-1] != "零":
                parts.append("零")
            continue
        if parts and g < 1000 and parts[-1] != "零":
            parts.append("零")
        parts.append(section(g) + big[i])
    text = "".join(parts).rstrip("零")
    return text


def to_chinese_decimal(d: Decimal) -> str:
    whole = int(d)
    frac = format(d, "f").split(".")[1].rstrip("0") if "." in format(d, "f") else ""
    return to_chinese(whole) + ("点" + "".join(CN_DIGITS[int(c)] for c in frac) if frac else "")


DECIMALS = st.decimals(
    min_value=0, max_value=Decimal(10) ** 16 - 1, places=4, allow_nan=False, allow_infinity=False
)


@settings(max_examples=400, deadline=None)
@given(DECIMALS)
def test_chinese_numerals_round_trip(d: Decimal) -> None:
    assert read_numeral(to_chinese_decimal(d)).value == d.normalize()  # type: ignore[union-attr]


def test_a_comma_after_a_scale_word_separates_two_numbers() -> None:
    found = [(q.text, str(q.value)) for q in claimkit.find_quantities("用户要突破1.8亿，480多个收费站将取消")]
    assert found == [("1.8亿", "180000000"), ("480多个", "480")]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=10), st.data())
def test_fractions_read_as_percentages(den: int, data: st.DataObject) -> None:
    num = data.draw(st.integers(min_value=1, max_value=den - 1))
    text = f"其中约{to_chinese(den)}分之{to_chinese(num)}来自海外"
    (q,) = claimkit.find_quantities(text)
    exact = Decimal(num * 100) / den
    assert q.text == text[3 : 3 + len(q.text)] and q.unit == "%"
    assert abs(q.value - exact) < Decimal("0.01")  # type: ignore[operator]


@settings(max_examples=400, deadline=None)
@given(
    DECIMALS,
    st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]),
    st.booleans(),
    st.booleans(),
)
def test_arabic_with_scale_round_trips(
    d: Decimal, scale: tuple[str, int], commas: bool, fullwidth: bool
) -> None:
    word, factor = scale
    mantissa = d / factor
    text = format(mantissa.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if commas:
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + ("." + frac if frac else "")
    if fullwidth:
        text = text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    assert read_numeral(text + word).value == d.normalize()  # type: ignore[union-attr]


SURROUND = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40), max_size=12)


@settings(max_examples=200, deadline=None)
@given(SURROUND, st.sampled_from([e for e in EXAMPLES if "至" not in e[1] and e[4] == "exact"]), SURROUND)
def test_embedding_does_not_change_the_parse(before: str, example, after: str) -> None:  # type: ignore[no-untyped-def]
    phrase, text, value, unit, _ = example
    page = f"{before}。{phrase}。{after}"
    found = [q for q in claimkit.find_quantities(page) if q.text == text]
    assert found and found[0].unit == unit and found[0].value == D(value)
    assert page[found[0].start : found[0].end] == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [*"0123456789.,，%万亿千百十一二两三第前近超约余多个家元美港(（)）- 年月季度倍成", "个百分点"]
        )
    ).map("".join)
)
def test_find_quantities_never_raises_and_spans_slice(text: str) -> None:
    for q in claimkit.find_quantities(text, numbers=True):
        assert text[q.start : q.end] == q.text
        assert q.value is not None or q.low is not None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_find_quantities_on_any_text(text: str) -> None:
    for q in claimkit.find_quantities(text):
        assert text[q.start : q.end] == q.text


# ---------------------------------------------------------------- pathological input

PATHOLOGICAL = {
    "100k digits": "1" * 100_000,
    "yi repeated": "亿" * 100_000,
    "wan repeated": "万" * 100_000,
    "di repeated": "第" * 100_000,
    "digits and yi": "1亿" * 50_000,
    "commas": "1," * 50_000,
    "chinese digits": "一二三四五六七八九十" * 10_000,
    "points": "1." * 50_000,
    "percents": "%" * 100_000,
    "qualifiers": "超过近约" * 25_000,
    "qualified scale words": "近百亿不足千万" * 15_000,
    "restated currency ranges": "3亿元人民币至" * 20_000,
    "currency names": "新台币人民币" * 20_000,
    "currency notes": "（人民币，下同）" * 12_000,
    "one line of figures": "营收12.5亿元 同比增长8% " * 6_000,
    "period characters": "2025年第一季度同期" * 10_000,
    "digits and spaces": "1 2 3 4 5 " * 20_000,
    "traditional": "約為1,234億元，逾兩成。" * 8_000,
    "tone-number glosses": "什么(shen2me)" * 10_000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_quantities_finish(name: str) -> None:
    start = time.perf_counter()
    claimkit.find_quantities(PATHOLOGICAL[name])
    assert time.perf_counter() - start < 10  # generous: catches hangs, not speed


def test_huge_numeral_is_not_read() -> None:
    assert read_numeral("9" * 100) is None
    assert claimkit.parse_quantity("9" * 1000 + "亿元") is None


@pytest.mark.parametrize(
    ("phrase", "text", "value", "unit", "qualifier"),
    [
        ("规模上百亿元", "百亿元", "10000000000", "CNY", "more_than"),
        ("市值近千亿元", "千亿元", "100000000000", "CNY", "nearly"),
        ("营收破万亿", "万亿", "1000000000000", "CNY", "more_than"),
        ("营收新台币200亿元", "新台币200亿元", "20000000000", "TWD", "exact"),
        ("占比三成多", "三成多", "30", "%", "more_than"),
    ],
)
def test_scale_words_and_currency_prefixes(
    phrase: str, text: str, value: str, unit: str, qualifier: str
) -> None:
    (q,) = claimkit.find_quantities(phrase)
    assert (q.text, q.value, q.unit, q.qualifier) == (text, D(value), unit, qualifier)


def test_a_text_naming_one_yuan_currency_counts_its_bare_yuan_in_it() -> None:
    text = "〔記者／台北報導〕聯發科11月營收495.8億元，月減3.2%。\n\n聯發科預估第四季營收介於新台幣1420億至1500億元。"
    first = claimkit.find_quantities(text)[0]
    assert (first.text, first.unit) == ("495.8億元", "TWD")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("某面板廠昨日公布10月合併營收215.4億元，月增2.1%、年減4.3%。", "TWD"),  # Taiwan's change words
        ("某集團公布中期業績，營業額約389億元，按年增長1.1%。", "CNY"),  # Hong Kong's 按年增長 is no 年增
        ("某面板厂10月营收215.4亿元，年增2.1%。", "CNY"),  # simplified characters: no Taiwan press
        ("某影業國慶檔票房7.6億元，上映新片較去年減少4部。", "CNY"),  # 去年 then 減少: any press
        ("某基金規模5.4萬億元，股票基金單月增逾3%。", "CNY"),  # 單月 then 增
        ("某公司營收86億元，連續第三季增速放緩。", "CNY"),  # a quarter's name, then 增速
    ],
)
def test_taiwan_change_words_make_bare_yuan_twd_in_a_traditional_text(text: str, unit: str) -> None:
    assert claimkit.find_quantities(text)[0].unit == unit


@pytest.mark.parametrize(
    ("text", "qualifiers"),
    [
        ("线上、线下收入分别约为41亿元和127亿元。", ["approx", "approx"]),  # 分别 then 约: every number
        ("三地收入分别增长约6%、9%和4%。", ["approx", "approx", "approx"]),
        (
            "收入约为41亿元和127亿元。",
            ["approx", "approx"],
        ),  # 约 before the copula: the predicate's, every number
        ("收入为约41亿元和127亿元。", ["approx", "exact"]),  # 约 after the copula: the first number's own
        ("收入分别为41亿元和约127亿元。", ["exact", "approx"]),
    ],
)
def test_a_qualifier_of_the_list_holds_for_every_number(text: str, qualifiers: list[str]) -> None:
    assert [q.qualifier for q in claimkit.find_quantities(text)] == qualifiers


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "某集团每股基本盈利约8.4分，按年增长6%。",
            [("8.4分", "0.084", "CNY", "approx"), ("6%", "6", "%", "exact")],
        ),
        ("全年每股派息12.5分。", [("12.5分", "0.125", "CNY", "exact")]),
        ("该片豆瓣评分8.4分。", []),  # a score, no per-share figure before it
        ("每股收益增幅约为三分之一。", [("三分之一", "33.33", "%", "approx")]),  # 分之: a fraction, no cent
    ],
)
def test_a_cent_after_a_per_share_figure_is_money(text: str, found: list[tuple[str, str, str, str]]) -> None:
    got = [(q.text, str(q.value), q.unit, q.qualifier) for q in claimkit.find_quantities(text)]
    assert got == found


def test_a_text_naming_two_yuan_currencies_declares_no_default() -> None:
    text = "某公司收入100億元。\n\n其中台灣業務收入新台幣30億元，內地業務收入人民幣20億元。"
    assert claimkit.find_quantities(text)[0].unit == "CNY"


def test_a_headline_amount_takes_the_currency_the_body_restates_it_in() -> None:
    text = "某物流中期蝕2460萬\n\n某物流控股公布中期業績，蝕2,460萬港元，去年同期則賺310萬港元。"
    found = {q.text: q.unit for q in claimkit.find_quantities(text)}
    assert found["2460萬"] == "HKD"
    alone = {q.text: q.unit for q in claimkit.find_quantities("某物流中期蝕2460萬")}
    assert alone["2460萬"] == "CNY"  # nothing restates it: the default stands


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("某集团中期蝕1,250萬\n\n集團中期錄得虧損1,250萬港元。", "HKD"),  # the same amount restated
        ("某集团料全年蝕最多2,200萬\n\n預期年度虧損介乎1,800萬至2,200萬港元。", "HKD"),  # a bound of a range
        ("某集团中期蝕1,250萬\n\n集團中期錄得虧損980萬港元。", "CNY"),  # another amount restates nothing
    ],
)
def test_a_headline_amount_takes_the_currency_of_its_restatement(text: str, unit: str) -> None:
    assert claimkit.find_quantities(text)[0].unit == unit


@pytest.mark.parametrize(
    ("text", "ranks"),
    [
        ("兩家公司分別居第二、第三。", ["第二", "第三"]),  # a rank listed after a stated rank
        ("第一、第二，我們要做好服務。", []),  # list markers
    ],
)
def test_listed_ranks(text: str, ranks: list[str]) -> None:
    assert [q.text for q in claimkit.find_quantities(text) if q.unit == "rank"] == ranks
