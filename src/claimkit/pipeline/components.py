"""claimkit's spaCy components, registered with ``@Language.factory``.

Pipeline order (``claimkit.load()`` builds it): the ``claimkit.Tokenizer.v1``
tokenizer cleans the text, then

* ``claimkit_sentences``: sentence starts at 。！？ and line breaks (``doc.sents``);
* ``claimkit_quantities``: ``doc.spans["quantities"]``;
* ``claimkit_periods``: ``doc.spans["periods"]``;
* ``claimkit_entities``: companies, products, people and sources (``doc.ents``),
  from a ``PhraseMatcher`` built from the resources plus ``extra_companies``;
* ``claimkit_attribution``: ``doc._.claims``.

Marked regions (repeats, page furniture) are skipped by every component. The
components keep their detailed readings in ``doc.user_data`` under ``claimkit.*``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

import numpy as np
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..attribution.lexicon import Lexicon, with_companies
from ..attribution.mentions import Mention, mentions_of
from ..attribution.structure import Structure
from ..claims.engine import Document, build_claims
from ..errors import ConfigError
from ..periods.grammar import read_periods
from ..periods.resolve import as_date
from ..quantities import read_quantities
from . import serialize  # noqa: F401  (registers msgpack encoders for Doc.to_bytes)
from .tokenizer import ClaimkitTokenizer, words_of

for _name, _default in (("cleaned", None), ("published", None), ("claims", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

_KEY = "claimkit."


@spacy.registry.tokenizers("claimkit.Tokenizer.v1")
def create_tokenizer():  # type: ignore[no-untyped-def]
    """The claimkit tokenizer (cleans, then splits into hanzi, digit runs and Latin words)."""

    def make(nlp: Language) -> ClaimkitTokenizer:
        return ClaimkitTokenizer(nlp.vocab)

    return make


def _cleaned(doc: Doc):  # type: ignore[no-untyped-def]
    cleaned = doc._.cleaned
    if cleaned is None:  # a Doc made by another tokenizer: nothing was removed
        from ..cleaning import clean

        cleaned = clean(doc.text)
        doc._.cleaned = cleaned
    return cleaned


def _char_to_token(doc: Doc) -> list[int]:
    """The character offset of each token."""
    return doc.to_array("IDX").tolist()  # type: ignore[no-any-return]


def _span(doc: Doc, idx: list[int], start: int, end: int, label: str) -> Span | None:
    i = bisect_left(idx, start)
    j = bisect_left(idx, end)
    if i >= len(idx) or idx[i] != start or (j < len(idx) and idx[j] != end):
        return doc.char_span(start, end, label=label, alignment_mode="expand")
    return Span(doc, i, j, label=label)


class Sentences:
    """Sentence boundaries at 。！？!? and line breaks, set in one array write."""

    def __call__(self, doc: Doc) -> Doc:
        structure = Structure(_cleaned(doc).text)
        doc.user_data[_KEY + "structure"] = structure
        if len(doc) == 0:
            return doc
        idx = doc.to_array("IDX").astype(np.int64)
        starts = np.full(len(doc), -1, dtype=np.int32)
        positions = np.array([s.start for s in structure.sentences], dtype=np.int64)
        tokens = np.searchsorted(idx, positions, side="left")
        tokens = tokens[tokens < len(doc)]
        starts[tokens] = 1
        starts[0] = 1
        doc.from_array([SENT_START], starts.reshape(-1, 1).astype(np.uint64))  # type: ignore[arg-type]
        return doc


class Quantities:
    """Quantities of the kept text: ``doc.spans["quantities"]``."""

    def __call__(self, doc: Doc) -> Doc:
        cleaned = _cleaned(doc)
        # the periods component ran first, if it is in the pipeline
        raws = read_quantities(cleaned, periods=doc.user_data.get(_KEY + "periods"))
        doc.user_data[_KEY + "quantities"] = raws
        idx = _char_to_token(doc)
        spans = [_span(doc, idx, r.start, r.end, r.kind or "count") for r in raws]
        doc.spans["quantities"] = [s for s in spans if s is not None]
        return doc


class Periods:
    """Period mentions of the kept text: ``doc.spans["periods"]``."""

    def __call__(self, doc: Doc) -> Doc:
        cleaned = _cleaned(doc)
        periods = read_periods(cleaned)
        doc.user_data[_KEY + "periods"] = periods
        idx = _char_to_token(doc)
        spans = [_span(doc, idx, p.start, p.end, "PERIOD") for p in periods]
        doc.spans["periods"] = [s for s in spans if s is not None]
        return doc


_LABELS = {"company": "ORG", "product": "PRODUCT", "person": "PERSON", "source": "SOURCE"}


class Entities:
    """Companies, products, people and sources: a ``PhraseMatcher`` over the lexicon, then the mention rules."""

    def __init__(self, nlp: Language, extra_companies: Iterable[dict] = ()) -> None:
        self.lexicon: Lexicon = with_companies(list(extra_companies))
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        patterns = []
        for surface in self.lexicon.entries:
            words = words_of(surface)
            patterns.append(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
        self.matcher.add("CLAIMKIT", patterns)

    def __call__(self, doc: Doc) -> Doc:
        cleaned = _cleaned(doc)
        text = cleaned.folded
        idx = _char_to_token(doc)
        n_chars = len(text)
        # (start, end) token spans, longest first at each start, no overlaps
        spans = sorted(((s, e) for _, s, e in self.matcher(doc)), key=lambda t: (t[0], -t[1]))
        matches, last_end = [], -1
        for start, end in spans:
            if start < last_end:
                continue
            last_end = end
            matches.append((idx[start], idx[end] if end < len(idx) else n_chars))
        mentions = mentions_of(cleaned, matches, self.lexicon)
        doc.user_data[_KEY + "mentions"] = mentions
        ents = []
        last = -1
        for m in mentions:
            if m.kind not in _LABELS or m.start < last:
                continue
            span = _span(doc, idx, m.start, m.end, _LABELS[m.kind])
            if span is not None and span.start >= last:
                ents.append(span)
                last = span.end
        doc.set_ents(ents, default="unmodified")
        return doc


class Attribution:
    """Claims with metric, change, period, company and speaker: ``doc._.claims``."""

    def __init__(self, nlp: Language, published: str | None = None, metric: str = "rules") -> None:
        if metric not in ("rules", "pkuseg"):
            raise ConfigError(f"metric must be 'rules' or 'pkuseg', not {metric!r}")
        self.published = as_date(published)
        self.metric = metric
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        cleaned = _cleaned(doc)
        data = doc.user_data
        mentions: list[Mention] = data.get(_KEY + "mentions", [])
        lexicon = self._lexicon()
        document = Document(
            cleaned=cleaned,
            published=as_date(doc._.published) if doc._.published is not None else self.published,
            quantities=data.get(_KEY + "quantities", []),
            periods=data.get(_KEY + "periods", []),
            mentions=mentions,
            lexicon=lexicon,
            structure=data.get(_KEY + "structure"),
            metric=self.metric,
        )
        doc._.claims = build_claims(document)
        return doc

    def _lexicon(self) -> Lexicon:
        for _, proc in self.nlp.pipeline:
            if isinstance(proc, Entities):
                return proc.lexicon
        return with_companies(None)


@Language.factory("claimkit_sentences")
def make_sentences(nlp: Language, name: str) -> Sentences:
    return Sentences()


@Language.factory("claimkit_quantities")
def make_quantities(nlp: Language, name: str) -> Quantities:
    return Quantities()


@Language.factory("claimkit_periods")
def make_periods(nlp: Language, name: str) -> Periods:
    return Periods()


@Language.factory("claimkit_entities", default_config={"extra_companies": []})
def make_entities(nlp: Language, name: str, extra_companies: list[dict]) -> Entities:
    return Entities(nlp, extra_companies)


@Language.factory("claimkit_attribution", default_config={"published": None, "metric": "rules"})
def make_attribution(nlp: Language, name: str, published: str | None, metric: str) -> Attribution:
    return Attribution(nlp, published, metric)
