"""The field resolvers, case by case: sentences of the project's own writing, one rule each.

Cases are data (``tests/cases/resolvers.jsonl``): the text, its publication date, the claim
(by its text) and the fields expected of it, with the rule the case shows. A case with
``"xfail"`` is a known gap, run as a strict xfail.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimkit

CASES = Path(__file__).parent / "cases" / "resolvers.jsonl"


def _cases() -> list[pytest.param]:  # type: ignore[valid-type]
    out = []
    for number, line in enumerate(CASES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("//"):
            continue
        case = json.loads(line)
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        out.append(pytest.param(case, id=f"{number}-{case['rule']}", marks=marks))
    return out


@pytest.mark.parametrize("case", _cases())
def test_resolver_case(case: dict) -> None:
    result = claimkit.extract(case["text"], published=case.get("published"))
    found = [c for c in result.claims if c.text == case["claim"]]
    assert found, f"no claim {case['claim']!r} in {[c.text for c in result.claims]}"
    claim = found[case.get("nth", 0)]
    got = {field: _plain(getattr(claim, field)) for field in case["expect"]}
    assert got == case["expect"], case["rule"]


def _plain(value: object) -> object:
    return str(value) if value is not None and not isinstance(value, (str, bool, int)) else value
