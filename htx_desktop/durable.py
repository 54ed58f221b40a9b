"""Durable writes: the one way the application makes a file (and its rename) survive a power cut.

Windows flushes a file (FlushFileBuffers, behind `os.fsync`) only through a handle opened
for writing: an `fsync` on a file opened read-only fails there with "Bad file descriptor",
which once made every export fail on Windows while passing on Linux. So the file part never
branches on the platform: it always syncs through a handle opened for writing, and only the
folder part, which Windows has no handle for, is POSIX-only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def sync_file(path: Path) -> None:
    """Flush a file already written and closed (by zipfile, sqlite3, …) to the disk."""
    with path.open("r+b") as handle:  # writable: Windows flushes only through such a handle
        handle.flush()
        os.fsync(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename or a new entry in `folder` durable. POSIX only: Windows cannot open a
    folder for flushing and makes renames durable on its own (NTFS journals them)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(part: Path, final: Path) -> None:
    """Sync the finished temporary file, rename it over `final`, sync the folder."""
    sync_file(part)
    os.replace(part, final)
    sync_folder(final.parent)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` whole or not at all: a temporary file in the same folder (owner-only, as
    `mkstemp` makes it), synced, renamed over `path`, the folder synced."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
