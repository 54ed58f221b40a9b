"""Files that hold personal data or keys are readable by their owner only.

The database, its WAL and shared-memory files, backups, exports and the key folder name
people, their birth years and phones, or hold the signing key. On a shared computer (a
commune office's one laptop, several Windows or Linux accounts) the default permissions let
every account read them. Modes are set when each file or folder is made, never left to the
process's umask: 0600 for files, 0700 for folders. On Windows the user's profile folder is
already private to her, and `chmod` there only toggles the read-only flag, so nothing is done.
"""

from __future__ import annotations

import os
from pathlib import Path

POSIX = os.name == "posix"
FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """The folder (and its missing parents) made if needed; the folder itself owner-only."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if POSIX:
        os.chmod(path, DIR_MODE)
    return path


def make_private(path: Path | str) -> None:
    """An existing file made owner-only (a no-op when it is gone)."""
    if POSIX:
        try:
            os.chmod(path, FILE_MODE)
        except FileNotFoundError:
            pass


def create_private(path: Path) -> None:
    """An empty file made owner-only before anything is written to it, unless it exists (then
    only its mode is set). SQLite gives the -wal and -shm files the mode of the database."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        pass
    else:
        os.close(fd)
    make_private(path)
