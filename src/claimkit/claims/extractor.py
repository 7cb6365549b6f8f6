"""The stages run straight on the text, without a spaCy ``Doc``: what :func:`claimkit.extract` uses.

Cleaning, sentences, periods, quantities, mentions and the claim engine are the
same functions the spaCy components call, in the same order, so both give the
same claims (``tests/test_pipeline.py`` checks it on every gold document). This
path skips what only a ``Doc`` needs (a token per hanzi, spans, entity labels),
which is about a third of the pipeline's time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from .._text import without_surrogates
from ..attribution.lexicon import Lexicon, with_companies
from ..attribution.matcher import NameMatcher
from ..attribution.mentions import mentions_of
from ..attribution.structure import Structure
from ..cleaning import Cleaned, clean
from ..errors import ConfigError, require_str
from ..periods.grammar import read_periods
from ..periods.resolve import as_date
from ..quantities import read_quantities
from .engine import Document, build_claims
from .model import Claim, Extraction

METRICS = ("rules", "pkuseg")


class Extractor:
    """claimkit's extraction with its lexicon compiled once; call it on a text.

    ``extra_companies`` adds companies (mappings with ``canonical`` and optional
    ``names``, ``products``, ``parent``; see ``docs/lexicons.md``); ``published`` is the
    default publication date; ``metric="pkuseg"`` cuts metric phrases with claimkit's
    own word segmenter (opt-in, see ``docs/pipeline.md``).

    >>> extractor = Extractor(extra_companies=[{"canonical": "Lanting Tea", "names": ["蓝亭茶饮"]}])
    >>> [(c.text, c.company) for c in extractor("蓝亭茶饮门店数超过3000家。").claims]
    [('3000家', 'Lanting Tea')]
    """

    def __init__(
        self,
        *,
        extra_companies: Iterable[Mapping[str, object]] | None = None,
        published: date | datetime | str | None = None,
        metric: str = "rules",
    ) -> None:
        if metric not in METRICS:
            raise ConfigError(f"metric must be 'rules' or 'pkuseg', not {metric!r}")
        self.lexicon: Lexicon = with_companies(
            [dict(c) for c in extra_companies] if extra_companies else None
        )
        self.matcher = NameMatcher(self.lexicon.entries)
        self.published = as_date(published)
        self.metric = metric

    def __call__(self, text: str, *, published: date | datetime | str | None = None) -> Extraction:
        """The claims of ``text``; ``published`` overrides the extractor's default date."""
        text = without_surrogates(require_str(text))  # the one repair: lone surrogate -> U+FFFD
        pub = as_date(published) if published is not None else self.published
        claims = self.claims_of(clean(text), pub)
        return Extraction(claims=claims, published=pub.isoformat() if pub else None, chars=len(text))

    def claims_of(self, cleaned: Cleaned, published: date | None) -> list[Claim]:
        """The claims of an already cleaned document."""
        structure = Structure(cleaned.text)
        periods = read_periods(cleaned)
        quantities = read_quantities(cleaned, periods=periods)
        mentions = mentions_of(cleaned, self.matcher.find(cleaned.text), self.lexicon)
        document = Document(
            cleaned=cleaned,
            published=published,
            quantities=quantities,
            periods=periods,
            mentions=mentions,
            lexicon=self.lexicon,
            structure=structure,
            metric=self.metric,
        )
        return build_claims(document)
