"""Claims of many documents into facts: :func:`consolidate` (the rules of ``facts-spec.md``).

Claims are one fact when they share the key ``(company, segment, concept, period,
change, forecast)`` and the unit, the segment compared after the company's own
aliases are resolved (``segments.tsv``). Two values are consistent when their
intervals overlap: a value written with k decimals covers half a unit of its last
written digit either side (``1800亿`` covers 1799.5–1800.5亿); ``约`` widens it by
5 % of the value either side, ``近`` by 10 % below, ``超`` opens it upwards, ``不足``
downwards, and a range covers its bounds. A decline or a loss is negative.
"""

from __future__ import annotations

import operator
import re
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ValidationError

from ..claims.concept import OTHER, read
from ..claims.model import Claim, Extraction
from ..claims.segments import SegmentIndex, read_segments, segment_key, segments
from ..errors import ConfigError
from .model import DocId, Fact, FactValue, SourcedClaim, Status

__all__ = ["claim_interval", "consistent", "consolidate", "fact_key", "signed_value", "sourced_claims"]

INFINITY = Decimal("Infinity")
APPROX_MARGIN = Decimal("0.05")  # 约: 5 % of the value either side
NEARLY_MARGIN = Decimal("0.10")  # 近: up to 10 % below the value
_NUMBER = re.compile(r"[0-9０-９](?:[0-9０-９,，]*[0-9０-９])?(?:[.．]([0-9０-９]+))?")
_WIDE = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

Interval = tuple[Decimal | None, Decimal | None]  # None: unbounded on that side
Key = tuple[str | None, str | None, str, str, str | None, bool, str]


# ---------------------------------------------------------------------------- inputs


def _doc_order(doc: DocId) -> tuple[int, int, str]:
    return (0, doc, "") if isinstance(doc, int) else (1, 0, str(doc))


def _as_doc_id(value: object, index: int) -> DocId:
    if value is None:
        return index
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, str | int):
        return value
    if hasattr(value, "__index__"):  # numpy integers and the like
        return operator.index(value)  # type: ignore[arg-type]
    return str(value)


def _unflatten(model: type[BaseModel], row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """The nested data of ``model`` from a flat row (``sentence_start``, ``evidence_company_end``…)."""
    out: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        key = f"{prefix}{name}"
        inner = _model_of(field.annotation)
        if inner is not None:
            if isinstance(row.get(key), Mapping):
                out[name] = row[key]
                continue
            nested = _unflatten(inner, row, f"{key}_")
            if (
                any(v is not None for v in nested.values())
                or field.is_required()
                or not _optional(field.annotation)
            ):
                out[name] = nested
            else:
                out[name] = None
        elif key in row:
            value = row[key]
            out[name] = None if value == "" or _is_nan(value) else value
    return out


def _is_nan(value: object) -> bool:
    return isinstance(value, float) and value != value


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _optional(annotation: Any) -> bool:
    return type(None) in typing.get_args(annotation)


def claim_of_row(row: Mapping[str, Any]) -> Claim:
    """The claim of a row written by ``claimkit extract`` (JSON lines, or the flat CSV/Parquet row)."""
    data = _unflatten(Claim, row)
    if data.get("evidence") is None:
        data.pop("evidence", None)
    try:
        return Claim.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"not a claim row: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc


def sourced_claims(items: Iterable[object]) -> Iterator[SourcedClaim]:
    """Every claim of ``items`` with its document, whatever form the items take (see :func:`consolidate`)."""
    from ..batch import DocumentResult

    for index, item in enumerate(items):
        if isinstance(item, SourcedClaim):
            yield item
        elif isinstance(item, Fact):
            yield from item.claims
        elif isinstance(item, DocumentResult):
            if item.error is None:
                for claim in item.claims:
                    yield SourcedClaim(document=item.id, published=item.published, claim=claim)
        elif isinstance(item, Extraction):
            for claim in item.claims:
                yield SourcedClaim(document=index, published=item.published, claim=claim)
        elif isinstance(item, Mapping):
            published = item.get("published")
            yield SourcedClaim(
                document=_as_doc_id(item.get("id"), index),
                published=None if published in (None, "") or _is_nan(published) else str(published),
                claim=claim_of_row(item),
            )
        elif isinstance(item, Sequence) and not isinstance(item, str | bytes) and len(item) in (2, 3):
            yield from _sourced_tuple(item, index)
        else:
            raise TypeError(
                "consolidate takes DocumentResult, (id, Extraction[, published]), claim rows, SourcedClaim "
                f"or Fact items, not {type(item).__name__}"
            )


def _sourced_tuple(item: Sequence[Any], index: int) -> Iterator[SourcedClaim]:
    doc = _as_doc_id(item[0], index)
    body = item[1]
    published = str(item[2]) if len(item) == 3 and item[2] is not None else None
    if isinstance(body, Extraction):
        published = published or body.published
        claims: Iterable[Any] = body.claims
    elif isinstance(body, Claim):
        claims = [body]
    elif isinstance(body, Iterable) and not isinstance(body, str | bytes):
        claims = body
    else:
        raise TypeError(f"(id, Extraction) expected, not (id, {type(body).__name__})")
    for claim in claims:
        if not isinstance(claim, Claim):
            raise TypeError(f"a claim must be a Claim, not {type(claim).__name__}")
        yield SourcedClaim(document=doc, published=published, claim=claim)


# ---------------------------------------------------------------------------- values


def _is_power_of_ten(q: Decimal) -> bool:
    return q > 0 and q.normalize().as_tuple().digits == (1,)


def _half_unit(text: str, bound: Decimal) -> Decimal:
    """Half a unit of the last digit written for ``bound`` in ``text`` (the claim's surface)."""
    magnitude = abs(bound)
    if magnitude == 0:  # 0亿元: the scale word written after the zero sets the unit of its last digit
        from ..quantities.grammar import scan as scan_quantities

        found = scan_quantities(text)
        m = _NUMBER.search(text.translate(_WIDE))
        scale = found[0].scale if found else Decimal(1)
        return scale * Decimal(10) ** -len((m.group(1) if m else None) or "") / 2
    for m in _NUMBER.finditer(text.translate(_WIDE)):
        literal = m.group().replace(",", "").replace("，", "")
        try:
            number = Decimal(literal)
        except InvalidOperation:  # pragma: no cover - the pattern reads decimals only
            continue
        if number == 0:
            continue
        scale = magnitude / number
        if _is_power_of_ten(scale):
            decimals = len(m.group(1) or "")
            return scale * Decimal(10) ** -decimals / 2
    # Chinese numerals (六成, 两倍, 千亿): half a unit of the last digit that is not zero
    exponent = magnitude.normalize().as_tuple().exponent
    return Decimal(10) ** int(exponent) / 2


def _loss(claim: Claim) -> bool:
    if not claim.metric or claim.change is not None:
        return False
    return read(claim.metric, 0, len(claim.metric)).loss


def _negative(claim: Claim) -> bool:
    """Whether the claim states a decline or a loss (its written value not already negative)."""
    if claim.change is not None:
        return claim.direction == "down"
    return _loss(claim)


def _signed(value: Decimal | None, negative: bool) -> Decimal | None:
    if value is None or not negative or value < 0:
        return value
    return -value


def signed_value(claim: Claim) -> tuple[Decimal | None, Decimal | None, Decimal | None, str]:
    """``(value, low, high, qualifier)`` of a claim, signed: a decline or a loss is negative."""
    negative = _negative(claim)
    value, low, high = (
        _signed(claim.value, negative),
        _signed(claim.low, negative),
        _signed(claim.high, negative),
    )
    if negative and low is not None and high is not None and low > high:
        low, high = high, low
    return value, low, high, claim.qualifier


def claim_interval(claim: Claim) -> Interval:
    """The signed interval of values a claim is consistent with (``None``: unbounded on that side)."""
    lo: Decimal | None
    hi: Decimal | None
    if claim.qualifier == "range" or claim.value is None:
        lo = None if claim.low is None else claim.low - _half_unit(claim.text, claim.low)
        hi = None if claim.high is None else claim.high + _half_unit(claim.text, claim.high)
    else:
        v = claim.value
        half = _half_unit(claim.text, v)
        lo, hi = v - half, v + half
        if claim.qualifier == "approx":
            margin = max(half, abs(v) * APPROX_MARGIN)
            lo, hi = v - margin, v + margin
        elif claim.qualifier == "nearly":
            lo = v - max(half, abs(v) * NEARLY_MARGIN)
        elif claim.qualifier == "more_than":
            hi = None
        elif claim.qualifier == "less_than":
            lo = None
    if _negative(claim) and not ((claim.value or claim.low or claim.high or 0) < 0):
        lo, hi = (None if hi is None else -hi), (None if lo is None else -lo)
    return lo, hi


def consistent(a: Interval, b: Interval) -> bool:
    """Whether two intervals overlap."""
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (b[0] is None or a[1] is None or b[0] <= a[1])


def _width(iv: Interval) -> Decimal:
    return INFINITY if iv[0] is None or iv[1] is None else iv[1] - iv[0]


# ---------------------------------------------------------------------------- facts


@dataclass(slots=True)
class _Stated:
    """One distinct value of a fact: its signed form, interval and the claims that state it."""

    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str
    interval: Interval
    claims: list[SourcedClaim]

    def order(self) -> tuple[Any, ...]:
        none = Decimal("-Infinity")
        return (
            self.value if self.value is not None else none,
            self.low if self.low is not None else none,
            self.high if self.high is not None else none,
            self.qualifier,
        )

    def documents(self) -> list[DocId]:
        return sorted({c.document for c in self.claims}, key=_doc_order)


def _stated(claims: Sequence[SourcedClaim]) -> list[_Stated]:
    by_value: dict[tuple[Any, ...], _Stated] = {}
    for sc in claims:
        key = signed_value(sc.claim)
        iv = claim_interval(sc.claim)
        found = by_value.get(key)
        if found is None:
            by_value[key] = _Stated(*key, iv, [sc])
        else:
            found.claims.append(sc)
            # 1800 and 1800.0 are one value: it is shown with the most decimals written
            found.value, found.low, found.high = (
                _more_precise(found.value, key[0]),
                _more_precise(found.low, key[1]),
                _more_precise(found.high, key[2]),
            )
            # one value written with different precision (1800亿, 1800.0亿): keep the narrower interval
            if _width(iv) < _width(found.interval):
                found.interval = iv
    return sorted(by_value.values(), key=_Stated.order)


def _more_precise(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None or b is None:
        return a if b is None else b
    return b if int(b.as_tuple().exponent) < int(a.as_tuple().exponent) else a


def _best(stated: Sequence[_Stated]) -> _Stated:
    """The value consistent with the most documents; of those, the most precise (narrowest) one."""

    def support(s: _Stated) -> int:
        return len({c.document for o in stated if consistent(o.interval, s.interval) for c in o.claims})

    return min(stated, key=lambda s: (-support(s), _width(s.interval), -len(s.claims), s.order()))


def _segment_name(company: str | None, claims: Sequence[SourcedClaim], index: SegmentIndex) -> str | None:
    names = [index.canonical(company, sc.claim.segment) for sc in claims]
    named = [n for n in names if n]
    if not named:
        return None
    counts: dict[str, int] = {}
    for n in named:
        counts[n] = counts.get(n, 0) + 1
    return min(counts, key=lambda n: (-counts[n], len(n), n))


def _claim_order(sc: SourcedClaim) -> tuple[Any, ...]:
    """Claims in a fact: by document and offset; claims at one offset (never two of one text) by content."""
    return (
        _doc_order(sc.document),
        sc.claim.start,
        sc.claim.end,
        sc.claim.model_dump_json(),
        sc.published or "",
    )


def _fact(key: Key, claims: list[SourcedClaim], index: SegmentIndex) -> Fact:
    company, _, concept, period, change, forecast, unit = key
    claims = sorted(claims, key=_claim_order)
    stated = _stated(claims)
    lows = [s.interval[0] for s in stated if s.interval[0] is not None]
    highs = [s.interval[1] for s in stated if s.interval[1] is not None]
    agree = not lows or not highs or max(lows) <= min(highs)  # intervals on a line: all overlap iff pairwise
    documents = sorted({sc.document for sc in claims}, key=_doc_order)
    status: Status = "conflict" if not agree else "agreed" if len(documents) > 1 else "single"
    best = _best(stated)
    values = [] if agree else [
        FactValue(value=s.value, low=s.low, high=s.high, qualifier=s.qualifier, documents=s.documents())  # type: ignore[arg-type]
        for s in sorted(stated, key=lambda s: (-len(s.documents()), s.order()))
    ]  # fmt: skip
    return Fact(
        company=company,
        segment=_segment_name(company, claims, index),
        concept=concept,
        period=period,
        change=change,  # type: ignore[arg-type]
        forecast=forecast,
        unit=unit,
        value=best.value,
        low=best.low,
        high=best.high,
        qualifier=best.qualifier,  # type: ignore[arg-type]
        status=status,
        documents=documents,
        claims=claims,
        values=values,
    )


def fact_key(claim: Claim, index: SegmentIndex | None = None) -> Key | None:
    """The key a claim is consolidated under, or None when it is not (concept ``other``, no period, no value)."""
    if claim.concept == OTHER or not claim.period or claim.unit is None:
        return None
    if claim.value is None and claim.low is None and claim.high is None:
        return None
    index = index or segments()
    name = index.canonical(claim.company, claim.segment)
    return (
        claim.company,
        segment_key(name) if name else None,
        claim.concept,
        claim.period,
        claim.change,
        claim.forecast,
        claim.unit,
    )


def _index(extra: Iterable[Mapping[str, object]] | None) -> SegmentIndex:
    if not extra:
        return segments()
    shipped = [s for group in segments().by_company.values() for s in group]
    return SegmentIndex([*read_segments(extra), *shipped])


def consolidate(
    results: Iterable[object], *, extra_segments: Iterable[Mapping[str, object]] | None = None
) -> list[Fact]:
    """The facts that the claims of many documents state together, in key order.

    ``results`` is an iterable of any of: :class:`~claimkit.batch.DocumentResult` (from
    :func:`claimkit.extract_many`; failed documents are skipped), ``(doc_id, Extraction)``
    or ``(doc_id, Extraction, published)`` tuples, rows of a claims file written by
    ``claimkit extract`` (mappings with ``id``, optionally ``published``, and the claim's
    fields, nested or flat), :class:`SourcedClaim` or :class:`Fact` (its claims again).
    A claim of concept ``other`` or without a period is not consolidated; one claim
    given twice (same document and span) counts once. ``extra_segments`` adds segment
    aliases (mappings with ``company``, ``segment``, ``aliases``; see ``segments.tsv``).

    >>> import claimkit
    >>> a = claimkit.extract("蓝鲸科技2025年第一季度营收1800亿元，同比增长13%。")
    >>> b = claimkit.extract("蓝鲸科技2025年一季度营业收入1800.2亿元。")
    >>> [(f.concept, f.period, str(f.value), f.status) for f in consolidate([("a", a), ("b", b)])]
    [('revenue', '2025Q1', '180020000000', 'agreed'), ('revenue', '2025Q1', '13', 'single')]
    """
    index = _index(extra_segments)
    groups: dict[Key, list[SourcedClaim]] = {}
    seen: set[tuple[Any, ...]] = set()
    for sc in sourced_claims(results):
        key = fact_key(sc.claim, index)
        if key is None:
            continue
        ident = (_doc_order(sc.document), sc.published, sc.claim)  # one claim given twice counts once
        if ident in seen:
            continue
        seen.add(ident)
        groups.setdefault(key, []).append(sc)
    facts = [_fact(key, claims, index) for key, claims in groups.items()]
    return sorted(facts, key=fact_order)


def fact_order(fact: Fact) -> tuple[Any, ...]:
    """The order :func:`consolidate` returns facts in: by key."""
    return (
        fact.company or "",
        fact.segment or "",
        fact.concept,
        fact.period,
        fact.change or "",
        fact.forecast,
        fact.unit,
    )
