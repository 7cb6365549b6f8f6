"""The currency resolver: what a company's bare 元 means in Hong Kong and Taiwan press.

A quantity's currency is read with the quantity (``quantities``): written (港元, 美元), declared
(``（人民币，下同）``), or the place's own where the text shows it (a Taiwan dateline, Taiwan's 年增).
What is left is bare 元 in a text that names no currency, read as CNY. Hong Kong and Taiwan papers
write their own companies' amounts that way (港鐵收入298億元 is in HKD): in a text in traditional
characters that never names the renminbi, the bare 元 of a company whose ``currency`` the companies
resource gives (HKD, TWD) is that currency.
"""

from __future__ import annotations

from functools import cache

from .._words import words
from ..quantities.grammar import traditional_text
from .document import DocModel, QContext


def resolve_unit(model: DocModel, ctx: QContext, company: str | None) -> str | None:
    """The unit of the claim at ``ctx`` about ``company``."""
    q = ctx.q
    if q.unit != "CNY" or company is None or q.unit_word != "元":
        return q.unit
    local = model.lexicon.currencies.get(company)
    if local is None or not _names_no_renminbi(model):
        return q.unit
    return local


def _names_no_renminbi(model: DocModel) -> bool:
    """Whether the text is in traditional characters and never names the renminbi (computed once)."""
    found = model.memo.get(_KEY)
    if found is None:
        text = model.text
        found = model.memo[_KEY] = traditional_text(text) and not any(w in text for w in _renminbi())
    return bool(found)


_KEY = "names_no_renminbi"


@cache
def _renminbi() -> tuple[str, ...]:
    """The words that name the renminbi (``function_words.tsv`` role ``renminbi``)."""
    return words("renminbi")
