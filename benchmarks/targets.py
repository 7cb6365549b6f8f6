"""claimkit entry points as benchmark targets (module-level, so a fresh worker process can import them).

Each takes the whole document text and returns a small count summary for the table's note column.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "gold" / "seed.txt"
SEED_PUBLISHED = "2025-05-16"


def claimkit_strip_glosses(text: str) -> dict[str, int]:
    import claimkit

    return {"glosses": len(claimkit.strip_glosses(text).glosses)}


def claimkit_clean(text: str) -> dict[str, int]:
    import claimkit

    cleaned = claimkit.clean(text)
    return {"glosses": len(cleaned.glosses), "regions": len(cleaned.regions)}


def claimkit_find_quantities(text: str) -> dict[str, int]:
    import claimkit

    return {"results": len(claimkit.find_quantities(text))}


def claimkit_extract(text: str) -> dict[str, int]:
    import claimkit

    return {"claims": len(claimkit.extract(text, published=SEED_PUBLISHED).claims)}


def claimkit_spacy(text: str) -> dict[str, int]:
    """The same stages through the spaCy pipeline (``claimkit.load()``), Doc and spans included."""
    import claimkit

    nlp = _nlp()
    return {"claims": len(claimkit.extract(text, published=SEED_PUBLISHED, nlp=nlp).claims)}


_NLP: list[object] = []


def _nlp() -> object:
    if not _NLP:
        import claimkit

        _NLP.append(claimkit.load())
    return _NLP[0]


def claimkit_extract_lines(text: str) -> dict[str, int]:
    """extract per line, the way the per-line peers are called (no repeat detection across lines)."""
    import claimkit

    return {"claims": sum(len(claimkit.extract(line).claims) for line in text.splitlines() if line.strip())}


def varied_corpus(text: str, min_chars: int) -> str:
    """The text repeated to ``min_chars``, every copy's sentences made unique (``（k）。``).

    The seed repeated verbatim is mostly *skipped* by claimkit (repeated passages yield their
    claims once), which flatters its throughput; in this corpus only the repeats inside one
    copy (the seed holds its article twice) are repeats.
    """
    parts, size, k = [], 0, 0
    while size < min_chars:
        parts.append(text.replace("。", f"（{k}）。"))
        size += len(parts[-1])
        k += 1
    return "\n".join(parts)


def _documents(text: str) -> list[str]:
    """A corpus split back into its articles (blank-line separated), as a batch job would see it."""
    return [doc for doc in text.split("\n\n\n") if doc.strip()]


def claimkit_extract_many_1(text: str) -> dict[str, int]:
    import claimkit

    results = list(claimkit.extract_many(_documents(text), published=SEED_PUBLISHED))
    return {"docs": len(results), "claims": sum(len(r.claims) for r in results)}


def claimkit_extract_many_2(text: str) -> dict[str, int]:
    import claimkit

    results = list(claimkit.extract_many(_documents(text), published=SEED_PUBLISHED, n_process=2))
    return {"docs": len(results), "claims": sum(len(r.claims) for r in results)}


def news_corpus(seed: str, min_chars: int) -> str:
    """Articles separated by two blank lines, each a copy of the seed with its sentences made unique."""
    parts, size, k = [], 0, 0
    while size < min_chars:
        parts.append(seed.replace("。", f"（{k}）。"))
        size += len(parts[-1]) + 3
        k += 1
    return "\n\n\n".join(parts)
