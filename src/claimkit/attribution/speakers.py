"""Who asserts a number: reporting cues, data-source cues and quotations.

A *cue* is a subject followed by a reporting verb (``某某则表示``, ``某某预计``,
``Questmobile数据显示``) or a source phrase (``据QuestMobile``, ``根据SNE数据``,
``有媒体统计``). A cue covers the rest of its sentence; a cue right before or after
a quotation covers the quotation. ``财报显示`` and the like are narrator cues:
they name no one, and the claims they cover have no speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cache

import regex

from .. import _resources
from .._spans import Intervals
from .._words import alternation as words_alternation
from .._words import list_links, word_set, words, words_pattern
from ..periods.grammar import scan_periods
from ..quantities.numerals import chars as numeral_chars
from .lexicon import Lexicon
from .mentions import STOCK_CODE, Mention
from .structure import Sentence, Structure, lead_end
from .unknown import body_scopes, firm_suffix, release_verbs, released_figures

# What may stand between a subject and its verb: adverbs and bounded adverbial phrases.
_ADVERBIAL = (
    r"(?:[ ]|[昨今前][（(][0-9０-９]{{1,2}}[）)][日号號]|(?!(?:{verbs})){adverb}"  # (經濟部昨（20）日公布 before the adverb 昨;
    # not a verb's first word: 则首次覆盖)
    r"|(?:于|於)(?=[昨今前](?:[日天]|[（(][0-9０-９]{{1,2}}[）)]))"  # 於昨（20）日發布, 于昨日发布
    r"|在[^，。；！？\n“”]{{1,60}}?(?:上|时|時|中|期间|期間|之际|之際|后|後|里|裡)(?=(?:{verbs}))"
    r"|在[^，。；！？\n“”]{{1,20}}?(?=(?:{verbs}))"  # 在互动平台回复称 (before the next: 在線上法說會表示)
    r"|在[^，。；！？\n“”]{{1,40}}?(?:上|时|時|中|期间|期間|之际|之際|后|後|里|裡)"
    r"|于[^，。；！？\n“”]{{1,30}}?(?:上|时|時|中)|於[^，。；！？\n“”]{{1,30}}?(?:上|时|時|中)"
    r"|接受[^，。；！？\n“”]{{1,30}}?(?:采访|採訪|访问|訪問)[时時]"
    r"|{stance}(?=(?:{verbs}))"  # 某行則較為審慎，預期…: a stance before a comma and the verb (see _stance)
    r"|(?:举行|舉行|召开|召開)[^，。；！？\n“”]{{1,15}}?(?:会|會)(?=(?:{verbs}))"  # 举行新闻发布会介绍
    r"|(?:于|於)?(?:今年|去年|明年)?[0-9０-９一二三四五六七八九十]{{1,2}}月(?:[0-9０-９一二三四五六七八九十]{{1,3}}[日号號])?"
    r"|(?:于|於)?[0-9０-９]{{1,2}}[日号號]"  # 国家统计局14日发布, 某联盟于11月11日公布
    r"|[（(][0-9０-９]{{1,2}}[日号號][）)]"  # 国家统计局今天（16日）发布
    r"|{time_of_day}"
    r"|[^，。；！？\n“”]{{1,15}}?(?:时|時|会上|會上|会议|會議|期间|期間)(?=(?:{verbs}))"
    r"|(?!给出|給出)(?:{addressee})[^，。；！？\n“”]{{1,20}}?(?=(?:{verbs}))"  # (给出: a verb)
    r")*+"
)


@cache
def _adverbial(verbs: frozenset[str]) -> regex.Pattern[str]:
    """The adverbial grammar, with the lexicon's reporting verbs as what it may run up to."""
    # (说 of 法说会, an investor conference, is no verb)
    alternation = words_pattern(v for v in verbs if len(v) > 1 or v in "称稱") + r"|[说說](?![会會])"
    return regex.compile(
        _ADVERBIAL.format(
            verbs=alternation,
            time_of_day=words_alternation("time_of_day"),
            addressee=words_alternation("addressee_prep"),
            adverb=words_alternation("adverb"),
            stance=_stance().pattern,
        )
    )


@cache
def _report_phrase() -> regex.Pattern[str]:
    """A source's report phrase: 发布数据显示, 发布的经销商库存预警指数显示, 发表报告指, 发表报告，"""
    return regex.compile(
        rf"(?:{words_alternation('report_phrase_open')})了?的?(?:[^，,。；;：:！？\n“”]|“[^”\n]{{1,20}}”){{0,32}}?"
        rf"(?:{words_alternation('report_phrase_verb')}|指|(?=[，,：:])|(?<=》)(?=。)"  # 发布《…报告》。: the study
        rf"|(?<={words_alternation('study_noun')})(?=。))"  # (发布年度行业报告。: a study not set off by a title)
    )


_OBJECT_GAP = "[^，,。；;：:！？\n“”]"  # what may stand between 将/把 and its object, in one clause


def _object_of(role: str) -> str:
    """将/把, then within its clause a word of ``role`` (``function_words.tsv``): what the verb acts on."""
    gap = "[^，,。；;：:！？\n“”]"
    return rf"(?:{words_alternation('object_marker')}){gap}{{0,20}}?(?:{words_alternation(role)})"


@cache
def _rating_object() -> regex.Pattern[str]:
    """将/把, the stock (a name, 的), and what a source acts on: 将腾讯目标价, 把拼多多的評級."""
    return regex.compile(_object_of("rating_object"))


@cache
def _guidance_revision() -> regex.Pattern[str]:
    """将, the company's outlook and a verb revising it (将本财年营业利润预期上调至): the company forecasts."""
    return regex.compile(
        _object_of("guidance_object")
        + rf"[^，,。；;：:！？\n“”]{{0,4}}?(?:{words_alternation('revise_verb')})"
    )


@cache
def _account() -> regex.Pattern[str]:
    """A verb of giving an account, 了 or not, its object and a colon (回顾了去年的经营：, 通报去年经营情况：; role
    ``account_verb``)."""
    return regex.compile(rf"(?:{words_alternation('account_verb')})了?[^，,。；;：:！？\n“”]{{1,16}}[：:]")


_OWN_SPEECH = re.compile(r"的(?:回答|[观觀][点點]|看法|[说說]法|回[应應]|[解][释釋]|判[断斷])是")
_LATIN_NAME = re.compile(
    r"[ 　]?[（(][ 　]?[A-Za-z][A-Za-z0-9 .&'-]{0,28}[)）]"
)  # 上海钢联（Mysteel）: a name in Latin letters


@cache
def _narrator() -> regex.Pattern[str]:
    """财报显示, 公告指出: the document itself shows it (no speaker)."""
    return regex.compile(
        rf"(?:{words_alternation('study_pointer')})?"  # 这份报告显示: the study named before
        rf"(?:(?:《(?:{words_alternation('report_noun')})》|(?:{words_alternation('report_noun')}))"
        rf"(?:数据|數據)?(?:{words_alternation('adverb')})?"
        # (年报披露以来: a starting point in time, no report speaking; role ``anchor_after``)
        rf"(?:{words_alternation('report_phrase_verb')})(?!{words_alternation('anchor_after')})"
        # (报告统计，…: a study counts, before a comma; role ``study_verb``)
        rf"|(?:{words_alternation('study_noun')})(?:{words_alternation('adverb')})?(?:{words_alternation('study_verb')})(?=[，,：:]))"
    )  # (财报还显示: an adverb may stand before the verb; 《报告》显示: a report named short, 下称《报告》)


@cache
def _source_follow() -> regex.Pattern[str]:
    """What may follow a source's name before its verb: 的最新发布的数据, 研究团队."""
    # two data nouns may stand together: 监测数据, 统计数据, 调查报告
    return regex.compile(
        rf"(?:的)?(?:最新|初步)?(?:{words_alternation('published_participle')})?"
        rf"(?:\p{{Han}}{{1,6}}?(?:{words_alternation('desk_noun')}))?"  # 某某证券传媒团队维持…: a team named by its beat
        r"(?:《[^《》\n]{1,40}》)?"  # 某协会发布的《…年度统计》显示: the report's title
        # 香港零售管理協會的會員調查顯示: a word or two naming whom the data covers, right before its noun
        rf"(?:(?<=的)\p{{Han}}{{1,3}}?(?=(?:{words_alternation('data_noun')})))?"
        rf"(?:{words_alternation('data_noun')}"
        rf"|{words_alternation('speaker_work')}){{0,2}}"  # 研究团队预估: its team speaks for it
    )


def _dated_follow(text: str, pos: int, limit: int, lexicon: Lexicon) -> regex.Match[str] | None:
    """What follows a source's name before its verb (:func:`_source_follow`), a day or another adverbial
    allowed first (某某國際昨日發出的研報認為)."""
    follow = _source_follow().match(text, pos, limit)
    if follow is None or follow.end() == pos:
        adverbial = _adverbial(lexicon.verb_set()).match(text, pos, limit)
        if adverbial is not None and adverbial.end() > pos:
            dated = _source_follow().match(text, adverbial.end(), limit)
            if dated is not None and dated.end() > adverbial.end():
                return dated
    return follow


@cache
def _source_verb() -> regex.Pattern[str]:
    return regex.compile(_source_follow().pattern + f"(?:{words_alternation('report_phrase_verb')})")


@cache
def _unknown_source() -> re.Pattern[str]:
    """据窄门餐眼数据, 根据某某研究院统计: a source no lexicon holds, after 据 (and a descriptor) and before a data noun (its name
    in Latin letters may stand between: 据某某交易所（XYZ）数据; or whom the data cover: 据协会对26家企业的统计)."""
    data = words_alternation("data_noun")
    shows = words_alternation("report_phrase_verb")
    return re.compile(
        # (据某某品牌监测统计: a data noun right before another is the name's own; not the 据 of 数据由…调研汇总)
        rf"(?<![数數])(?:{words_alternation('according_to')})"
        # (据光通信咨询机构某某统计: a descriptor of the source before its name; role ``source_descriptor``)
        rf"(?:[\u4e00-\u9fff]{{0,8}}?(?:{words_alternation('source_descriptor')}))?"
        rf"(?P<name>{_NAME_RE}{{1,11}}?(?:(?:{data})(?=(?:{data})))?)"
        rf"(?:{_LATIN_NAME.pattern})?"
        # (据协会对26家企业的统计: whom the statistics cover may stand between)
        rf"(?:(?:对|對)[^，,。；;：:！？\n“”]{{1,24}}?的|的)?(?:最新)?"
        rf"(?:{data}|{words_alternation('data_participle')})(?:{shows})?"
    )


@cache
def _unknown_source_counting() -> re.Pattern[str]:
    """根据某某会的养猪头数调查: a source no lexicon holds, 的, what its data count, a data noun (read where
    :func:`_unknown_source` finds nothing)."""
    char = r"(?:(?!的)[\u4e00-\u9fffA-Za-z])"
    return re.compile(
        rf"(?<![数數])(?:{words_alternation('according_to')})(?P<name>{char}{{2,12}}?)的(?:(?!的)[\u4e00-\u9fff]){{1,6}}?"
        rf"(?:{words_alternation('data_noun')})"
    )


@cache
def _self_name() -> regex.Pattern[str]:
    """A would-be source's name that starts with the company in context (公司此前, 该集团)."""
    return regex.compile(company_pronouns())


@cache
def _estimate() -> re.Pattern[str]:
    return re.compile(f"的?(?:{words_alternation('estimate_noun')})")


def _estimate_of(text: str, start: int, end: int) -> tuple[int, str] | None:
    """按照他的测算 / 据某某估算: a person cited for an estimate states the figures of the clause after it."""
    if not text.endswith(words("according_to"), 0, start):
        return None
    m = _estimate().match(text, end)
    return (m.end(), "say") if m is not None else None


@cache
def _subunit() -> re.Pattern[str]:
    """A unit of a source named right after it (锂业分会, 数据中心, 服务业调查中心): part of the source's name."""
    return re.compile(
        f"(?:[\u4e00-\u9fff]{{0,5}}?(?:{words_alternation('source_branch')})(?![长長员員托託会會])|(?:{words_alternation('source_unit')}))"
    )


@cache
def _consensus_link() -> re.Pattern[str]:
    """What joins the market's expectation to the figure it names: 的/为, a qualifier, then a numeral."""
    c = numeral_chars()
    first = re.escape("".join(sorted({*c.digits, *c.units, *c.tens})))
    return re.compile(
        rf"(?:{words_alternation('consensus_link')})[^\s，,。；;：:]{{0,2}}?(?=[0-9０-９{first}])"
    )


@cache
def _consensus() -> re.Pattern[str]:
    """The market as a voice: 市场 + 预期/一致预期/预估 (its expectation of the figures after it)."""
    return re.compile(
        f"(?P<voice>{words_alternation('consensus_voice')})(?:{words_alternation('consensus_verb')})"
    )


@cache
def _data_shows() -> re.Pattern[str]:
    """A data noun and a verb of showing (数据显示): a source may be named right before it (and a day: 某某局28日发布的
    殡葬工作数据显示; what the published data are about, no period, may stand after the participle)."""
    return re.compile(
        rf"(?:[0-9０-９]{{1,2}}[日号號](?=(?:{words_alternation('published_participle')})))?"
        rf"(?:的)?(?:最新)?(?:(?:{words_alternation('published_participle')})(?:(?![年季月度])[\u4e00-\u9fff]){{0,6}}?)?"
        rf"(?:{words_alternation('data_noun')}){{1,2}}(?:{words_alternation('report_phrase_verb')})"
    )


_NAME_RE = r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·&]"
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·&]")
_CLAUSE_OPEN = "，,。；;：:\n“”"
_SUBJECT_MAX = 10  # characters of a source's name at a clause start, before its data noun


_BYLINE_BRACKET = 24  # characters of a dateline's bracket holding its reporter (（记者 某某）)


def _closes_byline(text: str, pos: int, floor: int) -> bool:
    """Whether ``text[pos]`` closes a dateline's bracket naming its writer (…28日电（记者 某某）: role
    ``narrator_noun``)."""
    if text[pos] not in "）)":
        return False
    opening = max(
        text.rfind("（", max(floor, pos - _BYLINE_BRACKET), pos),
        text.rfind("(", max(floor, pos - _BYLINE_BRACKET), pos),
    )
    return opening >= 0 and any(text.find(w, opening, pos) >= 0 for w in words("narrator_noun"))


def _subject_sources(text: str, spans: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """(start, end, name) of 窄门餐眼数据显示 at a clause start: the name is the whole clause head."""
    for a, b in spans:
        for m in _data_shows().finditer(text, a, b):
            k = m.start()
            while k > a and m.start() - k <= _SUBJECT_MAX and _NAME_CHAR.match(text, k - 1):
                k -= 1
            if (
                m.start() - k > _SUBJECT_MAX
                or m.start() - k < 2
                # (新华社上海3月28日电（记者 某某）某某局28日发布的数据显示: a dateline's bracket closes before it)
                or (k > a and text[k - 1] not in _CLAUSE_OPEN and not _closes_byline(text, k - 1, a))
                or text[k : m.start()] in word_set("not_source_head")  # (会上披露的数据显示: at the meeting)
            ):
                continue
            yield k, m.end(), text[k : m.start()]


def _kind_of_data(name: str) -> bool:
    """Whether a source's name is a general word and a data activity (根据路网监测数据, 据行业调查数据: role
    ``data_activity``): what kind of data, no one who gathers it (灯塔数据 is a firm's name)."""
    noun = next((w for w in words("data_activity") if name.endswith(w) and len(name) > len(w)), None)
    head = name[: -len(noun)] if noun is not None else ""
    return len(head) == 2 and head.translate(_resources.variant_table()) in _resources.common_bigrams()


@cache
def _cited_by_body() -> re.Pattern[str]:
    """按某某中心的统计，: a body no lexicon holds (its name ends with role ``body_final``) cited by 按 (role
    ``cite_by``), then 的, a data noun and a comma."""
    return re.compile(
        rf"(?:{words_alternation('cite_by')})(?P<name>[\u4e00-\u9fff]{{2,14}}?(?:{words_alternation('body_final')}))"
        rf"的(?:{words_alternation('data_noun')})(?=[，,])"
    )


@cache
def _learned_from() -> re.Pattern[str]:
    """从某某海关获悉: a public body no lexicon holds after 从 (its name ends with role ``public_body_suffix``), then a
    verb of learning from it (role ``learned_from``)."""
    return re.compile(
        rf"(?:从|從)(?P<name>[\u4e00-\u9fff]{{1,10}}?(?:{words_alternation('public_body_suffix')}))"
        rf"(?:{words_alternation('learned_from')})"
    )


def _learned_sources(text: str, spans: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """(start, end, name) of 从某某海关获悉: the body is the source of what the sentence goes on to say."""
    for a, b in spans:
        for m in _learned_from().finditer(text, a, b):
            yield m.start(), m.end(), m.group("name")


_DATE_WORDS = regex.compile(
    r"[0-9０-９一二三四五六七八九十]{1,4}\s?[年月日号號]|今日|今天|昨日|昨天|日前|近日|[随隨][后後]|[当當][天日]"
)


def company_pronouns() -> str:
    """A pattern of the words standing for the company in context (该公司, bare 公司 and 集团; a demonstrative
    before a kind of firm: 这家矿企, 该车企, role ``demonstrative`` then ``firm_kind``)."""
    kind = rf"(?:{words_alternation('demonstrative')})[\u4e00-\u9fff]{{0,2}}?(?:{words_alternation('firm_kind')})"
    # (not a counted group: 两家公司, 多家公司)
    counted = r"(?<![0-9一二两兩三四五六七八九十多数數几幾]家)"
    return rf"{words_alternation('company_pronoun')}|{kind}|(?<![子分母]){counted}公司|(?<![子])(?:集团|集團)"


@cache
def _pronoun() -> regex.Pattern[str]:
    """他/她, the company in context (该公司, bare 公司 and 集团), the institution named last (该行)."""
    return regex.compile(
        rf"(?:(?<!\p{{Han}})|(?<={words_alternation('according_to')}))(?P<person>[他她])(?![们們])"
        rf"|(?P<person>{words_alternation('person_pronoun')})"  # 该分析师测算: the analyst named last
        rf"|(?P<institution>{words_alternation('institution_pronoun')}"
        # 协会预计 opening a clause: the association named last (bare_institution)
        rf"|(?<=[。！？；，,\n])(?:{words_alternation('bare_institution')}))"
        rf"|{company_pronouns()}"
        # 公告称, 公告又指 (公司…披露的经营数据公告称): the company in context says it (公告显示 is its document: no speaker)
        rf"|(?:{words_alternation('notice_noun')})(?=(?:还|還|又|亦|也)?(?:{words_alternation('notice_verb')}))"
    )


_LATIN_SOURCE = regex.compile(
    # (a name starts where no name character stands before it and its words are read whole: a long run of
    # initials, A.O.A.O…, is tried once, not from every letter)
    r"(?<![A-Za-z0-9&.'\-])([A-Z][A-Za-z0-9&.'\-]*+(?: [A-Z][A-Za-z0-9&.'\-]*+){0,3}+)"
    r"(?=(?:的)?(?:最新)?(?:[数數][据據]|[报報]告|[统統][计計]|[调調]查)(?:[显顯]示|指出|表明|[称稱])"
    r"|(?:[数數][据據]|[统統][计計])?[，,])"
)


_PLACE_MAX = 8  # characters of a place and its verb (在京发布, 在山东寿光发布) after an adverbial, up to a report phrase
_SOURCE_MAX = 12  # characters of what a report draws on before its verb (援引海关数据发布的报告)

_TITLE_TAIL = frozenset('”」』》"的')  # before words that continue a report's name, not a source's


_INSTITUTION_SECTORS = frozenset(["bank", "broker", "insurance", "finance"])
_PRONOUN_REACH = 600  # characters back a pronoun may refer
_BROKER_REACH = 3000  # 该券商 in a note about one broker's report refers to it from far down the page


@dataclass(slots=True)
class Cue:
    """A reporting cue: who speaks from ``start`` (the subject) to ``end`` (after the verb)."""

    start: int
    end: int
    speaker: str | None  # None: the narrator (财报显示)
    kind: str  # say | forecast | data | narrator
    company: str | None = None  # the speaker's company, if known
    scope_end: int = 0  # the cue covers claims up to here
    person: bool = False
    public: bool = False  # a government body or trade association: its figures are not one company's
    pronoun: bool = False  # the company in context as a subject (公司预计)
    turn: bool = False  # a name opening its line before a colon (某某：…): it states the whole line
    analyst: bool = False  # a person whose title makes them an analyst or economist: speaks about others


_CLAUSE_END = re.compile(r"[，：；;。！？\n“”\"]|(?<![0-9])[,:]|[,:](?![0-9])")  # not 1,032.6


def _past_group(text: str, pos: int) -> int:
    """Past a group word at ``pos`` (管理层, 有关负责人: role ``speaker_group``, longest first) that a subject's
    officers speak through, else ``pos``."""
    group = words("speaker_group")
    if not group or not text.startswith(group, pos):  # one C-level test: a group word rarely follows
        return pos
    return pos + len(next(w for w in group if text.startswith(w, pos)))


def _clause_final_verb(
    text: str, m: Mention, structure: Structure, lexicon: Lexicon
) -> tuple[int, str] | None:
    """长城汽车（601633.SH）发布2024年6月产销快报称，…: a subject whose clause ends in a reporting verb."""
    if m.kind not in ("company", "product", "person"):
        return None
    clause = structure.clause_start(m.start, structure.sentence_at(m.start).start)
    if text[clause : m.start].strip(" 　"):
        return None  # not the subject: something stands before it in its clause
    if (
        clause > 0
        and text[clause - 1] in "，,"
        and any(
            lexicon.verbs.get(text[clause - 1 - n : clause - 1]) in ("say", "forecast") for n in (1, 2, 3)
        )
    ):
        return None  # (某行則認為，某某的訂單足以覆蓋…的收入預測: the clause is what the speaker before says)
    stop = _CLAUSE_END.search(text, m.end, min(len(text), m.end + 40))
    if stop is None or structure.clause_end(m.end, stop.start()) < stop.start():
        return None  # (某某中期純利增逾一倍 維持全年收入指引: a headline's halves are two clauses)
    for length in (3, 2, 1):
        kind = lexicon.verbs.get(text[stop.start() - length : stop.start()])
        if kind == "forecast" and _expectation(text, stop.start() - length):
            continue  # 业绩略胜预期: expectations, not a forecast
        if kind == "forecast" and text.endswith(_not_forecasts(), max(0, stop.start() - 8), stop.start()):
            continue  # 延伸到钴、铜等锂电材料，: 料 ending a material's name is no verb
        if kind in ("say", "forecast") and stop.start() - length >= m.end:
            return m.end, kind  # the subject speaks for its clause too (台積電維持…400億美元的預估)
    return None


@cache
def _not_forecasts() -> tuple[str, ...]:
    """Words that end in a forecast verb but are none (材料, 饮料: ``forecast_cues.tsv`` kind ``not``)."""
    return tuple(
        r["word"] for r in _resources.table("forecast_cues.tsv", ("word", "kind")) if r["kind"] == "not"
    )


def _expectation(text: str, pos: int) -> bool:
    """Whether the forecast verb at ``pos`` is the noun of 胜预期, 符合市场预期 (expectations)."""
    return text[max(0, pos - 3) : pos].endswith(words("expectation_before"))


def _verb_at(text: str, pos: int, lexicon: Lexicon) -> tuple[int, str] | None:
    for length in (4, 3, 2, 1):
        kind = lexicon.verbs.get(text[pos : pos + length])
        if kind is not None:
            return pos + length, kind
    return None


def _unpointed(phrase: str) -> str:
    """A study's phrase without the word that points back to it (这份报告显示 -> 报告显示)."""
    pointer = next((w for w in words("study_pointer") if phrase.startswith(w)), "")
    return phrase[len(pointer) :]


@cache
def _stance() -> regex.Pattern[str]:
    """A source's view of a stock set off before what it does (则相对谨慎，; ``function_words.tsv`` roles
    ``adverb``, ``degree`` and ``stance``)."""
    return regex.compile(
        # (某某证券的看法相对谨慎，: its view named first; role ``view_noun``)
        rf"(?:的(?:{words_alternation('view_noun')}))?"
        rf"(?:{words_alternation('adverb')})*(?:{words_alternation('degree')})?(?:{words_alternation('stance')})[，,]"
    )


_ATTRIBUTE_GAP = regex.compile(r"的[\p{Han}A-Za-z0-9]{0,6}")


def _published_by(text: str, cues: list[Cue], pos: int) -> Cue | None:
    """A speaker's cue ending in a verb of publishing that a data phrase at ``pos`` is the object of, set off by
    的 and a few words (某某披露的金融数据显示)."""
    for c in cues:
        if (
            c.speaker is not None
            and c.kind != "narrator"
            and c.end < pos
            and text.endswith(release_verbs(), 0, c.end)
            and _ATTRIBUTE_GAP.fullmatch(text, c.end, pos)
        ):
            return c
    return None


def _after_subject(text: str, pos: int, limit: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """If a reporting verb follows the subject ending at ``pos`` (adverbials allowed), its end and kind."""
    m = _adverbial(lexicon.verb_set()).match(text, pos, limit)
    candidates = [m.end()] if m and m.end() > pos else []
    candidates.append(pos)
    for p in candidates:
        own = _OWN_SPEECH.match(text, p, limit)
        if own:
            return own.end(), "say"
        account = _account().match(text, p, limit)
        if account and not _results_object().search(text, p, account.end()):
            return account.end(), "say"  # 某某首先回顾了去年的经营：… (not 介绍了三季报：, the report's)
        held = _guidance_held().match(text, p, limit)
        if held is not None:
            # 公司同时下调全年指引，预计…: the subject's own outlook, no rating; from its verb on (维持…约2.05亿美元的指引)
            return held.end("verb"), "forecast"
        found = _verb_at(text, p, lexicon)
        if found is not None and found[1] == "forecast" and _expectation(text, p):
            continue  # (某某在…渠道的铺货进度超出预期: expectations, not the subject's forecast)
        if found is not None:
            return found
    return None


@cache
def _guidance_held() -> regex.Pattern[str]:
    """A verb revising or keeping an outlook (role ``revise_verb``, ``hold_verb``), then within its clause the
    outlook ending it (公司同时下调全年指引，…; 公司维持全财年…约2.05亿美元的指引。): its subject forecasts."""
    return regex.compile(
        rf"(?:{words_alternation('adverb')})?(?P<verb>{words_alternation('revise_verb')}|{words_alternation('hold_verb')})了?"
        rf"[^，,。；;：:！？\n“”]{{0,24}}?(?:{words_alternation('guidance_object')})(?=[，,。；;])"
    )


@cache
def _results_object() -> regex.Pattern[str]:
    """A results report as a verb's object, a few words of period between (披露今年半年报)."""
    # (和碩昨日公告，10月自結合併營收…: Taiwan press may set the report off by a comma)
    return regex.compile(
        rf"[了的，,]?[^，,。；;：:！？\n“”\"]{{0,12}}?(?:{words_alternation('results_noun')})"
    )


def _publishes_results(text: str, verb_end: int, limit: int, lead: int) -> bool:
    """Whether the verb ending at ``verb_end`` takes a results report as its object (披露半年报), or is a verb
    of publishing in the lead followed by its period's figures (公告11月營收, 披露，今年1—9月营业总收入: the
    release the text reports on); ``lead``: where the text's lead ends."""
    if (
        _results_object().match(text, verb_end, limit) is not None
        or _noted_results_object().match(text, verb_end, limit) is not None
    ):
        # (set off by a comma only after a verb of publishing: 某某表示，10月合併營收… is the company speaking)
        return text[verb_end : verb_end + 1] not in "，," or text.endswith(release_verbs(), 0, verb_end)
    return (
        verb_end < lead  # (a peer's 同日披露，11月实现… later on is the peer speaking)
        and text.endswith(release_verbs(), 0, verb_end)
        and released_figures().match(text, verb_end, limit) is not None
    )


def _releases_results(text: str, pos: int, limit: int) -> bool:
    """Whether a verb of publishing, a day or time adverbials before it, follows ``pos`` and takes a results
    report as its object (27日晚间发布2019年度业绩公告)."""
    verbs = frozenset(release_verbs())
    m = _adverbial(verbs).match(text, pos, limit)
    p = m.end() if m is not None and m.end() > pos else pos
    verb = next((v for v in verbs if text.startswith(v, p)), None)
    return verb is not None and _noted_results_object().match(text, p + len(verb), limit) is not None


@cache
def _noted_results_object() -> regex.Pattern[str]:
    """A results report as a verb's object, its period with a bracketed note before it (披露的2023财年（截至8月31日）的
    年度业绩)."""
    return regex.compile(
        # (披露了截至9月底的某财年的业绩: a period to a day and its year before the report)
        rf"[了的]?[^，,。；;：:！？\n“”\"（(]{{0,20}}?(?:[（(][^）)\n]{{1,24}}[）)])?"
        rf"(?:{words_alternation('results_noun')})"
    )


@cache
def _platform_data() -> regex.Pattern[str]:
    """A company's own data on its platform or market right after its name (携程数据显示; not 财报显示)."""
    return regex.compile(
        rf"的?(?:{words_alternation('platform_data_noun')})(?:{words_alternation('platform_data_verb')})"
    )


def cited_before() -> tuple[str, ...]:
    """What cites a source right before its name (据, 根据, 按照, 援引: role ``according_to``)."""
    return words("according_to")


def find_cues(
    text: str,
    structure: Structure,
    mentions: list[Mention],
    lexicon: Lexicon,
    company_at,  # type: ignore[no-untyped-def]  # (pos) -> (company, mention) | (None, None)
    spans: list[tuple[int, int]] | None = None,
) -> list[Cue]:
    """Every reporting and source cue in the kept ``spans`` of the text, in text order."""
    spans = spans if spans is not None else [(0, len(text))]
    cues: list[Cue] = []
    lead: int | None = None  # where a generic noun before a named source starts (据研究机构Sensor Tower数据)
    lead_of_text = lead_end(text)
    lead_of_text = len(text) if lead_of_text is None else lead_of_text  # where the text's lead ends
    for i, m in enumerate(mentions):
        sentence = structure.sentence_at(m.start)
        limit = sentence.end
        if m.source is not None and text.endswith(cited_before(), 0, m.start):
            # 另据港交所数据: a company that is also a source, cited, speaks as the source
            m = Mention(m.start, m.end, "source", m.source, None, m.surface, sector=m.source_kind)
        if m.kind == "source":
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if (
                m.generic
                and nxt is not None
                and nxt.kind in ("source", "company")
                and not nxt.generic
                and not text[m.end : nxt.start].strip()
            ):
                lead = m.start  # the named source that follows speaks
                continue
            cue = _source_cue(text, m, limit, lexicon, m.start if lead is None else lead)
            if cue is None and nxt is not None and nxt.kind == "source":
                cue = _joint_cue(text, m, nxt, limit, lexicon)  # 国家统计局和中国物流与采购联合会发布…
            if cue is None and (headline := _headline_colon(text, m, sentence.start, limit)) is not None:
                cue = Cue(m.start, headline, _source_name(m), "say", public=_public(m.sector))  # 乘联会：…
            lead = None
            if cue is not None:
                cues.append(cue)
            continue
        lead = None
        pos = m.end
        if m.kind == "person" and text.startswith(words("honorific"), pos):
            pos += next(len(w) for w in words("honorific") if text.startswith(w, pos))  # 某某先生表示
        if m.kind in ("company", "product"):
            # 中国太平(00966.HK)发布公告称, 上海钢联（Mysteel）数据显示: a code or a Latin name is no gap
            code = STOCK_CODE.match(text, pos, limit) or _LATIN_NAME.match(text, pos, limit)
            if code is not None:
                pos = code.end()
            pos = _past_group(text, pos)
        found = _after_subject(text, pos, limit, lexicon)
        own_results = (
            found is not None
            and m.kind == "company"
            and _publishes_results(text, found[0], limit, lead_of_text)
        )
        if found is None and m.kind == "company":
            # (某某（03833.HK）27日晚间发布2019年度业绩公告，全年…: no reporting verb, a verb of publishing and its
            # results report; 公告 ending the clause does not make the company speak)
            own_results = _releases_results(text, pos, limit)
        if own_results:
            # 中国移动今日披露半年报，…: a results release, the company's own published figures (also of a
            # listed exchange or broker that is a source elsewhere: 港交所昨日公布首三季業績)
            found = None
        if found is None and m.source is not None and not own_results:
            follow = _dated_follow(text, pos, limit, lexicon)  # 摩根士丹利最新报告给予…
            if follow is not None and follow.end() > pos:
                found = _after_subject(text, follow.end(), limit, lexicon)
        analyst = m.kind == "person" and _is_analyst(text, m)
        if found is None and analyst:
            found = _rating_after(text, pos, limit, lexicon)  # 該行分析師某某把目標價從…調高至…
        if found is not None and found[1] == "rating" and m.source is None and not analyst:
            found = None  # 台积电维持…的预估: only a source rates; the clause's own verb may still speak
        if found is None and m.kind == "company" and m.source is None:
            revised = _guidance_revision().match(text, pos, limit)
            if revised is not None:
                found = (
                    pos,
                    "forecast",
                )  # 丰田汽车将本财年营业利润预期上调至…: the words after it name the figure
        if found is None and m.source is not None and not own_results:
            found = _report_after(text, pos, limit, lexicon)  # 花旗发表报告，将目标价…
            if (
                found is not None
                and m.kind == "company"
                and any(text.find(w, pos, found[0]) >= 0 for w in words("results_noun"))
            ):
                found = None  # 港交所（00388）昨日發布首三季業績: its own results, not a source's report
        if found is None and m.kind in ("company", "person"):
            # (某某证券分析师某某发布研报，预计…: a person's report, then what it forecasts)
            note = _BRACKET_NOTE.match(text, pos, limit)  # 途牛旅游网（以下简称“途牛”）9日发布的…
            said = _report_after(text, note.end() if note is not None else pos, limit, lexicon)
            if said is not None and text.endswith(words("report_speech_verb"), 0, said[0]):
                found = (said[0], "say")  # 某某地产发布自愿性公告称: the company says
            elif (
                said is not None
                and m.kind == "company"
                and text.endswith(cited_before(), 0, m.start)
                and not any(text.find(w, pos, said[0]) >= 0 for w in words("results_noun"))
            ):
                # 另据某公司发布的公告，…: the company cited for its report states it (a data cue, below; not
                # 根据某某发布的财报: its own results)
                found = said
            elif said is not None and "《" in text[pos : said[0]]:
                # 某某发布的《…消费报告》显示: a study of its market, the company speaks
                found = (said[0], "say")
            elif said is not None and text[said[0] : said[0] + 1] in ("，", ","):
                then = _verb_at(text, said[0] + 1, lexicon)  # 某某控股昨晚發盈警，預期…: it goes on to say
                if then is not None and then[1] in ("say", "forecast"):
                    found = then
        if found is None and m.source is not None and not own_results:
            stance = _stance().match(
                text, pos, limit
            )  # 华泰证券则相对谨慎，维持“持有”评级: its view, then its act
            if stance is not None:
                found = _after_subject(text, stance.end(), limit, lexicon) or _rating_after(
                    text, stance.end(), limit, lexicon
                )
        if found is None and m.source is not None and (rated := _rating_of().match(text, pos, limit)):
            found = (rated.end(), "rating")  # 广发证券的评级同样为“买入”，目标价定在28.6元
        if found is None and m.source is not None:
            found = _rating_after(text, pos, limit, lexicon)  # 花旗将腾讯目标价上调至…
            follow = _source_follow().match(text, pos, limit)
            if found is None and follow is not None and follow.end() > pos:
                found = _rating_after(text, follow.end(), limit, lexicon)  # 摩根大通最新报告将其目标价…
        turn = False
        if found is None and (headline := _headline_colon(text, m, sentence.start, limit)) is not None:
            found = (headline, "say")  # 中金：维持…评级，目标价…: a headline's speaker before its colon
            turn = True  # (an interview's answer, 某某：截至6月末…。下半年…: the whole turn)
        if found is None and m.kind == "person":
            found = _estimate_of(text, m.start, m.end)  # 据某某测算，…
        if found is None and m.kind == "person":
            colon = _COLON_QUOTE.match(text, m.end, limit)
            if colon is not None:
                found = (colon.end() - 1, "say")  # 首席执行官某某：“…”: a live blog's speaker, no verb
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        officer = nxt is not None and nxt.kind == "person" and nxt.title_start is not None
        if (
            found is None
            and not own_results
            and not (officer and nxt is not None and nxt.start - m.end <= 20)
        ):
            # (美的集团副总裁兼国际业务总裁某某表示: the officer named after the company speaks)
            found = _clause_final_verb(text, m, structure, lexicon)
        if found is None:
            continue
        end, kind = found
        if (
            kind == "data"
            and m.kind in ("company", "product")
            and m.source is None  # (中金公司数据显示, 上海钢联（Mysteel）数据显示: a cited source, below)
            and _platform_data().match(text, pos, limit)
        ):
            # 携程数据显示，国内酒店预订量…: a platform's data on its market, the company as written speaks
            cues.append(Cue(m.start, end, m.surface or m.name, "data", m.company or m.name))
            continue
        if (
            kind == "data"
            and m.kind == "company"
            and m.source is None
            and text.endswith(cited_before(), 0, m.start)
            and not own_results
        ):
            # 另据某公司日前公布的数据，…: a company cited for its data states it
            cues.append(Cue(m.start, end, m.company or m.name, "data", m.company or m.name))
            continue
        if (
            kind in ("data", "rating")
            and m.kind != "source"
            and m.source is None
            and not (kind == "rating" and analyst)
        ):
            continue  # 腾讯统计 is rare; 财报显示 is a narrator cue (a broker's analyst rates)
        if m.kind == "person" and _is_narrator(text, m):
            continue  # 本报记者某某报道：…, an interview's 记者：…: the text's writer is the narrator
        start = m.title_start if m.title_start is not None else m.start
        prev = mentions[i - 1] if i > 0 else None
        if (
            m.kind == "person"
            and prev is not None
            and prev.kind in ("company", "product")
            and 0 <= start - prev.end <= 12
            and not _CLAUSE_END.search(text, prev.end, start)
        ):
            start = prev.start  # 美的集团副总裁兼国际业务总裁某某: the subject starts with the company
        if m.kind == "person":
            cues.append(_person_cue(text, start, end, m, kind, turn))
        elif m.source is not None:  # 花旗预计: a broker speaks as a source; 港交所数据显示: a public one
            cues.append(Cue(start, end, m.source, kind, public=_public(m.source_kind)))
        else:
            cues.append(Cue(start, end, m.company or m.name, kind, m.company or m.name))
    # pronouns: 他/她 -> the last person named; 公司/集团/管理层 -> the company in context
    starts = [m.start for m in mentions]
    pending: list[tuple[int, int, str, Mention | None, bool]] = []
    for pm in _scan(_pronoun(), text, spans):
        sentence = structure.sentence_at(pm.start())
        # 该公司相关负责人介绍: the company's officer speaks for it
        after = pm.end() if pm.group("person") else _past_group(text, pm.end())
        found = _after_subject(text, after, sentence.end, lexicon)
        if pm.group("institution"):
            shows = _source_verb().match(text, pm.end(), sentence.end)
            if shows is not None and (found is None or shows.end() > found[0]):
                found = (shows.end(), "data")  # 该协会公布的统计数据显示: the whole phrase, not 公布 alone
        if found is None and pm.group("institution"):
            found = _rating_after(text, pm.end(), sentence.end, lexicon)  # 该券商将公司盈利预测下调至…
        if found is None and pm.group("institution"):
            found = _report_after(text, pm.end(), sentence.end, lexicon)  # 协会当天发布的…年度数据显示
        if (
            found is None
            and pm.group("institution")
            and (rated := _rating_of().match(text, pm.end(), sentence.end))
        ):
            found = (rated.end(), "rating")  # 该行的评级仍是“买入”，目标价由…; 该行的盈利预测显示，…
        if found is None and pm.group("institution"):
            follow = _source_follow().match(text, pm.end(), sentence.end)  # 该协会数据还显示
            if follow is not None and follow.end() > pm.end():
                found = _after_subject(text, follow.end(), sentence.end, lexicon)
        if found is None and pm.group("person"):
            found = _estimate_of(text, pm.start(), pm.end())  # 按照他的测算，…
        if found is None or (
            found[1] == "data"
            and not pm.group("institution")
            and not pm.group("person")  # (他测算, 该分析师测算: a person's estimate)
            and not text.endswith(words("according_to"), 0, pm.start())
        ):
            # 公司数据显示 is the company's own document; 该协会数据显示 is the body's; 据公司统计 cites the
            # company in context as the source of its statistics
            continue
        if found[1] == "rating" and not pm.group("institution"):
            continue
        if (
            not pm.group("person")
            and not pm.group("institution")
            and _releases_results(text, after, sentence.end)
        ):
            continue  # 公司日前公告第1季財報，…: the company's own results release, stated by the narrator
        end, kind = found
        if pm.group("person"):
            person = _last_before(
                mentions, starts, pm.start(), lambda m: _is_person(m) and not _is_narrator(text, m)
            )  # (not the reporter of the dateline: 新华社记者某某…。“…”他说 is the official quoted)
            if person is None:
                continue
            cues.append(_person_cue(text, pm.start(), end, person, kind))
        elif pm.group("institution"):
            broker = any(w in pm.group("institution") for w in words("broker_noun"))
            subject, _ = company_at(pm.start()) if broker else (None, None)
            obj = _named_at(mentions, starts, end)  # 该行预计某某银行…: the bank named is no 该行
            spoke = {c.start for c in cues}
            # 该协会 names its kind: the association named before, ahead of any other institution
            association = pm.group()[1:] in word_set("bare_institution")
            named: Mention | None
            opening = (
                _last_before(mentions, starts, pm.start(), _is_broker, pm.start() - sentence.start)
                if broker
                else None
            )
            if opening is not None and opening.start == sentence.start:
                named = opening  # 某某证券的看法相对谨慎，该券商认为…: the broker opening the sentence
            elif broker:
                # 该券商: the broker whose note the text reads, however far back; not a broker the text
                # is about (东吴证券分析师认为华泰证券…。该券商研报预计…: 东吴证券)
                named = _last_before(
                    mentions,
                    starts,
                    pm.start(),
                    lambda m, subject=subject: _is_broker(m) and m.company != subject,
                    _BROKER_REACH,
                ) or _last_before(mentions, starts, pm.start(), _is_broker, _BROKER_REACH)
            elif pm.group() in word_set("bare_institution"):
                named = _last_before(mentions, starts, pm.start(), _is_association)
            else:
                named = (
                    (_last_before(mentions, starts, pm.start(), _is_association) if association else None)
                    or (
                        _last_before(
                            mentions,
                            starts,
                            pm.start(),
                            lambda m, obj=obj: _rates(m) and _key(m) != obj,
                            _BROKER_REACH,
                        )
                        if kind == "rating" or _rated_after().match(text, end)
                        else None
                    )  # 該行維持「買入」評級, 該行重申「持有」評級: a rating act is a broker's, not the company it covers
                    or _generic_institution(text, mentions, starts, pm.start(), obj, spoke, sentence.start)
                )
            if not broker:
                # 据该机构统计: the institution named last, or a source no lexicon holds named after it
                # (浩华管理顾问公司发布的报告显示…。据该机构统计…): decided once those are read, below; an
                # association that 该协会 chose wins over a source cited since
                bare = pm.group() in word_set("bare_institution")  # 协会数据显示: the association, as 该协会
                kinded = (association or bare) and named is not None and _is_association(named)
                pending.append((pm.start(), end, kind, named, kinded))
                continue
            if named is None:
                continue
            if named.kind == "source" or named.source is not None:
                cues.append(
                    Cue(
                        pm.start(),
                        end,
                        named.source or _source_name(named),
                        kind,
                        public=_public(named.sector),
                    )
                )
            else:
                cues.append(
                    Cue(pm.start(), end, named.company or named.name, kind, named.company or named.name)
                )
        else:
            if text.endswith(cited_before(), 0, pm.start()) and _own_report_after().match(text, end):
                continue  # 根据公司此前披露的年报，…: the company's own report, read by the narrator
            company, _ = company_at(pm.start())
            if company is None:
                continue
            cues.append(Cue(pm.start(), end, company, kind, company, pronoun=True))
    taken = Intervals((c.start, c.end) for c in cues)
    cited: set[str] = set()
    for lm in _scan(_LATIN_SOURCE, text, spans):
        name = lm.group(1).strip()
        if taken.overlaps(lm.start(), lm.start() + 1) or len(name) < 2:
            continue
        known = lexicon.entries.get(name)
        if known is not None and known.kind in ("company", "product", "person"):
            continue
        end = lm.end(1)
        before = text[max(0, lm.start() - 2) : lm.start()]
        follows = _source_verb().match(text, end, min(len(text), end + 12))
        citing = next((w for w in cited_before() if before.endswith(w)), "")
        if follows or citing:
            cited.add(name)
            cues.append(
                Cue(
                    lm.start() - len(citing),
                    follows.end() if follows else end,
                    name,
                    "data",
                )
            )
    if cited:
        # 据某某Research统计，…。某某Research预计，…: a source the text cited by a Latin name speaks when named again
        taken = Intervals((c.start, c.end) for c in cues)
        again = regex.compile(
            "(?<![A-Za-z])(?:"
            + "|".join(map(regex.escape, sorted(cited, key=len, reverse=True)))
            + ")(?![A-Za-z])"
        )
        for am in _scan(again, text, spans):
            if taken.overlaps(am.start(), am.end()):
                continue
            said = _after_subject(text, am.end(), structure.sentence_at(am.start()).end, lexicon)
            if said is not None and said[1] in ("say", "forecast"):
                cues.append(Cue(am.start(), said[0], am.group(), said[1]))
    taken = Intervals([*((c.start, c.end) for c in cues), *((a, b) for a, b, _, _, _ in pending)])
    generic = word_set("generic_source")
    unknown = [
        (m.start(), m.end(), _data_firm_name(text, m), False) for m in _scan(_unknown_source(), text, spans)
    ]
    counting = [
        (m.start(), m.end(), m.group("name"), False)
        for m in _scan(_unknown_source_counting(), text, spans)
        if m.group("name").endswith(words("body_final"))
    ]  # (根据某某委會的养猪头数调查: the body, then what it counts; 据波羅的海交易所數據 is one name)
    if counting:
        read = Intervals((a, b) for a, b, _, _ in counting)
        unknown = [u for u in unknown if not read.overlaps(u[0], u[1])] + counting
    unknown += [(a, b, name, True) for a, b, name in _subject_sources(text, spans)]
    unknown += [(a, b, name, False) for a, b, name in _learned_sources(text, spans)]
    unknown += [(m.start(), m.end(), m.group("name"), False) for m in _scan(_cited_by_body(), text, spans)]
    for a, b, name, subject in sorted(unknown):
        if not subject and taken.overlaps(a, b):
            inner = _short_source_inside(text, a, b, name, cues)
            if inner is not None:
                cues.remove(inner)  # 据博亚和讯统计: a longer name no list holds ends with a short source's
                taken = Intervals([*((c.start, c.end) for c in cues), *((x, y) for x, y, _, _, _ in pending)])
        if taken.overlaps(a, b) or name in generic or name in lexicon.entries or _kind_of_data(name):
            continue
        adverb = next((w for w in words("adverb") if name.endswith(w) and len(name) > len(w)), None)
        if adverb is not None and name[: -len(adverb)] in word_set("bare_institution"):
            name = name[: -len(adverb)]  # 协会同时发布的报告指出: the association, then an adverb
        kind_word = next((w for w in words("bare_institution") if name.startswith(w)), None)
        if kind_word is not None and name[len(kind_word) :].startswith(words("another_set")):
            name = kind_word  # 协会另一组统计数据显示: the association again, another of its data sets
        if any(ch.isdigit() for ch in name) or _names_known(name, lexicon):
            continue  # 根据某某控股15日发布的财报: a company's own report, dated
        source = _source_prefix(name, lexicon)
        if source is not None:
            name = source  # 商务部重点零售企业监测显示: the body named first, then whom its data cover
        if _self_name().match(name):
            continue  # 根据公司此前发布的规划: the company in context's own document, no source
        if name.startswith(words("narrator_noun")):
            continue  # 据记者不完全统计: the text's writer counts, no source
        if name in word_set("study_pointer"):
            continue  # 这份报告显示: the study named before (a narrator's cue, below), no source named 这份
        core = name[: -len(suffix)] if (suffix := firm_suffix(name)) else name
        if subject and (
            scan_periods(name) or any(w in core for w in (*generic, *words("report_phrase_open")))
        ):
            continue  # 今年以来数据显示, 行业数据显示, 某公司公布数据显示: no source named
        if subject and a > 0 and text[a - 1] in _TITLE_TAIL:
            continue  # 某联合会发布的“某某500强”调研分析报告显示: the rest of the report's title, no source
        if name in word_set("bare_institution") or name in word_set("institution_pronoun"):
            # 据协会统计, 据该协会掌握的数据: the association named before
            body = _last_before(mentions, starts, a, _is_association)
            if body is not None:
                cues.append(Cue(a, b, body.source or _source_name(body), "data", public=True))
            continue
        cues.append(Cue(a, b, name, "data", public=name.endswith(words("public_body_suffix"))))
    cues.extend(_institution_cues(pending, cues))
    taken = Intervals((c.start, c.end) for c in cues)
    for cm in _scan(_consensus(), text, spans):
        if taken.overlaps(cm.start(), cm.end()):
            continue
        before = text[cm.start() - 1 : cm.start()]
        scope = 0
        if before in word_set("consensus_compare"):
            link = _consensus_link().match(text, cm.end())  # 低于市场预期的1,100亿元: that figure only
            if link is None:
                continue  # 较市场一致预期高约5%: the gap is the narrator's
            scope = link.end() + 1
        elif before and before not in word_set("consensus_open") and not _CLAUSE_END.match(before):
            continue  # 国内市场预计…: a market named, not the market's voice
        cues.append(Cue(cm.start(), cm.end(), cm.group("voice"), "forecast", scope_end=scope))
    cues.extend(_possessive_cues(text, structure, cues, lexicon, spans))
    cues.extend(_units_again(text, structure, cues, lexicon))
    taken = Intervals((c.start, c.end) for c in cues)
    narrators = []
    reports = sorted((c for c in cues if _source_report(text, c)), key=lambda c: c.start)
    report_starts = [c.start for c in reports]
    voices: dict[str | None, list[int]] = {}  # where each speaker spoke, in order
    for c in sorted(cues, key=lambda c: c.start):
        voices.setdefault(c.speaker, []).append(c.start)
    # an institution's own words (该机构预计): its report may be cited after them in the sentence
    institutions = sorted(
        (
            c
            for c in cues
            if c.speaker is not None
            and not c.person
            and c.company is None
            and c.kind in ("say", "forecast", "rating")
        ),
        key=lambda c: c.start,
    )
    institution_starts = [c.start for c in institutions]
    for nm in _scan(_narrator(), text, spans):
        if taken.overlaps(nm.start(), nm.end()):
            continue  # IDC的报告显示: the source's cue already covers it
        k = bisect_left(report_starts, nm.start()) - 1
        noun = next(
            (w for w in words("report_noun") if _unpointed(nm.group()).lstrip("《").startswith(w)), ""
        )
        if (
            k >= 0
            # (…发布的《中国某产业年报2022》显示…。年报还显示: the noun of the study's title, named before)
            and (
                noun.startswith(words("study_noun"))
                or (len(noun) > 1 and text.find(noun, reports[k].start, reports[k].end) >= 0)
            )
            and _at_clause_start(text, nm.start())
            and _lines_between(text, _last_voice(voices, reports[k], nm.start()), nm.start()) <= _STUDY_REACH
        ):
            # IDC发布的季度报告显示…。报告还显示…: the study named before, its source speaks again
            c = reports[k]
            narrators.append(Cue(nm.start(), nm.end(), c.speaker, "data", public=c.public))
            continue
        j = bisect_left(institution_starts, nm.start()) - 1
        voice = institutions[j] if j >= 0 else None
        if (
            voice is not None
            and voice.start >= structure.sentence_at(nm.start()).start
            and noun.startswith(words("study_noun"))
            and _at_clause_start(text, nm.start())
        ):
            # 该机构预计…；报告指出，…: an institution's forecast, then its report in the same sentence
            narrators.append(Cue(nm.start(), nm.end(), voice.speaker, "data", public=voice.public))
            continue
        publisher = _published_by(text, cues, nm.start())
        if publisher is not None and publisher.company is None:
            # 中国人民银行13日晚间披露的金融数据显示: the data the source published, its own cue (公司此前披露的年报显示:
            # a company's own report, the narrator's cue)
            narrators.append(
                Cue(publisher.start, nm.end(), publisher.speaker, "data", public=publisher.public)
            )
            continue
        narrators.append(Cue(nm.start(), nm.end(), None, "narrator"))
    cues.extend(narrators)
    cues.sort(key=lambda c: (c.start, -c.end))
    kept: list[Cue] = []
    for c in cues:
        if c.kind == "rating" and (
            (
                (text.startswith("的", c.end) or "的" in text[c.start : c.end])
                and _computed(text, structure.sentence_at(c.start))
            )
            or text.endswith(words("computed_basis"), max(0, c.start - 2), c.start)
        ):
            # 按某证券给出的目标价计算，仍有约25%的上涨空间, 按某证券的目标价，股价距目标尚有约17%的空间: the
            # narrator's computation on the broker's price
            continue
        if kept and kept[-1].start <= c.start < kept[-1].end and kept[-1].speaker is not None:
            # nested subjects: a person speaks over a company or source around or inside it
            # (美团首席财务官陈少晖在…上说; 王宁在接受21世纪经济报道记者采访时表示)
            if c.person and not kept[-1].person:
                c.start = kept[-1].start  # the subject starts with the company: 美团首席财务官陈少晖
                kept[-1] = c
            continue
        if c.pronoun and kept and kept[-1].person and structure.sentence_at(kept[-1].start).end > c.start:
            continue  # 首席财务官某某表示，公司预计…: the company's plan is in the officer's words
        kept.append(c)
    for c in kept:
        if c.turn and not c.scope_end:
            line = text.find("\n", c.end)
            c.scope_end = len(text) if line < 0 else line
        c.scope_end = c.scope_end or structure.sentence_at(c.start).end
    parts = _part_cues(text, structure, kept, mentions)
    return sorted(kept + parts, key=lambda c: (c.start, -c.end)) if parts else kept


_PART_SUBJECT = 2  # characters between a part's lead and a company it names (其中，某某…)


def _part_cues(text: str, structure: Structure, cues: list[Cue], mentions: list[Mention]) -> list[Cue]:
    """A sentence opening with 其中 (role ``part_lead``) or 单看 (``single_lead``) right after one whose figures a source's data state
    (…发布的统计表明，…。其中，半钢胎产量…) breaks those figures down: the source states it too (not one that names a
    company right after its lead: 其中，某某上半年实现收入…)."""
    out: list[Cue] = []
    named = sorted(m.start for m in mentions if m.kind in ("company", "product"))
    last: dict[int, Cue] = {}  # each sentence's last cue
    for c in cues:
        last[structure.sentence_index(c.start)] = c
    for k, c in last.items():
        if c.kind != "data" or c.speaker is None or k + 1 >= len(structure.sentences) or k + 1 in last:
            continue  # (the next sentence naming its own voice keeps it)
        sentence, after = structure.sentences[k], structure.sentences[k + 1]
        # (or 单看: role ``single_lead``, 单看11月，当月进口…: one period of those figures)
        lead = next(
            (w for w in (*words("part_lead"), *words("single_lead")) if text.startswith(w, after.start)), None
        )
        if lead is None or c.scope_end < sentence.end or "\n" in text[sentence.end : after.start]:
            continue
        if text.startswith(cited_before(), c.start) or text.endswith(cited_before(), 0, c.start):
            continue  # (据海关统计，…。其中，…: a citation covers its own sentence, the part is the narrator's)
        k_named = bisect_left(named, after.start)
        if k_named < len(named) and named[k_named] <= after.start + len(lead) + _PART_SUBJECT:
            continue
        out.append(replace(c, start=after.start, end=after.start + len(lead), scope_end=after.end))
    return out


# lines of text between a source's study (or its last word) and a later 报告显示 that still means it
_STUDY_REACH = 2


def _last_voice(voices: dict[str | None, list[int]], report: Cue, pos: int) -> int:
    """Where the source of ``report`` last spoke before ``pos`` (IDC…报告显示。…IDC同时预计…。报告还显示…);
    ``voices``: each speaker's cue starts, in order."""
    starts = voices.get(report.speaker, [])
    k = bisect_left(starts, pos) - 1
    return max(starts[k], report.start) if k >= 0 else report.start


def _lines_between(text: str, a: int, b: int) -> int:
    """Line breaks between ``a`` and ``b`` that end a line of text (blank lines between paragraphs do not count),
    counted up to one more than :data:`_STUDY_REACH` (the cost stays bounded however far ``a`` is)."""
    found, line_start = 0, a
    while found <= _STUDY_REACH:
        k = text.find("\n", line_start, b)
        if k < 0:
            break
        if text[line_start:k].strip():
            found += 1
        line_start = k + 1
    return found


def _source_report(text: str, c: Cue) -> bool:
    """Whether cue ``c`` is a source's study or data (某机构发布的报告显示, IDC数据显示), not a company's own report."""
    return (
        c.speaker is not None
        and c.company is None
        and not c.person
        and (
            any(text.find(w, c.start, c.end) >= 0 for w in (*words("study_noun"), *words("data_noun")))
            or text.find("《", c.start, c.end) >= 0  # (某协会发布的《中国某产业年报》显示: a work's title)
        )
    )


_SHORT_SOURCE = 2  # characters of a source's name that a longer name no list holds may end with (和讯)


def _short_source_inside(text: str, a: int, b: int, name: str, cues: list[Cue]) -> Cue | None:
    """The cue of a short known source (two characters) that the name of a source cited at ``[a, b)`` ends with,
    two or more characters of it before, none a scope (据博亚和讯统计: 博亚和讯, not 和讯; 据中国某某统计 keeps 中国某某)."""
    at = text.find(name, a, b)
    if at < 0:
        return None
    found = [c for c in cues if c.start < b and a < c.end]
    if len(found) != 1 or found[0].speaker is None:
        return None
    c, said = found[0], found[0].speaker or ""
    head = c.start - at
    if (
        not name.endswith(said)
        or len(said) > _SHORT_SOURCE
        or head < 2
        or head != len(name) - len(said)
        or name.startswith(body_scopes())
    ):
        return None
    return c


@cache
def _own_report_after() -> re.Pattern[str]:
    """的 and a results report right after a verb of publishing (…披露的年报): the publisher's own report."""
    return re.compile(rf"的(?:{words_alternation('results_noun')})")


def _computed(text: str, sentence: Sentence) -> bool:
    """Whether the sentence computes its figures (以此计算, 按…计算: role ``computed``)."""
    return any(text.find(w, sentence.start, sentence.end) >= 0 for w in words("computed"))


def _at_clause_start(text: str, pos: int) -> bool:
    return pos == 0 or _CLAUSE_END.match(text, pos - 1) is not None


def _possessive_cues(
    text: str, structure: Structure, cues: list[Cue], lexicon: Lexicon, spans: list[tuple[int, int]]
) -> list[Cue]:
    """其研报预计 / 其预计 opening a clause: the speaker named last before it in its paragraph speaks again
    (华创证券分析师某某认为…。其研报预计…)."""
    named = sorted((c for c in cues if c.speaker is not None and c.kind != "narrator"), key=lambda c: c.start)
    starts = [c.start for c in named]
    out = []
    for pm in _scan(_possessive(), text, spans):
        if pm.start() > 0 and not _CLAUSE_END.match(text, pm.start() - 1):
            continue  # 其中, 尤其: not a clause's subject
        sentence = structure.sentence_at(pm.start())
        found = _after_subject(text, pm.end(), sentence.end, lexicon)
        if found is None or found[1] == "data":
            continue
        k = bisect_left(starts, pm.start()) - 1
        if k < 0 or structure.sentence_at(named[k].start).paragraph != sentence.paragraph:
            continue
        c = named[k]
        out.append(
            Cue(
                pm.start(),
                found[0],
                c.speaker,
                found[1],
                c.company,
                person=c.person,
                public=c.public,
                analyst=c.analyst,
            )
        )
    return out


@cache
def _possessive() -> re.Pattern[str]:
    """其 and what it owns as a speaker (其研报, 其团队), or an institution's pronoun and what it gives (该行给出的):
    the speaker named before."""
    return re.compile(
        f"(?:{words_alternation('possessive_pronoun')})(?:{words_alternation('speaker_work')})?"
        # (该行给出的盈利预测为：…: what an institution named before gives)
        f"|(?:{words_alternation('institution_pronoun')})(?:{words_alternation('give_verb')})的"
        f"(?:{words_alternation('forecast_of')})?"  # (盈利预测: what the forecast is of)
    )


def _scan(pattern: regex.Pattern[str], text: str, spans: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    for a, b in spans:
        yield from pattern.finditer(text, a, b)


@cache
def _qualified_lead() -> regex.Pattern[str]:
    """A citing word and a word or two qualifying the generic noun after it (据市场研究机构…)."""
    return regex.compile(rf"(?:{words_alternation('according_to')})(\p{{Han}}{{1,4}})$")


_LATIN_AFTER_GENERIC = re.compile(
    r"\s?([A-Z][A-Za-z0-9&.-]{1,15})(?![A-Za-z0-9])"
)  # 数据机构ABC: the source's name


def _source_cue(text: str, m: Mention, limit: int, lexicon: Lexicon, lead: int) -> Cue | None:
    """The cue of source ``m``; ``lead`` is where its noun phrase starts (a generic noun before it)."""
    if lead != m.start:  # 据市场研究机构Canalys数据: a word or two may qualify the generic noun
        qualified = _qualified_lead().search(text, max(0, lead - 7), lead)
        lead = qualified.start(1) if qualified is not None else lead
    before = text[max(0, lead - 3) : lead]
    speaker = _source_name(m)
    cited = next((w for w in cited_before() if before.endswith(w)), None)
    start: int | None = lead - len(cited) if cited is not None else None
    unit = _subunit().match(text, m.end, limit)  # 中国有色金属工业协会锂业分会, 文化和旅游部数据中心
    if unit is not None and _verb_at(text, m.end, lexicon) is not None:
        unit = None  # (某某证券认为公司…: a verb, then what is said; no unit's name ending in 司)
    if unit is not None:
        # (某协会下属硅业分会: the word of belonging is no part of the name)
        branch = unit.group()
        speaker += branch[len(next((w for w in words("belonging") if branch.startswith(w)), "")) :]
    name_end = unit.end() if unit is not None else m.end
    if m.generic and (latin := _LATIN_AFTER_GENERIC.match(text, name_end, limit)) is not None:
        speaker, name_end = (
            latin.group(1),
            latin.end(),
        )  # 据酒店数据机构ABC统计: the kind, then its name in letters
    note = _BRACKET_NOTE.match(text, name_end, limit)  # 中国汽车工业协会（以下简称“中汽协”）10日发布…
    end = note.end() if note is not None else name_end
    end = _past_group(text, end)  # 某某局有关负责人表示: the body's officer speaks for it
    found = _after_subject(text, end, limit, lexicon)  # 媒体统计, QuestMobile显示
    follow = _dated_follow(text, end, limit, lexicon)
    pos = follow.end() if follow else end
    if found is None:
        found = _after_subject(text, pos, limit, lexicon)  # SNE数据显示
    shows = _source_verb().match(text, end, limit)  # 农业农村部监测数据显示: the whole phrase, not 监测 alone
    if shows is not None and found is not None and found[1] == "data" and shows.end() > found[0]:
        found = (shows.end(), "data")
    report = _report_after(text, end, limit, lexicon)  # 乘联会12月8日发布数据显示
    if report is not None and (found is None or (found[1] == "data" and report[0] > found[0])):
        found = report  # 国家统计局公布的数据显示: the whole report phrase, not 公布 alone
    if found is None:
        found = _rating_after(text, end, limit, lexicon)  # 里昂将拼多多目标价…
    public = _public(m.sector)
    if found is None and m.sector == "broker" and (rated := _rating_of().match(text, end, limit)):
        found = (rated.end(), "rating")  # 广发证券的评级同样为“买入”，目标价定在28.6元
    if found is None and before.endswith(("从", "從")) and (viewed := _viewed_data().match(text, end, limit)):
        return Cue(lead - 1, viewed.end(), speaker, "data", public=public)  # 从海关总署的统计看，…
    by = next((w for w in words("cite_by") if before.endswith(w)), "")
    if found is None and by and (viewed := _by_data().match(text, end, limit)):
        return Cue(lead - len(by), viewed.end(), speaker, "data", public=public)  # 按某某Choice的统计，…
    if found is not None:
        return Cue(start if start is not None else m.start, found[0], speaker, found[1], public=public)
    if start is not None:
        return Cue(start, pos, speaker, "data", public=public)
    return None


@cache
def _rating_of() -> regex.Pattern[str]:
    """A broker's rating act as a noun after its name (的评级, 的目标价: role ``rating_object``)."""
    return regex.compile(rf"的(?:{words_alternation('rating_object')})")


@cache
def _by_data() -> regex.Pattern[str]:
    """A source's data set off by a comma after its name, the name cited by 按 (按某某的统计，: role ``cite_by``)."""
    data, scope = words_alternation("data_noun"), words_alternation("data_scope")
    # (按某某的口径，…: the scope its data are counted on)
    return regex.compile(
        rf"的?(?:(?:{data}){{1,2}}(?:{scope})?|(?:{scope}))(?:{words_alternation('topic_look')})?[，,]"
    )


@cache
def _viewed_data() -> regex.Pattern[str]:
    """A source's data as a topic frame after its name (从海关总署的统计看: roles ``data_noun``, ``topic_look``)."""
    return regex.compile(
        rf"的?(?:{words_alternation('data_noun')}){{1,2}}(?:{words_alternation('topic_look')})[，,]"
    )


def _joint_cue(text: str, m: Mention, nxt: Mention, limit: int, lexicon: Lexicon) -> Cue | None:
    """Two sources joined by a coordinator that release the figures together: the first named speaks."""
    unit = _subunit().match(text, m.end, nxt.start)
    name_end = unit.end() if unit is not None else m.end
    if text[name_end : nxt.start] not in list_links():
        return None
    second = _source_cue(text, nxt, limit, lexicon, nxt.start)
    if second is None:
        return None
    name = _source_name(m) + (unit.group() if unit is not None else "")
    return Cue(m.start, second.end, name, second.kind, public=_public(m.sector))


def _source_prefix(name: str, lexicon: Lexicon) -> str | None:
    """The source a name opens with, when more words follow it (商务部重点零售企业: 商务部)."""
    for k in range(len(name) - 2, 1, -1):
        entry = lexicon.entries.get(name[:k])
        if entry is not None and entry.kind == "source":
            # (灯塔数据: a name written with its data noun stays as written)
            return None if name[k:].startswith(("数据", "數據")) else entry.canonical
    return None


def _names_known(name: str, lexicon: Lexicon) -> bool:
    """Whether a company's, product's or person's name of two or more characters is inside ``name``
    (a source's is not: 海口海关 holds 海关 and is a body of its own)."""
    n = len(name)
    for i in range(n):
        for j in range(i + 2, min(n, i + 10) + 1):
            entry = lexicon.entries.get(name[i:j])
            if entry is not None and entry.kind not in ("source", "title") and not entry.weak:
                return True  # (a title is no name: 某某管理顾问公司; nor a weak alias: 拓普 in 拓普数据)
    return False


@cache
def _report_open() -> regex.Pattern[str]:
    """The verb that opens a source's report phrase (发布, 公布: ``report_phrase_open``)."""
    return regex.compile(f"(?:{words_alternation('report_phrase_open')})")


def _report_after(text: str, pos: int, limit: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """A report phrase after the subject ending at ``pos``, adverbials allowed before it."""
    if text.startswith(("”", "」"), pos) and pos + 1 < limit:
        pos += 1  # (台湾地区“经济部统计处”23日发布的统计显示: a name in quotation marks)
    latin = _LATIN_NAME.match(text, pos, limit)
    if latin is not None:
        pos = latin.end()  # (某某同业公会（TMBA）16日发布的报告显示: its name in Latin letters)
    m = _adverbial(lexicon.verb_set()).match(text, pos, limit)
    report = _report_phrase().match(text, m.end() if m else pos, limit)
    if report is None and m is not None:
        # 21日在京发布的统计报告显示: the adverbial ran into the report phrase's own verb, or stopped at a place
        # before it (25日在京发布的“某某500强”报告显示)
        # (…16日援引海关数据发布的报告显示: what the report draws on may stand before its verb)
        reach = m.end()
        if text.startswith(("在", "於", "于"), m.end()):
            reach = min(limit, m.end() + _PLACE_MAX)
        elif text.startswith(words("according_to"), m.end()):
            reach = min(limit, m.end() + _SOURCE_MAX)
        opener = _report_open().search(text, pos, max(m.end(), reach))
        if opener is not None and not _CLAUSE_END.search(text, pos, opener.start()):
            report = _report_phrase().match(text, opener.start(), limit)
    return (report.end(), "data") if report is not None else None


def _rating_after(text: str, pos: int, limit: int, lexicon: Lexicon) -> tuple[int, str] | None:
    """A rating act written object first after the subject ending at ``pos`` (将腾讯目标价…)."""
    m = _adverbial(lexicon.verb_set()).match(text, pos, limit)
    rated = _rating_object().match(text, m.end() if m else pos, limit)
    return (rated.end(), "rating") if rated is not None else None


def _person_cue(text: str, start: int, end: int, m: Mention, kind: str, turn: bool = False) -> Cue:
    """A person's cue: the person speaks, for their employer unless an analyst (:func:`_employer`)."""
    public = _public(m.sector) or (
        m.title_start is not None and text.endswith(words("public_title"), 0, m.start)
    )
    analyst = _is_analyst(text, m)
    company = None if analyst else m.company
    return Cue(start, end, m.name, kind, company, person=True, public=public, turn=turn, analyst=analyst)


def _is_analyst(text: str, m: Mention) -> bool:
    """Whether a person's title makes them an analyst or economist (``analyst_after`` words in it)."""
    return m.title_start is not None and any(
        text.find(w, m.title_start, m.start) >= 0 for w in words("analyst_after")
    )


def _employer(text: str, m: Mention) -> str | None:
    """The company a person speaks for: none for an analyst or economist (民生银行首席经济学家某某说: the
    employer is not what the figures are about, nor after 他预计)."""
    return None if _is_analyst(text, m) else m.company


def _source_name(m: Mention) -> str:
    """A source as written, in its canonical letter case (Questmobile -> QuestMobile)."""
    if m.surface and m.surface.casefold() == m.name.casefold():
        return m.name
    return m.surface or m.name


def _is_person(m: Mention) -> bool:
    return m.kind == "person"


def _is_narrator(text: str, m: Mention) -> bool:
    """Whether a person is the text's writer, named with a reporter's title (本报记者某某, 记者：; a space between
    them too, as a wire's dateline writes it: (记者 某某))."""
    if text[max(0, m.start - 8) : m.start].rstrip(" 　").endswith(words("narrator_title")):
        return True
    return m.title_start is not None and (
        text.endswith(words("narrator_title"), m.title_start, m.start)
        or text[m.start : m.end] in word_set("narrator_title")
    )


def _is_institution(m: Mention) -> bool:
    """A bank, broker or other institution that 该行/该机构 may stand for."""
    if m.kind == "source":
        return not m.generic
    # (a bank's broking arm, 招银国际, is the bank's product in the lexicon and a source as a speaker)
    return (m.kind == "company" and (m.source is not None or m.sector in _INSTITUTION_SECTORS)) or (
        m.kind == "product" and m.source is not None
    )


def _generic_institution(
    text: str,
    mentions: list[Mention],
    starts: list[int],
    pos: int,
    obj: str | None,
    spoke: set[int],
    first: int,
) -> Mention | None:
    """The institution 该行/该机构 at ``pos`` stands for: the one that spoke earlier in its sentence
    (摩根士丹利發表報告指，港交所…；該行並預測…), else one opening the sentence right before (某证券的观点相对
    谨慎。该行认为…), else the last broker that spoke before, else the last named, not the one it acts on (``obj``)."""
    last = _last_before(mentions, starts, pos, lambda m: _is_institution(m) and _key(m) != obj)
    return (
        _last_before(
            mentions,
            starts,
            pos,
            lambda m: _is_institution(m) and _key(m) != obj and m.start >= first and m.start in spoke,
        )
        or (
            last
            if last is not None
            and (last.start == 0 or text[last.start - 1] in "。\n")
            and text.rfind("。", last.end, first) == first - 1
            else None
        )
        or _last_before(
            mentions,
            starts,
            pos,
            lambda m: _rates(m) and _key(m) != obj and m.start in spoke,
            _BROKER_REACH,
        )  # 中信证券维持西部证券“增持”评级。该行认为…: the broker that spoke, not the one it rated
        or _last_before(mentions, starts, pos, lambda m: _is_institution(m) and _key(m) != obj)
    )


def _is_association(m: Mention) -> bool:
    """An industry body that a bare 协会 may stand for."""
    return _is_institution(m) and (
        m.sector == "association" or any(w in m.name for w in words("bare_institution"))
    )


@cache
def _rated_after() -> re.Pattern[str]:
    """A rating's noun a few words after a verb (該行重申「持有」評級: role ``rating_object``)."""
    return re.compile(rf"[^，,。；;\n]{{0,8}}?(?:{words_alternation('rating_object')})")


def _rates(m: Mention) -> bool:
    """A broker or a bank's broking arm, which rates stocks (招银国际 as the bank's product)."""
    return _is_broker(m) or m.source_kind == "broker"


def _is_broker(m: Mention) -> bool:
    """A broker that 该券商 may stand for."""
    if m.kind == "source":
        return m.sector == "broker"
    return m.kind == "company" and (m.source_kind == "broker" or m.sector == "broker")


def _data_firm_name(text: str, m: re.Match[str]) -> str:
    """A source's name after 据, with 数据 when another data noun follows it: 据云合数据统计 is 云合数据's
    statistics (据某协会统计数据 stays 某协会's); or a kind of body and a data noun (据某某大数据平台统计)."""
    name = m.group("name")
    end = m.end("name")
    if text.startswith(("数据", "數據"), end) and _data_noun_at().match(text, end + 2):
        return name + text[end : end + 2]
    if text.startswith(("数据", "數據"), end):
        # (据某某大数据平台统计: a kind of body after 数据, role ``data_org_tail``, then the data noun)
        tail = next((w for w in words("data_org_tail") if text.startswith(w, end + 2)), None)
        if tail is not None and _data_noun_at().match(text, end + 2 + len(tail)):
            return name + text[end : end + 2 + len(tail)]
    return name


@cache
def _data_noun_at() -> re.Pattern[str]:
    return re.compile(f"(?:{words_alternation('data_noun')})")


def _institution_cues(
    pending: list[tuple[int, int, str, Mention | None, bool]], cues: list[Cue]
) -> list[Cue]:
    """A cue for each 该机构/该行 at (start, end, kind, the institution mention named last before it, whether
    the pronoun's noun chose it: 该协会): that institution speaks, or a source no lexicon holds when one was
    named after it."""
    unnamed = sorted(
        (c for c in cues if c.kind == "data" and not c.person and c.company is None and c.speaker),
        key=lambda c: c.start,
    )
    starts = [c.start for c in unnamed]
    out = []
    for start, end, kind, named, kinded in pending:
        k = bisect_left(starts, start) - 1
        source = unnamed[k] if k >= 0 and start - unnamed[k].start <= _PRONOUN_REACH else None
        if source is not None and (named is None or (named.start < source.start and not kinded)):
            out.append(Cue(start, end, source.speaker, kind, public=source.public))
        elif named is not None and (named.kind == "source" or named.source is not None):
            out.append(
                Cue(start, end, named.source or _source_name(named), kind, public=_public(named.sector))
            )
        elif named is not None:
            out.append(Cue(start, end, named.company or named.name, kind, named.company or named.name))
    return out


def _named_at(mentions: list[Mention], starts: list[int], pos: int) -> str | None:
    """The company named right at ``pos`` (the object after 该行预计: 该行预计某某银行… is not that bank)."""
    k = bisect_left(starts, pos)
    if k < len(mentions) and mentions[k].start - pos <= 1 and mentions[k].kind in ("company", "product"):
        return _key(mentions[k])
    return None


def _key(m: Mention) -> str:
    return m.company or m.name


def _last_before(  # type: ignore[no-untyped-def]
    mentions: list[Mention], starts: list[int], pos: int, accept, reach: int = _PRONOUN_REACH
) -> Mention | None:
    """The last mention before ``pos`` (``starts``: the mentions' starts) that ``accept`` takes."""
    k = bisect_left(starts, pos) - 1
    while k >= 0 and pos - mentions[k].start <= reach:
        if accept(mentions[k]):
            return mentions[k]
        k -= 1
    return None


_UNIT_MIN = 3  # characters of a body's unit written alone again (消防救援局)


def _units_again(text: str, structure: Structure, cues: list[Cue], lexicon: Lexicon) -> list[Cue]:
    """A unit of a listed body, named with it once (应急管理部消防救援局), written alone again opening a clause
    before a verb of speaking or showing (消防救援局还通报，…): the same speaker."""
    units: dict[str, Cue] = {}
    for c in cues:
        said = c.speaker or ""
        if c.person or said in lexicon.entries:
            continue
        parent = next(
            (
                said[:k]
                for k in range(len(said) - _UNIT_MIN, 1, -1)
                if (entry := lexicon.entries.get(said[:k])) is not None and entry.kind == "source"
            ),
            None,
        )
        if parent is not None:
            units.setdefault(said[len(parent) :], c)
    if not units:
        return []
    taken = Intervals((c.start, c.end) for c in cues)
    out: list[Cue] = []
    for unit, first in units.items():
        k = text.find(unit, first.end)
        while k >= 0:
            if (text[k - 1] in _CLAUSE_OPEN or text[k - 1] == "。") and not taken.overlaps(k, k + len(unit)):
                found = _after_subject(text, k + len(unit), structure.sentence_at(k).end, lexicon)
                if found is not None:
                    out.append(Cue(k, found[0], first.speaker, found[1], public=first.public))
            k = text.find(unit, k + len(unit))
    return out


def _public(sector: str | None) -> bool:
    """A government body's or trade association's figures are no one company's."""
    return sector in ("government", "association")


_COLON_QUOTE = re.compile(r"[ 　]?[：:][ 　]?[“「\"]")
_SECOND_HALF = re.compile(r"[^。，,；;：:！？!?“”\n]{4,}[ 　]+")  # a headline's first half and its space
_LINE_LEAD = re.compile(r"[ 　]*(?:【[^【】\n]{0,12}】[ 　]*)?$")  # what may open a headline: a page's label
_COLON_AFTER = re.compile(r"[ 　]?[：:]")
_HEADLINE_LEAD = 24  # characters a label and spaces may take before a headline's name
_BRACKET_NOTE = re.compile(r"[ 　]?[（(][^（）()\n]{1,20}[)）]")  # a note after a name: （以下简称“中汽协”）


def _headline_colon(text: str, m: Mention, sentence_start: int, limit: int) -> int | None:
    """Where the colon ends when a name opens its line and a colon follows it (招银国际：…目标价…);
    a headline's way of saying who states the rest."""
    lo = max(0, sentence_start - 2, m.start - _HEADLINE_LEAD)  # a bounded look back, also in unbroken runs
    nl = text.rfind("\n", lo, m.start)
    if nl < 0 and lo > 0:
        return None
    if not _LINE_LEAD.match(text, nl + 1, m.start) and not _SECOND_HALF.fullmatch(text, nl + 1, m.start):
        return None  # (a headline's second half opens after a space: …营收逾210亿元 海关总署：…)
    colon = _COLON_AFTER.match(text, m.end, limit)
    return colon.end() if colon is not None else None


_TERM_QUOTE = re.compile(r"“[^“”。，,\n]{1,8}”")  # a quoted term or name (“抢出口”), not a quotation
_QUOTE_REACH = 80  # characters between a speech cue and a quotation of the same sentence it covers
_INTRODUCED_REACH = 60  # characters after a paragraph's opening quotation searched for the person it quotes


def _introduced_after(
    text: str, structure: Structure, qa: int, qb: int, mentions: list[Mention], starts: list[int]
) -> Cue | None:
    """A quotation that opens its paragraph with no cue at either end: the person named in the sentence
    right after it (“……”日前，某公司总经理某某接受了记者采访), the way interviews and features open."""
    line = text.rfind("\n", 0, qa) + 1
    if text[line:qa].strip(" 　\t"):
        return None
    nxt = structure.sentence_at(qb)
    if "\n" in text[qb : nxt.end].strip():
        return None
    limit = min(nxt.end, qb + _INTRODUCED_REACH)
    k = bisect_left(starts, qb)
    for m in mentions[k:]:
        if m.start >= limit or "“" in text[qb : m.start]:
            break
        if m.kind == "person" and m.title_start is not None:
            return Cue(
                m.title_start, m.end, m.name, "say", m.company, qb, person=True, public=_public(m.sector)
            )
    return None


def quote_speakers(
    text: str, structure: Structure, cues: list[Cue], mentions: list[Mention], lexicon: Lexicon
) -> dict[tuple[int, int], Cue]:
    """The speaker of each quotation: a cue just before it (…表示：“…”) or just after it (“…”，他说).

    Returns the covering cue per quotation span; the quotation inherits the cue.
    """
    out: dict[tuple[int, int], Cue] = {}
    named = [c for c in cues if c.speaker is not None]
    by_end = sorted(named, key=lambda c: c.end)
    ends = [c.end for c in by_end]
    starts = [c.start for c in named]
    mention_starts = [m.start for m in mentions]
    for qa, qb in structure.quotes:
        best = None
        # before: the cue's verb ends right before the opening mark (punctuation and space allowed)
        k = bisect_right(ends, qa) - 1
        while k >= 0 and qa - by_end[k].end <= _QUOTE_REACH:
            c = by_end[k]
            gap = text[c.end : qa]
            if qa - c.end <= 3 and gap.strip(" ：:，,") == "":
                best = c
                break
            gap = _TERM_QUOTE.sub("", gap)  # “抢出口”效应: a quoted term is no quotation
            if c.kind in ("say", "forecast") and "“" not in gap and "。" not in gap and "\n" not in gap:
                best = c
                break
            k -= 1
        if best is None:
            # after: ”，马化腾表示 / ” 杨元庆介绍 / ”他说
            j = bisect_left(starts, qb)
            if (
                j < len(named)
                and named[j].start - qb <= 3
                and text[qb : named[j].start].strip(" ，,。") == ""
            ):
                best = named[j]
        if best is None:
            best = _introduced_after(text, structure, qa, qb, mentions, mention_starts)
        if best is not None:
            out[(qa, qb)] = Cue(
                best.start,
                best.end,
                best.speaker,
                best.kind,
                best.company,
                qb,
                best.person,
                public=best.public,
                analyst=best.analyst,
            )
    return out
