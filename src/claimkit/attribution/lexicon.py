"""The attribution lexicon: companies, products, people, sources, titles and reporting verbs.

Built once from ``claimkit/resources`` (plus any companies a caller adds at run
time) into plain lookup tables; the entity matchers compile from it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from .. import _resources
from ..errors import ConfigError

EntityKind = Literal["company", "product", "source", "person", "title"]


@dataclass(frozen=True, slots=True)
class Entry:
    """What a surface form in the text refers to."""

    kind: EntityKind
    canonical: str  # company / source canonical name, person name, or the title itself
    company: str | None = None  # the owning company (products, people)
    weak: bool = False  # an ordinary word: used only after the entity was named strongly
    generic: bool = False  # a generic source (媒体): reported as written
    sector: str | None = None  # a company's sector, a source's kind (research, government, …)


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """A company's fiscal calendar: the month its year ends, and whether years are named by their start."""

    end_month: int = 12
    named_by_start: bool = False


def parse_fiscal_year(cell: str) -> FiscalYear | None:
    """``"3"`` -> March year end; ``"3 start"`` -> March, named by the starting year; ``""`` -> None."""
    parts = cell.split()
    if not parts:
        return None
    try:
        month = int(parts[0])
    except ValueError:
        month = 0
    if not 1 <= month <= 12 or parts[1:] not in ([], ["start"]):
        raise ConfigError(
            f"fiscal_year_end must be a month 1-12, optionally followed by 'start', not {cell!r}"
        )
    return FiscalYear(month, parts[1:] == ["start"])


@dataclass(slots=True)
class Lexicon:
    """Surface form -> :class:`Entry`, and the word lists the grammars need."""

    entries: dict[str, Entry] = field(default_factory=dict)
    verbs: dict[str, str] = field(default_factory=dict)  # reporting verb -> say | forecast | data
    surnames: frozenset[str] = frozenset()
    companies: set[str] = field(default_factory=set)
    parents: dict[str, str] = field(default_factory=dict)  # listed subsidiary -> parent
    # companies whose year does not end in December
    fiscal: dict[str, FiscalYear] = field(default_factory=dict)
    sources: dict[str, Entry] = field(default_factory=dict)  # surfaces of companies that are also sources
    long_surnames: frozenset[str] = frozenset()  # family names a given name of three characters may follow
    # company -> its stock codes, in :func:`ticker_key` form (``002701.SZ`` -> ``2701``)
    tickers: dict[str, frozenset[str]] = field(default_factory=dict)
    # company -> the currency Hong Kong or Taiwan press means by its bare 元 (HKD, TWD)
    currencies: dict[str, str] = field(default_factory=dict)

    _verb_sets: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False)
    _openers: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)

    def verb_set(self, kind: str | None = None) -> frozenset[str]:
        """The reporting verbs (of one ``kind``: say, forecast, data, rating), computed once."""
        key = kind or ""
        found = self._verb_sets.get(key)
        if found is None:
            found = self._verb_sets[key] = frozenset(
                v for v, k in self.verbs.items() if kind is None or k == kind
            )
        return found

    def companies_opening_with(self, stem: str) -> frozenset[str]:
        """The companies a company or product name of the lexicon opens with ``stem`` for (two to four
        characters; 哈尔滨 opens 哈尔滨电气 and 哈尔滨银行), the index built once."""
        if not self._openers:
            for surface, entry in self.entries.items():
                if entry.kind in ("company", "product"):
                    owner = entry.company or entry.canonical
                    for k in range(2, min(4, len(surface)) + 1):
                        self._openers.setdefault(surface[:k], set()).add(owner)
        return frozenset(self._openers.get(stem, ()))

    def forecast_verbs(self) -> frozenset[str]:
        """The reporting verbs of kind ``forecast`` (预计, 预期, 料…)."""
        return self.verb_set("forecast")

    def add(self, surface: str, entry: Entry) -> None:
        surface = surface.strip()
        if not surface:
            return
        old = self.entries.get(surface)
        # a company's own name beats a product or source of the same spelling; person beats title
        if old is None or _rank(entry) < _rank(old):
            self.entries[surface] = entry
        # a broker or bank (or a bank's broking arm, 招银国际) is a company and a cited source: as a
        # speaker it is the source
        for a, b in ((entry, old), (old, entry)):
            if (
                a is not None
                and b is not None
                and a.kind in ("company", "product")
                and b.kind == "source"
                and not b.weak
            ):
                self.sources[surface] = b

    def add_company(
        self,
        canonical: str,
        names: Iterable[str] = (),
        products: Iterable[str] = (),
        sector: str | None = None,
    ) -> None:
        """Register a company, its names and the products that resolve to it (``~`` marks weak names)."""
        if not canonical or not canonical.strip():
            raise ConfigError("a company needs a canonical name")
        canonical = canonical.strip()
        self.companies.add(canonical)
        for name in names:
            weak = name.startswith("~")
            self.add(name.lstrip("~"), Entry("company", canonical, canonical, weak=weak, sector=sector))
        for name in products:
            weak = name.startswith("~")
            self.add(name.lstrip("~"), Entry("product", canonical, canonical, weak=weak))


_TICKER = re.compile(r"(?<![A-Z])([A-Z]{1,6}|[0-9]{4,6})(?![A-Z0-9])")
_NAME_FIRST = re.compile(r"^.*[，,、]")  # the name written before the code in its brackets
_EXCHANGES = frozenset({"SH", "SZ", "BJ", "HK", "US", "O", "N", "NYSE", "NASDAQ"})


def ticker_key(code: str) -> str | None:
    """A stock code without its exchange: ``002701.SZ``, ``SZ002701``, ``(002701)`` -> ``2701``;
    ``SEED.US``, ``NASDAQ: SEED`` -> ``SEED``; None when there is no code. A name before a comma in the brackets
    (``（Dutch Bros，BROS.N）``, ``（某某科工，02357）``) is no part of it."""
    code = _NAME_FIRST.sub("", code)
    for m in _TICKER.finditer(code.upper()):
        token = m.group(1)
        if token in _EXCHANGES:
            continue
        return token.lstrip("0") or "0" if token.isdigit() else token
    return None


def ticker_keys(codes: Iterable[str]) -> frozenset[str]:
    """:func:`ticker_key` of each code, the codes that have one."""
    return frozenset(k for k in map(ticker_key, codes) if k)


def _rank(entry: Entry) -> int:
    order = {"person": 0, "company": 1, "product": 2, "source": 3, "title": 4}
    return order[entry.kind] * 2 + entry.weak


def _build_base() -> Lexicon:
    lex = Lexicon()
    for row in _resources.table("companies.tsv", _COMPANY_COLUMNS):
        names = _resources.split_values(row["zh"]) + _resources.split_values(row["en"])
        lex.add_company(
            row["canonical"], names, _resources.split_values(row["products"]), row["sector"] or None
        )
        if row["parent"]:
            lex.parents[row["canonical"]] = row["parent"]
        if row["tickers"]:
            lex.tickers[row["canonical"]] = ticker_keys(_resources.split_values(row["tickers"]))
        if row["currency"]:
            lex.currencies[row["canonical"]] = row["currency"]
        fiscal = parse_fiscal_year(row["fiscal_year_end"])
        if fiscal is not None and fiscal != FiscalYear():
            lex.fiscal[row["canonical"]] = fiscal
    for row in _resources.table("sources.tsv", ("canonical", "kind", "aliases")):
        generic = row["kind"] == "generic"
        for alias in [row["canonical"], *_resources.split_values(row["aliases"])]:
            weak = alias.startswith("~")
            lex.add(
                alias.lstrip("~"),
                Entry("source", row["canonical"], weak=weak, generic=generic, sector=row["kind"]),
            )
    for row in _resources.table("people.tsv", ("name", "company", "titles")):
        lex.add(row["name"], Entry("person", row["name"], row["company"] or None))
    office = {r["form"]: r["title"] for r in _resources.table("title_forms.tsv", ("form", "title"))}
    for title in _resources.lines("titles.txt"):
        lex.add(title, Entry("title", office.get(title, title)))
    for row in _resources.table("reporting_verbs.tsv", ("verb", "kind")):
        lex.verbs[row["verb"]] = row["kind"]
    lex.long_surnames = frozenset(_resources.lines("japanese_surnames.txt"))
    lex.surnames = frozenset(_resources.lines("surnames.txt")) | lex.long_surnames
    return lex


@cache
def base_lexicon() -> Lexicon:
    """The lexicon from the shipped resources (built once)."""
    return _build_base()


CompanySpec = Mapping[str, object]


def with_companies(extra: Iterable[CompanySpec] | None) -> Lexicon:
    """The base lexicon plus companies given at run time.

    Each company is a mapping with ``canonical`` and optional ``names`` and
    ``products`` (lists of strings; a leading ``~`` marks a weak alias), ``parent``, ``tickers``
    (stock codes: ``["002701.SZ"]``), ``currency`` (what Hong Kong or Taiwan press means by the company's
    bare 元: ``"HKD"``) and ``fiscal_year_end`` (``"3"``: the fiscal year ends in March; ``"3 start"``: and is named
    by the year it starts in).
    """
    base = base_lexicon()
    if not extra:
        return base
    lex = Lexicon(
        dict(base.entries),
        dict(base.verbs),
        base.surnames,
        set(base.companies),
        dict(base.parents),
        dict(base.fiscal),
        dict(base.sources),
        base.long_surnames,
        dict(base.tickers),
        dict(base.currencies),
    )
    for spec in extra:
        if not isinstance(spec, Mapping):
            raise TypeError(f"a company must be a mapping, not {type(spec).__name__}")
        names = spec.get("names", ())
        products = spec.get("products", ())
        if isinstance(names, str) or isinstance(products, str):
            raise ConfigError("names and products must be lists of strings")
        lex.add_company(str(spec.get("canonical", "")), list(names), list(products))  # type: ignore[call-overload]
        if spec.get("parent"):
            lex.parents[str(spec["canonical"]).strip()] = str(spec["parent"])
        if spec.get("currency"):
            lex.currencies[str(spec["canonical"]).strip()] = str(spec["currency"]).strip().upper()
        codes = spec.get("tickers")
        if codes:
            codes = _resources.split_values(codes) if isinstance(codes, str) else list(codes)  # type: ignore[call-overload]
            lex.tickers[str(spec["canonical"]).strip()] = ticker_keys(map(str, codes))
        fiscal = parse_fiscal_year(str(spec.get("fiscal_year_end") or ""))
        if fiscal is not None:
            lex.fiscal[str(spec["canonical"]).strip()] = fiscal
    return lex


_COMPANY_COLUMNS = (
    "canonical",
    "sector",
    "zh",
    "en",
    "tickers",
    "products",
    "parent",
    "fiscal_year_end",
    "currency",
)


def read_companies(path: str | os.PathLike[str]) -> list[dict[str, object]]:
    """Companies from a file, as ``extra_companies`` takes them.

    A ``.json`` file holds a list of mappings, a ``.jsonl`` file one mapping per line;
    any other file is read like ``companies.tsv`` (same columns, ``#`` comments,
    ``|`` between values, ``~`` for weak aliases).
    """
    import json

    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read companies from {p}: {exc}") from exc
    try:
        if p.suffix == ".json":
            data = json.loads(raw)
            if not isinstance(data, list):
                raise ConfigError(f"{p}: expected a JSON list of companies")
            return [dict(c) for c in data]
        if p.suffix in (".jsonl", ".ndjson"):
            return [dict(json.loads(line)) for line in raw.splitlines() if line.strip()]
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{p}: not a list of company mappings: {exc}") from exc
    out: list[dict[str, object]] = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) > len(_COMPANY_COLUMNS) or not cells[0]:
            raise ConfigError(f"{p}:{number}: expected {'<TAB>'.join(_COMPANY_COLUMNS)}")
        row = dict(zip(_COMPANY_COLUMNS, cells + [""] * (len(_COMPANY_COLUMNS) - len(cells)), strict=True))
        spec: dict[str, object] = {
            "canonical": row["canonical"],
            "names": _resources.split_values(row["zh"]) + _resources.split_values(row["en"]),
            "products": _resources.split_values(row["products"]),
        }
        if row["parent"]:
            spec["parent"] = row["parent"]
        if row["tickers"]:
            spec["tickers"] = _resources.split_values(row["tickers"])
        if row["currency"]:
            spec["currency"] = row["currency"]
        if row["fiscal_year_end"]:
            spec["fiscal_year_end"] = row["fiscal_year_end"]
        out.append(spec)
    return out
