"""claimkit's own pkuseg model (``attribution.wordseg``): segmentation, the word-based metric cutter, loading."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimkit
from claimkit.attribution import wordseg
from claimkit.errors import ResourceError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "training" / "pkuseg" / "corpus"

# written for this test, after training: none of these sentences is in the corpus (checked below)
UNSEEN = [
    "京东物流 上半年 营业 收入 同比 增长 11.6% 至 934亿 元 。",
    "拼多多 二季度 经调整 净利润 为 327亿 元 ， 低于 市场 预期 。",
    "理想 汽车 第四季度 车辆 交付量 为 12万 辆 ， 环比 增长 8% 。",
    "海信视像 全年 归母 净利润 约为 22.5亿 元 ， 同比 下滑 7% 。",
    "小米 集团 首席财务官 林世伟 表示 ， 存储 成本 上涨 将 压制 手机 毛利率 。",
    "网易 第三季度 游戏 业务 收入 同比 增长 12% 。",
]


def test_unseen_sentences_are_not_in_the_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip("training corpus not in this checkout")
    corpus = {
        " ".join(line.split())
        for path in CORPUS.glob("*.txt")
        for line in path.read_text("utf-8").splitlines()
    }
    plain = {line.replace(" ", "") for line in corpus}
    for sentence in UNSEEN:
        assert sentence not in corpus and sentence.replace(" ", "") not in plain


@pytest.mark.parametrize("sentence", UNSEEN)
def test_segments_unseen_sentences(sentence: str) -> None:
    assert wordseg.segment(sentence.replace(" ", "")) == sentence.split()


def test_whitespace_and_punctuation_are_their_own_words() -> None:
    assert wordseg.segment("营收(不含税) 1,360万元") == [
        "营收",
        "(",
        "不",
        "含",
        "税",
        ")",
        " ",
        "1,360万",
        "元",
    ]
    assert wordseg.segment("") == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_segment_never_fails_and_joins_back(text: str) -> None:
    words = wordseg.segment(text)
    assert "".join(words) == text
    assert all(words)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("营收净利润同比增长较的了在从为和、（）() 12.%亿元ABC榜位居实现"),
        max_size=30,
    )
)
def test_metric_with_words_never_fails(segment: str) -> None:
    metric = wordseg.metric_with_words(segment)
    assert metric is None or (isinstance(metric, str) and 0 < len(metric) <= 24)


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("资本开支", "资本开支"),
        ("月均下载量达", "月均下载量"),
        ("AI 相关产品收入同比连续7季度", "AI相关产品收入"),
        ("系列酒实现营收", "系列酒营收"),
        ("应收票据由上年末的", "应收票据"),
        ("净利润却实现了", "净利润"),
        ("稳居全球纯晶圆代工企业", "全球纯晶圆代工企业排名"),
        ("平均售价(销售晶圆收入除以销售晶圆总数)为", "平均售价"),
        ("经调整纯利(Non-IFRS)", "经调整纯利(Non-IFRS)"),
        ("在中国智能手机市场的份额为", "中国智能手机市场份额"),
        ("归属于公司股东的净利润增长 ", "归属于公司股东的净利润"),
        ("累计交付 ", "累计交付量"),
        ("其他服务收入(包括电商)为", "其他服务收入"),
        ("同比增长", None),
        ("较上年同期", None),
        ("", None),
    ],
)
def test_metric_with_words(segment: str, expected: str | None) -> None:
    assert wordseg.metric_with_words(segment) == expected


def test_engine_uses_words_when_asked() -> None:
    text = "该公司第三季度系列酒实现营收41亿元，同比下降7%。"
    words = claimkit.extract(text, nlp=claimkit.load(metric="pkuseg")).claims
    rules = claimkit.extract(text).claims
    assert [c.metric for c in words] == ["系列酒营收", "系列酒营收"]
    assert [c.metric for c in rules] == ["系列酒实现营收", "系列酒实现营收"]


def test_lean_features_match_pkuseg() -> None:
    seg = wordseg._load()
    lines = (
        UNSEEN + (CORPUS / "handwritten.txt").read_text("utf-8").splitlines()[:200]
        if CORPUS.is_dir()
        else UNSEEN
    )
    for line in lines:
        text = line.replace(" ", "")
        assert seg.cut(text) == seg.pkuseg.cut(text)


def test_importing_claimkit_does_not_load_the_model() -> None:
    code = (
        "import sys, claimkit\n"
        "from claimkit.attribution import wordseg\n"
        "claimkit.extract('腾讯2025年第一季度资本开支274.8亿元，同比增长91%。')\n"
        "assert not wordseg.is_loaded() and 'spacy_pkuseg' not in sys.modules\n"
        "claimkit.load(metric='pkuseg')\n"
        "assert not wordseg.is_loaded()\n"
        "wordseg.segment('营收')\n"
        "assert wordseg.is_loaded()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_missing_model_is_a_resource_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordseg, "_model_dir", tmp_path)
    monkeypatch.setattr(wordseg, "_segmenter", None)
    wordseg._metric.cache_clear()
    with pytest.raises(ResourceError, match="pkuseg model is missing"):
        wordseg.segment("营收")
    with pytest.raises(ResourceError):
        wordseg.metric_with_words("茅台酒实现营收")
    wordseg._metric.cache_clear()


def test_shipped_model_is_small_and_documented() -> None:
    folder = wordseg.model_dir()
    size = sum(p.stat().st_size for p in folder.iterdir() if p.suffix in (".msgpack", ".npz"))
    assert size < 3_000_000
    report = json.loads((folder / "training.json").read_text("utf-8"))
    assert report["test"]["all"]["f1"] > 0.95
    assert (folder / "README.md").is_file()
