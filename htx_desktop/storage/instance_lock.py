"""One running application per database file.

Two windows on one database would each believe their view is current; a restore run while the
GUI has the file open would pull the data from under it. So whoever works on a database holds
an operating-system lock on ``<db>.lock``: the OS drops it when the process ends, however it
ends (a crash or a power cut leaves no stale lock to clean up by hand). The owner's process id
is written into the file only to name the owner in messages; the lock itself decides.

A second start of the GUI should bring the first window to the front instead of failing: the
GUI does that over a QLocalServer/QLocalSocket named by `server_name`. This module stays
Qt-free; it only provides the stable name.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
from pathlib import Path
from types import TracebackType

LOCK_SUFFIX = ".lock"
#: Windows locks are mandatory byte ranges: lock a byte past the pid so the pid stays readable.
_WINDOWS_LOCK_OFFSET = 1 << 20


def lock_path(db_path: Path | str) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + LOCK_SUFFIX)


def _canonical(db_path: Path | str) -> str:
    return os.path.normcase(str(Path(db_path).expanduser().resolve()))


def server_name(db_path: Path | str) -> str:
    """A local socket / named pipe name for this database and this user: the same from every
    process however the path was typed (relative, with ``..``, different case on Windows),
    short, and free of characters a pipe name cannot hold."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment: the path alone still works
        user = ""
    digest = hashlib.sha256(f"{user}\0{_canonical(db_path)}".encode()).hexdigest()
    return f"htx-desktop-{digest[:20]}"


class InstanceLock:
    """`acquire()` is True for the one process allowed to work on the database; `release()`
    (or leaving the `with` block, or the process ending) frees it for the next."""

    def __init__(self, db_path: Path | str) -> None:
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process (or another
        InstanceLock of this process) holds it."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if not _try_lock(fd):
                os.close(fd)
                return False
            os.lseek(fd, 0, os.SEEK_SET)
            if sys.platform != "win32":
                os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".ljust(16).encode("ascii"))
            os.fsync(fd)
        except OSError:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        """Free the lock. The file stays: deleting it would let a third process lock a new
        file while a second still waits on the old one."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def owner_pid(self) -> int | None:
        """The pid written by the current (or last) holder, for a message; None if unknown."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace")
        except OSError:
            return None
        first = text.strip().split()
        return int(first[0]) if first and first[0].isdigit() else None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import errno
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
