"""Word boundaries from claimkit's own pkuseg model, and a metric cutter that decides on whole words.

The model (``claimkit/resources/pkuseg``) was trained by ``training/pkuseg/train.py`` on
the project's own segmented corpus; it is loaded on first use, never at import.
:func:`metric_with_words` has the contract of :func:`claimkit.claims.metric.strip_metric`
and is what the engine uses under ``claimkit.load(metric="pkuseg")``.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import _resources
from ..errors import ResourceError, require_str

_FILES = ("features.msgpack", "weights.npz")


def _words(text: str) -> frozenset[str]:
    """A word list written one space apart (easier to read and extend than a tuple of literals)."""
    return frozenset(text.split())


_MAX_METRIC = 24

_lock = threading.Lock()
_segmenter: _Segmenter | None = None
_model_dir: Path | None = None  # tests point this elsewhere; None means the packaged model


class _Segmenter:
    """spacy_pkuseg's CRF (its ``FeatureExtractor`` and ``Model``) with a leaner feature function.

    ``pkuseg.cut`` builds every word-pair feature string for every character, including the
    many that cannot exist; :meth:`features` builds only those whose words are in the
    dictionary and returns the same feature ids in the same order (a test checks this on
    the training corpus), at about half the cost. Decoding is pkuseg's own Viterbi.
    """

    def __init__(self, pkuseg: Any, word_lengths: range) -> None:
        from spacy_pkuseg import inference

        self.pkuseg = pkuseg
        self.extractor = pkuseg.feature_extractor
        self.feature_to_idx: dict[str, int] = self.extractor.feature_to_idx
        self.unigram: set[str] = self.extractor.unigram
        self.lengths = word_lengths  # longest first, as pkuseg orders its word features
        self.begins = frozenset(i for tag, i in self.extractor.tag_to_idx.items() if "B" in tag)
        self._viterbi = inference.decodeViterbi_fast

    def features(self, nodes: list[str]) -> list[list[int]]:
        """Feature ids of every position of ``nodes`` (normalised characters), as pkuseg computes them."""
        n = len(nodes)
        lengths = self.lengths
        unigram = self.unigram
        none: list[str | None] = [None] * len(lengths)
        # starts[s][k]: the dictionary word nodes[s : s + lengths[k]], or None
        starts: list[list[str | None]] = []
        for s in range(n + 1):
            row: list[str | None] = []
            for length in lengths:
                w = "".join(nodes[s : s + length]) if s + length <= n else None
                row.append(w if w is not None and w in unigram else None)
            starts.append(row)
        get = self.feature_to_idx.get
        out: list[list[int]] = []
        for i, c in enumerate(nodes):
            names = ["c." + c]
            if i > 0:
                names += ("c-1." + nodes[i - 1], "c-1c." + nodes[i - 1] + "." + c)
            if i + 1 < n:
                names += ("c1." + nodes[i + 1], "cc1." + c + "." + nodes[i + 1])
            if i > 1:
                names += ("c-2." + nodes[i - 2], "c-2c-1." + nodes[i - 2] + "." + nodes[i - 1])
            if i + 2 < n:
                names.append("c2." + nodes[i + 2])
            ends_here = [starts[i - ln + 1][k] if i - ln + 1 >= 0 else None for k, ln in enumerate(lengths)]
            ends_before = [starts[i - ln][k] if i - ln >= 0 else None for k, ln in enumerate(lengths)]
            starts_here = starts[i]
            starts_after = starts[i + 1] if i + 1 <= n else none
            names += ["w-1." + w for w in ends_here if w is not None]
            names += ["w1." + w for w in starts_here if w is not None]
            names += [
                "ww.l." + a + "*" + b
                for a in ends_before
                if a is not None
                for b in starts_here
                if b is not None
            ]
            names += [
                "ww.r." + a + "*" + b
                for a in ends_here
                if a is not None
                for b in starts_after
                if b is not None
            ]
            ids = [0]
            for name in names:
                idx = get(name)
                if idx is not None:
                    ids.append(idx)
            out.append(ids)
        return out

    def cut(self, chunk: str) -> list[str]:
        """Words of a chunk with no whitespace, as ``pkuseg.cut`` would return them."""
        nodes = list(self.extractor.normalize_text(chunk))
        _, tags = self._viterbi(self.features(nodes), self.pkuseg.model)
        words: list[str] = []
        for i, (tag, char) in enumerate(zip(tags, chunk, strict=False)):
            if i == 0 or tag in self.begins:
                words.append(char)
            else:
                words[-1] += char
        return words


def model_dir() -> Path:
    """Where the model is read from: the packaged ``claimkit/resources/pkuseg`` unless overridden."""
    if _model_dir is not None:
        return _model_dir
    return Path(str(resources.files("claimkit.resources").joinpath("pkuseg")))


def is_loaded() -> bool:
    """Whether the model has been loaded in this process."""
    return _segmenter is not None


def _load() -> _Segmenter:
    global _segmenter
    if _segmenter is not None:
        return _segmenter
    with _lock:
        if _segmenter is None:
            path = model_dir()
            missing = [name for name in _FILES if not (path / name).is_file()]
            if missing:
                raise ResourceError(
                    f"claimkit's pkuseg model is missing ({', '.join(missing)} not in {path}); "
                    "reinstall claimkit or rebuild it with training/pkuseg/train.py"
                )
            try:
                import numpy as np
                import spacy_pkuseg
                from spacy_pkuseg.config import config

                seg = spacy_pkuseg.pkuseg(str(path), user_dict=None)
                seg.model.w = np.ascontiguousarray(seg.model.w, dtype=np.float64)  # stored as float32
                _segmenter = _Segmenter(seg, range(config.wordMax, config.wordMin - 1, -1))
            except Exception as exc:  # a corrupt or incompatible model file
                raise ResourceError(f"claimkit's pkuseg model in {path} cannot be loaded: {exc}") from exc
    return _segmenter


# whitespace runs, punctuation that never belongs to a word, and the text between them
_CHUNK = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<text>(?:(?<=[0-9])[,:](?=[0-9])|[^\s,:()\[\]{};?!\"，。、；：？！“”‘’（）《》〈〉【】「」『』…—|｜])+)"
    r"|(?P<punct>.)",
    re.S,
)
_ASCII_EDGE = re.compile(r"^[A-Za-z0-9]")


def segment(text: str) -> list[str]:
    """``text`` cut into words, so that ``"".join(segment(text)) == text``.

    Whitespace runs and punctuation marks are words of their own and the model cuts
    the text between them; a Latin word or number is never split (``OBM``, ``3Q25``).

    >>> segment("")
    []
    """
    text = require_str(text)
    if not text:
        return []
    seg = _load()
    out: list[str] = []
    for m in _CHUNK.finditer(text):
        chunk = m.group()
        if m.lastgroup != "text":
            out.append(chunk)
            continue
        words = seg.cut(chunk)
        if "".join(words) != chunk:  # the model drops nothing, but be sure
            words = [chunk]
        for w in words:
            if out and _ASCII_EDGE.match(w) and out[-1][-1:].isascii() and out[-1][-1:].isalnum():
                out[-1] += w
            else:
                out.append(w)
    return out


_segment = segment  # metric_with_words's argument is called ``segment``

# ---------------------------------------------------------------- word classes for the metric cutter

# words that end the noun phrase: predicates, adverbs, prepositions, conjunctions, clause particles
_BREAK = _words(
    """
    在 于 从 由 自 对 对于 关于 按 按照 依 以 通过 随着 因 因为 由于 受 受益于 得益于 尽管 虽然 但 但是 而 而且
    并 并且 且 同时 此外 另外 其中 然而 不过 如果 若 即 即便 来自 包括 除 除了 向 给 把 将 被 让 使 令 导致 带动
    推动 拉动 也 亦 均 都 分别 仍 仍然 已 已经 还 再 又 更 最 共 总共 不 未 没有 却 则 就 才 便 持续 继续 进一步
    稳步 快速 大幅 大幅度 显著 明显 首次 再度 一度 一直 始终 依然 依旧 仅 仅为 只 只有 高达 会 可能 或 或将 有望
    预计 将要 正在 保持 维持 稳定 连续 逐步 逐渐 齐 为 是 达 达到 突破 破 创 创下 刷新 升至 降至 跌至 增至
    涨至 报 收报 报收 高开 低开 收涨 收跌 收市 取得 完成 获得 覆盖 宣布 计划 拟 决定 批准 派发 派 推出 发布 公布
    定下 设定 站稳 领先 超越 高于 低于 相当于 产生 影响 拖累 贡献 上市 成立 开源 更新 有 具有 来到 站上 浮动
    下调 上调 调整 计提 净赚 赚 扭亏 转正 翻倍 翻番 坐拥 跻身 位居 位列 稳居 排在 排名 蝉联 居 约 大约 近 将近
    接近 超 超过 逾 不到 不足 了 着 过 地 得 所 等 在内 方面 中 后 前 以来 之间 左右 上下 来说 而言 看 来看
    新高 新低 纪录 历史 表示 称 指出 透露 认为 介绍 强调 坦言 提到 说 显示 表明 据 根据 截至 截止 去 要 能 可
    可以 应 应该 需 需要 曾 曾经 刚 刚刚 正 约合 至 到 或者 力争 争取 努力 希望 对应 目标 甚至 介乎 介于 为此
    """
)
# nouns joined by these keep both sides, the word itself dropped (茅台酒实现营收 -> 茅台酒营收)
_JOIN = _words("实现 录得 共有 拥有 共计 的")
# coordinators are kept inside a phrase (会员服务、在线广告及内容发行营收) but never lead or trail it
_COORD = _words("和 与 及 以及 、 或")
_RANK_VERBS = _words("位居 位列 稳居 排在 排名 跻身 蝉联 居")
_RANK_TRAIL = _words("榜 中 之 的 里 内 当中")
_MODIFIERS = _words("累计 合计 共计 总计 单月 单季 全年 整体 平均 日均 月均 同店 额外")
_VOLUME_VERBS = _words("交付 出货 下载 激活 锁单 装机 发货")
_VOLUME_OBJECTS = _words("新车 汽车 车辆 整车 产品 手机 设备")
# words that cannot be, or begin, a metric
_PRONOUNS = _words(
    "我们 我 他 她 他们 她们 它 其 该 此 这 那 这些 那些 本 该公司 公司 集团 本行 双方 二者 两者 各自"
)
_TIME = _words(
    """
    年初 年末 年底 上年末 去年末 上年 去年 今年 明年 前年 同期 当季 当月 本月 本季度 上季度 上季 下季度 期内 期末 报告期
    报告期内 报告期末 目前 此前 此后 届时 当前 年内 季度 年 今日 当日 昨日 近期 未来 过去 以往 以前 之前
    之后 上半年 下半年 财年 财季 前期 上一季度 一季度 二季度 三季度 四季度 前三季度 午间 盘中 早盘 尾盘 收盘 开盘
    收市 以上 以下 内 天内 日内 周内 月内
    """
)
_UNITS = _words(
    """
    个 家 辆 台 部 名 位 次 项 款 件 笔 单 片 吨 人 户 座 套 元 美元 港元 人民币 欧元 日元 亿元 万元 百分点 倍 成
    天 周 小时 分钟
    """
)
_NUMERIC = re.compile(
    r"^[\d０-９.,，．%％+\-－~～/／:：一二两三四五六七八九十百千万亿零〇几多余第半整]+"
    r"(?:个|家|位|名|项|款|只|台|辆|部|种|类|大|年|月|日|季度|个月|个季度|周|天|成|倍|元|亿元|万元|美元|港元)?$"
)
_PUNCT_BREAK = frozenset("，,。；;：:！!？?“”\"‘’'《》「」【】[]…—-|｜/／·•")
_HEADS = frozenset("入润利量率数额价值费支出本重例比模户员店产债流金资息股益损亏单名")


@cache
def _change_words() -> frozenset[str]:
    """Change verbs and bases from claimkit's own tables (增长, 下滑, 同比, 按年 ...)."""
    words = {
        r["word"]
        for r in _resources.table("changes.tsv", ("word", "kind", "value"))
        if r["kind"] in ("basis", "direction")
    }
    words |= {
        r["word"]
        for r in _resources.table("qualifiers.tsv", ("word", "qualifier", "position"))
        if r["qualifier"] != "none" and r["position"] == "prefix"
    }
    return frozenset(words)


def _is_break(word: str) -> bool:
    if word in _BREAK or word in _change_words() or (len(word) == 1 and word in _PUNCT_BREAK):
        return True
    # a model slip that glues an adverb to a verb (亦跌, 以约): every character is a break on its own
    return (
        len(word) > 1
        and word not in _TIME
        and word[0] in _BREAK
        and all(c in _BREAK or c in _change_words() for c in word)
    )


def _is_filler(word: str) -> bool:
    """A word a metric may not start or end with (numbers, units, periods, pronouns, joiners)."""
    return (
        word in _PRONOUNS
        or word in _TIME
        or word in _UNITS
        or word in _JOIN
        or word in _COORD
        or bool(_NUMERIC.match(word))
        or not any(c.isalpha() for c in word)
    )


_ASIDE = re.compile(r"[(（]([^()（）]*)[)）]")


def _words_without_asides(text: str) -> list[str]:
    """Words of ``text`` with ``(解释文字)`` asides left out and short Latin ones kept whole as ``(ARPU)``.

    An unclosed bracket ends the phrase (it becomes a break).
    """
    out: list[str] = []
    pos = 0
    for m in _ASIDE.finditer(text):
        out += _segment(text[pos : m.start()])
        inner = m.group(1).strip()
        if inner and inner.isascii() and len(inner) <= 12 and any(c.isalpha() for c in inner):
            out.append(f"({inner})")
        pos = m.end()
    out += _segment(text[pos:])
    unclosed = ("(", "（", ")", "）")
    return ["，" if w in unclosed or (w.startswith(unclosed[:2]) and not w.endswith(")")) else w for w in out]


def _space_role(prev: str, nxt: str) -> str:
    """A space between two Chinese words separates phrases (headlines); next to Latin it is only spacing."""
    if prev and nxt and not prev[-1].isascii() and not nxt[0].isascii():
        return "，"
    return ""


def _runs(words: list[str]) -> list[list[str]]:
    runs: list[list[str]] = [[]]
    for w in words:
        if _is_break(w):
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(w)
    return [r for r in runs if r]


def _trim(run: list[str]) -> list[str]:
    start, end = 0, len(run)
    while start < end and _is_filler(run[start]):
        start += 1
    while end > start and _is_filler(run[end - 1]) and not run[end - 1].startswith("("):
        end -= 1
    return run[start:end]


_KEEP_DE = ("归属于", "归属", "应占")


def _join(words: list[str]) -> str:
    """The phrase's words, joiners dropped (``销售晶圆的数量`` -> ``销售晶圆数量``).

    A ``的`` after a verb phrase stays: ``归属于公司股东的净利润``, ``剔除召回成本后的毛利率``.
    """
    out: list[str] = []
    for i, w in enumerate(words):
        keep_de = w == "的" and (
            any(k in words[:i] for k in _KEEP_DE) or (i > 0 and words[i - 1] in ("后", "前"))
        )
        if keep_de or w not in _JOIN:
            out.append(w)
    return "".join(out)


def _has_head(run: list[str]) -> bool:
    """Whether a phrase ends like a measured noun (收入, 毛利率, 交付量, 门店, GMV ...)."""
    last = run[-1].rstrip(")")
    return last[-1:] in _HEADS or (last.isascii() and last[-1:].isupper())


def _rank_metric(words: list[str]) -> str | None:
    """``稳居全球纯晶圆代工企业`` -> ``全球纯晶圆代工企业排名``: the scope after (or before) the last rank verb."""
    at = max(i for i, w in enumerate(words) if w in _RANK_VERBS)
    after = words[at + 1 :]
    while after and (after[-1] in _RANK_TRAIL or _is_filler(after[-1])):
        after = after[:-1]
    runs = _runs(after) if after else []
    scope = _trim(runs[-1]) if runs else []
    if not scope:
        before = [w for w in words[:at] if w not in _RANK_TRAIL]
        runs = [_trim(r) for r in _runs(before)]
        runs = [r for r in runs if r]
        scope = runs[-1] if runs else []
    if not scope:
        return None
    text = _join(scope)
    if text.endswith("榜"):
        text = text[:-1]
    return text if text.endswith("排名") else text + "排名"


def metric_with_words(segment: str) -> str | None:
    """The measured noun phrase left of a number, cut on word boundaries (``None`` if there is none).

    Same contract as :func:`claimkit.claims.metric.strip_metric`; raises
    :class:`~claimkit.errors.ResourceError` when the model is missing. Compatibility forms
    are folded first (NFKC: ``（AUM）`` reads ``(AUM)``). Results are cached per segment
    (short phrases such as ``同比增长`` and ``营收`` recur across documents).
    """
    text = unicodedata.normalize("NFKC", require_str(segment)) if segment else ""
    if not text.strip():
        return None
    return _metric(text)


def _only_breaks(text: str) -> bool:
    """Whether ``text`` is nothing but break words, numbers and spaces (同比增长, 至, 按年及按季分别跌).

    Such a segment names no metric whatever the word boundaries, so the model is not asked.
    """
    ok = [True] + [False] * len(text)
    for i in range(len(text)):
        if not ok[i]:
            continue
        if text[i].isspace() or text[i] in _PUNCT_BREAK or text[i].isdigit():
            ok[i + 1] = True
        for j in range(i + 1, min(len(text), i + 6) + 1):
            w = text[i:j]
            if w in _BREAK or w in _change_words() or w in _TIME:
                ok[j] = True
    return ok[-1]


@lru_cache(maxsize=8192)
def _metric(text: str) -> str | None:
    if _only_breaks(text):
        return None
    raw = _words_without_asides(text)
    words: list[str] = []
    for i, w in enumerate(raw):
        if w.isspace():
            words.append(_space_role(raw[i - 1] if i else "", raw[i + 1] if i + 1 < len(raw) else ""))
        else:
            words.append(w)
    words = [w for w in words if w]
    # a comparison or a starting point ends the phrase: 毛利率较上年同期, 应收票据由上年末
    for i, w in enumerate(words):
        if w in ("较", "比", "相比", "相较", "相较于", "对比", "由", "从"):
            if i == 0:
                return None
            words = words[:i]
            break
    if not words:
        return None
    if any(w in _RANK_VERBS for w in words):
        return _clip(_rank_metric(words))
    runs = [_trim(r) for r in _runs(words)]
    if "分别" in words:  # 内容发行和其他收入分别实现营收: the items come before 分别
        cut = words.index("分别")
        before = [_trim(r) for r in _runs(words[:cut])]
        runs = [r for r in before if r] or runs
    runs = [r for r in runs if r]
    if not runs:
        return _volume_only(words)
    headed = [r for r in runs if _has_head(r) or r[-1] in _VOLUME_VERBS]
    run = (headed or runs)[-1]  # 月交付量继续站稳: the last phrase that names a measure
    if not headed and all(w in _MODIFIERS for w in run):
        return None  # 年内累计(上涨): a modifier is not a metric
    if run[-1] in _VOLUME_VERBS:
        run = [*run[:-1], run[-1] + "量"]  # 汽车交付 -> 汽车交付量
    elif len(run) >= 2 and run[-1] in _VOLUME_OBJECTS and run[-2] in _VOLUME_VERBS:
        run = [*run[:-2], run[-2] + "量"]  # 共交付新车 -> 交付量
    return _clip(_join(run))


def _volume_only(words: list[str]) -> str | None:
    """``交付`` alone (``小鹏当月交付 42013 辆``) still names a volume: ``交付量``."""
    for w in reversed(words):
        if w in _VOLUME_VERBS:
            return w + "量"
    return None


def _clip(metric: str | None) -> str | None:
    if not metric or not any(c.isalpha() for c in metric):
        return None
    if metric.endswith("榜"):
        metric = metric[:-1] + "排名"  # 月均活跃用户规模榜(的第12位)
    return metric[-_MAX_METRIC:]
