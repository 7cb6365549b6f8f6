"""Text that can be written: lone surrogates (legal in a Python ``str`` and in JSON, not in UTF-8) replaced."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (so that it cannot be encoded as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD: same length, so offsets into it stay valid."""
    return _SURROGATE.sub("\ufffd", text) if has_surrogate(text) else text
