"""The output records: :class:`Claim` and :class:`Extraction`."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..quantities.model import Qualifier

Change = Literal["yoy", "qoq", "growth"]
Direction = Literal["up", "down"]


class Span(BaseModel):
    """A span of the caller's input, end exclusive."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


class Evidence(BaseModel):
    """Where the attribution came from: the company mention and the speaker cue used."""

    model_config = ConfigDict(frozen=True)

    company: Span | None = None
    speaker: Span | None = None


class Claim(BaseModel):
    """One numeric claim, with the fields of the claim spec (``claims-spec.md``).

    ``value``/``low``/``high`` are exact decimals (serialised as strings in JSON);
    ``start``/``end`` index the caller's input, glosses and all, so that
    ``text == input[start:end]``. ``sentence`` spans the sentence the claim is in
    and ``evidence`` the mentions that gave its company and speaker.
    """

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    counted: str | None = None
    qualifier: Qualifier = "exact"
    change: Change | None = None
    direction: Direction | None = None
    metric: str | None = None
    period: str | None = None
    company: str | None = None
    speaker: str | None = None
    sentence: Span | None = None
    evidence: Evidence = Field(default_factory=Evidence)


class Extraction(BaseModel):
    """The claims of one document, in text order, and the publication date used to resolve periods."""

    model_config = ConfigDict(frozen=True)

    claims: list[Claim] = Field(default_factory=list)
    published: str | None = None
    chars: int = 0
