"""Removing pinyin glosses such as ``一年(yīnián)`` while keeping every other parenthetical.

The rule (see ``docs/gloss-rule.md``): a bracketed group directly after a run of
hanzi is a gloss when

1. its body holds only Latin letters (with or without tone marks), tone digits,
   apostrophes and single spaces;
2. the body parses completely into syllables of the Hanyu Pinyin inventory
   (``resources/pinyin_syllables.txt``), each with at most one tone mark
   (``resources/pinyin_tones.tsv``), or with tone digits 0-5 after the syllables they
   mark, a syllable without one being neutral (``shen2me``) but never the first;
3. it looks like a gloss: lower case, or capitalised only when it carries tone
   marks or digits (``Téngxùn``); a body of several syllables has tone marks or
   digits; a single unmarked syllable has at least two letters (``de``, ``zi``);
4. the run of hanzi right before it is at least as long as its syllable count
   (the gloss covers the last *k* hanzi), or it directly follows another gloss
   (``的(de)(de)``) and then annotates the same hanzi.

Anything else stays: tickers, acronyms, English, numbers, Chinese asides,
capitalised brand names without tones (``Hunyuan``). A gloss nested inside a
kept parenthetical is removed on its own, the outer brackets stay.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .. import _resources
from ..errors import require_str
from .model import Cleaned, Gloss

# Hanzi (CJK unified ideographs and extensions, compatibility ideographs, 〇).
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_CHAR = re.compile(f"[{HAN}]")
_HAN_RUN = re.compile(f"[{HAN}]+")

# A candidate: an optional single space, then a bracketed body without brackets
# inside, of letters, tone letters, digits, apostrophes and spaces. Bounded length,
# no nested quantifiers: linear time.
_BODY_CHARS = "A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0300-\u030c'’ 0-5"
_CANDIDATE = re.compile(f"[(（]([{_BODY_CHARS}]{{1,64}})[)）]")
_LETTERS = re.compile("[a-zü]+")


@cache
def _detone() -> dict[int, str]:
    """Tone-marked letter -> the letter under the mark (``resources/pinyin_tones.tsv``), for str.translate."""
    return {ord(r["marked"]): r["letter"] for r in _resources.table("pinyin_tones.tsv", ("marked", "letter"))}


_MAX_SYLLABLE = 6  # zhuang, shuang, chuang


@cache
def syllables() -> frozenset[str]:
    """The toneless Hanyu Pinyin syllables a gloss may be made of (interjections excluded)."""
    return frozenset(
        line for line in _resources.lines("pinyin_syllables.txt") if not line.endswith(" interjection")
    )


@cache
def _syllable_prefixes() -> frozenset[str]:
    """Every prefix of a syllable and of a syllable with an erhua ``-r``: where a piece can still grow."""
    return frozenset(form[:k] for s in syllables() for form in (s, s + "r") for k in range(1, len(form) + 1))


@cache
def _marked() -> frozenset[str]:
    """The tone-marked letters (the keys of :func:`_detone`), for set tests on strings."""
    return frozenset(map(chr, _detone()))


_SYLLABLE_SEP = re.compile(r"[ ']")


def _segment(chunk: str, marks: list[bool]) -> list[str] | None:
    """Split a toneless chunk into the fewest syllables, each with at most one tone mark.

    ``marks[i]`` says whether letter ``i`` carried a tone mark. Among splits with as many
    syllables, the one with fewer erhua ``-r`` endings wins (``āhānēr`` is a-han-er, not
    a-ha-ner). Dynamic programming over positions; chunks are at most 64 letters, so this
    is cheap and bounded.
    """
    inventory = syllables()
    starts = _syllable_prefixes()
    n = len(chunk)
    marked = [0] * (n + 1)  # marks before each position, for a one-step count per piece
    for k, mark in enumerate(marks):
        marked[k + 1] = marked[k] + mark
    # per position: (syllables, erhua endings) of the best split so far, and where its last piece starts
    best: list[tuple[int, int] | None] = [None] * (n + 1)
    back = [0] * (n + 1)
    best[0] = (0, 0)
    for i in range(n):
        prefix = best[i]
        if prefix is None:
            continue
        for j in range(i + 1, min(n, i + _MAX_SYLLABLE) + 1):  # best[j] depends on the order of i only
            piece = chunk[i:j]
            if piece not in starts:
                break  # no syllable (nor one with an erhua -r) starts with it, so none with a longer piece
            erhua = piece not in inventory
            if erhua and not (j - i > 2 and piece[-1] == "r" and piece[:-1] in inventory):
                continue
            if marked[j] - marked[i] > 1:
                continue
            candidate = (prefix[0] + 1, prefix[1] + erhua)
            current = best[j]
            if current is None or candidate < current:
                best[j], back[j] = candidate, i
    if best[n] is None:
        return None
    pieces, j = [], n
    while j > 0:
        pieces.append(chunk[back[j] : j])
        j = back[j]
    return pieces[::-1]


_TONE_DIGIT_CHUNK = re.compile(r"([a-zü]{1,64})([0-5])")


def _tone_numbered(chunk: str, result: list[str]) -> bool:
    """Read a chunk of a tone-number gloss into ``result``; False if it is not one.

    Each digit follows the syllable it marks; a syllable without a digit has the neutral
    tone (``shen2me``, ``wo3men``), which never opens a gloss: the first syllable of the
    body carries its digit (``doubao2`` is a name with a version, not a gloss).
    """
    pos = 0
    for match in _TONE_DIGIT_CHUNK.finditer(chunk):
        if match.start() != pos:
            return False
        letters = match.group(1)
        pieces = _segment(letters, [False] * len(letters))
        if pieces is None or (not result and len(pieces) > 1):
            return False  # the neutral syllables before the toned one would open the gloss
        result.extend(pieces)
        pos = match.end()
    tail = chunk[pos:]
    if tail:
        pieces = _segment(tail, [False] * len(tail)) if _LETTERS.fullmatch(tail) else None
        if pieces is None or not result:
            return False
        result.extend(pieces)
    return True


@lru_cache(maxsize=65536)
def parse_gloss(body: str) -> tuple[str, ...] | None:
    """The syllables of a gloss body, or ``None`` when the body is not a pinyin gloss.

    >>> parse_gloss("yīnián")
    ('yi', 'nian')
    >>> parse_gloss("Hunyuan") is None
    True
    """
    body = unicodedata.normalize("NFC", body).strip()
    if not body or "  " in body:
        return None
    has_upper = any(map(str.isupper, body))
    if has_upper and not (body[0].isupper() and not any(map(str.isupper, body[1:]))):
        return None  # acronyms, CamelCase, Title Case Phrases
    lowered = body.lower().replace("v", "ü").replace("’", "'")
    has_digit = any(map(str.isdigit, lowered))
    detone, marked = _detone(), _marked()
    has_mark = not marked.isdisjoint(lowered)
    if has_digit and has_mark:
        return None
    if has_upper and not (has_digit or has_mark):
        return None  # a capitalised word without tones is a name, not a gloss
    result: list[str] = []
    for chunk in _SYLLABLE_SEP.split(lowered):
        if not chunk:
            return None
        if has_digit:
            if not _tone_numbered(chunk, result):
                return None
            continue
        marks = [ch in marked for ch in chunk]
        plain = chunk.translate(detone)
        if not _LETTERS.fullmatch(plain):
            return None
        parts = _segment(plain, marks)
        if parts is None:
            return None
        result.extend(parts)
    if not result:
        return None
    if len(result) > 1 and not (has_digit or has_mark):
        return None  # several syllables with no tone at all: English (token, open), not a gloss
    if len(result) == 1 and not (has_digit or has_mark) and len(result[0]) < 2:
        return None  # a lone unmarked letter: (a), (e), (o) list labels
    return tuple(result)


@lru_cache(maxsize=65536)
def _gloss_info(body: str) -> tuple[tuple[str, ...], int] | None:
    """Syllables of a gloss body and how many hanzi it covers (one more per erhua ``-r``)."""
    syls = parse_gloss(body)
    if syls is None:
        return None
    inventory = syllables()
    return syls, len(syls) + sum(1 for s in syls if s not in inventory)


def find_glosses(text: str) -> list[Gloss]:
    """Every pinyin gloss in ``text``, in order, with the span of the hanzi it annotates."""
    if "(" not in text and "（" not in text:
        return []
    found: list[Gloss] = []
    last: Gloss | None = None
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        info = _gloss_info(match.group(1))
        if info is None:
            continue
        syls, k = info
        if last is not None and last.end == start:
            # doubled gloss: annotates what the previous one did
            gloss = Gloss(start, end, match.group(1), syls, last.target_start, last.target_end)
        else:
            before = start
            if start >= 2 and text[start - 1] == " " and _HAN_CHAR.match(text[start - 2]):
                before = start - 1  # 一年 (yīnián): the space goes with the gloss
            if before < k or not _HAN_RUN.fullmatch(text, before - k, before):
                continue
            gloss = Gloss(before, end, match.group(1), syls, before - k, before)
        found.append(gloss)
        last = gloss
    return found


_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e\uff0b\uff0d\uff0f\uff04]")
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def fold_width(text: str) -> str:
    """Full-width ASCII forms as ASCII, one character for one (``１２．５％`` -> ``12.5%``)."""
    return text.translate(_FOLD) if _WIDE.search(text) else ""


def build_cleaned(text: str, cuts: list[tuple[int, int]], glosses: tuple[Gloss, ...] = ()) -> Cleaned:
    """A :class:`Cleaned` for ``text`` with the sorted, disjoint input intervals ``cuts`` removed."""
    if not cuts:
        return Cleaned(source=text, text=text, glosses=glosses, _folded=fold_width(text))
    pieces: list[str] = []
    starts, ends, clean_pos, totals = [], [], [], []
    pos = removed = 0
    for a, b in cuts:
        pieces.append(text[pos:a])
        removed += b - a
        starts.append(a)
        ends.append(b)
        clean_pos.append(b - removed)
        totals.append(removed)
        pos = b
    pieces.append(text[pos:])
    clean_text = "".join(pieces)
    return Cleaned(
        source=text,
        text=clean_text,
        glosses=glosses,
        _folded=fold_width(clean_text),
        _cut_start=tuple(starts),
        _cut_end=tuple(ends),
        _cut_clean=tuple(clean_pos),
        _cut_total=tuple(totals),
    )


def strip_glosses(text: str) -> Cleaned:
    """Remove pinyin glosses from ``text``; the result maps every offset back to ``text``.

    >>> c = strip_glosses("又是一年(yīnián)财报季，的(de)(de)突破(Non-IFRS)")
    >>> c.text
    '又是一年财报季，的突破(Non-IFRS)'
    >>> c.to_input(c.text.index("财"))
    12
    """
    require_str(text)
    glosses = tuple(find_glosses(text))
    return build_cleaned(text, [(g.start, g.end) for g in glosses], glosses)
