"""The speaker resolver: who asserts a claim.

A quotation's claims take the cue that introduces or closes the quotation (``…表示：“…”``,
``“…”，他说``), else a cue inside it before the number; other claims take the last cue
of their sentence before them whose scope reaches them (a reporting cue covers the rest
of its sentence). Narrator cues (``财报显示``) name no one.
"""

from __future__ import annotations

from ..attribution.speakers import Cue
from .document import DocModel, QContext


def resolve_speaker(model: DocModel, ctx: QContext) -> Cue | None:
    """The cue that makes someone (or the narrator) the speaker of the claim at ``ctx``."""
    q = ctx.q
    structure = model.structure
    cues = model.cues_by_sentence.get(ctx.sentence, ())
    quote = structure.quote_at(q.start)
    if quote is not None:
        cue = model.quoted.get(quote)
        if cue is not None:
            return cue
        inner = [c for c in cues if quote[0] < c.start and c.end <= q.start]
        return inner[-1] if inner else None
    best = None
    for c in cues:
        if c.end <= q.start and q.start < c.scope_end and structure.quote_at(c.start) is None:
            best = c
    return best
