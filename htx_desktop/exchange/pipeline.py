"""Verifying the next bundles of a batch on a second core while the current one is written.

A national merge spent about 27 ms verifying each commune bundle and 20 ms writing it, one
after the other in one process, while the machine's second core idled. Here a worker process
verifies the bundles ahead, each along the whole route of `verify_bundle` but its last check:
the members, the manifest and its signature; the signer in the receiver's trust store and the
scope from the receiver's tables (`verification.admit`), read from the receiver's database
file through a connection that cannot write (`storage.engine.make_reader`); then, only for a
trusted signer, the contents (hashes, the PDF's signature, data.json, the forms' rules, the
workbook). The writing process then holds the records to what it stores
(`verification.finish`) and merges them.

The route and its order are exactly `verify_bundle`'s, built from the same functions: only
where each part runs differs. The worker reads each file once and every check is made on
those bytes; data.json is not parsed before the signer is found trusted.

The worker answers from the database as last committed; the writing process merges onto the
same state as long as no other connection has committed since the batch began (a merge never
writes the trust store, the units or the anchors, and the writing process's own commits are
the records'). SQLite's `data_version` tells when one has: from then on the batch is verified
in the writing process, as it would be without the worker.

The worker is a fresh interpreter (``spawn``, as Windows does anyway, never a fork of a process
with Qt's threads). Until it has started, and from the moment it fails in any way, bundles are
verified in the writing process as before, so a batch never depends on it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from htx_desktop.exchange.bundle_format import VerifiedBundle
from htx_desktop.exchange.decoded import DecodedRecords
from htx_desktop.exchange.errors import MALFORMED_INPUT, BundleRejected
from htx_desktop.exchange.merge import search_keys
from htx_desktop.exchange.verification import (
    Contents,
    finish,
    verify_bundle,
    verify_until_finish,
)
from htx_desktop.gc_pause import cycles_paused
from htx_desktop.storage.engine import make_reader

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
#: How many bundles after the one being written the worker verifies ahead: enough that
#: neither process waits for the other when one bundle takes longer, few enough that the
#: decoded records waiting to be written stay a few bundles' worth.
AHEAD = 3
#: How many bundles after those the writing process may verify itself while it waits.
STEAL_AHEAD = 2
#: The most the files verified ahead and waiting for their turn may weigh together (their
#: decoded records wait in the writing process's memory): dozens of commune bundles, or one
#: large district bundle at a time.
AHEAD_BYTES = 8 << 20
#: The longest the writing process waits for one answer of the worker before giving up on it
#: and verifying here. The worker's longest task, verifying a bundle of MAX_FILE_BYTES, takes
#: a few seconds, and at most AHEAD tasks are queued before it: a worker this late is stuck
#: (stopped, swapped out, starved), and waiting longer would hang the import.
RESULT_WAIT_SECONDS = 60.0

# --- in the worker process ------------------------------------------------------------------

_reader: sessionmaker[Session] | None = None


def _connect(db_path: str) -> None:
    """The worker's start: sessions on the receiver's database that can only read."""
    global _reader
    _reader = make_reader(db_path)


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


def _verify(path: Path) -> tuple[VerifiedBundle, Packed | None]:
    """`verify_bundle` but its last check (`finish`): the bundle opened, its signer admitted
    from the receiver's tables and, for a trusted signer, its contents read and packed; None
    in their place for a signer unknown here. A refusal is raised as BundleRejected."""
    assert _reader is not None, "the worker was started without the receiver's database"
    try:
        with cycles_paused(), _reader() as session:
            verified, contents = verify_until_finish(path, session)
            if contents is None:
                return verified, None
            keys = search_keys(contents.records) if contents.later is None else {}
            return verified, _pack(contents, keys)
    except MALFORMED_INPUT as exc:
        raise _BundleError(exc) from None


#: Contents as they cross between the processes: each table's records as its column names
#: and value lists (half the pickling of a dict per record, both ways); with the records'
#: search keys, computed here so that the writing process, the busier of the two, need not.
Packed = tuple[
    dict[str, tuple[tuple[str, ...], list[list[Any]]]],
    dict[str, str],
    BundleRejected | None,
    dict[str, str],
]


def _pack(contents: Contents, keys: dict[str, str]) -> Packed:
    records = contents.records
    assert isinstance(records, DecodedRecords), "read_contents gives decoded records"
    tables = {
        table: (tuple(by_name), list(by_name.values()))
        for table, by_name in records.columns.items()
    }
    return tables, contents.origins, contents.later, keys


def _unpack(packed: Packed) -> Contents:
    """The contents again, by column: the writing process makes each table's records when
    it merges them."""
    tables, origins, later, _keys = packed
    columns = {
        table: dict(zip(names, values, strict=True)) for table, (names, values) in tables.items()
    }
    return Contents(DecodedRecords(columns), origins, later)


# --- in the writing process -----------------------------------------------------------------


class _WorkerFailed(Exception):
    """The worker broke, raised something other than a refusal, or may have read another
    state of the database than the one written to: verify here instead."""


class VerifyAhead:
    """`verify(index, path, session)` gives what `verify_bundle(path, session)` gives, for
    indexes asked in increasing order, with all but the last check done ahead in a worker
    process when the batch is large enough and the machine has a second core. `db_path`: the
    receiver's database file, which the worker reads (without it, nothing is done ahead).

    Every session given to `verify` must be bound to one and the same connection, the one
    that writes the batch (`service.import_files`): what it has seen of other connections'
    commits is how answers given ahead are known to be still right."""

    def __init__(self, paths: Sequence[Path], db_path: Path | None = None) -> None:
        self._paths = [Path(p) for p in paths]
        self._sizes: list[int] = []
        self._pool: ProcessPoolExecutor | None = None
        self._manager: threading.Thread | None = None  # the pool's thread, once shut down
        self._started: Future[int] | None = None
        self._first: int | None = None  # the first index given to the worker
        self._next = 0  # the next index to hand the worker
        self._pending: dict[int, Future[tuple[VerifiedBundle, Packed | None]]] = {}
        self._here: dict[int, _Ahead | None] = {}  # verified here while waiting for the worker
        #: The writing connection, and its `data_version` when the worker was first used:
        #: another connection's commit changes it (this connection's own do not).
        self._connection: Any = None
        self._version: int | None = None
        #: How many bundles the worker answered, how many the writing process verified ahead
        #: of their turn while waiting for it, and whether it was given up on (what the tests
        #: and the benchmarks look at).
        self.verified_ahead = 0
        self.verified_here = 0
        self.abandoned = False
        if (
            db_path is not None
            and len(self._paths) >= MIN_BATCH
            and (os.cpu_count() or 1) >= 2
            and self._small()
        ):
            try:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_connect,
                    initargs=(str(Path(db_path).resolve()),),
                )
                self._started = self._pool.submit(_started)
            except (OSError, RuntimeError, ValueError):
                self._pool = None

    def _small(self) -> bool:
        try:
            self._sizes = [p.stat().st_size for p in self._paths]
        except OSError:
            return False  # a missing file: refused in due course, by the one route
        return max(self._sizes, default=0) <= MAX_FILE_BYTES

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
        second, measured: longer than merging ten bundles): it has nothing left to do, so it
        is ended. The pool's own thread is then waited for (milliseconds): left running, it
        raced Python's exit, which printed an error about a closed pipe after the batch."""
        if self._pool is not None:
            self._end_pool()
        if self._manager is not None:
            self._manager.join(timeout=10)
            self._manager = None

    def verify(self, index: int, path: Path, session: Session | None) -> VerifiedBundle:
        """`verify_bundle(path, session)` for `path`, the batch's bundle number `index`."""
        if Path(path) != self._paths[index]:
            raise ValueError("the bundle asked for is not the batch's bundle at this index")
        if session is None or not self._ready(index, session):
            return verify_bundle(self._paths[index], session)
        try:
            with cycles_paused():
                self._submit_ahead(index)
                answer = self._answer(index, session)
                # An answer given ahead, a refusal too, stands only for the state written to.
                self._check_version(session)
                if answer is None:  # verifying it ahead met trouble of its own: now, in turn
                    return verify_bundle(self._paths[index], session)
                if isinstance(answer, Exception):
                    raise answer
                verified, contents = answer
                if contents is None:
                    return verified  # a signer unknown here: nothing else was read
                return finish(session, verified, contents)
        except _WorkerFailed:
            self._abandon()
            return verify_bundle(self._paths[index], session)

    def _answer(self, index: int, session: Session) -> _Ahead | None:
        """Bundle `index` verified ahead but for `finish`: here while waiting for the worker,
        or by the worker (the work done meanwhile here is for later bundles)."""
        if index in self._here:
            return self._here.pop(index)
        future = self._pending.pop(index, None)
        if future is None:
            raise _WorkerFailed(f"bundle {index} was handed to no one")
        self._work_while_waiting(future, index, session)
        try:
            verified, packed = self._result(future)
        except _WorkerFailed:
            raise
        except Exception as refusal:  # the bundle's own answer (`_result`)
            self.verified_ahead += 1
            return refusal
        self.verified_ahead += 1
        if packed is None:
            return verified, None
        try:
            contents = _unpack(packed)
        except Exception as exc:  # never the bundle's fault: it was decoded in the worker
            raise _WorkerFailed("the worker's answer could not be unpacked") from exc
        verified.search_keys = packed[3]
        return verified, contents

    def _work_while_waiting(self, future: Future[Any], index: int, session: Session) -> None:
        """While the worker is still on bundle `index`, verify here the next bundle not yet
        handed to it (all but `finish`, which waits for its turn), rather than wait: which
        process is the busier differs between machines, bundles and moments."""
        while (
            not future.done()
            and self._next < len(self._paths)
            and self._next <= index + AHEAD + STEAL_AHEAD
            and self._room_for(self._next)
        ):
            taken = self._next
            self._next += 1
            self._here[taken] = _verify_here(self._paths[taken], session)
            self.verified_here += 1

    def _room_for(self, index: int) -> bool:
        """May bundle `index` be verified ahead? Its decoded records would wait in memory for
        their turn: the files verified ahead and not yet written stay under AHEAD_BYTES
        together (one at least, whatever its size)."""
        waiting = sum(self._sizes[i] for i in (*self._pending, *self._here))
        return not waiting or waiting + self._sizes[index] <= AHEAD_BYTES

    def _ready(self, index: int, session: Session) -> bool:
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
            self._connection = _dbapi_connection(session)
            self._version = _data_version(session)
            self._first = self._next = index
        return True

    def _check_version(self, session: Session) -> None:
        if _dbapi_connection(session) is not self._connection:
            raise _WorkerFailed("the batch is written through another connection")
        if _data_version(session) != self._version:
            raise _WorkerFailed("another connection wrote to the database during the batch")

    def _result(self, future: Future[Any]) -> Any:
        try:
            return future.result(timeout=RESULT_WAIT_SECONDS)
        except BundleRejected:
            raise
        except _BundleError as about_the_bundle:  # the same error the writing process meets
            raise about_the_bundle.error from None
        except Exception as exc:  # a broken pool, a crash, a bug: none of them the bundle's
            raise _WorkerFailed from exc

    def _submit_ahead(self, index: int) -> None:
        """Hand the worker the bundles up to AHEAD after `index`, within AHEAD_BYTES. A pool
        whose worker has died refuses new tasks at once (BrokenProcessPool, not only through
        a result): that is the worker failing too."""
        assert self._pool is not None
        while (
            self._next <= min(index + AHEAD, len(self._paths) - 1)
            and self._room_for(self._next)
        ):
            try:
                self._pending[self._next] = self._pool.submit(_verify, self._paths[self._next])
            except Exception as exc:
                raise _WorkerFailed from exc
            self._next += 1

    def _abandon(self) -> None:
        self.abandoned = True
        self._pending.clear()
        self._here.clear()
        if self._pool is not None:
            # A stuck worker would otherwise keep the end of the batch, and the program's
            # exit, waiting for it: it is ended, as a dead one already is.
            self._end_pool()

    def _end_pool(self) -> None:
        """End the worker at once, whatever it was doing, and shut the pool down, keeping its
        thread for `close` to wait for (the pool forgets its processes and its thread when
        shut down, so both are looked up before)."""
        pool, self._pool = self._pool, None
        assert pool is not None
        processes = list((getattr(pool, "_processes", None) or {}).values())
        manager = getattr(pool, "_executor_manager_thread", None)
        for process in processes:
            with suppress(OSError, ValueError, AttributeError):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        if isinstance(manager, threading.Thread):
            self._manager = manager


#: A bundle verified ahead of its turn: what `verify_bundle` gives before `finish` (contents
#: None for a signer unknown here), or the refusal it raises.
_Ahead = tuple[VerifiedBundle, Contents | None] | Exception


def _verify_here(path: Path, session: Session) -> _Ahead | None:
    """`verify_bundle` but its last check, in the writing process; its refusal (or an error
    on the bundle's bytes) kept as the bundle's answer for its turn. Anything else (the file
    unreadable for a moment, the database busy) gives None: the bundle is then verified in
    its turn, so that such trouble stops or spares the batch exactly where it would have."""
    try:
        return verify_until_finish(path, session)
    except (BundleRejected, *MALFORMED_INPUT) as exc:
        return exc
    except Exception:
        return None


def _dbapi_connection(session: Session) -> Any:
    return session.connection().connection.dbapi_connection


def _data_version(session: Session) -> int:
    return int(session.connection().exec_driver_sql("PRAGMA data_version").scalar_one())
