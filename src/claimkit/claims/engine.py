"""From a document model to claims: one loop over the quantities, one resolver per field.

The engine works on the cleaned text (offsets into it) and maps every span back to the
caller's input at the end. It is what :class:`~claimkit.Extractor` and the
``claimkit_attribution`` spaCy component run.
"""

from __future__ import annotations

from ..cleaning import Cleaned
from .change import resolve_change
from .company import resolve_company
from .currency import resolve_unit
from .describe import describe
from .document import REACH, DocModel, Document, build_model, is_claim
from .metric import resolve_metric
from .model import Claim, Evidence, Span, construct
from .period import resolve_period
from .speaker import resolve_speaker

__all__ = ["Document", "build_claims", "is_claim"]


def _input_span(cleaned: Cleaned, a: int, b: int) -> Span:
    s, e = cleaned.to_input_span(a, b)
    return construct(Span, {"start": s, "end": e})


def build_claims(doc: Document) -> list[Claim]:
    """The claims of a document."""
    model = build_model(doc)
    return claims_of_model(model) if model is not None else []


def claims_of_model(model: DocModel) -> list[Claim]:
    """The claims of a built document model, in text order."""
    cleaned = model.cleaned
    claims: list[Claim] = []
    spans: dict[tuple[int, int], Span] = {}  # one Span object per sentence
    for ctx in model.contexts:
        q = ctx.q
        period = resolve_period(model, ctx)
        cue = resolve_speaker(model, ctx)
        company, company_mention = resolve_company(model, ctx, cue)
        unit = resolve_unit(model, ctx, company)
        metric, metric_start = resolve_metric(model, ctx, cue)
        change = resolve_change(model, ctx, metric, metric_start, period.value)
        facts = describe(
            model.text,
            q,
            metric,
            change=change.change,
            company=company,
            period=period.value.value if period.value is not None else None,
            published=model.published,
            sentence=(model.reach(ctx, ctx.sentence_start), ctx.sentence_end),
            clause=(
                model.reach(ctx, ctx.clause_start),
                min(model.structure.clause_end(q.end - 1, ctx.sentence_end), q.end + REACH),
            ),
            mentions=model.mentions_near(ctx),
            cleaned=cleaned,
            periods=model.periods,
            quantities=model.all_quantities,
        )
        start, end = cleaned.to_input_span(q.start, q.end)
        sentence = spans.get((ctx.sentence_start, ctx.sentence_end))
        if sentence is None:
            sentence = spans[(ctx.sentence_start, ctx.sentence_end)] = _input_span(
                cleaned, ctx.sentence_start, ctx.sentence_end
            )
        evidence = {
            "company": _input_span(cleaned, company_mention.start, company_mention.end)
            if company_mention is not None
            else None,
            "speaker": _input_span(cleaned, cue.start, cue.end)
            if cue is not None and cue.speaker is not None
            else None,
            "period": _input_span(cleaned, period.evidence.start, period.evidence.end)
            if period.evidence is not None and period.value is not None
            else None,
            **facts.evidence,
        }
        claims.append(
            construct(
                Claim,
                {
                    "text": cleaned.source[start:end],
                    "start": start,
                    "end": end,
                    "value": q.value,
                    "low": q.low,
                    "high": q.high,
                    "unit": unit,
                    "counted": q.counted,
                    "qualifier": q.qualifier,
                    "change": change.change,
                    "direction": change.direction,
                    "metric": metric,
                    "period": period.value.value if period.value is not None else None,
                    "company": company,
                    "speaker": cue.speaker if cue is not None else None,
                    "concept": facts.concept,
                    "segment": facts.segment,
                    "forecast": facts.forecast,
                    "sentence": sentence,
                    "evidence": construct(Evidence, evidence),
                },
            )
        )
    return claims
