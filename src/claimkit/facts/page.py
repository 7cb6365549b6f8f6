"""A self-contained HTML page of facts: :func:`render_facts_html`.

Conflicts come first, each with its distinct values side by side and, under each value,
the sentences that state it (with the claim highlighted), their documents, dates and
speakers; then a table of every fact. No script; a Content-Security-Policy forbids
loading anything.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from decimal import Decimal
from importlib import resources
from string import Template
from typing import Any

from .consolidate import signed_value
from .model import Fact, FactValue, SourcedClaim

__all__ = ["render_facts_html"]

_QUALIFIER_WORDS = {
    "approx": "约 ",
    "nearly": "近 ",
    "more_than": "超 ",
    "less_than": "不足 ",
    "exact": "",
    "range": "",
}


def _template() -> Template:
    return Template(
        resources.files("claimkit.facts").joinpath("page_template.html").read_text(encoding="utf-8")
    )


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,}"


def value_text(
    value: Decimal | None, low: Decimal | None, high: Decimal | None, qualifier: str, unit: str
) -> str:
    """A value as the page shows it: ``约 1,800 CNY``, ``265 – 292 CNY``."""
    shown = f"{_number(low)} – {_number(high)}" if value is None or qualifier == "range" else _number(value)
    return f"{_QUALIFIER_WORDS.get(qualifier, '')}{shown} {unit}".strip()


def _key(fact: Fact) -> str:
    parts = [
        html.escape(fact.company or "(market)"),
        html.escape(fact.segment or "(whole)"),
        html.escape(fact.concept),
        html.escape(fact.period),
    ]
    dims = [x for x in (fact.change, "forecast" if fact.forecast else None) if x]
    dim = f' <span class="dim">{html.escape(" · ".join(dims))}</span>' if dims else ""
    return " · ".join(parts) + dim


def _quote(sc: SourcedClaim, texts: Mapping[Any, str]) -> str:
    """The sentence that states a claim, the claim marked; the claim's text alone without the document."""
    c = sc.claim
    text = texts.get(sc.document)
    if (
        text is None
        or c.sentence is None
        or not (0 <= c.sentence.start <= c.start <= c.end <= c.sentence.end <= len(text))
    ):
        return f"<mark>{html.escape(c.text)}</mark>"
    s = c.sentence
    return (
        html.escape(text[s.start : c.start].strip())
        + f"<mark>{html.escape(text[c.start : c.end])}</mark>"
        + html.escape(text[c.end : s.end].rstrip())
    )


def _source(sc: SourcedClaim) -> str:
    bits = [f"doc {sc.document}"]
    if sc.published:
        bits.append(sc.published)
    if sc.claim.speaker:
        bits.append(f"speaker {sc.claim.speaker}")
    bits.append(f"{sc.claim.start}–{sc.claim.end}")
    return html.escape(" · ".join(bits))


def _states(v: FactValue, sc: SourcedClaim) -> bool:
    """Whether a supporting claim states value ``v``."""
    return sc.document in v.documents and signed_value(sc.claim) == (v.value, v.low, v.high, v.qualifier)


def _conflict(fact: Fact, texts: Mapping[Any, str]) -> str:
    columns = []
    for v in fact.values:
        best = (v.value, v.low, v.high) == (fact.value, fact.low, fact.high)
        items = "".join(
            f'<li>{_quote(sc, texts)}<br><span class="source">{_source(sc)}</span></li>'
            for sc in fact.claims
            if _states(v, sc)
        )
        title = html.escape(value_text(v.value, v.low, v.high, v.qualifier, fact.unit))
        docs = html.escape(", ".join(map(str, v.documents)))
        columns.append(
            f'<div class="value{" best" if best else ""}"><h3>{title}</h3>'
            f'<p class="source">{len(v.documents)} document(s): {docs}</p><ul>{items}</ul></div>'
        )
    return f'<section class="fact"><div class="key">{_key(fact)}</div><div class="values">{"".join(columns)}</div></section>'


def _row(fact: Fact) -> str:
    cells = [
        html.escape(fact.company or ""),
        html.escape(fact.segment or ""),
        html.escape(fact.concept),
        html.escape(fact.period),
        html.escape(fact.change or ""),
        "yes" if fact.forecast else "",
    ]
    value = html.escape(value_text(fact.value, fact.low, fact.high, fact.qualifier, fact.unit))
    return (
        "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + f'<td class="num">{value}</td>'
        f'<td class="status-{fact.status}">{fact.status}</td><td>{len(fact.documents)}</td></tr>'
    )


def render_facts_html(
    facts: Sequence[Fact], *, texts: Mapping[Any, str] | None = None, title: str = "claimkit facts"
) -> str:
    """The facts page: conflicts side by side with the sentences that state each value, then every fact.

    ``texts`` maps document ids to the documents' texts, for the sentences; without a
    document's text its claims are shown alone.
    """
    texts = texts or {}
    conflicts = [f for f in facts if f.status == "conflict"]
    agreed = sum(f.status == "agreed" for f in facts)
    summary = f"{len(facts)} facts · {len(conflicts)} in conflict · {agreed} agreed by several documents"
    return _template().substitute(
        title=html.escape(title),
        summary=html.escape(summary),
        conflicts="\n".join(_conflict(f, texts) for f in conflicts) or "<p>No conflicts.</p>",
        rows="\n".join(_row(f) for f in facts),
    )
