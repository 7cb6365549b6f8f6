"""The records of consolidation: :class:`SourcedClaim`, :class:`FactValue` and :class:`Fact`."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..claims.model import Change, Claim
from ..quantities.model import Qualifier

DocId = str | int
Status = Literal["single", "agreed", "conflict"]


class SourcedClaim(BaseModel):
    """A claim and the document that states it: the document's id and publication date."""

    model_config = ConfigDict(frozen=True)

    document: DocId = Field(description="The id of the document the claim comes from")
    published: str | None = Field(None, description="The document's publication date (ISO), if known")
    claim: Claim = Field(description="The claim, with its span, sentence and speaker")


class FactValue(BaseModel):
    """One value stated for a fact and the documents that state it (signed: a decline or a loss is negative)."""

    model_config = ConfigDict(frozen=True)

    value: Decimal | None = Field(None, description="The value stated, signed; the bound for qualifiers")
    low: Decimal | None = Field(None, description="Lower bound of a range, signed")
    high: Decimal | None = Field(None, description="Upper bound of a range, signed")
    qualifier: Qualifier = Field("exact", description="exact, approx, nearly, more_than, less_than or range")
    documents: list[DocId] = Field(default_factory=list, description="The documents that state this value")


class Fact(BaseModel):
    """What all the claims about one thing say together (``facts-spec.md``).

    The key is ``(company, segment, concept, period, change, forecast)`` and the unit;
    ``value`` (with ``low``/``high``/``qualifier``) is the best supported value, signed
    (a decline or a loss is negative, so facts join filings); ``status`` is ``single``
    (one document), ``agreed`` (several, consistent) or ``conflict``; ``claims`` are
    the supporting claims with their documents; ``values`` lists, in a conflict, each
    distinct value with the documents that state it.
    """

    model_config = ConfigDict(frozen=True)

    company: str | None = Field(description="Canonical company name; null for market-wide figures")
    segment: str | None = Field(description="Business line, product or region; null for the whole company")
    concept: str = Field(description="Concept id of the taxonomy (revenue, net_profit, mau…)")
    period: str = Field(description="Normalised period: 2025Q1, 2025H1, 2025, 2025-03, FY2025…")
    change: Change | None = Field(description="yoy, qoq or growth for a change; null for a level")
    forecast: bool = Field(description="True for a forecast, guidance, target or estimate")
    unit: str = Field(description="ISO 4217 code, %, pp, x, count or rank")
    value: Decimal | None = Field(
        None, description="The best supported value, signed; the bound for qualifiers"
    )
    low: Decimal | None = Field(None, description="Lower bound of a best value that is a range, signed")
    high: Decimal | None = Field(None, description="Upper bound of a best value that is a range, signed")
    qualifier: Qualifier = Field("exact", description="The best value's qualifier")
    status: Status = Field(description="single (one document), agreed (several, consistent) or conflict")
    documents: list[DocId] = Field(default_factory=list, description="Every document that states the fact")
    claims: list[SourcedClaim] = Field(default_factory=list, description="The supporting claims")
    values: list[FactValue] = Field(
        default_factory=list, description="In a conflict, each distinct value with the documents stating it"
    )

    @property
    def key(self) -> tuple[str | None, str | None, str, str, str | None, bool, str]:
        """``(company, segment, concept, period, change, forecast, unit)``."""
        return (self.company, self.segment, self.concept, self.period, self.change, self.forecast, self.unit)
