"""Verifying the next bundles of a batch on a second core while the current one is written.

A national merge spent about 27 ms verifying each commune bundle and 20 ms writing it, one
after the other in one process, while the machine's second core idled. Here a worker process
opens the bundles ahead (members, manifest, CMS signature) and, once the writing process has
found the signer in its own trust store and derived the scope from its own tables
(`verification.admit`, which needs the database), reads their contents (hashes, the PDF's
signature, data.json, the forms' rules, the workbook). The writing process then holds the
records to what it stores (`verification.finish`) and merges them.

The route and its order are exactly `verify_bundle`'s, built from the same functions: only
where each part runs differs. The worker reads each file once and every check is made on
those bytes; data.json is not parsed before the writing process has trusted the signer.

The worker is a fresh interpreter (``spawn``, as Windows does anyway, never a fork of a process
with Qt's threads). Until it has started, and from the moment it fails in any way, bundles are
verified in the writing process as before, so a batch never depends on it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session

from htx_desktop.exchange.bundle_format import VerifiedBundle
from htx_desktop.exchange.errors import MALFORMED_INPUT, BundleRejected
from htx_desktop.exchange.merge import search_keys
from htx_desktop.exchange.verification import (
    Contents,
    OpenedBundle,
    admit,
    finish,
    open_bundle,
    read_contents,
    verify_bundle,
)
from htx_desktop.gc_pause import cycles_paused
from htx_desktop.storage.scope import UnitScope

#: Fewer bundles than this are verified in the writing process: starting an interpreter costs
#: about as much as verifying a few dozen commune bundles, and the first ones are verified
#: here meanwhile anyway.
MIN_BATCH = 8
#: Larger files are verified in the writing process, so that the worker never holds more
#: than a few bundles' members in memory.
MAX_FILE_BYTES = 16 << 20
#: How long the first bundle waits for the worker to start (None: not at all, it is verified
#: here meanwhile). The tests wait, so that the worker is sure to take part; the frozen
#: build's test sets it through the environment (`START_WAIT_ENV`), having no other way in.
START_WAIT_ENV = "HTX_VERIFY_AHEAD_WAIT"
START_WAIT_SECONDS: float | None = None


def _start_wait() -> float | None:
    if START_WAIT_SECONDS is not None:
        return START_WAIT_SECONDS
    try:
        return float(os.environ[START_WAIT_ENV])
    except (KeyError, ValueError):
        return None
#: How many bundles the worker opens ahead of the one being written, and how many of them
#: the writing process admits ahead (their contents are then read while it writes).
AHEAD = 2
ADMIT_AHEAD = 1
#: The longest the writing process waits for one answer of the worker before giving up on it
#: and verifying here. The worker's longest task, reading a bundle of MAX_FILE_BYTES, takes
#: about a second, and at most AHEAD + ADMIT_AHEAD tasks are queued before it: a worker this
#: late is stuck (stopped, swapped out, starved), and waiting longer would hang the import.
RESULT_WAIT_SECONDS = 60.0

# --- in the worker process ------------------------------------------------------------------

_opened: dict[int, OpenedBundle] = {}


def _started() -> int:
    return os.getpid()


class _BundleError(Exception):
    """An error a check raised on a bundle's bytes in the worker (one of MALFORMED_INPUT),
    carried to the writing process to be that bundle's answer there. Told apart from the
    worker's own failures (a task it could not even start raises outside the checks)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error

    def __reduce__(self) -> tuple[type[_BundleError], tuple[Exception]]:
        return (type(self), (self.error,))


def _open(token: int, path: Path) -> tuple[VerifiedBundle, bytes]:
    try:
        with cycles_paused():
            opened = open_bundle(path)
    except MALFORMED_INPUT as exc:
        raise _BundleError(exc) from None
    _opened[token] = opened
    return opened.verified, opened.signature


def _read(token: int, scope: UnitScope | None) -> Packed:
    opened = _opened.pop(token)
    try:
        with cycles_paused():
            contents = read_contents(opened, scope)
            keys = search_keys(contents.records) if contents.later is None else {}
            return _pack(contents, keys)
    except MALFORMED_INPUT as exc:
        raise _BundleError(exc) from None


#: Contents as they cross between the processes: each table's records as its column names
#: and value lists where the decoder has them (half the pickling of a dict per record, both
#: ways), else as the records themselves; with the records' search keys, computed here so
#: that the writing process, the busier of the two, need not.
Packed = tuple[
    dict[str, tuple[tuple[str, ...], list[list[Any]]] | list[dict[str, Any]]],
    dict[str, str],
    BundleRejected | None,
    dict[str, str],
]


def _pack(contents: Contents, keys: dict[str, str]) -> Packed:
    columns = contents.columns or {}
    tables: dict[str, tuple[tuple[str, ...], list[list[Any]]] | list[dict[str, Any]]] = {}
    for table, rows in contents.records.items():
        by_name = columns.get(table)
        tables[table] = (tuple(by_name), list(by_name.values())) if by_name else rows
    return tables, contents.origins, contents.later, keys


def _unpack(packed: Packed) -> Contents:
    tables, origins, later, _keys = packed
    records = {
        table: value if isinstance(value, list) else [
            dict(zip(value[0], values, strict=True)) for values in zip(*value[1], strict=True)
        ]
        for table, value in tables.items()
    }
    return Contents(records, origins, later)


def _forget(token: int) -> None:
    _opened.pop(token, None)


# --- in the writing process -----------------------------------------------------------------


class _WorkerFailed(Exception):
    """The worker broke or raised something other than a refusal: verify here instead."""


class VerifyAhead:
    """`verify(index, path, session)` gives what `verify_bundle(path, session)` gives, for
    indexes asked in increasing order, with the parts that need no database done ahead in a
    worker process when the batch is large enough and the machine has a second core."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._paths = [Path(p) for p in paths]
        self._pool: ProcessPoolExecutor | None = None
        self._started: Future[int] | None = None
        self._first: int | None = None  # the first index given to the worker
        self._next_open = 0  # the next index to hand the worker to open
        self._opens: dict[int, Future[tuple[VerifiedBundle, bytes]]] = {}
        self._reads: dict[int, Future[Packed]] = {}
        self._admitted: dict[int, VerifiedBundle | Exception] = {}
        #: How many bundles were verified with the worker's help, and whether it was given up
        #: on (what the tests and the benchmarks look at).
        self.verified_ahead = 0
        self.abandoned = False
        if len(self._paths) >= MIN_BATCH and (os.cpu_count() or 1) >= 2 and self._small():
            try:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn")
                )
                self._started = self._pool.submit(_started)
            except (OSError, RuntimeError, ValueError):
                self._pool = None

    def _small(self) -> bool:
        try:
            return all(p.stat().st_size <= MAX_FILE_BYTES for p in self._paths)
        except OSError:
            return False  # a missing file: refused in due course, by the one route

    def __enter__(self) -> VerifyAhead:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Let the worker go without waiting for its interpreter to wind down (a third of a
        second, measured: longer than merging ten bundles); it has nothing left to do."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def verify(self, index: int, path: Path, session: Session | None) -> VerifiedBundle:
        """`verify_bundle(path, session)` for `path`, the batch's bundle number `index`."""
        if Path(path) != self._paths[index]:
            raise ValueError("the bundle asked for is not the batch's bundle at this index")
        if session is None or not self._ready(index):
            return verify_bundle(self._paths[index], session)
        try:
            with cycles_paused():
                admitted = self._admitted.pop(index, None)
                if admitted is None:
                    admitted = self._admit(index, session)
                if isinstance(admitted, Exception):
                    raise admitted
                verified = admitted
                if not verified.trusted:
                    return verified
                for following in range(index + 1, index + 1 + ADMIT_AHEAD):
                    self._look_ahead(following, session)
                packed = self._result(self._reads.pop(index))
                self.verified_ahead += 1
                finish(session, verified, _unpack(packed))
                verified.search_keys = packed[3]
                return verified
        except _WorkerFailed:
            self._abandon()
            return verify_bundle(self._paths[index], session)

    def _ready(self, index: int) -> bool:
        """True once the worker has started (the bundles before were verified here)."""
        if self._pool is None or self._started is None:
            return False
        if self._first is None:
            patience = _start_wait()
            if patience is not None:
                wait([self._started], timeout=patience)
            if not self._started.done():
                return False
            try:
                self._result(self._started)
            except _WorkerFailed:
                self._abandon()
                return False
            self._first = index
        return True

    def _result(self, future: Future[Any]) -> Any:
        try:
            return future.result(timeout=RESULT_WAIT_SECONDS)
        except BundleRejected:
            raise
        except _BundleError as about_the_bundle:  # the same error the writing process meets
            raise about_the_bundle.error from None
        except Exception as exc:  # a broken pool, a crash, a bug: none of them the bundle's
            raise _WorkerFailed from exc

    def _submit(self, fn: Any, *args: Any) -> Future[Any]:
        """Hand the worker a task. A pool whose worker has died refuses new tasks at once
        (BrokenProcessPool, not only through a result): that is the worker failing too."""
        assert self._pool is not None
        try:
            return self._pool.submit(fn, *args)
        except Exception as exc:
            raise _WorkerFailed from exc

    def _submit_opens(self, upto: int) -> None:
        assert self._first is not None
        self._next_open = max(self._next_open, self._first)
        while self._next_open <= min(upto, len(self._paths) - 1):
            index = self._next_open
            self._opens[index] = self._submit(_open, index, self._paths[index])
            self._next_open += 1

    def _admit(self, index: int, session: Session) -> VerifiedBundle:
        """The bundle opened by the worker, its signer admitted here; its contents are then
        read by the worker, only for a trusted signer."""
        self._submit_opens(index + AHEAD)
        verified, signature = self._result(self._opens.pop(index))
        try:
            trusted = admit(session, verified, signature)
        except BaseException:
            self._forget_quietly(index)  # refused here: the worker lets go of its members
            raise
        if trusted:
            self._reads[index] = self._submit(_read, index, verified.scope)
        else:
            self._submit(_forget, index)
        return verified

    def _forget_quietly(self, index: int) -> None:
        """Let the worker drop an opened bundle while a refusal is on its way: a worker
        failing meanwhile is noticed at the next hand-over, not instead of the refusal."""
        try:
            self._submit(_forget, index)
        except _WorkerFailed:
            pass

    def _look_ahead(self, index: int, session: Session) -> None:
        """Admit the next bundle now, so the worker reads it while this one is written. The
        trust store, the units and the anchors are not written by a merge, so admitting it
        before the merge of this one decides as admitting it after would."""
        if index >= len(self._paths) or index in self._admitted:
            return
        try:
            self._admitted[index] = self._admit(index, session)
        except _WorkerFailed:
            raise
        except Exception as exc:  # the next bundle's answer, given when its turn comes
            self._admitted[index] = exc

    def _abandon(self) -> None:
        self.abandoned = True
        self._admitted.clear()
        self._opens.clear()
        self._reads.clear()
        pool, self._pool = self._pool, None
        if pool is not None:
            # A stuck worker would otherwise keep the end of the batch, and the program's
            # exit, waiting for it: it is ended, as a dead one already is.
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                with suppress(OSError, ValueError, AttributeError):
                    process.kill()
            pool.shutdown(wait=False, cancel_futures=True)
