"""Worker processes for batch runs: :class:`Pool` runs chunks of work in spawned processes, in order.

Each worker is a ``spawn``-started process with one duplex pipe to the parent (no
queues, locks or semaphores, so nothing is left for the resource tracker when a run
is interrupted). A worker builds its state once (``init(*initargs)``), says it is ready,
then answers one chunk at a time: it gets a chunk only when it is idle, so the parent
never blocks on a busy worker, and at most ``window`` chunks are in flight or waiting to
be yielded, so memory stays flat however long the input is.

Nothing an item does stops the run. If a worker dies on a chunk (a crash in native
code, the OOM killer), raises out of ``work``, or gives no answer within
``patience(chunk)`` seconds (then it is killed), the chunk is run again one item at a
time, so that only the item at fault fails (``died(item, reason)`` gives its result).
Only workers that cannot start (an exception in ``init``, or ``max_breaks`` deaths in a
row before they are ready) raise :class:`ClaimkitError`. Workers ignore SIGINT (a Ctrl-C
reaches the whole process group; the parent decides) and exit when their pipe closes,
so a parent that is killed outright does not leave them behind.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from .errors import ClaimkitError

T = TypeVar("T")
R = TypeVar("R")
_PENDING: Any = object()  # a part without its result yet
_END: Any = object()  # the input is exhausted
_READY, _FAILED, _RAISED = "ready", "failed", "raised"  # a worker's messages besides results

__all__ = ["Pool", "exit_reason"]


def _serve(
    conn: Connection, init: Callable[..., Any], initargs: tuple[Any, ...], work: Callable[[Any, Any], Any]
) -> None:
    """A worker's main loop: build the state, say ``ready``, then answer ``(key, chunk)`` with ``(key, result)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        state = init(*initargs)
    except BaseException:
        conn.send((_FAILED, f"a worker could not start:\n{traceback.format_exc()}"))
        return
    conn.send((_READY, None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if message is None:
            return
        key, chunk = message
        try:
            answer = (key, work(state, chunk))
        except Exception as exc:  # the chunk's fault, not the worker's: the parent runs it item by item
            answer = (_RAISED, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(answer)
        except Exception as exc:  # a result that cannot be sent (pickled): the same
            try:
                conn.send((_RAISED, f"{type(exc).__name__}: {exc}"))
            except OSError:
                return


def exit_reason(exitcode: int | None) -> str:
    """Why a worker process ended, in words (``killed by SIGKILL, maybe out of memory``)."""
    if exitcode is None:
        return "it stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = ", maybe out of memory" if -exitcode == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit code {exitcode}"


class _Worker:
    def __init__(self, context: Any, init: Callable[..., Any], initargs: tuple[Any, ...], work: Any) -> None:
        self.conn, child = context.Pipe(duplex=True)
        self.process: BaseProcess = context.Process(
            target=_serve, args=(child, init, initargs, work), daemon=True, name="claimkit-worker"
        )
        self.process.start()
        child.close()
        self.ready = False  # its state is built: a death from now on is the fault of what it was given
        self.job: tuple[tuple[int, int], list[Any]] | None = None  # (key, chunk) being worked on
        self.since = 0.0  # when the job was given (or the worker got ready, if later)

    def stop(self, kill: bool = False) -> None:
        """End the process: politely (close the pipe) or at once (SIGKILL: even stuck in native code), then reap it."""
        if kill and self.process.is_alive():
            self.process.kill()
        try:
            if not kill:
                self.conn.send(None)
        except OSError:
            pass
        self.conn.close()
        self.process.join(timeout=None if kill else 10)
        if self.process.is_alive():  # did not stop politely
            self.process.kill()
            self.process.join()
        self.process.close()


class _Feeder(Generic[T]):
    """Reads the chunks in a thread, so that a slow input (a pipe) never keeps finished results waiting.

    The pool's loop takes chunks with :meth:`get` without blocking and waits on :attr:`wake`
    (a pipe written after each chunk) together with its workers.
    """

    def __init__(self, chunks: Iterator[list[T]], size: int) -> None:
        self.queue: queue.Queue[Any] = queue.Queue(maxsize=size)
        self.wake, self._waker = multiprocessing.Pipe(duplex=False)
        thread = threading.Thread(target=self._feed, args=(chunks,), daemon=True, name="claimkit-reader")
        thread.start()

    def _feed(self, chunks: Iterator[list[T]]) -> None:
        try:
            for chunk in chunks:
                self.queue.put(chunk)
                self._waker.send_bytes(b".")
            self.queue.put(_END)
        except BaseException as exc:  # raised again in the pool's loop
            self.queue.put(exc)
        self._waker.send_bytes(b".")

    def get(self) -> list[T] | Any:
        """The next chunk, ``_END``, or ``_PENDING`` when the reader has none ready yet.

        Each item comes with one byte on :attr:`wake`, taken here with it: a byte left in
        the pipe always means an item is ready (or about to be).
        """
        try:
            item = self.queue.get_nowait()
        except queue.Empty:
            return _PENDING
        self.wake.recv_bytes()
        if isinstance(item, BaseException):
            raise item
        return item


class Pool(Generic[T, R]):
    """``n`` spawned workers running ``work(state, chunk) -> R`` over chunks (lists); results in input order.

    ``died(item, reason)`` is the result of an item on which a worker died, raised or hung
    (``patience(chunk)``: seconds to wait for a chunk, or ``None``: no limit). A worker that
    cannot start raises :class:`ClaimkitError` (after ``max_breaks`` deaths in a row before
    ready, or at once on an exception in ``init``). Use as a context manager, or call
    :meth:`close` (normal end) or :meth:`terminate` (interruption).
    """

    def __init__(
        self,
        n: int,
        init: Callable[..., Any],
        initargs: tuple[Any, ...],
        work: Callable[[Any, list[T]], R],
        died: Callable[[T, str], R],
        *,
        window: int | None = None,
        max_breaks: int = 5,
        patience: Callable[[list[T]], float | None] | None = None,
    ) -> None:
        self.n, self.init, self.initargs, self.work, self.died = n, init, initargs, work, died
        self.window = window or 2 * n
        self.max_breaks = max_breaks
        self.patience = patience
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []

    def __enter__(self) -> Pool[T, R]:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.terminate()

    def _spawn(self) -> _Worker:
        worker = _Worker(self.context, self.init, self.initargs, self.work)
        self.workers.append(worker)
        return worker

    def close(self) -> None:
        """Let idle workers exit and reap them."""
        while self.workers:
            self.workers.pop().stop(kill=False)

    def terminate(self) -> None:
        """Stop every worker at once (work in progress is dropped) and reap them."""
        while self.workers:
            self.workers.pop().stop(kill=True)

    def run(self, chunks: Iterator[list[T]], *, read_ahead: bool = False) -> Iterator[R]:
        """The result of each chunk in order (a chunk re-run item by item gives one result per item).

        ``read_ahead`` reads ``chunks`` in a thread (for input from a pipe: results are
        collected while the next line is awaited); leave it off for an iterator that must
        stay in the caller's thread.
        """
        feeder = _Feeder(chunks, self.window) if read_ahead else None
        todo: deque[tuple[tuple[int, int], list[T]]] = deque()  # retries first, then fresh chunks
        parts: dict[int, list[R]] = {}  # chunk number -> the results of its parts
        fresh = out = breaks = 0  # next chunk number to read, next to yield, deaths before ready in a row
        exhausted = False
        while True:
            while len(self.workers) < self.n:
                self._spawn()
            for worker in self.workers:
                if worker.job is not None:
                    continue
                if not worker.process.is_alive():  # died while idle: nothing of ours was lost
                    self._drop(worker)
                    break
                if not todo and not exhausted and fresh < out + self.window:
                    chunk = feeder.get() if feeder is not None else next(chunks, _END)
                    if chunk is _END:
                        exhausted = True
                    elif chunk is not _PENDING:
                        parts[fresh] = [_PENDING]
                        todo.append(((fresh, 0), chunk))
                        fresh += 1
                if not todo:
                    break
                worker.job, worker.since = todo.popleft(), time.monotonic()
                try:
                    worker.conn.send(worker.job)
                except OSError:  # it died while idle: the job goes back, a new worker takes it
                    todo.appendleft(worker.job)
                    worker.job = None
                    self._drop(worker)
                    break
            while out in parts and not any(r is _PENDING for r in parts[out]):
                yield from parts.pop(out)
                out += 1
            if exhausted and not todo and not parts:
                return
            busy = [w for w in self.workers if w.job is not None]
            waits: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            if feeder is not None and not exhausted and not todo and len(busy) < len(self.workers):
                waits.append(feeder.wake)  # an idle worker waits for input
            if not waits:
                continue
            ready = set(wait(waits, timeout=self._timeout(busy)))
            for worker in busy:
                assert worker.job is not None
                (number, part), chunk = worker.job
                message = self._receive(worker)
                if message is not _PENDING and message[0] != _RAISED:
                    worker.job = None
                    parts[number][part] = message[1]
                    continue
                if message is not _PENDING:  # work() raised on this chunk; the worker carries on
                    worker.job, reason = None, f"it raised {message[1]}"
                elif worker.process.sentinel in ready or not worker.process.is_alive():
                    worker.process.join(timeout=5)  # its exit status (the sentinel may come first)
                    reason = exit_reason(worker.process.exitcode)
                    self._drop(worker)
                    if not worker.ready:  # it never got going: not the chunk's fault
                        breaks += 1
                        if breaks > self.max_breaks:
                            raise ClaimkitError(f"worker processes die before they are ready ({reason})")
                        todo.appendleft(((number, part), chunk))
                        continue
                elif (limit := self._limit(worker)) is not None and time.monotonic() - worker.since > limit:
                    reason = f"no answer within {limit:g} s: stopped"
                    self._drop(worker)
                else:
                    continue  # nothing complete yet
                breaks = 0
                if len(chunk) == 1:
                    parts[number][part] = self.died(chunk[0], reason)
                else:  # run each item alone, so that only the one at fault fails
                    parts[number] = [_PENDING] * len(chunk)
                    todo.extendleft(reversed([((number, i), [item]) for i, item in enumerate(chunk)]))

    def _limit(self, worker: _Worker) -> float | None:
        if self.patience is None or worker.job is None or not worker.ready:
            return None
        return self.patience(worker.job[1])

    def _timeout(self, busy: list[_Worker]) -> float | None:
        """Seconds until the first busy worker runs out of patience (``None``: no deadline)."""
        left = [limit - (time.monotonic() - w.since) for w in busy if (limit := self._limit(w)) is not None]
        return max(0.0, min(left)) if left else None

    def _receive(self, worker: _Worker) -> Any:
        """The worker's ``(key, result)`` or ``(_RAISED, reason)``; ``_PENDING`` if there is none (yet, or ever)."""
        try:
            while worker.conn.poll():
                key, result = worker.conn.recv()
                if key == _READY:
                    worker.ready, worker.since = True, max(worker.since, time.monotonic())
                    continue
                if key == _FAILED:
                    raise ClaimkitError(result)
                return key, result
        except (EOFError, OSError):
            pass
        return _PENDING

    def _drop(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        worker.stop(kill=True)
