"""Entity mentions: lexicon matches refined into companies, products, sources and people.

The entity matcher (a spaCy ``PhraseMatcher`` in the pipeline) finds lexicon
surfaces. This module turns them into :class:`Mention` records: weak aliases are
kept only after a strong mention of the same entity; a title followed by a name
(``首席财务官罗戎``, ``董事会主席兼首席执行官马化腾``) becomes a person with the
company named in front of the title; a name introduced that way is found again
later in the text on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from .. import _resources
from .._spans import Intervals
from .._words import word_set, words, words_pattern
from ..cleaning.glosses import HAN
from ..cleaning.model import Cleaned
from .lexicon import Entry, Lexicon, ticker_key
from .unknown import (
    Found,
    bare_body,
    body_scopes,
    business_verbs,
    dated_subject,
    descriptor_ends,
    financial_sibling,
    find_list_partners,
    find_unknown_bodies,
    find_unknown_companies,
    generic_ending,
    holding_stems,
    holding_unit,
    is_industry,
    region_prefixes,
    reported_results,
    short_legal_forms,
    stands_as_subject,
    without_industry,
)


@dataclass(slots=True)
class Mention:
    """An entity mention in the clean text."""

    start: int
    end: int
    kind: str  # company | product | source | person | pronoun
    name: str  # canonical company / source, person's name, pronoun
    company: str | None = None  # the company it resolves to (products, people with an affiliation)
    surface: str = ""
    generic: bool = False
    title_start: int | None = None  # where the person's title chain starts
    sector: str | None = None  # a company's sector, a source's kind (government, association, research, …)
    source: str | None = None  # a company that is also a cited source (a broker): its name as a speaker
    source_kind: str | None = None  # and that source's kind (broker, government…)


_LOCATIVES = (
    "在",
    "於",
    "于",
)  # a preposition of place or time that opens the words after a name (某某在会上表示)
_NAME_PUNCTUATION = '、，,。.：:；;！!？?“”"（）() '


@cache
def _name_stop() -> frozenset[str]:
    """Particles and adverbs that follow a name (某某则表示, 某某的回答; ``function_words.tsv`` role
    ``name_stop``), and punctuation: a name never holds them."""
    return word_set("name_stop") | frozenset(_NAME_PUNCTUATION)


# a stock code in brackets right after a name: (2377), (600690.SH), (00966.HK), (BABA.US)
STOCK_CODE = re.compile(r"[ 　]?[（(][ 　]?(?:[0-9]{4,6}|[A-Z]{2,5})(?:\.[A-Za-z]{1,3})?[ 　]?[)）]")
# after a name, a verb of release and a results report (於11月26日公布2025/26財年中期業績): the name is a company's
_RELEASES_RESULTS = re.compile(
    r"[^，,。；;\n]{0,12}?(?:公布|公佈|发布|發布|披露)[^，,。；;\n]{0,16}?(?:业绩|業績|财报|財報|年报|年報|中报|中報|季报|季報)"
)
_COUNTED_BEFORE = re.compile(
    r"[0-9０-９]+[家位名个個][\u4e00-\u9fff]{0,4}$"
)  # 已有36家上市券商公布: a counted group

_LISTING_LABEL = re.compile(
    r"[ 　]?[:：][ 　]?(?:[0-9]{3,6}|[A-Z]{1,5})(?![0-9A-Za-z年月日])"  # (not 某局：2024年末…: a date)
)  # HKEX：2057, 港交所：09988
_NAME_CONJUNCTIONS = frozenset("和与與同及")  # stop a name, unless a verb follows right after (郁清和表示)
_JOINERS = ("兼", "、", "和", "及", "与", " ", "/")
_HAN_RE = re.compile(f"[{HAN}]")
_FOREIGN_NAME = re.compile(f"[{HAN}]{{1,6}}[·•‧][{HAN}]{{1,8}}")
# a name in Latin letters after a title (首席财务官Pam Kaur, CEO Jensen Huang): two or three capitalised words
_LATIN_PERSON = re.compile(r"[A-Z][a-z]+(?:[ \-](?:[A-Z][a-z]+|[A-Z]\.)){1,2}(?![A-Za-z])")
_LATIN_NAME_MAX = 30  # characters of a name in Latin letters
_SURNAME_MAX = 2  # characters of a surname before a given name that holds a company's short name


def _is_han(ch: str) -> bool:
    return bool(_HAN_RE.match(ch))


def _key(entry: Entry) -> str:
    return entry.canonical if entry.kind == "person" else entry.company or entry.canonical


def _past_legal_form(text: str, end: int) -> int:
    """Past a short legal form (集团, 股份) written right after a name ending at ``end``, else ``end``."""
    return end + next((len(w) for w in short_legal_forms() if text.startswith(w, end)), 0)


_NAME_TAIL = re.compile(r"[\u4e00-\u9fff]{1,8}")  # the rest of a longer name before its stock code


def _own_code_after(text: str, end: int, entry: Entry, lexicon: Lexicon) -> bool:
    """Whether the rest of a longer name and one of the company's own stock codes follow a weak alias
    (美麗田園 in 美麗田園醫療健康（02373）, the code Beauty Farm's)."""
    tail = _NAME_TAIL.match(text, end)
    code = STOCK_CODE.match(text, tail.end()) if tail is not None else None
    if code is None:
        return False
    key = ticker_key(code.group())
    return key is not None and key in lexicon.tickers.get(entry.company or entry.canonical, frozenset())


_CLAUSE_OPEN = frozenset("，,。；;：:！？!?\n 　“「")  # what a clause's first word follows


@cache
def _data_verbs() -> tuple[str, ...]:
    """The verbs of data (``reporting_verbs.tsv`` kind ``data``: 显示, 统计显示), longest first."""
    rows = _resources.table("reporting_verbs.tsv", ("verb", "kind"))
    return tuple(sorted((r["verb"] for r in rows if r["kind"] == "data"), key=len, reverse=True))


def resolve_weak(
    mentions: list[tuple[int, int, Entry, str]], text: str = "", lexicon: Lexicon | None = None
) -> list[tuple[int, int, Entry, str]]:
    """Keep weak aliases (``理想``, ``平安``) only for entities the document names strongly somewhere,
    or that stand in one list with a strongly named company (``比亚迪、吉利、长城``)."""
    named = {_key(entry) for _, _, entry, _ in mentions if not entry.weak}
    if text:
        # 微星(2377)同日公布: a name given with a stock code is the company's, however short; so is one
        # that speaks (世界先進亦預估: not 世界先进水平)
        # and one a descriptor introduces (美国设备商应用材料: not 应用材料 as a common noun)
        descriptors = descriptor_ends()
        named |= {
            _key(entry)
            for start, end, entry, _ in mentions
            if entry.weak
            and entry.kind == "company"
            and (
                STOCK_CODE.match(text, end)
                or STOCK_CODE.match(text, _past_legal_form(text, end))  # 某某集團（00855）
                or (
                    lexicon is not None and _own_code_after(text, end, entry, lexicon)
                )  # 某某醫療健康（02373）
                or dated_subject().match(
                    text, end
                )  # 新希望10月销售生猪…: a subject with its period and figures
                or (lexicon is not None and _speaks(text, end, lexicon))
                or text.endswith(descriptors, max(0, start - 4), start)
                or _RELEASES_RESULTS.match(text, end) is not None  # 中國燃氣於11月26日公布…中期業績
                or reported_results().match(text, end) is not None  # 某某的半年报显示: its own report
                or (text.startswith(business_verbs(), end) and (start == 0 or text[start - 1] == "\n"))
            )
        }
        # 另据海关统计，…: a source's weak name between a citing word and what it publishes is the source; so is
        # one opening its clause before what it publishes and a verb of data (海关数据显示，…)
        citing, published, shows = words("according_to"), words("data_noun"), _data_verbs()
        named |= {
            _key(entry)
            for start, end, entry, _ in mentions
            if entry.weak
            and entry.kind == "source"
            and (
                (
                    text.endswith(citing, 0, start)
                    and any(
                        text.startswith(w, end) and not text.startswith(published, end + len(w))
                        for w in published
                    )  # (据灯塔数据统计: 数据 is part of a longer source name, the source is read whole)
                )
                or (
                    (start == 0 or text[start - 1] in _CLAUSE_OPEN)
                    and any(
                        text.startswith(w, end) and text.startswith(shows, end + len(w)) for w in published
                    )
                )
            )
        }
    keep = [not m[2].weak or _key(m[2]) in named for m in mentions]
    if text:
        joins = word_set("coordinator")
        changed = True
        while changed:  # a list spreads strength along its items, both ways
            changed = False
            for i in range(len(mentions) - 1):
                a, b = mentions[i], mentions[i + 1]
                if keep[i] == keep[i + 1] or text[a[1] : b[0]].strip() not in joins:
                    continue
                if a[2].kind in ("company", "product") and b[2].kind in ("company", "product"):
                    keep[i] = keep[i + 1] = changed = True
        # two or more names listed before 分别 are companies, however weak (同業方面，富邦金、國泰金11月…分別為…)
        i = 0
        while i < len(mentions):
            j = i
            while (
                j + 1 < len(mentions)
                and mentions[j][2].kind == mentions[j + 1][2].kind == "company"
                and text[mentions[j][1] : mentions[j + 1][0]].strip() in joins
            ):
                j += 1
            # (某甲、某乙集团2021年…分别为: a weak name opening a list with a name no lexicon holds)
            listed = j > i or text.startswith("、", mentions[i][1])
            if listed and mentions[i][2].kind == "company":
                after = text[mentions[j][1] : mentions[j][1] + 24]
                cut = min((k for k in (after.find("。"), after.find("；")) if k >= 0), default=len(after))
                if any(w in after[:cut] for w in words("respectively")):
                    for k in range(i, j + 1):
                        keep[k] = True
            i = j + 1
        # a name a list made strong is the company's wherever the document writes it (中信金10月則賺…。
        # 國泰金、中信金分別…)
        named |= {_key(m[2]) for m, k in zip(mentions, keep, strict=True) if k}
        keep = [k or _key(m[2]) in named for m, k in zip(mentions, keep, strict=True)]
    out = []
    for m, k in zip(mentions, keep, strict=True):
        if k:
            out.append(m)
        elif lexicon is not None and (source := lexicon.sources.get(m[3])) is not None:
            out.append(
                (m[0], m[1], source, m[3])
            )  # 第一上海發表報告指: a broker's weak company name is its desk
    return out


def read_name(text: str, pos: int, lexicon: Lexicon, limit: int) -> tuple[int, int] | None:
    """The person's name starting at ``pos`` (after a title), as a span, or ``None``."""
    while pos < limit and text[pos] == " ":
        pos += 1
    if pos >= limit:
        return None
    latin = _LATIN_PERSON.match(text, pos, limit)
    if latin:
        return pos, latin.end()
    m = _FOREIGN_NAME.match(text, pos, limit)
    if m:
        end = m.end()
        for k in range(text.index("·", pos, end) + 2 if "·" in text[pos:end] else pos + 2, end):
            if _starts_verb(text, k, lexicon) or text[k] in _name_stop():
                end = k  # 艾米·胡德称: the name stops before its verb
                break
        return pos, end
    for length in (4, 3, 2):  # a known person's name first
        entry = lexicon.entries.get(text[pos : pos + length])
        if entry is not None and entry.kind == "person" and pos + length <= limit:
            return pos, pos + length
    surname_len = next(
        (n for n in (3, 2, 1) if text[pos : pos + n] in lexicon.surnames), 0
    )  # 长谷川, 欧阳, 王
    if not surname_len:
        # 副秘书长某书衡表示: a family name the list lacks, when a reporting verb follows three plain characters
        # (not 日前表示, 此前表示, 在…上表示: a time or an adverb after the title)
        name = text[pos : pos + 3]
        if (
            pos + 3 <= limit
            and all(_is_han(c) and c not in _name_stop() and c not in _NOT_IN_NAME for c in name)
            and _speaks(text, pos + 3, lexicon)
            and not any(w in name for w in _time_words())
        ):
            return pos, pos + 3
        return None
    end = pos + surname_len
    given = 3 if text[pos:end] in lexicon.long_surnames else 2  # 藤田真理奈: three after a Japanese one
    for _ in range(given):  # a given name of one or two characters
        if end >= limit or not _is_han(text[end]):
            break
        if (
            text[end] in _name_stop()
            and not (
                end == pos + surname_len  # 封亦澄: a particle may open a two-character given name
                and end + 1 < limit
                and _is_han(text[end + 1])
                and text[end + 1] not in _name_stop()
                and not _starts_verb(text, end + 1, lexicon)
            )
            and not (
                end == pos + surname_len + 1  # 郁清和表示: a coordinator right before the verb ends the name
                and text[end] in _NAME_CONJUNCTIONS
                and (
                    _starts_verb(text, end + 1, lexicon)
                    # (褚霽和在業績會上表示, 某清和接受采访: a coordinator joins no 在 and no word that follows a name)
                    or text.startswith((*_LOCATIVES, *words("name_follow")), end + 1)
                )
            )
        ):
            break
        if end > pos + surname_len and text.startswith(words("name_follow"), end):
            break  # 李明接受记者采访时表示: a word that follows a name starts after one given character
        if (
            end > pos + surname_len
            and _starts_verb(text, end, lexicon)
            and not (  # 韩澄予表示: a one-character verb (予) right before the name's own verb is the name's
                end + 1 < limit
                and not any(text[end : end + n] in lexicon.verbs for n in (3, 2))
                and _speaks(text, end + 1, lexicon)
            )
        ):
            break  # 付欣解释称: the verb starts after one given character
        end += 1
    if end == pos + surname_len:
        return None
    return pos, end


@cache
def _department() -> re.Pattern[str]:
    """A department of a body, written between its name and an officer's title (运输司: role ``department_end``)."""
    return re.compile(rf"[\u4e00-\u9fff]{{1,10}}(?:{words_pattern(words('department_end'))})")


_NOT_IN_NAME = frozenset(
    "日前后後时時天也还還亦则則都又再并並均在就于於曾将將已正中上下里裡间間会會议議"
)  # adverbs, places


@cache
def _time_words() -> tuple[str, ...]:
    """Times that may stand between a title and its verb (昨日, 晚间: roles ``day_word``, ``time_of_day``)."""
    return (*words("day_word"), *words("time_of_day"))


_AFTER_NAME = frozenset("，,：:（(「“ 在于於对對就等")  # what may follow a name read after a generic voice


def _ends_name(text: str, end: int, lexicon: Lexicon) -> bool:
    """Whether a name read after a generic voice ends where a name can (分析师王学恒表示, …王学恒在…, …王学恒，):
    not inside a word (券商全年净利润 holds no name)."""
    return (
        end >= len(text)
        or text[end] in _AFTER_NAME
        or text[end] in _name_stop()
        or _speaks(text, end, lexicon)
        or _starts_verb(text, end, lexicon)
        or text.startswith((*words("name_follow"), *words("report_phrase_open")), end)
    )


def _speaks(text: str, pos: int, lexicon: Lexicon) -> bool:
    """A reporting verb right after ``pos``, an adverb allowed between (亦预估, 则表示)."""
    if text[pos : pos + 1] in _name_stop():
        pos += 1
    return any(lexicon.verbs.get(text[pos : pos + n]) in ("say", "forecast") for n in (3, 2, 1))


def _starts_verb(text: str, pos: int, lexicon: Lexicon) -> bool:
    return any(text[pos : pos + length] in lexicon.verbs for length in (5, 4, 3, 2, 1))  # (發表報告指)


def _name_after_word(
    text: str, end: int, raw: list[tuple[int, int, Entry, str]], i: int, lexicon: Lexicon
) -> tuple[int, int] | None:
    limit = raw[i + 1][0] if i + 1 < len(raw) else len(text)
    return read_name(text, end, lexicon, min(limit, end + _name_reach(text, end)))


def _name_reach(text: str, pos: int) -> int:
    """How far a name after ``pos`` may run: 12 characters, or a name in Latin letters' length."""
    first = text[pos : pos + 2].strip()[:1]
    return _LATIN_NAME_MAX if "A" <= first <= "Z" else 12


@cache
def _sense_cues() -> dict[str, tuple[str, ...]]:
    """Names that are also words of another sense, and the words that show that sense (``senses.tsv``)."""
    return {
        row["name"]: tuple(_resources.split_values(row["cues"]))
        for row in _resources.table("senses.tsv", ("name", "cues"))
    }


def _other_senses(raw: list[tuple[int, int, Entry, str]], text: str) -> list[tuple[int, int, Entry, str]]:
    """A name in a text that writes a word of its other sense is weak there (苹果 beside 苹果汁: the fruit)."""
    senses = _sense_cues()
    # (each name's cues are looked for once per text, however often the name stands in it)
    other = {n for n in {r[3] for r in raw} & senses.keys() if any(cue in text for cue in senses[n])}
    if not other:
        return raw
    return [
        (start, end, replace(entry, weak=True), surface)
        if surface in other and not entry.weak
        else (start, end, entry, surface)
        for start, end, entry, surface in raw
    ]


def build_mentions(
    text: str,
    raw: list[tuple[int, int, Entry, str]],
    lexicon: Lexicon,
) -> list[Mention]:
    """Mentions from lexicon matches: weak aliases resolved, people read after their titles."""
    raw = resolve_weak(sorted(_other_senses(raw, text), key=lambda r: r[0]), text, lexicon)
    mentions: list[Mention] = []
    n = len(raw)
    i = 0
    introduced: dict[str, str | None] = {}
    holder: dict[str, tuple[str, str | None]] = {}  # an office -> the person last introduced with it
    while i < n:
        start, end, entry, surface = raw[i]
        if entry.kind == "title":
            # a chain of titles joined by 兼/、/和, then the name
            chain_start, chain_end, j = start, end, i
            while (
                j + 1 < n
                and raw[j + 1][2].kind == "title"
                and text[chain_end : raw[j + 1][0]] in (*_JOINERS, "")
            ):
                j += 1
                chain_end = raw[j][1]
            # an organisation written right before the chain is the person's company
            affiliation = sector = None
            # (“某某统计处”专门委员某某: a closing quotation mark may stand between the body and the title)
            gap = text[mentions[-1].end : chain_start].strip(' 的”」"') if mentions else ""
            if mentions and mentions[-1].kind == "source" and _department().fullmatch(gap):
                sector = mentions[-1].sector  # 某某局运输司副司长某某: a department of the body
            elif mentions and gap == "":
                if mentions[-1].kind in ("company", "product"):
                    affiliation = mentions[-1].company or mentions[-1].name
                elif mentions[-1].kind == "source":
                    sector = mentions[-1].sector  # 中国汽车流通协会常务副会长兼秘书长某某
            if affiliation is None and sector is None:
                sector = bare_body(text, chain_start)  # 协会副会长某某: the body cited before
            limit = raw[j + 1][0] if j + 1 < n else len(text)
            span = read_name(text, chain_end, lexicon, min(limit, chain_end + _name_reach(text, chain_end)))
            if (
                span is None
                and j + 1 < n
                and raw[j + 1][2].kind in ("company", "product")
                and raw[j + 1][0] - chain_end <= _SURNAME_MAX
            ):
                # 首席财务官李宁远, 负责人某牧原: a person's name after a title that holds a brand's or a
                # company's short name (李宁, 牧原) is the person's
                k = j + 2
                while k < n and raw[k][0] < raw[j + 1][1]:
                    k += 1
                after = raw[k][0] if k < n else len(text)
                holder_span = read_name(
                    text, chain_end, lexicon, min(after, chain_end + _name_reach(text, chain_end))
                )
                if holder_span is not None and holder_span[1] >= raw[j + 1][1]:
                    span = holder_span
                    j = k - 1
            if (
                span is None
                and j + 1 < n
                and raw[j + 1][2].kind == "person"
                and text[chain_end : raw[j + 1][0]].strip() == ""
            ):
                span = raw[j + 1][0], raw[j + 1][1]
                j += 1
            if span is not None:
                name = text[span[0] : span[1]]
                known = lexicon.entries.get(name)
                company = affiliation or (known.company if known and known.kind == "person" else None)
                mentions.append(
                    Mention(
                        span[0],
                        span[1],
                        "person",
                        name,
                        company,
                        name,
                        title_start=chain_start,
                        sector=sector,
                    )
                )
                # an analyst named again (…首席经济学家某某表示…。某某预计…) speaks for no company, as at first
                analyst = any(text.find(w, chain_start, span[0]) >= 0 for w in words("analyst_after"))
                introduced.setdefault(name, None if analyst else company)
                if company is not None and not analyst:
                    introduced[name] = company
                holder[raw[j][2].canonical] = (name, company)
            elif raw[j][2].canonical in holder and (
                text[chain_end : chain_end + 1] in _name_stop() or _starts_verb(text, chain_end, lexicon)
            ):
                # 公司CFO还表示, 这位首席财务官指出: the office names the person introduced with it
                held, company = holder[raw[j][2].canonical]
                surface = text[chain_start:chain_end]
                mentions.append(
                    Mention(chain_start, chain_end, "person", held, company, surface, title_start=chain_start)
                )
            i = j + 1
            continue
        if entry.kind == "person":
            mentions.append(Mention(start, end, "person", entry.canonical, entry.company, surface))
            introduced.setdefault(entry.canonical, entry.company)
        elif entry.kind in ("company", "product"):
            also = lexicon.sources.get(surface)
            mentions.append(
                Mention(
                    start,
                    end,
                    entry.kind,
                    entry.company or entry.canonical,
                    entry.company or entry.canonical,
                    surface,
                    sector=entry.sector,
                    source=(also.canonical if surface.casefold() == also.canonical.casefold() else surface)
                    if also is not None
                    else None,
                    source_kind=also.sector if also is not None else None,
                )
            )
        elif (
            entry.kind == "source"
            and entry.generic
            and (name_span := _name_after_word(text, end, raw, i, lexicon))
            and _ends_name(text, name_span[1], lexicon)
        ):
            # 分析师王学恒: a generic voice that is also a job title, followed by a name, is that person
            name = text[name_span[0] : name_span[1]]
            known = lexicon.entries.get(name)
            company = known.company if known is not None and known.kind == "person" else None
            mentions.append(
                Mention(name_span[0], name_span[1], "person", name, company, name, title_start=start)
            )
            introduced.setdefault(name, company)
            i += 1
            continue
        elif (
            entry.kind == "source"
            and entry.generic
            and (
                _COUNTED_BEFORE.search(text, max(0, start - 12), start)
                or text[start - 1 : start] in ("该", "該")
            )
        ):
            pass  # 已有36家上市券商公布…: a counted group, not a voice; 该分析师: a pronoun for the one named last
        elif entry.kind == "source":
            mentions.append(
                Mention(
                    start,
                    end,
                    "source",
                    entry.canonical,
                    None,
                    surface,
                    generic=entry.generic,
                    sector=entry.sector,
                )
            )
        i += 1
    if introduced:
        mentions = _find_introduced(text, mentions, introduced)
    return mentions


def _find_introduced(text: str, mentions: list[Mention], introduced: dict[str, str | None]) -> list[Mention]:
    """Later mentions of names introduced with a title (吴泳铭 after 首席执行官吴泳铭)."""
    taken = Intervals((m.start, m.end) for m in mentions)
    extra = []
    for name, company in introduced.items():
        if len(name) < 2:
            continue
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if not taken.overlaps(pos, end):
                extra.append(Mention(pos, end, "person", name, company, name))
            pos = text.find(name, end)
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


def _joined_sources(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two names of one source written together are one mention (TrendForce集邦咨询)."""
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and m.kind == last.kind == "source"
            and m.name == last.name
            and last.end == m.start
        ):
            # written as the name the source goes by when one of the two is it (国际数据公司IDC -> IDC)
            parts = (text[last.start : last.end], text[m.start : m.end])
            canonical = next((p for p in parts if p.casefold() == last.name.casefold()), None)
            out[-1] = Mention(
                last.start,
                m.end,
                "source",
                last.name,
                None,
                canonical or text[last.start : m.end],
                last.generic,
                None,
                last.sector,
            )
            continue
        out.append(m)
    return out


def _again(text: str, partners: list[Found], spans: list[tuple[int, int]]) -> list[Found]:
    """A list partner's name written again elsewhere in the kept text (某甲、某乙…分别…。其中某乙海外收入…): the same
    company."""
    if not partners:
        return []
    seen = {(f.start, f.end) for f in partners}
    out = []
    for f in {f.name: f for f in partners}.values():
        for a, b in spans:
            k = text.find(f.name, a, b)
            while k >= 0:
                end = k + len(f.name)
                if (k, end) not in seen and end <= b:
                    out.append(Found(k, end, f.name, parent=f.parent))
                k = text.find(f.name, end, b)
    return out


def _with_unknown_companies(
    text: str, mentions: list[Mention], spans: list[tuple[int, int]], lexicon: Lexicon
) -> list[Mention]:
    """Add the companies no lexicon holds (``attribution.unknown``) where no other mention is."""
    found = find_unknown_companies(text, spans, lexicon.entries, lexicon.tickers)
    named = {m.name for m in mentions if m.kind == "company"}
    ends: dict[int, str | None] = {f.end: None for f in found}
    starts: dict[int, str | None] = {f.start: None for f in found}
    for m in mentions:
        if m.kind != "company":
            continue
        # (子公司中，某甲航空和某乙航空…: a subsidiary's partners are its parent's too)
        parent = lexicon.parents.get(m.name)
        ends[m.end] = starts[m.start] = parent if parent in named else None
    partners = find_list_partners(text, ends, lexicon.entries, _resources.common_bigrams(), starts)
    partners += _again(text, partners, spans)
    bodies = find_unknown_bodies(text, spans, lexicon.entries)
    if not found and not bodies and not partners:
        return mentions
    longer = Intervals((f.start, f.end) for f in found if f.displaces)
    if longer:  # 某某种业（代码） is not the lexicon's 某某: the mentions inside it yield
        mentions = [m for m in mentions if not longer.overlaps(m.start, m.end)]
    # (某安达的年报则显示: a lexicon name's weak alias inside a longer name found as a company's yields to it)
    holders = sorted((f.start, f.end) for f in found)
    mentions = [m for m in mentions if not (m.kind == "company" and _weak_inside(text, m, holders, lexicon))]
    # (某泥化表示: a name found as a subject that runs one character past a two-character lexicon name opening it
    # is another company's; the lexicon name there yields)
    runs_past = {f.start: f.end for f in found}
    mentions = [
        m
        for m in mentions
        if not (
            m.kind == "company"
            and m.end - m.start == 2
            and runs_past.get(m.start, m.end) == m.end + 1  # (one character more: 某泥化 of 某泥化学)
            and not generic_ending(text[m.end : runs_past[m.start]])  # (某巨集, 某牙股: the same company)
            and "\u4e00" <= text[m.end] <= "\u9fff"  # (万科A: a share class)
        )
    ]
    taken = Intervals((m.start, m.end) for m in mentions)
    # (中國船舶租賃（03877）…。中國船舶租賃是…旗下的租賃平台: a name the text gives a stock code is listed in its own right)
    coded = {f.name for f in found if STOCK_CODE.match(text, f.end)}
    extra = [
        Mention(
            f.start,
            f.end,
            "company",
            f.name,
            (None if f.name in coded else _group_of(text, f, lexicon)) or f.name,
            text[f.start : f.end],
        )
        for f in found
        if not taken.overlaps(f.start, f.end) and not _inside_book_title(text, f.start)
    ]
    # (a name found both ways, 分企业看，某甲、某乙…分别, is one mention)
    taken = Intervals([(m.start, m.end) for m in mentions] + [(m.start, m.end) for m in extra])
    listed: set[tuple[int, int]] = set()
    for f in partners:
        if not taken.overlaps(f.start, f.end) and (f.start, f.end) not in listed:
            listed.add((f.start, f.end))
            extra.append(
                Mention(f.start, f.end, "company", f.name, f.parent or f.name, text[f.start : f.end])
            )
    if bodies:  # a body's name may hold a known source's (某某协会游戏出版工作委员会): the longer wins
        inside = Intervals((f.start, f.end) for f in bodies)
        # (one that opens with a national scope may hold a company's: 据中国建筑防水协会统计)
        national = Intervals((f.start, f.end) for f in bodies if f.name.startswith(body_scopes()))
        mentions = [
            m
            for m in mentions
            if not (m.kind == "source" and inside.overlaps(m.start, m.end))
            and not (m.kind in ("company", "product") and national.overlaps(m.start, m.end))
        ]
    taken = Intervals([(m.start, m.end) for m in mentions] + [(m.start, m.end) for m in extra])
    extra += [
        Mention(f.start, f.end, "source", f.name, None, f.name, sector=f.kind)
        for f in bodies
        if not taken.overlaps(f.start, f.end) and not _inside_book_title(text, f.start)
    ]
    if not extra:
        return mentions
    _affiliate(text, mentions, extra)
    return sorted(mentions + extra, key=lambda m: m.start)


def _weak_inside(text: str, m: Mention, holders: list[tuple[int, int]], lexicon: Lexicon) -> bool:
    """Whether ``m`` is a weak alias (an ordinary word as well) that ends one of ``holders`` (sorted spans) after a
    character or two of its own (某安达: another name; not a descriptor, 同業某某, nor a descriptor run)."""
    entry = lexicon.entries.get(m.surface)
    if entry is None or not entry.weak:
        return False
    k = bisect_right(holders, (m.start, m.end)) - 1
    return any(
        b == m.end
        and 1 <= m.start - a <= _HOLDER_LEAD
        and text[a : m.start] not in descriptor_ends()
        and text[a : m.start] not in _resources.common_bigrams()
        for a, b in holders[max(0, k - _HOLDER_LEAD) : k + 1]
    )


_HOLDER_LEAD = 2  # characters of a name no list holds before a weak alias that ends it


def _group_of(text: str, f: Found, lexicon: Lexicon) -> str | None:
    """The financial group a unit no lexicon holds belongs to (玉山證券 of 玉山金控), unless a stock code
    after it makes it a listed company of its own."""
    if STOCK_CODE.match(text, f.end):
        return None
    return financial_sibling(f.name, lexicon.entries)


def _affiliate(text: str, mentions: list[Mention], found: list[Mention]) -> None:
    """People whose title follows a company or a public body no lexicon holds (某某科技创始人张三, 某某分会秘书长
    李四) work for it: their mentions, the later bare ones too, take the company, or the body's kind as their
    sector, when none is known."""
    ends = {m.end: m for m in found}
    employer: dict[str, Mention] = {}
    for m in mentions:
        if m.kind != "person" or m.company is not None or m.title_start is None:
            continue
        k = m.title_start
        while k > 0 and text[k - 1] in " 的":
            k -= 1
        org = ends.get(k)
        if org is not None and (org.kind == "company" or m.sector is None):
            employer[m.name] = org
    for m in mentions:
        org = employer.get(m.name) if m.kind == "person" and m.company is None else None
        if org is None:
            continue
        if org.kind == "company":
            m.company = org.company or org.name
        elif m.sector is None:
            m.sector = org.sector


def _inside_book_title(text: str, pos: int) -> bool:
    opening = text.rfind("《", max(0, pos - 60), pos)
    return opening >= 0 and text.find("》", opening, pos) < 0 and "\n" not in text[opening:pos]


_SCALE_LEAD = frozenset("万萬亿億千百")  # scale characters a name may start with (万科, 亿航)
_NUMERAL_BEFORE = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十两兩零〇几數数")


@cache
def _words_around() -> dict[str, tuple[tuple[str, int], ...]]:
    """For each surface a listed word holds (role ``name_inside``: 东南亚), the words and where it stands in them."""
    found: dict[str, list[tuple[str, int]]] = {}
    for w in words("name_inside"):
        for i in range(len(w)):
            for j in range(i + 2, len(w) + 1):
                found.setdefault(w[i:j], []).append((w, i))
    return {k: tuple(v) for k, v in found.items()}


def _inside_word(text: str, a: int, b: int) -> bool:
    """Whether the name at ``[a, b)`` stands inside a word it does not name (南亚 in 东南亚)."""
    return any(text.startswith(w, a - i) for w, i in _words_around().get(text[a:b], ()) if a - i >= 0)


def _route_name(text: str, a: int, b: int) -> bool:
    """Whether the name at ``[a, b)`` ends a road's or a railway's name (深高速 in 广深高速: two places' first
    characters, role ``route_place``, then a route word, role ``route_word``)."""
    places = word_set("route_place")
    return text[a - 1] in places and text[a] in places and text[a:b].endswith(words("route_word"))


def _straddled(text: str, a: int, b: int, entry: Entry) -> bool:
    """Whether a company or product name at ``[a, b)`` is only part of the words around it.

    A name that starts with a scale character right after a numeral is the number's scale
    (万科 in 2万科技企业, 亿光 in 50亿光伏); one that ends a route's name is the route (深高速 in 广深高速).
    A three-character name is no name where the character before it makes a word with its first and its
    last two are a word (京东方 in 北京东方广场). A two-character name is read as a word of its own
    unless the character before it makes a word with its first and the one after a word with its
    last: 中通 in 其中通信 (其中 + 通信), 得宝 in 获得宝贵 (the two-character words of a general
    dictionary: see ``_resources.common_bigrams``)."""
    if entry.kind not in ("company", "product") or a == 0:
        return False
    if text[a] in _SCALE_LEAD and text[a - 1] in _NUMERAL_BEFORE:
        return True
    if _route_name(text, a, b):
        return True
    words, folded = _resources.common_bigrams(), _resources.variant_table()
    if b - a >= 3 and is_industry(text[b - 1 : b + 1]):
        return True  # 中航信 in 中航信托 (信托, an industry ending): the name runs on into another company's
    if b - a == 3 and not STOCK_CODE.match(text, b):
        # 京东方 in 北京东方广场 (北京 + 东方): the character before makes a word with the first, the last two are one
        return text[a - 1 : a + 1].translate(folded) in words and text[a + 1 : b].translate(folded) in words
    if b - a != 2 or b >= len(text):
        return False
    return text[a - 1 : a + 1].translate(folded) in words and text[b - 1 : b + 1].translate(folded) in words


_LONGER_MAX = 12  # characters of a longer name looked for inside a two-character one's end


def _longer_after(text: str, a: int, b: int, lexicon: Lexicon) -> int | None:
    """Where a longer company or product name ends that starts at the second character of the two-character name at
    ``[a, b)``, when the character before the name makes a word with its first (其中金徽酒: 其中, then 金徽酒, not 中金)."""
    if a == 0 or text[a - 1 : a + 1].translate(_resources.variant_table()) not in _resources.common_bigrams():
        return None
    for end in range(min(len(text), a + 1 + _LONGER_MAX), b, -1):
        found = lexicon.entries.get(text[a + 1 : end])
        if found is not None and found.kind in ("company", "product"):
            return end
    return None


def mentions_of(cleaned: Cleaned, matches: Iterable[tuple[int, int]], lexicon: Lexicon) -> list[Mention]:
    """The mentions of a cleaned document, from its lexicon matches (clean-text spans, in order).

    Matches in skipped regions (repeats, page furniture) and inside the title of a
    work (``《字节发力，腾讯音乐还能…》``) are dropped.
    """
    text = cleaned.folded
    raw = []
    taken_to = 0  # the end of a longer name taken in place of a two-character one (其中金徽酒)
    for a, b in matches:
        if a < taken_to or (cleaned.regions and cleaned.skipped(a, b)):
            continue
        if _inside_book_title(text, a):
            continue
        surface = text[a:b]
        entry = lexicon.entries.get(surface)
        longer = _longer_after(text, a, b, lexicon) if entry is not None and b - a == 2 else None
        if longer is not None:
            # 其中金徽酒: 其中 is a word, and the longer name starting at 中金's second character is the one meant
            a, b = a + 1, longer
            surface, entry, taken_to = text[a:b], lexicon.entries.get(text[a:b]), longer
        shorter = lexicon.entries.get(text[a : b - 1]) if b - a > 2 else None
        if (
            entry is not None
            and shorter is not None
            and entry.kind in ("company", "product")
            and shorter.kind in ("company", "product")
            and text[b - 1 : b + 1].translate(_resources.variant_table()) in _resources.common_bigrams()
        ):
            # 京东方面表示: 京东 and 方面, not 京东方 (a name's last character starts a word with the next)
            b, surface, entry = b - 1, text[a : b - 1], shorter
        title = lexicon.entries.get(text[b - 1 : b + 1]) if entry is not None and b - a > 2 else None
        if entry is not None and entry.kind == "source" and title is not None and title.kind == "title":
            # 統計處長某某: the office's last character opens its head's title (處 + 長), which a name follows
            raw.append((a, b - 1, entry, surface))
            raw.append((b - 1, b + 1, title, text[b - 1 : b + 1]))
            continue
        if entry is not None and _LISTING_LABEL.match(text, b):
            continue  # 中通快递（NYSE：ZTO；HKEX：2057）: an exchange named as a listing's label, no subject
        if entry is not None and not _straddled(text, a, b, entry) and not _inside_word(text, a, b):
            raw.append((a, b, entry, surface))
    mentions = _stem_mentions(text, _joined_sources(text, build_mentions(text, raw, lexicon)), lexicon)
    mentions = _with_unknown_companies(text, mentions, cleaned.kept_spans(), lexicon)
    if cleaned.regions:
        mentions = [m for m in mentions if not cleaned.skipped(m.start, m.end)]
    _to_holdings(mentions)
    return mentions


_REGION_REST = 2  # characters of a name after its province or city that stand for it alone (山東某龍 -> 某龍)


def _stem_mentions(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """A company the text names in full, written elsewhere as its name without its industry ending (星宇航空 …
    星宇表示): the stem is that company where it stands as a word of its own (no lexicon name, no general word unless
    it stands twice as a subject, not run into the words around it)."""
    stems: dict[str, Mention] = {}
    words, folded = _resources.common_bigrams(), _resources.variant_table()
    regions = region_prefixes()
    named = {m.name for m in mentions if m.kind in ("company", "product")}
    tried: set[tuple[str, str]] = set()
    for m in mentions:
        if m.kind != "company" or len(m.surface) < 4 or not all(_is_han(ch) for ch in m.surface):
            continue
        # (山東某龍 … 某龍表示: a name without the province or city that opens it, when the rest is two characters,
        # no general word and no industry ending: not 啤酒 of 某地啤酒, 银行 of 某地银行)
        region = next(
            (r for r in regions if m.surface.startswith(r) and len(m.surface) - len(r) == _REGION_REST), ""
        )
        rest = m.surface[len(region) :] if region else ""
        if rest and (rest.translate(folded) in words or without_industry(rest) != rest or is_industry(rest)):
            rest = ""
        for stem in (without_industry(m.surface), rest):
            if len(stem) < 2 or stem == m.surface or stem in lexicon.entries or (stem, m.surface) in tried:
                continue
            tried.add((stem, m.surface))  # (a name written thousands of times is weighed once)
            if stem.translate(folded) in words and not stands_as_subject(text, stem, m.surface, 2):
                continue  # (a stem that is a general word, 通達 of 通達集團: only where it stands as a subject twice)
            if stem in regions or lexicon.companies_opening_with(stem) & (named - {m.name}):
                continue  # (甘肃 is a province before 甘肃银行; 某某 opens two companies' names the text both names)
            stems.setdefault(stem, m)
    if not stems:
        return mentions
    taken = Intervals((m.start, m.end) for m in mentions)
    places = word_set("place_suffix")  # after a stem, the sign it names a place (哈尔滨市)
    extra = []
    for stem, m in stems.items():
        pos = text.find(stem)
        while pos >= 0:
            end = pos + len(stem)
            if (
                not taken.overlaps(pos, end)
                and text[max(0, pos - 1) : pos + 1].translate(folded) not in words
                and text[end - 1 : end + 1].translate(folded) not in words
                and not _inside_word(text, pos, end)
                and text[end : end + 1] not in places
            ):
                extra.append(replace(m, start=pos, end=end, surface=stem))
            pos = text.find(stem, end)
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda x: x.start)


def _to_holdings(mentions: list[Mention]) -> None:
    """A financial unit named with the stem of a holding the text names is the holding's (中信證券 beside 中信金)."""
    companies = [m for m in mentions if m.kind == "company"]
    stems = holding_stems([(m.surface, m.company or m.name) for m in companies])
    if not stems:
        return
    for m in companies:
        owner = holding_unit(m.surface, stems)
        if owner is not None and owner != (m.company or m.name):
            m.company = owner
