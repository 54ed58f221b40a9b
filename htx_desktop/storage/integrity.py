"""Is the database file sound? And if not, which backup is the newest sound one?

An officer's laptop loses power, a USB stick is pulled mid-copy, a disk starts to fail: SQLite
survives the first two by design, but a damaged file must be noticed before she keeps typing
into it, and she must be led to the newest good backup rather than left with an error code.

The full `PRAGMA integrity_check` reads every page and checks every index; on a big province
database that takes long, so above `QUICK_CHECK_ABOVE` bytes the lighter `quick_check` (pages
and records, not index contents) is used unless asked otherwise.

Plain `sqlite3` connections are used, not the application's engine: the file may be too broken
for SQLAlchemy and Alembic, and a check must never create, migrate or write the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from htx_desktop.storage.backup import BackupInfo

QUICK_CHECK_ABOVE = 200 * 1024 * 1024
#: At most this many problems are reported: the first ones say enough.
MAX_PROBLEMS = 20
BUSY_TIMEOUT_S = 10.0


def connect_existing(path: Path, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A connection to an existing file, never creating one (``mode=rw``); read-only when the
    file or its folder cannot be written (a backup on a write-protected stick). A path SQLite
    cannot take as a URI (a Windows network share) is opened by name if the file is there."""
    resolved = Path(path).resolve()
    uri = resolved.as_uri()
    for mode in ("rw", "ro"):
        try:
            return sqlite3.connect(f"{uri}?mode={mode}", uri=True, timeout=timeout)
        except sqlite3.OperationalError:
            continue
    if not resolved.is_file():
        raise sqlite3.OperationalError(f"unable to open database file {resolved.name}")
    return sqlite3.connect(resolved, timeout=timeout)


@dataclass(frozen=True)
class IntegrityReport:
    """The outcome of one check; `problems` holds SQLite's own words (for support people)."""

    path: Path
    ok: bool
    quick: bool
    problems: tuple[str, ...] = ()

    def summary_vi(self) -> str:
        kind = "kiểm tra nhanh" if self.quick else "kiểm tra đầy đủ"
        if self.ok:
            return f"Cơ sở dữ liệu “{self.path.name}” không có lỗi ({kind})."
        detail = "; ".join(self.problems[:3])
        return f"Cơ sở dữ liệu “{self.path.name}” bị hỏng ({kind}: {detail})."


def check_integrity(db_path: Path | str, quick: bool | None = None) -> IntegrityReport:
    """Check one database file; ``quick=None`` picks quick_check for files over 200 MB."""
    path = Path(db_path)
    if not path.is_file():
        return IntegrityReport(path, ok=False, quick=bool(quick), problems=("không có tệp",))
    if quick is None:
        quick = path.stat().st_size > QUICK_CHECK_ABOVE
    pragma = "quick_check" if quick else "integrity_check"
    try:
        con = connect_existing(path)
        try:
            rows = [str(r[0]) for r in con.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
        finally:
            con.close()
    except sqlite3.Error as exc:
        return IntegrityReport(path, ok=False, quick=quick, problems=(str(exc),))
    return IntegrityReport(path, ok=rows == ["ok"], quick=quick, problems=tuple(rows))


def schema_revision(db_path: Path | str) -> str | None:
    """The Alembic revision recorded in the file, or None (no such table, empty, unreadable)."""
    try:
        con = connect_existing(Path(db_path))
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def user_tables(db_path: Path | str) -> list[str]:
    """Tables other than SQLite's and Alembic's own: an empty list means "nothing stored"."""
    try:
        con = connect_existing(Path(db_path))
        try:
            names = [
                str(r[0])
                for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
        finally:
            con.close()
    except sqlite3.Error:
        return []
    return [n for n in names if not n.startswith("sqlite_") and n != "alembic_version"]


def is_usable_backup(path: Path) -> bool:
    """Sound, and a database of this application that this version can open."""
    from htx_desktop.storage.migrate import known_revisions

    return check_integrity(path).ok and schema_revision(path) in known_revisions()


def newest_good_backup(db_path: Path | str) -> BackupInfo | None:
    """The newest backup of this database that passes the check, for guided recovery."""
    from htx_desktop.storage.backup import list_backups

    for info in list_backups(db_path):
        if is_usable_backup(info.path):
            return info
    return None
