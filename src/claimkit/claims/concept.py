"""What a claim's figure is (its ``concept``) and what part of the company it is about (its ``segment``).

Both are read from the metric phrase the engine cut out of the text (``阿里云收入``)
with the words of ``resources/concept_terms.tsv``. The phrase's last concept word is
its head and names the concept (``收入`` -> ``revenue``); a reporting basis derives
another concept from it (``经调整`` + ``净利润`` -> ``adjusted_net_profit``, through
``concepts.tsv``); a share or a per-unit average of it is ``other``. Rate nouns
(``增速``, ``涨幅``) are no concept words, so a growth rate takes the concept of what
grows. The words before the head, less the company's name, bases, periods and scope
words, are the segment (``阿里云``). A phrase without a head of its own takes the
concept of a word after the number (``35万辆的交付目标``) or of the sentence's last
head before it (``营收100亿元，同比增长13%``; ``其中海外增长50%``, whose phrase is then
the segment).

The functions take plain inputs (the clean text, offsets into it, the quantity, the
company and mentions) and return the value with the clean-text span that decided it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any, TypeVar, cast

from .. import _resources
from .._words import word_set, words, words_pattern
from ..attribution.mentions import Mention
from ..attribution.structure import part_start
from ..attribution.unknown import STOCK_CODE_PATTERN
from ..errors import ResourceError
from ..periods.grammar import scan_periods
from ..quantities.grammar import Raw
from ..quantities.grammar import scan as _scan_quantities
from .segments import DEFAULT_PROFIT, segments

Span = tuple[int, int]
"""A span of the clean text, end exclusive."""

OTHER = "other"
PROFIT = "profit"  # an unqualified profit or loss word (盈利, 亏损): resolved from its context
MARKET_SIZE = "market_size"
_MARKET_TOTAL_FROM = frozenset((OTHER, "revenue", "gmv"))  # what a market's total may have been read as
_HEAD_ROLES = frozenset(("", "loss", "segment", "flow"))
_OTHER_ROLES = (
    "share per basis measure whole period group suffix business market count lead verb owner name anaphor"
)
_ROLES = _HEAD_ROLES | frozenset(_OTHER_ROLES.split())
_MONEY_KINDS = frozenset(("amount", "price", "per_share"))
_AFTER_WINDOW = 12  # characters after a number searched for 的 + a concept word (35万辆的交付目标)
_MEASURE_MAX = 16  # characters a measure phrase (剔除…后) may run
_ATTRIBUTABLE_MAX = 12  # 归属于上市公司股东的: an attributable basis runs to its 的
_PHRASE_STOP = frozenset('，,。；;：:！？!?\n“”"「」')
_CLAUSE_STOP = frozenset("，,。；;：:！？!?\n")
_DIGITS = frozenset("0123456789０１２３４５６７８９%％")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of ``concept_terms.tsv``: its concepts (alternatives by unit kind) and role."""

    text: str
    concepts: tuple[str, ...]
    role: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A word found in the text, in clean-text offsets."""

    start: int
    end: int
    word: Word


@dataclass(frozen=True, slots=True)
class ConceptLexicon:
    kinds: dict[str, str]  # concept -> amount | ratio | count | per_share | price | -
    derived: dict[tuple[str, str], str]  # (concept, basis) -> derived concept
    profits: frozenset[str]  # the concepts of the profit family
    words: dict[str, Word]  # casefolded surface -> word
    trie: dict[str, Any]  # casefolded words by character; "" at a node holds the word ending there
    first: re.Pattern[str]  # a character that starts a word
    ratio_nouns: tuple[str, ...]  # changes.tsv: a level that is a ratio (占比, 比例, 率)
    rate_nouns: tuple[str, ...]  # changes.tsv: a rate of change (增速, 涨幅)
    ratio_any: re.Pattern[str]  # any ratio noun
    rate_any: re.Pattern[str]  # any rate noun


@cache
def _folds() -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    """A pattern for the characters :func:`fold` changes, and what one becomes."""
    table = _resources.variant_table()
    chars = "".join(re.escape(chr(c)) for c in sorted(table))
    return re.compile(f"[{chars}]" if chars else "(?!)"), lambda m: table[ord(m.group())]


def fold(text: str) -> str:
    """``text`` with traditional characters read as simplified (``variants.tsv``), one for one.

    What ``text.translate(_resources.variant_table())`` gives; a pattern finds the few characters to
    change, where ``str.translate`` looks every character of a Chinese text up in the table.
    """
    pattern, simplified = _folds()
    return pattern.sub(simplified, text)


def _trie(words: Sequence[str]) -> dict[str, Any]:
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = word
    return trie


# Latin letters as the words' case-blind match reads them: ASCII capitals and the four other
# letters that equal an ASCII letter when case is ignored (re.IGNORECASE; tests/test_concepts.py)
_LOWER = str.maketrans(
    {chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}
    | {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
)
_UPPER = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_LOWER)) + "]")  # what _LOWER changes


def _lower(m: re.Match[str]) -> str:
    return _LOWER[ord(m.group())]  # type: ignore[return-value]


def find_words(folded: str, offset: int = 0) -> list[Hit]:
    """The words of ``concept_terms.tsv`` in a folded text: at each position the longest word
    (case-blind), left to right without overlap; a word starting (ending) with a Latin letter
    only where no Latin letter stands before (after) it (``EPS``, not inside ``STEPS``).
    ``offset`` is added to every span (the text is a piece starting there)."""
    lex = lexicon()
    low = _UPPER.sub(_lower, folded)  # folded.translate(_LOWER), without a lookup per character
    trie, words, n = lex.trie, lex.words, len(low)
    out: list[Hit] = []
    pos = 0  # where the last word found ends
    for m in lex.first.finditer(low):
        i = m.start()
        if i < pos:
            continue
        ch = low[i]
        if "a" <= ch <= "z" and i and "a" <= low[i - 1] <= "z":
            continue
        node, j, best, key = trie[ch], i + 1, 0, ""
        while True:
            word = node.get("")
            if word is not None and not (j < n and "a" <= low[j] <= "z" and "a" <= low[j - 1] <= "z"):
                best, key = j, word
            if j >= n:
                break
            node = node.get(low[j])
            if node is None:
                break
            j += 1
        if best:
            out.append(Hit(i + offset, best + offset, words[key]))
            pos = best
    return out


@cache
def flow_concepts() -> frozenset[str]:
    """The concepts measured over a period (``concepts.tsv`` timing ``flow``: revenue, profit, deliveries)."""
    rows = _resources.table(
        "concepts.tsv", ("concept", "kind", "ifrs", "us_gaap", "meaning", "derived", "family", "timing")
    )
    flows = [r for r in rows if r["timing"] == "flow"]
    # (and a family of them, as a word names it before the figure decides which: 溢利 -> profit)
    return frozenset(r["concept"] for r in flows) | {r["family"] for r in flows if r["family"]}


def names_flow(text: str, start: int, end: int) -> bool:
    """Whether a word of a concept measured over a period (利润, 收入, 交付量) stands in ``text[start:end]``."""
    flows = flow_concepts()
    return any(
        h.word.role == "flow" or (h.word.role in _HEAD_ROLES and flows.intersection(h.word.concepts))
        for h in find_words(fold(text[start:end]), start)
    )


@cache
def lexicon() -> ConceptLexicon:
    """The concepts and their words, read and compiled once."""
    columns = ("concept", "kind", "ifrs", "us_gaap", "meaning", "derived", "family", "timing")
    kinds: dict[str, str] = {}
    derived: dict[tuple[str, str], str] = {}
    profits = set()
    for row in _resources.table("concepts.tsv", columns):
        kinds[row["concept"]] = row["kind"]
        if row["family"] == "profit":
            profits.add(row["concept"])
        for pair in _resources.split_values(row["derived"]):
            base, _, basis = pair.partition("+")
            derived[(base.strip(), basis.strip())] = row["concept"]
    words: dict[str, Word] = {}
    for row in _resources.table("concept_terms.tsv", ("word", "concept", "role")):
        role = row["role"]
        found = tuple(_resources.split_values(row["concept"]))
        if role not in _ROLES or not found:
            raise ResourceError(f"concept_terms.tsv: bad row for {row['word']!r}: role {role!r}")
        if role in _HEAD_ROLES and any(c not in kinds and c != PROFIT for c in found):
            raise ResourceError(
                f"concept_terms.tsv: {row['word']!r} names an unknown concept {row['concept']!r}"
            )
        key = fold(row["word"]).casefold()
        word = Word(row["word"], found, role)
        old = words.get(key)
        if (
            old is not None
            and old.role in _HEAD_ROLES
            and role in _HEAD_ROLES
            and (old.concepts, old.role) != (found, role)
        ):
            raise ResourceError(
                f"concept_terms.tsv: {row['word']!r} is listed twice, as {old.concepts} and {found}"
            )
        if old is None or (role in _HEAD_ROLES and old.role not in _HEAD_ROLES):
            words[key] = word
    ratio, rate = [], []
    for row in _resources.table("changes.tsv", ("word", "kind", "value")):
        if row["kind"] == "ratio":
            ratio.append(row["word"])
        elif row["kind"] == "rate":
            rate.append(row["word"])
    return ConceptLexicon(
        kinds=kinds,
        derived=derived,
        profits=frozenset(profits),
        words=words,
        trie=_trie(list(words)),
        first=re.compile("[" + re.escape("".join(sorted({w[0] for w in words}))) + "]"),
        ratio_nouns=tuple(ratio),
        rate_nouns=tuple(sorted(rate, key=len, reverse=True)),
        ratio_any=re.compile(words_pattern(ratio)),
        rate_any=re.compile(words_pattern(rate)),
    )


def concepts() -> tuple[str, ...]:
    """Every concept id of the taxonomy (``concepts.tsv``)."""
    return tuple(lexicon().kinds)


def scan(text: str, start: int = 0, end: int | None = None) -> list[Hit]:
    """The words of ``concept_terms.tsv`` in ``text[start:end]``, leftmost-longest, in order
    (traditional characters read as simplified)."""
    known = KNOWN_SPANS.get()
    if known is not None and known.text is text:
        hits = known.hits_in(start, len(text) if end is None else min(end, len(text)))
        if hits is not None:
            return hits
    found = _scan_piece(text[start:end])
    if not start:
        return list(found)
    return [Hit(h.start + start, h.end + start, h.word) for h in found]


@lru_cache(maxsize=16384)
def _scan_piece(piece: str) -> tuple[Hit, ...]:
    return tuple(find_words(fold(piece)))


# ---------------------------------------------------------------------------- reading a phrase


@dataclass(frozen=True, slots=True)
class Reading:
    """What a phrase (``text[start:end]``) names: its head, the head's concepts (bases and averages
    applied; empty when the phrase is a share or ratio of the head), and its words."""

    start: int
    end: int
    head: Hit | None
    concepts: tuple[str, ...] = ()
    hits: tuple[Hit, ...] = ()
    count: bool = False  # a count word follows the head (销售晶圆的数量)

    @property
    def loss(self) -> bool:
        return self.head is not None and self.head.word.role == "loss"

    def has(self, role: str) -> bool:
        return any(h.word.role == role for h in self.hits)


def derive(concept: str, bases: set[str]) -> str:
    """The concept on ``bases``: ``net_profit`` + ``{adjusted}`` -> ``adjusted_net_profit``."""
    derived = lexicon().derived
    for _ in range(len(bases) + 1):
        step = next((derived[(concept, b)] for b in sorted(bases) if (concept, b) in derived), None)
        if step is None:
            break
        concept = step
    return concept


@lru_cache(maxsize=8192)
def _read(phrase: str) -> tuple[int | None, tuple[str, ...], tuple[Hit, ...], bool]:
    """Head index, concepts, hits (offsets into the phrase) and count flag of a phrase."""
    hits = tuple(scan(phrase))
    index, concepts, count = _interpret(phrase, len(phrase), hits)
    return index, concepts, hits, count


def _interpret(text: str, end: int, hits: Sequence[Hit]) -> tuple[int | None, tuple[str, ...], bool]:
    """Head index, concepts and count flag of the phrase ending at ``end`` whose words are ``hits``."""
    lex = lexicon()
    roles = [h.word.role for h in hits]  # read once: a phrase can hold dozens of words
    last = len(roles) - 1  # the head: the last head word
    while last >= 0 and roles[last] not in _HEAD_ROLES:
        last -= 1
    if last < 0:
        return None, (), False
    head = hits[last]
    tail = text[head.end : end]
    if lex.rate_any.search(tail):
        for rate in lex.rate_nouns:
            tail = tail.replace(rate, "")
    before = roles[:last]
    count = "count" in roles[last + 1 :]
    if "share" in before or lex.ratio_any.search(tail):
        return last, (), count  # 研发投入占营收比, 收入占比: a ratio of the head
    bases = {h.word.concepts[0] for h in hits if h.word.role == "basis"} if "basis" in roles else set()
    per = "per" in before
    out = []
    for c in head.word.concepts:
        if c == PROFIT and bases:
            c = "net_profit"  # 经调整亏损: a profit on a basis is the company's
        c = derive(c, bases)
        amount = c == PROFIT or lex.kinds.get(c) == "amount"
        out.append(OTHER if per and amount else c)  # 日均盈利: an average
    return last, tuple(out), count


def read(text: str, start: int, end: int) -> Reading:
    """The reading of ``text[start:end]``."""
    known = KNOWN_SPANS.get()
    found = known.hits_in(start, end) if known is not None and known.text is text else None
    if found is not None:  # the words of the document's scan
        hits = tuple(found)
        index, concepts, count = _interpret(text, end, hits)
    else:
        index, concepts, relative, count = _read(text[start:end])
        hits = tuple(Hit(h.start + start, h.end + start, h.word) for h in relative)
    return Reading(start, end, hits[index] if index is not None else None, concepts, hits, count)


def fits(concept: str, unit: str | None, change: str | None) -> bool:
    """Whether a figure with ``unit`` (and ``change``) can be a value of ``concept``."""
    if concept in (OTHER, PROFIT) or unit is None or unit == "x":
        return concept != PROFIT or unit != "count"
    if unit == "rank":
        return False
    kind = lexicon().kinds.get(concept, "-")
    if unit in ("%", "pp"):
        return kind in ("ratio", "price") or change is not None
    if unit == "count":
        return kind == "count"
    return kind in _MONEY_KINDS


def _choose(reading: Reading, unit: str | None, change: str | None) -> str:
    """The first of the reading's concepts that fits the unit (a count first after 数量); ``other`` if none."""
    if not reading.concepts:
        return OTHER
    options = reading.concepts
    if reading.count:
        kinds = lexicon().kinds
        options = tuple(sorted(options, key=lambda c: kinds.get(c) != "count"))
    return next((c for c in options if fits(c, unit, change)), OTHER)


def locate(text: str, metric: str | None, floor: int, q: Raw) -> Span | None:
    """Where the metric phrase stands: its last occurrence between ``floor`` and the number."""
    if not metric:
        return None
    at = text.rfind(metric, floor, q.start)
    return (at, at + len(metric)) if at >= 0 else None


def _phrase_around(text: str, head: Hit, floor: int, ceiling: int) -> Span:
    """The phrase a head stands in: back to a clause break or number, on to one."""
    k = head.start
    while k > floor and text[k - 1] not in _PHRASE_STOP and text[k - 1] not in _DIGITS:
        k -= 1
    j = head.end
    while j < ceiling and text[j] not in _PHRASE_STOP and text[j] not in _DIGITS:
        j += 1
    return k, j


def _after(text: str, q: Raw, clause_end: int) -> Reading | None:
    """The phrase after the number through 的 (20万台的年度销售目标, 28.60元的现金分红)."""
    if not text.startswith("的", q.end):
        return None
    start = q.end + 1
    end = start
    ceiling = min(clause_end, start + _AFTER_WINDOW)
    while end < ceiling and text[end] not in _PHRASE_STOP and text[end] not in _DIGITS:
        end += 1
    reading = read(text, start, end)
    if reading.head is None or any(
        h.word.role not in ("whole", "period", "lead") for h in reading.hits if h.end <= reading.head.start
    ):
        return None
    if text[start : reading.head.start].strip() and reading.hits[0].start != start:
        return None  # something not a scope word stands between 的 and the head
    return reading


def _last_head(text: str, start: int, end: int) -> Reading | None:
    """The phrase of the last head in ``text[start:end]``, read on its own."""
    heads = [h for h in scan(text, start, end) if h.word.role in _HEAD_ROLES]
    if not heads:
        return None
    return read(text, *_phrase_around(text, heads[-1], start, end))


@dataclass(frozen=True, slots=True)
class ConceptResult:
    """A claim's concept, the reading it came from, whether that reading is the claim's own phrase,
    and where a segment named without a concept word stands (网络广告…增长32%)."""

    concept: str
    span: Span | None
    reading: Reading | None
    own: bool
    segment: Span | None = None
    share: bool = False  # a share or ratio of what the reading names (收入占比): its words may name the part


def _profit(
    text: str,
    reading: Reading,
    *,
    sentence_start: int,
    clause_start: int,
    company: str | None,
    mentions: Sequence[Mention],
) -> str:
    """What an unqualified profit word means: the segment's result, the concept it is compared with, or net profit."""
    end = reading.head.start if reading.head is not None else reading.end
    start = _clause_before(text, sentence_start, end)
    segment, _ = segment_span(text, start, end, scan(text, start, end), mentions, company)
    if segment is not None:
        found = segments().lookup(company, text[segment[0] : segment[1]])
        return found.profit if found is not None else DEFAULT_PROFIT
    # 经调整亏损2.14亿元，去年同期为盈利11亿元: the profit of the clause before
    floor = text.rfind("，", sentence_start, clause_start - 1)
    floor = max(
        floor,
        text.rfind(",", sentence_start, clause_start - 1),
        text.rfind("；", sentence_start, clause_start - 1),
    )
    before = _last_head(text, max(sentence_start, floor + 1), clause_start)
    if before is not None and before.concepts and before.concepts[0] in lexicon().profits:
        return before.concepts[0]
    return "net_profit"


def as_market_size(found: ConceptResult, metric: str | None, q: Raw, company: str | None) -> ConceptResult:
    """A figure of no company whose metric holds a total's word (``function_words.tsv`` role
    ``market_total``: 零售额, 业务收入, 市场规模) and none of ``not_market_total`` (a price, rate, share,
    average, balance or group of companies: 均价, 占比, 余额, 房企) is a whole market's size."""
    if company is not None or metric is None or q.unit == "count" or found.concept not in _MARKET_TOTAL_FROM:
        return found
    if any(w in metric for w in words("market_total")) and not any(
        w in metric for w in words("not_market_total")
    ):
        return replace(found, concept=MARKET_SIZE)
    return found


def resolve_concept(
    text: str,
    q: Raw,
    metric: str | None,
    *,
    sentence_start: int,
    clause_start: int,
    clause_end: int,
    change: str | None,
    company: str | None = None,
    mentions: Sequence[Mention] = (),
) -> ConceptResult:
    """The concept of the claim of quantity ``q`` whose metric phrase is ``metric``.

    In order: the head of the claim's own phrase (the metric, or the words before the
    number in its clause when the metric was carried over from another clause); a
    concept word after the number through 的; the last head before the number in its
    sentence; a segment of the company named without a concept word (its revenue);
    a listing venue in the clause (a share price move). A rank, and a figure whose
    unit fits none of these, is ``other``.
    """
    if q.unit == "rank":
        return ConceptResult(OTHER, None, None, False)
    span = locate(text, metric, sentence_start, q)
    own: Reading | None = None
    if (
        span is not None and span[1] <= clause_start
    ):  # carried over from a clause before: 平台日活上半年同比增加
        here = _last_head(text, clause_start, q.start)
        own = here if here is not None and here.head is not None else None
    if own is None and span is not None:
        own = read(text, *span)
    if own is not None and own.head is not None:
        if not own.concepts:
            return ConceptResult(OTHER, (own.head.start, own.head.end), own, True, share=True)
        concept = _choose(own, q.unit, change)
        if concept == PROFIT:
            concept = _profit(
                text,
                own,
                sentence_start=sentence_start,
                clause_start=clause_start,
                company=company,
                mentions=mentions,
            )
        return ConceptResult(concept, (own.head.start, own.head.end), own, True)
    if own is not None and own.has("share"):
        return ConceptResult(OTHER, None, own, True, share=True)
    floor = span[0] if span is not None else q.start
    for reading in (_after(text, q, clause_end), _last_head(text, sentence_start, floor)):
        if reading is None or reading.head is None:
            continue
        if not reading.concepts:  # 收入占比分别为：智能手机28%: a share of what the phrase names
            return ConceptResult(OTHER, None, reading, False, share=True)
        concept = _choose(reading, q.unit, change)
        if concept == PROFIT:
            concept = "net_profit"
        if concept != OTHER:
            return ConceptResult(concept, (reading.head.start, reading.head.end), reading, False)
    named = segments().find(text, max(sentence_start, clause_start - 40), q.start, company)
    if named is not None and any(
        m.kind == "company" and m.start <= named[0] and named[1] <= m.end for m in mentions
    ):
        named = None  # 小鹏汽车港股收涨: the company's own name, not its 汽车 segment
    if named is not None and fits("revenue", q.unit, change):  # 网络广告同比增长21%至96.40亿元
        return ConceptResult("revenue", None, own, False, segment=named)
    market = next((h for h in scan(text, clause_start, q.start) if h.word.role == "market"), None)
    if (
        market is not None
        and (change is not None or q.unit not in ("%", "pp", "count"))
        and q.unit != "count"
    ):
        return ConceptResult(market.word.concepts[0], (market.start, market.end), own, False)
    return ConceptResult(OTHER, None, own, False)


# ---------------------------------------------------------------------------- segment


@dataclass(frozen=True, slots=True)
class KnownSpans:
    """The periods and figures of a document (clean-text spans, by start) that the engine already read."""

    text: str
    starts: list[int]
    spans: list[Span]
    cues: tuple[Span, ...] = ()  # the forecast cue words of the whole text, found once
    clause_starts: tuple[int, ...] = ()  # where clauses start (see _clause_before), found once
    folded: str = ""  # the text with traditional characters read as simplified
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # per-clause results shared by its claims

    @classmethod
    def of(cls, text: str, periods: Sequence[Any], quantities: Sequence[Raw]) -> KnownSpans:
        from .forecast import cue_spans

        spans = sorted(
            [(p.start, p.end) for p in periods]
            + [(q.start, q.end) for q in quantities if q.kind in _CLAIM_KINDS and not q.bare]
        )
        starts = tuple(m.end() for m in _CLAUSE_START.finditer(text))
        return cls(
            text, [a for a, _ in spans], spans, tuple(cue_spans(text, 0, len(text))), starts, fold(text)
        )

    def hits_in(self, start: int, end: int) -> list[Hit] | None:
        """The words of ``text[start:end]`` from scans of the whole sentences around it, or None where
        that may differ from a scan of the piece alone (a word across an edge, a Latin letter beside one).

        Sentences are scanned when first asked for: no word holds a sentence break, so a sentence
        scanned alone has the words a scan of the whole text finds in it.
        """
        if start >= end:
            return []
        text = self.text
        if (start > 0 and text[start - 1] in _LATIN_EDGE) or (end < len(text) and text[end] in _LATIN_EDGE):
            return None
        chunks = self.memo.get(_HITS)
        if chunks is None:
            bounds = [0, *(m.end() for m in _SENTENCE_BREAK.finditer(text)), len(text)]
            chunks = self.memo[_HITS] = (bounds, {})
        bounds, scanned = chunks  # sentence starts; scanned sentence -> (its words, their starts)
        scanned = cast("dict[int, tuple[list[Hit], list[int]]]", scanned)
        first = bisect_right(bounds, start) - 1
        last = bisect_left(bounds, end)
        folded = self.folded or fold(text)
        for k in range(first, last):
            if k not in scanned:
                a = bounds[k]
                found = find_words(folded[a : bounds[k + 1]], a)
                scanned[k] = (found, [h.start for h in found])
        if last - first == 1:
            hits, starts = scanned[first]
        else:  # a piece across sentences (a few hundred characters at most)
            hits = [h for k in range(first, last) for h in scanned[k][0]]
            starts = [h.start for h in hits]
        lo = bisect_left(starts, start)
        hi = bisect_left(starts, end, lo)
        if (lo > 0 and hits[lo - 1].end > start) or (hi > lo and hits[hi - 1].end > end):
            return None
        return hits[lo:hi]

    def cues_in(self, start: int, end: int) -> list[Span]:
        """The forecast cue words inside ``[start, end)``."""
        k = bisect_left(self.cues, (start, start))
        out = []
        while k < len(self.cues) and self.cues[k][0] < end:
            if self.cues[k][1] <= end:
                out.append(self.cues[k])
            k += 1
        return out


_HITS = ("hits",)  # KnownSpans.memo key of the words of the sentences scanned so far
_SENTENCE_BREAK = re.compile(r"[。！？!?；;\n]")  # no concept word holds one (checked in tests)
# what the words' Latin edges look at: a letter in any case (those _LOWER maps, and a-z)
_LATIN_EDGE = frozenset("abcdefghijklmnopqrstuvwxyz") | frozenset(chr(c) for c in _LOWER)

KNOWN_SPANS: ContextVar[KnownSpans | None] = ContextVar("claimkit_known_spans", default=None)
"""Set while the engine describes a document's claims: its periods and figures need not be read again."""

# list markers, particles and punctuation before a segment (2. 在线音乐, （一）游戏, 的全球…)
_LEAD_EDGE = re.compile(
    r"(?:\s|[0-9０-９]+[.．、]\s*|[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[的之、,，:：;；.．()（）《》〈〉【】\[\]])+"
)
_TAIL_EDGE = "的之、,，:：;；.．()（）《》【】[] 　\t"
_MEASURE_STOP = "后後的，,。；;：:"
_TITLE = re.compile(r"《([^《》]{1,20})》")
_LABEL = re.compile(r"【[^【】]{0,12}】")  # 【导读】, 【财报】: a page's label
_PRESS_DAY = re.compile(
    r"(?:[昨今前][(（][0-9]{1,2}[)）]|(?<![0-9])[0-9]{1,2})日"
)  # 昨(10)日 (Taiwan press), 5日: a day
_STOCK_CODE = re.compile(STOCK_CODE_PATTERN)  # 海尔智家（600690.SH）: a listing, no part of a segment
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ 　]+(?=[\u4e00-\u9fff])")  # a headline's separator
_CUT_ROLES = frozenset(("basis", "measure", "per"))
_LEAD_ROLES = frozenset(("whole", "period", "group", "lead", "verb", "market", "anaphor"))
_TAIL_ROLES = frozenset(("whole", "period", "suffix", "market", "lead", "verb"))
_KEEP_BUSINESS = (
    2  # 新业务, 游戏业务, 电商业务: a name this short keeps its 业务 (海外及港澳业务 -> 海外及港澳台)
)
_QUIET_ROLES = frozenset(("lead", "verb", "market", "name", "period"))
_POINTING = frozenset(("suffix", "business", "group"))
# characters without which a span holds no figure, and no period (a quick test before reading them)
_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９零〇一二两兩三四五六七八九十百千万萬亿億廿卅半")
_PERIOD_CHARS = frozenset("年季月期半度财財今去明前上下本当當该該同近过過")
_CLAIM_KINDS = frozenset(("money", "percent", "pp", "multiple", "count", "rank"))


def _extent(text: str, h: Hit, limit: int) -> int:
    """Where a basis or measure phrase ends: 归属于公司股东的, 归属股东, 剔除MEGA召回预估成本后的, 准则下."""
    end = h.end
    if h.word.role == "basis" and h.word.concepts[0] == "attributable":
        window = min(limit, end + _ATTRIBUTABLE_MAX)
        stop = text.find("的", end, window)
        owners = [o.end for o in scan(text, end, window) if o.word.role == "owner"]
        return max(stop + 1 if stop >= 0 else end, owners[-1] if owners else end)
    if h.word.role == "measure":
        while end < min(limit, h.end + _MEASURE_MAX) and text[end] not in _MEASURE_STOP:
            end += 1
        while end < limit and text[end] in "后後的":
            end += 1
        return end
    while end < limit and text[end] == "下":  # 非国际财务报告准则下
        end += 1
    return end


def _measure_words(text: str, hits: Sequence[Hit], limit: int) -> tuple[str, Span] | None:
    """The first measure phrase among ``hits``, without its closing 后/的 (剔除MEGA召回预估成本)."""
    for h in hits:
        if h.word.role == "measure":
            end = _extent(text, h, limit)
            words = text[h.start : end].rstrip("后後的 ")
            return words, (h.start, h.start + len(words))
    return None


def _cuts(
    text: str,
    start: int,
    end: int,
    hits: Sequence[Hit],
    mentions: Sequence[Mention],
    company: str | None,
    concept: str | None,
) -> list[Span]:
    """What is no part of a segment in ``text[start:end]``: the company's own name (not a segment named
    after it: 百度核心), people, sources, bases, measures, averages, verbs, periods, other figures, forecast
    cues, the concept's own word repeated (月均活跃用户(MAU)) and a headline's spaces."""
    cuts: list[Span] = []
    index = segments()
    for m in mentions:
        if start <= m.start < end and m.kind in ("pronoun", "person", "source", "company"):
            # 百度核心, 网易云音乐: a segment of the company named after it (or a listed unit of it) stays
            named = index.find(text, m.start, end, company) if m.kind == "company" else None
            if named is None or named[0] != m.start or named[1] < m.end:
                cuts.append((m.start, m.end))
    for h in hits:
        if not (start <= h.start and h.end <= end):
            continue
        if h.word.role in _CUT_ROLES:
            cuts.append((h.start, _extent(text, h, end)))
        elif h.word.role == "share":
            cuts.append((h.start, end))  # 欧亚区占比: what follows a share word is the whole it is taken of
        elif h.word.role == "verb" or (h.word.role in _HEAD_ROLES and concept in h.word.concepts):
            cuts.append((h.start, h.end))
    known = KNOWN_SPANS.get()
    region = text[start:end]
    if known is not None and known.text is text:  # the document's periods and figures, read once
        k = bisect_left(known.starts, start)
        while k < len(known.starts) and known.starts[k] < end:
            cuts.append(known.spans[k])
            k += 1
    elif not _NUMERAL_CHARS.isdisjoint(region):  # periods and figures hold a numeral or a period word
        cuts.extend((p.start, p.end) for p in scan_periods(text, start, end))
        cuts.extend(
            (r.start, r.end)
            for r in _scan_quantities(text, start, end)
            if r.kind in _CLAIM_KINDS and not r.bare
        )
    elif not _PERIOD_CHARS.isdisjoint(region):
        cuts.extend((p.start, p.end) for p in scan_periods(text, start, end))
    cuts.extend(
        known.cues_in(start, end)
        if known is not None and known.text is text
        else _cue_spans(text, start, end)
    )
    cuts.extend(m.span() for m in _CJK_SPACE.finditer(text, start, end))
    cuts.extend(m.span() for m in _LABEL.finditer(text, start, end))
    if "日" in region:
        cuts.extend(m.span() for m in _PRESS_DAY.finditer(text, start, end))
    if "(" in region or "（" in region:
        cuts.extend(m.span() for m in _STOCK_CODE.finditer(text, start, end))
    return cuts


def _cue_spans(text: str, start: int, end: int) -> list[Span]:
    from .forecast import cue_spans  # forecast reads concept's words: imported when first needed

    return cue_spans(text, start, end)


def _runs(text: str, start: int, end: int, cuts: Sequence[Span]) -> list[Span]:
    runs, pos = [], start
    for a, b in sorted(cuts):
        if a > pos:
            runs.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        runs.append((pos, end))
    return runs


def _trim(text: str, a: int, b: int, hits: Sequence[Hit], ratio: bool) -> Span | None:
    """A run with list markers, particles, scope words and suffixes off its edges; None if nothing is left."""
    title = _TITLE.search(text, a, b)
    if title is not None:
        return title.span(1)  # 《逆水寒》上线首月: the title names the product
    inner = [h for h in hits if a <= h.start and h.end <= b]
    while a < b:
        m = _LEAD_EDGE.match(text, a, b)
        if m is not None and m.end() > a:
            a = m.end()
            continue
        if text[b - 1] in _TAIL_EDGE:
            b -= 1
            continue
        lead = next((h for h in inner if h.start == a and h.end <= b and h.word.role in _LEAD_ROLES), None)
        if lead is not None:
            a = lead.end
            continue
        tail = next((h for h in inner if h.end == b and h.start >= a), None)
        if tail is not None and (
            (tail.word.role in _TAIL_ROLES and (tail.start > a or tail.word.role != "suffix"))
            or (tail.word.role == "business" and len(text[a : tail.start].strip()) > _KEEP_BUSINESS)
            or (
                tail.word.role in _HEAD_ROLES and ratio
            )  # 储能电池出货量市占率: the base of a share is no segment
        ):
            b = tail.start
            continue
        break
    if a >= b or not any(c.isalnum() for c in text[a:b]):
        return None
    rest = _strip_words(
        text, a, b, [h for h in inner if h.word.role in ("business", "group", "whole", "suffix")]
    )
    return (a, b) if any(c.isalnum() for c in rest) else None  # 业务, 集团 alone: the company itself


def _strip_words(text: str, a: int, b: int, hits: Sequence[Hit]) -> str:
    out, pos = [], a
    for h in hits:
        if a <= h.start and h.end <= b:
            out.append(text[pos : h.start])
            pos = h.end
    out.append(text[pos:b])
    return "".join(out)


def _substantive(text: str, a: int, b: int, hits: Sequence[Hit]) -> bool:
    """Whether a run says anything besides particles, verbs and such (a scope word such as 总 does)."""
    quiet = [h for h in hits if h.word.role in _QUIET_ROLES and a <= h.start and h.end <= b]
    return any(c.isalnum() for c in _strip_words(text, a, b, quiet))


def segment_span(
    text: str,
    start: int,
    end: int,
    hits: Sequence[Hit],
    mentions: Sequence[Mention],
    company: str | None,
    *,
    concept: str | None = None,
    ratio: bool = False,
) -> tuple[Span | None, bool]:
    """The segment in ``text[start:end]`` (the words before a head) and whether anything stood there.

    The words are cut at what is no part of a segment (:func:`_cuts`); the last run that says
    anything is trimmed of list markers, particles, scope words and suffixes. ``(None, True)``:
    the words say the whole company (总, 全年); ``(None, False)``: nothing stood there.
    """
    cuts = _cuts(text, start, end, hits, mentions, company, concept)
    for a, b in reversed(_runs(text, start, end, cuts)):
        if _substantive(text, a, b, hits):
            return _trim(text, a, b, hits, ratio), True
    return None, False


def _names_a_part(
    text: str,
    span: Span,
    clause_start: int,
    mentions: Sequence[Mention],
    hits: Sequence[Hit],
    company: str | None,
) -> bool:
    """Whether a phrase without a concept word names a part of the company: after 其中, a product, one of
    the company's segments, or a phrase ending in a segment suffix (业务, 板块)."""
    part = words("part_lead")
    if text[clause_start : span[0]].strip(" 　").endswith(part) or text.startswith(part, clause_start):
        return True
    if any(m.kind == "product" and span[0] <= m.start and m.end <= span[1] for m in mentions):
        return True
    if segments().find(text, span[0], span[1], company) is not None:
        return True
    return any(h.word.role in ("suffix", "business") and h.end == span[1] for h in hits)


def _named_part(text: str, span: Span, mentions: Sequence[Mention], company: str | None) -> Span | None:
    """A product or one of the company's segments named in ``span``: the last such name."""
    names = [
        (m.start, m.end) for m in mentions if m.kind == "product" and span[0] <= m.start and m.end <= span[1]
    ]
    found = segments().find(text, span[0], span[1], company)
    if found is not None:
        names.append(found)
    return max(names, key=lambda n: (n[1], n[1] - n[0])) if names else None


_T = TypeVar("_T")


def _per_document(text: str, key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
    """``compute()``, once per ``key`` for the document being described (its claims of one clause
    share it); computed afresh for any other text."""
    known = KNOWN_SPANS.get()
    if known is None or known.text is not text:
        return compute()
    if key not in known.memo:
        known.memo[key] = compute()
    return known.memo[key]  # type: ignore[no-any-return]


def _clause_before(text: str, floor: int, pos: int) -> int:
    """Start of the clause before ``pos``: after a clause break, or a space between hanzi (a headline's)."""
    known = KNOWN_SPANS.get()
    if known is not None and known.text is text:
        starts = known.clause_starts
        k = bisect_right(starts, pos) - 1
        return max(floor, starts[k]) if k >= 0 else floor
    k = pos
    while k > floor and text[k - 1] not in _CLAUSE_STOP:
        if text[k - 1] in " 　" and k - 2 >= floor and _is_hanzi(text[k - 2]) and _is_hanzi(text[k : k + 1]):
            break
        k -= 1
    return k


_CLAUSE_START = re.compile(
    "[" + re.escape("".join(sorted(_CLAUSE_STOP))) + r"]|(?<=[\u4e00-\u9fff])[ 　](?=[\u4e00-\u9fff])"
)  # a clause starts after one of these (the positions _clause_before steps back to)


def _stray_character(name: str) -> bool:
    """Whether a segment is one hanzi that names no good (铜, 钢 do: ``function_words.tsv`` role
    ``single_good``)."""
    return len(name) == 1 and _is_hanzi(name) and name not in word_set("single_good")


def _is_hanzi(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


_TOPIC_MAX = 12  # characters of a clause's subject that can be the topic of the figures after it


def _topic(text: str, start: int, end: int, company: str | None, mentions: Sequence[Mention]) -> Span | None:
    """The subject of a clause without figures: 潮玩实现高速增长 -> 毛绒, 其他业务方面 -> 其他业务."""
    hits = scan(text, start, end)
    verb = next((h for h in hits if h.word.role == "verb" and h.start > start), None)
    stop = None
    if verb is not None:
        stop = verb.start
    elif hits and hits[-1].end == end and hits[-1].word.text in ("方面", "领域", "領域", "板块", "板塊"):
        stop = hits[-1].start
    if stop is None or stop - start > _TOPIC_MAX:
        return None
    found, _ = segment_span(text, start, stop, hits, mentions, company)
    return found


def _inherited(
    text: str,
    sentence_start: int,
    clause_start: int,
    company: str | None,
    mentions: Sequence[Mention],
    *,
    figures: bool,
) -> Span | None:
    """The segment a clause with none of its own carries over from before it in its ；-part: the topic of
    a clause without figures (潮玩实现高速增长，营收28.3亿元); with ``figures`` (a claim without a
    concept word of its own, or a share) also that of the last phrase with one (…，同比增长846%)."""
    floor = part_start(text, sentence_start, clause_start)
    end = clause_start - 1
    while end > floor:
        start = _clause_before(text, floor, end)
        hits = scan(text, start, end)
        heads = [h for h in hits if h.word.role in _HEAD_ROLES]
        if heads:
            figureless = not any(c in _DIGITS for c in text[start:end])  # 云业务收入继续提速，季度收入…
            if not figures and not figureless:
                return None
            reading = read(text, *_phrase_around(text, heads[-1], start, end))
            if reading.concepts:  # a ratio (占比21.7%) leans on the figure before it
                found, _ = segment_span(text, start, heads[-1].start, hits, mentions, company)
                return found
        elif not any(c in _DIGITS for c in text[start:end]):
            topic = _topic(text, start, end, company, mentions)
            if topic is not None:
                return topic
        end = start - 1
    return None


_ANTECEDENT_WINDOW = 400  # characters before a 该业务 searched for the segment it refers to
_LIST_LINKS = re.compile(r"以及|和|及|与|與|、")


def _points_back(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends in a pronoun and a segment suffix (该业务, 该分部, 此板块)."""
    hits = scan(text, start, end)
    k = len(hits)
    while (
        k > 0 and hits[k - 1].word.role in _POINTING and (k == len(hits) or hits[k - 1].end == hits[k].start)
    ):
        k -= 1
    if k == len(hits) or k == 0 or hits[-1].end != end:
        return False
    return hits[k - 1].word.role == "anaphor" and hits[k - 1].end == hits[k].start


def _antecedent(
    text: str, sentence_start: int, pos: int, company: str | None, mentions: Sequence[Mention]
) -> Span | None:
    """The last segment named before ``pos`` (in its paragraph, a few sentences back): a segment of the
    company's list, or a phrase ending in a segment suffix (动力电池业务, 智能电动汽车及AI等创新业务分部)."""
    floor = max(text.rfind("\n", 0, pos) + 1, pos - _ANTECEDENT_WINDOW)
    candidates: list[Span] = []
    named = segments().find(text, floor, pos, company)
    if named is not None:
        candidates.append(named)
    for h in scan(text, floor, pos):
        if h.word.role in ("suffix", "business") and not _points_back(text, max(floor, h.start - 2), h.end):
            start = _clause_before(text, floor, h.start)
            found, _ = segment_span(text, start, h.end, scan(text, start, h.end), mentions, company)
            if found is not None:
                candidates.append(found)
    return max(candidates, key=lambda c: c[1]) if candidates else None


def _measure_before(text: str, sentence_start: int, clause_start: int) -> tuple[str, Span] | None:
    """A measure stated in a clause without figures before the claim's (若剔除召回成本的影响，毛利率会是17.3%)."""
    floor = part_start(text, sentence_start, clause_start)
    end = clause_start - 1
    while end > floor:
        start = _clause_before(text, floor, end)
        if any(c in _DIGITS for c in text[start:end]):
            return None
        found = _measure_words(text, scan(text, start, end), end)
        if found is not None:
            return found
        end = start - 1
    return None


def _respective(text: str, segment: Span, q: Raw, clause_start: int) -> Span:
    """A list of segments with 分别 (授权和其他收入分别为3.21亿元和6.45亿元): the k-th for the k-th figure."""
    at = text.find("分别", segment[1], q.start)
    if at < 0:
        at = text.find("分別", segment[1], q.start)
    if at < 0:
        return segment
    k = sum(
        1
        for r in _scan_quantities(text, at, q.start)
        if r.kind in _CLAIM_KINDS and r.unit == q.unit and not r.bare
    )
    cuts = [m.span() for m in _LIST_LINKS.finditer(text, *segment)]
    if not cuts or k > len(cuts):
        return segment
    bounds = [segment[0]] + [b for _, b in cuts]
    ends = [a for a, _ in cuts] + [segment[1]]
    return bounds[k], ends[k]


def resolve_segment(
    text: str,
    result: ConceptResult,
    metric: str | None,
    q: Raw,
    *,
    sentence_start: int,
    clause_start: int,
    company: str | None = None,
    mentions: Sequence[Mention] = (),
) -> tuple[str | None, Span | None]:
    """The segment of a claim, in the text's words, and its span; ``None`` for the whole company.

    The words before the head of the claim's own phrase, back to the start of its clause
    (``广告服务第三季度实现营收`` -> ``会员服务``); or the phrase itself when it has no concept
    word and names a part of the company (``其中海外增长`` -> ``海外``); or, when nothing
    stands before the head (``营收``, ``占比``, ``同比增长``), the segment of the figure or
    the topic before it in its ；-part. The company's own name, bases, periods and scope
    words are no segment. A figure on another basis (``剔除召回影响后的毛利率``) carries the
    basis: ``车辆(剔除召回影响)``. A figure of concept ``other`` has a segment only when its
    words name a part of the company.
    """
    if result.segment is not None:
        return text[result.segment[0] : result.segment[1]], result.segment
    reading = result.reading
    span = locate(text, metric, sentence_start, q)
    segment: Span | None = None
    measure = None
    said = False  # something stood before the head in the claim's own phrase
    if reading is not None and result.own and reading.head is not None:
        if reading.head.word.role == "segment":  # 利息净收入: the word names a line of revenue
            return text[reading.head.start : reading.head.end], (reading.head.start, reading.head.end)
        start = _clause_before(text, sentence_start, reading.head.start)
        hits = scan(text, start, reading.end)
        ratio = not reading.concepts or lexicon().kinds.get(result.concept) == "ratio"
        end = reading.head.start
        share = next((h for h in hits if h.word.role == "share" and h.end <= end), None)
        if share is not None:  # 金融科技与企业服务收入占总营收: the part is what is shared
            end = share.start
            numerator = [h for h in hits if h.word.role in _HEAD_ROLES and h.end <= end]
            end = numerator[-1].start if numerator else end
        segment, said = segment_span(
            text, start, end, hits, mentions, company, concept=result.concept, ratio=ratio
        )
        said = said and bool(reading.concepts)
        measure = _measure_words(text, hits, reading.end)
    elif reading is not None and reading.head is not None and not result.own and result.concept != OTHER:
        # 线下活动及衍生品销售本季实现三位数同比增长: the phrase the concept came from
        start = _clause_before(text, sentence_start, reading.head.start)
        hits = scan(text, start, reading.end)
        segment, said = segment_span(
            text, start, reading.head.start, hits, mentions, company, concept=result.concept
        )
        here = span is not None and _names_a_part(
            text, span, clause_start, mentions, scan(text, *span), company
        )
        if here and span is not None:  # 其中海外增长: the claim's own words name the part
            segment, said = segment_span(text, span[0], span[1], scan(text, *span), mentions, company)
        measure = _measure_words(text, hits, reading.end)
    elif span is not None:
        hits = scan(text, *span)
        named = (
            _named_part(text, span, mentions, company)
            if result.concept == OTHER and not result.share
            else None
        )
        if named is not None:  # 美团闪购的活跃商家数量: the product is the part, the rest names the figure
            segment, said = named, True
        elif result.share or _names_a_part(text, span, clause_start, mentions, hits, company):
            segment, said = segment_span(text, span[0], span[1], hits, mentions, company)
        measure = _measure_words(text, hits, span[1])
    if segment is None and measure is None and not said:
        figures = (
            not result.own
            or reading is None
            or reading.head is None
            or not reading.concepts
            or text.startswith(
                words("part_lead"), clause_start
            )  # 其中二季度交付量: a part of the figure before
        )
        own_clause = clause_start
        if result.own and reading is not None and reading.head is not None:
            own_clause = min(clause_start, _clause_before(text, sentence_start, reading.head.start))
        segment = _per_document(
            text,
            ("inherited", sentence_start, own_clause, company, figures),
            lambda: _inherited(text, sentence_start, own_clause, company, mentions, figures=figures),
        )
    head = reading.head.start if reading is not None and reading.head is not None and result.own else None
    if head is not None and _points_back(text, _clause_before(text, sentence_start, head), head):
        segment = _antecedent(text, sentence_start, head, company, mentions)  # 该业务营收: the one before
    if measure is None:
        measure = _per_document(
            text,
            ("measure", sentence_start, clause_start),
            lambda: _measure_before(text, sentence_start, clause_start),
        )
    if segment is not None:
        segment = _respective(text, segment, q, clause_start)
    if (
        segment is not None
        and result.concept == OTHER
        and said
        and not result.share
        and not _names_a_part(text, segment, clause_start, mentions, scan(text, *segment), company)
    ):
        segment = None  # 非年化综合投资收益率: the words name the figure, not a part
    if segment is not None and _stray_character(text[segment[0] : segment[1]]):
        segment = None  # 共交付新车, 净赚: a character left over from trimming names no segment
    if measure is None:
        return (text[segment[0] : segment[1]], segment) if segment is not None else (None, None)
    basis, where = measure
    if segment is None:
        return basis, where
    name = f"{text[segment[0] : segment[1]]}({basis})"
    return name, (min(segment[0], where[0]), max(segment[1], where[1]))
