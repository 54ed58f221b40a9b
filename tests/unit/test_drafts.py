"""The draft store: what an officer typed survives a crash, and only until it is saved."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from htx_desktop import durable
from htx_desktop.registry.drafts import Draft, DraftStore


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "htx.sqlite3")


def test_draft_is_a_json_file_beside_the_database(store: DraftStore, tmp_path: Path) -> None:
    draft = store.save("cooperative", None, {}, {"name": "Hợp tác xã Đồng Tâm"})
    path = tmp_path / "drafts" / "htx-cooperative-new.json"
    assert draft.path == path
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload["values"] == {"name": "Hợp tác xã Đồng Tâm"}
    assert "Hợp tác xã Đồng Tâm" in path.read_text(encoding="utf-8")  # readable by hand
    edit = store.save("manager", "1b2c-3d", {"cooperative_id": "c1"}, {"full_name": "Lan"})
    assert edit.path == tmp_path / "drafts" / "htx-manager-1b2c-3d.json"


def test_save_then_load_gives_the_same_draft(store: DraftStore) -> None:
    before = datetime.now(UTC)
    values = {"name": "Hợp tác xã Ánh Dương", "topics": ["quan_tri"], "consent": True, "x": None}
    store.save("manager", "abc-123", {"cooperative_id": "coop-1"}, values)
    draft = store.load("manager", "abc-123")
    assert draft is not None
    assert (draft.form_key, draft.record_id) == ("manager", "abc-123")
    assert draft.links == {"cooperative_id": "coop-1"}
    assert draft.values == values
    assert before <= draft.saved_at <= datetime.now(UTC)
    assert store.load("manager", "other") is None
    assert store.load("manager", None) is None


def test_dates_and_decimals_are_kept_as_text(store: DraftStore) -> None:
    store.save(
        "cooperative",
        None,
        {},
        {"established_on": date(2024, 1, 5), "charter_capital": Decimal("0.1")},
    )
    draft = store.load("cooperative", None)
    assert draft is not None
    assert draft.values == {"established_on": "2024-01-05", "charter_capital": "0.1"}


def test_values_json_cannot_hold_are_refused(store: DraftStore) -> None:
    with pytest.raises(TypeError):
        store.save("cooperative", None, {}, {"name": object()})
    assert store.pending() == []


def test_saving_again_replaces_the_draft_atomically(
    store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("cooperative", None, {}, {"name": "một"})
    store.save("cooperative", None, {}, {"name": "hai"})
    assert [d.values["name"] for d in store.pending()] == ["hai"]
    assert sorted(p.name for p in store.folder.iterdir()) == ["htx-cooperative-new.json"]

    def power_cut(_src: str, _dst: str) -> None:
        raise OSError("power cut during rename")

    monkeypatch.setattr(durable.os, "replace", power_cut)
    with pytest.raises(OSError):
        store.save("cooperative", None, {}, {"name": "ba"})
    draft = store.load("cooperative", None)
    assert draft is not None and draft.values["name"] == "hai"  # the old draft is intact
    assert sorted(p.name for p in store.folder.iterdir()) == ["htx-cooperative-new.json"]


def test_the_written_file_is_flushed_to_disk(
    store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(durable.os, "fsync", spy)
    store.save("cooperative", None, {}, {"name": "Hợp tác xã"})
    assert len(synced) >= 1


def test_discard_removes_the_draft(store: DraftStore) -> None:
    store.save("cooperative", None, {}, {"name": "Hợp tác xã"})
    assert store.discard("cooperative", None) is True
    assert store.load("cooperative", None) is None
    assert store.pending() == []
    assert store.discard("cooperative", None) is False  # nothing left: not an error


def test_pending_lists_this_databases_drafts_oldest_first(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "htx.sqlite3")
    other = DraftStore(tmp_path / "htx-old.sqlite3")  # shares the "htx-" prefix
    assert store.pending() == []  # no drafts folder yet
    store.save("cooperative", None, {}, {"name": "một"})
    store.save("manager", "m-1", {"group_id": "g-1"}, {"full_name": "hai"})
    other.save("cooperative", None, {}, {"name": "của tệp khác"})
    pending = store.pending()
    assert [(d.form_key, d.record_id) for d in pending] == [
        ("cooperative", None),
        ("manager", "m-1"),
    ]
    assert pending[0].saved_at <= pending[1].saved_at
    assert [d.values["name"] for d in other.pending()] == ["của tệp khác"]


def test_unreadable_drafts_are_skipped_and_left_in_place(
    store: DraftStore, caplog: pytest.LogCaptureFixture
) -> None:
    store.save("cooperative", None, {}, {"name": "Hợp tác xã"})
    broken = store.folder / "htx-manager-new.json"
    broken.write_text("{ not json", encoding="utf-8")
    misplaced = store.folder / "htx-manager-x.json"
    misplaced.write_text(
        (store.folder / "htx-cooperative-new.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert [d.form_key for d in store.pending()] == ["cooperative"]
    assert broken.exists() and misplaced.exists()
    assert "unreadable draft" in caplog.text


def test_names_that_could_leave_the_folder_are_refused(store: DraftStore) -> None:
    for form_key, record_id in (("../cooperative", None), ("cooperative", "../../x"), ("", None)):
        with pytest.raises(ValueError):
            store.save(form_key, record_id, {}, {})
    assert not store.folder.exists() or list(store.folder.iterdir()) == []


def test_draft_equality_ignores_where_it_was_read_from() -> None:
    when = datetime(2026, 1, 5, tzinfo=UTC)
    a = Draft("cooperative", None, {}, {"name": "A"}, when, path=Path("/a"))
    b = Draft("cooperative", None, {}, {"name": "A"}, when, path=Path("/b"))
    assert a == b
