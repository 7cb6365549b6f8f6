"""Companies' reporting segments and the names the press gives them (``resources/segments.tsv``).

One segment named several ways (``阿里云``, ``阿里云智能``, ``云智能集团``) resolves to one
name, so that claims about it form one fact; a segment's unqualified profit
(``阿里云盈利``) is its segment result (``profit`` column, ``operating_profit`` by default).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import _resources
from ..errors import ResourceError

DEFAULT_PROFIT = "operating_profit"
_COLUMNS = ("company", "segment", "aliases", "profit")
_SPACE = re.compile(r"[\s　]+")
_MEASURE = re.compile(r"^(?P<base>.*?)\s*[(（](?P<measure>[^()（）]*)[)）]\s*$")


@dataclass(frozen=True, slots=True)
class Segment:
    """A company's segment: its name, every alias, and what its unqualified profit is."""

    company: str
    name: str
    aliases: tuple[str, ...]
    profit: str = DEFAULT_PROFIT


@cache
def _suffixes() -> tuple[str, ...]:
    from .concept import lexicon

    return tuple(
        sorted(
            {w.text for w in lexicon().words.values() if w.role in ("suffix", "business")},
            key=len,
            reverse=True,
        )
    )


@lru_cache(maxsize=8192)
def segment_key(name: str) -> str:
    """A segment name compared: traditional characters read as simplified, casefolded, no spaces, no
    trailing 的 or suffix word (业务, 分部)."""
    from .concept import fold

    key = fold(_SPACE.sub("", name)).casefold().rstrip("的之")
    changed = True
    while changed:
        changed = False
        for suffix in _suffixes():
            if key.endswith(suffix) and len(key) > len(suffix):
                key, changed = key[: -len(suffix)].rstrip("的之"), True
                break
    return key


class SegmentIndex:
    """Segments by company: the canonical name of a segment as written, its profit concept, its mentions."""

    def __init__(self, segments: Iterable[Segment]) -> None:
        self.by_key: dict[tuple[str, str], Segment] = {}
        self.by_company: dict[str, list[Segment]] = {}
        for s in segments:
            self.by_company.setdefault(s.company, []).append(s)
            for alias in (s.name, *s.aliases):
                self.by_key.setdefault((s.company, segment_key(alias)), s)
        self._patterns: dict[str, re.Pattern[str] | None] = {}

    def lookup(self, company: str | None, name: str | None) -> Segment | None:
        """The segment of ``company`` that ``name`` names, if the company lists it."""
        if company is None or not name:
            return None
        return self.by_key.get((company, segment_key(name)))

    def canonical(self, company: str | None, name: str | None) -> str | None:
        """The name a fact reports for segment ``name`` of ``company``; a basis in brackets is kept."""
        if name is None:
            return None
        m = _MEASURE.match(name)
        base, measure = (m["base"], m["measure"]) if m else (name, None)
        found = self.lookup(company, base)
        base = found.name if found is not None else _SPACE.sub("", base)
        if measure is not None:
            return f"{base}({measure})" if base else measure
        return base

    def find(self, text: str, start: int, end: int, company: str | None) -> tuple[int, int] | None:
        """The last mention of one of ``company``'s segments in ``text[start:end]``."""
        if company is None:
            return None
        if company not in self._patterns:
            names = {a for s in self.by_company.get(company, ()) for a in (s.name, *s.aliases)}
            self._patterns[company] = (
                re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))), re.IGNORECASE)
                if names
                else None
            )
        pattern = self._patterns[company]
        if pattern is None:
            return None
        spans = [m.span() for m in pattern.finditer(text, start, end)]
        return spans[-1] if spans else None


def read_segments(rows: Iterable[Mapping[str, object]]) -> list[Segment]:
    """Segments from mappings with ``company``, ``segment`` and optional ``aliases`` and ``profit``."""
    from .concept import lexicon

    kinds = lexicon().kinds
    out = []
    for row in rows:
        company, name = row.get("company"), row.get("segment")
        if not isinstance(company, str) or not isinstance(name, str) or not company or not name:
            raise ResourceError(f"a segment needs a company and a segment name: {dict(row)!r}")
        raw = row.get("aliases") or ()
        if isinstance(raw, str):
            aliases = tuple(_resources.split_values(raw))
        elif isinstance(raw, Iterable):
            aliases = tuple(str(a) for a in raw)
        else:
            raise ResourceError(f"segment {name!r} of {company!r}: aliases must be a string or a list")
        profit = row.get("profit") or DEFAULT_PROFIT
        if not isinstance(profit, str) or profit not in kinds:
            raise ResourceError(f"segment {name!r} of {company!r}: unknown profit concept {profit!r}")
        out.append(Segment(company, name, aliases, profit))
    return out


@cache
def segments() -> SegmentIndex:
    """The shipped segments (``segments.tsv``), read once."""
    return SegmentIndex(read_segments(_resources.table("segments.tsv", _COLUMNS)))
