"""The descriptive fields of a claim: what it measures (metric), and whether it is a change."""

from __future__ import annotations

import re
from functools import cache

from .. import _resources
from ..quantities.grammar import Raw

_LEAD = re.compile(
    r"^(?:[ 　]|其中|而且|而|但是|但|同时|此外|另外|以及|并且|并|且|其(?![他它余])|该公司|公司|集团|截至|期内|当季|本季度|实现|录得|取得|完成|"
    r"对于|关于|和|与|及|、|的)+"
)
_FUNCTION_TAIL = (
    "分别", "均", "亦", "也", "则", "还", "再", "已", "仍", "又", "共", "合计", "累计", "总计", "约为", "大约", "约",
    "接近", "将近", "近", "超过", "超", "逾", "突破", "破", "不到", "不足", "达到", "高达", "达", "仅为", "仅", "为",
    "是", "录得", "实现", "至", "到", "了", "的", "有", "更", "大幅", "显著", "持续", "继续", "进一步", "稳步", "快速",
    "同环比", "一度", "首次", "再度", " ", "：", ":", "（", "(", "约合", "预计", "将",
)  # fmt: skip
_MAX_METRIC = 24


@cache
def _change_words() -> tuple[dict[str, str], dict[str, str], dict[str, str], tuple[str, ...]]:
    basis: dict[str, str] = {}
    direction: dict[str, str] = {}
    rate: dict[str, str] = {}
    ratio: list[str] = []
    for r in _resources.table("changes.tsv", ("word", "kind", "value")):
        {"basis": basis, "direction": direction, "rate": rate}.get(r["kind"], {})[r["word"]] = r["value"]
        if r["kind"] == "ratio":
            ratio.append(r["word"])
    return basis, direction, rate, tuple(sorted(ratio, key=len, reverse=True))


@cache
def _qualifier_words() -> tuple[str, ...]:
    """Words that may stand between a change verb and its number (增长约, 下滑不足, 跌超)."""
    from ..quantities.lexicon import qualifiers

    extra = ("达到", "达", "了", "分别", "均", "高达", "仅", "亦")
    return tuple(sorted({*qualifiers()[0], *extra}, key=len, reverse=True))


@cache
def _tail_words() -> dict[str, tuple[str, ...]]:
    """Predicate and filler words, keyed by their last character, longest first."""
    basis, direction, _, _ = _change_words()
    by_last: dict[str, list[str]] = {}
    for w in sorted({*_FUNCTION_TAIL, *basis, *direction}, key=len, reverse=True):
        by_last.setdefault(w[-1], []).append(w)
    return {k: tuple(v) for k, v in by_last.items()}


# 较8月 / 比上月: a comparison with the month before is sequential (qoq in the spec's terms)
_MONTH_BASIS = r"(?:较|較|比)(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?"


@cache
def _basis_pattern() -> re.Pattern[str]:
    basis = _change_words()[0]
    return re.compile(_MONTH_BASIS + "|" + "|".join(map(re.escape, sorted(basis, key=len, reverse=True))))


def basis_of(word: str) -> str:
    """The change basis a basis word names (``同比`` -> yoy, ``较8月`` -> qoq)."""
    return _change_words()[0].get(word) or ("qoq" if re.fullmatch(_MONTH_BASIS, word) else "growth")


_COMPARISON = re.compile(r"较|(?<![同环占对正反无])比(?![例重率])|相比|相较|与[^，,。]{0,12}?相比")


def strip_metric(segment: str) -> str | None:
    """The measured noun phrase left of a number, with predicates and fillers stripped."""
    cut = _COMPARISON.search(segment)
    if cut is not None and cut.start() > 0:
        segment = segment[: cut.start()]  # 毛利率较上年同期提升: the metric ends before 较
    s = _LEAD.sub("", segment)
    words = _tail_words()
    while s:
        w = next((w for w in words.get(s[-1], ()) if s.endswith(w)), None)
        if w is None:
            break
        s = s[: -len(w)]
    s = _LEAD.sub("", s).strip(" 　，,、的")
    if not s or not any("\u4e00" <= c <= "\u9fff" or c.isalpha() for c in s):
        return None
    return s[-_MAX_METRIC:]


def _direction_before(before: str) -> tuple[str | None, bool]:
    """Direction of a change verb ending ``before`` (qualifiers allowed after it) and whether 至/到 follows."""
    _, direction, _, _ = _change_words()
    s = before.rstrip(" ")
    for q in (
        "约为",
        "大约",
        "约",
        "接近",
        "将近",
        "近",
        "超过",
        "超",
        "逾",
        "达到",
        "达",
        "了",
        "分别",
        "均",
        "高达",
        "仅",
    ):
        if s.endswith(q):
            s = s[: -len(q)].rstrip(" ")
            break
    to = False
    if s.endswith(("至", "到")):
        s, to = s[:-1], True
        s = s.rstrip(" ")
    if s.endswith("了"):
        s = s[:-1]
    for length in (2, 1):
        d = direction.get(s[-length:]) if len(s) >= length else None
        if d is not None:
            return d, to
    return None, to


def _direction_after(after: str) -> tuple[str | None, str | None]:
    """Direction (and basis) written after a number: 三位数同比增长, 50%的增长 (not 43%回升至45%)."""
    basis_words, direction, rate, _ = _change_words()
    s = after.lstrip(" ")
    if s.startswith("的"):
        s = s[1:]
    basis = None
    for prefix in ("同比", "环比", "按年", "按季"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
            basis = basis_words[prefix]
            break
    d = direction.get(s[:2])
    if d is not None and s[2:3] not in ("至", "到"):
        return d, basis
    for word, value in rate.items():
        if s.startswith(word) and value != "none":
            return value, basis
    return None, None


_IMPACT = re.compile(r"(?:影响|拖累|拉低|拉高|贡献|带动|拉动|摊薄|推高|压低)[^，,。；;]{0,12}$")


def change_and_direction(
    text: str, q: Raw, clause_start: int, segment_start: int, metric: str | None
) -> tuple[str | None, str | None]:
    """``(change, direction)`` of a claim from the words around its number."""
    if q.kind == "rank":
        return None, None
    _, _, rate, ratio = _change_words()
    before = text[segment_start : q.start]
    basis_match = None
    for m in _basis_pattern().finditer(text, clause_start, q.start):
        basis_match = m
    basis = basis_of(basis_match.group()) if basis_match else None
    d_before, to = _direction_before(before)
    if d_before is None and _IMPACT.search(text, clause_start, q.start):
        return None, None  # 影响净利润增速4.6个百分点: an effect on a change, not a change
    d_after, basis_after = (
        _direction_after(text[q.end : q.end + 8]) if q.kind in ("percent", "pp", "multiple") else (None, None)
    )
    is_rate = None
    if metric:
        for word, value in rate.items():
            if word in metric:
                is_rate = value
                break
    is_ratio = metric is not None and any(w in metric for w in ratio)
    sentence_before = text[max(0, q.start - 60) : q.start]
    cut = max(sentence_before.rfind(c) for c in "。！？\n")
    if not is_ratio and any(w in sentence_before[cut + 1 :] for w in ratio if len(w) > 1):
        is_ratio = True  # 营收贡献占比，来自中国区的营收增加至85%
    if q.kind == "multiple" and text[q.start : q.start + 1] == "翻":
        return basis or "growth", "up"  # 翻番, 翻倍: a doubling is a rise
    if q.kind in ("percent", "pp", "multiple"):
        if d_before and not to:
            return basis or "growth", d_before
        if d_before and to:
            if is_rate is not None:
                return "growth", None if is_rate == "none" else is_rate
            if is_ratio and q.kind != "pp":
                return None, None
            return basis or "growth", d_before
        if d_after:
            return basis_after or basis or "growth", d_after
        if is_rate is not None:
            return basis or "growth", None if is_rate == "none" else is_rate
        if basis_match is not None and text[basis_match.end() : q.start].strip(" 为达约") == "":
            sign = text[q.start : q.start + 1]
            return basis, "down" if sign in "-−－" else "up" if sign in "+＋" else None
        return None, None
    if d_before and not to and len(before.rstrip()) and q.kind in ("money", "count"):
        return basis or "growth", d_before
    return None, None
