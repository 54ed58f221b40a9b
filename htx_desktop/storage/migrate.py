"""Alembic, driven from code so the app and the tests upgrade a database the same way.

Alembic is imported only when a file is not at the current schema: opening an up-to-date
database (every start of the application) reads one row instead, which kept a tenth of a
second of imports and script scanning out of the start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest migration's revision, and all of them; unit tests hold both to Alembic's view
#: of the scripts (checking a received bundle's schema then needs no Alembic import).
SCHEMA_HEAD = "0008"
SCHEMA_REVISIONS = frozenset(
    {"0001", "0002", "0003", "0004", "0005", "0006", "0007", SCHEMA_HEAD}
)


def alembic_config(engine: Engine) -> Config:
    """The engine goes to env.py as an object, never as a URL in a config option: Alembic's
    options go through ConfigParser interpolation, and SQLAlchemy percent-encodes a path
    (`C%3A%5C…`, `T%C3%A0i%20li%E1%BB%87u`), which then fails as "invalid interpolation
    syntax" for any folder with a space, a Vietnamese letter or a `%` (every Windows path)."""
    from alembic.config import Config

    cfg = Config()
    # Options go through configparser, where "%" starts an interpolation: the migrations'
    # folder is escaped ("%%") in case the program sits under such a path; the database is
    # handed over as the engine (never its percent-encoded URL).
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade_to_head(engine: Engine) -> None:
    """Bring an empty or older database to the current schema."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def recorded_revision(engine: Engine) -> str | None:
    """The revision the file records, read without Alembic (None: none recorded)."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:  # no such table yet: a new file
        return None


def ensure_current(engine: Engine) -> None:
    """Upgrade unless the file is already at `SCHEMA_HEAD` (a newer or unknown revision goes
    to Alembic, which refuses it with the message the application explains)."""
    if recorded_revision(engine) != SCHEMA_HEAD:
        upgrade_to_head(engine)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def known_revisions() -> frozenset[str]:
    """Every schema revision this version of the application can read."""
    return SCHEMA_REVISIONS


def walk_revisions() -> set[str]:
    """The revisions of the migration scripts, as Alembic finds them (for the test that holds
    `SCHEMA_REVISIONS` to them)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}
