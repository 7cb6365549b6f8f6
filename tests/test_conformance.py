"""Conformance against a peer's public Chinese test cases (Microsoft Recognizers-Text specs).

The cases live beside the checkout in ``../shared/conformance/recognizers-text/`` and are
read at test time, never copied here. Every case of the five files is one test, id
``<Model>-<index>`` (``NumberModel-0042``). A peer expectation is a peer opinion, not
claimkit's contract (``../shared/claims-spec.md`` is); it is mapped to claimkit's terms:

* Number: a quantity from ``find_quantities(text, numbers=True)`` with the peer's value
  at the peer's span, any kind and unit.
* Percent: unit ``%`` with the percent number (peer ``20%`` -> 20); where the peer's
  text says 百分点 the spec's unit is ``pp`` (percentage points), so ``pp`` is expected.
* Currency: kind ``money`` with the peer's ISO code (any code when the peer gives none,
  as for ``$``) and value.
* NumberRange: the peer writes intervals. A lower bound only, ``(a,)`` or ``[a,)`` ->
  ``more_than`` a; an upper bound only, ``(,b)`` or ``(,b]`` -> ``less_than`` b; ``[a,a]``
  -> exact a; two bounds -> ``range`` with ``low`` a and ``high`` b. Open and closed ends
  map alike: the spec puts 以上 and 超过 both under ``more_than``, and the peer writes
  ``[a,b)`` for every ``A到B`` whatever the text implies.
* Ordinal: unit ``rank`` (or a plain number) with the peer's value.

Spans: the peer's ``End`` is inclusive and is made exclusive. claimkit's span must start
where the peer's does; it may run on past the peer's end over a unit, measure word or
多/余 (peer ``5`` vs claimkit ``5个``) but over no further digit. The NumberRange peer
puts qualifier words in its span (``超过了80``) and the spec leaves them out, so there
claimkit's span need only start inside the peer's.

A case with no peer result says "no such quantity here": then claimkit's claims
(``numbers=False``) must hold no *exact* quantity of that model's kind (any kind for
Number, ``%``/``pp`` for Percent, money for Currency). Plain numbers are not claims, and
a range or approximate reading of a phrase the peer leaves alone does not contradict it.

Cases outside the claim spec are listed in ``conformance/out_of_scope.tsv`` and skipped;
in-scope cases where claimkit deliberately differs are in ``conformance/divergences.tsv``
and run as strict xfail. Any other failure is a claimkit bug. Counts: conformance/README.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from claimkit import Quantity, find_quantities

PEER_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "conformance" / "recognizers-text"
DATA_DIR = Path(__file__).resolve().parent / "conformance"
MODELS = ("NumberModel", "PercentModel", "CurrencyModel", "NumberRangeModel", "OrdinalModel")

if not PEER_DIR.is_dir():
    pytest.skip(
        f"peer conformance cases not found: {PEER_DIR} (../shared beside the checkout)",
        allow_module_level=True,
    )

# A digit of any script: claimkit's span may not run on over one of these.
DIGIT = re.compile(r"[0-9０-９〇零一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]")
INTERVAL = re.compile(r"^([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])$")
TOLERANCE = Decimal("1e-12")  # the peer prints some values as rounded doubles (2.02107211321364E+23)


@dataclass(frozen=True)
class Want:
    """One peer result in claimkit's terms."""

    start: int
    end: int  # exclusive
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None  # None: any
    units: frozenset[str | None] | None = None  # None: any
    kind: str | None = None  # None: any
    inside: bool = False  # the peer's span holds qualifier words too

    def describe(self) -> str:
        bounds = f" [{self.low}, {self.high}]" if self.low is not None or self.high is not None else ""
        units = "any" if self.units is None else "/".join(sorted(str(u) for u in self.units))
        return (
            f"[{self.start},{self.end}) value={self.value}{bounds} unit={units} "
            f"qualifier={self.qualifier or 'any'} kind={self.kind or 'any'}"
        )


@dataclass(frozen=True)
class Case:
    id: str
    model: str
    text: str
    wants: tuple[Want, ...]


# ---------------------------------------------------------------- peer result -> Want, one model each


def number(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def span(result: dict) -> tuple[int, int]:
    return result["Start"], result["End"] + 1


def want_number(result: dict, text: str) -> Want:
    start, end = span(result)
    if text[max(0, start - 3) : start] in ("百分之", "千分之"):
        start -= 3  # the number of 百分之五十 is claimkit's percentage 百分之五十, with the same value
    return Want(start, end, value=number(result["Resolution"]["value"]))


def want_percent(result: dict, text: str) -> Want:
    start, end = span(result)
    points = "百分点" in text[start:end] or "百分點" in text[start:end]
    value = number(result["Resolution"]["value"].rstrip("%"))
    return Want(start, end, value=value, units=frozenset(["pp" if points else "%"]))


def want_currency(result: dict, text: str) -> Want:
    iso = result["Resolution"].get("isoCurrency")
    units = None if iso is None else frozenset([iso])
    return Want(*span(result), value=number(result["Resolution"]["value"]), units=units, kind="money")


def want_range(result: dict, text: str) -> Want:
    start, end = span(result)
    m = INTERVAL.match(result["Resolution"]["value"])
    assert m, f"unreadable interval {result['Resolution']['value']!r}"
    low, high = number(m.group(2) or None), number(m.group(3) or None)
    if high is None:
        return Want(start, end, value=low, qualifier="more_than", inside=True)
    if low is None:
        return Want(start, end, value=high, qualifier="less_than", inside=True)
    if low == high:
        return Want(start, end, value=low, qualifier="exact", inside=True)
    return Want(start, end, low=low, high=high, qualifier="range", inside=True)


def want_ordinal(result: dict, text: str) -> Want:
    return Want(*span(result), value=number(result["Resolution"]["value"]), units=frozenset(["rank", None]))


MAPPERS = {
    "NumberModel": want_number,
    "PercentModel": want_percent,
    "CurrencyModel": want_currency,
    "NumberRangeModel": want_range,
    "OrdinalModel": want_ordinal,
}

# ---------------------------------------------------------------- matching


def same(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= TOLERANCE * max(abs(b), Decimal(1))


def same_span(q: Quantity, want: Want, text: str) -> bool:
    starts = want.start <= q.start < want.end if want.inside else q.start == want.start
    if not starts:
        return False
    if q.end <= want.end:
        return want.inside or q.end == want.end
    return DIGIT.search(text[want.end : q.end]) is None  # a unit or measure word, no more digits


def matches(q: Quantity, want: Want, text: str) -> bool:
    return (
        same_span(q, want, text)
        and (want.units is None or q.unit in want.units)
        and (want.kind is None or q.kind == want.kind)
        and (want.qualifier is None or q.qualifier == want.qualifier)
        and (want.value is None or same(q.value, want.value))
        and (want.low is None or same(q.low, want.low))
        and (want.high is None or same(q.high, want.high))
    )


def of_model_kind(q: Quantity, model: str) -> bool:
    """A quantity the peer's model would have reported, for the cases where it reports none."""
    if model == "PercentModel":
        return q.unit in ("%", "pp")
    if model == "CurrencyModel":
        return q.kind == "money"
    if model == "OrdinalModel":
        return q.unit == "rank"
    return True


def show(qs: list[Quantity]) -> str:
    rows = [
        f"  {q.text!r} [{q.start},{q.end}) value={q.value} low={q.low} high={q.high} "
        f"unit={q.unit} qualifier={q.qualifier} kind={q.kind}"
        for q in qs
    ]
    return "\n".join(rows) or "  (nothing)"


# ---------------------------------------------------------------- cases and their marks


def read_reasons(name: str) -> dict[str, str]:
    """``case_id<TAB>reason`` rows; ``#`` comments and the header row skipped."""
    reasons: dict[str, str] = {}
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("case_id\t"):
            continue
        case_id, reason = line.split("\t", 1)
        assert case_id not in reasons, f"{name}: {case_id} listed twice"
        reasons[case_id] = reason.strip()
    return reasons


def load_cases() -> list[Case]:
    cases = []
    for model in MODELS:
        raw = json.loads((PEER_DIR / f"{model}.json").read_text(encoding="utf-8"))
        for i, case in enumerate(raw):
            text = case["Input"]
            wants = tuple(MAPPERS[model](r, text) for r in case["Results"])
            cases.append(Case(f"{model}-{i:04d}", model, text, wants))
    return cases


CASES = load_cases()
OUT_OF_SCOPE = read_reasons("out_of_scope.tsv")
DIVERGENCES = read_reasons("divergences.tsv")


def param(case: Case) -> pytest.ParameterSet:
    marks: list[pytest.MarkDecorator] = []
    if case.id in OUT_OF_SCOPE:
        marks.append(pytest.mark.skip(reason=f"out of scope: {OUT_OF_SCOPE[case.id]}"))
    elif case.id in DIVERGENCES:
        marks.append(pytest.mark.xfail(strict=True, reason=f"divergence: {DIVERGENCES[case.id]}"))
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_peer_case(case: Case) -> None:
    if not case.wants:
        claims = find_quantities(case.text)
        wrong = [q for q in claims if q.qualifier == "exact" and of_model_kind(q, case.model)]
        assert not wrong, f"{case.text!r}: the peer finds no such quantity, claimkit reports\n{show(wrong)}"
        return
    found = find_quantities(case.text, numbers=True)
    missing = [w for w in case.wants if not any(matches(q, w, case.text) for q in found)]
    assert not missing, (
        f"{case.text!r}: no claimkit quantity matches\n"
        + "\n".join(f"  {case.text[w.start : w.end]!r} {w.describe()}" for w in missing)
        + f"\nclaimkit found\n{show(found)}"
    )


def test_listed_cases_exist_and_are_listed_once() -> None:
    ids = {c.id for c in CASES}
    assert set(OUT_OF_SCOPE) <= ids, sorted(set(OUT_OF_SCOPE) - ids)
    assert set(DIVERGENCES) <= ids, sorted(set(DIVERGENCES) - ids)
    assert not set(OUT_OF_SCOPE) & set(DIVERGENCES), sorted(set(OUT_OF_SCOPE) & set(DIVERGENCES))
    assert all(OUT_OF_SCOPE.values()) and all(DIVERGENCES.values()), "every listed case needs a reason"
