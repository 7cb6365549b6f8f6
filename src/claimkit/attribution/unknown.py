"""Companies no lexicon holds, found by how the text writes them.

A name is a company's when it ends in a legal form (``蓝星新材料股份有限公司``), stands before
a stock code (``龙蟠科技（603906.SH）``), is declared an abbreviation (``（以下简称“蓝星新材”）``),
or ends in an industry word in subject position, before a period, a results noun or a
reporting verb (``天赐材料前三季度营收…``), or stands between a descriptor and one of its
officers (``茶饮品牌某某茶创始人张三``). Such a company is named as the text names it:
its shortest form in the text (a declared abbreviation, or the name its legal form is
short for, ``某某股份`` for ``某某股份有限公司``), and every later use of that form is a
mention of it. Words live in ``resources/company_forms.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import regex

from .. import _resources
from .._words import list_links, word_set, words, words_pattern
from ..quantities.numerals import read_numeral

STOCK_CODE_PATTERN = _CODE = (  # a stock code in brackets (002701.SZ), (SEED.US), (股票代码：00700)
    # (its short name first: 某某科工，02357; or its English name: Dutch Bros，BROS.N)
    r"[(（]\s*(?:[\u4e00-\u9fff]{2,6}[，,、]\s*|[A-Z][A-Za-z'&.]*(?: [A-Za-z'&.]+){0,3}[，,、]\s*)?"
    r"(?:股票代码|股票代碼|代码|代碼)?[:：]?\s*"
    r"(?:[0-9]{6}(?:\.(?:SH|SZ|BJ|sh|sz))?|[0-9]{4,5}\.(?:HK|hk|TW|TWO)|(?:SH|SZ|HK)[0-9]{4,6}|0[0-9]{3,4}"
    # a bare four-digit code (Taiwan's 信驊(5274), Hong Kong's 小米(1810)), not a year (1950-2049)
    r"|(?!19[5-9][0-9]|20[0-4][0-9])[1-9][0-9]{3}"
    # (one that looks like a year when a release follows: 大成鋼（2027）昨（10）日公布)
    r"|(?:19[5-9][0-9]|20[0-4][0-9])(?=\s*[)）]\s*(?:昨|今|於|于|日前|近日|公布|公佈|宣布|宣佈|發布|发布))"
    r"|(?:NYSE|NASDAQ|纳斯达克|納斯達克|纽交所|紐交所)[:：]?\s*[A-Z]{1,5}|[A-Z]{2,5}\.(?:US|O|N)"
    # (London, Frankfurt, Paris, Amsterdam, Zurich, Toronto, Sydney, Singapore, Milan, Madrid, the Nordics; Tokyo
    # and Seoul by number: 某某（SN.L）, 某某（7203.T）)
    r"|[A-Z]{2,5}\.(?:L|DE|PA|AS|SW|TO|AX|SI|MI|MC|ST|CO|OL|HE)|[0-9]{4}\.T|[0-9]{6}\.(?:KS|KQ))\s*[)）]"
)
_CODE_ENGLISH = regex.compile(  # 某某咖啡（Northridge Coffee，NRC.N）: the English name before the code
    r"\s?[(（]\s*(?P<alias>[A-Z][A-Za-z'&.]*[a-z][A-Za-z'&.]*(?: [A-Za-z'&.]+){0,3})[，,、]"
)
_CODE_ABBREVIATION = regex.compile(
    r"\s?[(（]\s*(?P<alias>\p{Han}{2,6})[，,、]"
)  # 某某工業（某某科工，02357）
_ABBREVIATION = regex.compile(
    r"\s*[(（]\s*(?:(?:以下|下文)?(?:简称|簡稱)|以?下(?:称|稱))\s*[:：]?\s*[“\"「『]?(?P<alias>[\p{Han}A-Za-z0-9]{2,10})[”\"」』]?\s*[)）]"
)
# 北京某某工程有限公司（Ameco）: an English short name in brackets after a legal name (not a ticker: one with a small
# letter, or of six letters or more)
_LATIN_ABBREVIATION = regex.compile(
    r"\s?[(（]\s*(?P<alias>[A-Z](?:[A-Za-z&]{5,11}|[A-Za-z&]{0,4}[a-z][A-Za-z&]{0,6}))\s*[)）]"
)
_NAME_CHAR = regex.compile(r"[\p{Han}A-Za-z0-9]")
# 分产品线看，功率芯片前三季度收入…: a passage by segment; what opens its clauses is a segment, no company
_BY = "(?:分|按|從|从)"  # what opens a breakdown (分产品线看, 按地区划分, 从企业看)
BY_SEGMENT_LEAD = regex.compile(_BY + r"\p{Han}{1,6}?(?:来|來)?(?:看|划分|劃分)[，,：:]")
_BY_SEGMENT = regex.compile(BY_SEGMENT_LEAD.pattern + r"\s*$")
_HAN_CHAR = regex.compile(r"\p{Han}")
_LISTING_SUFFIX = regex.compile(r"[A-Z]{1,3}")  # 鈺齊-KY, 美食-KY: a foreign issuer listed in Taiwan
# a day before a release verb (昨（9）日公布, 日前发布, 8日公布)
_RELEASE_DAY = (  # (则在3月下旬披露年报: a month, or a part of it, after an adverb and 在 too)
    r"(?:[则則也亦]?[在于於]?(?:[0-9０-９]{1,2}月(?:[上中下]旬|[初底末中])?|"
    r"[昨今前](?:[（(][0-9０-９]{1,2}[）)])?[日天]?|日前|近日|[0-9０-９]{1,2}[日号號]))"
)
_NAME_BREAK = "的之"  # 主攻大湾区住宅项目的宏轩物业: no name holds them
_MAX_NAME = 15  # characters of a name before its legal form or code
_MAX_LATIN_BODY = 10  # characters of a body's name in letters and digits (E20研究院)
# characters of a company's name in Latin letters a descriptor introduces (运营商Lineage（LINE）)
_MAX_LATIN_NAME = 12
# capitalised Latin words before a coded name's last one (Air Lease（AL.N）)
_LATIN_WORDS_BEFORE = regex.compile(r"(?<![A-Za-z0-9&.'\-])(?:[A-Z][A-Za-z0-9&.'\-]{0,11} ){1,3}$")
_LATIN_BODY_NAME = regex.compile(r"[A-Za-z][A-Za-z0-9&]{1,9}$")
_MAX_SUBJECT = 6  # characters of a name before its industry word
_UNPREFIXED_MIN = 4  # characters a legal name must keep after its province for the press to drop it


@dataclass(frozen=True, slots=True)
class Found:
    """A company no lexicon holds: where it is named and what it is called."""

    start: int
    end: int
    name: str  # the shortest form the text uses
    kind: str | None = None  # for a body: association, government or research
    displaces: bool = False  # a longer name than the lexicon name inside it: the lexicon mention yields
    parent: str | None = None  # a sibling subsidiary's parent (see find_list_partners)


@cache
def _forms() -> dict[str, tuple[str, ...]]:
    rows = _resources.table("company_forms.tsv", ("word", "role"))
    by_role: dict[str, set[str]] = {}
    for r in rows:
        by_role.setdefault(r["role"], set()).add(r["word"])
    return {role: tuple(sorted(ws, key=len, reverse=True)) for role, ws in by_role.items()}


@cache
def dated_subject() -> re.Pattern[str]:
    """A period then a verb of figures right after a name (新希望10月销售生猪, 某某前三季度实现营收:
    ``company_forms.tsv`` roles ``dated_period``, ``dated_figure``), or a verb of publishing then its
    results (某某披露了2024年半年报, 某某交出的三季度成绩单: role ``release_verb``)."""
    forms = _forms()
    period = "|".join(
        [r"[0-9０-９]{1,2}月", r"[0-9０-９]{4}年", *map(re.escape, forms.get("dated_period", ()))]
    )
    figure = "|".join(map(re.escape, forms.get("dated_figure", ())))
    release = "|".join(map(re.escape, forms.get("release_verb", ())))
    results = words_pattern(words("results_noun"))
    earn = "|".join(map(re.escape, forms.get("earn_verb", ())))
    adverb = "|".join(map(re.escape, release_adverbs()))
    return re.compile(
        rf"(?:[0-9０-９]{{1,4}}年)?(?:{period})份?(?:{figure})"
        # (某某当晚也发布了年报: an adverb of the release's time and 也 may stand before the verb)
        rf"|(?:(?:{adverb})(?:也|亦|则|則)?)?(?:{release})[了的]?(?:[0-9０-９]{{4}}年)?(?:{period}|全年|年度)?的?(?:{results})"
        # 國泰金則賺進86.1億元: a verb of earning and its figure right after the name
        rf"|(?:则|則|也|亦)?(?:{earn})[0-9０-９]"
    )


@cache
def released_figures() -> re.Pattern[str]:
    """After a verb of publishing (公告, 披露: role ``release_verb``), a few words of period then a verb or noun of
    figures (role ``dated_figure``): the company publishes its own figures (某某昨日公告11月營收…)."""
    forms = _forms()
    figure = "|".join(map(re.escape, forms.get("dated_figure", ())))
    return re.compile(rf"[了，,]?[^，,。；;：:！？\n“”\"]{{0,12}}?(?:{figure})")


def _coded_descriptor_ends() -> tuple[str, ...]:
    """Words that end a descriptor only inside the run before a stock code (分類廣告平台某某（5287）: role
    ``coded_descriptor_end``), where a name must end: elsewhere they end names too."""
    return _forms().get("coded_descriptor_end", ())


def release_verbs() -> tuple[str, ...]:
    """Verbs of publishing (``company_forms.tsv`` role ``release_verb``)."""
    return _forms().get("release_verb", ())


def release_adverbs() -> tuple[str, ...]:
    """Adverbs that may stand before a verb of publishing (``company_forms.tsv`` role ``release_adverb``)."""
    return _forms().get("release_adverb", ())


def body_scopes() -> tuple[str, ...]:
    """National or world scopes a body's name may open with (``company_forms.tsv`` role ``body_scope``)."""
    return _forms().get("body_scope", ())


def business_verbs() -> tuple[str, ...]:
    """What a company does, after its name (主营, 主要从事: ``company_forms.tsv`` role ``business_verb``)."""
    return _forms().get("business_verb", ())


def leader_descriptors() -> tuple[str, ...]:
    """Words for a leader among firms before its name (龙头, 巨头: ``company_forms.tsv`` role ``leader_descriptor``)."""
    return _forms().get("leader_descriptor", ())


@cache
def descriptor_ends() -> tuple[str, ...]:
    """Words that end a descriptor before a company's name (供应商, 车企, 同业: ``company_forms.tsv``)."""
    return _forms().get("descriptor_end", ())


@cache
def _group_descriptor() -> regex.Pattern[str]:
    """An industry and 集团 (眼科醫療集團): a descriptor of a kind of group, when a name follows it."""
    return regex.compile(rf"(?:{words_pattern(_forms().get('industry', ()))})(?:集团|集團)")


def _after_group_descriptor(text: str, begin: int, stem_end: int) -> int:
    """Where a name starts after an industry's 集团 inside the run before its anchor (眼科醫療集團某某（3218）);
    not where a legal form follows it (某某集团股份, 某某集團控股: one name)."""
    forms = (*_forms().get("legal", ()), *_forms().get("short_legal", ()))
    found = begin
    for m in _group_descriptor().finditer(text, begin, stem_end):
        if stem_end - m.end() >= 2 and not text.startswith(forms, m.end()):
            found = m.end()
    return found


def firm_suffix(name: str) -> str | None:
    """The firm ending ``name`` carries after a name of at least three characters (``盈蝶咨询公司`` ->
    ``公司``), else None (``resources/company_forms.tsv`` role ``firm_suffix``)."""
    for w in _forms().get("firm_suffix", ()):
        if name.endswith(w) and len(name) - len(w) >= 3:
            return w
    return None


def short_legal_forms() -> tuple[str, ...]:
    """Short legal forms written after a company's name (集团, 股份, 控股: role ``short_legal``), longest first."""
    return _forms().get("short_legal", ())


def _alt(role: str) -> str:
    return words_pattern(_forms().get(role, ()))


def _merchant_guard() -> str:
    """Kept after a descriptor ending in 商: not where the 商 makes a word with what follows (商会, 商品;
    role ``merchant_word``)."""
    return f"(?!(?<=商)[{''.join(_forms().get('merchant_word', ()))}])"


def _descriptors(longer_only: bool = False) -> str:
    """The descriptor ends as one alternation (a trie: a regex tries it at every character), each kept from
    matching inside a unit's word (子公司: role ``descriptor_not``) and a 商 from opening a chamber (商会)."""
    ends = [w for w in descriptor_ends() if not longer_only or len(w) >= 2]
    units = [
        u for u in _forms().get("descriptor_not", ()) if any(u.endswith(w) and len(u) > len(w) for w in ends)
    ]
    guard = "".join(f"(?<!{regex.escape(u)})" for u in units)
    # (进出口商会: a chamber, see _chamber; 新建商品住宅: 商品, no 建商)
    return f"(?:{words_pattern(ends)}){guard}{_merchant_guard()}"


@cache
def _surname_set() -> frozenset[str]:
    return frozenset(_resources.lines("surnames.txt"))


@cache
def _titles() -> tuple[str, ...]:
    return tuple(_resources.lines("titles.txt"))


@cache
def _own_titles() -> tuple[str, ...]:
    """The titles of a company's own officers: an analyst (分析师, 首席经济学家, 研究员; role ``analyst_title``)
    speaks about others."""
    analyst = _forms().get("analyst_title", ())
    return tuple(t for t in _titles() if not any(w in t for w in analyst))


@cache
def _anchors() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """What ends a name: a legal form, a stock code, an industry word before a period or results verb."""
    legal = regex.compile(f"(?:{_alt('legal')})")
    coded = regex.compile(rf"\s?{_CODE}")
    titles = words_pattern(_own_titles())
    subject = regex.compile(
        rf"(?:{_alt('industry')})(?=\s?(?:则|則|亦|也)?(?:在[^，,。；;：:“”]{{1,10}}?[中上])?"
        rf"(?:(?:19|20)[0-9]{{2}}年|[0-9]{{1,2}}月|前[0-9一二两三四五六七八九十]|单月|單月|当月|當月|{_alt('results')}"
        rf"|(?:{_alt('release_verb')})"  # 某某消费金融则交出了…成绩单: a verb of publishing its results
        # 某某置业的营销负责人张三: a company its people speak for
        rf"|的?[^，,。；;：:“”0-9]{{0,4}}?(?:{titles})))"
    )
    return legal, coded, subject


@cache
def reported_results() -> regex.Pattern[str]:
    """Where a name ends before its own results report that shows the figures (某某的三季报显示, 某某股份年报显示), or
    that the text looks at (从某某的半年报来看)."""
    results = words_pattern(words("results_noun"))
    shows = words_pattern([*words("report_phrase_verb"), *words("topic_look")])
    legal = words_pattern(_forms().get("short_legal", ()))
    adverb = words_pattern(words("adverb"))  # (某某的年报则显示, 某某的年报数据显示)
    # (某某股份年报显示: a short legal form ends the name without 的)
    return regex.compile(
        # (某某的2022年年报显示: the report's year may stand between)
        rf"(?<=\p{{Han}})(?=的(?:(?:19|20)[0-9]{{2}}年度?)?(?:{results})(?:数据|數據)?(?:{adverb})?(?:{shows}))"
        rf"|(?<=\p{{Han}}(?:{legal}))(?=(?:{results})(?:{shows}))"
    )


@cache
def _in_own_report() -> regex.Pattern[str]:
    """A name opening its sentence, then 在, its own report, 中 and a verb of saying (某某在半年报中解释), or a
    verb of publishing (an adverb or a day before it), 的, its own report (a year before it) and what the report
    shows (某某披露的2023年年报显示, 某某8日发布的三季报显示)."""
    results = words_pattern(words("results_noun"))
    said = words_pattern([*words("report_phrase_verb"), *words("in_report_verb")])
    shows = words_pattern([*words("report_phrase_verb"), *words("topic_look")])  # (从某某披露的三季报来看)
    release = words_pattern(release_verbs())
    adverb = words_pattern(release_adverbs())  # (某某先前公布的年报显示)
    plain = words_pattern(words("adverb"))
    # (某某8日发布的三季报显示, 某某昨（10）日公布的: a day before the verb)
    day = r"(?:[0-9０-９]{1,2}[日号號]|[昨今前](?:[（(][0-9０-９]{1,2}[）)])?日)"
    tod = words_pattern(words("time_of_day"))  # (某某同日晚间发布的…)
    return regex.compile(
        rf"(?:^|(?<=[。！？\n]))(?P<name>\p{{Han}}{{2,6}}?)"
        rf"(?:在(?:{results})中(?:{said})"
        # (某某同日披露的年报则显示: an adverb before what it shows)
        # (某某同日晚间发布的年报显示: the time of day after it)
        rf"|(?:{adverb}|{day})?(?:{tod})?(?:{release})的(?:[0-9０-９]{{4}}年)?(?:{results})(?:{plain})?(?:{shows})"
        # (某某同日晚间也交出了年报。: or, after an adverb or a day, its report as the verb's object, the sentence ending)
        rf"|(?:{adverb}|{day})(?:{tod})?(?:也|亦|则|則)?(?:{release})了?(?:[0-9０-９]{{4}}年度?)?(?:{results})(?=[。，,]))"
    )


@cache
def _introduced() -> regex.Pattern[str]:
    """A name a descriptor introduces, before one of its officers' titles (``咖啡连锁品牌某某咖啡联合
    创始人张三``): the name between the two is a company's, whatever its ending."""
    surnames = words_pattern(_surname_set())
    return regex.compile(
        rf"(?:{_descriptors()})(?P<name>[^\P{{Han}}{_NAME_BREAK}]{{2,8}}?)(?=(?:{words_pattern(_own_titles())})(?:{surnames})\p{{Han}})"
    )


@cache
def _function_words() -> frozenset[str]:
    """Every word of ``function_words.tsv``, whatever its role: none is a name."""
    return frozenset(r["word"] for r in _resources.table("function_words.tsv", ("word", "role")))


_FUNCTION_CHARS = frozenset(
    "是的为為在与與和及对對把将將由向让讓被从從其该該本我你他她它这這那"
)  # no name's first or last
_LISTING_TAIL = regex.compile(
    r"\*?[-－][A-Z]{1,3}$"
)  # that suffix at a name's end, with its hyphen (某某-KY, 91APP*-KY)
# what a name written with a numeral word opens with
_NUMERAL_CHARS = frozenset("一二两兩三四五六七八九十百千万萬")
_TIME_CHAR = regex.compile(r"[年月日季期]")  # (公司今年…: a time word, no name)


@cache
def _dated_opening() -> regex.Pattern[str]:
    """A short name opening its paragraph or sentence right before a period and a verb or noun of its own
    figures (某某上半年营收…, 某某前三季度实现…), a clause describing it before it (8月刚上市的某某，上半年营收…):
    a company's, whatever its ending."""
    forms = _forms()
    period = "|".join(map(regex.escape, forms.get("dated_period", ())))
    figure = "|".join(map(regex.escape, forms.get("dated_figure", ())))
    business = "|".join(map(regex.escape, forms.get("business_verb", ())))
    peer = "|".join(map(regex.escape, words("peer_before")))
    # (某某10月营收, 某某前10月累计营收, 某某第3季营收: a month, months to date, a quarter in figures)
    month = r"(?:前|1-|1至)?[0-9０-９]{1,2}(?:个|個)?月份?|第[1-4１-４]季"
    return regex.compile(
        rf"(?:(?<=[。！？\n])|^)(?P<name>\p{{Han}}{{2,5}}?)"
        # (某某2023年营收约…: a year alone; 某某前三季度的营收为…: 的 between)
        rf"(?=(?:[0-9０-９]{{4}}年度?(?:{period})?|(?:{period}))的?(?:{figure}))"
        # (同業方面，某甲10月營收…；某乙10月營收…: after a peers' lead, each name opening its part)
        # (a fixed-length look behind first: the long one is tried only after 方面， or ；)
        rf"|(?<=方面[，,]|[；;])(?<=(?:{peer})方面[，,](?:[^。！？\n]{{1,60}}?[；;])?)(?P<name>\p{{Han}}{{2,5}}?)"
        rf"(?=(?:[0-9０-９]{{4}}年度?(?:{period})?|(?:{period})|{month})的?(?:{figure}))"
        rf"|(?<=[。！？\n][^，,。；;！？\n是]{{2,16}}?的)(?P<name>\p{{Han}}{{2,5}}?)(?=[，,](?:{period})(?:{figure}))"
        rf"|(?:(?<=\n)|^)(?P<name>\p{{Han}}{{2,6}}?)(?=(?:{business}))",  # 某某主营…: what it does opens the paragraph
        regex.MULTILINE,
    )


@cache
def _short_legal_subject() -> regex.Pattern[str]:
    """A short name with a short legal form (某某股份, 某某集团: role ``short_legal``) opening a clause, or after a
    clause describing it (今年6月登陆创业板的某某股份表现稳健): a listed company's usual short name."""
    legal = "|".join(map(regex.escape, _forms().get("short_legal", ())))
    return regex.compile(
        rf"(?:(?<=[。！？\n，,；;])|^|(?<=[。！？\n][^，,。；;！？\n]{{2,16}}?的))"
        rf"(?P<name>(?P<stem>\p{{Han}}{{2,4}}?)(?:{legal}))(?!\p{{Han}}{{0,8}}?(?:有限|公司))",
        regex.MULTILINE,
    )


@cache
def _by_company_list() -> regex.Pattern[str]:
    """A by-segment lead by company (分企业看, 从公司看: role ``firm_kind``), then a list of names, a respectively."""
    kind = words_pattern(words("firm_kind"))
    bare = words_pattern(words("list_kind"))  # (从机构看, not 从发行机构看: a kind of body)
    respectively = words_pattern(words("respectively"))
    # (从上市公司看, 分航空公司看: a few words of the kind before it; 某甲、某乙去年…分别: a time word may end the list)
    ends = words_pattern(_forms().get("partner_end", ()))
    brand = words_pattern(words("brand_kind"))  # (从头部连锁品牌看)
    facet = words_pattern(words("by_facet"))  # (从企业层面看)
    return regex.compile(
        # (not 分品牌看: a company's own brands; a few words on the brands before it)
        rf"(?:{_BY}(?:\p{{Han}}{{0,4}}?(?:{kind})|\p{{Han}}{{1,4}}?(?:{brand})|(?:{bare}))(?:{facet})?(?:来|來)?看[，,：:]"
        # (重点企业中，某甲、某乙…分别; 规模较大的运营商中，; 业者方面，: a topic of firms opening the sentence)
        rf"|(?:^|[。！？\n](?=[^。！？\n]{{0,80}}?(?:{respectively})))"  # (only where a respectively follows)
        rf"(?P<topic>[^，,。；;：:！？\n]{{0,10}}?(?:{kind}|{bare}))(?:中|里|裡|方面)[，,])"
        # (从企业看，民营船企表现活跃，某甲、某乙…分别: one clause on the kind may stand between)
        rf"(?:[^，,。；;：:\n、]{{1,12}}[，,])?"
        # (从企业看，出口规模居前的某甲、某乙…分别: a clause on the items ending in 的 may open the list)
        rf"(?:[^，,。；;：:\n、]{{2,16}}?的)?"
        # (a Latin letter may stand inside a name: 某e足食)
        rf"(?P<items>[^\P{{Han}}的](?:[^\P{{Han}}的]|[A-Za-z]){{1,7}}?"
        rf"(?:(?:{_links()})[^\P{{Han}}的](?:[^\P{{Han}}的]|[A-Za-z]){{1,9}}?){{1,5}}?)"
        rf"(?=(?:的|(?=[0-9０-９])|(?={ends}))[^，,。；;：:\n]{{0,24}}?(?:{respectively}))"
    )


@cache
def _placed_name() -> regex.Pattern[str]:
    """的 after a place, then a name up to a period word or a year (浙江的某某啤酒去年…)."""
    period = words_pattern(_forms().get("dated_period", ()))
    return regex.compile(rf"的(?P<name>\p{{Han}}{{2,8}}?)(?=(?:{period})|(?:19|20)[0-9]{{2}}年)")


@cache
def _described_list() -> regex.Pattern[str]:
    """Two to four names opening a sentence or a clause after a topic (业者方面，, 上市公司中，), each after a phrase on
    it ending in 的 or a descriptor (以笔电板为主的某甲、专攻高层板的某乙，去年营收分别…; 软包装龙头某甲、…龙头某乙), then a
    period (``dated_period``, a year) and a respectively."""
    respectively = words_pattern(words("respectively"))
    period = words_pattern(_forms().get("dated_period", ()))
    # (软包装龙头某甲、瓶盖龙头某乙: a descriptor ends the phrase)
    lead = words_pattern(("的", *descriptor_ends()))
    item = rf"[^，,。；;、\n的]{{2,14}}?(?:{lead})(?P<name>\p{{Han}}{{2,6}}?)"
    return regex.compile(
        rf"(?:(?<=[。！？\n])|^|(?<=方面[，,])|(?<=中[，,]))(?P<items>{item}(?:(?:{_links()}){item}){{1,3}})[，,]?"
        rf"(?=(?:{period}|(?:19|20)[0-9]{{2}}年)[^，,。；;：:\n]{{1,12}}?(?:{respectively}))",
        regex.MULTILINE,
    )


@cache
def _firm_kinds() -> tuple[str, ...]:
    """Kinds of firm a text may name a group of companies by (企业, 公司: role ``firm_kind``; 运营商, 业者: ``list_kind``)."""
    return (*words("firm_kind"), *words("list_kind"))


@cache
def _counted_list() -> regex.Pattern[str]:
    """Two to five names side by side after 由 or a clause's start, a verb of running them (role ``run_verb``) or
    none, then the count of them as firms opening the next clause (由某甲、某乙经营，两家公司去年…分别…)."""
    run = words_pattern(words("run_verb"))
    kinds = words_pattern(_firm_kinds())
    pointer = words_pattern(words("count_pointer"))  # (这两家公司, 上述两家企业)
    return regex.compile(
        rf"(?:(?<=[，,。！？\n：:])|(?<=由)|^)(?P<items>\p{{Han}}{{2,8}}?(?:(?:{_links()})\p{{Han}}{{2,8}}?){{1,4}})"
        rf"(?:{run})?[，,](?:{pointer})?(?P<count>[2-5２-５两兩二三四五])家(?:{kinds})",
        regex.MULTILINE,
    )


@cache
def _defined_list() -> regex.Pattern[str]:
    """Two to five names side by side opening a sentence, then 是 and, a few words on, the count of them as firms of a
    kind (某甲和某乙是国内智能快件箱的两大运营商), or a word saying they all are such firms (某甲和某乙都是…企业):
    companies, whatever their endings."""
    kinds = words_pattern(_firm_kinds())
    return regex.compile(
        rf"(?:(?<=[。！？\n])|^)(?P<items>\p{{Han}}{{2,8}}?(?:(?:{_links()})\p{{Han}}{{2,8}}?){{1,4}})"
        rf"(?:是[^，,。；;！？\n]{{0,20}}?(?P<count>[2-5２-５两兩二三四五])(?:大|家)[^，,。；;！？\n]{{0,4}}?"
        # (某甲和某乙都是产业链上体量较大的非上市企业: or all of them said to be firms of a kind, role ``all_are``)
        rf"|(?:{words_pattern(words('all_are'))})[^，,。；;！？\n]{{0,20}}?)(?:{kinds})",
        regex.MULTILINE,
    )


@cache
def _opening_list() -> regex.Pattern[str]:
    """Two to four names side by side opening a sentence (after a clause on what they mainly do: 以外销为主的), then
    的 or a period (``dated_period``, a year), a measure and a respectively."""
    respectively = words_pattern(words("respectively"))
    period = words_pattern(_forms().get("dated_period", ()))
    kinds = words_pattern(_firm_kinds())
    # (one trie: fast at every comma)
    descriptors = words_pattern([w for w in descriptor_ends() if len(w) > 1])
    topics = words_pattern(words("field_topic"))
    shows = words_pattern(words("report_phrase_verb"))
    part = words_pattern(words("part_lead"))
    item = r"\p{Han}(?:\p{Han}|[A-Z]){1,7}?"  # (哈尔滨某某锅炉: a city and a name with its ending)
    # the lead is consumed, not looked behind at (a pattern whose start is a punctuation mark is fast to scan)
    return regex.compile(
        # (第三方测试企业也在加快扩产，某甲和某乙去年营收分别为…: after a clause on a kind of firm)
        # (no list is tried where no respectively follows in the sentence)
        # (…，行业集中度仍然偏低；某甲和某乙去年的销量分别为…: or a ；-part)
        rf"(?:^|[。！？\n；;](?=[^。！？\n]{{0,60}}?(?:{respectively}))"
        # (尚未上市的楼宇媒体公司某甲和某乙去年…分别: a longer phrase on them before the descriptor)
        rf"(?:[^，,。；;！？\n]{{0,10}}(?:{kinds})[^，,。；;！？\n]{{0,10}}[，,]|[^，,。；;！？\n、]{{0,12}}?(?:{descriptors})"
        rf"|[^，,。；;！？\n]{{1,10}}?(?:{topics})[，,])?"  # (在建筑涂料领域，某甲和某乙去年…分别: a field as the topic)
        # (其中，龙头企业某甲和某乙去年的营业收入分别为…: a descriptor opening the clause introduces the names)
        rf"|[，,](?=[^。！？\n]{{0,48}}?(?:{respectively}))[^，,。；;！？\n、]{{0,4}}?(?:{descriptors})"
        # (监测数据还显示，某甲和某乙去年的…销量分别约为…: or the clause after what shows them)
        rf"|(?<=(?:{shows}))[，,](?=[^。！？\n]{{0,48}}?(?:{respectively}))"
        # (…合计拥有门店约1,560家。其中，某甲和某乙去年分别新开门店…: or a part of what the sentence before counted)
        rf"|(?<=[。！？\n])(?:{part})[，,](?=[^。！？\n]{{0,48}}?(?:{respectively})))"
        rf"(?:以[^，,。；;！？\n]{{1,10}}?[为為]主的)?"  # (以外销为主的某甲、某乙…)
        # (a Latin letter may end or stand inside a name: 某K)
        rf"(?!{descriptors})(?P<items>{item}(?:(?:{_links()}){item}){{1,3}})"
        rf"(?=(?:的|(?P<dated>{period}|(?:19|20)[0-9]{{2}}年))[^，,。；;：:\n]{{0,12}}?(?:{respectively}))",
        regex.MULTILINE,
    )


@cache
def _release_introduced() -> regex.Pattern[str]:
    """A name a descriptor introduces, right before a day and a verb of publishing (醫療影像軟體廠商某某昨（9）日公布
    2月營收; 漁網及箱網設備廠某某昨（10）日公布: 廠 too): a company's, whatever its ending."""
    longer = _descriptors()
    release = words_pattern(release_verbs())
    # (在线音频平台某某25日晚向港交所更新招股书: or, past the evening, 向 an exchange and a verb of filing)
    tod = words_pattern(words("time_of_day"))
    filing = rf"(?:{tod}|晚)?向\p{{Han}}{{2,6}}?(?:{words_pattern(_forms().get('filing_verb', ()))})"
    return regex.compile(
        rf"(?:{longer})(?P<name>[^\P{{Han}}的]{{2,6}}?)(?={_RELEASE_DAY}(?:{release}|{filing}))"  # (之 may be a name's: 商之器)
    )


@cache
def _officer_opening() -> regex.Pattern[str]:
    """A short name opening its sentence right before a company officer's title (role ``officer_title``, another
    title and 兼 before it allowed) and a person's name (某某联合创始人兼总裁张三在会上表示), or before its person in
    charge and a verb of speaking to the press (某某相关负责人对记者说: role ``spokesperson``)."""
    own = words_pattern(_own_titles())
    officer = words_pattern(words("officer_title"))
    surnames = words_pattern(_surname_set())
    spokes = words_pattern(words("spokesperson"))
    return regex.compile(
        rf"(?:^|(?<=[。！？]))(?P<name>\p{{Han}}{{2,6}}?)(?=(?:(?:{own})兼)?(?:{officer})(?:{surnames})\p{{Han}}"
        rf"|(?:{spokes})(?:对|對|向|告诉|告訴)(?:记者|記者|本报|本報))",
        regex.MULTILINE,
    )


@cache
def _operator_opening() -> regex.Pattern[str]:
    """A short name opening its sentence (after 在 and a place and a comma, or not) before a word saying it runs
    what follows (role ``operator_of``: 在江苏昆山，某某旅游运营的某某古镇…), or after its province and 的 before its
    period's figures (:func:`dated_subject`: 山西的某某便利去年新开门店…)."""
    regions = words_pattern(region_prefixes())
    return regex.compile(
        rf"(?:(?:在|於|于)\p{{Han}}{{2,6}}[，,])?(?P<name>\p{{Han}}{{2,6}}?)(?=(?:{words_pattern(words('operator_of'))}))"
        # (山西的某某便利去年新开门店420家: or after its province and 的, its period's figures)
        rf"|(?:{regions})的(?P<name>\p{{Han}}{{2,6}}?)(?=(?:{dated_subject().pattern}))"
    )


@cache
def _ticker_introduced() -> regex.Pattern[str]:
    """A name a descriptor introduces, right before a ticker in Latin capitals in brackets (循环经济企业某某新生
    （ABCD）, 温控仓储运营商Lineage（LINE）, 墓园服务商Northfield Memorial（NFM）): a listed company's, whatever its
    ending (in Latin letters, up to three capitalised words)."""
    longer = _descriptors(longer_only=True)  # (not 出厂价格指数（PPI）)
    word = rf"[A-Z][A-Za-z0-9&]{{1,{_MAX_LATIN_NAME - 1}}}"
    return regex.compile(
        rf"(?:{longer})(?P<name>[^\P{{Han}}{_NAME_BREAK}]{{2,8}}?"
        rf"|(?<![A-Za-z])[A-Z][A-Za-z0-9&]{{2,{_MAX_LATIN_NAME - 1}}}(?: {word}){{0,2}})"
        r"(?=[ ]?[(（][A-Z]{2,5}[)）])"
    )


@cache
def _firm_descriptors() -> tuple[str, ...]:
    """The descriptors of a firm's kind: two characters or more, ending in role ``firm_kind_char`` (厂商, 车企)."""
    kinds = tuple(_forms().get("firm_kind_char", ()))
    return tuple(w for w in descriptor_ends() if len(w) >= 2 and w.endswith(kinds))


@cache
def _measure_introduced() -> regex.Pattern[str]:
    """A name a descriptor of a firm's kind (:func:`_firm_descriptors`) introduces, right before 的 and its own
    measure (role ``company_measure``: 另一家液压支架厂商某某重机的业绩则…): a company's, whatever its ending."""
    firms = words_pattern(_firm_descriptors())
    return regex.compile(
        rf"(?:{firms}){_merchant_guard()}(?P<name>[^\P{{Han}}{_NAME_BREAK}]{{2,8}}?)"
        rf"(?=的(?:{words_pattern(words('company_measure'))}))"
    )


@cache
def _dated_introduced() -> regex.Pattern[str]:
    """A name a descriptor of a firm's kind (as :func:`_measure_introduced`) or a leader's (role ``leader_descriptor``)
    introduces, right before a period and a verb or noun of its own figures (开放式产品龙头某某去年出口额约…): a
    company's, whatever its ending (not a list: 某甲和某乙去年营收分别…)."""
    forms = _forms()
    period = words_pattern(forms.get("dated_period", ()))
    figure = words_pattern(forms.get("dated_figure", ()))
    return regex.compile(
        rf"(?:{words_pattern([*_firm_descriptors(), *forms.get('leader_descriptor', ())])}){_merchant_guard()}(?P<name>[^\P{{Han}}{_NAME_BREAK}和与與及]{{2,8}}?)"
        rf"(?=(?:[0-9０-９]{{4}}年度?(?:{period})?|(?:{period}))的?(?:{figure}))"
    )


@cache
def _introduced_anchors() -> tuple[tuple[regex.Pattern[str], re.Pattern[str], int], ...]:
    """The names a descriptor introduces (:func:`_introduced`, :func:`_ticker_introduced`,
    :func:`_measure_introduced`, :func:`_dated_introduced`, :func:`_release_introduced`), each with an ``re``
    pattern for what must stand right after every match of it (more than that: an officer's title, a ticker in
    brackets, 的 and a measure, a period, a day and a release verb), and how many characters from the start of that
    the match's look ahead reads at most."""
    titles, release = _own_titles(), release_verbs()
    return (
        (
            _introduced(),
            re.compile(words_pattern(titles)),
            max(map(len, titles), default=0) + max(map(len, _surname_set()), default=0) + 1,
        ),
        (_ticker_introduced(), re.compile(r"[(（][A-Z]{2,5}[)）]"), 9),  # (a space before it: see _ending_at)
        (_measure_introduced(), re.compile(rf"的(?:{words_pattern(words('company_measure'))})"), 9),
        (
            _dated_introduced(),
            re.compile(rf"[0-9０-９]{{4}}年|{words_pattern(_forms().get('dated_period', ()))}"),
            16 + max(map(len, _forms().get("dated_figure", ())), default=0),
        ),
        (
            _release_introduced(),
            re.compile(
                rf"{_RELEASE_DAY}(?:{words_pattern(release)}|(?:{words_pattern(words('time_of_day'))}|晚)?向)"
            ),
            10
            + max(
                *map(len, release),
                max(map(len, words("time_of_day")))
                + 1
                + 6
                + max(map(len, _forms().get("filing_verb", ())), default=0),
            ),
        ),
    )


def _ending_at(
    pattern: regex.Pattern[str], anchor: re.Pattern[str], text: str, a: int, b: int, reach: int, ahead: int
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, a, b)`` for a pattern at most ``reach`` characters long each of whose matches ends
    where ``anchor`` matches, reading at most ``ahead`` characters on: only the stretches around the anchors
    are scanned (a descriptor's alternation tried at every character of a page was a tenth of ``extract``)."""
    windows: list[list[int]] = []
    for m in anchor.finditer(text, a, b):
        start = max(a, m.start() - reach - 1)  # (one more: a space may stand before the anchor)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = m.end()
        else:
            windows.append([start, m.end()])
    for start, end in windows:
        for m in pattern.finditer(text, start, min(b, end + ahead)):
            if m.start() > end:
                break
            yield m


_OPENING = re.compile(r"[。！？\n]")


def _at_openings(pattern: regex.Pattern[str], text: str, a: int, b: int) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, a, b)`` for a pattern whose matches start only where a paragraph or sentence
    opens (``a``, or after 。！？ or a line break) and hold no such mark: tried at those places alone."""
    for pos in (a, *(m.end() for m in _OPENING.finditer(text, a, b))):
        if pos < b and (m := pattern.match(text, pos, b)) is not None:
            yield m


def _in_sentences_with(
    pattern: regex.Pattern[str], cue: re.Pattern[str], text: str, a: int, b: int
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, a, b)`` for a pattern whose matches hold no 。 or line break but the mark that opens
    them, and need ``cue`` in their sentence (a respectively): only the sentences holding the cue are scanned."""
    end = a
    for m in cue.finditer(text, a, b):
        if m.start() < end:
            continue
        start = max(text.rfind("。", a, m.start()), text.rfind("\n", a, m.start()), a)
        ends = [k for k in (text.find("。", m.end(), b), text.find("\n", m.end(), b)) if k >= 0]
        end = min(ends) if ends else b
        yield from pattern.finditer(text, start, end)


def _pointed_back(text: str, surface: str, after: int, last: dict[str, int]) -> bool:
    """Whether a name ending in a short legal form (某某旅游集团) is pointed back to after ``after`` by a pronoun
    of that form (该集团: role ``company_pronoun``); ``last`` memoises where the text writes each pronoun last."""
    form = next(
        (w for w in _forms().get("short_legal", ()) if surface.endswith(w) and len(surface) > len(w) + 1),
        None,
    )
    if form is None:
        return False
    for p in words("company_pronoun"):
        if p.endswith(form):
            if p not in last:
                last[p] = text.rfind(p)
            if last[p] >= after:
                return True
    return False


def _after_company_pronoun(text: str, pos: int) -> bool:
    """Whether the company in context stands right before ``pos``: a pronoun for it (role ``company_pronoun``:
    该公司), or a bare 公司 or 集团 opening its clause."""
    if text.endswith(words("company_pronoun"), 0, pos):
        return True
    bare = next((w for w in ("公司", "集团", "集團") if text.endswith(w, 0, pos)), None)
    return bare is not None and (pos == len(bare) or text[pos - len(bare) - 1] in _CLAUSE_OPEN)


def _past_inner_particle(text: str, begin: int, floor: int) -> int:
    """Where a coded name starts when a 的 inside it stopped the run (，绿的谐波（688017）): one or two characters
    before the 的 that open their clause and are no common word are the name's; else ``begin``."""
    if begin - 2 < floor or text[begin - 1] != "的":
        return begin
    for size in (1, 2):
        k = begin - 1 - size
        if k < floor or not _HAN_CHAR.match(text, k):
            break
        if (k == floor or text[k - 1] in _CLAUSE_OPEN) and not _common_word(text[k : begin - 1]):
            return k
    return begin


def _name_start(text: str, end: int, floor: int, longest: int, han_only: bool = False) -> int | None:
    """Where the name ending at ``end`` starts: after the last character that cannot be in a name,
    at most ``longest`` characters back; ``None`` when the run of name characters is longer."""
    char = _HAN_CHAR if han_only else _NAME_CHAR
    pos = end
    while pos > floor and char.match(text, pos - 1) and text[pos - 1] not in _NAME_BREAK:
        pos -= 1
        if end - pos > longest:
            return _after_descriptor(text, pos, end)
    if han_only and pos > floor and text[pos - 1].isascii() and text[pos - 1].isalnum():
        return None  # 42家A股上市银行: letters or digits glued before the run, not a name's start
    if not han_only and pos < end and "A" <= text[pos] <= "Z" and pos - 1 > floor and text[pos - 1] == " ":
        # (总部设在洛杉矶的Air Lease（AL.N）: a name in Latin letters of several capitalised words)
        words_before = _LATIN_WORDS_BEFORE.search(text, max(floor, pos - _MAX_LATIN_NAME * 2), pos)
        if words_before is not None and end - words_before.start() <= _MAX_LATIN_NAME * 2:
            pos = words_before.start()
    if (
        not han_only
        and pos - 1 > floor
        and text[pos - 1] in "-－"
        and _LISTING_SUFFIX.fullmatch(text, pos, end)
        and (_HAN_CHAR.match(text, pos - 2) or (text[pos - 2] == "*" and _NAME_CHAR.match(text, pos - 3)))
    ):  # 某某-KY（4137）, 91APP*-KY（6741）: a Taiwan listing's suffix (and mark) stays on the name before it
        mark = pos - 1 - (text[pos - 2] == "*")
        start = _name_start(text, mark, floor, longest - (end - mark), han_only)
        return pos if start is None or start == mark else start
    return pos


def _company_start(text: str, end: int, floor: int, longest: int, han_only: bool) -> int | None:
    """Where a company's name ending at ``end`` starts: after a descriptor before it, if any
    (小型酒企金樽酒业; a body's name may hold one: 中国连锁经营协会)."""
    pos = _name_start(text, end, floor, longest, han_only)
    after = None if pos is None else _after_descriptor(text, pos, end)
    if after is None and pos is not None and text.startswith("一", pos) and text[pos - 1 : pos] == "之":
        after = pos + 1  # (…特许经营商之一某某酒店集团（WH.N）: 之一 ends the descriptor)
    return pos if after is None else after


def _chamber(text: str, end: int, word: str) -> bool:
    """Whether a descriptor of traders ending at ``end`` has its 商 in a longer word: a chamber's name
    (某某进出口商会副会长), goods (新建商品住宅: no 建商); role ``merchant_word``."""
    return word.endswith("商") and text.startswith(_forms().get("merchant_word", ()), end)


def _after_descriptor(text: str, pos: int, end: int) -> int | None:
    """零部件供应商拓岳股份, 小型酒企金樽酒业: the name starts after a descriptor."""
    run = text[pos:end]
    best = -1
    unit = _forms().get("descriptor_not", ())
    for w in _forms().get("descriptor_end", ()):
        k = run.rfind(w)
        if k >= 0 and run.endswith(unit, 0, k + len(w)):
            continue  # 子公司某某: a unit of the company in context, named after its kind
        if k >= 0 and _chamber(run, k + len(w), w):
            continue
        # (易居企业控股（02048）: a descriptor word before a legal form alone is part of the name)
        if k >= 0 and len(run) - (k + len(w)) >= 2 and run[k + len(w) :] not in _legal_forms():
            best = max(best, k + len(w))
    return pos + best if best >= 0 else None


def generic_ending(rest: str) -> bool:
    """Whether ``rest``, written after a name, is a legal form, a firm's or an industry's ending (集團, 公司, 科技):
    the name with it is still the same company's."""
    forms = _forms()
    return rest in _legal_forms() or rest in forms.get("firm_suffix", ()) or rest in forms.get("industry", ())


@cache
def _legal_forms() -> frozenset[str]:
    """The legal forms, long and short (股份有限公司, 控股, 集团: roles ``legal`` and ``short_legal``)."""
    return frozenset((*_forms().get("legal", ()), *_forms().get("short_legal", ())))


def _strip_lead(text: str, start: int, end: int) -> int:
    """Skip function words before a name (据, 由, 其中…); a link word opening a sentence is the name's own
    first character (和仁科技的客户…: no 和 joins anything there)."""
    leads = _forms().get("lead", ())
    opening = start == 0 or text[start - 1] in "。！？!?\n"
    changed = True
    while changed and start < end:
        changed = False
        for w in leads:
            if opening and w in list_links():
                continue
            if text.startswith(w, start) and end - start - len(w) >= 2:
                start += len(w)
                changed = True
                break
    return start


def region_prefixes() -> frozenset[str]:
    """Provinces and cities that open companies' names (``company_forms.tsv`` role ``region_prefix``)."""
    return frozenset(_forms().get("region_prefix", ()))


@cache
def _places() -> frozenset[str]:
    """Provinces and cities (roles ``region_prefix`` and ``city``)."""
    return region_prefixes() | frozenset(_forms().get("city", ()))


def _opens_on_region(name: str) -> bool:
    """Whether ``name`` opens with a province or city (:func:`_places`) and goes on for two characters or more."""
    places = _places()
    return any(name[:k] in places for k in range(2, len(name) - 1))


def is_industry(word: str) -> bool:
    """Whether ``word`` is an industry ending alone (银行, 电影: ``company_forms.tsv`` role ``industry``)."""
    return word in _forms().get("industry", ())


def without_industry(name: str) -> str:
    """``name`` without an industry ending (马上消费金融 -> 马上): what no generic word may be part of."""
    ending = next((w for w in _forms().get("industry", ()) if name.endswith(w) and len(name) > len(w)), "")
    return name[: len(name) - len(ending)]


@cache
def _not_name_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """What no name opens with (a generic word of two or more characters, or 该, 本, 其…) and what no stem holds."""
    longer = [w for w in _forms().get("not_name", ()) if len(w) > 1]
    single = [w for w in _forms().get("not_name", ()) if len(w) == 1 and w in "该該本其的"]
    return regex.compile(words_pattern([*longer, *single])), regex.compile(words_pattern(longer))


def _new_name(name: str, known: Mapping[str, object], stem: str | None = None) -> bool:
    """Whether ``name`` may be a company no lexicon holds: no lexicon form, acceptable (:func:`_acceptable`), and
    holding no lexicon name."""
    return name not in known and _acceptable(name, stem) and not _known_inside(name, known)


def _scoped_name(name: str, known: Mapping[str, object]) -> bool:
    """A name a descriptor introduces that opens with a national or world scope (墓园运营商中国某某园则在3月下旬披露):
    a company's when three characters or more after the scope would be a name alone."""
    scope = _scope_opening(name)
    rest = name[len(scope) :]
    return bool(scope) and len(rest) >= 3 and _new_name(rest, known, rest) and not _common_word(rest)


def _scope_opening(name: str) -> str:
    """The national or world scope ``name`` opens with (:func:`body_scopes`: 中国, 全球), or ``""``."""
    return next((w for w in body_scopes() if name.startswith(w)), "")


def _common_word(word: str) -> bool:
    """A word of the general dictionary or of ``function_words.tsv``, in either script (學會 as 学会): no name."""
    folded = word.translate(_resources.variant_table())
    return any(w in _resources.common_bigrams() or w in _function_words() for w in {word, folded})


def _acceptable(name: str, stem: str | None = None) -> bool:
    """Whether a name found by its form may be a company's (not 国内银行, 上市银行, 该公司); ``stem``
    is what stands before an industry ending, which no generic word may be part of."""
    opening, inside = _not_name_patterns()
    if name in _forms().get("not_name", ()) or opening.match(name):
        return False
    if stem is not None and (
        inside.search(stem)
        or stem in _forms().get("industry", ())
        # (汽车起重机去年销量…: 起重 runs across into the ending 重机, a general noun, no name)
        or (
            name.startswith(stem)
            and any(
                m.start() < len(stem) < m.end() < len(name)
                for m in inside.finditer(name, max(0, len(stem) - 3))
            )
        )
    ):
        return (
            False  # a generic noun phrase with an industry ending: 上市银行, 中小银行; two endings: 寵物食品
        )
    if name in _forms().get("industry", ()) or name in _forms().get("financial_unit", ()):
        return False  # 其中證券單月獲利: an industry or a financial unit alone is no company's name
    return len(name) >= 2


def _short_form(full: str, text: str) -> str:
    """The shortest form of a legal name the text uses: 宁波银行 for 宁波银行股份有限公司 when the text
    writes it so, else the name without 有限公司 (某某股份, 某某集团)."""
    legal = _forms().get("legal", ())
    stem = full
    for ending in legal:
        if full.endswith(ending):
            stem = full[: -len(ending)]
            break
    short = _forms().get("short_legal", ())
    candidates = [stem + s for s in short if full.startswith(stem + s)]
    if len(stem) >= 2 and text.count(stem) > text.count(full):
        return stem
    region = next((r for r in _forms().get("region_prefix", ()) if stem.startswith(r)), None)
    if region is not None and len(stem) - len(region) >= _UNPREFIXED_MIN:
        # 浙江某某速运股份有限公司 -> 某某速运股份 (浙江龙盛 keeps its province: two characters would remain)
        stem, full = stem[len(region) :], full[len(region) :]
        candidates = [stem + s for s in short if full.startswith(stem + s)]
    for c in sorted(candidates, key=len):
        return c
    return stem if len(stem) >= 2 else full


def _shortened_endings(name: str, text: str) -> list[str]:
    """The forms of ``name`` with its ending shortened as the press writes it (role ``ending_short``:
    某某农村商业银行 as 某某农商银行), its region opening it left out or kept, that ``text`` writes."""
    out = []
    for pair in _forms().get("ending_short", ()):
        long, _, short = pair.partition(">")
        if not name.endswith(long):
            continue
        stem = name[: -len(long)]
        region = next((r for r in _forms().get("region_prefix", ()) if stem.startswith(r)), "")
        for s in {stem, stem[len(region) :]}:
            if len(s) >= 2 and (s + short) in text:
                out.append(s + short)
    return out


_SHORTENED_MIN = 4  # characters of a listed name the press shortens to its first two
_LATIN_LEAD = regex.compile(r"[A-Z]{2,5}(?=\p{Han})")  # a name's Latin capitals before its Han characters
_LATIN_INSIDE = regex.compile(r"\p{Han}+[A-Za-z]{1,3}\p{Han}+")  # 某e足食: a Latin letter inside a Han name
_HAN_RUN = regex.compile(r"\p{Han}+")
_DESCRIBED_REACH = 80  # characters past a list of names a described list over the same names may run
_ITEM_RUN = regex.compile(r"\p{Han}(?:\p{Han}|[A-Z])+")  # a listed name, capitals inside or at its end (某K)


@cache
def _short_subject_after() -> regex.Pattern[str]:
    """What follows a company's short name as a subject: a verb of saying or publishing (role ``results``),
    a quarter, a run of months, a year or a month."""
    return regex.compile(
        rf"\s?(?:则|則|亦|也|并|並)?(?:{_alt('results')}|指出|第[一二三四1-4]季|前[0-9一二三四五六七八九十]"
        rf"|(?:19|20)[0-9]{{2}}年|[0-9]{{1,2}}月)"
    )


@cache
def _described_opening() -> regex.Pattern[str]:
    """A name right after a clause on its origin (以视频会议系统起家的某某，; role ``origin_verb``) and a comma."""
    origin = words_pattern(_forms().get("origin_verb", ()))
    return regex.compile(
        rf"(?<=(?:^|[。！？\n])[^，,。；;！？\n“”]{{4,16}}?(?:{origin})的)(?P<name>\p{{Han}}{{2,6}}?)(?=[，,])",
        regex.MULTILINE,
    )


@cache
def _main_line_opening() -> regex.Pattern[str]:
    """A sentence opening on what a company mainly does (以电站锅炉管为主业的; role ``main_line``), then the name and
    its predicate with no comma (…的某某增速最快): the eight characters after it, of which the name is the longest
    start the text writes again."""
    main = words_pattern(_forms().get("main_line", ()))
    return regex.compile(
        rf"(?<=(?:^|[。！？\n])以[^，,。；;！？\n“”]{{2,12}}?(?:{main})的)(?P<name>\p{{Han}}{{2,8}})",
        regex.MULTILINE,
    )


@cache
def _contrast_opening() -> regex.Pattern[str]:
    """A name with an industry ending opening its paragraph or sentence before 则 (某某电子则仍在亏损线下方。该公司…),
    or its paragraph before a copula (某某科技是国内…的主要供应商，其…): the roundup's next company."""
    period = words_pattern(_forms().get("dated_period", ()))
    figure = words_pattern(_forms().get("dated_figure", ()))
    regions = words_pattern(region_prefixes())
    return regex.compile(
        # (上海的某某酒业则…: its place before it and 的)
        rf"(?:^|(?<=[。！？]))(?:(?:{regions})的)?(?P<name>\p{{Han}}{{1,4}}?(?:{_alt('industry')}))(?=则|則)"
        rf"|^(?P<name>\p{{Han}}{{1,4}}?(?:{_alt('industry')}))(?=是)"
        # (某某医药的业务集中在福建，…。公司1-6月营收…: its own business opening its paragraph)
        rf"|^(?P<name>\p{{Han}}{{1,4}}?(?:{_alt('industry')}))(?=的(?:{words_pattern(words('company_measure'))}))"
        # (某某特纸的压力更为明显。这家…纸企去年营收…: 的, then a short sentence, then 这家 calling it a kind of firm)
        # (这家总部位于江苏江阴的聚酯切片生产商: or a descriptor of what it makes or does)
        rf"|^(?P<name>\p{{Han}}{{2,6}}?)(?=的[^。！？\n]{{1,24}}。(?:{words_pattern(words('firm_demonstrative'))})"
        rf"[^，,。！？\n]{{0,24}}?(?:{words_pattern((*_firm_kinds(), *(w for w in descriptor_ends() if len(w) > 1)))}))"
        # (某某医疗的日子则不太好过。公司上半年收入…: an industry ending, 的, a short sentence, then 公司; with no
        # known ending, a name the text writes again: 某某筑的复苏则相对温和。公司去年营收…)
        rf"|^(?P<name>\p{{Han}}{{1,4}}?(?:{_alt('industry')}))(?=的[^。！？\n]{{1,16}}。公司)"
        # (某某电的表现则相对逊色。上半年营收…: or the next sentence, its subject left out, opens on a period and
        # a figure's noun)
        rf"|^(?P<bare>\p{{Han}}{{2,5}}?)(?=的[^。！？\n]{{1,16}}。(?:公司|(?:{period})的?(?:{figure})))"
        # (其中，某某在山东新建的生产线已基本达产，该公司…: a name before 在, its sentence then calling it 该公司)
        rf"|(?:^|(?<=[。！？]))(?:(?:{words_pattern(words('part_lead'))})[，,])?(?P<located>\p{{Han}}{{2,6}}?)(?=在)",
        regex.MULTILINE,
    )


@cache
def _seated() -> regex.Pattern[str]:
    """A name with an industry ending, or one in Latin letters, after where its headquarters are (role
    ``seat_lead``), a place and 的, before a function word or a mark (总部位于西安的某某健康保险以…为特色): a
    company's; one with an industry ending may open a list (总部位于南京的某某财险和总部位于西安的…)."""
    seat = words_pattern(_forms().get("seat_lead", ()))
    return regex.compile(
        rf"(?:{seat})[^\P{{Han}}的]{{2,8}}?的(?P<name>[^\P{{Han}}的]{{1,6}}?(?:{_alt('industry')})"
        r"(?=[以是在则則也亦将將已都和与與及，,、（(])"
        # (总部位于阿姆斯特丹的Northridge Coffee也…: a name in Latin letters needs no industry ending)
        r"|[A-Z][A-Za-z0-9&.'\-]{1,11}(?: [A-Z][A-Za-z0-9&.'\-]{0,11}){0,2}(?=[以是在则則也亦将將已，,、（(]))"
    )


@cache
def _english_named() -> regex.Pattern[str]:
    """A bracketed name in Latin letters right after a name in Han characters, then within the clause a verb of
    publishing (服务商索迪斯（Sodexo）7日公布…业绩, 金巴斯集团（Compass Group）11月21日披露): the match is the
    bracket, the name ends before it."""
    release = words_pattern(release_verbs())
    return regex.compile(
        # (a proper name, lower case in it: not an abbreviation of a field, 矽智財（IP）廠)
        rf"(?<=\p{{Han}})[（(][A-Z][A-Za-z0-9&.,' -]{{0,39}}[a-z][A-Za-z0-9&.,' -]{{0,39}}[)）]"
        rf"(?=[^，,。；;：:\n]{{0,12}}?(?:{release}))"
    )


@cache
def _contrast_speaker() -> regex.Pattern[str]:
    """A name opening a ；-part before 则 and a verb of saying (role ``turn_say``: 途家表示，…；某某民宿则称，…): the
    next company of a sentence that sets companies' statements side by side."""
    say = words_pattern(words("turn_say"))
    return regex.compile(rf"[；;](?P<name>\p{{Han}}{{3,6}}?)(?=(?:则|則)(?:{say})[，,：:])")


@cache
def _topic_opening() -> regex.Pattern[str]:
    """A short name opening its paragraph as the topic (某某方面，), the clause after it on its report or the company
    (某某方面，年报显示公司…, 某某科技方面，这家…的公司…): a roundup's next company."""
    own = words_pattern(
        (*words("results_noun"), *words("company_pronoun"), *words("firm_demonstrative"), "公司")
    )  # (某某方面，这家由…更名而来的公司去年…)
    return regex.compile(
        rf"^(?P<name>\p{{Han}}{{2,6}}?)(?=(?:方面)[，,][^，,。；;！？\n]{{0,6}}?(?:{own}))", regex.MULTILINE
    )


def _headline_subject(text: str, name: str) -> bool:
    """Whether the headline (the first line) holds ``name`` right before a measure of a company's or a results word
    (某某净利增近一倍, roles ``company_measure``, ``results_noun``)."""
    end = text.find("\n")
    k = text.find(name, 0, end if end >= 0 else len(text))
    return k >= 0 and text.startswith(_headline_measures(), k + len(name))


@cache
def _headline_measures() -> tuple[str, ...]:
    return tuple(sorted({*words("company_measure"), *words("results_noun")}, key=len, reverse=True))


@cache
def _measure_opening() -> regex.Pattern[str]:
    """A short name of no known ending opening its paragraph before 的 and its own measure (某某的收入规模更大，…)."""
    return regex.compile(
        rf"^(?P<name>\p{{Han}}{{2,4}}?)(?=的(?:{words_pattern(words('company_measure'))}))", regex.MULTILINE
    )


@cache
def _region_note() -> regex.Pattern[str]:
    """A national scope in brackets ending a name before its stock code (某某水泥（中國）; role ``body_scope``)."""
    return regex.compile(rf"[（(](?:{words_pattern(body_scopes())})[）)]\Z")


def _written_alone(
    text: str, begin: int, end: int, known: Mapping[str, object], uses: Callable[[str], int]
) -> int:
    """Where a coded name starts when the text writes a shorter ending of the run before the code on its own (老牌
    油漆商某某集團（00701）…。某某集團昨日…): a descriptor no list holds opens the run (its last character one of
    role ``firm_kind_char``), and the name is that ending, the longest the text writes elsewhere that may be a
    name (with a national scope before it); else ``begin``."""
    run, kinds = uses(text[begin:end]), _forms().get("firm_kind_char", ())
    for k in range(begin + 2, end - 1):
        alone = text[k:end]
        if uses(alone) > run:
            # (山東造紙商中國某某紙業（02002）…。某某紙業昨日…: a national scope between the descriptor and the
            # ending written alone opens the name)
            scope = next((w for w in body_scopes() if text.endswith(w, begin, k)), "")
            if scope and text[k - len(scope) - 1] in kinds and k - len(scope) - 1 > begin:
                k -= len(scope)
            if (
                text[k - 1] in kinds
                and len(alone) >= 3
                and alone not in _legal_forms()
                # (珠寶電商集團中國白銀（00815）…。中國白銀昨日…: a national scope may open the ending itself)
                and (_new_name(alone, known) or (_scoped(alone) and alone not in known))
                and not _common_word(alone)
                and alone[0] not in _FUNCTION_CHARS
            ):
                return k
            break  # (a shorter ending is written more often still: the longest only is tried)
    # (本港押業集團某某押業信貸控股（01319）…。某某押業昨日…: or the ending's first characters, written alone)
    for k in range(begin + 2, end - 3):
        alone = text[k:end]
        if (
            text[k - 1] in kinds
            and any(uses(alone[:j]) > run for j in range(3, len(alone)))
            and alone not in _legal_forms()
            and _new_name(alone, known)
            and not _common_word(alone)
            and alone[0] not in _FUNCTION_CHARS
        ):
            return k
    return begin


def _demonstrative_clause(text: str, start: int) -> bool:
    """Whether the sentence holding ``start`` opens with a demonstrative for a firm (这家…): what follows describes
    a company the text named before."""
    opening = max(text.rfind(c, 0, start) for c in "。！？\n") + 1
    return text.startswith(words("firm_demonstrative"), opening)


def _company_opens(text: str, start: int, subjects: tuple[str, ...]) -> bool:
    """Whether a sentence starting at ``start`` opens with ``subjects`` (公司…), or its second clause does after
    a short first one (受地产放缓拖累，公司去年营收…)."""
    if text.startswith(subjects, start):
        return True
    comma = _FIRST_COMMA.match(text, start)
    return comma is not None and text.startswith(subjects, comma.end())


# A.O. before a name in Han characters, or a name's Latin capitals glued to it (某某的母公司CEC國際控股（00759）)
_INITIALS = regex.compile(r"(?<![A-Za-z.])(?:(?:[A-Z]\.\s?){1,3}|[A-Z]{2,5})\Z")
_FIRST_COMMA = regex.compile(r"[^，,。！？\n；;]{1,16}[，,]")


def _named_as_category(text: str, surface: str) -> bool:
    """Whether the text writes ``surface`` before a noun that makes it a kind of goods (存储芯片产业, 某某行业;
    role ``category_noun``): a definition by copula of a product, not a company."""
    k = text.find(surface)
    while k >= 0:
        if text.startswith(words("category_noun"), k + len(surface)):
            return True
        k = text.find(surface, k + len(surface))
    return False


# times the text writes a name of no known ending that opens a paragraph on its measure
_MEASURE_OPENING_USES = 3


@cache
def _said_opening() -> regex.Pattern[str]:
    """A short name opening its sentence before a verb of saying and a comma (某某称，…; ``reporting_verbs.tsv``
    kind ``say``)."""
    say = words_pattern(
        r["verb"] for r in _resources.table("reporting_verbs.tsv", ("verb", "kind")) if r["kind"] == "say"
    )
    return regex.compile(
        rf"(?:(?<=[。！？\n])|^)(?P<name>\p{{Han}}{{2,5}}?)(?=(?:{say})[，,：:])", regex.MULTILINE
    )


def _titled(text: str, name: str) -> bool:
    """Whether ``name`` stands after a title somewhere in ``text`` (财务总监某某: a person's name)."""
    k = text.find(name)
    while k >= 0:
        if text.endswith(_titles(), 0, k):
            return True
        k = text.find(name, k + 1)
    return False


def _part_of_known(text: str, name: str, known: Mapping[str, object]) -> bool:
    """Whether ``name`` opens a longer lexicon form (三陽 of 三陽工業: the press's short form) or is part of one the
    text writes (精測 of 中華精測)."""
    candidates = _forms_holding(known).get(name[:2], ()) if len(name) >= 2 else known
    return any(len(k) > len(name) and (k.startswith(name) or (name in k and k in text)) for k in candidates)


# id of a lexicon mapping -> (the mapping, its size when indexed, its forms by each two characters they hold)
_HOLDING: dict[int, tuple[Mapping[str, object], int, dict[str, list[str]]]] = {}


def _forms_holding(known: Mapping[str, object]) -> dict[str, list[str]]:
    """The lexicon's forms of three or more characters by each pair of adjacent characters they hold, built once
    per lexicon (again when forms were added since)."""
    held = _HOLDING.get(id(known))
    if held is None or held[0] is not known or held[1] != len(known):
        index: dict[str, list[str]] = {}
        for k in known:
            for pair in {k[i : i + 2] for i in range(len(k) - 1)} if len(k) >= 3 else ():
                index.setdefault(pair, []).append(k)
        held = _HOLDING[id(known)] = (known, len(known), index)
    return held[2]


def _named_subject(text: str, surface: str, known: Mapping[str, object]) -> bool:
    """Whether ``surface``, found by its place alone, may be a company no lexicon holds: a new name, no time word,
    common word or function word at its start, written again as a subject (:func:`_written_again_as_subject`)."""
    return (
        _new_name(surface, known, surface)
        and not _TIME_CHAR.search(surface)
        and not _common_word(surface)
        and surface[0] not in _FUNCTION_CHARS
        and _written_again_as_subject(text, surface)
    )


def _written_again_as_subject(text: str, name: str) -> bool:
    """Whether ``name`` is written twice or more, once at least as a subject (某某表示, 某某上半年…)."""
    follow = _short_subject_after()
    k, seen, subject = text.find(name), 0, False
    while k >= 0:
        seen += 1
        subject = subject or follow.match(text, k + len(name)) is not None
        k = text.find(name, k + 1)
    return seen >= 2 and subject


def stands_as_subject(text: str, short: str, surface: str, times: int = 1) -> bool:
    """Whether ``short`` stands in ``text`` as a subject at least ``times`` times, not as the start of ``surface``."""
    follow = _short_subject_after()
    k = text.find(short)
    found = 0
    while k >= 0:
        if not text.startswith(surface, k) and follow.match(text, k + len(short)):
            found += 1
            if found >= times:
                return True
        k = text.find(short, k + 1)
    return False


def find_unknown_companies(
    text: str,
    spans: list[tuple[int, int]],
    known: Mapping[str, object],
    tickers: Mapping[str, frozenset[str]] | None = None,
) -> list[Found]:
    """Every mention of a company no lexicon holds, in ``spans`` of ``text``, in text order.

    ``known`` maps the lexicon's surface forms (names found this way that the lexicon
    already holds are left to it). ``tickers`` maps a company to its stock codes
    (:func:`~claimkit.attribution.lexicon.ticker_key` form): a name before a stock code that runs
    past a lexicon name, when the code is not that company's (``某某种业（SEED.US）`` holding the
    name of a packaging company ``某某``), is another company's, and displaces the lexicon match.
    """
    legal, coded, subject = _anchors()
    seen: dict[str, int] = {}

    def uses(word: str) -> int:
        """How many times the text writes ``word`` (counted once per word: a page of one line repeated stays linear)."""
        if word not in seen:
            seen[word] = text.count(word)
        return seen[word]

    named: dict[str, str] = {}  # a surface form -> the name it stands for
    last_written: dict[str, int] = {}  # where the text writes a pronoun last (see _pointed_back)
    listed: set[str] = set()  # the names found before a stock code
    displacing: set[str] = set()
    reported = reported_results()
    for a, b in spans:
        for pattern in (legal, coded, subject, reported):
            for m in pattern.finditer(text, a, b):
                is_subject = pattern is subject or pattern is reported
                name_end = m.end() if pattern is legal else m.start() if pattern is coded else m.end()
                stem_end = m.start() if pattern is not coded else name_end
                if pattern is coded and (note := _region_note().search(text, max(a, name_end - 6), name_end)):
                    stem_end = note.start()  # (某某水泥（中國）（00743）: the bracketed region is the name's)
                begin = _company_start(
                    text, stem_end, a, _MAX_SUBJECT if is_subject else _MAX_NAME, is_subject
                )
                if begin is None or stem_end - begin < (1 if pattern is not coded else 2):
                    continue
                if stem_end - begin == 1 and text[begin] in _forms().get("verb_char", ()):
                    continue  # (…，料集團全年溢利…: a verb before the ending, no name)
                if pattern is coded:
                    begin = _past_inner_particle(text, begin, a)
                    # (某某制造商A.O.史密斯（AOS.N）: a founder's initials open the name)
                    initials = _INITIALS.search(text, max(a, begin - 8), begin)
                    if initials is not None:
                        begin = initials.start()
                if not text.endswith(
                    descriptor_ends(), 0, begin
                ):  # (龍頭和潤企業: a descriptor, then the name whole)
                    begin = _strip_lead(text, begin, name_end)
                # (營養及健康產品集團某某（01112）: the last descriptor inside the run introduces the name)
                ends = (
                    descriptor_ends()
                    if pattern is not coded
                    else (*descriptor_ends(), *_coded_descriptor_ends())
                )
                # (易居企业控股（02048）: a descriptor word before a legal form alone is part of the name)
                begin = max(
                    (
                        k + len(w)
                        for w in ends
                        if (k := text.rfind(w, begin, stem_end)) >= 0
                        and stem_end - k - len(w) >= 2
                        and text[k + len(w) : stem_end] not in _legal_forms()
                        and not _chamber(text, k + len(w), w)
                    ),
                    default=begin,
                )
                begin = _after_group_descriptor(text, begin, stem_end)
                if pattern is coded:
                    begin = _written_alone(text, begin, name_end, known, uses)
                if is_subject and _BY_SEGMENT.search(text, max(a, begin - 12), begin):
                    continue
                surface = text[begin:name_end]
                if is_subject and text.startswith(words("office_suffix"), name_end):
                    continue  # 山西省能源局副局长: a government office, not a company with an industry ending
                if pattern is reported and surface.endswith(release_verbs()):
                    continue  # 同时披露的一季报显示: the verb of publishing, no name
                stem = without_industry(text[begin:stem_end]) if is_subject else None
                # (必某（6625）: a product's name before a code its owner does not trade under is a company's)
                product = getattr(known.get(surface), "kind", None) == "product" and pattern is coded
                if (
                    surface in known
                    and not product
                    and not (
                        pattern is coded and _foreign_code(surface, text[name_end : m.end()], known, tickers)
                    )
                ) or not (
                    _acceptable(surface, stem)
                    or (pattern is coded and (_scoped(surface) or _numeral_name(surface)))
                    # (以…起家的其士某某（00025）…。其士某某昨日收報: a coded name the text writes again may open
                    # on a function word)
                    or (
                        pattern is coded
                        and len(surface) >= 4
                        and uses(surface) >= 2
                        and not _common_word(surface)
                    )
                ):
                    continue
                if pattern is coded and _other_company(surface, text[name_end : m.end()], known, tickers):
                    displacing.add(surface)
                elif product or _known_inside(surface, known):
                    continue
                # (某某-KY: a Taiwan listing keeps its mark, as the press writes the listed name)
                name = (
                    _short_form(surface, text)
                    if pattern is legal and not _LISTING_TAIL.search(surface)
                    else surface
                )
                abbreviation = _ABBREVIATION.match(text, name_end)
                if pattern is coded and abbreviation is None:
                    abbreviation = _CODE_ABBREVIATION.match(text, name_end)
                if pattern is legal and abbreviation is None:
                    abbreviation = _LATIN_ABBREVIATION.match(text, name_end)
                if abbreviation is not None:
                    name = abbreviation.group("alias")
                named.setdefault(surface, name)
                named.setdefault(name, name)
                for short in _shortened_endings(surface, text):
                    named.setdefault(short, name)  # 吉林某台农村商业银行（06122）…。某台农商银行总资产…
                # (某某咖啡（Northridge Coffee，NRC.N）…Northridge Coffee表示: the English name stands for it too)
                if pattern is coded and (english := _CODE_ENGLISH.match(text, name_end)) is not None:
                    named.setdefault(english.group("alias"), name)
                if pattern is coded:
                    listed.add(surface)
                form = next((w for w in _legal_forms() if surface.endswith(w)), None)
                if pattern is coded and form is not None and name == surface:
                    # (某某企业控股（02048.HK）…。某某企业表示: a listed name without its legal form, where the text
                    # writes it, is the same company's; 香港某某科技集團（01725）…。香港某某科技原以…: it displaces the
                    # lexicon name inside it too)
                    stem = surface[: -len(form)]
                    if len(stem) >= 3 and uses(stem) > uses(surface) and stem not in known:
                        named.setdefault(stem, name)
                        if surface in displacing:
                            displacing.add(stem)
                if pattern is coded and name == surface:
                    # (中國某某集團（03348）…。預測某某全年…, 中國某某（03318）…。某某電子煙業務…: and without the national
                    # scope or the region opening it and its legal form, two characters or more that are no general
                    # word, written alone more often than the name)
                    stem = surface[: -len(form)] if form is not None else surface
                    scope = next((w for w in (*body_scopes(), *region_prefixes()) if stem.startswith(w)), "")
                    rest = stem[len(scope) :]
                    if (
                        scope
                        and len(rest) >= 2
                        and uses(rest) > uses(surface)
                        and rest not in known
                        and (not _common_word(rest) or stands_as_subject(text, rest, surface, 2))
                        and not _known_inside(rest, known)
                    ):
                        named.setdefault(rest, name)
    descriptors = descriptor_ends()
    # (a descriptor and a name of up to eight characters, or three words of up to twelve Latin letters)
    reach = max(map(len, descriptors), default=0) + max(8, 3 * _MAX_LATIN_NAME + 2)
    release = _release_introduced()
    for a, b in spans:
        for introduced, m in (
            (pattern, match)
            for pattern, anchor, ahead in _introduced_anchors()
            for match in list(_ending_at(pattern, anchor, text, a, b, reach, ahead))
        ):
            surface = m.group("name")
            cut = max((surface.rfind(w) + len(w) for w in descriptors if w in surface), default=0)
            surface = surface[cut:]  # 连锁品牌某某咖啡: the last descriptor introduces the name
            if (
                not _new_name(surface, known, surface)
                or (
                    _common_word(surface)
                    # (管閥件廠上品昨（8）日公布…。上品去年…: a general word before a release day, written again)
                    and not (introduced is release and uses(surface) >= 2)
                )
            ) and not _scoped_name(surface, known):
                continue  # (公司财务总监和董事长: a department before a title, 和 no surname there)
            if surface.startswith(tuple(list_links())) or _known_before(text, m.start(), known):
                continue  # 某某品牌及公关处总经理: the descriptor is the named company's own, the rest a department
            named.setdefault(surface, surface)
    for a, b in spans:
        for m in _at_openings(_in_own_report(), text, a, b):
            surface = text[_strip_lead(text, m.start("name"), m.end("name")) : m.end("name")]
            if (
                not surface.startswith(("公司", "集团", "集團"))
                and not any(len(w) > 1 and w in surface for w in _forms().get("lead", ()))
                and _new_name(surface, known, surface)
                and not _common_word(surface)
                and not _TIME_CHAR.search(surface)
                and surface not in word_set("company_pronoun")
                and surface[0] not in _FUNCTION_CHARS
            ):
                named.setdefault(surface, surface)  # 某某在半年报中解释: the company of that report
    for a, b in spans:
        for m in _dated_opening().finditer(text, a, b):
            surface = m.group("name")
            if (
                not _new_name(surface, known, surface)
                or _TIME_CHAR.search(surface)
                or _common_word(surface)
                # (和某科技: a name, when the text writes it again as a subject: 和某气体…。和某气体表示)
                or (
                    surface.startswith(_forms().get("lead", ()))
                    and not (surface[0] in "和与與及" and _written_again_as_subject(text, surface))
                )
                or (surface[0] in _FUNCTION_CHARS and surface[0] not in "和与與及")
                or surface[-1] in "的是"
                # (这家以钛材起家的科创板公司，去年营收…: the clause points back to a company named before; what
                # it describes is a kind of company)
                or _demonstrative_clause(text, m.start())
            ):
                continue  # (单看第三季度实现营收: a function word; 我们有信心全年收入…: a clause, no name)
            named.setdefault(surface, surface)
    for a, b in spans:
        for m in _described_opening().finditer(text, a, b):
            # 以视频会议系统起家的苏州科达，近年…。苏州科达表示: a name a clause describes, opening the sentence's
            # subject, and written again as a subject elsewhere
            surface = m.group("name")
            if _named_subject(text, surface, known):
                named.setdefault(surface, surface)
    for a, b in spans:
        for m in _main_line_opening().finditer(text, a, b):
            # 以电站锅炉管为主业的某某增速最快。…某某在手订单…: the longest start the text writes again
            run = m.group("name")
            start = next((run[:k] for k in range(len(run), 1, -1) if uses(run[:k]) >= 2), None)
            if (
                start is None
                or start in named
                or not _new_name(start, known, start)
                or _TIME_CHAR.search(start)
                or _common_word(start)
                or start[0] in _FUNCTION_CHARS
            ):
                continue
            named.setdefault(start, start)
    seats = _forms().get("seat_lead", ())
    for a, b in spans:
        if not any(text.find(w, a, b) >= 0 for w in seats):
            continue
        for m in _seated().finditer(text, a, b):
            surface = m.group("name")
            if _new_name(surface, known, without_industry(surface)) and not _common_word(surface):
                named.setdefault(surface, surface)  # 总部位于西安的某某健康保险以…: the company seated there
    for a, b in spans:
        for m in _english_named().finditer(text, a, b):
            # 全球团餐服务商索迪斯（Sodexo）7日公布…: the Han name before its English one, publishing its results
            begin = _company_start(text, m.start(), a, _MAX_NAME, True)
            if begin is None or m.start() - begin < 2:
                continue
            surface = text[begin : m.start()]
            if (
                _new_name(surface, known)
                and not _common_word(surface)
                and not _TIME_CHAR.search(surface)
                and surface[0] not in _FUNCTION_CHARS
            ):
                named.setdefault(surface, surface)
    surnames = _surname_set()
    for a, b in spans:
        if text.find("；", a, b) < 0 and text.find(";", a, b) < 0:
            continue
        for m in _contrast_speaker().finditer(text, a, b):
            # 途家表示，…；某某民宿则称，…: a name no person's (a surname and one or two characters) speaking in turn
            surface = m.group("name")
            if (
                not (surface[0] in surnames and len(surface) <= 3)
                and _new_name(surface, known, surface)
                and not _common_word(surface)
                and not _TIME_CHAR.search(surface)
                and surface[0] not in _FUNCTION_CHARS
                and not surface.endswith(_firm_kinds())
            ):
                named.setdefault(surface, surface)
    kinds = _firm_kinds()
    for a, b in spans:
        for m in _at_openings(_topic_opening(), text, a, b):
            # 某某方面，年报显示公司…: a name the text writes again (its headline), opening its paragraph as the topic
            surface = m.group("name")
            if (
                (m.start() == a or text[m.start() - 1] == "\n")
                # (or one with an industry ending: 某某科技方面，)
                and (
                    _headline_subject(text, surface)
                    or len(without_industry(surface)) not in (0, len(surface))
                )
                and _new_name(surface, known, surface)
                and not _TIME_CHAR.search(surface)
                and not _common_word(surface)
                and not surface.endswith(kinds)
                and surface[0] not in _FUNCTION_CHARS
            ):
                named.setdefault(surface, surface)
    for a, b in spans:
        for m in _at_openings(_measure_opening(), text, a, b):
            # 某某的收入规模更大，1-9月营收…: a roundup's next company, opening its paragraph on its own measure, when
            # the text writes it three times or more
            surface = m.group("name")
            if (
                surface not in named
                and uses(surface) >= _MEASURE_OPENING_USES
                and _new_name(surface, known, surface)
                and not _TIME_CHAR.search(surface)
                and not _common_word(surface)
                and surface[0] not in _FUNCTION_CHARS
                and not surface.startswith(_forms().get("lead", ()))
            ):
                named.setdefault(surface, surface)
    pronouns = tuple(word_set("company_pronoun"))
    for a, b in spans:
        for m in _at_openings(_contrast_opening(), text, a, b):
            # (…written again, or 该公司 opening the next sentence: 某某电子则仍在…。该公司1-9月营收…; a
            # sentence, not a paragraph, it opens only so)
            surface = m.group("name") or m.group("bare") or m.group("located")
            stop = text.find("。", m.end(), b)
            if m.group("located"):
                end = stop if stop >= 0 else b
                again = any(text.startswith(pronouns, k + 1) for k in range(m.end(), end) if text[k] in "，,")
            elif m.group("bare"):
                again = uses(surface) >= 2 and not text.startswith(("公司", *pronouns), m.start())
            elif text.startswith("是", m.end()):
                # (某某科技是国内…的供应商，其…半年报显示: a copula defines industries too, 某某材料是…的关键材料;
                # a company is what its sentence then calls 其 or 该公司)
                end = stop if stop >= 0 else b
                # (…的生产企业，产品…。公司前三季度营收…: or 公司 opening the next sentence)
                again = (
                    any(
                        text.startswith(("其", *pronouns), k + 1)
                        for k in range(m.end(), end)
                        if text[k] in "，,"
                    )
                    or (stop >= 0 and _company_opens(text, stop + 1, ("公司", *pronouns)))
                ) and not _named_as_category(text, surface)
            else:
                again = uses(surface) >= 2 or (
                    stop >= 0 and text.startswith(("公司", *pronouns, *words("firm_demonstrative")), stop + 1)
                )
            if again and _new_name(surface, known, without_industry(surface)) and not _common_word(surface):
                named.setdefault(surface, surface)
    for a, b in spans:
        for m in (
            *_at_openings(_officer_opening(), text, a, b),
            *_at_openings(_operator_opening(), text, a, b),
        ):
            # (某某联合创始人兼总裁张三表示: a name the text writes again, its officer named after it; 在江苏昆山，
            # 某某旅游运营的某某古镇…: or what it runs)
            surface = m.group("name")
            # (某某中国区总裁张三: the company's regional unit, role ``region_unit``; its officer speaks for it)
            unit = next((w for w in _forms().get("region_unit", ()) if surface.endswith(w)), "")
            if unit and len(surface) - len(unit) >= 2:
                surface = surface[: -len(unit)]
            elif unit and surface == unit:
                continue  # (亞太區總裁某某表示: the unit of the company in context, no name)
            if (
                (
                    uses(surface) >= 2
                    or (m.re is _operator_opening() and _pointed_back(text, surface, m.end(), last_written))
                )
                and _new_name(surface, known)
                and not _common_word(surface)
                and not _TIME_CHAR.search(surface)
                and surface[0] not in _FUNCTION_CHARS
                and not surface.startswith(_forms().get("lead", ()))
                and not _part_of_known(text, surface, known)
                and not surface.endswith(_forms().get("firm_suffix", ()))  # (某某公司董事长: a description)
                and not any(t in surface for t in _titles())  # (主席兼行政总裁张三: titles, no name)
                # (香港某某國際投資（00308）…。香港某某旗下的…: the short form of a name found before is that name)
                and not (m.re is _operator_opening() and any(surface in n for n in named))
            ):
                named.setdefault(surface, surface)
    for a, b in spans:
        for m in _at_openings(_said_opening(), text, a, b):
            # 某某称，本季…: a name opening its sentence before a verb of saying, written again elsewhere
            # as a subject, whose first character opens no person's name (王某称: a person); a name ends before
            # a word no name holds (公告还披露: 公告, a common word)
            surface = m.group("name")
            stop = next((k for k, c in enumerate(surface) if c in word_set("name_stop")), len(surface))
            surface = surface[:stop]
            if (
                len(surface) >= 2
                and surface[0] not in _surname_set()
                and _named_subject(text, surface, known)
                and not surface.startswith(_forms().get("lead", ()))
                and not _part_of_known(text, surface, known)
                and not _titled(text, surface)
                and not surface.endswith(words("office_suffix"))  # (某某發展署指出: a government office)
                and not any(len(k) > len(surface) and k.startswith(surface) for k in named)
            ):  # (瑞禾泰餐（1234）…。瑞禾表示: the short form of a name found before)
                named.setdefault(surface, surface)
    for a, b in spans:
        for m in _ABBREVIATION.finditer(text, a, b):
            # 某某消费金融（以下简称“某某”）: a name the text declares a short form of, whatever its ending
            begin = _company_start(text, m.start(), a, _MAX_NAME, False)
            if begin is None:
                continue
            if not text.endswith(descriptor_ends(), 0, begin):
                begin = _strip_lead(text, begin, m.start())
            surface, alias = text[begin : m.start()], m.group("alias")
            if len(surface) < 3 or alias in known or not _new_name(surface, known) or surface in named:
                continue
            named.setdefault(surface, alias)
            named.setdefault(alias, alias)
    respectively = _respectively_word()  # (only sentences holding one are scanned)
    firm_kinds = _firm_kinds()
    for a, b in spans:
        for m in _in_sentences_with(_by_company_list(), respectively, text, a, b):
            # 分企业看，某甲和某乙的…分别为…: a breakdown by company lists companies
            topic = m.group("topic")
            if topic is not None and any(w in topic for w in words("subsidiary_topic")):
                continue  # (子公司中，某甲和某乙…分别: a group's own units, which its lexicon entry may hold)
            if text[m.start("items") - 1] == "的" and text.startswith("的", m.end("items")):
                # (韩资的某甲和意资的某乙去年…分别: each name after a phrase on it, a described list, below)
                opening = max(text.rfind("。", a, m.start()) + 1, a)
                described = _described_list().search(text, opening, min(b, m.end() + _DESCRIBED_REACH))
                if described is not None and described.start() <= m.start("items") < described.end():
                    continue
            items = regex.split(rf"(?:{_links()})", m.group("items"))
            if items[-1] in _places() and text.startswith("的", m.end("items")):
                # (河南的某甲和浙江的某乙去年…分别: the name after its place, not the place)
                placed = _placed_name().match(text, m.end("items"))
                items[-1] = placed.group("name") if placed is not None else ""
            for item in items:
                # (某甲、某乙去年的份额分别…: a time word between the last name and its 的 is no part of it)
                time_end = next((w for w in _forms().get("partner_end", ()) if item.endswith(w)), "")
                item = item[: len(item) - len(time_end)]
                # (某甲、某乙旗下奥特莱斯…分别: the owner before its units is the item; role ``unit_before``)
                item = next((item[:k] for w in words("unit_before") if (k := item.find(w)) > 0), item)
                # (中国某网: a scope word opening an item's name, as in the opening list below)
                if (
                    2 <= len(item) <= 8
                    and (_HAN_RUN.fullmatch(item) or _LATIN_INSIDE.fullmatch(item))
                    # (入榜企业中，超市、便利店和专业店企业分别: formats of store, kinds of firm, no names)
                    and (topic is None or not (_common_word(item) or item.endswith(firm_kinds)))
                    and (
                        _new_name(item, known)
                        or (_scoped(item) and item not in known and not _known_inside(item, known))
                    )
                ):
                    named.setdefault(item, item)
    for a, b in spans:
        for m in _in_sentences_with(_opening_list(), respectively, text, a, b):
            # 远景能源、中国海装的新增吊装容量分别为…: names side by side opening a sentence before 的 and a
            # respectively, one of them with an industry ending
            items = regex.split(rf"(?:{_links()})", m.group("items"))
            # (某甲和某乙截至年底时的…分别: a word of a point before the period is no part of the last name)
            point = next((w for w in words("point_before") if len(w) > 1 and items[-1].endswith(w)), "")
            if point:
                items[-1] = items[-1][: -len(point)]
            if m.group("dated") is None and not any(without_industry(item) != item for item in items):
                continue  # (某甲、某乙去年线上销售额分别…: a period after the names makes them subjects)
            if text[m.start()] in "；;" and not all(_opens_on_region(item) for item in items):
                continue  # (…；镇江某某和河南某某去年的销量分别…: after a ；, only names that open on their place)
            if _after_company_pronoun(text, m.start("items")):
                continue  # (公司静丙和白蛋白上半年的…分别: the company in context's own goods, no names)
            if all(
                2 <= len(item) <= (6 if len(item) <= 6 or not _opens_on_region(item) else 8)
                and _ITEM_RUN.fullmatch(item)
                and not _common_word(item)
                and (
                    _new_name(item, known)
                    or (_scoped(item) and item not in known and not _known_inside(item, known))
                )
                for item in items
            ):
                for item in items:
                    named.setdefault(item, item)
    for a, b in spans:
        for m in (*_counted_list().finditer(text, a, b), *_at_openings(_defined_list(), text, a, b)):
            defined = m.re is _defined_list()  # (a name the text writes again may be a general word: 丰巢)
            # 岛内航线主要由某甲、某乙经营，两家公司去年…: names the text then counts as so many firms
            items = regex.split(rf"(?:{_links()})", m.group("items"))
            count = read_numeral(m.group("count")) if m.group("count") else None
            if (count.value == len(items) if count is not None else defined) and all(
                _HAN_RUN.fullmatch(item)
                and (not _common_word(item) or (defined and uses(item) >= 2))
                and item[0] not in _FUNCTION_CHARS
                and (_new_name(item, known) or item in known)
                for item in items
            ):
                for item in items:
                    if item not in known:
                        named.setdefault(item, item)
    for a, b in spans:
        for m in _in_sentences_with(_described_list(), respectively, text, a, b):
            # 以笔电板为主的某甲、专攻高层板的某乙，去年营收分别为…: each name after the phrase on it
            items = m.captures("name")
            if all(
                _HAN_RUN.fullmatch(item)
                and not _common_word(item)
                and (item in known or _new_name(item, known) or _scoped(item))
                for item in items
            ):
                for item in items:
                    if item not in known:
                        named.setdefault(item, item)
    for a, b in spans:
        for m in _short_legal_subject().finditer(text, a, b):
            surface, stem = m.group("name"), m.group("stem")
            if surface in named:
                continue
            if (
                not _new_name(surface, known, stem)
                or _common_word(stem)
                or _TIME_CHAR.search(stem)
                or stem[0] in _FUNCTION_CHARS
                or stem[-1] in _FUNCTION_CHARS
                or (
                    uses(surface) < 2
                    and not (
                        surface.endswith("股份")
                        and (
                            text.endswith("的", 0, m.start()) or m.start() == 0 or text[m.start() - 1] == "\n"
                        )
                    )
                )
            ):
                # (回购股份, 理由是集團: no name; a name is written again, or is a 股份 after a clause on it or
                # opening a paragraph: 某某股份以有机葡萄酒为主打，…。公司上半年…)
                continue
            named.setdefault(surface, surface)
    for surface, name in list(named.items()):
        han = _LISTING_TAIL.sub("", surface)  # 某某-KY: its Han part
        if han != surface and len(han) >= 2 and han not in known and han not in named:
            named[han] = name  # (來億-KY…。來億指出: the Han part alone is the company's short name)
    for surface, name in list(named.items()):
        # (ABC信貸財務（00900）…。ABC信貸昨日收報…: a name opening in Latin capitals keeps them and two characters)
        latin = _LATIN_LEAD.match(surface)
        if latin is not None and surface == name and len(surface) - latin.end() >= _SHORTENED_MIN:
            short = surface[: latin.end() + 2]
            if short not in known and short not in named and uses(short) > uses(surface):
                named[short] = name
                if surface in displacing:
                    displacing.add(short)  # (the lexicon company its capitals spell yields there too)
    for surface, name in list(named.items()):
        # 瓦城泰統（2729）…。瓦城表示: Taiwan and Hong Kong press shorten a listed name to its first two
        # characters; the short form is the company's where it stands as a subject
        han = _LISTING_TAIL.sub("", surface)  # 某某-KY: its Han part is shortened
        if surface != name or len(han) < _SHORTENED_MIN or not _HAN_RUN.fullmatch(han):
            continue
        # (創業家兄弟…。創業家指出: a name of five or more characters may keep its first three; 某某押業信貸控股…。
        # 某某押業昨日…: one of six or more, its first four)
        shorts = [surface[:3], surface[:2]] if len(han) > _SHORTENED_MIN else [surface[:2]]
        if len(han) > _SHORTENED_MIN + 1:
            shorts.insert(0, surface[:4])
        if len(han) == _SHORTENED_MIN:
            shorts.append(han[0] + han[2])  # (中某工程（2515）…。中工表示: the first character of each half)
        for short in shorts:
            if (
                short not in known
                and short not in named
                and short not in _places()  # (澳门某某专营股份…。澳门去年博彩…: the place, not the company)
                # (a short name that is also a common word, 寬宏: only where it speaks or reports twice)
                and stands_as_subject(text, short, surface, 2 if short in _resources.common_bigrams() else 1)
            ):
                named[short] = name
                break
    for surface in named.keys() - listed:
        # (某某酒店（00071）…。某某旅遊今年初恢復…: a unit with the listed name's stem and another industry ending
        # is the listed company's)
        stem = without_industry(surface)
        parent = next(
            (c for c in listed if stem != surface and len(stem) >= 2 and without_industry(c) == stem), None
        )
        if parent is not None and parent != surface:
            named[surface] = named[parent]
    ends = tuple(w for w in (*_forms().get("body_association", ()), *words("source_branch")) if len(w) > 1)
    # (某协会阀门分会指出: a body, no company)
    named = {k: v for k, v in named.items() if not k.endswith(ends)}
    if not named:
        return []
    # (怡和某业…，对怡和某业的信心: a name written twice that runs two characters or more of no general word
    # past a lexicon name opening it is another company, and displaces that name inside it)
    displacing |= {
        surface
        for surface in named
        if surface not in displacing and uses(surface) >= 2 and _runs_past_known(surface, known, text, uses)
    }
    # every use of a form the text gave the company
    return [
        Found(start, end, named[text[start:end]], displaces=text[start:end] in displacing)
        for a, b in spans
        for start, end in _uses(text, a, b, named)
    ]


def _uses(text: str, a: int, b: int, forms: Mapping[str, str]) -> list[tuple[int, int]]:
    """Where the forms occur in ``text[a:b]``, leftmost and longest first, without overlap: a search for their
    first characters (at C speed), then a lookup by length (linear however many forms a text gives)."""
    firsts = regex.compile("[" + "".join(regex.escape(c) for c in {f[0] for f in forms}) + "]")
    lengths = sorted({len(f) for f in forms}, reverse=True)
    out: list[tuple[int, int]] = []
    i = a
    while (m := firsts.search(text, i, b)) is not None:
        i = m.start()
        n = next((n for n in lengths if i + n <= b and text[i : i + n] in forms), 0)
        if n:
            out.append((i, i + n))
        i += n or 1
    return out


@cache
def financial_units() -> tuple[str, ...]:
    """The endings of a financial group's units (证券, 期货, 信托: ``company_forms.tsv`` role ``financial_unit``)."""
    return _forms().get("financial_unit", ())


def financial_sibling(name: str, known: Mapping[str, object]) -> str | None:
    """The group a financial unit no lexicon holds belongs to: 玉山證券 when the lexicon holds 玉山銀行 or
    玉山金控 (``company_forms.tsv`` role ``financial_unit``, the same stem before another unit's ending)."""
    units = _forms().get("financial_unit", ())
    ending = next((u for u in units if name.endswith(u)), None)
    if ending is None or len(name) - len(ending) < 2:
        return None
    stem = name[: -len(ending)]
    # the group's short name itself (第一金人壽 beside 第一金), or its stem before another unit's ending; a
    # holding's short name may end in 金 (第一金 for 第一金控)
    candidates = [stem, *(stem + u for u in units if u != ending)]
    short = next((h for h in _forms().get("holding_short", ()) if stem.endswith(h)), None)
    if short is not None and len(stem) > len(short) + 1:
        candidates += [stem[: -len(short)] + u for u in units]
    for candidate in candidates:
        entry = known.get(candidate)
        if getattr(entry, "kind", None) in ("company", "product"):
            return getattr(entry, "company", None) or getattr(entry, "canonical", None)
    return None


def holding_stems(surfaces: list[tuple[str, str]]) -> dict[str, str]:
    """The stems of the financial holdings a text names, to their company (中信 -> the group of 中信金, 中信金控):
    ``surfaces`` are the text's company mentions as (surface, company)."""
    endings = sorted(
        (*_forms().get("holding_short", ()), *_forms().get("holding_form", ())), key=len, reverse=True
    )
    out: dict[str, str] = {}
    for surface, company in surfaces:
        for ending in endings:
            if surface.endswith(ending) and len(surface) - len(ending) >= 2:
                out.setdefault(surface[: -len(ending)], company)
                break
    return out


def holding_unit(surface: str, stems: dict[str, str]) -> str | None:
    """The holding a unit named with its stem belongs to (中信證券 beside 中信金: the Taiwan group's broker, not
    a mainland broker the lexicon knows by that name); ``stems`` from :func:`holding_stems`."""
    for unit in _forms().get("financial_unit", ()):
        if surface.endswith(unit) and unit not in _forms().get("holding_form", ()):
            return stems.get(surface[: -len(unit)])
    return None


def _links() -> str:
    """The list links of one or two characters (、, 和, 及, 與) as an alternation."""
    return words_pattern([w for w in list_links() if 0 < len(w) <= 2 and not w.isspace()])


@cache
def _partner() -> regex.Pattern[str]:
    """A list link then a short name, up to what may follow a list item (role ``partner_end``, a digit, a link)."""
    links = _links()
    ends = words_pattern(_forms().get("partner_end", ()))
    legal = words_pattern(_forms().get("short_legal", ()))
    respectively = words_pattern(words("respectively"))
    # (a Taiwan listing's Latin suffix stays on the name: 鈺齊-KY 11月營收; a short legal form too, and then a
    # 的 may follow: 某甲酒店集团、某乙集团的客房数分别…; a name in Latin letters: 某某支付、PayCo去年…)
    return regex.compile(
        rf"(?:{links})(?P<name>\p{{Han}}{{2,6}}?(?:{legal})?(?:-[A-Z]{{1,3}})?|[A-Z][A-Za-z]{{2,15}}(?![A-Za-z]))\s?"
        rf"(?=[0-9０-９]|{links}|{ends}|(?<={legal})的|的(?=[^，,。；;：:！？\n]{{0,12}}(?:{respectively})))"
    )


@cache
def _respectively_word() -> re.Pattern[str]:
    """A respectively (分别: ``function_words.tsv`` role ``respectively``), as the cue of the sentences a list may be in."""
    return re.compile(words_pattern(words("respectively")))


@cache
def _respectively() -> regex.Pattern[str]:
    """A respectively (分别: ``function_words.tsv`` role ``respectively``) a few words on, in the same sentence."""
    return regex.compile(rf"[^。；;\n]{{0,40}}?(?:{words_pattern(words('respectively'))})")


@cache
def _partner_before() -> regex.Pattern[str]:
    """A descriptor's end (同業, 大廠: role ``descriptor_end``) or a clause's start, a short name, then a list link,
    at the end of a text."""
    links = _links()
    ends = _descriptors()
    # (or the list opens its clause: 从企业看，某甲、某乙全年出货量分别为…)
    return regex.compile(rf"(?:{ends}|(?<=[，,：:；;。\n]))(?P<name>\p{{Han}}{{2,6}})(?:{links})$")


def find_list_partners(
    text: str,
    ends: Mapping[int, str | None],
    known: Mapping[str, object],
    common: frozenset[str],
    starts: Mapping[int, str | None] | None = None,
) -> list[Found]:
    """Names no lexicon holds listed right after a known company's (``ends``: where those end, and the
    parent the company is a subsidiary of, if the text names it), or right before it after a descriptor
    (``starts``), before a respectively (同业某甲、某乙11月营收分别为…): each item of such a list is a
    company's (a sibling subsidiary: ``parent`` holds the parent).

    A name a common two-character word spells (``common``) is not taken, nor one ``not_name`` words open.
    """
    pattern, not_name = _partner(), _forms().get("not_name", ())
    found: list[Found] = []
    for end, parent in ends.items():
        while (m := pattern.match(text, end)) is not None:
            name = m.group("name")
            if (
                name in known
                or name in common
                or name.startswith(not_name)
                or _respectively().match(text, m.end()) is None
                # (韩资的某甲和意资的某乙…分别: a phrase on the next company before 的 and its name, no partner)
                or (
                    starts is not None
                    and text.startswith("的", m.end("name"))
                    and m.end("name") + 1 in starts
                )
            ):
                break
            found.append(Found(m.start("name"), m.end("name"), name, parent=parent))
            end = m.end()
    before = _partner_before()
    for start, parent in (starts or {}).items():
        # 測試設備同業某某、旺矽…分別: the item before the known one, after the descriptor that opens the list
        m = before.search(text, max(0, start - 12), start)
        if m is None or _respectively().match(text, start) is None:
            continue
        name = m.group("name")
        if (
            name in known
            or name in common
            or name.startswith(not_name)
            or name[:2] == text[start : start + 2]
        ):
            continue  # (永豐創投、永豐金…: a unit of the group named after it, not a company of its own)
        found.append(Found(m.start("name"), m.end("name"), name, parent=parent))
    return sorted(found, key=lambda f: f.start)


def _runs_past_known(
    surface: str, known: Mapping[str, object], text: str, uses: Callable[[str], int]
) -> bool:
    """Whether ``surface`` opens with a lexicon company's name of two characters or more and runs on for two or
    more that are no industry ending, legal form or word a name may not hold, nor a general word unless the text
    never writes the lexicon name alone (怡和嘉业 past 怡和; not 华为终端)."""
    for k in range(len(surface) - 2, 1, -1):
        entry = known.get(surface[:k])
        if entry is None or getattr(entry, "kind", None) != "company":
            continue
        rest = surface[k:]
        return (
            _HAN_RUN.fullmatch(rest) is not None
            and (not _common_word(rest) or uses(surface[:k]) == uses(surface))
            and without_industry(rest) == rest
            and rest not in _legal_forms()
            and not any(w in rest for w in _forms().get("not_name", ()) if len(w) > 1)
        )
    return False


def _foreign_code(
    surface: str, code: str, known: Mapping[str, object], tickers: Mapping[str, frozenset[str]] | None
) -> bool:
    """Whether ``surface`` is a lexicon company's weak alias (an ordinary word as well) written before a stock code
    that company, listed under other codes, does not trade under (某某稀土（00769）: another company of that name)."""
    from .lexicon import ticker_key

    entry = known.get(surface)
    if not getattr(entry, "weak", False) or getattr(entry, "kind", None) != "company" or not tickers:
        return False
    codes = tickers.get(getattr(entry, "company", None) or "")
    if not codes:
        return False  # (a company with no codes may trade under this one)
    key = ticker_key(code)
    return key is not None and key not in codes


def _other_company(
    surface: str, code: str, known: Mapping[str, object], tickers: Mapping[str, frozenset[str]] | None
) -> bool:
    """Whether ``surface``, written before the stock code ``code``, names a company other than the
    lexicon companies whose names it holds: none has this code, each has codes or stands after other
    words, and the rest of the name is no legal form of theirs (``某某股份`` is still 某某, when 某某 has no codes)."""
    from .lexicon import ticker_key

    key = ticker_key(code)
    if not tickers or key is None:
        return False
    n, inside = len(surface), False
    for i in range(n):
        for j in range(i + 2, min(n, i + 12) + 1):
            entry = known.get(surface[i:j])
            if entry is None:
                continue
            company = getattr(entry, "company", None)
            codes = tickers.get(company) if company else None
            if getattr(entry, "kind", None) not in ("company", "product"):
                word = surface[i:j]
                if j - i == n or _common_word(word) or word in _firm_kinds():
                    return False  # (連鎖機構某某集團: a kind of body is a descriptor, not a name run past)
                inside = True  # (富瑞某某（300228）: a listed name that runs past a broker's or a body's short name)
                continue
            if codes and key in codes:
                return False
            weak = getattr(entry, "weak", False)  # (安利股份（300218）: a weak alias is an ordinary word too)
            if not codes and i == 0 and not surface[:j].isascii() and not weak:
                # (a lexicon company with no codes named first may be listed under this one; after other words,
                # 香港某某科技集團（01725）, a listed company holds an unlisted group's name; an unlisted company's
                # Latin initials before a listed name are that name's own: ABC國際控股（00759）)
                return False
            if i == 0 and surface[j:] in _legal_forms() and not codes and not weak:
                return False  # (某某股份 is still 某某, when 某某 has no codes: 爱普股份（603020.SH） is not 愛普（6531）)
            inside = True
    return inside


_BODY_KINDS = {
    "body_association": "association",
    "body_government": "government",
    "body_research": "research",
    "body_media": "media",
}
_MAX_MEDIA = 8  # characters of a website's name before its ending (某某商用车网)
_CLAUSE_OPEN = "，,。；;：:、\n“「（("  # what a name that opens its clause follows
_MAX_BODY = 24  # characters of a body's name before its ending (中国音像与数字出版协会游戏出版工作委员会)
_BODY_SHORT = regex.compile(r"[（(](?P<alias>\p{Han}{2,5})[)）]")  # 某某拓展会（某拓会）: its short name


@cache
def _bodies() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {w: _BODY_KINDS[role] for role in _BODY_KINDS for w in _forms().get(role, ())}
    return re.compile(words_pattern(kinds)), kinds


def bare_body(text: str, pos: int) -> str | None:
    """The kind of public body (association, government) whose bare ending (协会, 统计局) ends right before
    ``pos`` and opens its clause: the body the text cited before, named again by its ending alone
    (协会副秘书长某某表示)."""
    kinds = _bodies()[1]
    for w in _forms().get("body_association", ()) + _forms().get("body_government", ()):
        if text.endswith(w, 0, pos):
            a = pos - len(w)
            return kinds[w] if a == 0 or text[a - 1] in _CLAUSE_OPEN or text[a - 1] in "该該本" else None
    return None


def find_unknown_bodies(text: str, spans: list[tuple[int, int]], known: Mapping[str, object]) -> list[Found]:
    """Public bodies and research institutes no list holds (某某协会, 某某统计局): their names, with
    the kind of body in :attr:`Found.kind`."""
    pattern, kinds = _bodies()
    out: list[Found] = []
    aliases: dict[str, tuple[str, str]] = {}
    for a, b in spans:
        for m in pattern.finditer(text, a, b):
            begin = _name_start(text, m.start(), a, _MAX_BODY, han_only=True)
            if begin is None:
                # 记者26日从中国某某协会获悉: digits glued before the run; a national scope opens the name
                run = m.start()
                while run > max(a, m.start() - _MAX_BODY) and _HAN_CHAR.match(text, run - 1):
                    run -= 1
                found = [
                    k for w in _forms().get("body_scope", ()) if (k := text.find(w, run, m.start())) >= 0
                ]
                begin = min(found) if found else None
                if begin is None and text[run] in "日号號":
                    begin = (
                        run + 1
                    )  # (记者24日从某某市某某协会了解到: the day's 日, then a lead and the name)
            if begin is None or m.start() - begin < 2:
                latin = _LATIN_BODY_NAME.search(text, max(a, m.start() - _MAX_LATIN_BODY), m.start())
                if latin is None or (latin.start() > a and text[latin.start() - 1].isalnum()):
                    continue
                begin = latin.start()  # E20研究院的统计: a name in letters and digits before the body's kind
            begin = _strip_lead(text, begin, m.end())
            for w in words("belonging"):  # 某协会下属某某分会: the branch's name starts after the word
                k = text.rfind(w, begin, m.start())
                if k >= 0 and m.start() - (k + len(w)) >= 2:
                    begin = k + len(w)
            for w in words("agent_marker"):  # 报告由协会联合编制: the body's name starts after the word
                k = text.rfind(w, begin, m.start())
                if k >= 0:
                    begin = k + len(w)
            if m.start() - begin < 2:
                continue  # (由协会: the kind of body alone, a reference to one named before)
            surface = text[begin : m.end()]
            if surface in known or surface[:1] in "该該本其这這":
                continue
            if kinds[m.group()] == "media" and not _media_source(text, begin, m.end(), a):
                continue
            national = kinds[m.group()] == "association" and surface.startswith(
                _forms().get("body_scope", ())
            )
            if not national and _company_inside(surface, known):
                continue  # (中国…促进会 is a body's name even when a company's name is inside it)
            if any(surface[i:] in known for i in range(1, len(surface) - 3)):
                continue  # 国家统计局…和中国物流与采购联合会: a known body's name ends it, the rest is another
            out.append(Found(begin, m.end(), surface, kinds[m.group()]))
            short = _BODY_SHORT.match(text, m.end())
            if short is not None and short.group("alias") not in known:
                aliases.setdefault(short.group("alias"), (surface, kinds[m.group()]))
    if aliases:
        # 某某纺织业拓展会（纺拓会）…。纺拓会同时指出: the short name it is given in brackets names it after
        taken = {(f.start, f.end) for f in out}
        for a, b in spans:
            for start, end in _uses(text, a, b, {alias: alias for alias in aliases}):
                if text[start - 1 : start] not in "（(" and (start, end) not in taken:
                    out.append(Found(start, end, *aliases[text[start:end]]))
        out.sort(key=lambda f: f.start)
    return out


def _media_source(text: str, begin: int, end: int, floor: int) -> bool:
    """Whether a name ending in 网 at ``[begin, end)`` is a website that speaks: short, opening its clause
    (after 据/根据 at most), and followed by a verb of publishing or forecasting (某某商用车网预计)."""
    if end - begin > _MAX_MEDIA + 1 or not text.startswith(_forms().get("media_verb", ()), end):
        return False
    if text[end - 2 : end].translate(_resources.variant_table()) in _resources.common_bigrams():
        return False  # 工业互联网, 国家电网: a word of its own (联网, 电网), not a site's name
    opens = begin
    for w in _forms().get("lead", ()):
        if text.endswith(w, floor, begin):
            opens = begin - len(w)
            break
    return opens <= floor or text[opens - 1] in _CLAUSE_OPEN


def _company_inside(surface: str, known: Mapping[str, object]) -> bool:
    """Whether a company's name of three or more characters is inside ``surface`` (a body may hold a
    source's name: 某某协会游戏出版工作委员会 is a committee of the association)."""
    n = len(surface)
    return any(
        getattr(known.get(surface[i:j]), "kind", None) in ("company", "product")
        for i in range(n)
        for j in range(i + 3, min(n, i + 12) + 1)
    )


def _known_before(text: str, pos: int, known: Mapping[str, object]) -> bool:
    """Whether a lexicon name ends right at ``pos`` (比亚迪品牌: the brand is that company's)."""
    return any(text[pos - k : pos] in known for k in range(2, min(pos, 12) + 1))


def _numeral_name(name: str) -> bool:
    """A name before its stock code that opens with a numeral word no name opens elsewhere (三元某某（301206）: 三元 is
    a battery chemistry or three yuan, but a code makes the run a name), the rest two characters or more."""
    opening, _ = _not_name_patterns()
    m = opening.match(name)
    return m is not None and name[0] in _NUMERAL_CHARS and len(name) - m.end() >= 2


def _scoped(name: str) -> bool:
    """A listed name that opens with a national scope (中國動向 before its code; role ``body_scope``), the rest a
    name of two characters or more."""
    scope = _scope_opening(name)
    if not scope or len(name) - len(scope) < 2 or name in _forms().get("not_name", ()):
        return False
    rest = name[len(scope) :]
    # (中國某業國際（代码）: a generic word may open the rest when two characters of name follow it)
    generic = _not_name_patterns()[0].match(rest)
    return _acceptable(rest) or (generic is not None and len(rest) - generic.end() >= 2)


def _known_inside(surface: str, known: Mapping[str, object]) -> bool:
    """Whether a lexicon name of three or more characters is inside ``surface`` (腾讯控股有限公司)."""
    n = len(surface)
    return any(surface[i:j] in known for i in range(n) for j in range(i + 3, min(n, i + 12) + 1))
