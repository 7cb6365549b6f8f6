"""Which company a claim is about.

A company (or product) mention is *subject-like* when it is the first one in its
clause and not in a comparison frame (``与阿里…不同``, ``较腾讯``): ``中国平安并表了
平安健康`` has 中国平安 as its subject, 平安健康 as an object. For a claim, in order:

1. the subject-like mention of the claim's own clause (else the nearest one there);
2. nothing, when a market-wide measure governs the claim (``全国乘用车零售销量``,
   ``碳酸锂价格``) and no company is named after it;
3. the nearest subject-like mention earlier in the sentence;
4. the first one later in the sentence;
5. the speaker's company;
6. the subject carried over from earlier sentences and paragraphs.

Two companies joined in one subject (``腾讯和阿里合计``, ``两家公司``) make the claim
an aggregate, about no company.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from functools import cache
from itertools import islice, pairwise
from typing import TYPE_CHECKING

from .. import _resources
from .._words import alternation, list_links, word_set, words, words_pattern
from ..attribution.mentions import STOCK_CODE, Mention
from ..attribution.speakers import cited_before, company_pronouns
from ..attribution.structure import HEADLINE_GAP, Structure, part_start
from ..attribution.unknown import (
    BY_SEGMENT_LEAD,
    descriptor_ends,
    financial_units,
    leader_descriptors,
    short_legal_forms,
)
from ..periods.grammar import relative_words
from ..quantities.lexicon import cues
from ..quantities.numerals import read_numeral

if TYPE_CHECKING:
    from ..attribution.speakers import Cue
    from .document import DocModel, QContext


@cache
def _aggregate() -> re.Pattern[str]:
    """Several companies as one subject: 两家公司, 双方, and a count of companies before a total
    (42家上市银行…合计)."""
    count = r"(?:[0-9]+|[一二两兩三四五六七八九十百]+)"
    return re.compile(
        rf"{alternation('aggregate')}"
        rf"|{count}(?:{alternation('aggregate_count')})[^，,。；;]{{0,24}}?(?:合计|合計|共计|共計|整体|整體|总计|總計)"
        # (上述公司营收合计…: the companies named before, as one)
        rf"|(?:{alternation('named_before')})(?:{alternation('firm_kind')})[^，,。；;]{{0,12}}?(?:合计|合計|共计|共計|总计|總計)"
        # TOP100房企, 三家航司, 百强房企, 三家快递企业: a group of companies
        rf"|(?:(?:{alternation('collective_quantifier')})\s?[0-9]*|{count}(?:家|大)[\u4e00-\u9fff]{{0,4}}?)"
        rf"(?:{alternation('collective_noun')})"
    )


# more names after a first, each after a link, up to 等: an item holds no link nor 等, so a run splits one way only
# (a long run of links with no 等 is read in linear time)
_EXAMPLE_ITEMS = r"(?:[、和及与與](?:(?![和及与與等])[A-Za-z0-9\u4e00-\u9fff·&\- ]){1,16})*"


@cache
def _examples_of_business() -> re.Pattern[str]:
    """After a name, more names, 等 and a few words before a line of business (SAP、Oracle等传统ERP实施业务):
    the names qualify the business (role ``business_after``)."""
    return re.compile(
        rf"{_EXAMPLE_ITEMS}等[A-Za-z0-9\u4e00-\u9fff]{{0,8}}?"
        rf"(?:{alternation('business_after')})"
    )


# a mention that opens a list of examples (耐克等品牌, Nike、Patagonia等國際品牌): no subject of its clause
_EXAMPLES_AFTER = re.compile(rf"{_EXAMPLE_ITEMS}等(?![于於同待候级級])")


@cache
def _customer_list() -> re.Pattern[str]:
    """A customer noun, a few words of rank (首四大, 前五大), then a list of names up to a mention: the
    company's customers (role ``customer_noun``)."""
    return re.compile(rf"(?:{alternation('customer_noun')})[^，,。；;：:\s]{{0,24}}$")


@cache
def _customers_named() -> re.Pattern[str]:
    """A customer noun and a word naming who they are, right before a name (客户以…, 客户包括…: roles
    ``customer_noun``, ``customer_link``)."""
    return re.compile(rf"(?:{alternation('customer_noun')})(?:{alternation('customer_link')})$")


@cache
def _stake_after() -> re.Pattern[str]:
    """After a name, a stake in it (的控股权, 约三成的股份, 30%股权: role ``stake_noun``)."""
    return re.compile(rf"[^，,。；;：:\s]{{0,8}}?的?(?:{alternation('stake_noun')})")


@cache
def _pool_after() -> re.Pattern[str]:
    """After a group of companies, 中 then a superlative (几家公司中最大): the pool a company is ranked in."""
    return re.compile(rf"(?:{alternation('pool_after')})[^，,。；;]{{0,6}}?(?:{alternation('superlative')})")


@cache
def _ranked_among() -> re.Pattern[str]:
    """A ranking or comparing verb right before a group of companies, a scope between (居A股上市银行,
    高于头部券商): the group is the pool, not the subject."""
    return re.compile(rf"(?:{alternation('rank_verb')}|{alternation('pool_before')})[^，,。；;]{{0,4}}$")


@cache
def _counted_companies() -> re.Pattern[str]:
    """A group of companies right before their count (的房企共有38家, 车企仅剩5家)."""
    return re.compile(rf"(?:{alternation('collective_noun')})([^，,。；;0-9]{{0,4}})$")


_CLAUSE_OPENERS = frozenset("，,。；;：:\n 　“「")  # what a bare title opening its clause follows
_FIGURE = re.compile(r"[0-9０-９]|[一二两兩三四五六七八九十][成倍]")  # a figure in a clause
_GOODS_MODIFIER = 1  # characters of a modifier between a verb of selling and its commodity (銷售精焦煤)
_UNIT_GAP = 6  # characters between a group and its unit (旗下的, 附属公司)
_UNIT_KIND = 4  # characters of the unit's kind after 旗下 (緯創集團旗下網通廠啟碁)
_CODED_UNIT_KIND = 6  # … when the unit is listed, its stock code after it (宏碁旗下資安服務商某某（6690）)
_CODE_AFTER = re.compile(r"\s?[（(][0-9０-９]{4,6}")  # a stock code in brackets


def _unit_gap(gap: str, coded: bool = False) -> bool:
    """Whether the text between a group and a company names the company as the group's unit (旗下的, 集團旗下網通廠);
    ``coded``: the unit's stock code follows it, and its kind may be longer."""
    kind = _CODED_UNIT_KIND if coded else _UNIT_KIND
    for w in words("unit_before"):
        at = gap.rfind(w)
        if at >= 0 and at <= _UNIT_GAP and len(gap) - at - len(w) <= kind and "，" not in gap:
            return True
    return False


_COUNT_ENDS = frozenset("，,。；;、）)！!？? \n")


@cache
def report_period_words() -> tuple[str, ...]:
    """The words for the period a report covers (期内, 报告期: ``periods.tsv`` meaning ``report_period``)."""
    return tuple(w for w, (meaning, _, _) in relative_words().items() if meaning == "report_period")


@cache
def market_terms() -> re.Pattern[str]:
    """Market-wide measures (``resources/market_terms.txt``) and a scope's whole market
    (``中国大陆智能手机市场出货量``, ``全国乘用车零售销量``), the latter in group ``scope``."""
    terms = sorted(_resources.lines("market_terms.txt"), key=len, reverse=True)
    scope = alternation("market_scope")
    phrase = f"(?:{scope})(?P<industry>[^，,。；;：:\\s]{{0,10}}?)(?:市场|市場)(?!的?(?:{alternation('market_not')}))"
    # 国内共有, 全国合计 (海外合计 can be a company's own overseas total: only a whole market's scope)
    total = f"(?:{alternation('industry_scope')})(?:{alternation('scope_total')})"
    # 国内家电零售额, 全球智能手机出货量: a whole market's measure of an industry (not 海外销量, and not
    # the scope a company ranks in: 在中国品牌乘用车销量中排名第二)
    # (also a region's, or a list of them: 中东和非洲智能手机出货量; not a scope a company sells in: 海外)
    scopes = _scope_words()
    industry = f"(?:{scopes})(?:(?:{alternation('coordinator')})(?:{scopes}))*[^，,。；;：:\\s的]{{1,8}}?(?:{alternation('market_measure')})(?!中|排)"
    # 银行业 is a market, 银行业务 a company's line of business: a term does not run into 业务
    # 全网 is the whole online market (全网销售额), but a network's own parts (全网加盟商, 全网日均处理能力) are
    # the company's: own_network
    # (生猪养殖业务: a line of business named after its market is the company's; 行业业务量 is a market's)
    # (指数化产品, 产业化: 化 makes the term an adjective, no market)
    whole = f"(?:{words_pattern(terms)})(?!化)(?!(?<=[业業])[务務]|[\u4e00-\u9fff]{{0,4}}?[业業][务務](?!量))(?!(?<=[网網])(?:{alternation('own_network')}))"
    # 全国新房销售额: a measure that is a whole market's only after a whole scope (东南亚市场销售额 is a company's;
    # 全年 is a time, not a scope)
    national = f"(?:{alternation('whole_scope')})(?![年天日月])[^，,。；;：:\\s的]{{1,6}}?(?:{alternation('whole_measure')})"
    return re.compile(f"{whole}|{total}|{industry}|{national}|(?P<scope>{phrase})")


@cache
def _whole_terms() -> frozenset[str]:
    """The market-wide terms of ``resources/market_terms.txt`` as written (生猪, 原油)."""
    return frozenset(_resources.lines("market_terms.txt"))


def _regions_only(industry: str | None) -> bool:
    """Whether what stands between a scope word and 市场 names no industry: nothing, or more regions
    of a list (北美、欧洲和南亚市场收入, 欧洲及其他海外市场收入)."""
    if not industry:
        return True
    items = [w for w in re.split(f"(?:{alternation('coordinator')})", industry) if w]
    others = words("other_word")
    return all(
        next((w[len(o) :] for o in others if w.startswith(o)), w) in word_set("market_scope") for w in items
    )


@cache
def _scope_words() -> str:
    """The scopes a whole market's measure may open with: a country's or the world's (``industry_scope``)
    and a region's (``market_scope``), not one a company also sells in (``own_scope``: 海外)."""
    regions = {w for w in word_set("market_scope") if len(w) > 1}  # (not 全, which opens 全…市场 only)
    return words_pattern((word_set("industry_scope") | regions) - word_set("own_scope"))


@cache
def _region_market() -> re.Pattern[str]:
    """A region's market and its measure with no industry named (中国市场销量, 中东和非洲市场销量)."""
    scopes = _scope_words()
    return re.compile(
        f"(?:{scopes})(?:(?:{alternation('coordinator')})(?:{scopes}))*(?:市场|市場)(?:{alternation('market_measure')})"
    )


def _regional(market: re.Match[str]) -> bool:
    """Whether a market match names regions only, no industry (中国市场销量, 北美和欧洲市场收入)."""
    if market.group("scope"):
        return _regions_only(market.group("industry"))
    return _region_market().fullmatch(market.group()) is not None


def _positions(text: str, word: str, start: int, end: int) -> list[int]:
    """The positions right before each occurrence of ``word`` in ``text[start:end]``."""
    out, k = [], text.find(word, start, end)
    while k >= 0:
        out.append(k - 1)
        k = text.find(word, k + 1, end)
    return [k for k in out if k >= start]


@cache
def _company_measure() -> re.Pattern[str]:
    return re.compile(alternation("company_measure"))


@cache
def _self_reference() -> re.Pattern[str]:
    """公司, 该集团…: the company in context is the subject (its list is of measures, not of companies)."""
    return re.compile(company_pronouns())


@cache
def _peer_lead() -> re.Pattern[str]:
    """A sentence opening on the peers (同業方面，, 同行方面，: role ``peer_before``, then 方面)."""
    return re.compile(rf"\s*(?:{alternation('peer_before')})方面[，,]")


@cache
def _predicate_before() -> re.Pattern[str]:
    """A copula or ranking verb (role ``predicate_before``) and at most four characters of an industry's name right
    before a market term (是照明行业的旺季, 位居行业第二): the market is a predicate, not the subject."""
    return re.compile(rf"(?:{alternation('predicate_before')})[\u4e00-\u9fff]{{0,4}}$")


@cache
def _compared_before() -> re.Pattern[str]:
    """A word of comparison a few words before a market term, which makes the market the base (較某指數高出: role
    ``compare_before``)."""
    return re.compile(rf"(?:{alternation('compare_before')})[^，,。；;：:]{{0,10}}$")


_COUNTED_FIRMS = re.compile(r"[0-9０-９一二三四五六七八九十百]+家[\u4e00-\u9fff]{0,4}$")


# after 以 and a name, 为 and a few words and 的 (以亞馬遜為主要銷售渠道的跨境電商賣家某某): the name is the means, a channel
_MEANS_AFTER = re.compile(r"[为為][^，,。；;：:\n]{1,10}?的")


@cache
def _takeover_after() -> re.Pattern[str]:
    """After a name, a verb of taking control (role ``takeover_verb``) and 后 closing the clause (2019年中國寶武入主後，
    集團…): a time clause whose company is the parent, not the subject of what follows."""
    return re.compile(rf"(?:{alternation('takeover_verb')})[后後][，,]")


def _self_named(text: str, a: int, b: int) -> bool:
    """Whether the company in context is named in ``[a, b)`` (公司, 该集团), not a counted group's noun (22家公路公司)."""
    for m in _self_reference().finditer(text, a, b):
        if not _COUNTED_FIRMS.search(text, max(a, m.start() - 8), m.start()):
            return True
    return False


@cache
def _benefactive() -> re.Pattern[str]:
    """为公司贡献, 为集团带来: the company in context gains the figure a named one brings it."""
    return re.compile(f"(?:为|為)(?:{company_pronouns()})(?:{alternation('benefit_verb')})")


@cache
def _word_before(role: str, gap: int) -> re.Pattern[str]:
    """A word of ``role`` right before a name, up to ``gap`` characters of its clause between: an origin word and a
    place (来自中国大陆App Store), a verb of buying goods and their count (接收2架), of buying a business
    (先後收購德國某某旗下)."""
    return re.compile(rf"(?:{alternation(role)})[^，,。；;：:、\s]{{0,{gap}}}$")


@cache
def _descriptor_after() -> re.Pattern[str]:
    """A descriptor of two characters or more (供应商, 运营商), matched where a name ends."""
    return re.compile(words_pattern([w for w in _descriptor_words() if len(w) > 1]))


@cache
def _descriptor_words() -> tuple[str, ...]:
    """What ends a descriptor glued before a name: a kind of firm (role ``descriptor_end``) or a leader (龙头)."""
    return (*descriptor_ends(), *leader_descriptors())


@cache
def _prep_object() -> re.Pattern[str]:
    """A preposition right before a group (与超过30家客户, 同逾百家企业): the group is its object."""
    from ..quantities.lexicon import qualifiers

    before = words_pattern(w for w, q in qualifiers()[0].items() if q != "none")
    return re.compile(f"(?:{alternation('object_prep')})(?:{before})?$")


@cache
def _unit_price() -> re.Pattern[str]:
    """A price per unit of a commodity: 元/吨, 美元/桶, 元/平方米."""
    return re.compile(rf"[/／每](?:{alternation('price_per')})$")


@cache
def _price_per_before() -> re.Pattern[str]:
    """A unit a price is per, written before the number (均价为每吨352元, 为每桶66美元)."""
    return re.compile(rf"[每](?:{alternation('price_per')})(?:约|約|为|為)?$")


@cache
def _ranked_within() -> re.Pattern[str]:
    """After a platform's name: the group a figure is ranked within (…美妆国货品牌中继续排名第一)."""
    return re.compile(
        rf"[^，,。；;：:！？\n]{{0,14}}?(?:中|里|裡|内|內)[^，,。；;：:！？\n]{{0,4}}?(?:{alternation('rank_verb')})"
    )


@cache
def _sold_on() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A platform the goods are sold on: 在 before a list of names (``在天猫、京东等电商平台``) and the
    platform noun after it (``function_words.tsv`` ``venue_noun``)."""
    names = r"[^，,。；;：:！？\n在]{0,30}"
    return (
        re.compile(rf"在{names}$"),
        re.compile(rf"{names}?(?:等|等等)?(?:{alternation('venue_noun')})"),
    )


@cache
def _market_of_name() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """在, a scope word maybe, then a name and a few words before a market noun (在国内SAP实施服务市场): the
    name qualifies the market (roles ``market_scope``, ``market_after``)."""
    return (
        re.compile(rf"在(?:{alternation('market_scope')})?$"),
        re.compile(rf"[\u4e00-\u9fff]{{0,8}}?(?:{alternation('market_after')})"),
    )


@cache
def _channel_measure_after() -> re.Pattern[str]:
    """After a platform 在 opens, more names and 的 and a measure of sales (在抖音和天猫的销量): a channel."""
    return re.compile(rf"[^，,。；;：:！？\n在的]{{0,16}}?的(?:{alternation('channel_measure')})")


@cache
def _named_channel() -> re.Pattern[str]:
    """等 and a few words before a platform noun after a name (抖音等新兴平台): the name is an example of a channel."""
    return re.compile(rf"(?:等等|等)[^，,。；;：:！？\n]{{0,4}}?(?:{alternation('venue_noun')})")


@cache
def _chart_after() -> re.Pattern[str]:
    """A chart or store after a product's name, a word of kind between (iOS下载榜, App Store畅销榜)."""
    return re.compile(rf"\s?[^\s，,。；;：:、0-9]{{0,3}}?(?:{alternation('chart_after')})")


@cache
def _excluded() -> re.Pattern[str]:
    """An excluding word earlier in the name's clause (剔除…, 扣除…)."""
    return re.compile(rf"(?:{alternation('excluding')})[^，,。；;：:]{{0,20}}$")


@cache
def _respective_after() -> re.Pattern[str]:
    """分别 shortly after a name, in its clause or opening the next (某甲與某乙同日公布營收，分別為…), or a joint
    total in its clause (某甲与某乙10月合计交付): the name is an item of a list, not a base of comparison."""
    return re.compile(
        rf"[^，,。；;]{{0,12}}?(?:[，,][^，,。；;]{{0,3}}?)?(?:{alternation('respectively')})|{_joint_total().pattern}"
    )


@cache
def _counted_pair() -> re.Pattern[str]:
    """An exact count of the companies named before (两家…, 三家公司: role ``aggregate``, opening on a numeral)."""
    counted = [w for w in words("aggregate") if (n := read_numeral(w[0])) is not None and n.value is not None]
    return re.compile(words_pattern(counted))


@cache
def _joint_total() -> re.Pattern[str]:
    """A word of a joint total (合计, 共计: role ``joint_total``) in a clause, a few words after the last name."""
    return re.compile(rf"[^，,。；;]{{0,8}}?(?:{alternation('joint_total')})")


# a numbered item opening a line (1、, 2., （三）): one part of a list a line ending in a colon opens
_LIST_ITEM = re.compile(
    r"[ \t　]*(?:[0-9]{1,2}[、.．)）]|[（(][0-9一二三四五六七八九十]{1,2}[）)]|[一二三四五六七八九十][、．])"
)
_LIST_ITEMS_MAX = 8  # lines of items a list's opening line may stand before


def _list_lead_from(text: str, sentence_start: int) -> int:
    """Where a by-segment lead of a sentence may stand: the sentence itself, or, when it is an item of a numbered
    list (分区域看：⏎1、东南亚…；⏎2、国内…), the last sentence of the line whose colon opens the list."""
    line_start = text.rfind("\n", 0, sentence_start) + 1
    if text[line_start:sentence_start].strip() or not _LIST_ITEM.match(text, sentence_start):
        return sentence_start
    for _ in range(_LIST_ITEMS_MAX):
        if line_start == 0:
            return sentence_start
        prev_end = line_start - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].rstrip()
        if not line:  # a blank line between items
            line_start = prev_start
            continue
        if line.endswith(("：", ":")):
            return max(prev_start, *(line.rfind(w) + prev_start + 1 for w in "。！？；"))
        if not _LIST_ITEM.match(text, prev_start):
            return sentence_start
        line_start = prev_start
    return sentence_start


@cache
def _listed_total() -> re.Pattern[str]:
    """Right after a name, a coordinator, another item (not the name's own: 其子公司) and a joint total
    (与某乙合计): several companies' figure."""
    return re.compile(
        rf"(?:{alternation('coordinator')})(?![其该該本])[^，,。；;、]{{1,8}}?(?:{alternation('joint_total')})"
    )


@cache
def _listed_unit_after() -> re.Pattern[str]:
    """A word of belonging (旗下), then in the same clause a name and its stock code: a listed unit of the company."""
    return re.compile(rf"(?:{alternation('belonging')})的?[^，,。；;：:]{{2,18}}?{STOCK_CODE.pattern}")


@cache
def _analyst_after() -> re.Pattern[str]:
    """An analyst's title after a firm's name, a few words of department, rank or field between (高盛首席中国经济学家,
    某某银行金融市场部宏观研究员)."""
    return re.compile(rf"[^，,。；;：:、\s0-9]{{0,10}}?(?:{alternation('analyst_after')})")


@cache
def _category_after() -> re.Pattern[str]:
    """What follows a product's name used as a category: a few words and 市场/行业 (not 市场份额)."""
    return re.compile(
        rf"[^，,。；;：:、\s0-9]{{0,6}}?(?:{alternation('category_noun')})(?!{alternation('market_not')})"
    )


_LEAD_REACH = 12  # characters a breakdown's lead (按渠道劃分，) may stand before a channel's name
_LIST_LOOKBACK = 4  # sentences a "respectively" list may look back for its companies
_LIST_REACH = 240  # characters a "respectively" list may stand before its numbers
_DESCRIPTOR_MAX = 8  # characters of a descriptor between a list's coordinator and its next item
_OF_BEFORE = re.compile(r"[^，,。；;]*的\s*")  # what follows a ratio's base up to the figure (…的4倍)
_LIST_BREAK = re.compile(r"[，,。；;：:、0-9]")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:、]")


class CompanyIndex:
    """Company mentions of a document, indexed for the per-claim rules."""

    def __init__(
        self, text: str, structure: Structure, mentions: list[Mention], parents: dict[str, str] | None = None
    ) -> None:
        self.text = text
        self.structure = structure
        # where each half of a headline (the first line, when it holds no full stop) starts after a wide space
        ends = [k for k in (text.find("\n"), text.find("。")) if k >= 0]
        headline_end = min(ends, default=len(text))
        self._halves = [m.end() for m in HEADLINE_GAP.finditer(text, 0, headline_end)]
        self._headline_end = headline_end
        self._owners: set[str] | None = None
        self._first_listed: dict[str | None, int] | None = None  # a company -> where a list first names it
        # brokers known as sources only (元大證券), where they open a clause: a financial group's unit as subject
        self._broker_openers = {
            m.start for m in mentions if m.kind == "source" and m.sector in ("broker", "bank")
        }
        found = [m for m in mentions if m.kind in ("company", "product")]
        self._categories = [m.start for m in found if self._category(m)]  # 小程序游戏市场: a market
        found = [m for m in found if not self._category(m) and not self._rater(m)]
        # where names stand (a verb inside one is no verb: 租赁 in 某某金融租赁)
        self._spans = sorted((m.start, m.end) for m in found)
        self._found_starts = {m.start for m in found}
        self.comparison = {id(m) for m in found if self._comparison(m)}
        for prev, m in pairwise(found):
            # (来自抖音、快手等…的订单: the items listed after a base, an origin or a channel are all that)
            if id(prev) in self.comparison and self.text[prev.end : m.start] in word_set("coordinator"):
                self.comparison.add(id(m))
        self.subject: set[int] = set()
        last_clause = None
        last_subject: Mention | None = None
        for m in found:
            sentence_start = structure.sentence_at(m.start).start
            clause = structure.clause_start(m.start, sentence_start)
            if (
                clause != last_clause
                and id(m) not in self.comparison
                and not _EXAMPLES_AFTER.match(text, m.end)
                and not text.endswith(words("entry_verb"), max(0, m.start - 2), m.start)
                and not _takeover_after().match(text, m.end)
                and not (text.endswith("以", 0, m.start) and _MEANS_AFTER.match(text, m.end))
            ):  # (已有9款进入天猫同类目销量前十: the platform entered is the verb's object)
                last_clause = clause
                if not self._in_cause(m.start, m.end, sentence_start):
                    self.subject.add(id(m))  # (受微軟…帶動，…: a company in a clause of cause is no subject)
                    last_subject = m
            elif (
                last_subject is not None
                and clause == last_clause
                and m.kind == "company"
                and (m.company or m.name) != (last_subject.company or last_subject.name)
                and _unit_gap(text[last_subject.end : m.start], _CODE_AFTER.match(text, m.end) is not None)
            ):
                # 鷹君集團旗下的冠君產業信託（02778）昨午發布…: the unit named after its group is the subject
                self.subject.discard(id(last_subject))
                self.subject.add(id(m))
                last_subject = m
        self.mentions = found
        self._groups: list[int] = []  # where claims about a market or a group of companies stand
        self._starts = [m.start for m in found]
        self.subjects = [m for m in found if id(m) in self.subject]
        self._subject_starts = [m.start for m in self.subjects]
        # (某甲、某乙…分别…: a list's items are no document's main company)
        counts = Counter(m.company or m.name for m in self.subjects if not self._listed(m))
        main = counts.most_common(1)[0][0] if counts else None
        self.main = main  # the company the document is most about
        # a listed subsidiary in an article about its parent (京东物流 in 京东's results) is the parent's
        # (not one given with its own stock code: 作為附屬公司的某某電訊（06823）同日公布…, a listed company
        # reporting in its own right)
        coded = {m.company or m.name for m in found if STOCK_CODE.match(text, m.end)}
        self.parents = {
            child: parent
            for child, parent in (parents or {}).items()
            if parent == main and child != main and child not in coded
        }
        # 千方科技…。旗下宇视科技全年收入…: a unit no list holds, named after a word of belonging, is the company's
        # named before it in its paragraph (not a unit the lexicon knows: it has its own parent, or none)
        for m in found:
            if m.kind != "company" or not text.endswith(
                (*words("belonging"), *words("subsidiary_before")), 0, m.start
            ):
                continue  # (…；控股子公司某某科技的…收入: a subsidiary named as such too)
            # (某某资本表示，旗下某某期货全年…: a group's name before a financial unit's ending names that unit)
            unit = m.sector is not None and text.startswith(financial_units(), m.end)
            if m.sector is not None and not unit:
                continue
            k = bisect_left(self._subject_starts, m.start) - 1
            owner = self.subjects[k] if k >= 0 else None
            if (
                owner is not None
                and structure.sentence_at(owner.start).paragraph == structure.sentence_at(m.start).paragraph
                and self._owner(owner) != (m.company or m.name)
            ):
                if unit:
                    m.company = self._owner(owner)  # (this mention only: the group it names stays itself)
                else:
                    self.parents.setdefault(m.company or m.name, self._owner(owner))
            elif (
                not unit
                and main is not None
                and main != (m.company or m.name)
                and text.endswith(words("subsidiary_before"), 0, m.start)
            ):
                # (公司公告称，…子公司某某电子上半年手机出货量…: with no owner named in its paragraph, a subsidiary
                # is the document's main company's)
                self.parents.setdefault(m.company or m.name, main)
        # the default company, for claims before any is named: the main one, if the lead names it
        # (a byline's line, 本报记者 某某, is no sentence of the lead)
        lead = list(
            islice(
                (s for k, s in enumerate(structure.sentences) if k == 0 or not _byline(text, s.start, s.end)),
                3,
            )
        )
        lead_end = lead[-1].end if lead else 0
        self.default = (
            main
            if any(
                (m.company or m.name) == main and m.start < lead_end and m.kind == "company" for m in found
            )
            else None  # the lead names the company itself, not only one of its products (小程序游戏)
        )

    def _rater(self, m: Mention) -> bool:
        """A broker whose rating act names a noun (某证券给出的目标价, 某证券与某证券给出的): the source of a price,
        not the company the figure is about."""
        return m.source is not None and _rating_noun_after().match(self.text, m.end) is not None

    def _category(self, m: Mention) -> bool:
        """A product's name used for a category of goods (小程序游戏市场收入): no company's."""
        return m.kind == "product" and _category_after().match(self.text, m.end) is not None

    def _inside_name(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a company's or product's name (租赁 in 某某金融租赁: no verb)."""
        k = bisect_right(self._spans, (pos, len(self.text) + 1)) - 1
        return k >= 0 and self._spans[k][0] <= pos < self._spans[k][1]

    def _comparison(self, m: Mention) -> bool:
        """A mention that is not a subject: a comparison base (较腾讯), a venue (在港交所上市) or an
        origin (来自中国区App Store的收入)."""
        before = self.text[max(0, m.start - 4) : m.start]
        if before.endswith(words("share_of")):
            return True  # 集團應佔國泰航空的溢利: the share the subject takes of another company's profit
        if before.endswith(words("comparison_before")) and not (
            before.endswith(words("comparison_joiner")) and _respective_after().match(self.text, m.end)
        ):
            return (
                True  # (与某某相比 is a base, 与某某达成合作 a partner; 台達電與群光10月營收分別為… a list)
            )
        if _word_before("origin_before", 6).search(self.text, max(0, m.start - 10), m.start):
            return True
        if m.kind == "product" and _chart_after().match(self.text, m.end):
            return True  # 位居iOS下载榜榜首: a chart the figure is ranked on
        if before.endswith("在") and _ranked_within().match(self.text, m.end):
            return True  # 在天猫美妆国货品牌中排名第一: the platform the brand is ranked on
        opened, noun = _sold_on()
        if opened.search(self.text, max(0, m.start - 31), m.start) and (
            noun.match(self.text, m.end)
            or (m.kind == "product" and _channel_measure_after().match(self.text, m.end))
        ):
            # 在momo、蝦皮等電商平台的業績, 在抖音和天猫的销量: the platforms the goods sell on, not the subject
            return True
        market_opened, market_noun = _market_of_name()
        if market_opened.search(before) and market_noun.match(self.text, m.end):
            return True  # 汉得在国内SAP实施服务市场的份额: a market the name qualifies, not the subject
        if _named_channel().match(self.text, m.end):
            return True  # 抖音等新兴平台营收: a channel the company sells on, named as an example
        if self.text.startswith(words("storefront_noun"), m.end):
            return True  # 天貓旗艦店等線上渠道的銷售額: a store on the platform, a channel
        if before.endswith(words("means_before")):
            return True  # 主要通过亚马逊和独立站销往欧美: the means, a channel the goods sell through
        if m.kind == "product" and before.endswith("在") and self.text.startswith(("的", "上"), m.end):
            return True  # 旗下品牌在抖音的带货短视频: a platform the company's goods are on, not its subject
        if self.text.startswith(words("venue_noun"), m.end) and BY_SEGMENT_LEAD.search(
            self.text, max(0, m.start - _LEAD_REACH), m.start
        ):
            return True  # 按渠道劃分，亞馬遜平台貢獻的收入佔比…: a channel of a breakdown by channel
        if before.endswith(words("relation_before")) and self.text.startswith("的", m.end):
            return True  # 母公司碧桂園的銷售: a company related to the subject, not the subject (母公司某某同日公布… is)
        if self.text.startswith(words("name_as_model"), m.end + (self.text[m.end : m.end + 1] in '”」"’')):
            return True  # 按照“胖东来模式”完成调改: the company names a model, it is not the subject
        # (莞深高速运营商东莞某某, 苹果供应商某某: the name is inside a descriptor of the next one)
        described = _descriptor_after().match(self.text, m.end)
        if described is not None and described.end() in self._found_starts:
            return True
        if self.text.startswith(words("shareholder_after"), m.end):
            return True  # 蒙牛成为控股股东后，公司…: the company's shareholder, not the subject
        if before.endswith(words("holding_before")) and _stake_after().match(self.text, m.end):
            return True  # 並持有某某新媒體的控股權: a company the subject owns a stake in, not the subject
        if _customers_named().search(self.text, max(0, m.start - 12), m.start):
            return True  # 客戶以國鐵集團下屬各鐵路局為主: the company's customers, not its subject
        if _customer_list().search(self.text, max(0, m.start - 30), m.start) and self._share_after(m.end):
            return True  # 首四大客戶耐克、迅銷…佔集團銷售額的比重分別為…: the company's customers, not its subjects
        if _excluded().search(self.text, max(0, m.start - 24), m.start):
            return True  # 若剔除高鑫零售等已出售业务的影响: a business taken out of the figure
        if before.endswith(words("via_before")) and not before.endswith(words("via_not")):
            return True  # 經某某國際機場客運碼頭往返澳門的旅客: a place passed through, not the subject
        if before.endswith(words("supply_before")):
            return True  # 產品供應國家電網的直流工程: a customer the subject supplies, not the subject
        if before.endswith(words("maker_before")):
            return True  # 机队均为空客A320系列机型: the maker of what the subject uses, not the subject
        if self.text.startswith(words("chain_after"), m.end):
            return True  # 蘋果供應鏈組裝廠和碩: the company names a supply chain another firm belongs to
        acquired = _word_before("acquire_verb", 8).search(self.text, max(0, m.start - 14), m.start)
        if (
            acquired is not None
            and not self._inside_name(acquired.start())
            and not self.text.endswith(_descriptor_words(), max(0, m.start - 4), m.start)
        ):
            # 將再接收2架波音787客機: goods bought from a maker count the buyer's (not a descriptor on the business
            # the name is in: 铝模板租赁龙头某某)
            return True
        if self.text.startswith(words("place_after"), m.end):
            return True  # 公營醫院及港鐵站清潔合約: a place the company runs, not the subject
        if _listed_unit_after().match(self.text, m.end):
            return True  # 某集團旗下的馬達廠某某（4576）昨日公布: the parent of the listed unit that reports
        if _word_before("buyout_verb", 12).search(self.text, max(0, m.start - 16), m.start):
            return True  # 先後收購某甲及德國某乙旗下的…業務: the seller of a business, not the subject
        if _analyst_after().match(self.text, m.end):
            return True  # 摩根大通分析师就…提问: the firm employs the analyst; it is not what the figures are about
        if m.source is not None and before.endswith(cited_before()):
            return True  # 另据港交所数据: a company cited as a source of figures is not their subject
        after = self.text[m.end : m.end + 6]
        if before.endswith(words("listing_verb")):
            return True  # 今年7月登陆港交所的某某眼科: the exchange a company listed on
        return before.endswith(words("venue_before")) and any(w in after for w in words("venue_after"))

    def _share_after(self, end: int) -> bool:
        """Whether a share verb (占, 佔: ``quantity_cues.tsv`` role ``share_verb``) follows in the clause."""
        clause_end = self.structure.clause_end(end, self.structure.sentence_at(end).end)
        return any(self.text.find(w, end, clause_end) >= 0 for w in cues().get("share_verb", ()))

    def _in(self, a: int, b: int, *, subjects_only: bool = False) -> list[Mention]:
        starts, mentions = (
            (self._subject_starts, self.subjects) if subjects_only else (self._starts, self.mentions)
        )
        i = bisect_left(starts, a)
        out = []
        while i < len(mentions) and mentions[i].start < b:
            if mentions[i].end <= b:
                out.append(mentions[i])
            i += 1
        return out

    def _any_in(self, a: int, b: int) -> bool:
        """Whether a mention lies inside ``[a, b)``."""
        i = bisect_left(self._starts, a)
        return i < len(self.mentions) and self.mentions[i].start < b and self.mentions[i].end <= b

    def at(self, pos: int, companies_only: bool = False) -> tuple[str | None, Mention | None]:
        """The company in effect at ``pos``: the last subject named before it (for 公司/集团; with
        ``companies_only``, not a product whose owner the text never names); a peer introduced as one
        (同业周大福…) or a part after 其中 (其中某品牌及某品牌销量…) is that only within its own sentence."""
        i = bisect_left(self._subject_starts, pos) - 1
        here = self.structure.sentence_at(pos) if i >= 0 else None
        sentence = here.start if here is not None else 0
        while i >= 0:
            m = self.subjects[i]
            if companies_only and m.kind == "product" and self._owner(m) not in self._named_owners():
                i -= 1  # (a product whose owner the text never names, 某某系统 of a phone maker: no antecedent)
                continue
            if m.start >= sentence or not (
                self.text.endswith((*words("peer_before"), *words("part_lead")), 0, m.start)
                or self._listed(m)  # (某甲、某乙的…分别为…: a list's item, only within its sentence)
            ):
                opened = self.structure.sentence_at(m.start)
                # (同業方面，某甲10月營收…。集團表示…: a peer the paragraph opens on stays in effect only there;
                # the next paragraph's 董事長表示 is the text's own company's again)
                if (
                    here is None
                    or opened.paragraph == here.paragraph
                    or _peer_lead().match(self.text, opened.start, m.start) is None
                ):
                    if (
                        here is not None
                        and opened.paragraph != here.paragraph
                        and self._owner(m) != self.main
                        and self._listed_before(m)
                    ):
                        # (…某甲和某乙去年的销量分别为…。某甲是…，某乙则以…起家。\n一季度冷藏车销量…: a company a
                        # list introduced, not the text's own, carries into no later paragraph)
                        return None, None
                    return self._owner(m), m
            i -= 1
        return self.default, None

    def _listed_before(self, m: Mention) -> bool:
        """Whether the company of ``m`` was named before as an item of a list (:meth:`_listed`)."""
        if self._first_listed is None:
            self._first_listed = {}
            for o in self.mentions:
                if self._listed(o):
                    self._first_listed.setdefault(self._owner(o), o.start)
        first = self._first_listed.get(self._owner(m))
        return first is not None and first < m.start

    def _named_owners(self) -> set[str]:
        """The companies the text names by their own names (not by a product), found once."""
        if self._owners is None:
            self._owners = {self._owner(m) for m in self.mentions if m.kind == "company"}
        return self._owners

    def _listed(self, m: Mention) -> bool:
        """Whether a company's mention is an item of a list written with 、 (某甲、某乙…), or of two names joined by
        和, 与, 及 before a respectively in the sentence (某甲和某乙去年…分别为…)."""
        if m.kind != "company":
            return False
        if self.text.startswith("、", m.end) or self.text.endswith("、", 0, m.start):
            return True
        links = _pair_links()
        joined = self.text.startswith(links, m.end) or self.text.endswith(links, 0, m.start)
        if not joined:
            return False
        sentence = self.structure.sentence_at(m.start)
        return any(self.text.find(w, m.end, sentence.end) >= 0 for w in words("respectively"))

    def _paragraph_subject(self, pos: int) -> bool:
        """Whether a company is the subject in effect at ``pos``, named earlier in its paragraph."""
        _, m = self.at(pos)
        paragraph = self.structure.sentence_at(pos).paragraph
        return m is not None and self.structure.sentence_at(m.start).paragraph == paragraph

    def _owner(self, m: Mention) -> str:
        name = m.company or m.name
        return self.parents.get(name, name)

    def resolve(
        self,
        start: int,
        end: int,
        speaker_company: str | None,
        *,
        absolute: bool = True,
        public: bool = False,
        reach: int = 0,
        rank: bool = False,
        public_from: int | None = None,
        officer: bool = False,
    ) -> tuple[str | None, Mention | None]:
        """The company a claim at ``[start, end)`` is about, and the mention that says so.

        ``absolute`` says the claim is an amount (money, count) rather than a ratio: an
        amount right after a compared company's noun phrase is that company's
        (``高于比亚迪纯电车型的157.5万辆``); a ratio there describes the subject. Nothing before
        ``reach`` is looked at (a bound on the cost per claim in unpunctuated runs).
        """
        text = self.text
        sentence = self.structure.sentence_at(start)
        sentence_start = max(sentence.start, reach)
        half = max(sentence_start, self._headline_half(sentence.start, start))
        clause_start = max(self.structure.clause_start(start, sentence_start), half)
        in_clause = self._in(clause_start, start)
        own = [
            m
            for m in in_clause
            if id(m) not in self.comparison and not _examples_of_business().match(text, m.end)
        ]  # (SAP、Oracle等传统ERP实施业务收入: names qualifying a line of business are not its subject)
        if not own:
            pointed = self._former_or_latter(clause_start, sentence_start, start)
            if pointed is not None:
                return self._owner(pointed), pointed
        if (
            not own
            and speaker_company is not None
            and self._speaks_for_own(sentence_start, clause_start, start)
        ):
            # “…三季度我们超级会员数量同比增长超过五成。”某某说: the speaker's own company
            return speaker_company, None
        measured = self._measured_from(clause_start, sentence_start)
        if (
            not own
            and half == sentence_start  # (某某10月销售生猪逾720万头 商品猪均价跌破12元/公斤: its own price)
            and (_unit_price().search(text, start, end) or self._market_price_before(clause_start, start))
            and not _self_reference().search(text, measured, start)
            and not self._own_goods(measured, sentence_start, start)
            and not any(text.find(w, measured, start) >= 0 for w in words("seller_price"))
        ):
            # 纯MDI均价1.86万元/吨: a commodity's price, no company's unless named (or its own: 自产煤平均售价;
            # or a seller's: 毛猪销售均价, 养殖综合成本)
            return self._group(start)
        if not absolute and len(own) > 1 and _OF_BEFORE.fullmatch(text, own[-1].end, start):
            own = own[:-1]  # 美的营收约为海尔智家的1.6倍: 海尔智家 is the base of the ratio
        if absolute:
            own += [
                m for m in in_clause if id(m) in self.comparison and _OF_BEFORE.fullmatch(text, m.end, start)
            ]
            own.sort(key=lambda m: m.start)
        if self._counts_companies(clause_start, start, end):
            return self._group(start)  # 销售额超百亿元的房企共有38家: a count of companies is no one's
        if own:
            if self._aggregate(own, clause_start, start):
                return self._group(start)
            subjects = [m for m in own if id(m) in self.subject]
            m = subjects[-1] if subjects and subjects[-1] is own[-1] else own[-1]
            if _benefactive().search(text, m.end, start):
                return self.at(m.start)  # 参股公司某某为公司贡献投资收益3.3亿元: the company in context's
            return self._owner(m), m
        opener = clause_start + len(text[clause_start:start]) - len(text[clause_start:start].lstrip(" 　"))
        if not own and opener in self._broker_openers and not public:
            # …台股日均成交值逾5,000億元，某某證券單月獲利…: the group's unit, not the market
            return self.at(start)
        if not self._any_in(half, start) or (
            public and public_from is not None and not self._any_in(public_from, start)
        ):  # (据海口海关统计，…: no company named since the public body, whatever stood before it)
            segment = part_start(text, sentence_start, start)
            market = market_terms().search(text, max(half, segment), start)
            if (
                market is not None
                and market.group() in word_set("industry_word")
                and _predicate_before().search(text, max(0, market.start() - 8), market.start()) is not None
            ):
                market = (
                    None  # 位居行业第二, 四季度是行业传统旺季: the industry as a predicate, not the subject
                )
            regions = market is not None and _regional(market)
            if market is not None and regions and _company_measure().search(text, market.end(), start):
                # 海外市场中美洲收入: a region of the company's own measure (国内游戏市场收入 is an industry's)
                market = None
            if market is not None and (
                (
                    market.group("scope")
                    and regions
                    and (
                        text.startswith(words("part_lead"), clause_start)
                        or self._part_opened(max(half, segment), market.start())
                    )
                )
                or (
                    self.at(start)[1] is not None
                    and text.startswith(
                        words("part_lead"), self.structure.clause_start(market.start(), sentence_start)
                    )
                )
            ):
                # …收入增长11%，其中欧洲市场增长超过20%: a part of the figure before (also in the clause before the
                # claim's: 其中中國海域及海外淨產量分別…，按年分別增長…)
                market = None
            if (
                market is not None
                and regions
                and not public
                and not market.group().startswith(words("whole_scope"))
                and (self._paragraph_subject(start) or (officer and self.main is not None))
            ):
                # 某车企…全球销量约520万辆。…；中国市场销量约84万辆: a region of the paragraph's company
                market = None
            if (
                market is not None
                and not public
                and (
                    lead := BY_SEGMENT_LEAD.search(
                        text, _list_lead_from(text, sentence_start), market.start()
                    )
                )
                is not None
                and (
                    any(w in lead.group() for w in words("region_lead"))
                    or (
                        self.main is not None
                        and self.at(start)[0] == self.main
                        and not any(w in lead.group() for w in words("market_lead"))
                    )
                )
            ):  # (分業務看，…全球電視出貨量…: the main company's own lines of business)
                market = (
                    None  # 按地區劃分，中國內地及港澳市場收入分別為…: the regions of the company in context
                )
            if market is not None and self._base_of_ratio(market.start(), market.end(), start):
                market = None  # 增速约为行业均值的3倍: the market is the base the figure is measured against
            if market is not None and _compared_before().search(
                text, max(sentence_start, market.start() - 12), market.start()
            ):
                market = None  # 日均收入較波羅的海某指數高出約2,600美元: the market is the base compared with
            if (
                market is not None
                and speaker_company is not None
                and text.startswith(words("product_noun"), market.end())
                and not market.group().startswith(words("whole_scope"))
            ):
                market = None  # 公司称，前三季度锂盐产品销量…: the speaking company's own products
            if (
                market is not None
                and (speaker_company is not None or (officer and self.main is not None))
                and market.end() <= (measured := self._measured_from(clause_start, sentence_start))
                and _company_measure().search(text, measured, start) is not None
            ):
                # 公司称，三季度铜价回落后…，单季毛利率为7.9%: a market in an earlier clause, the speaking company's
                # own measure in the claim's (or its officer's: 總經理表示，…市場預期…，全年營收有機會挑戰…)
                market = None
            if (
                market is not None
                and not public
                and any(
                    text.find(w, max(market.end(), clause_start), start) >= 0
                    for w in (*words("plan_noun"), *words("backlog"))
                )
            ):
                # 總裁表示，下半年歐美替換市場需求穩定，全年輪胎銷量目標為…: the company's own target (or its order
                # book: 国际钢价明显反弹，目前在手订单约…)
                market = None
            if (
                market is not None
                and speaker_company is not None
                and not public
                and text.endswith(report_period_words(), 0, market.start())
                and not any(
                    w in market.group() for w in words("market_lead")
                )  # (报告期…A股市场日均成交额: the market named)
            ):
                market = (
                    None  # 集團表示，…，期內國內水泥銷量…: the period under review is the company's report
                )
            if (
                market is not None
                and half > sentence_start
                and market.group() in _whole_terms()
                and text.startswith(words("company_measure"), market.end())
                and self._any_in(sentence_start, half)
            ):
                market = None  # 某某上半年净利增超10倍 生猪销量近430万头: the goods of the headline's company
            if market is not None and self._own_commodity(market.start(), sentence_start):
                market = None
            if market is not None and _self_reference().search(text, market.end(), start):
                market = None  # 低猪价将摊薄成本，预计公司全年净利润约51亿元: the company is the subject
            if market is not None and any(
                text.find(w, self.structure.clause_start(market.start(), sentence_start), market.start()) >= 0
                for w in words("revenue_from")
            ):
                market = None  # 来自汽车行业的广告收入: an industry the company earns from
            if market is not None and any(
                text.find(w, self.structure.clause_start(market.start(), sentence_start), market.end()) >= 0
                for w in words("seller_price")
            ):
                market = None  # 平均销售金价为每克736元: the price the company sold at, not the market's
            if market is not None and self._in_cause(market.start(), market.end(), sentence_start):
                # 受市场利率下行影响，上半年净息差为1.44%: the market is the cause, not the subject
                market = None
            if (
                market is not None
                and market.group() in financial_units()
                and market.start() - 2 >= clause_start
                and all("\u4e00" <= ch <= "\u9fff" for ch in text[market.start() - 2 : market.start()])
                and not text.startswith(words("exchange_noun"), market.end())  # (上海期货交易所: an exchange)
            ):
                market = (
                    None  # 公司称，…；广州期货日均客户权益…: a unit's name ending in a financial unit's word
                )
            if market is not None and any(
                text.find(w, clause_start, market.start()) >= 0 for w in words("subsidiary_before")
            ):
                market = None  # 其中，控股子公司某某期货贡献净利润…: the company's own unit, not the market
            if market is not None and any(
                text.find(w, market.end(), start) >= 0 for w in words("subsidiary_topic")
            ):
                # 大陸的烘焙市場還在成長，明年大陸子公司營收…: the company's own unit is the subject
                market = None
            if market is not None and any(text.find(w, market.end(), start) >= 0 for w in words("belonging")):
                # 國內焦煤市場的供應持續偏緊，旗下三座煤礦合共生產…，按年減少3.7%: the company's own units after it
                market = None
            if market is None and self._category_in(max(sentence_start, segment), start):
                return self._group(start)
            if market is not None or public:
                # a market-wide figure: the market is the subject, or a public body's statistics, no company named
                return self._group(start)
        if not rank and self._group_subject(clause_start, start):
            # …位列第10；同期TOP100房企累计销售额…: the group is the clause's subject (not in 二者分别增长,
            # nor a rank within the group: 位居上市银行第一)
            return self._group(start)
        before = [
            m
            for m in self._in(sentence_start, clause_start)
            if id(m) not in self.comparison
            and not self._in_cause(m.start, m.end, sentence_start)
            and not _EXAMPLES_AFTER.match(text, m.end)
        ]  # (受微軟…換機需求帶動，…營收有望季增: a company in a clause of cause moved the figure, it is not its own;
        # 耐克等品牌的庫存…，公司營收…: examples of customers or brands are not the subject of what follows)
        part = part_start(text, sentence_start, clause_start)
        if before and part > sentence_start and not self._any_in(part, start):
            whole = market_terms().search(text, part, start)
            if whole is not None and whole.group().startswith(words("whole_scope")):
                # …其中某车企份额约为6.8%；1-11月全国乘用车累计零售2150万辆: a ；-part on the whole market
                return self._group(start)
        if any(m.start >= part and id(m) in self.subject for m in before):
            # …分別為196.7億元及42.3億元；某某前10月累計營收…，年減0.8%: the ；-part's own subject
            before = [m for m in before if m.start >= part]
        if before:
            if self._aggregate(before, sentence_start, clause_start) and len({b.company for b in before}) > 1:
                return self._group(start)
            if _self_reference().match(text, opener) and all(b.kind == "product" for b in before):
                # 分析师表示，…矿用某某系统的改造才刚起步，…，公司在这一领域的份额约18%: the clause opens on 公司, and
                # the clauses before name only products; the company in context, not a product's owner
                return self.at(start, companies_only=True)
            subjects = [m for m in before if id(m) in self.subject] or before
            m = subjects[-1]
            # (not a group in a headline's other half: 某某获多家券商看好 某证券上调目标价至612元)
            if not rank and self._group_subject(max(before[-1].end, half), clause_start, start):
                return self._group(start)  # …TOP100房企累计销售额28906亿元，同比下降16.3%: the group's
            voice = speaker_company or (self.main if officer else None)
            if (
                voice is not None
                and all(self._owner(b) != voice for b in before)
                and not _FIGURE.search(text, m.end, self.structure.clause_end(m.end, clause_start))
            ):
                # 總經理表示，…英特爾與超微的新平台陸續推出，…單價可望提升2至3成: the other companies set the scene
                # in a clause of their own with no figure; the speaker's company is the subject
                return voice, None
            return self._owner(m), m
        # a company named later in the claim's own clause (营收达1800亿元的阿里巴巴); one in a later
        # clause is that clause's subject, not the claim's (玩家超过2500万，位居iOS榜首)
        clause_end = min(
            self.structure.clause_end(end - 1, sentence.end), self._half_end(sentence.start, end)
        )
        after = [m for m in self._in(end, clause_end) if id(m) not in self.comparison]
        if after and self._group_in(sentence_start, start) is None:
            return self._owner(after[0]), after[0]
        if speaker_company is not None:
            return speaker_company, None
        if (
            officer
            and self.main is not None
            and _company_measure().search(text, self._measured_from(clause_start, sentence_start), start)
        ):
            return (
                self.main,
                None,
            )  # 董事長表示，國內…需求穩定，…，第2季營收可望…: the officer's company's own measure
        if self._group_in(part_start(text, sentence_start, clause_start), start) is not None:
            # 三家油企均实现盈利，净利润合计…: a group named earlier in the ；-part, no company since
            return self._group(start)
        own_price = part_start(text, sentence_start, clause_start)
        if self._after_group(start, sentence_start, clause_start) and not any(
            text.find(w, own_price, start) >= 0 for w in (*words("seller_price"), *words("realized_before"))
        ):  # (…；平均實現氣價為…，按年上升…: the price the company realized, after the market's)
            # 全网销售额…。其中，综合电商平台销售额…: the market or group stays the subject
            return None, None
        # (“…，公司回款…，明年毛利率…”: 公司 names a company by its own name, not a product named before)
        return self.at(
            start, companies_only=_self_reference().search(text, sentence_start, start) is not None
        )

    def _headline_half(self, sentence_start: int, pos: int) -> int:
        """Where the half of a headline holding ``pos`` starts (a headline's halves, set apart by a wide
        space, are two statements: 某某上半年亏损收窄 碳酸锂价格较年初回落近两成); 0 outside a headline."""
        if sentence_start != 0 or pos >= self._headline_end:
            return 0
        k = bisect_left(self._halves, pos + 1) - 1
        return self._halves[k] if k >= 0 else 0

    def _half_end(self, sentence_start: int, pos: int) -> int:
        """Where the half of a headline holding ``pos`` ends (全国新房销售额降近一成 某房企签约超百亿元: the
        second half's company is not the first half's); no bound outside a headline."""
        if sentence_start != 0 or pos >= self._headline_end:
            return len(self.text)
        k = bisect_left(self._halves, pos + 1)
        return self._halves[k] if k < len(self._halves) else len(self.text)

    def _group_subject(self, a: int, b: int, claim: int | None = None) -> bool:
        """Whether a group of companies (TOP100房企, 两家公司) stands in ``[a, b)`` as a subject, with no
        respectively list between it and the claim (二者分别增长: each its own)."""
        found = self._group_in(a, b)
        end = b if claim is None else claim
        return found is not None and not any(w in self.text[found.end() : end] for w in words("respectively"))

    def _group_in(self, a: int, b: int) -> re.Match[str] | None:
        """A group of companies as one subject in ``[a, b)`` (:func:`_aggregate`), not a verb's object after
        the clause's subject (某某已获得24家车企…的定点: role ``object_verb``)."""
        found = _aggregate().search(self.text, a, b)
        if found is None or any(self.text.find(w, a, found.start()) >= 0 for w in words("object_verb")):
            return None
        if self.text[max(0, found.start() - 2) : found.start()].endswith(
            (*words("belonging"), *words("demonstrative"))
        ):
            return None  # 集團旗下兩家航空公司共載客…: the company's own units; 这家头部券商: one firm
        if _prep_object().search(self.text, max(a, found.start() - 4), found.start()):
            return None  # 已与超过30家客户洽谈: the object of a preposition
        if _ranked_among().search(self.text, max(a, found.start() - 8), found.start()):
            return None  # 利润规模居A股上市银行第一位: the pool a company ranks in or is compared with
        if _pool_after().match(self.text, found.end()):
            return None  # 营收降幅在几家公司中最大: the pool again, named before its superlative
        if found.group() in word_set("pair_pronoun"):
            # 英國及澳洲業務…，兩者合共佔…: two parts of one company's, unless two companies were named in
            # its sentence or the one before (安踏…李宁的2.1倍。二者合计…)
            k = self.structure.sentence_index(found.start())
            since = self.structure.sentences[max(0, k - 1)].start
            if len({m.company or m.name for m in self._in(since, found.start())}) < 2:
                return None
        return found

    def _counts_companies(self, clause_start: int, start: int, end: int) -> bool:
        """Whether the count at ``[start, end)`` counts a group of companies named right before it
        (的车企共有18家; not 某银行共有38家分行, where a company is named and its branches counted)."""
        text = self.text
        if text[end - 1 : end] not in words("aggregate_count") or text[end : end + 1] not in _COUNT_ENDS:
            return False
        group = _counted_companies().search(text, max(clause_start, start - 16), start)
        if group is None:
            return False
        if any(w in group.group(1) for w in words("customer_noun")):
            return False  # 付费企业客户达680万家: firms counted as one company's customers
        if text[max(0, group.start() - 2) : group.start()].endswith(words("partner_before")):
            return False  # 合作车企达到41家: firms counted as one company's partners
        if any(text.find(w, clause_start, group.start()) >= 0 for w in words("serve_before")):
            return False  # 服务科技型企业逾1.2万家: firms counted as one company's customers
        if any(text.find(w, clause_start, group.start()) >= 0 for w in words("belonging")):
            return False  # 某某去年末旗下村镇银行达134家: firms one company owns
        noun_end = group.start(1)  # the group's noun is not the end of a company's name (招商银行)
        return not any(m.start < noun_end <= m.end for m in self._in(clause_start, start))

    def _part_opened(self, start: int, end: int) -> bool:
        """Whether a clause between ``start`` and ``end`` opens with a part's lead (其中城轨市场新签…，海外市场新签…:
        the list of parts runs on past the clause that opened it)."""
        text = self.text
        return any(
            text.startswith(w, k + 1) and text[k] in "，,"
            for w in words("part_lead")
            for k in _positions(text, w, start, end)
        ) or text.startswith(words("part_lead"), start)

    def _in_cause(self, a: int, b: int, sentence_start: int) -> bool:
        """Whether ``text[a:b]`` stands in a clause of cause (受…影响, 受益于…): what moved the figure, not
        whose it is."""
        text = self.text
        clause = self.structure.clause_start(a, sentence_start)
        if text.startswith(words("cause_lead"), clause) and not text.startswith(words("not_cause"), clause):
            return True  # 受益于铜价上行与成本管控，…
        end = self.structure.clause_end(b, self.structure.sentence_at(a).end)
        opened = text.startswith(words("cause_open"), clause) or any(
            text.find("主要" + w, clause, a) >= 0 for w in words("cause_open")
        )  # (业绩下滑主要受行业需求疲软影响: the cause opens after its effect)
        return opened and any(text.find(w, b, end) >= 0 for w in words("cause_close"))

    def _market_price_before(self, clause_start: int, start: int) -> bool:
        """A price per unit written before the number in a clause with a whole market's scope
        (9月末全国散装水泥均价为每吨352元); without one it may be the company's own (售价为每吨412元)."""
        return _price_per_before().search(self.text, clause_start, start) is not None and any(
            self.text.find(w, clause_start, start) >= 0 for w in words("industry_scope")
        )

    def _speaks_for_own(self, sentence_start: int, clause_start: int, start: int) -> bool:
        """Whether a speaker's ``我们`` governs the claim: in its clause, or earlier in its sentence with no
        market named after it (…行业格局变化很大，我们对下半年更有信心，全年出货量有望突破400万套)."""
        text = self.text
        found = [text.rfind(w, sentence_start, start) for w in words("first_person")]
        last = max(found, default=-1)
        if last < 0:
            return False
        if last >= clause_start:
            return True
        return market_terms().search(text, last, start) is None and not self._any_in(last, start)

    def _measured_from(self, clause_start: int, sentence_start: int) -> int:
        """Where the clause's measure is named: the clause before when this one only compares
        (完全成本降至11.9元/公斤，较上月下降0.2元/公斤), else the clause itself."""
        text = self.text
        lead = text[clause_start : clause_start + 4].lstrip(" 　")
        if clause_start > sentence_start and lead.startswith(words("comparison_before")):
            return self.structure.clause_start(clause_start - 1, sentence_start)
        return clause_start

    def _own_goods(self, clause_start: int, sentence_start: int, start: int) -> bool:
        """Whether the company's own goods are named before the claim in its clause, or, for a part
        (其中炼焦煤售价…), in its ``；``-part (自产煤平均售价为531元/吨…，其中…)."""
        text = self.text
        if text.startswith(words("part_lead"), clause_start):
            clause_start = part_start(text, sentence_start, clause_start)
        return any(text.find(w, clause_start, start) >= 0 for w in words("own_goods"))

    def _own_commodity(self, at: int, sentence_start: int) -> bool:
        """Whether the market term at ``at`` names what the company in context sells, makes or gets
        for it: 公司 or a part of it earlier in the term's clause (公司当月销售生猪…，同比增长11.8%;
        炼油板块加工原油), a verb of selling right before it (当月销售生猪), or its realized price (实现原油价格)."""
        text = self.text
        if text[max(0, at - 2) : at].endswith((*words("realized_before"), *words("sell_before"))):
            return True
        if any(text.endswith(words("sell_before"), 0, at - k) for k in range(1, _GOODS_MODIFIER + 1)):
            return True  # 銷售精焦煤: a modifier of the goods between the verb and the commodity
        clause = self.structure.clause_start(at, sentence_start)
        return (
            bool(_self_reference().search(text, clause, at))
            or any(text.find(w, clause, at) >= 0 for w in words("own_part"))
            or self._own_goods(clause, sentence_start, at)
        )

    def _base_of_ratio(self, a: int, b: int, start: int) -> bool:
        """Whether ``text[a:b]`` is the base of the ratio at ``start`` (是/为…的 before it)."""
        text = self.text
        return text[max(0, a - 4) : a].endswith(words("base_verb")) and bool(
            _OF_BEFORE.fullmatch(text, b, start)
        )

    def _category_in(self, a: int, b: int) -> bool:
        """Whether a product's name stands for a market in ``[a, b)`` (微信小游戏市场收入)."""
        i = bisect_left(self._categories, a)
        return i < len(self._categories) and self._categories[i] < b

    def _group(self, start: int) -> tuple[None, None]:
        """No company: the claim at ``start`` is about a market or a group of companies."""
        insort(self._groups, start)
        return None, None

    def _after_group(self, start: int, sentence_start: int, clause_start: int) -> bool:
        """Whether a claim about a market or group stands before ``start`` with no company named since:
        earlier in its ；-part or its sentence, or anywhere before the first company the text names."""
        i = bisect_left(self._groups, start) - 1
        if i < 0:
            return False
        text = self.text
        if any(
            not ("\u4e00" <= text[m.start() - 1 : m.start()] <= "\u9fff") or m.group()[0] in "该該本这這"
            for m in _self_reference().finditer(text, self._groups[i], start)
        ):
            # 期內金價上漲逾25%，集團黃金產品銷售額…: the company in context is the subject again (not 生物科技公司)
            return False
        if self._groups[i] >= part_start(text, sentence_start, clause_start):
            return True
        if self._groups[i] >= sentence_start and not self._any_in(self._groups[i], start):
            return True  # …总票房为18.3亿元…；总观影人次4,710万: the sentence's market stays the subject
        k = bisect_left(self._subject_starts, start) - 1
        return k < 0

    def respective(
        self, start: int, sentence_start: int, index: int, length: int
    ) -> tuple[str, Mention] | None:
        """移动、电信和联通的收入分别为x、y和z: the i-th number of a list is the i-th company's."""
        if length < 2:
            return None
        near = max(sentence_start, start - _LIST_REACH)
        if not any(self.text.find(w, near, start) >= 0 for w in words("respectively")):
            return None
        run = self._last_run(near, start, length)
        own = _self_reference().search(self.text, near, start)
        if own is not None and self.text[max(0, own.start() - 1) : own.start()] in ("家", "間", "间"):
            own = (
                None  # 四家公司每股純益分別為…: a count of the companies listed before, no company in context
            )
        if run is None and not self._in(near, start) and own is None:
            # 三家运营商的5G用户分别达到x、y和z: the list is in one of the sentences before
            k = self.structure.sentence_index(sentence_start) - 1
            floor = max(-1, k - _LIST_LOOKBACK)
            counted = _counted_pair().search(self.text, near, start) is not None
            while run is None and k > floor:
                s = self.structure.sentences[k]
                run = self._last_run(s.start, s.end, length)
                if run is None and counted:
                    # (某甲主营…，某乙则以…为主业。两家…去年…分别为x和y: as many companies, one per clause)
                    run = self._named_in_turn(s.start, s.end, length)
                k -= 1
        if run is None:
            return None
        return self._owner(run[index]), run[index]

    def _named_in_turn(self, a: int, b: int, length: int) -> list[Mention] | None:
        """The companies ``[a, b)`` names, in order, when it names exactly ``length`` different ones."""
        seen: dict[str, Mention] = {}
        for m in self._in(a, b):
            if id(m) not in self.comparison and m.kind == "company":
                seen.setdefault(self._owner(m), m)
        return list(seen.values()) if len(seen) == length else None

    def _former_or_latter(self, clause_start: int, sentence_start: int, start: int) -> Mention | None:
        """前者…，后者…: the first or the last company of the list before the clause, in its sentence."""
        lead = self.text[clause_start:start].lstrip(" 　")
        if lead.startswith(words("former")):
            first = True
        elif lead.startswith(words("latter")):
            first = False
        else:
            return None
        run = next(
            (r for n in (2, 3, 4) if (r := self._last_run(sentence_start, clause_start, n)) is not None), None
        )
        if run is None:
            return None
        return run[0] if first else run[-1]

    def _last_run(self, a: int, b: int, length: int) -> list[Mention] | None:
        """The last list of exactly ``length`` different companies or products in ``[a, b)`` (腾讯、阿里和百度)."""
        joins = word_set("coordinator") | {",", "，"}
        runs: list[list[Mention]] = []
        last_end = a
        for m in self._in(a, b):
            if id(m) in self.comparison:
                continue  # 在momo、蝦皮等平台…，桌機與螢幕分別年增: venues and bases are no list of subjects
            between = self.text[last_end : m.start].strip()
            if runs and runs[-1][-1].name == m.name and not between.strip("（(） "):
                last_end = m.end + (self.text[m.end : m.end + 1] in "）)")  # 某某有限公司（Ameco）: one item
                continue
            if runs and self._joined(between, joins):
                runs[-1].append(m)
            else:
                runs.append([m])
            last_end = m.end
        for run in reversed(runs):
            # different names, even of one owner: 萤石网络、海康机器人 (a listed arm and a unit) are
            # both the parent's segments in its article
            if len(run) == length and len({m.name for m in run}) == length:
                return run
        return None

    @staticmethod
    def _joined(gap: str, joins: frozenset[str] | set[str]) -> bool:
        """Two items of one list: a coordinator between them, or one and a short descriptor of the
        second (台积电与IC设计龙头联发科); a short legal form may end the first (某某控股集团和…: the lexicon's
        name is 某某控股)."""
        if gap in joins:
            return True
        legal = next((w for w in short_legal_forms() if gap.startswith(w)), None)
        if legal is not None and gap[len(legal) :] in joins:
            return True
        head = next((j for j in joins if j not in ",，" and gap.startswith(j)), None)
        # (某甲与11月上市的某乙: a clause on the second ending in 的 may hold a date's digits)
        brk = _CLAUSE_BREAK if gap.endswith("的") else _LIST_BREAK
        return head is not None and len(gap) - len(head) <= _DESCRIPTOR_MAX and not brk.search(gap, len(head))

    def _aggregate(self, found: list[Mention], a: int, b: int) -> bool:
        """Whether the mentions before a claim are several companies together (腾讯和阿里合计), or a group
        of companies stands there; the listed arms of the company in context (萤石网络、海康机器人…, folded into
        their parent) are its parts, not several companies."""
        if len({self._owner(m) for m in found}) < 2:
            # (某甲与某乙合计净利润: a list the lexicon knows one company of, and their joint total; two products
            # together, 某型号与某型号合计, are still their maker's)
            last = found[-1]
            listed = last.kind == "company" and _listed_total().match(self.text, last.end, b) is not None
            return listed or self._group_in(last.end, b) is not None
        if _joint_total().match(self.text, found[-1].end, b):
            return True  # 某甲某乙某丙11月合计运送旅客: what the companies make together
        for x, y in pairwise(found):
            if self._owner(x) != self._owner(y) and self.text[x.end : y.start].strip() in word_set(
                "coordinator"
            ):
                return True
        return self._group_in(a, b) is not None


@cache
def _pair_links() -> tuple[str, ...]:
    """What joins names in a list besides 、 (和, 及, 与, 以及: ``function_words.tsv`` role ``coordinator``)."""
    return tuple(w for w in list_links() if w != "、" and not w.isspace() and w not in "/／")


def resolve_company(model: DocModel, ctx: QContext, cue: Cue | None) -> tuple[str | None, Mention | None]:
    """The company the claim at ``ctx`` is about and the mention that decided it."""
    q = ctx.q
    speaker_company = cue.company if cue is not None and cue.kind != "narrator" else None
    index = model.companies
    respective = index.respective(q.start, ctx.sentence_start, ctx.list_index, ctx.list_length)
    # (總經理某某表示: an officer whose title names no company speaks for the document's main company)
    officer = (
        cue is not None
        and cue.person
        and cue.company is None
        and cue.kind in ("say", "forecast")
        and _bare_officer(model.text, cue)
    )
    found = respective if respective is not None else _resolve(model, ctx, cue, speaker_company, officer)
    company, mention = found
    if (
        company is not None
        and speaker_company is None
        and not officer  # (a market paragraph before an officer's words: the officer speaks for the company)
        and (mention is None or mention.start < ctx.sentence_start)
        and (
            model.same_paragraph(ctx.sentence - 1, ctx.sentence)
            or _named_before_paragraph(model, ctx, mention)
        )
        and not _self_reference().search(model.text, ctx.sentence_start, q.start)
        and model.market_sentence(ctx.sentence - 1)
    ):
        # 据某机构统计，11月全港一手私宅成交…。同月二手住宅登记…: the paragraph stays on the market
        found = None, None
    elif (
        company is not None
        and speaker_company is None
        and cue is not None
        and (cue.kind == "data" or (cue.kind == "forecast" and _measures_market(model, ctx)))
        and cue.speaker is not None
        and cue.company is None
        and not cue.person
        and (
            mention is None
            or not model.same_paragraph(model.structure.sentence_index(mention.start), ctx.sentence)
            or mention.start < model.structure.glued_headline_end  # (a headline glued to the body)
            # (…优刻得去年营收…。据信通院统计，已有260家企业…: a sentence the source opens names no company)
            or (
                mention.start < ctx.sentence_start
                and cue.start <= ctx.sentence_start + 1
                and not any(w in model.text[cue.end : q.start] for w in words("demonstrative"))  # (该游戏…)
            )
        )
        and not _self_named(model.text, max(ctx.sentence_start, cue.end), q.start)
        and "《"
        not in model.text[ctx.sentence_start : q.start]  # 据某机构报告，10月《某游戏》…: a work named
    ):
        # 两融方面，据某机构统计，…余额为2.46万亿元: a source's data in a paragraph that names no company
        found = None, None
    elif (
        company is not None
        and (
            (cue is not None and cue.kind == "data" and cue.company == company)
            or (
                mention is not None
                and not model.same_paragraph(model.structure.sentence_index(mention.start), ctx.sentence)
                and not _self_named(model.text, ctx.sentence_start, q.start)
            )
        )
        and _national_part(model, ctx)
    ):
        # (截至去年底，全国颁证运输机场达到263个: a whole country's count after a paragraph on companies)
        # 国铁集团数据显示，11月全国铁路发送旅客…: a company's statistics of the whole country are no company's
        found = None, None
    if found[0] is not None and cue is not None and cue.analyst and _about_others(model, ctx):
        # “明年头部品牌的收入增速保持在15%左右没有问题。”他说 (an analyst): a market's figures, no company's
        found = None, None
    model.sentence_companies.setdefault(ctx.sentence, set()).add(found[0])
    return found


def _about_others(model: DocModel, ctx: QContext) -> bool:
    """Whether the claim stands in an analyst's quotation that names no company, by name or as 公司, nor do the
    sentence before it in its paragraph (某分析师表示，预计公司全年营收…。“海外业务今年有望…”她说: the company's) and the
    rest of its own sentence."""
    quote = model.structure.quote_at(ctx.q.start)
    if quote is None:
        return False
    a, b = quote
    structure = model.structure
    here = structure.sentence_at(a)
    k = structure.sentence_index(a)
    if k > 0 and structure.sentences[k - 1].paragraph == here.paragraph:
        a = structure.sentences[k - 1].start
    b = max(
        b, structure.sentence_at(b - 1).end
    )  # (“…”她说，预计2026年某某ROE…: named after it in its sentence)
    return not model.companies._any_in(a, b) and not _self_named(model.text, a, b)


def _national_part(model: DocModel, ctx: QContext) -> bool:
    """Whether a whole country's scope (全国, 全港: role ``whole_scope``, not 全年) stands in the claim's ``；``-part
    before it, with no company named between."""
    text = model.text
    a = part_start(text, ctx.sentence_start, ctx.q.start)
    m = _national().search(text, a, ctx.q.start)
    if m is None or model.companies._any_in(m.start(), ctx.q.start):
        return False
    clause = model.structure.clause_start(m.start(), ctx.sentence_start)
    return _TIME_WORDS.fullmatch(text, clause, m.start()) is not None  # (not 占全国的三成: a base)


# what may open a clause before its subject: a time (11月当月，全国铁路…; 今年1至11月，…)
_TIME_WORDS = re.compile(
    r"[\s0-9０-９一二三四五六七八九十至到\-—～~年月日季度当當本前后後上下半期内內以来來累计計]*"
)


@cache
def _rating_noun_after() -> re.Pattern[str]:
    """After a broker's name: another broker or two joined to it, then a rating verb (``reporting_verbs.tsv`` kind
    ``rating``) and 的; or 的 and what a rating sets (某证券的目标价: role ``rating_object``)."""
    rows = _resources.table("reporting_verbs.tsv", ("verb", "kind"))
    verbs = words_pattern(r["verb"] for r in rows if r["kind"] == "rating")
    links = words_pattern(w for w in word_set("coordinator") if w.strip())
    return re.compile(
        rf"(?:(?:{links})[\u4e00-\u9fff]{{2,6}}?)*(?:{verbs})的|的(?:{alternation('rating_object')})"
    )


@cache
def _national() -> re.Pattern[str]:
    """A whole country's or territory's scope (全国, 全港; role ``whole_scope``, two characters or more, not
    ``world_scope``: 全球)."""
    wider = word_set("world_scope")
    return re.compile(words_pattern([w for w in words("whole_scope") if len(w) > 1 and w not in wider]))


def _named_before_paragraph(model: DocModel, ctx: QContext, mention: Mention | None) -> bool:
    """Whether the company in effect was named before the paragraph before the claim's (or only by the
    lead: no mention), so a market paragraph stands between it and the claim."""
    sentences = model.structure.sentences
    s = ctx.sentence
    if s == 0 or sentences[s - 1].paragraph == sentences[s].paragraph:
        return False
    if model.companies._any_in(ctx.sentence_start, ctx.sentence_end) or model.structure.quote_at(ctx.q.start):
        return False  # (“…收入有望增长一成以上。”某某股份事业部总裁某某说: a speaker's words)
    previous_start = (
        model.text.rfind("\n", 0, sentences[s - 1].start) + 1
    )  # where the paragraph before begins
    return mention is None or mention.start < previous_start


@cache
def _market_measure() -> re.Pattern[str]:
    return re.compile(alternation("market_measure"))


def _measures_market(model: DocModel, ctx: QContext) -> bool:
    """Whether a market's measure (零售额, 出货量: role ``market_measure``) names the claim's figure in its clause."""
    return _market_measure().search(model.text, ctx.clause_start, ctx.q.start) is not None


def _bare_officer(text: str, cue: Cue) -> bool:
    """Whether the cue's person carries a bare title opening its clause (總經理某某表示), here or where the
    text first names the person (董事长某某在开场时说…。某某表示 / 「…」他說)."""
    titles = words("officer_title")
    if _title_opens(text, titles, cue.start):
        return True
    first = text.find(cue.speaker) if cue.speaker else -1
    if first < 0 or first >= cue.start:
        return False
    return any(text.endswith(t, 0, first) and _title_opens(text, titles, first - len(t)) for t in titles)


_BYLINE_MAX = 20  # characters of a byline's line (本报记者 某某, 文/某某)


def _byline(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is a short line of its own with no mark of a sentence or a clause: a byline."""
    line = text[start:end].strip()
    return (
        len(line) <= _BYLINE_MAX
        and (start == 0 or text[start - 1] == "\n")
        and (end >= len(text) or text[end] == "\n" or text[end - 1] == "\n")
        and not any(c in line for c in "。！？；，,：:")
    )


def _title_opens(text: str, titles: tuple[str, ...], at: int) -> bool:
    """Whether an officer's title at ``at`` opens its clause (a closing quote before it too: ”董事长某某说)."""
    return text.startswith(titles, at) and (
        at == 0 or text[at - 1] in _CLAUSE_OPENERS or text[at - 1] in "”」"
    )


def _resolve(
    model: DocModel, ctx: QContext, cue: Cue | None, speaker_company: str | None, officer: bool
) -> tuple[str | None, Mention | None]:
    q, index = ctx.q, model.companies
    return index.resolve(
        q.start,
        q.end,
        speaker_company,
        absolute=q.kind in ("money", "count"),
        public=cue is not None and cue.public,
        public_from=cue.end if cue is not None and cue.public else None,
        reach=model.reach(ctx, ctx.sentence_start),
        rank=q.kind == "rank",
        officer=officer,
    )
