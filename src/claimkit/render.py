"""A self-contained HTML review page of one document: :func:`render_html`.

The page shows the cleaned text (or the original, glosses struck out) with every
claim highlighted as ``<mark class="claim">`` (its fields in ``data-*`` attributes and a
tooltip), marked regions (repeat, boilerplate, title) greyed, and a side panel with one
card per claim: value, unit, qualifier, change, metric, concept, segment, forecast, period, company,
speaker. Styles and script are inline and a Content-Security-Policy forbids loading anything else.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from importlib import resources
from string import Template
from typing import Literal

from ._text import without_surrogates
from .claims.model import Claim
from .cleaning import Cleaned

View = Literal["cleaned", "original"]

__all__ = ["render_html"]


def _template() -> Template:
    return Template(resources.files("claimkit").joinpath("render_template.html").read_text(encoding="utf-8"))


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,}"


def _value(claim: Claim) -> str:
    if claim.value is None and (claim.low is not None or claim.high is not None):
        return f"{_number(claim.low)} – {_number(claim.high)}"
    return _number(claim.value)


def _fields(claim: Claim) -> list[tuple[str, str]]:
    """The reviewer's fields of a claim, as (label, text); empty ones left out."""
    unit = claim.unit or ""
    if claim.counted:
        unit = f"{unit} ({claim.counted})"
    change = " ".join(x for x in (claim.change, claim.direction) if x)
    rows = [
        ("value", _value(claim)),
        ("unit", unit),
        ("qualifier", claim.qualifier),
        ("change", change),
        ("metric", claim.metric or ""),
        ("concept", claim.concept),
        ("segment", claim.segment or ""),
        ("forecast", "forecast" if claim.forecast else ""),
        ("period", claim.period or ""),
        ("company", claim.company or ""),
        ("speaker", claim.speaker or ""),
    ]
    return [(k, v) for k, v in rows if v]


def _segments(
    length: int, marks: Sequence[tuple[int, int]], shades: Iterable[tuple[int, int, str]]
) -> list[tuple[int, int, int | None, frozenset[str]]]:
    """Split ``[0, length)`` at every boundary: ``(start, end, mark index or None, shade classes)``."""
    shades = [(a, b, c) for a, b, c in shades if a < b]
    cuts = sorted(
        {0, length, *(p for a, b in marks for p in (a, b)), *(p for a, b, _ in shades for p in (a, b))}
    )
    out = []
    m = 0
    for a, b in itertools.pairwise(cuts):
        while m < len(marks) and marks[m][1] <= a:
            m += 1
        mark = m if m < len(marks) and marks[m][0] <= a else None
        classes = frozenset(c for s, e, c in shades if s <= a and b <= e)
        out.append((a, b, mark, classes))
    return out


def render_html(
    text: str,
    claims: Sequence[Claim],
    *,
    view: View = "cleaned",
    title: str = "claimkit review",
    cleaned: Cleaned | None = None,
) -> str:
    """The review page of ``text`` and its ``claims`` (from :func:`claimkit.extract` on the same text).

    ``view="cleaned"`` shows the text with pinyin glosses removed; ``"original"`` shows it
    as given with the glosses struck out. ``cleaned`` saves re-cleaning ``text``.
    """
    from .cleaning import clean

    if view not in ("cleaned", "original"):
        raise ValueError(f"view must be 'cleaned' or 'original', not {view!r}")
    text = without_surrogates(text)  # as extraction saw it: the page can always be written as UTF-8
    cleaned = cleaned if cleaned is not None else clean(text)
    if view == "cleaned":
        shown = cleaned.text

        def to_view(start: int, end: int) -> tuple[int, int]:
            a = cleaned.from_input(start)
            return (a, cleaned.from_input(end - 1) + 1) if end > start else (a, a)

        shades = [(r.clean_start, r.clean_end, f"region {r.kind}") for r in cleaned.regions]
    else:
        shown = text

        def to_view(start: int, end: int) -> tuple[int, int]:
            return start, end

        shades = [(r.start, r.end, f"region {r.kind}") for r in cleaned.regions]
        shades += [(g.start, g.end, "gloss") for g in cleaned.glosses]

    ordered = sorted(enumerate(claims), key=lambda ic: (ic[1].start, -ic[1].end))
    marks: list[tuple[int, int]] = []
    mark_claim: list[int] = []
    for i, claim in ordered:
        a, b = to_view(claim.start, claim.end)
        if a < b and (not marks or a >= marks[-1][1]):  # overlapping claims: the first is highlighted
            marks.append((a, b))
            mark_claim.append(i)

    body: list[str] = []
    open_mark: int | None = None
    for a, b, mark, classes in _segments(len(shown), marks, shades):
        if mark != open_mark:
            if open_mark is not None:
                body.append("</mark>")
            if mark is not None:
                body.append(_mark_open(mark_claim[mark], claims[mark_claim[mark]]))
            open_mark = mark
        piece = html.escape(shown[a:b])
        body.append(f'<span class="{" ".join(sorted(classes))}">{piece}</span>' if classes else piece)
    if open_mark is not None:
        body.append("</mark>")

    cards = "\n".join(_card(i, c, i in mark_claim) for i, c in enumerate(claims))
    kinds = sorted({r.kind for r in cleaned.regions})
    summary = (
        f"{len(claims)} claims · {len(cleaned.glosses)} glosses removed · "
        f"{len(cleaned.regions)} regions marked{' (' + ', '.join(kinds) + ')' if kinds else ''} · {view} text"
    )
    return _template().substitute(
        title=html.escape(title),
        summary=html.escape(summary),
        view=view,
        text="".join(body),
        cards=cards,
    )


def _mark_open(i: int, claim: Claim) -> str:
    fields = _fields(claim)
    tip = " · ".join(f"{k}: {v}" for k, v in fields)
    data = "".join(f' data-{k}="{html.escape(v)}"' for k, v in fields)
    raw = "" if claim.value is None else f' data-raw-value="{claim.value}"'
    return f'<mark class="claim" id="claim-{i}" data-claim="{i}"{data}{raw} title="{html.escape(tip)}">'


def _card(i: int, claim: Claim, highlighted: bool) -> str:
    rows = "".join(f"<dt>{k}</dt><dd>{html.escape(v)}</dd>" for k, v in _fields(claim))
    note = "" if highlighted else '<p class="note">overlaps another claim; not highlighted</p>'
    return (
        f'<li class="card" id="card-{i}" data-claim="{i}"><a href="#claim-{i}" class="quote">'
        f'{html.escape(claim.text)}</a><span class="offsets">{claim.start}–{claim.end}</span>'
        f"<dl>{rows}</dl>{note}</li>"
    )
