"""claimkit entry points as benchmark targets (module-level, so a fresh worker process can import them).

Each takes a payload, either one text or a list of documents (dicts with ``text`` and
``published``, see :func:`benchmarks._harness.measure`), makes one call per document as a user
would, and returns a small count summary for the table's note column (``claims`` or
``quantities`` also give the claims-per-second column).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .corpus import GOLD

SEED = GOLD / "seed.txt"
SEED_PUBLISHED = "2025-05-16"


def _docs(payload: str | list[dict[str, Any]]) -> Iterator[tuple[str, str | None]]:
    """The documents of a payload, each unseen: a page met again starts a cycle with claimkit's caches empty.

    claimkit keeps small per-process caches of what it has read (numerals, gloss bodies). Cycling
    the same pages would let later cycles find everything cached, which new articles never do;
    emptying them whenever a page comes round again times every page as if it were new, while
    the figures shared by different pages (years, 10%) stay cached as they would in a real run.
    """
    if isinstance(payload, str):
        _clear_caches()
        yield payload, SEED_PUBLISHED
        return
    seen: set[str] = set()
    for doc in payload:
        if doc["text"] in seen:
            seen.clear()
        if not seen:
            _clear_caches()
        seen.add(doc["text"])
        yield doc["text"], doc.get("published")


def _clear_caches() -> None:
    """Empty every bounded ``lru_cache`` in claimkit's modules (the unbounded ones hold loaded resources)."""
    for fn in _bounded_caches():
        fn.cache_clear()


_FOUND: dict[str, list[Any]] = {}


def _bounded_caches() -> list[Any]:
    """claimkit's functions with a bounded cache, looked up again only when more modules are loaded."""
    import sys

    names = sorted(n for n, m in sys.modules.items() if n.startswith("claimkit") and m is not None)
    key = "\n".join(names)
    if key not in _FOUND:
        found = []
        for name in names:
            for value in vars(sys.modules[name]).values():
                info = getattr(value, "cache_info", None)
                if (
                    info is not None
                    and getattr(value, "__module__", "") == name
                    and info().maxsize is not None
                ):
                    found.append(value)
        _FOUND.clear()
        _FOUND[key] = found
    return _FOUND[key]


def claimkit_strip_glosses(payload: str | list[dict[str, Any]]) -> dict[str, int]:
    import claimkit

    return {"glosses": sum(len(claimkit.strip_glosses(text).glosses) for text, _ in _docs(payload))}


def claimkit_clean(payload: str | list[dict[str, Any]]) -> dict[str, int]:
    import claimkit

    regions = glosses = 0
    for text, _ in _docs(payload):
        cleaned = claimkit.clean(text)
        glosses += len(cleaned.glosses)
        regions += len(cleaned.regions)
    return {"glosses": glosses, "regions": regions}


def claimkit_find_quantities(payload: str | list[dict[str, Any]]) -> dict[str, int]:
    import claimkit

    docs = found = 0
    for text, _ in _docs(payload):
        found += len(claimkit.find_quantities(text))
        docs += 1
    return {"docs": docs, "quantities": found}


def claimkit_extract(payload: str | list[dict[str, Any]]) -> dict[str, int]:
    import claimkit

    docs = claims = 0
    for text, published in _docs(payload):
        claims += len(claimkit.extract(text, published=published).claims)
        docs += 1
    return {"docs": docs, "claims": claims}


def claimkit_spacy(payload: str | list[dict[str, Any]]) -> dict[str, int]:
    """The same stages through the spaCy pipeline (``claimkit.load()``), Doc and spans included."""
    import claimkit

    nlp = _nlp()
    docs = claims = 0
    for text, published in _docs(payload):
        claims += len(claimkit.extract(text, published=published, nlp=nlp).claims)
        docs += 1
    return {"docs": docs, "claims": claims}


_NLP: list[object] = []


def _nlp() -> object:
    if not _NLP:
        import claimkit

        _NLP.append(claimkit.load())
    return _NLP[0]


def _many(payload: str | list[dict[str, Any]], n_process: int) -> dict[str, int]:
    import claimkit

    records = [{"id": k, "text": text, "published": pub} for k, (text, pub) in enumerate(_docs(payload))]
    results = list(claimkit.extract_many(records, n_process=n_process))
    return {"docs": len(results), "claims": sum(len(r.claims) for r in results)}


def claimkit_extract_many_1(payload: str | list[dict[str, Any]]) -> dict[str, int]:
    return _many(payload, 1)


def claimkit_extract_many_2(payload: str | list[dict[str, Any]]) -> dict[str, int]:
    return _many(payload, 2)
