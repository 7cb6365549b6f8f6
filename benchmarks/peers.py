"""Peer configurations: one function per way of running a peer over a whole document.

Each function takes one text or a list of documents (dicts with ``text``), imports its peer lazily (raising :class:`PeerUnavailable` when
it is missing) and returns counts for the harness's note column. Per-line configurations split the text
themselves, skip blank lines, and count per line: ``results`` (items found), ``failed`` (the peer raised)
and ``timeouts`` (the line took longer than :data:`LINE_TIMEOUT_S` and was abandoned). Workers import
these by path, e.g. ``"benchmarks.peers:jionlp_money_lines"``.

Install the peers with the ``bench`` extra (see README.md).
"""

from __future__ import annotations

import importlib
import signal
import threading
from collections.abc import Callable, Iterator, Sized
from types import FrameType, ModuleType, TracebackType
from typing import Any

from ._harness import PeerUnavailable

__all__ = [
    "LINE_TIMEOUT_S",
    "PEERS",
    "PeerUnavailable",
    "cn2an_transform",
    "cn2an_transform_lines",
    "jionlp_money_lines",
    "jionlp_money_time_lines",
    "jionlp_money_whole",
    "recognizers_lines",
]

LINE_TIMEOUT_S = 5.0
"""A line a peer has not finished after this many seconds is abandoned and counted as a timeout.

Recognizers-Text is super-linear on runs of Chinese numerals (a run of 400 "一" takes ~13 s in
``recognize_currency``), so without a guard one odd line can stall a whole benchmark.
"""

Counts = dict[str, int]


def _require(module: str, peer: str, hint: str) -> ModuleType:
    """Import ``module`` or raise PeerUnavailable naming what to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise PeerUnavailable(peer, f"{exc}; install with {hint}") from exc


class _LineTimeout(BaseException):
    """Raised inside a peer call by the alarm. A BaseException, so peers' ``except Exception`` miss it."""


class _LineGuard:
    """Runs one call per line under a SIGALRM deadline (main thread on Unix only; elsewhere unguarded).

    The timer re-fires every 50 ms after the deadline, in case a peer's bare ``except:`` swallowed the
    first signal; the handler only raises while a call is in flight.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.enabled = (
            seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )
        self._armed = False
        self._previous: Any = None

    def __enter__(self) -> _LineGuard:
        if self.enabled:
            self._previous = signal.signal(signal.SIGALRM, self._fire)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.enabled:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)

    def _fire(self, signum: int, frame: FrameType | None) -> None:
        if self._armed:
            raise _LineTimeout

    def call(self, fn: Callable[[str], object], line: str) -> object:
        """``fn(line)``, abandoned with _LineTimeout after the deadline."""
        if not self.enabled:
            return fn(line)
        self._armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.05)
        try:
            return fn(line)
        finally:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)


def _size(output: object) -> int:
    """How many items a peer returned: a list's length, an int as is, 1 for anything else not None."""
    if output is None:
        return 0
    if isinstance(output, int):
        return output
    return len(output) if isinstance(output, Sized) and not isinstance(output, str) else 1


Payload = str | list[dict[str, Any]]


def _texts(payload: Payload) -> list[str]:
    """The documents of a payload: one text, or the ``text`` of each document."""
    return [payload] if isinstance(payload, str) else [doc["text"] for doc in payload]


def _lines(payload: Payload) -> Iterator[str]:
    for text in _texts(payload):
        yield from text.splitlines()


def _per_line(
    payload: Payload, calls: list[Callable[[str], object]], timeout: float = LINE_TIMEOUT_S
) -> Counts:
    """Run each of ``calls`` on every non-blank line; count lines, results, failures and timeouts."""
    counts: Counts = {"lines": 0, "results": 0, "failed": 0, "timeouts": 0}
    with _LineGuard(timeout) as guard:
        for line in _lines(payload):
            if not line.strip():
                continue
            counts["lines"] += 1
            for fn in calls:
                try:
                    output = guard.call(fn, line)
                except _LineTimeout:
                    counts["timeouts"] += 1
                except Exception:
                    counts["failed"] += 1
                else:
                    counts["results"] += _size(output)
    return counts


# --- jionlp -------------------------------------------------------------------------------------------
# The extractors live in ``jionlp.ner`` (``jionlp.extract_money`` does not exist in jionlp 1.5).
# Importing jionlp prints a banner to stdout; the harness discards worker stdout.


def _jionlp() -> Any:
    return _require("jionlp", "jionlp", "pip install 'jionlp==1.5.31'")


def jionlp_money_whole(payload: Payload) -> Counts:
    """jionlp ``ner.extract_money`` on each whole document in one call."""
    jio = _jionlp()
    return {"results": sum(len(jio.ner.extract_money(text)) for text in _texts(payload))}


def jionlp_money_lines(payload: Payload) -> Counts:
    """jionlp ``ner.extract_money`` on each line."""
    jio = _jionlp()
    return _per_line(payload, [jio.ner.extract_money])


def jionlp_money_time_lines(payload: Payload) -> Counts:
    """jionlp ``ner.extract_money`` and ``ner.extract_time`` on each line (results are summed)."""
    jio = _jionlp()
    return _per_line(payload, [jio.ner.extract_money, jio.ner.extract_time])


# --- cn2an --------------------------------------------------------------------------------------------
# ``transform`` rewrites Chinese numerals to Arabic ones and returns the new text; it emits a UserWarning
# for spans it cannot convert (e.g. "五点二亿"). ``results`` here is the number of lines it changed.


def _cn2an() -> Any:
    return _require("cn2an", "cn2an", "pip install 'cn2an==0.5.24'")


def cn2an_transform(payload: Payload) -> Counts:
    """cn2an ``transform(text, "cn2an")`` on each whole document in one call."""
    cn2an = _cn2an()
    changed = 0
    for text in _texts(payload):
        out = cn2an.transform(text, "cn2an")
        changed += sum(a != b for a, b in zip(out.splitlines(), text.splitlines(), strict=False))
    return {"results": changed}


def cn2an_transform_lines(payload: Payload) -> Counts:
    """cn2an ``transform(line, "cn2an")`` on each line."""
    cn2an = _cn2an()

    def changed(line: str) -> int:
        return int(cn2an.transform(line, "cn2an") != line)

    return _per_line(payload, [changed])


# --- Recognizers-Text ---------------------------------------------------------------------------------
# recognizers-text-suite 1.0.2a2 imports ``emoji.UNICODE_EMOJI`` (gone in emoji 2.x): pin emoji==1.7.0.
# Its models wrap parsing in ``except Exception: pass``, so a failing line yields no results rather than
# an error: ``failed`` stays 0 for this peer even when it breaks.


def recognizers_lines(payload: Payload) -> Counts:
    """Recognizers-Text number, percentage and currency models (Chinese culture) on each line."""
    hint = "pip install 'recognizers-text-suite==1.0.2a2' 'emoji==1.7.0'"
    culture = _require("recognizers_text", "recognizers-text", hint).Culture.Chinese
    number = _require("recognizers_number", "recognizers-text", hint)
    with_unit = _require("recognizers_number_with_unit", "recognizers-text", hint)
    calls: list[Callable[[str], object]] = [
        lambda line: number.recognize_number(line, culture),
        lambda line: number.recognize_percentage(line, culture),
        lambda line: with_unit.recognize_currency(line, culture),
    ]
    return _per_line(payload, calls)


recognizers_lines.max_chars = 200_000  # type: ignore[attr-defined]
"""Recognizers-Text runs at a few thousand chars/s: measure it on a smaller text."""

PEERS: dict[str, Callable[[Payload], Counts]] = {
    "jionlp_money_whole": jionlp_money_whole,
    "jionlp_money_lines": jionlp_money_lines,
    "jionlp_money_time_lines": jionlp_money_time_lines,
    "cn2an_transform": cn2an_transform,
    "cn2an_transform_lines": cn2an_transform_lines,
    "recognizers_lines": recognizers_lines,
}
"""Every peer configuration by name, in table order."""
