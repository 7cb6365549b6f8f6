"""The facts fields of one claim (``concept``, ``segment``, ``forecast``), for the engine to call in one line.

Each field has its own resolver (:mod:`.concept`, :mod:`.forecast`) working in clean-text
offsets; this module runs them in order and maps their evidence spans to the caller's input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from ..attribution.mentions import Mention
from ..cleaning import Cleaned
from ..periods.grammar import RawPeriod
from ..quantities.grammar import Raw
from .concept import KNOWN_SPANS, KnownSpans, Span, as_market_size, resolve_concept, resolve_segment
from .forecast import resolve_forecast
from .model import Span as InputSpan
from .model import construct


class FactEvidence(TypedDict):
    """The :class:`~claimkit.Evidence` spans of the facts fields, in input offsets."""

    concept: InputSpan | None
    segment: InputSpan | None
    forecast: InputSpan | None


@dataclass(frozen=True, slots=True)
class Described:
    """A claim's concept, segment and forecast, and the input spans that decided them."""

    concept: str
    segment: str | None
    forecast: bool
    evidence: FactEvidence


def _to_input(cleaned: Cleaned, span: Span | None) -> InputSpan | None:
    if span is None or span[0] >= span[1]:
        return None
    start, end = cleaned.to_input_span(*span)
    return construct(InputSpan, {"start": start, "end": end})


def describe(
    text: str,
    q: Raw,
    metric: str | None,
    *,
    change: str | None,
    company: str | None,
    period: str | None,
    published: date | None,
    sentence: Span,
    clause: Span,
    mentions: Sequence[Mention],
    cleaned: Cleaned,
    periods: Sequence[RawPeriod] = (),
    quantities: Sequence[Raw] = (),
) -> Described:
    """Concept, segment and forecast of the claim of ``q`` (clean-text offsets in, input spans out).

    ``periods`` and ``quantities`` are the document's, as the engine read them (read again if not given).
    """
    known = KNOWN_SPANS.get()
    if (periods or quantities) and (known is None or known.text is not text):
        known = _known(text, periods, quantities)
    token = KNOWN_SPANS.set(known)
    try:
        concept = resolve_concept(
            text,
            q,
            metric,
            sentence_start=sentence[0],
            clause_start=clause[0],
            clause_end=clause[1],
            change=change,
            company=company,
            mentions=mentions,
        )
        concept = as_market_size(concept, metric, q, company)
        segment, segment_span = resolve_segment(
            text,
            concept,
            metric,
            q,
            sentence_start=sentence[0],
            clause_start=clause[0],
            company=company,
            mentions=mentions,
        )
        forecast, forecast_span = resolve_forecast(
            text,
            q,
            sentence_start=sentence[0],
            clause_start=clause[0],
            clause_end=clause[1],
            concept=concept.concept,
            period=period,
            published=published,
        )
        return Described(
            concept=concept.concept,
            segment=segment,
            forecast=forecast,
            evidence=FactEvidence(
                concept=_to_input(cleaned, concept.span),
                segment=_to_input(cleaned, segment_span),
                forecast=_to_input(cleaned, forecast_span),
            ),
        )
    finally:
        KNOWN_SPANS.reset(token)


_CACHE: dict[int, tuple[Sequence[Any], KnownSpans]] = {}


def _known(text: str, periods: Sequence[RawPeriod], quantities: Sequence[Raw]) -> KnownSpans:
    """The known spans of a document, built once per document (the last few are kept)."""
    hit = _CACHE.get(id(quantities))
    if hit is not None and hit[0] is quantities and hit[1].text is text:
        return hit[1]
    known = KnownSpans.of(text, periods, quantities)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(quantities)] = (quantities, known)
    return known
