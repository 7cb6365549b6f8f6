"""The speaker resolver: who asserts a claim.

A quotation's claims take the cue that introduces or closes the quotation (``…表示：“…”``,
``“…”，他说``), else a cue inside it before the number; other claims take the last cue
of their sentence before them whose scope reaches them (a reporting cue covers the rest
of its sentence). Narrator cues (``财报显示``) name no one.
"""

from __future__ import annotations

from bisect import bisect_right

from ..attribution.speakers import Cue
from ..attribution.structure import Structure
from .document import DocModel, QContext

_CUE_LOOKBACK = 16  # cues of the claim's sentence looked at, nearest first


def resolve_speaker(model: DocModel, ctx: QContext) -> Cue | None:
    """The cue that makes someone (or the narrator) the speaker of the claim at ``ctx``."""
    q = ctx.q
    structure = model.structure
    cues = model.cues_by_sentence.get(ctx.sentence, ())
    ends = model.cue_ends.get(ctx.sentence, ())
    k = bisect_right(ends, q.start)  # cues[:k] end before the claim (cues of a sentence are in order)
    quote = structure.quote_at(q.start)
    if quote is not None:
        cue = model.quoted.get(quote)
        if cue is not None:
            return cue
        for c in reversed(cues[:k]):
            if c.start <= quote[0]:
                break
            if c.end <= q.start:
                return c  # a cue inside the quotation, before the number
        return None
    for c in reversed(cues[max(0, k - _CUE_LOOKBACK) : k]):
        if c.end <= q.start < c.scope_end and not _quoted(structure, c):
            return c
    for c in cues[k : k + 2]:
        if c.kind == "data" and c.start < q.start and q.end <= c.end and not _quoted(structure, c):
            return c  # 国家统计局昨日公布10月社零总额为4.6万亿元: the figure is the data verb's object
    return None


def _quoted(structure: Structure, cue: Cue) -> bool:
    """Whether ``cue`` stands inside a quotation (not a name in quotation marks that the cue runs past:
    台湾地区“经济部统计处”23日发布的统计显示)."""
    quote = structure.quote_at(cue.start)
    return quote is not None and cue.end <= quote[1]
