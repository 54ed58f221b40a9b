"""Engine and sessions for one SQLite database file.

Pragmas are set per connection (foreign_keys is per connection in SQLite). Revision and
update time are raised, and the audit trail written, in one flush hook so that every ORM path
does it the same way; bulk import paths set them explicitly.

SQL parameters are hidden from SQLAlchemy's error messages (`hide_parameters`): an error text
ends up in the crash log and the officer may send that file to anyone, so it must never carry
a name or a phone number.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from htx_desktop.storage.audit import audit_flush
from htx_desktop.storage.base import SyncedRecord, utcnow
from htx_desktop.storage.private_files import create_private, make_private
from htx_desktop.text import fold

BUSY_TIMEOUT_MS = 10_000

#: Which fields feed each model's accent-free search key.
SEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    "cooperative": ("name", "registration_code", "address", "ocop_products"),
    "cooperative_group": ("name", "leader_name", "address"),
    "manager": ("full_name", "phone"),
    "union_cadre": ("full_name", "work_unit", "position"),
    "training_session": ("title", "place", "organiser"),
}


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _private_database(path: Path) -> None:
    """A new database file is made owner-only before SQLite writes to it (its -wal and -shm
    files take its mode); an existing one, and its -wal and -shm, are made so if they were
    not (files of earlier versions followed the umask). Best effort on an existing file of
    another account: reading it must stay possible."""
    if not path.exists():
        create_private(path)
        return
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            make_private(file)
        except OSError:
            pass


def make_engine(db_path: Path | str) -> Engine:
    path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _private_database(path)
    engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def make_reader(db_path: Path | str) -> sessionmaker[Session]:
    """Sessions that only read an existing database file, for a process that checks bundles
    against the receiver's tables while another process writes to them
    (`exchange.pipeline`): the file is opened by a URI that never creates it (a missing one
    is an error), every connection is `query_only`, and no flush hook is attached, since
    nothing is flushed. The URI spells the absolute path percent-encoded (spaces, Vietnamese
    letters, a Windows drive), so the helper's working folder does not matter."""
    uri = f"{Path(db_path).resolve().as_uri()}?mode=rw"

    def connect() -> sqlite3.Connection:
        connection = sqlite3.connect(uri, uri=True)
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA query_only=ON")
        return connection

    engine = create_engine("sqlite://", creator=connect, future=True, hide_parameters=True)
    return sessionmaker(engine, expire_on_commit=False)


def search_key_of(table: str, values: Mapping[str, Any]) -> str | None:
    """The accent-free search key of a record given as a mapping (bulk paths bypass the
    flush hook and compute it from their rows)."""
    fields = SEARCH_FIELDS.get(table)
    if fields is None:
        return None
    return fold(" ".join(str(values.get(f) or "") for f in fields))


def search_key_for(obj: Any) -> str | None:
    """The same key for an ORM object."""
    fields = SEARCH_FIELDS.get(getattr(obj, "__tablename__", ""))
    if fields is None:
        return None
    return search_key_of(obj.__tablename__, {f: getattr(obj, f) for f in fields})


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    audit_flush(session)
    now = utcnow()
    for obj in session.new:
        key = search_key_for(obj)
        if key is not None:
            obj.search_key = key
    for obj in session.dirty:
        if not isinstance(obj, SyncedRecord) or not session.is_modified(obj):
            continue
        key = search_key_for(obj)
        if key is not None:
            obj.search_key = key
        if not getattr(obj, "_htx_keep_revision", False):
            obj.revision = (obj.revision or 0) + 1
            obj.updated_at = now


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", _before_flush)
    return factory


class Database:
    """One open database file: its engine and session factory (no global state)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.engine = make_engine(self.path)
        self.sessions = make_sessionmaker(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()
