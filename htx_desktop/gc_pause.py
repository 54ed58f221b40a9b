"""Pausing Python's cycle collector while a bundle is checked and merged.

A bundle's data.json becomes some ten thousand dicts, lists and strings in a few
milliseconds. Each 700 new containers start a collection, and every tenth of those a deeper
one that walks everything the process holds (SQLAlchemy, Qt's bindings, the test runner):
measured, that was a fifth of a bundle's verification in the GUI's process, for objects that
hold no cycles and are freed the moment they are dropped. While paused, nothing is collected
late but cycles, which the collector finds at its next pass once the bundle is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycles_paused() -> Iterator[None]:
    """The collector off for the block, and back as it was after it (nesting is harmless)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
