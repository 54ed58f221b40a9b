"""Opening a database file the one way the GUI, the CLI and the tests all use."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from htx_desktop.storage.engine import Database
from htx_desktop.storage.migrate import upgrade_to_head
from htx_desktop.storage.models import OfficerProfile
from htx_desktop.storage.units import ensure_official_units


def open_database(path: Path | str) -> Database:
    """Open (creating if needed), migrate to head and make sure the official units are there."""
    db = Database(path)
    upgrade_to_head(db.engine)
    with db.session() as session:
        ensure_official_units(session)
    return db


def load_profile(db: Database) -> OfficerProfile | None:
    with db.session() as session:
        return session.scalars(select(OfficerProfile).limit(1)).first()
