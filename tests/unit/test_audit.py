"""The audit trail answers "who changed this record, when, from what?", for every path that
writes records; and personal data and key material stay out of logs and error texts."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from htx_desktop.exchange.bundle_format import VerifiedBundle
from htx_desktop.exchange.keys import CertificateInfo, create_credential
from htx_desktop.exchange.merge import apply_bundle
from htx_desktop.exchange.records_json import MODELS_BY_TABLE, decode_records, dump_records
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record, delete_record, update_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.audit import audit_for, decode
from htx_desktop.storage.base import SyncedRecord, utcnow
from htx_desktop.storage.database import open_database
from htx_desktop.storage.models import AuditEntry, Manager

COMMUNE = "21211"
CTX = ValidationContext(communes={COMMUNE})
PACKAGE = Path(__file__).resolve().parents[2] / "htx_desktop"


@pytest.fixture
def officer_db(fresh_db):
    with fresh_db.session() as s:
        create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
    return fresh_db


def add_coop(db, name="HTX Rau sạch Tịnh Khê", **extra):
    values = {"name": name, "commune_code": COMMUNE, "sector": "nong_nghiep"} | extra
    with db.session() as s:
        return create_record(s, "cooperative", values, COMMUNE, CTX).id


def history(db, record_id):
    with db.session() as s:
        return [
            (e.action, e.field, decode(e.old_value), decode(e.new_value))
            for e in audit_for(s, record_id)
        ]


def test_create_edit_and_delete_are_noted_with_the_officer(officer_db):
    coop_id = add_coop(officer_db, charter_capital="1500000.50")
    with officer_db.session() as s:
        changes = {"name": "HTX Rau an toàn", "status": "tam_ngung"}
        update_record(s, "cooperative", coop_id, changes, CTX)
    with officer_db.session() as s:
        delete_record(s, "cooperative", coop_id)
    entries = history(officer_db, coop_id)
    action, field, old, created = entries[0]
    assert (action, field, old) == ("create", None, None)
    assert created["name"] == "HTX Rau sạch Tịnh Khê"
    assert created["charter_capital"] == "1500000.50"  # money as text, exactly
    assert sorted(entries[1:3]) == [
        ("update", "name", "HTX Rau sạch Tịnh Khê", "HTX Rau an toàn"),
        ("update", "status", "hoat_dong", "tam_ngung"),
    ]
    assert entries[3] == ("delete", None, None, None)
    assert len(entries) == 4  # revision, updated_at, deleted_at, search_key are bookkeeping
    with officer_db.session() as s:
        entry = audit_for(s, coop_id)[0]
        assert entry.officer == "Nguyễn Thị Hoa"
        assert entry.table_name == "cooperative"
        assert abs((utcnow() - entry.at).total_seconds()) < 60  # UTC, like every stored time


def test_a_no_op_edit_notes_nothing(officer_db):
    coop_id = add_coop(officer_db)
    with officer_db.session() as s:
        update_record(s, "cooperative", coop_id, {"name": "HTX Rau sạch Tịnh Khê"}, CTX)
    assert [e[0] for e in history(officer_db, coop_id)] == ["create"]


def test_a_deletion_notes_each_tombstoned_dependant(officer_db):
    coop_id = add_coop(officer_db)
    with officer_db.session() as s:
        manager_id = create_record(
            s, "manager",
            {"full_name": "Trần Thị Mai", "role": "giam_doc", "sex": "nu",
             "cooperative_id": coop_id, "phone": "0905123456", "consent": True},
            COMMUNE, CTX,
        ).id
    with officer_db.session() as s:
        delete_record(s, "cooperative", coop_id)
    manager_history = history(officer_db, manager_id)
    assert [e[0] for e in manager_history] == ["create", "delete"]
    assert manager_history[0][3]["phone"] == "0905123456"  # her data, kept in her database


def test_records_entered_before_a_profile_exist_have_no_officer(fresh_db):
    coop_id = add_coop(fresh_db)
    with fresh_db.session() as s:
        assert audit_for(s, coop_id)[0].officer == ""


def test_a_failed_save_leaves_no_history(officer_db):
    with pytest.raises(IntegrityError), officer_db.session() as s:
        s.add(Manager(id="m-1", unit_code=COMMUNE, cooperative_id="khong-co", role="giam_doc",
                      full_name="Lê Thị Bí Mật", sex="nu"))
        s.flush()
    with officer_db.session() as s:
        assert s.scalars(select(AuditEntry)).all() == []


def bundle_of(db, path: Path) -> VerifiedBundle:
    """A bundle as `verify_bundle` would hand it over, without the signing (not under test)."""
    with db.session() as s:
        raw = json.loads(json.dumps(dump_records(s, [COMMUNE]), default=str))
    cert = CertificateInfo("f" * 64, "CN=x", "x", COMMUNE, utcnow(), utcnow(), "")
    manifest = {"unit": {"code": COMMUNE}, "period": "2025-H1", "signer": {"name": "Hoa"}}
    return VerifiedBundle(path, "a" * 64, manifest, cert, decode_records(raw), {})


def test_an_import_notes_one_entry_per_record_with_the_bundle_hash(
    officer_db, template_db, tmp_path
):
    coop_id = add_coop(officer_db)
    bundle = bundle_of(officer_db, tmp_path / "HTX_x.htx.zip")
    receiver = open_database(_copy(template_db, tmp_path / "tinh" / "tinh.sqlite3"))
    with receiver.session() as s:
        create_profile(s, "51", "Lê Thị Lan", "Chủ tịch Hội LHPN tỉnh")
    with receiver.sessions() as s:
        apply_bundle(s, bundle, dry_run=True)
        s.rollback()
    assert history(receiver, coop_id) == []  # a dry run writes nothing, history included
    with receiver.session() as s:
        apply_bundle(s, bundle)
    with receiver.session() as s:
        (entry,) = audit_for(s, coop_id)
        assert entry.action == "import" and entry.bundle_sha256 == "a" * 64
        assert entry.officer == "Lê Thị Lan"
        assert decode(entry.new_value) == {"revision": 1, "deleted": False}
    with receiver.session() as s:
        apply_bundle(s, bundle)  # the same bundle again changes nothing: no new entry
    assert len(history(receiver, coop_id)) == 1
    receiver.close()


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True)
    target.write_bytes(source.read_bytes())
    return target


def test_the_audit_trail_never_travels_in_a_bundle(officer_db):
    add_coop(officer_db)
    assert not issubclass(AuditEntry, SyncedRecord)
    assert "audit_entry" not in MODELS_BY_TABLE
    with officer_db.session() as s:
        assert "audit_entry" not in dump_records(s, [COMMUNE])


# --- personal data and key material ------------------------------------------------------


def test_database_errors_do_not_carry_record_values(officer_db):
    """Error texts reach the crash log, which an officer may send to anyone."""
    with pytest.raises(IntegrityError) as err, officer_db.session() as s:
        s.add(Manager(id="m-2", unit_code=COMMUNE, cooperative_id="khong-co", role="giam_doc",
                      full_name="Lê Thị Bí Mật", sex="nu", phone="0987654321"))
        s.flush()
    text = str(err.value)
    assert "Bí Mật" not in text and "0987654321" not in text
    assert "hidden" in text  # SQLAlchemy's placeholder for the parameters


@pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX notion")
def test_the_private_key_file_is_owner_only_and_encrypted(officer_db):
    with officer_db.session() as s:
        profile = create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch", replace=True)
        create_credential(s, profile, "mat-khau-thu-nghiem", officer_db.path)
    (key_file,) = (officer_db.path.parent / "keys").glob("*.key")
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert json.loads(key_file.read_bytes())["kdf"] == "scrypt"  # sealed, see test_key_file
    officer_db.close()
    assert b"PRIVATE KEY" not in officer_db.path.read_bytes()


PERSONAL_OR_SECRET = frozenset(
    {
        "full_name", "officer_name", "leader_name", "phone", "birth_year", "ethnicity",
        "values", "passphrase", "password", "private_key", "private_bytes", "old_value",
        "new_value",
    }
)
LOG_METHODS = frozenset({"debug", "info", "warning", "error", "exception", "critical", "log"})


def _names(node: ast.AST) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
    return found


def test_no_logging_call_is_handed_personal_data_or_secrets():
    """A static guard over the whole package: logging calls get ids, paths, form keys and
    tracebacks, never a person's values or key material."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in LOG_METHODS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"log", "logger", "logging", "_log"}
            ):
                continue
            used = set().union(*(_names(a) for a in node.args), set())
            if used & PERSONAL_OR_SECRET:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
