"""The one way the interface runs slow work off the GUI thread.

`run(fn, on_done, on_error)`: `fn` runs on a worker thread and must not touch widgets; the
callbacks run on the GUI thread. Database writes go through a pool of one thread, so they
never race each other; reads may run side by side.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry results back there (queued connection)."""

    done = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # every failure must reach the GUI
            self.relay.failed.emit(exc, traceback.format_exc())
        else:
            self.relay.done.emit(result)


class TaskRunner(QObject):
    """Owned by the main window; `pending` counts jobs not yet reported back."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    @property
    def pending(self) -> int:
        return len(self._relays)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        write: bool = False,
    ) -> None:
        relay = _Relay(self)
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if not self._relays:
                self.busy_changed.emit(False)

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException, tb: str) -> None:
            finish()
            if on_error is not None:
                on_error(exc, tb)
            else:
                log.error("Background task failed:\n%s", tb)
                raise exc

        relay.done.connect(done)
        relay.failed.connect(failed)
        (self._writes if write else self._reads).start(_Job(fn, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until workers finish (used on close, so no write is cut off)."""
        return self._writes.waitForDone(msecs) and self._reads.waitForDone(msecs)
