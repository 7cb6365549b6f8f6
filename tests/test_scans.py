"""The fast scans give what the plain ones give: gated period scan, local period filter, fast constructor.

These are the speed devices of the period and quantity stages (see ``docs/benchmarks.md``).
Each one claims to be exact; the tests compare it with the plain computation on the gold
pages, the held-out pages and generated text dense in numbers and period words.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkit import clean
from claimkit._spans import Intervals
from claimkit._words import Affixes
from claimkit.periods.grammar import (
    _pattern_alphabet,
    period_alphabet,
    period_pattern,
    relative_words,
    scan_periods,
)
from claimkit.quantities import _period_spans, read_quantities
from claimkit.quantities.grammar import scan
from claimkit.quantities.model import Quantity, make_quantity

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(
    [
        *(ROOT.parent / "shared" / "gold").glob("*.txt"),
        *(ROOT.parent / "shared" / "gold" / "dev").glob("*.txt"),
        *(ROOT / "tests" / "data").glob("heldout*/*.txt"),
    ]
)

PIECES = [
    *"0123456789０１２３４５６７８９.,，-—~～至到/ 年月日号季度半上下前后第全今去本当同期报告内末底初中财會会计QHFY亿万元%个，。",
    "一", "二", "三", "四", "十", "两", "二〇二五", "2025", "25", "1-9", "12", "第一", "前三", "3月", "年度",
    "财年", "財年", "季度", "上半年", "同比", "去年同期", "连续", "较", "以来", "营收", "增长", "亿元", "個月",
    *relative_words(),
]  # fmt: skip
DENSE = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _pages() -> list[str]:
    if not PAGES:
        pytest.skip("no gold or held-out pages beside the checkout")
    return [clean(p.read_text(encoding="utf-8")).folded for p in PAGES]


def _plain_period_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in period_pattern().finditer(text)]


def _gated_period_spans(text: str) -> list[tuple[int, int]]:
    from claimkit.periods.grammar import _matches

    return [m.span() for m in _matches(text, 0, len(text))]


def test_gated_period_scan_on_pages() -> None:
    for text in _pages():
        assert _gated_period_spans(text) == _plain_period_spans(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DENSE)
def test_gated_period_scan_on_dense_text(text: str) -> None:
    assert _gated_period_spans(text) == _plain_period_spans(text)


def test_period_mentions_stay_inside_the_alphabet() -> None:
    alphabet = period_alphabet()
    assert alphabet is not None
    for text in _pages():
        for m in period_pattern().finditer(text):
            assert all(ch in alphabet or ch.isdecimal() for ch in m.group()), m.group()


def _filtered(text: str, local: bool) -> list[tuple[int, int]]:
    raws = scan(text, 0, len(text), numbers=True)
    if local:
        periods = _period_spans(text, 0, len(text), raws)
    else:
        periods = Intervals((p.start, p.end) for p in scan_periods(text))
    return [(r.start, r.end) for r in raws if not periods.overlaps(r.start, r.end)]


def test_local_period_filter_on_pages() -> None:
    for text in _pages():
        assert _filtered(text, local=True) == _filtered(text, local=False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DENSE)
def test_local_period_filter_on_dense_text(text: str) -> None:
    assert _filtered(text, local=True) == _filtered(text, local=False)


def _spans_from(text: str, cut: int, light: bool) -> list[tuple[int, int]]:
    found = scan_periods(text, 0, len(text), spans_from=cut) if light else scan_periods(text)
    return [(p.start, p.end) for p in found if p.start >= cut]


def test_period_spans_only_on_pages() -> None:
    for text in _pages():
        for cut in range(0, len(text), 97):
            assert _spans_from(text, cut, light=True) == _spans_from(text, cut, light=False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DENSE, st.integers(min_value=0, max_value=60))
def test_period_spans_only_on_dense_text(text: str, cut: int) -> None:
    assert _spans_from(text, cut, light=True) == _spans_from(text, cut, light=False)


def test_read_quantities_with_and_without_periods_given() -> None:
    for path in PAGES[:12]:
        cleaned = clean(path.read_text(encoding="utf-8"))
        from claimkit.periods.grammar import read_periods

        given_periods = read_quantities(cleaned, periods=read_periods(cleaned))
        assert read_quantities(cleaned) == given_periods


@pytest.mark.parametrize(
    ("source", "closed"),
    [
        ("年(?:末|底)", True),
        ("a.b", False),
        (r"\w+年", False),
        ("[^年]", False),
        ("^年", False),
        ("年$", False),
        ("(?i:q)", False),
        (r"(?P<x>[1-3])\u00a0年{1,2}", True),
    ],
)
def test_pattern_alphabet_refuses_open_patterns(source: str, closed: bool) -> None:
    chars = _pattern_alphabet(source, verbose=False)
    assert (chars is not None) == closed
    if chars is not None:
        assert "年" in chars and "x" not in chars and "{" not in chars


def test_ranges_in_classes_are_expanded() -> None:
    chars = _pattern_alphabet("[１-４a-c]", verbose=False)
    assert chars is not None and {"２", "３", "b"} <= chars


def test_make_quantity_equals_model_construct() -> None:
    from decimal import Decimal

    args = ("3亿元", 4, 7, Decimal(300000000), None, None, "CNY", None, "exact", "money")
    fast = make_quantity(*args)  # type: ignore[arg-type]
    slow = Quantity.model_construct(**dict(zip(Quantity.model_fields, args, strict=True)))
    assert fast == slow
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_copy(update={"start": 5}).start == 5 and fast.start == 4


ARABIC = st.builds(
    lambda sign, whole, frac, commas, space, scale: (
        sign
        + (f"{whole:,}".replace(",", commas) if commas else str(whole))
        + (f".{frac}" if frac else "")
        + (space if scale else "")
        + scale
    ),
    st.sampled_from(["", "", "-", "+", "−", "＋", "－"]),
    st.integers(0, 10**25),
    st.one_of(st.just(""), st.from_regex(r"[0-9]{1,6}", fullmatch=True)),
    st.sampled_from(["", "", ",", "，"]),
    st.sampled_from(["", " "]),
    st.sampled_from(["", "万", "亿", "万亿", "兆", "萬", "億"]),
)


@settings(max_examples=500, deadline=None)
@given(ARABIC)
def test_fast_numeral_reading_equals_the_general_rules(text: str) -> None:
    """The shortcut for Arabic numerals gives what the general numeral rules give, to the digit."""
    from unittest import mock

    from claimkit.quantities import grammar, numerals

    def clear() -> None:
        grammar._num_info.cache_clear()
        numerals.read_numeral.cache_clear()

    clear()
    fast = grammar._num_info(text)
    never = mock.Mock(fullmatch=lambda _text: None)
    with (
        mock.patch.object(grammar, "_plain_arabic", return_value=never),
        mock.patch.object(numerals, "_arabic_scaled", return_value=never),
    ):
        clear()
        general = grammar._num_info(text)
    clear()
    assert repr(fast) == repr(general)


def _brute_candidates(matcher, text: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [i for i in range(len(text)) if text[i : i + 2] in matcher._pairs or text[i] in matcher._singles]


@cache
def _name_matcher():  # type: ignore[no-untyped-def]
    from claimkit.attribution.lexicon import with_companies
    from claimkit.attribution.matcher import NameMatcher

    return NameMatcher([*with_companies(None).entries, "Q", "]", "a-b", "^x"])


NAME_PIECES = st.lists(
    st.sampled_from(
        ["腾讯", "阿里", "百度", "小米", "QQ", "Q", "]", "^x", "a-b", "营收", "的", " ", "3600", "360", "，"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(NAME_PIECES)
def test_name_candidates_by_pattern_equal_the_pair_test(text: str) -> None:
    matcher = _name_matcher()
    assert matcher._candidates(text) == _brute_candidates(matcher, text)


def test_name_candidates_on_pages() -> None:
    matcher = _name_matcher()
    for text in _pages():
        assert matcher._candidates(text) == _brute_candidates(matcher, text)


def _folding_samples() -> list[str]:
    from claimkit._resources import variant_table
    from claimkit.claims.concept import _LOWER

    table = variant_table()
    letters = [chr(c) for c in (*table, *_LOWER)] + list("abcXYZ营收增长 ")
    return [p.read_text(encoding="utf-8") for p in PAGES] + [
        "".join(letters[(i * 7919 + k * 104729) % len(letters)] for k in range(i % 37)) for i in range(3000)
    ]


def test_fold_and_lower_by_pattern_equal_translate() -> None:
    from claimkit._resources import variant_table
    from claimkit.claims.concept import _LOWER, _UPPER, _lower, fold

    table = variant_table()
    for text in _folding_samples():
        assert fold(text) == text.translate(table)
        assert _UPPER.sub(_lower, text) == text.translate(_LOWER)


_GATE_PREFIX = re.compile(r"\(\?=\[(?:\\.|[^\]\\])*\]\)")


def _gate_samples(patterns: list[re.Pattern[str]]) -> list[str]:
    letters = sorted({ch for p in patterns for ch in p.pattern if "\u4e00" <= ch <= "\u9fff"})
    letters += list("0123456789 ，。的个個")
    return [p.read_text(encoding="utf-8") for p in PAGES] + [
        "".join(letters[(i * 7919 + k * 104729) % len(letters)] for k in range(i % 41)) for i in range(4000)
    ]


def test_first_character_gates_keep_every_match() -> None:
    from claimkit.claims.change import basis_pattern
    from claimkit.claims.period import _since_launch, _window

    patterns = [_window(), _since_launch(), basis_pattern()]
    for gated in patterns:
        assert _GATE_PREFIX.match(gated.pattern)
        ungated = re.compile(_GATE_PREFIX.sub("", gated.pattern, count=1))
        for text in _gate_samples(patterns):
            assert [m.span() for m in gated.finditer(text)] == [m.span() for m in ungated.finditer(text)]


def test_fillers_by_last_character_equal_the_full_list() -> None:
    from claimkit.claims.change import _between_verb_and_number, _fillers_by_last

    words_ = _between_verb_and_number()
    by_last, empty = _fillers_by_last()
    tails = ["", "增长", "增长了", "下降约", "同比增长超", "达到", "大约", "扩大约", "跌破", "营收", "了"]
    for s in [*tails, *(t + w for t in tails for w in words_)]:
        assert [w for w in by_last.get(s[-1:], empty) if s.endswith(w)] == [
            w for w in words_ if s.endswith(w)
        ]


_AFFIX_WORDS = st.lists(st.text(alphabet="增长年同比下降近超约", min_size=1, max_size=4), max_size=12)


@given(_AFFIX_WORDS, st.text(alphabet="增长年同比下降近超约和、", max_size=10), st.integers(0, 6))
def test_affixes_find_what_a_scan_finds(words: list[str], text: str, keep: int) -> None:
    """``Affixes`` (a set lookup per length) gives the longest word a scan over the words gives."""
    longest_first = sorted(set(words), key=len, reverse=True)
    found = Affixes(words)
    by_scan = next((w for w in longest_first if text.endswith(w) and len(text) - len(w) >= keep), None)
    assert found.suffix(text, keep=keep) == by_scan  # (a text has one suffix of each length)
    assert found.prefix(text) == next((w for w in longest_first if text.startswith(w)), None)
