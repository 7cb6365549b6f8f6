"""From quantities, periods and mentions to claims: the attribution rules in one pass.

The engine works on the cleaned text (offsets into it) and maps every span back
to the caller's input at the end. It is what the ``claimkit_attribution`` spaCy
component runs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from ..attribution.companies import CompanyResolver
from ..attribution.lexicon import Lexicon
from ..attribution.mentions import Mention
from ..attribution.speakers import Cue, find_cues, quote_speakers
from ..attribution.structure import Structure
from ..cleaning import Cleaned
from ..periods.grammar import RawPeriod
from ..periods.resolve import Resolved, Resolver
from ..quantities.grammar import Raw
from .describe import describe
from .fields import change_and_direction, strip_metric
from .model import Claim, Evidence, Span

_DURATION = re.compile(
    r"(?:未来|过去|最近|今后|此前|这)\s?[一二两三四五六七八九十百\d]+\s?个?(?:年|季度|个月)(?!度)"
    r"|[一二两三四五六七八九十百\d]+\s?年(?:来|间|累计|以来|内)"
    r"|[一二两三四五六七八九十百\d]+\s?年\s?累计"
)
_MARKET = re.compile(r"股价|市值|盘前|盘中|盘后|收盘|开盘|收报|报收|港股|美股|A股|美股盘前")
_LOCAL_GAP = frozenset(["", "的", " ", "为", "的约", "约"])
_STRUCTURAL_MAX = 10
_CONCRETE = frozenset("款座辆輛台架艘颗顆枚栋棟套")


@dataclass(slots=True)
class Document:
    """Everything the engine reads, in clean-text offsets."""

    cleaned: Cleaned
    published: date | None
    quantities: list[Raw]
    periods: list[RawPeriod]
    mentions: list[Mention]
    lexicon: Lexicon
    structure: Structure | None = None
    metric: str = "rules"  # "rules" | "pkuseg": how the metric phrase is cut out


def is_claim(q: Raw) -> bool:
    """Whether a quantity is reported as a claim (durations, sizes and list-like counts are not)."""
    if q.kind in ("duration", "physical", "number") or q.bare:
        return False
    if q.kind != "count" or not q.chinese or q.scale != 1:
        return True
    if q.qualifier == "exact" and q.value is not None and q.value <= _STRUCTURAL_MAX:
        # 两家公司, 三件事: structure, not a claim; 四款新车, 三座工厂: things counted are
        return q.counted in _CONCRETE
    return not (q.qualifier == "range" and q.high is not None and q.high <= _STRUCTURAL_MAX)  # 几个


def _resolve_periods(doc: Document, structure: Structure) -> dict[int, Resolved | None]:
    resolver = Resolver.for_document(doc.published, doc.periods)
    out: dict[int, Resolved | None] = {}
    year_in_sentence: dict[int, int] = {}
    for p in doc.periods:
        s = structure.sentence_index(p.start)
        r = resolver.resolve(p, local_year=year_in_sentence.get(s))
        out[id(p)] = r
        if p.year is not None and not p.local and not p.comparison:
            year_in_sentence[s] = p.year
    return out


def _is_sentence_period(p: RawPeriod) -> bool:
    return not p.local and not p.anchor and not p.comparison and not p.clause_scoped


def _main_period(periods: list[RawPeriod], resolved: dict[int, Resolved | None]) -> Resolved | None:
    """The period the document reports on: its most frequent sentence-level period, months aside."""
    counts: dict[Resolved, int] = {}
    first: dict[Resolved, int] = {}
    for i, p in enumerate(periods):
        r = resolved.get(id(p))
        if r is None or not _is_sentence_period(p) or p.point:
            continue
        counts[r] = counts.get(r, 0) + 1
        first.setdefault(r, i)
    if not counts:
        return None
    coarse = {r: n for r, n in counts.items() if r.month is None} or counts
    return max(coarse, key=lambda r: (coarse[r], -first[r]))


def _input_span(cleaned: Cleaned, a: int, b: int) -> Span:
    s, e = cleaned.to_input_span(a, b)
    return Span(start=s, end=e)


def build_claims(doc: Document) -> list[Claim]:
    """The claims of a document."""
    text = doc.cleaned.folded
    structure = doc.structure or Structure(text)
    quantities = [q for q in doc.quantities if is_claim(q)]
    if not quantities:
        return []
    resolved = _resolve_periods(doc, structure)
    companies = CompanyResolver(text, structure, doc.mentions, doc.lexicon.parents)
    cues = find_cues(text, structure, doc.mentions, doc.lexicon, companies.at, doc.cleaned.kept_spans())
    quoted = quote_speakers(text, structure, cues, doc.mentions, doc.lexicon)
    metric_fn = strip_metric
    if doc.metric == "pkuseg":
        from ..attribution.wordseg import metric_with_words  # loads the shipped model on first use

        metric_fn = metric_with_words

    mention_starts = [m.start for m in doc.mentions]
    list_index = _list_indexes(text, quantities)
    list_length = _list_lengths(list_index)
    periods_by_sentence: dict[int, list[RawPeriod]] = {}
    for p in doc.periods:
        periods_by_sentence.setdefault(structure.sentence_index(p.start), []).append(p)
    cues_by_sentence: dict[int, list[Cue]] = {}
    for c in cues:
        cues_by_sentence.setdefault(structure.sentence_index(c.start), []).append(c)

    claims: list[Claim] = []
    main = _main_period(doc.periods, resolved)
    state: Resolved | None = main
    state_sentence = -1
    last_metric: tuple[int, str | None] = (-1, None)
    prev_end_in_clause: dict[int, int] = {}
    for qi, q in enumerate(quantities):
        s_index = structure.sentence_index(q.start)
        sentence = structure.sentences[s_index]
        # carry the period state over every sentence before this one
        # (within a paragraph; a new paragraph starts again from the document's main period)
        while state_sentence < s_index - 1:
            state_sentence += 1
            if (
                structure.sentences[state_sentence].paragraph
                != structure.sentences[state_sentence + 1].paragraph
            ):
                state = main
                continue
            for p in periods_by_sentence.get(state_sentence, ()):
                if _is_sentence_period(p) and resolved.get(id(p)) is not None:
                    state = resolved[id(p)]
        clause_start = structure.clause_start(q.start, sentence.start)
        segment_start = max(clause_start, prev_end_in_clause.get(clause_start, clause_start))
        sentence_periods = periods_by_sentence.get(s_index, [])
        period = _period_for(
            q, text, sentence_periods, resolved, clause_start, state, doc.published, structure, list_index[qi]
        )

        # speaker
        cue = _cue_for(q, structure, cues_by_sentence.get(s_index, ()), quoted)
        speaker = cue.speaker if cue is not None else None
        speaker_company = cue.company if cue is not None and cue.kind != "narrator" else None

        company, company_mention = companies.resolve(
            q.start,
            q.end,
            speaker_company,
            absolute=q.kind in ("money", "count"),
            public=cue is not None and cue.public,
        )
        respective = companies.respective(q.start, sentence.start, list_index[qi], list_length[qi])
        if respective is not None:
            company, company_mention = respective

        # metric: the noun phrase after the last mention, period or number in the clause
        seg_from = segment_start
        k = bisect_right(mention_starts, q.start) - 1
        while k >= 0 and doc.mentions[k].start >= seg_from:
            m = doc.mentions[k]
            if m.end <= q.start and m.kind != "product":  # 阿里云收入: a product is part of the metric
                seg_from = max(seg_from, m.end)
                break
            k -= 1
        for p in sentence_periods:
            if seg_from <= p.start and p.end <= q.start and not p.comparison:
                seg_from = p.end
        if cue is not None and seg_from <= cue.end <= q.start:
            seg_from = cue.end
        metric = metric_fn(text[seg_from : q.start])
        inherit = metric is None or text[seg_from : q.start].strip().startswith(("较", "比"))
        if inherit and last_metric[0] == s_index and last_metric[1] is not None:
            metric = last_metric[1]
        last_metric = (s_index, metric)
        change, direction = change_and_direction(text, q, clause_start, segment_start, metric)
        if change is None and q.kind == "multiple" and q.value is not None:
            base = next((p for p in sentence_periods if ratio_base(text, p, q)), None)
            if base is not None:
                last_year = (
                    base.relative == "same_period_last_year"
                    or (base.year_from is not None and base.year_offset == -1)
                    or (period is not None and base.year is not None and base.year == period.year - 1)
                )
                change, direction = ("yoy" if last_year else "growth"), ("up" if q.value > 1 else "down")
        if change is None and claims and qi > 0 and _coordinated(text, quantities[qi - 1], q):
            change, direction = claims[-1].change, claims[-1].direction  # 同比增长15%和16%
        if change is not None and "分别" in text[clause_start : q.start]:
            change = _respectively(text, q, clause_start, quantities, qi) or change
        prev_end_in_clause[clause_start] = q.end

        start, end = doc.cleaned.to_input_span(q.start, q.end)
        facts = describe(text, q, metric, change=change, company=company, period=period.value if period else None,
                         published=doc.published, sentence=(sentence.start, sentence.end), mentions=doc.mentions,
                         clause=(clause_start, structure.clause_end(q.end, sentence.end)), cleaned=doc.cleaned,
                         periods=doc.periods, quantities=doc.quantities)  # fmt: skip
        claims.append(
            Claim.model_construct(
                text=doc.cleaned.source[start:end],
                start=start,
                end=end,
                value=q.value,
                low=q.low,
                high=q.high,
                unit=q.unit,
                counted=q.counted,
                qualifier=q.qualifier,
                change=change,
                direction=direction,
                metric=metric,
                period=period.value if period is not None else None,
                company=company,
                speaker=speaker,
                concept=facts.concept,
                segment=facts.segment,
                forecast=facts.forecast,
                sentence=_input_span(doc.cleaned, sentence.start, sentence.end),
                evidence=Evidence.model_construct(
                    company=_input_span(doc.cleaned, company_mention.start, company_mention.end)
                    if company_mention is not None
                    else None,
                    speaker=_input_span(doc.cleaned, cue.start, cue.end)
                    if cue is not None and cue.speaker is not None
                    else None,
                    **facts.evidence,
                ),
            )
        )
    return claims


def _period_for(
    q: Raw,
    text: str,
    sentence_periods: list[RawPeriod],
    resolved: dict[int, Resolved | None],
    clause_start: int,
    state: Resolved | None,
    published: date | None,
    structure: Structure,
    list_index: int = 0,
) -> Resolved | None:
    # 恢复到2019年同期的六成, 是去年同期的2.4倍: a period that is the base of a ratio is not its period
    sentence_periods = [p for p in sentence_periods if not ratio_base(text, p, q)]
    # a period written right before the number binds it alone: 去年同期9830万, 上年末的19.84亿元
    for p in sentence_periods:
        if p.end <= q.start and q.start - p.end <= 4 and text[p.end : q.start].replace(" ", "") in _LOCAL_GAP:
            r = resolved.get(id(p))
            if r is not None:
                return r
    # 2025-2027年…分别为146/132/151亿元: a range of years, one year for each listed number
    for p in reversed(sentence_periods):
        if p.year_end is not None and p.end <= q.start and "分别" in text[p.end : q.start]:
            year = p.year + list_index if p.year is not None else None
            return Resolved(year, p.fiscal) if year is not None and year <= p.year_end else None
    last_period_end = max(
        (p.end for p in sentence_periods if p.end <= q.start and _is_sentence_period(p)),
        default=structure.sentence_at(q.start).start,
    )
    if _DURATION.search(text, max(last_period_end, structure.sentence_at(q.start).start), q.start):
        return None  # 未来三年投入…, 十年累计…: a span of years, not one period
    if any(
        p.relative == "per_period" and clause_start <= p.start and p.end <= q.start for p in sentence_periods
    ):
        return None  # 每年以50%的速度增长: a rate per year, not one period
    # 去年同期为盈利28.2亿元, 年内累计上涨35%: a clause-scoped period governs its own clause
    for p in reversed(sentence_periods):
        if not p.clause_scoped or p.comparison or p.end > q.start:
            continue
        if clause_start <= p.start:
            return resolved.get(id(p))
        own_clause = structure.clause_start(p.start, structure.sentence_at(p.start).start)
        alone = not text[own_clause : p.start].strip() and text[p.end : p.end + 1] in "，,"
        if alone and not any(
            o.start > p.end and o.end <= q.start and _is_sentence_period(o) for o in sentence_periods
        ):
            return resolved.get(
                id(p)
            )  # 去年同期，微软营收为656亿美元: a period of its own clause leads the sentence
    # the latest period of the claim's ；-segment, else the sentence's first (its frame)
    sentence = structure.sentence_at(q.start)
    segment_start = (
        max(text.rfind("；", sentence.start, q.start), text.rfind(";", sentence.start, q.start)) + 1
    )
    current = frame = day_frame = None
    for p in sentence_periods:
        if p.end > q.start or not _is_sentence_period(p) or resolved.get(id(p)) is None:
            continue
        if p.day:
            day_frame = day_frame or resolved[id(p)]
        elif frame is None:
            frame = resolved[id(p)]
        if p.start >= segment_start:
            current = resolved[id(p)]
    current = current or frame or day_frame
    if current is not None:
        return current
    if published is not None and _MARKET.search(text, sentence.start, q.end):
        return Resolved(published.year, month=published.month)
    return state


_RATIO_BASE = re.compile(
    r"(?:是|为|相当于|恢复到|恢复至|达到|达|至|到|占)[0-9０-９一二三四五六七八九十〇零年月季度上下半去今同期财Q ]*$"
)


def ratio_base(text: str, p: RawPeriod, q: Raw) -> bool:
    """Whether period ``p`` is the base a ratio or multiple ``q`` is taken of (是X的N倍, 恢复到X的六成)."""
    if q.kind not in ("percent", "multiple") or p.end > q.start or q.start - p.end > 6:
        return False
    if not text[p.end : q.start].replace(" ", "").endswith("的"):
        return False
    return bool(_RATIO_BASE.search(text, max(0, p.start - 12), p.start))


def _list_indexes(text: str, quantities: list[Raw]) -> list[int]:
    """Each quantity's place in a list of numbers (146/132/151亿元 -> 0, 1, 2)."""
    out = [0] * len(quantities)
    for i in range(1, len(quantities)):
        link = text[quantities[i - 1].end : quantities[i].start].strip()
        if (
            link in ("/", "／", "、", "和", "及", "与", "以及")
            and quantities[i - 1].kind == quantities[i].kind
        ):
            out[i] = out[i - 1] + 1
    return out


def _list_lengths(indexes: list[int]) -> list[int]:
    """The length of the list each quantity belongs to."""
    lengths = [1] * len(indexes)
    i = len(indexes) - 1
    while i >= 0:
        n = indexes[i] + 1
        for j in range(i - n + 1, i + 1):
            lengths[j] = n
        i -= n
    return lengths


def _cue_for(q: Raw, structure: Structure, cues, quoted: dict[tuple[int, int], Cue]) -> Cue | None:  # type: ignore[no-untyped-def]
    quote = structure.quote_at(q.start)
    if quote is not None:
        cue = quoted.get(quote)
        if cue is not None:
            return cue
        inner = [c for c in cues if quote[0] < c.start and c.end <= q.start]
        return inner[-1] if inner else None
    best = None
    for c in cues:
        if c.end <= q.start and q.start < c.scope_end and structure.quote_at(c.start) is None:
            best = c
    return best


def _coordinated(text: str, a: Raw, b: Raw) -> bool:
    return a.kind == b.kind and text[a.end : b.start].strip() in ("和", "及", "、", "与", "以及", "或")


def _respectively(text: str, q: Raw, clause_start: int, quantities: list[Raw], qi: int) -> str | None:
    """按年及按季分别跌5.4及3.9个百分点: the k-th number takes the k-th basis."""
    from .fields import _basis_pattern, basis_of

    words = [m.group() for m in _basis_pattern().finditer(text, clause_start, q.start)]
    if len(words) < 2:
        return None
    k = 0
    j = qi - 1
    while (
        j >= 0 and quantities[j].start >= clause_start and "分别" in text[clause_start : quantities[j].start]
    ):
        k += 1
        j -= 1
    return basis_of(words[k]) if k < len(words) else None
