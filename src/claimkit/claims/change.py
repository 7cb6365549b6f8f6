"""The change resolver: whether a claim is a change, on what basis (``yoy``, ``qoq``, ``growth``),
and in which direction.

A basis word (``同比``, ``按年``, ``较8月``) anywhere before the number in its clause gives the
basis; a direction verb right before the number (``增长``, qualifiers and fillers allowed
between) or right after it (``三位数增长``) makes it a change; a rate noun in the metric
(``增速``) does too; a ratio noun (``毛利率升至56%``) makes ``升至`` a level. A multiple of a
period's figure (``是去年同期的2.4倍``) is a change on that period; a number coordinated with
the one before (``同比增长12%和19%``) shares its change; in a ``分别`` list after several basis
words (``按年及按季分别降4.2及2.6个百分点``) the k-th number takes the k-th basis.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from .. import _resources
from .._words import alternation, word_set, words, words_pattern
from ..attribution.structure import part_start
from ..periods.resolve import Resolved
from ..quantities.grammar import Raw
from ..quantities.lexicon import qualifiers
from .document import DocModel, QContext, list_kind, unqualified_link
from .period import ratio_base

# 较8月 / 比上月: a comparison with the month before is sequential (qoq in the spec's terms)
_MONTH_BASIS = r"(?:较|較|比)([0-9]{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?"  # the month in group 1


class ChangeResolution(NamedTuple):
    change: str | None
    direction: str | None


@cache
def change_words() -> tuple[dict[str, str], dict[str, str], dict[str, str], tuple[str, ...]]:
    """``resources/changes.tsv``: basis words, direction verbs, rate nouns and ratio nouns."""
    basis: dict[str, str] = {}
    direction: dict[str, str] = {}
    rate: dict[str, str] = {}
    ratio: list[str] = []
    for r in _resources.table("changes.tsv", ("word", "kind", "value")):
        {
            "basis": basis,
            "direction": direction,
            "flow": direction,
            "net": direction,
            "improve": direction,
            "rate": rate,
        }.get(r["kind"], {})[r["word"]] = r["value"]
        if r["kind"] == "ratio":
            ratio.append(r["word"])
    return basis, direction, rate, tuple(sorted(ratio, key=len, reverse=True))


@cache
def _lower_better() -> tuple[str, ...]:
    """Measures that improve by falling (``changes.tsv`` kind ``lower_better``: 综合成本率, 不良率)."""
    return tuple(
        r["word"]
        for r in _resources.table("changes.tsv", ("word", "kind", "value"))
        if r["kind"] == "lower_better"
    )


def _improvement(direction: str | None, metric: str | None) -> str | None:
    """A verb of improvement (改善, 优化) as a direction: down for a measure that improves by falling."""
    if direction != "better":
        return direction
    return "down" if metric and any(w in metric for w in _lower_better()) else "up"


# 年增/季增/月增 (Taiwan press: 年增5%) are a basis, but not after a count or an ordinal (8年增长, 第四季增速)
_NOT_AFTER_COUNT = "(?<![0-9０-９一二两兩三四五六七八九十百千第个個财財])"  # (not 財年增長: a fiscal year)


@cache
def basis_pattern() -> re.Pattern[str]:
    words_ = change_words()[0]
    short = [w for w in words_ if w[0] in "年季月"]
    rest = [w for w in words_ if w[0] not in "年季月"]
    # every match starts with 较/較/比 or a basis word: a lookahead for those characters lets ``re`` skip
    # to them (the lookbehind of the last branch keeps it from doing so on its own)
    first = "".join(re.escape(ch) for ch in sorted({"较", "較", "比", *(w[0] for w in words_)}))
    gate = f"(?=[{first}])" if all(words_) else ""
    return re.compile(
        f"{gate}(?:{_MONTH_BASIS}|{words_pattern(rest)}|{_NOT_AFTER_COUNT}(?:{words_pattern(short)}))"
    )


def basis_of(word: str) -> str:
    """The change basis a basis word names (``同比`` -> yoy, ``较8月`` -> qoq)."""
    return change_words()[0].get(word) or ("qoq" if re.fullmatch(_MONTH_BASIS, word) else "growth")


@cache
def _between_verb_and_number() -> tuple[str, ...]:
    """Words that may stand between a change verb and its number (增长约, 下滑不足, 跌超, 增长了)."""
    from ..quantities.lexicon import qualifiers

    prefix = [w for w, q in qualifiers()[0].items() if q != "none"]
    return tuple(sorted({*prefix, *words("verb_filler")}, key=len, reverse=True))


@cache
def _verb_then_rate() -> re.Pattern[str]:
    """A verb of revision (上调, 下调: role ``revise_verb``), then a short noun naming a rate (政策利率: a ratio
    noun), right before the number."""
    verbs = words_pattern(w for w in words("revise_verb") if w in change_words()[1])
    return re.compile(rf"({verbs})[\u4e00-\u9fff]{{0,6}}(?:{words_pattern(change_words()[3])})$")


@cache
def _verb_then_price() -> re.Pattern[str]:
    """A verb of revision (上调, 调涨: role ``revise_verb``), a few words, then a price it moves (售价: role
    ``price_noun``), right before the number, a qualifier allowed (上调部分产品售价约5%)."""
    verbs = words_pattern(w for w in words("revise_verb") if w in change_words()[1])
    return re.compile(
        rf"({verbs})[^，,。；;：:0-9０-９%]{{0,10}}?(?:{words_pattern(words('price_noun'))})[约約近逾超]?$"
    )


_RATE_GAP = 8  # characters between a base and its number that a rate noun may stand in (较上年末增幅约为)
_RATIO_OF = re.compile(r"(?:是|为|為|相当于|相當於)[^，,。；;0-9]{0,16}的\s*$")


@cache
def _between_at_end() -> re.Pattern[str]:
    return re.compile(f"(?:{words_pattern(_between_verb_and_number())})\\Z")


@cache
def _fillers_by_last() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The words of :func:`_between_verb_and_number` by their last character, longest first (the
    empty word, if listed, ends every text: it closes each list and stands alone as the second item)."""
    words_ = _between_verb_and_number()
    empty = tuple(w for w in words_ if not w)
    by_last: dict[str, list[str]] = {}
    for w in words_:
        if w:
            by_last.setdefault(w[-1], []).append(w)
    return {ch: (*ws, *empty) for ch, ws in by_last.items()}, empty


@cache
def _ratio_words() -> re.Pattern[str]:
    """Ratio nouns of two or more characters (占比, 毛利率), for a look back over the sentence."""
    return re.compile(words_pattern(w for w in change_words()[3] if len(w) > 1))


@cache
def _impact() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation('impact')})[^，,。；;]{{0,12}}$")


def direction_before(before: str) -> tuple[str | None, bool]:
    """Direction of a change verb ending ``before`` (qualifiers allowed after it) and whether 至/到 follows."""
    direction = change_words()[1]
    s = before.rstrip(" ")
    by_last, empty = _fillers_by_last()
    fillers = [w for w in by_last.get(s[-1:], empty) if s.endswith(w)] or [""]
    cut = len(s) - len(fillers[0])  # the longest filler; a shorter one only where the longest cuts a verb
    if len(fillers) > 1 and cut > 0 and direction.get(s[cut - 1 : cut + 1]) is not None:
        fillers = fillers[1:]  # 扩大约19%: the filler is 约, not 大约 (跌破8400 keeps 跌破)
    return _verb_at_end(s[: len(s) - len(fillers[0])].rstrip(" "), direction)


@cache
def change_words_of(kinds: tuple[str, ...], value: str | None = None) -> tuple[str, ...]:
    """The words of ``changes.tsv`` of the given kinds (and value, if given): (``flow``, ``net``) -> 新增,
    关闭, 净增…"""
    rows = _resources.table("changes.tsv", ("word", "kind", "value"))
    return tuple(r["word"] for r in rows if r["kind"] in kinds and value in (None, r["value"]))


def _opens_with_addition(before: str) -> bool:
    """Whether the verb ending ``before`` (qualifiers allowed after it) is one of additions (新增约)."""
    s = before.rstrip(" ")
    by_last, empty = _fillers_by_last()
    fillers = [w for w in by_last.get(s[-1:], empty) if s.endswith(w)] or [""]
    s = s[: len(s) - len(fillers[0])].rstrip(" ")
    s = s[:-1] if s.endswith("了") else s
    return s.endswith(change_words_of(("flow",), "up"))


def _verb_at_end(s: str, direction: dict[str, str]) -> tuple[str | None, bool]:
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
    """Direction (and basis) written after a number: 三位数同比增长, 50%(以上)的增长 (not 43%回升至45%)."""
    basis_words, direction, rate, _ = change_words()
    s = after.lstrip(" ")
    basis = None
    suffix = qualifiers()[1]
    for length in (2, 1):  # 30%以上的增长: a qualifier may stand before 的
        if s[:length] in suffix:
            s = s[length:]
            break
    if s.startswith("的"):
        s = s[1:]
        if s.startswith(change_words_of(("flow",), "up")):
            return None, None  # 一半左右的新增关税成本: an addition names a noun, not the figure's change
        pace = next((w for w in words("pace_word") if s.startswith(w)), "")
        s = s[len(pace) :]  # 20%左右的稳健增长: a word of pace before the change
    for prefix in ("同比", "环比", "環比", "按年", "按季"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
            basis = basis_words[prefix]
            break
    d = direction.get(s[:2])
    if d is not None and s.startswith(words("potential_noun"), 2):
        return None, None  # 有46.2%的上涨空间: room for a move, no change that happened
    if d is not None and s[2:3] not in ("至", "到"):
        return d, basis
    for word, value in rate.items():
        if s.startswith(word) and value != "none":
            return value, basis
    return None, None


def change_and_direction(
    model: DocModel, ctx: QContext, segment_start: int, metric: str | None
) -> tuple[str | None, str | None]:
    """``(change, direction)`` of a claim from the words around its number."""
    text, q = model.text, ctx.q
    if q.kind == "rank":
        return None, None
    _, _, rate, ratio = change_words()
    clause_start = model.reach(ctx, ctx.clause_start)
    before = text[max(segment_start, clause_start) : q.start]
    basis_match = model.matches(basis_pattern()).last_within(clause_start, q.start)
    basis = basis_of(text[basis_match[0] : basis_match[1]]) if basis_match else None
    d_before, to = direction_before(before)
    if d_before is None and q.kind == "pp":
        # 下调政策利率10个基点: a verb of revision, the rate it moves, then the points
        moved = _verb_then_rate().search(text, clause_start, q.start)
        if moved is not None:
            d_before, to = direction_before(moved.group(1))
    if (
        d_before is None
        and q.kind == "percent"
        and (raised := _verb_then_price().search(text, clause_start, q.start))
    ):
        d_before, to = direction_before(
            raised.group(1)
        )  # 调涨部分产品售价约5%至8%: the price moves by the figure
    d_before = _improvement(d_before, metric)
    if d_before is None and basis_match is not None:
        d_before = _comparative(text[basis_match[1] : q.start])  # 增速比上月末低0.2个百分点
    if d_before is None and basis_match is None:
        base = next(
            (
                p
                for p in reversed(model.sentence_periods(ctx))
                if p.comparison and clause_start <= p.start < q.start
            ),
            None,
        )
        if base is not None:
            d_before = _comparative(
                text[base.end : q.start]
            )  # 份額…比第二季高0.7個百分點 (the base sets the basis)
    if d_before is None and basis_match is None:
        # 客單價已比疫情前高出約8%: a base that names no period, then a comparative, is a change of growth
        # (not 比電子業務高出約5個百分點: a gap between two things, no change)
        other = _OTHER_BASE.search(text, max(clause_start, q.start - _OTHER_BASE_REACH), q.start)
        if other is not None and _TIME_BASE.search(text, other.end(), q.start):
            d_before = _comparative(text[other.end() : q.start])
    if d_before is None and _impact().search(text, max(clause_start, q.start - 16), q.start):
        return None, None  # 拖累净利润增速2.8个百分点: an effect on a change, not a change
    d_after, basis_after = (
        _direction_after(text[q.end : q.end + 8]) if q.kind in ("percent", "pp", "multiple") else (None, None)
    )
    d_after = _improvement(d_after, metric)
    is_rate = None
    if metric:
        for word, value in rate.items():
            if word in metric:
                is_rate = value
                break
    if is_rate is None and basis_match is not None and q.start - basis_match[1] <= _RATE_GAP:
        # 较上年末增幅约5%, 較10月的月增率為: the rate noun after the base, or holding it (the metric ends
        # before the comparison)
        gap = text[basis_match[0] : q.start]
        is_rate = next((value for word, value in rate.items() if word in gap), None)
    is_ratio = metric is not None and (any(w in metric for w in ratio) or _names_level(metric))
    if not is_ratio and _ratio_words().search(text, max(ctx.sentence_start, q.start - 60), q.start):
        is_ratio = True  # 营收贡献占比，来自本土的营收增加至78%
    if q.kind == "multiple" and text[q.start : q.start + 1] == "翻":
        return basis or "growth", "up"  # 翻番, 翻倍: a doubling is a rise
    if q.kind == "multiple" and _RATIO_OF.search(text, max(clause_start, q.start - 24), q.start):
        return None, None  # 增速约为行业均值的3倍: a multiple of another figure, not a change
    sign = text[q.start : q.start + 1]
    if is_rate == "up" and sign in "-−－":
        is_rate = "down"  # 增速为-3.5%
    if q.kind in ("percent", "pp", "multiple"):
        if d_before and not to:
            return basis or "growth", d_before
        if d_before and to:
            if is_rate is not None:
                # a growth rate falling to a level is still a rise (增速回落至5%: up), unless the level
                # may be nil (增速跌至个位数: no direction)
                slowed = is_rate == "up" and d_before == "down" and not (q.value or q.low)
                # (按年跌幅收窄至1.8%: a basis written onto the rate noun is the rate's own basis; one after
                # it, 增速较上月回落至5%, compares the rate)
                own = basis_match is not None and text.startswith(tuple(rate), basis_match[1])
                return (basis if own else None) or "growth", None if is_rate == "none" or slowed else is_rate
            if is_ratio and q.kind != "pp":
                return None, None
            return basis or "growth", d_before
        if d_after:
            return basis_after or basis or "growth", d_after
        if is_rate is not None:
            return basis or "growth", None if is_rate == "none" else is_rate
        signed = sign in "+＋-−－"  # 同比分别+10.7%、+19.7%: a written sign makes the figure the change
        if basis_match is not None and (signed or _only_link(text[basis_match[1] : q.start])):
            word = text[basis_match[0] : basis_match[1]]
            implied = next((v for w, v in rate.items() if w in word and v != "none"), None)
            if implied is not None:  # 复合年增长率为25%: the basis names a growth rate
                return basis, "down" if sign in "-−－" else implied
            return basis, "down" if sign in "-−－" else "up" if sign in "+＋" else None
        return None, None
    if d_before and not to and len(before.rstrip()) and q.kind in ("money", "count"):
        if basis_match is None and _opens_with_addition(before):
            return (
                None,
                None,
            )  # 当季新开约15家: a count of additions, not a change of a level (较年初新增…: one)
        return basis or "growth", d_before
    if q.kind == "count" and metric:
        verb = _net_verb().search(metric)
        if verb is not None and len(metric) > verb.end():  # 累计净增门店1530家 (新开门店6600家 is a level)
            return basis or "growth", change_words()[1][verb.group()]
    return None, None


@cache
def _net_verb() -> re.Pattern[str]:
    """A verb of a net change opening a count's metric (净增用户, 净关闭门店)."""
    return re.compile(words_pattern(change_words_of(("net",))))


_OTHER_BASE = re.compile(
    r"(?:比(?![重例率值较較])|较(?!为)|較(?!為))(?!.*(?:比|较|較))"
)  # the last 比/较 (not 比重)
_OTHER_BASE_REACH = 12  # characters from such a 比 to its number (比疫情前高出約)
_TIME_BASE = re.compile(
    r"[前年月季期时時]"
)  # a base that is a time with no period of its own (疫情前, 三年前)


@cache
def _comparatives() -> dict[str, str]:
    return {
        r["word"]: r["value"]
        for r in _resources.table("changes.tsv", ("word", "kind", "value"))
        if r["kind"] == "comparative"
    }


def _comparative(between: str) -> str | None:
    """The direction of a comparative adjective ending the words between a basis and its number
    (比上月末低, 較去年高出; qualifiers allowed after it)."""
    s = between.rstrip(" ")
    found = _between_at_end().search(s)
    if found is not None:
        s = s[: found.start()].rstrip(" ")
    s = s.removesuffix("出").removesuffix("了")
    if 1 < len(s) <= 3 and s[0] in "多少":
        return _comparatives().get(s[0])  # 同比多开工约300个, 按年多派约22%: more or less of a verb's act
    return _comparatives().get(s[-1:]) if s and len(s) <= 6 else None


def _coordinated(text: str, a: Raw, b: Raw) -> bool:
    """Two numbers of one list: 12%和19%, 近六成和逾五成 (qualifiers do not break it), 38.2%及1.6倍."""
    if list_kind(a) != list_kind(b):
        return False
    gap = text[a.end : b.start].strip()
    return gap in word_set("coordinator") or (
        len(gap) <= 6 and unqualified_link(gap) in word_set("coordinator")
    )


def _respectively(model: DocModel, ctx: QContext) -> str | None:
    """按年及按季分别降4.2及2.6个百分点: the k-th number takes the k-th basis."""
    text, q = model.text, ctx.q
    found = []
    for a, b in model.matches(basis_pattern()).within(model.reach(ctx, ctx.clause_start), q.start):
        found.append(text[a:b])
        found.extend(_shared_preposition(text, a, b))
    if len(found) < 2:
        return None
    k = 0
    j = ctx.index - 1
    while j >= 0:
        prev = model.contexts[j]
        if prev.q.start < ctx.clause_start or not _has_respectively(model, ctx.clause_start, prev.q.start):
            break
        k += 1
        j -= 1
    return basis_of(found[k]) if k < len(found) else None


def _shared_preposition(text: str, a: int, b: int) -> list[str]:
    """比去年同期和上一季度分别…: a basis after a coordinator that takes its preposition from the one before it."""
    prep = text[a]
    if prep not in "比较較" or not text.startswith(words("coordinator"), b):
        return []
    k = next(b + len(w) for w in words("coordinator") if text.startswith(w, b))  # (words are longest first)
    m = basis_pattern().match(prep + text[k : k + 8])
    return [m.group()] if m is not None and m.end() > 1 else []


def _sentence_basis(model: DocModel, ctx: QContext) -> str | None:
    """同比增速为5.1%，而上季度增速为8.7%; 同比上涨1.2%，涨幅已连续…: a rate noun with no basis of
    its own takes the last basis written before it in its ``；``-part of the sentence."""
    text = model.text
    rates = change_words()[2]
    clause = text[ctx.clause_start : ctx.q.start]
    noun = next((w for w in sorted(rates, key=len, reverse=True) if w in clause), None)
    if noun is None:
        return None
    part = part_start(text, model.reach(ctx, ctx.sentence_start), ctx.clause_start)
    last = model.matches(basis_pattern()).last_within(part, ctx.clause_start)
    if last is None:
        return None
    found = basis_of(text[last[0] : last[1]])
    return found if found in ("yoy", "qoq") else None


@cache
def _topic_basis_clause() -> re.Pattern[str]:
    """(从)同比看，: a basis word of two characters (``changes.tsv``) viewed as a topic (``topic_look``)."""
    bases = [w for w, v in change_words()[0].items() if len(w) == 2 and v in ("yoy", "qoq")]
    return re.compile(rf"(?:{words_pattern(bases)})(?=(?:{alternation('topic_look')})[，,])")


def _topic_basis(model: DocModel, ctx: QContext) -> str | None:
    """从同比看，食品价格下降2.9%…: a topic clause naming a basis frames the changes after it in its
    paragraph (the last one before the claim, 从环比看 taking over)."""
    structure = model.structure
    k = ctx.sentence
    paragraph = structure.sentences[k].paragraph
    while k > 0 and structure.sentences[k - 1].paragraph == paragraph:
        k -= 1
    found = model.matches(_topic_basis_clause()).last_within(structure.sentences[k].start, ctx.q.start)
    return basis_of(model.text[found[0] : found[1]]) if found is not None else None


def _last_year_clause(model: DocModel, ctx: QContext) -> str | None:
    """净亏损1.03亿元，上年同期净亏损为1.85亿元，亏损额收窄约44%; 与上年同期相比，占比提高2.3个百分点: a
    change with no basis right after a clause that opens with the same period a year before is yoy."""
    if ctx.clause_start <= ctx.sentence_start:
        return None
    text = model.text
    before = model.structure.clause_start(ctx.clause_start - 1, ctx.sentence_start)
    for p in model.sentence_periods(ctx):
        if before <= p.start < ctx.clause_start and p.relative == "same_period_last_year":
            lead = text[before : p.start].strip()
            if not lead or lead in word_set("comparison_before"):
                return "yoy"
    return None


def _names_level(metric: str) -> bool:
    """Whether a metric is an index read as a level (PMI, 景气指数): 升至49.2% states the level."""
    return any(w in metric for w in word_set("level_noun"))


def _only_link(gap: str) -> bool:
    """Whether ``gap`` (between a basis and its number) is only a link and a qualifier (为, 约, 逾)."""
    gap = gap.strip(" 为達為达約约")
    return gap == "" or gap in qualifiers()[0]


@cache
def _respectively_words() -> re.Pattern[str]:
    return re.compile(alternation("respectively"))


def _compared_basis(model: DocModel, ctx: QContext, period: Resolved | None) -> str | None:
    """较一季度末下降1个基点: a comparison with a period a quarter before the claim's is sequential
    (qoq), with one a year before is yoy."""
    if period is None:
        return None
    base = next(
        (p for p in reversed(model.sentence_periods(ctx)) if p.comparison and p.start >= ctx.clause_start),
        None,
    )
    other = model.resolved.get(id(base)) if base is not None else None
    if other is None:
        return None
    months = (period.year * 12 + period.end_month()) - (other.year * 12 + other.end_month())
    # 较1—10月 for January-November: compared with its own base, not on the sentence's basis
    if months == 0:
        return None  # 增速较3Q24的9.5%: the figure is the base's own
    if months == 6 and period.half is not None and other.half is not None:
        return "qoq"  # 下半財年…較上半財年: the half before
    return "qoq" if months == 3 else "yoy" if months == 12 else "growth"


def _quarter_before(model: DocModel, ctx: QContext, period: Resolved) -> bool:
    """Whether the basis word before the claim (比去年, 較上年) names, with the period right after it, the quarter
    or half before the claim's (一季度…比去年第四季度, 下半財年…較上半財年)."""
    if period.quarter is None and period.half is None:
        return False
    found = model.matches(basis_pattern()).last_within(model.reach(ctx, ctx.clause_start), ctx.q.start)
    if found is None:
        return False
    base = next(
        (p for p in model.sentence_periods(ctx) if found[0] <= p.start <= found[1] and p.end > found[1]), None
    )
    other = model.resolved.get(id(base)) if base is not None else None
    step = 3 if period.quarter is not None else 6
    if other is None or (other.quarter if step == 3 else other.half) is None:
        return False
    return (period.year * 12 + period.end_month()) - (other.year * 12 + other.end_month()) == step


def _month_basis(model: DocModel, ctx: QContext, period: Resolved) -> str | None:
    """较3月底 of a figure at September's end: a comparison with a month half a year back is growth,
    not sequential (a month or a quarter back is)."""
    found = model.matches(basis_pattern()).last_within(model.reach(ctx, ctx.clause_start), ctx.q.start)
    if found is None:
        return None
    m = re.fullmatch(_MONTH_BASIS, model.text[found[0] : found[1]])
    if m is None:
        return None
    month = int(m.group(1)) if m.group(1).isdigit() else _CHINESE_MONTHS.index(m.group(1)) + 1
    return None if (period.end_month() - month) % 12 in (1, 3) else "growth"


_CHINESE_MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def _has_respectively(model: DocModel, a: int, b: int) -> bool:
    return model.matches(_respectively_words()).any_within(a, b)


def resolve_change(
    model: DocModel,
    ctx: QContext,
    metric: str | None,
    metric_start: int,
    period: Resolved | None,
) -> ChangeResolution:
    """The change basis and direction of the claim at ``ctx``."""
    text, q = model.text, ctx.q
    change, direction = change_and_direction(model, ctx, metric_start, metric)
    if change is None and q.kind == "multiple" and q.value is not None:
        base = next((p for p in model.sentence_periods(ctx) if ratio_base(text, p, q)), None)
        if base is not None:
            last_year = (
                base.relative == "same_period_last_year"
                or (base.year_from is not None and base.year_offset == -1)
                or (period is not None and base.year is not None and base.year == period.year - 1)
            )
            change, direction = ("yoy" if last_year else "growth"), ("up" if q.value > 1 else "down")
    if change is None and q.kind in ("percent", "pp", "multiple"):
        # 按年分別錄得低單位數及逾兩成增長: the direction written after a list's last number is each number's
        last, j = q, ctx.index + 1
        while j < len(model.contexts) and _coordinated(text, last, model.contexts[j].q):
            last, j = model.contexts[j].q, j + 1
        if last is not q:
            d_after, basis_after = _direction_after(text[last.end : last.end + 8])
            if d_after is not None:
                found = model.matches(basis_pattern()).last_within(
                    model.reach(ctx, ctx.clause_start), q.start
                )
                basis = basis_of(text[found[0] : found[1]]) if found else None
                change, direction = basis_after or basis or "growth", _improvement(d_after, metric)
    if ctx.index > 0:
        prev = model.contexts[ctx.index - 1]
        previous = model.changes.get(prev.index)
        if previous is not None and previous[0] is not None and _coordinated(text, prev.q, q):
            # 同比增长12%和19%, 分别回落0.8和0.7个百分点: one verb for the list (a sign is the item's own)
            signed = text[q.start : q.start + 1] in "+＋-−－"
            change = previous[0] if change is None or not signed else change
            direction = previous[1] if not signed else direction
    if change == "growth" and not model.matches(basis_pattern()).any_within(ctx.clause_start, q.start):
        change = (
            _compared_basis(model, ctx, period)
            or _sentence_basis(model, ctx)
            or _last_year_clause(model, ctx)
            or _topic_basis(model, ctx)
            or change
        )
    if change == "yoy" and period is not None and _quarter_before(model, ctx, period):
        change = "qoq"  # 比去年第4季成長12.4% of a first quarter: the quarter before, though last year's
    if change == "qoq" and period is not None:
        change = _month_basis(model, ctx, period) or change
    if change is not None and _has_respectively(model, model.reach(ctx, ctx.clause_start), q.start):
        change = _respectively(model, ctx) or change
    model.changes[ctx.index] = ChangeResolution(change, direction)
    return ChangeResolution(change, direction)
