"""Looking at a database file without changing it, and deciding whether it is ours.

A file handed to `restore`, `--db` or `check` says it is an HTX Desktop database by its name and
by the revision it records, and both are claims: anyone with a SQLite editor can add a trigger
that rewrites every imported record, a view that shadows a table, or a column the application
never reads. So a file is accepted only when its schema (every table, column, index, trigger
and view in `sqlite_master`) is exactly the one the application's own migrations made for the
revision it records (`schema_shapes.SHAPES`, generated from the migrations and held to them by
a unit test). The comparison runs before anything is migrated, backed up or written.

Every connection here is read-only (``mode=ro``): closing a read-write connection to a file in
WAL mode checkpoints the WAL into it, so merely looking would merge a WAL that someone placed
beside the file. This module sits at the bottom of `storage`'s files: `integrity`, `backup`
and `database` all build on it and it imports none of them.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from htx_desktop.storage.migrate import SCHEMA_HEAD

BUSY_TIMEOUT_S = 10.0
#: SQLite's own bookkeeping tables, made by AUTOINCREMENT and ANALYZE rather than by anyone's
#: schema; they hold numbers SQLite reads for itself and are left out of the comparison.
_SQLITE_BOOKKEEPING = frozenset(
    {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"}
)
_KIND_VI = {"table": "bảng", "index": "chỉ mục", "trigger": "trigger", "view": "view"}


class ForeignDatabase(Exception):
    """A file whose schema is not one the application made; `str()` is the Vietnamese
    message, which says that nothing was changed and what to do."""


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


def connect_readonly(path: Path, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A connection that can never write the file nor checkpoint a WAL into it."""
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise sqlite3.OperationalError(f"unable to open database file {resolved.name}")
    return sqlite3.connect(f"{resolved.as_uri()}?mode=ro", uri=True, timeout=timeout)


def schema_revision(db_path: Path | str) -> str | None:
    """The Alembic revision recorded in the file, or None (no such table, empty, unreadable)."""
    try:
        con = connect_readonly(Path(db_path))
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
        con = connect_readonly(Path(db_path))
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


def needs_upgrade(path: Path) -> bool:
    """A file holding data at an older schema: the one case where opening rewrites tables,
    so the one case that needs a backup first (a new or empty file has nothing to lose)."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    return bool(user_tables(path)) and schema_revision(path) != SCHEMA_HEAD


#: A plain name in quotes, backticks or brackets, standing alone: its quotes change nothing.
#: Quotes around anything else do ('id "VARCHAR(36) NOT NULL"' is a column whose type is that
#: whole text, with no NOT NULL; '"TE""XT"' is the type TE"XT), so they stay and differ.
_QUOTED_NAME = re.compile(
    r'(?<![\w"`\]])(?:"([A-Za-z_]\w*)"|`([A-Za-z_]\w*)`|\[([A-Za-z_]\w*)\])(?![\w"`\[])',
    re.ASCII,
)


def normalised_sql(sql: str | None) -> str:
    """The CREATE statement without what does not change its meaning (quoting, spacing,
    case), so that a newer SQLAlchemy printing the same DDL differently still matches."""
    if sql is None:
        return ""
    text = _QUOTED_NAME.sub(lambda m: m.group(1) or m.group(2) or m.group(3), sql)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s*([(),])\s*", r"\1", text).lower()


def shape_of_rows(rows: Iterable[tuple[str, str, str, str | None]]) -> dict[str, str]:
    """``"type name"`` → a short digest of its table and normalised SQL, for each schema
    object in `sqlite_master` rows (type, name, tbl_name, sql)."""
    shape: dict[str, str] = {}
    for kind, name, table, sql in rows:
        if name in _SQLITE_BOOKKEEPING and kind == "table":
            continue
        digest = hashlib.sha256(f"{table}\n{normalised_sql(sql)}".encode()).hexdigest()
        key = f"{kind} {name}"
        # A duplicated name can only come from an edited sqlite_master: never equal to ours.
        shape[key] = digest[:16] if key not in shape else "duplicate"
    return shape


def read_shape(con: sqlite3.Connection) -> dict[str, str]:
    rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return shape_of_rows(rows)


def _describe(key: str) -> str:
    kind, _, name = key.partition(" ")
    return f"{_KIND_VI.get(kind, kind)} “{name}”"


def schema_problem(db_path: Path | str) -> str | None:
    """Why the file is not a database the application's migrations made (Vietnamese), or
    None when it is one, or holds nothing yet. A file SQLite cannot read is left to the
    integrity check and the normal opening, which explain damage in their own words."""
    from htx_desktop.storage.schema_shapes import SHAPES

    path = Path(db_path)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        con = connect_readonly(path)
        try:
            shape = read_shape(con)
            revision = None
            versions: list[tuple[object, ...]] = []
            if "table alembic_version" in shape:
                versions = con.execute("SELECT version_num FROM alembic_version").fetchall()
                revision = str(versions[0][0]) if versions else None
        finally:
            con.close()
    except sqlite3.Error:
        return None
    if revision is None:
        alembic_own = {"table alembic_version", "index sqlite_autoindex_alembic_version_1"}
        strangers = sorted(k for k in shape if k not in alembic_own)
        if not strangers:
            return None  # a new file: the migrations will build everything
        return (
            f"Tệp “{path.name}” không phải cơ sở dữ liệu của HTX Desktop (có "
            f"{_describe(strangers[0])} nhưng không ghi phiên bản cấu trúc)."
        )
    if len(versions) > 1:  # the migrations keep exactly one
        return (
            f"Tệp “{path.name}” ghi {len(versions)} phiên bản cấu trúc cùng lúc; HTX Desktop chỉ "
            "ghi một. Có thể tệp đã bị sửa bằng công cụ khác. Chưa thay đổi gì trong tệp."
        )
    expected = SHAPES.get(revision)
    if expected is None:
        return (
            f"Tệp “{path.name}” ghi phiên bản cấu trúc “{revision}” mà phiên bản HTX Desktop "
            "này không biết: có thể tệp do phiên bản mới hơn tạo ra. Hãy cài phiên bản HTX "
            "Desktop mới nhất rồi mở lại."
        )
    extra = sorted(k for k in shape if k not in expected)
    missing = sorted(k for k in expected if k not in shape)
    changed = sorted(k for k in shape if k in expected and shape[k] != expected[k])
    if extra:
        what = f"có thêm {_describe(extra[0])} mà HTX Desktop không tạo"
    elif missing:
        what = f"thiếu {_describe(missing[0])}"
    elif changed:
        what = f"{_describe(changed[0])} đã bị sửa khác với HTX Desktop tạo"
    else:
        return None
    return (
        f"Cấu trúc của tệp “{path.name}” không đúng như HTX Desktop tạo ra ({what}); có thể "
        "tệp đã bị sửa bằng công cụ khác. Chưa thay đổi gì trong tệp. Hãy dùng một bản sao lưu "
        "tốt, hoặc chép tệp này ra và liên hệ người hỗ trợ kỹ thuật."
    )


def require_own_schema(db_path: Path | str) -> None:
    """`ForeignDatabase` unless `schema_problem` finds nothing wrong."""
    problem = schema_problem(db_path)
    if problem is not None:
        raise ForeignDatabase(problem)
