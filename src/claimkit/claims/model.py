"""The output records: :class:`Claim` and :class:`Extraction`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..quantities.model import Qualifier

_M = TypeVar("_M", bound=BaseModel)


def construct(cls: type[_M], values: dict[str, Any]) -> _M:
    """A frozen model from values the engine built itself (every field given, already valid): what
    ``model_construct`` does, without its per-field default handling on the hot path."""
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


Change = Literal["yoy", "qoq", "growth"]
Direction = Literal["up", "down"]


class Span(BaseModel):
    """A span of the caller's input, end exclusive."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


class Evidence(BaseModel):
    """Where the fields came from: the company mention, speaker cue, period mention, concept word, segment
    and forecast cue (input spans; ``None`` where a field came from context or is empty)."""

    model_config = ConfigDict(frozen=True)

    company: Span | None = None
    speaker: Span | None = None
    period: Span | None = None
    concept: Span | None = None
    segment: Span | None = None
    forecast: Span | None = None


class Claim(BaseModel):
    """One numeric claim, with the fields of the claim spec (``claims-spec.md``).

    ``value``/``low``/``high`` are exact decimals (serialised as strings in JSON);
    ``start``/``end`` index the caller's input, glosses and all, so that
    ``text == input[start:end]``. ``concept``, ``segment`` and ``forecast`` say what the
    figure is (``facts-spec.md``). ``sentence`` spans the sentence the claim is in and
    ``evidence`` the words that gave its company, speaker, concept, segment and forecast.
    """

    model_config = ConfigDict(frozen=True)

    text: str = Field(
        description="The quantity as written in the input, unit included, qualifier words excluded"
    )
    start: int = Field(description="Offset of `text` in the input as given (glosses and all)")
    end: int = Field(description="End offset of `text` in the input, exclusive")
    value: Decimal | None = Field(
        None,
        description="The number with its scale applied; percentages as percent numbers; the bound for qualifiers",
    )
    low: Decimal | None = Field(None, description="Lower bound of a range")
    high: Decimal | None = Field(
        None, description="Upper bound of a range, exclusive where the text implies it"
    )
    unit: str | None = Field(
        None, description="ISO 4217 code, %, pp (percentage points), x (multiple), count or rank"
    )
    counted: str | None = Field(None, description="For counts: the measure word or noun counted (家, 辆, 吨)")
    qualifier: Qualifier = Field("exact", description="exact, approx, nearly, more_than, less_than or range")
    change: Change | None = Field(
        None, description="yoy, qoq or growth (a change with no stated basis); null for a level"
    )
    direction: Direction | None = Field(None, description="up or down for a change")
    metric: str | None = Field(None, description="What is measured, a short phrase as written")
    period: str | None = Field(
        None, description="Normalised period: 2025Q1, 2025H1, 2025Q1-Q3, 2025, 2025-03, FY2025Q4"
    )
    company: str | None = Field(None, description="The company the claim is about, canonical English name")
    speaker: str | None = Field(
        None,
        description="Who asserts it: a person as written, a source, or the company; null for the narrator",
    )
    concept: str = Field(
        "other",
        description="What kind of figure it is: a concept id of the taxonomy (revenue, net_profit, mau…) or other",
    )
    segment: str | None = Field(
        None,
        description="The business line, product or region it is about, in the text's words; null for the whole company",
    )
    forecast: bool = Field(
        False,
        description="True for a forecast, guidance, target, plan or estimate rather than a reported result",
    )
    sentence: Span | None = Field(None, description="The sentence holding the claim, in input offsets")
    evidence: Evidence = Field(
        default_factory=Evidence,
        description="Spans of the company mention, speaker cue, concept word, segment and forecast cue used",
    )


class Extraction(BaseModel):
    """The claims of one document, in text order, and the publication date used to resolve periods."""

    model_config = ConfigDict(frozen=True)

    claims: list[Claim] = Field(default_factory=list)
    published: str | None = None
    chars: int = 0
