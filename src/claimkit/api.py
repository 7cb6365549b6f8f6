"""The main entry points: :func:`extract` (claims of one text) and :func:`load` (the spaCy pipeline)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from .errors import require_str

_PIPES = (
    "claimkit_sentences",
    "claimkit_periods",
    "claimkit_quantities",
    "claimkit_entities",
    "claimkit_attribution",
)
_default_extractor = None
_lock = threading.Lock()


def load(  # type: ignore[no-untyped-def]
    *,
    extra_companies: Iterable[Mapping[str, object]] | None = None,
    published: str | None = None,
    metric: str = "rules",
):
    """Build claimkit's spaCy pipeline (a ``spacy.blank("zh")`` with claimkit's tokenizer and components).

    ``extra_companies`` adds companies at run time: mappings with ``canonical`` and
    optional ``names`` and ``products`` (a leading ``~`` marks a weak alias).
    ``published`` is a default publication date for docs without ``doc._.published``.
    ``metric="pkuseg"`` cuts metric phrases with claimkit's own small word segmenter
    (opt-in; see ``docs/pipeline.md`` for its ablation).

    >>> nlp = load()
    >>> nlp.pipe_names
    ['claimkit_sentences', 'claimkit_periods', 'claimkit_quantities', 'claimkit_entities', 'claimkit_attribution']
    """
    import spacy

    from .pipeline import components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "claimkit.Tokenizer.v1"}}})
    nlp.max_length = 2**31 - 1  # no parser or NER: memory grows linearly with the text
    for name in _PIPES:
        config: dict[str, object] = {}
        if name == "claimkit_entities" and extra_companies:
            config["extra_companies"] = [dict(c) for c in extra_companies]
        if name == "claimkit_attribution" and published is not None:
            config["published"] = str(published)
        if name == "claimkit_attribution" and metric != "rules":
            config["metric"] = metric
        nlp.add_pipe(name, config=config)
    return nlp


def default_extractor():  # type: ignore[no-untyped-def]
    """The shared :class:`~claimkit.Extractor` :func:`extract` uses, built on first use."""
    global _default_extractor
    if _default_extractor is None:
        with _lock:
            if _default_extractor is None:
                from .claims.extractor import Extractor

                _default_extractor = Extractor()
    return _default_extractor


def extract(text: str, *, published: date | datetime | str | None = None, nlp=None):  # type: ignore[no-untyped-def]
    """The numeric claims of one document, attributed.

    ``published`` (a date or ISO string) resolves relative periods (``今年``, ``去年``);
    without it they stay ``None``. Offsets in the result index ``text`` as given.
    ``nlp`` is an :class:`~claimkit.Extractor` or a spaCy pipeline from :func:`load`
    (both give the same claims; the default, a shared ``Extractor``, is faster).

    >>> result = extract("腾讯2025年第一季度资本开支274.8亿元，同比增长91%。")
    >>> [(c.text, str(c.value), c.unit, c.period, c.company) for c in result.claims]
    [('274.8亿元', '27480000000', 'CNY', '2025Q1', 'Tencent'), ('91%', '91', '%', '2025Q1', 'Tencent')]
    """
    from .claims.extractor import Extractor
    from .claims.model import Extraction
    from .periods.resolve import as_date

    require_str(text)
    pub = as_date(published)
    nlp = nlp if nlp is not None else default_extractor()
    if isinstance(nlp, Extractor):
        return nlp(text, published=pub)
    doc = nlp.make_doc(text)
    doc._.published = pub
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return Extraction(claims=doc._.claims or [], published=pub.isoformat() if pub else None, chars=len(text))
