"""The claimkit tokenizer: clean first, then one token per hanzi, digit run or Latin word.

spaCy Docs are immutable, so cleaning happens here: the Doc's text is the
cleaned text, and ``doc._.cleaned`` keeps the map back to the caller's input.
Hanzi are single tokens (what spaCy's Chinese ``char`` segmenter does), so a
``PhraseMatcher`` finds names of any length; runs of digits and Latin letters
stay whole, so ``QuestMobile`` and ``1343.3`` are one token each.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

from .._text import without_surrogates
from ..cleaning import clean
from ..errors import require_str

_TOKEN = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[A-Za-z]+|[ \t]+|.", re.S)


def words_of(text: str) -> list[str]:
    """The token strings of a text (they concatenate back to it)."""
    return _TOKEN.findall(text)


class ClaimkitTokenizer:
    """Cleans the input and splits the clean text into tokens."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        # spaCy stores strings as UTF-8, and claims are cut from the text: a lone surrogate
        # becomes U+FFFD (same length, so offsets agree), as in Extractor.__call__
        cleaned = clean(without_surrogates(require_str(text)))
        words = words_of(cleaned.text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc._.cleaned = cleaned
        return doc

    def pipe(self, texts, batch_size: int = 1000):  # type: ignore[no-untyped-def]
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> ClaimkitTokenizer:  # type: ignore[no-untyped-def]
        return self

    def to_disk(self, path, **kwargs) -> None:  # type: ignore[no-untyped-def]
        return None

    def from_disk(self, path, **kwargs) -> ClaimkitTokenizer:  # type: ignore[no-untyped-def]
        return self
