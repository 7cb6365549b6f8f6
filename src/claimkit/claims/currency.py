"""The currency resolver: what a company's bare 元 means in Hong Kong and Taiwan press.

A quantity's currency is read with the quantity (``quantities``): written (港元, 美元), declared
(``（人民币，下同）``), or the place's own where the text shows it (a Taiwan dateline, Taiwan's 年增).
What is left is bare 元 in a text that names no currency, read as CNY. Hong Kong and Taiwan papers
write their own companies' amounts that way (港鐵收入298億元 is in HKD): in a text in traditional
characters that declares no renminbi amounts, the bare 元 of a company whose ``currency`` the companies
resource gives (HKD, TWD) is that currency, unless the claim's ``；``-part names the renminbi; a figure of
no company is in the currency of the document's main company. A simplified text that names 新台币 reads a
Taiwan company's bare 元 so too (a company no list holds is Taiwan's by its stock code, 1236.TW or four digits; a figure of no
company is in a wire datelined from Taiwan).
"""

from __future__ import annotations

import re
from functools import cache

from .._words import alternation, words, words_pattern
from ..attribution.structure import part_start
from ..quantities.grammar import dateline_currency, traditional_text
from ..quantities.lexicon import cues, units
from .document import DocModel, QContext


def resolve_unit(model: DocModel, ctx: QContext, company: str | None) -> str | None:
    """The unit of the claim at ``ctx`` about ``company`` (no company: the market of the document's main
    company, 港交所's turnover in its own results)."""
    q = ctx.q
    # (unit_word None: money after a money noun with no unit written, 合約銷售近百億)
    if q.unit != "CNY" or q.unit_word not in ("元", None):
        return q.unit
    owner = company or model.companies.main or ""
    local = model.lexicon.currencies.get(owner) or _listed_currency(model, owner) or _dateline_place(model)
    if local is None or _renminbi_in_part(model, ctx):
        return q.unit
    if _local_text(model) or (local == "TWD" and _names_currency(model, local)):
        return local
    return q.unit


def _local_text(model: DocModel) -> bool:
    """Whether the text is in traditional characters and declares no renminbi amounts (人民幣，下同)
    (computed once)."""
    found = model.memo.get(_KEY)
    if found is None:
        text = model.text
        found = model.memo[_KEY] = traditional_text(text) and _renminbi_note().search(text) is None
    return bool(found)


def _dateline_place(model: DocModel) -> str | None:
    """TWD in a wire datelined from Taiwan (中新社台北2月23日电) that names 新台币: its bare 元 there are TWD."""
    key = "dateline_place"
    if key not in model.memo:
        place = dateline_currency(model.text)
        model.memo[key] = place if place is not None and _names_currency(model, place) else None
    return model.memo[key]  # type: ignore[return-value]


_TW_LISTING = re.compile(r"\s*[（(]\d{4}\.TWO?[）)]")  # （1236.TW）, （6488.TWO）
_FOUR_DIGIT_CODE = re.compile(r"\s*[（(][1-9]\d{3}[）)]")  # （2722）


def _followed_by(text: str, name: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``name`` stands somewhere in ``text`` right before a match of ``pattern`` (no pattern
    compiled per name)."""
    i = text.find(name)
    while i >= 0:
        if pattern.match(text, i + len(name)):
            return True
        i = text.find(name, i + 1)
    return False


def _listed_currency(model: DocModel, name: str) -> str | None:
    """TWD for a company no list holds that the text writes with a Taiwan stock code (某某食品（1236.TW）; four
    digits alone too, 某某（2722）, in a text that names 新台币: Hong Kong's are written with five, 00135)."""
    if not name:
        return None
    key = f"listed_{name}"
    if key not in model.memo:
        model.memo[key] = (
            "TWD"
            if _followed_by(model.text, name, _TW_LISTING)
            or (_followed_by(model.text, name, _FOUR_DIGIT_CODE) and _names_currency(model, "TWD"))
            else None
        )
    return model.memo[key]  # type: ignore[return-value]


def _names_currency(model: DocModel, unit: str) -> bool:
    """Whether the text writes ``unit`` by name (新台币) and declares no renminbi amounts: mainland wording on a
    Taiwan company names the currency once and writes bare 元 after (营收新台币…亿元，…净利润…亿元); Hong Kong
    companies are not read so, since mainland papers write their results in renminbi and their prices in 港元."""
    key = f"names_{unit}"
    found = model.memo.get(key)
    if found is None:
        text = model.text
        found = model.memo[key] = _renminbi_note().search(text) is None and any(
            w in text for w, u in units().items() if u.unit == unit and u.kind == "currency"
        )
    return bool(found)


def _renminbi_in_part(model: DocModel, ctx: QContext) -> bool:
    """Whether the claim's ``；``-part of its sentence names the renminbi (北向交易…人民幣2,043億元；南向
    交易…1,148億元: only the first part's amounts are CNY)."""
    text = model.text
    a = part_start(text, ctx.sentence_start, ctx.q.start)
    ends = [
        k
        for k in (text.find("；", ctx.q.end, ctx.sentence_end), text.find(";", ctx.q.end, ctx.sentence_end))
        if k >= 0
    ]
    part = text[a : min(ends, default=ctx.sentence_end)]
    return any(w in part for w in _renminbi())


_KEY = "local_text"


@cache
def _renminbi() -> tuple[str, ...]:
    """The words that name the renminbi (``function_words.tsv`` role ``renminbi``)."""
    return words("renminbi")


@cache
def _renminbi_note() -> re.Pattern[str]:
    """A note declaring the text's amounts in renminbi (（人民幣，下同）: ``quantity_cues.tsv`` ``same_below``)."""
    below = words_pattern(cues()["same_below"])
    return re.compile(f"(?:{alternation('renminbi')})[^。\\n]{{0,4}}(?:{below})")
