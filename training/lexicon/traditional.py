"""Add the Traditional Chinese forms of every word in claimkit's language data.

    .venv/bin/pip install opencc-python-reimplemented       # for this script only
    .venv/bin/python training/lexicon/traditional.py            # add what is missing
    .venv/bin/python training/lexicon/traditional.py --check    # list it, change nothing

For every Chinese word of the resource files named in ``FILES`` the script computes its
Traditional forms with OpenCC's three conversions from Simplified Chinese: ``s2t``
(OpenCC's standard), ``s2tw`` (Taiwan) and ``s2hk`` (Hong Kong), and adds each form that
differs from the word and is not yet there:

* in a ``|``-list (the names and products of ``companies.tsv``, the aliases of
  ``sources.tsv``, the titles of ``people.tsv``) right after the word, in the same cell,
  with the word's ``~`` (weak) mark;
* in a one-word-per-row file (``titles.txt``, ``units.tsv``, ``changes.tsv``…) as a copy
  of the row, with the word replaced, right after it.

A word counts as Simplified when converting it back (``t2s``) leaves it unchanged, so forms
that are already Traditional (騰訊, 台積電) are left alone. A person's name (the first
column of ``people.tsv``) is converted only when the converter is certain of every
character: each one either stays as it is or has a single Traditional counterpart in
OpenCC's character table (马 -> 馬, but not 余, 范, 钟 or 叶, which names keep or write
otherwise); and only to its common (``s2tw``) form, not to the 峯, 羣, 衞 or 啓 that
``s2t`` and ``s2hk`` write for 峰, 群, 卫 and 启. Comments, blank lines, order and every other cell are kept byte for byte,
so a second run changes nothing.

A form that another company already claims in ``companies.tsv``, or another row of a
one-word file already holds with another meaning, is not added: it is reported as a
collision, to be resolved by hand.

The converter is not a dependency of claimkit: only this script and the test that
checks no Traditional form is missing (``tests/test_lexicon.py``, skipped without it)
need it.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

RESOURCES = Path(__file__).resolve().parents[2] / "src" / "claimkit" / "resources"

CONVERSIONS = ("s2t", "s2tw", "s2hk")
# characters OpenCC converts that Hong Kong and Taiwan press also write unconverted (恒生, 恒隆): Traditional form
# -> the form kept
KEPT = {"恆": "恒", "嶽": "岳", "鬱": "郁"}  # (names keep 岳 and 郁: 天岳先進)
# Traditional forms that the Taiwan press uses for another company than the simplified form names (統一企業 is
# Taiwan's Uni-President Enterprises; 统一企业 in mainland text is its Hong Kong-listed Uni-President China):
# form -> the company that holds it. Not a collision.
REGIONAL = {"統一企業": "Uni-President Enterprises"}

# file -> how its words are laid out: ("cells", {column: role}) for |-lists in tab-separated
# rows, ("rows", None) for one word per row in the first column, ("names", None) for one name per
# row, converted only when certain, to its common (s2tw) form. The quantity grammar's lists
# (units.tsv, qualifiers.tsv, quantity_cues.tsv, money_nouns.txt, rate_units.txt,
# not_quantities.txt, magnitudes.tsv) are not here: their loader reads every word in its
# traditional spellings too, from the character table resources/traditional.tsv.
#   role "alias"  a company's or source's name or product: a collision across rows matters
#   role "list"   any other |-list (a person's titles)
#   role "name"   a person's name: converted only when certain, added as a new row
Layout = tuple[str, dict[int, str] | None]
FILES: dict[str, Layout] = {
    "companies.tsv": ("cells", {2: "alias", 5: "alias"}),
    "sources.tsv": ("cells", {0: "canonical", 2: "alias"}),
    "people.tsv": ("cells", {0: "name", 2: "list"}),
    "titles.txt": ("rows", None),
    "reporting_verbs.tsv": ("rows", None),
    "changes.tsv": ("rows", None),
    "periods.tsv": ("rows", None),
    "function_words.tsv": ("rows", None),
    "company_forms.tsv": ("rows", None),
    "market_terms.txt": ("rows", None),
    "surnames.txt": ("names", None),
    "japanese_surnames.txt": ("names", None),
}


# Conversions reviewed and found wrong: names whose characters stand for a sound or a brand's
# own spelling, which the converter reads as ordinary words. Never added.
NOT_FORMS = frozenset(
    {
        "益海嘉裏金龍魚糧油食品股份有限公司",  # 嘉里 is Kerry: 嘉里 in Traditional too
        "益海嘉裡金龍魚糧油食品股份有限公司",
        "益海嘉裏",
        "益海嘉裡",
        "裏維安",  # Rivian, 里 a sound
        "裡維安",
        "德魯裏",  # Drewry
        "德魯裡",
        "西安鉅子生物基因技術股份有限公司",  # 巨子生物 keeps 巨
        "鉅子生物",
        "誇迪",  # a brand, written 夸迪
        "釦子",  # Coze's Chinese name 扣子
        "捨得酒業股份有限公司",  # the company and brand write 舍得
        "捨得酒業",
        "上汽紅巖",  # Hongyan trucks, 紅岩
        "太古裏",  # Taikoo Li, a name: 太古里
        "太古裡",
        "嘉裏建設有限公司",  # Kerry Properties: 嘉里建設
        "嘉裡建設有限公司",
        "嘉裏建設",
        "嘉裡建設",
        "採埃孚集團",  # ZF, 采 a sound
        "採埃孚",
        "摺合約",  # 折合 (amounting to) stays 折合; 摺 is to fold
    }
)


def has_han(word: str) -> bool:
    """Whether ``word`` holds a Chinese character."""
    return any(unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH") for ch in word)


class Converter:
    """Simplified -> Traditional conversion with OpenCC (``opencc-python-reimplemented``)."""

    def __init__(self) -> None:
        try:
            from opencc import OpenCC  # type: ignore[import-not-found]
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise SystemExit("this script needs OpenCC: pip install opencc-python-reimplemented") from exc
        self._to_trad = [OpenCC(name) for name in CONVERSIONS]
        self._to_simp = OpenCC("t2s")
        self._chars = _character_table()

    def is_simplified(self, word: str) -> bool:
        """A word with no character that only Traditional text writes."""
        return self._to_simp.convert(word) == word

    def variants(self, word: str) -> list[str]:
        """The distinct Traditional forms of ``word`` other than itself, s2t's first, and each with the
        characters Hong Kong and Taiwan press keep as written (恒隆地產 beside OpenCC's 恆隆地產)."""
        forms = self._forms(word, self._to_trad)
        for form in list(forms):
            kept = "".join(KEPT.get(ch, ch) for ch in form)
            if kept not in (word, *forms):
                forms.append(kept)
        return forms

    def name_variants(self, word: str) -> list[str]:
        """A person's name in its common Traditional form, s2tw's (not 峯, 羣, 衞, 啓 of s2t/s2hk)."""
        return self._forms(word, self._to_trad[1:2])

    @staticmethod
    def _forms(word: str, converters: list[Any]) -> list[str]:
        out: list[str] = []
        for conv in converters:
            form = conv.convert(word)
            if form != word and form not in out and form not in NOT_FORMS:
                out.append(form)
        return out

    def certain(self, word: str) -> bool:
        """Every character either unconverted or with exactly one Traditional counterpart."""
        return all(len(self._chars.get(ch, (ch,))) == 1 for ch in word)


def _character_table() -> dict[str, tuple[str, ...]]:
    """OpenCC's STCharacters table: a Simplified character -> its Traditional candidates."""
    import opencc  # type: ignore[import-not-found]

    path = Path(opencc.__file__).parent / "dictionary" / "STCharacters.txt"
    table: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            table[key] = tuple(values.split())
    return table


@dataclass
class Report:
    """What a run added and what it could not add."""

    added: list[tuple[str, str, str]] = field(default_factory=list)  # file, word, form
    collisions: list[tuple[str, str, str, str]] = field(default_factory=list)  # file, word, form, owner


class Words(Protocol):
    """The conversion a file update needs (a :class:`Converter`, or a stand-in in tests)."""

    def is_simplified(self, word: str) -> bool: ...

    def variants(self, word: str) -> list[str]: ...

    def name_variants(self, word: str) -> list[str]: ...

    def certain(self, word: str) -> bool: ...


def _forms(conv: Words, word: str, name: bool = False) -> list[str]:
    bare = word.lstrip("~")
    if not has_han(bare) or not conv.is_simplified(bare):
        return []
    return conv.name_variants(bare) if name else conv.variants(bare)


def update_rows(name: str, text: str, conv: Words, report: Report, names: bool = False) -> str:
    """A one-word-per-row file with each row's Traditional copies after it (``names``: a row is
    a name, converted only when certain, to its common form)."""
    lines = text.split("\n")
    keys: dict[str, set[str]] = {}  # word -> the rest of each row that holds it
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.partition("\t")
            keys.setdefault(word.strip(), set()).add(rest)
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        word, tab, rest = line.partition("\t")
        if names and not conv.certain(word.strip()):
            continue
        for form in _forms(conv, word.strip(), name=names):
            held = keys.get(form, set())
            if rest in held:
                continue
            if held - keys[word.strip()]:  # the form is a row already, meaning something else
                report.collisions.append((name, word.strip(), form, " / ".join(sorted(held))))
                continue
            out.append(form + tab + rest)
            keys.setdefault(form, set()).add(rest)
            report.added.append((name, word.strip(), form))
    return "\n".join(out)


def update_cells(name: str, text: str, roles: dict[int, str], conv: Words, report: Report) -> str:
    """A tab-separated file with the Traditional forms added inside its ``|``-lists."""
    lines = text.split("\n")
    rows = [
        (i, line.split("\t"))
        for i, line in enumerate(lines)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    alias_cols = [c for c, role in roles.items() if role == "alias"]
    owner: dict[str, int] = {}  # alias surface -> the line that holds it
    for i, cells in rows:
        for c in alias_cols:
            for value in _values(cells, c):
                owner.setdefault(value.lstrip("~"), i)
    names = {cells[0].strip() for _, cells in rows} if "name" in roles.values() else set()
    new_rows: dict[int, list[str]] = {}
    for i, cells in rows:
        held = {v.lstrip("~") for c, role in roles.items() if role != "canonical" for v in _values(cells, c)}
        # names last, so that a person's new row copies the converted titles
        for c, role in sorted(roles.items(), key=lambda item: item[1] == "name"):
            if c >= len(cells):
                continue
            if role == "name":
                word = cells[0].strip()
                if not conv.certain(word):
                    continue
                for form in _forms(conv, word, name=True):
                    if form not in names:
                        names.add(form)
                        new_rows.setdefault(i, []).append("\t".join([form, *cells[1:]]))
                        report.added.append((name, word, form))
                continue
            if role == "canonical":
                continue
            values = _values(cells, c)
            out: list[str] = []
            for value in values:
                out.append(value)
                weak = "~" if value.startswith("~") else ""
                for form in _forms(conv, value):
                    if form in held:
                        continue
                    other = owner.get(form)
                    if role == "alias" and other is not None and other != i:
                        if REGIONAL.get(form) == lines[other].split("\t")[0]:
                            continue
                        report.collisions.append((name, value, form, lines[other].split("\t")[0]))
                        continue
                    out.append(weak + form)
                    held.add(form)
                    if role == "alias":
                        owner[form] = i
                    report.added.append((name, value, form))
            if out != values:
                cells[c] = "|".join(out)
        if "canonical" in roles.values():
            _canonical_forms(name, i, cells, roles, held, owner, conv, report)
        lines[i] = "\t".join(cells)
    if new_rows:
        expanded: list[str] = []
        for i, line in enumerate(lines):
            expanded.append(line)
            expanded.extend(new_rows.get(i, []))
        lines = expanded
    return "\n".join(lines)


def _canonical_forms(
    name: str,
    i: int,
    cells: list[str],
    roles: dict[int, str],
    held: set[str],
    owner: dict[str, int],
    conv: Words,
    report: Report,
) -> None:
    """A source's canonical name that its aliases do not repeat: its forms open the aliases."""
    canonical = cells[0].strip()
    alias_col = next(c for c, role in roles.items() if role == "alias")
    if canonical in held:
        return
    forms = [f for f in _forms(conv, canonical) if f not in held]
    forms = [f for f in forms if owner.get(f, i) == i]
    if not forms:
        return
    while len(cells) <= alias_col:
        cells.append("")
    cells[alias_col] = "|".join([*forms, *_values(cells, alias_col)])
    for form in forms:
        held.add(form)
        owner[form] = i
        report.added.append((name, canonical, form))


def _values(cells: list[str], column: int) -> list[str]:
    if column >= len(cells):
        return []
    return [v.strip() for v in cells[column].split("|") if v.strip()]


def update_text(name: str, text: str, conv: Words, report: Report) -> str:
    """The text of resource ``name`` with its missing Traditional forms added."""
    kind, roles = FILES[name]
    if kind in ("rows", "names"):
        return update_rows(name, text, conv, report, names=kind == "names")
    assert roles is not None
    return update_cells(name, text, roles, conv, report)


def run(conv: Words, names: Iterable[str] = FILES, folder: Path = RESOURCES, write: bool = True) -> Report:
    """Update (or, with ``write=False``, only check) the resource files."""
    report = Report()
    for name in names:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        new = update_text(name, text, conv, report)
        if write and new != text:
            path.write_text(new, encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report what is missing, change nothing")
    parser.add_argument("files", nargs="*", help="resource files (default: all of FILES)")
    args = parser.parse_args(argv)
    names = args.files or list(FILES)
    unknown = [n for n in names if n not in FILES]
    if unknown:
        parser.error(f"not a file this script knows: {', '.join(unknown)}")
    report = run(Converter(), names, write=not args.check)
    verb = "missing" if args.check else "added"
    for file, word, form in report.added:
        print(f"{verb}\t{file}\t{word}\t{form}")
    for file, word, form, other in report.collisions:
        print(f"collision\t{file}\t{word}\t{form}\tholds: {other}")
    print(f"{len(report.added)} forms {verb}, {len(report.collisions)} collisions", file=sys.stderr)
    return 1 if args.check and report.added else 0


if __name__ == "__main__":
    sys.exit(main())
