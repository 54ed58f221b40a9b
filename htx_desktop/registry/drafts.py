"""Drafts of records being typed, kept on disk so that nothing an officer typed is ever lost.

The entry form writes the current raw values here a moment after each change; the draft is
deleted when the record is saved or the officer discards her changes on purpose. If the
computer loses power or the application crashes, the main window finds the drafts left over
with `pending()` at the next start and offers them back.

One JSON file per draft, in a `drafts/` folder beside the database file, named
``{db_stem}-{form_key}-{record_id or 'new'}.json``. Each file is written to a temporary file,
flushed to disk and renamed over the old one, so a crash mid-write leaves either the old draft
or the new one, never half of either. Qt-free: the command line and tests use it too.
"""

from __future__ import annotations

import glob
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from htx_desktop.durable import write_atomically

log = logging.getLogger(__name__)

#: Bumped if the file layout changes; files of another version are skipped, not misread.
DRAFT_FORMAT = 1
NEW = "new"
_SAFE = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class Draft:
    """One unsaved record: which form, which record (None for a new one), its links (such as
    the HTX a manager belongs to) and the raw values as typed."""

    form_key: str
    record_id: str | None
    links: dict[str, Any]
    values: dict[str, Any]
    saved_at: datetime
    path: Path | None = field(default=None, compare=False)


def _jsonable(value: Any) -> Any:
    """Values as JSON can hold them: dates as ISO strings, decimals as strings (never floats,
    which would turn 0,1 into 0.1000000000000000055)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"A draft value of type {type(value).__name__} cannot be kept as JSON")


def _check_part(what: str, value: str) -> str:
    """Form keys and record ids become part of a file name: refuse anything that could leave
    the drafts folder or clash with the separators."""
    if not value or not _SAFE.match(value) or value in (".", ".."):
        raise ValueError(f"{what} “{value}” cannot be used in a draft file name")
    return value


class DraftStore:
    """The drafts of one database file."""

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = Path(db_path)
        self.folder = self.db_path.parent / "drafts"

    def path_for(self, form_key: str, record_id: str | None) -> Path:
        key = _check_part("form key", form_key)
        rid = NEW if record_id is None else _check_part("record id", record_id)
        return self.folder / f"{self.db_path.stem}-{key}-{rid}.json"

    def save(
        self,
        form_key: str,
        record_id: str | None,
        links: Mapping[str, Any] | None,
        values: Mapping[str, Any],
    ) -> Draft:
        """Write (or replace) the draft; returns what was written."""
        path = self.path_for(form_key, record_id)
        saved_at = datetime.now(UTC)
        payload = {
            "format": DRAFT_FORMAT,
            "database": self.db_path.name,
            "form_key": form_key,
            "record_id": record_id,
            "links": _jsonable(dict(links or {})),
            "values": _jsonable(dict(values)),
            "saved_at": saved_at.isoformat(),
        }
        data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        return Draft(form_key, record_id, payload["links"], payload["values"], saved_at, path=path)

    def load(self, form_key: str, record_id: str | None) -> Draft | None:
        """The draft for this record, or None when there is none (or it cannot be read)."""
        return self._read(self.path_for(form_key, record_id))

    def discard(self, form_key: str, record_id: str | None) -> bool:
        """Delete the draft; True if there was one."""
        path = self.path_for(form_key, record_id)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        return True

    def pending(self) -> list[Draft]:
        """Every readable draft of this database, oldest first."""
        if not self.folder.is_dir():
            return []
        drafts = [
            draft
            for path in sorted(self.folder.glob(f"{glob.escape(self.db_path.stem)}-*.json"))
            if (draft := self._read(path)) is not None
        ]
        return sorted(drafts, key=lambda d: d.saved_at)

    def _read(self, path: Path) -> Draft | None:
        """A draft file, or None if missing, unreadable or another database's (a database
        named "htx-old" shares the "htx-" prefix with "htx"). Bad files are logged and left
        in place: they may still hold text someone wants to copy by hand."""
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            log.warning("Skipping unreadable draft %s: %s", path, exc)
            return None
        try:
            if payload.get("format") != DRAFT_FORMAT:
                raise ValueError(f"format {payload.get('format')!r}")
            if payload.get("database") != self.db_path.name:
                return None
            saved_at = datetime.fromisoformat(payload["saved_at"])
            record_id = payload["record_id"]
            draft = Draft(
                form_key=str(payload["form_key"]),
                record_id=None if record_id is None else str(record_id),
                links=dict(payload.get("links") or {}),
                values=dict(payload["values"]),
                saved_at=saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=UTC),
                path=path,
            )
            expected = self.path_for(draft.form_key, draft.record_id)
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            log.warning("Skipping malformed draft %s: %s", path, exc)
            return None
        if path != expected:
            log.warning("Skipping draft %s: its content names another file", path)
            return None
        return draft
