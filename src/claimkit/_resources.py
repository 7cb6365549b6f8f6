"""Reading claimkit's language data (``claimkit/resources``), once per process.

Every loader is cached: the files are read and parsed on first use and shared
afterwards. Loaders return plain Python structures; compiling them into regexes
is the job of the module that owns the grammar.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from itertools import product

from .errors import ResourceError

_PACKAGE = "claimkit.resources"


def _read(name: str) -> str:
    try:
        return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:  # pragma: no cover - a broken install
        raise ResourceError(f"claimkit resource {name!r} cannot be read: {exc}") from exc


def _data_lines(name: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(_read(name).splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield number, line.rstrip("\r\n")


@cache
def lines(name: str) -> tuple[str, ...]:
    """The non-comment, non-blank lines of a resource file, stripped."""
    return tuple(line.strip() for _, line in _data_lines(name))


@cache
def table(name: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated resource as dicts keyed by ``columns``.

    Missing trailing cells read as ``""``; a row with more cells than columns is an error.
    """
    rows = []
    for number, line in _data_lines(name):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) > len(columns):
            raise ResourceError(f"{name}:{number}: {len(cells)} cells, expected at most {len(columns)}")
        cells += [""] * (len(columns) - len(cells))
        rows.append(dict(zip(columns, cells, strict=True)))
    return tuple(rows)


def split_values(cell: str) -> list[str]:
    """Split a multi-valued cell (``a|b|c``) into its non-empty values."""
    return [value.strip() for value in cell.split("|") if value.strip()]


@cache
def traditional_table() -> dict[str, tuple[str, ...]]:
    """``resources/traditional.tsv``: a simplified character -> its traditional form(s)."""
    rows = table("traditional.tsv", ("simplified", "traditional"))
    return {r["simplified"]: tuple(split_values(r["traditional"])) for r in rows}


def traditional_forms(word: str) -> list[str]:
    """``word`` in traditional characters (``resources/traditional.tsv``), every spelling but ``word`` itself.

    >>> traditional_forms("亿元"), traditional_forms("新台币"), traditional_forms("公里")
    (['億元'], ['新台幣', '新臺幣'], [])
    """
    forms = traditional_table()
    options = [forms.get(ch, (ch,)) for ch in word]
    if all(len(o) == 1 for o in options) and all(o[0] == ch for o, ch in zip(options, word, strict=True)):
        return []
    return sorted({"".join(p) for p in product(*options)} - {word})


def with_traditional(words: Iterable[str]) -> list[str]:
    """``words`` followed by their traditional spellings, each once, in order of first appearance."""
    out: dict[str, None] = {}
    for word in words:
        out.setdefault(word)
        for form in traditional_forms(word):
            out.setdefault(form)
    return list(out)


@cache
def variant_table() -> dict[int, str]:
    """Traditional characters and the simplified ones they are read as (``variants.tsv``), for ``str.translate``."""
    return {
        ord(r["traditional"]): r["simplified"] for r in table("variants.tsv", ("traditional", "simplified"))
    }


@cache
def common_bigrams() -> frozenset[str]:
    """The two-character words of spacy-pkuseg's default dictionary (其中, 通信, 宝贵…).

    The dictionary ships inside the ``spacy-pkuseg`` package (MIT), a dependency of claimkit, as
    ``spacy_pkuseg/dicts/default.pkl``: one word per line in one pickled string. It is read on
    first use; without it (a broken install) the set is empty and no name is dropped for it.
    """
    import pickle
    from importlib.util import find_spec
    from pathlib import Path

    try:
        # found, not imported: importing the package would load its model code (a quarter of a second)
        spec = find_spec("spacy_pkuseg")
        if spec is None or not spec.submodule_search_locations:
            return frozenset()
        data = Path(next(iter(spec.submodule_search_locations)), "dicts", "default.pkl").read_bytes()
        words = pickle.loads(data)  # a data file of an installed dependency, not user input
    except (ModuleNotFoundError, FileNotFoundError, OSError, pickle.UnpicklingError, ValueError):
        return frozenset()
    if not isinstance(words, str):
        return frozenset()
    return frozenset(w for w in words.split("\n") if len(w) == 2)
