"""Is the database file sound? (`backup.newest_good_backup` then finds the newest sound copy.)

An officer's laptop loses power, a USB stick is pulled mid-copy, a disk starts to fail: SQLite
survives the first two by design, but a damaged file must be noticed before she keeps typing
into it, and she must be led to the newest good backup rather than left with an error code.

The full `PRAGMA integrity_check` reads every page and checks every index; on a big province
database that takes long, so above `QUICK_CHECK_ABOVE` bytes the lighter `quick_check` (pages
and records, not index contents) is used unless asked otherwise.

Plain `sqlite3` connections are used, not the application's engine: the file may be too broken
for SQLAlchemy and Alembic, and a check must never create, migrate or write the file: the
connection is read-only, so a WAL lying beside the file is read but never merged into it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from htx_desktop.storage.migrate import known_revisions
from htx_desktop.storage.sqlite_file import connect_readonly, schema_problem, schema_revision

QUICK_CHECK_ABOVE = 200 * 1024 * 1024
#: At most this many problems are reported: the first ones say enough.
MAX_PROBLEMS = 20


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
        con = connect_readonly(path)
        try:
            rows = [str(r[0]) for r in con.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
        finally:
            con.close()
    except sqlite3.Error as exc:
        return IntegrityReport(path, ok=False, quick=quick, problems=(str(exc),))
    return IntegrityReport(path, ok=rows == ["ok"], quick=quick, problems=tuple(rows))


def is_usable_backup(path: Path) -> bool:
    """Sound, and a database of this application that this version can open: at a revision
    it knows, with exactly the schema its migrations made for that revision."""
    return (
        check_integrity(path).ok
        and schema_revision(path) in known_revisions()
        and schema_problem(path) is None
    )
