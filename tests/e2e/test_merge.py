"""Merging rules: identity by UUID, the higher revision wins, stale and repeated bundles change
nothing, invalid bundles change nothing, and the final state never depends on arrival order."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from bundle_fixtures import Officer, make_officer, quang_ngai_communes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from htx_desktop.exchange.merge import apply_bundle
from htx_desktop.exchange.service import import_files
from htx_desktop.exchange.verification import verify_bundle
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import create_record, delete_record, update_record
from htx_desktop.registry.validation import ValidationContext
from htx_desktop.storage.database import open_database
from htx_desktop.storage.models import SYNCED_MODELS, Cooperative

PERIOD = "2025-H1"
STATE_TABLES = [m.__tablename__ for m in SYNCED_MODELS]


def first_coops(officer: Officer, n: int) -> list[str]:
    with officer.db.session() as s:
        return list(
            s.scalars(
                select(Cooperative.id)
                .where(Cooperative.deleted.is_(False), Cooperative.unit_code == officer.unit_code)
                .order_by(Cooperative.id)
                .limit(n)
            )
        )


def edit(officer: Officer, coop_id: str, name: str) -> None:
    ctx = ValidationContext(communes={officer.unit_code})
    with officer.db.session() as s:
        update_record(s, "cooperative", coop_id, {"name": name}, ctx)


def state(path: Path) -> dict[str, list[tuple]]:
    """Every synced row, minus the receiver-local search key, sorted."""
    con = sqlite3.connect(path)
    try:
        out = {}
        for table in STATE_TABLES:
            cols = [
                r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] != "search_key"
            ]
            rows = con.execute(f"SELECT {','.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, e2e_template_db):
    """Commune A at two revisions, a fork of A that edited the same record differently
    (a same-revision conflict), and commune B."""
    root = tmp_path_factory.mktemp("merge")
    a_code, b_code = quang_ngai_communes(2)
    a = make_officer(e2e_template_db, root / "a", a_code, demo_seed=3)
    b = make_officer(e2e_template_db, root / "b", b_code, "Phạm Thị Thu", demo_seed=4)
    bundles = {"a1": a.export(PERIOD, root / "a1"), "b1": b.export(PERIOD, root / "b1")}
    fork_dir = root / "fork"
    fork_dir.mkdir()
    a.db.close()
    shutil.copyfile(root / "a" / "htx.sqlite3", fork_dir / "htx.sqlite3")
    a = Officer(open_database(root / "a" / "htx.sqlite3"), a_code)
    fork = Officer(open_database(fork_dir / "htx.sqlite3"), a_code)
    first, second, third = first_coops(a, 3)
    edit(a, first, "HTX Đổi tên lần hai")
    edit(fork, first, "HTX Nhánh khác")
    with a.db.session() as s:
        delete_record(s, "cooperative", second)
        ctx = ValidationContext(communes={a_code})
        create_record(
            s,
            "cooperative",
            {"name": "HTX Mới thành lập", "commune_code": a_code, "sector": "dich_vu"},
            a_code,
            ctx,
        )
    edit(fork, third, "HTX Chỉ nhánh sửa")
    bundles["a2"] = a.export(PERIOD, root / "a2")
    bundles["fork"] = fork.export(PERIOD, root / "fork-out")
    verified = {k: verify_bundle(p) for k, p in bundles.items()}
    yield {
        "bundles": bundles,
        "verified": verified,
        "template": e2e_template_db,
        "officers": (a, b, fork),
        "root": root,
    }
    for officer in (a, b, fork):
        officer.db.close()


def receiver(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tinh.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(path)
    with db.session() as s:
        create_profile(s, "51", "Lê Thị Lan", "Chủ tịch")
    db.close()
    return path


def merge_in_order(template: Path, folder: Path, verified: list) -> Path:
    path = receiver(template, folder)
    db = open_database(path)
    for bundle in verified:
        with db.session() as s:
            apply_bundle(s, bundle)
    db.close()
    return path


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_final_state_does_not_depend_on_arrival_order(scenario, tmp_path_factory, data):
    keys = data.draw(
        st.lists(st.sampled_from(sorted(scenario["bundles"])), min_size=1, max_size=6),
        label="arrivals",
    )
    shuffled = data.draw(st.permutations(keys), label="order")
    root = tmp_path_factory.mktemp("order")
    verified = scenario["verified"]
    reference = merge_in_order(
        scenario["template"], root / "ref", [verified[k] for k in sorted(set(keys))]
    )
    candidate = merge_in_order(scenario["template"], root / "got", [verified[k] for k in shuffled])
    assert state(candidate) == state(reference)


def test_newer_revision_wins_and_an_older_bundle_changes_nothing(scenario, tmp_path):
    v = scenario["verified"]
    path = receiver(scenario["template"], tmp_path)
    db = open_database(path)
    with db.session() as s:
        apply_bundle(s, v["a2"])
    before = state(path)
    with db.session() as s:
        late = apply_bundle(s, v["a1"])
    db.close()
    assert state(path) == before
    assert late.older > 0 and not late.changed
    assert "cũ hơn" in late.summary_vi()
    with open_database(path).session() as s:
        names = set(s.scalars(select(Cooperative.name)))
    assert "HTX Đổi tên lần hai" in names and "HTX Mới thành lập" in names


def test_newer_bundle_after_older_reports_updates_deletions_and_new(scenario, tmp_path):
    v = scenario["verified"]
    path = receiver(scenario["template"], tmp_path)
    db = open_database(path)
    with db.session() as s:
        apply_bundle(s, v["a1"])
    with db.session() as s:
        result = apply_bundle(s, v["a2"])
    db.close()
    coop = result.counts["cooperative"]
    assert coop["new"] == 1 and coop["updated"] == 1 and coop["deleted"] == 1
    assert result.total("deleted") >= 1  # the deleted HTX's managers and figures go too


def test_same_revision_edits_are_reported_as_conflicts(scenario, tmp_path):
    v = scenario["verified"]
    path = receiver(scenario["template"], tmp_path)
    db = open_database(path)
    with db.session() as s:
        apply_bundle(s, v["a2"])
    with db.session() as s:
        result = apply_bundle(s, v["fork"])
    db.close()
    assert result.total("conflicting") == 1
    assert result.conflicts[0]["table"] == "cooperative"


def test_an_invalid_bundle_is_rejected_whole_and_the_database_is_unchanged(scenario, tmp_path):
    a, _b, _fork = scenario["officers"]
    path = receiver(scenario["template"], tmp_path)
    db = open_database(path)
    with db.session() as s:
        from htx_desktop.exchange.service import trust_certificate

        trust_certificate(s, a.certificate_pem())
    before = dump(path)
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(scenario["bundles"]["a1"]) as src, zipfile.ZipFile(forged, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "data.json":
                body = body.replace(b'"revision":1', b'"revision":7')
            dst.writestr(info.filename, body)
    outcomes = import_files(db, [forged])
    db.close()
    assert not outcomes[0].ok and outcomes[0].code == "hash_mismatch"
    assert dump(path) == before


def test_same_registration_code_under_two_uuids_is_flagged(scenario, tmp_path):
    a, b, _fork = scenario["officers"]
    code = "4300999999"
    for officer in (a, b):
        with officer.db.session() as s:
            create_record(
                s,
                "cooperative",
                {
                    "name": f"HTX Trùng mã {officer.unit_code}",
                    "commune_code": officer.unit_code,
                    "sector": "khac",
                    "registration_code": code,
                },
                officer.unit_code,
                ValidationContext(communes={officer.unit_code}),
            )
    first = verify_bundle(a.export(PERIOD, tmp_path / "x"))
    second = verify_bundle(b.export(PERIOD, tmp_path / "y"))
    path = receiver(scenario["template"], tmp_path / "r")
    db = open_database(path)
    with db.session() as s:
        apply_bundle(s, first)
    with db.session() as s:
        result = apply_bundle(s, second)
    db.close()
    assert [d["registration_code"] for d in result.duplicates] == [code]
    assert len(result.duplicates[0]["records"]) == 2


def test_a_batch_import_gives_the_same_state_and_leaves_every_write_fully_synced(
    scenario, tmp_path
):
    """A batch skips the fsync of each commit and syncs once at its end: the result is the
    same as bundle by bundle, and the database is back to full syncing afterwards."""
    a, b, _fork = scenario["officers"]
    bundles = scenario["bundles"]
    order = ["a1", "b1", "a2", "fork"]
    reference = merge_in_order(
        scenario["template"], tmp_path / "ref", [scenario["verified"][k] for k in order]
    )
    path = receiver(scenario["template"], tmp_path / "batch")
    db = open_database(path)
    with db.session() as s:
        from htx_desktop.exchange.service import trust_certificate

        trust_certificate(s, a.certificate_pem())
        trust_certificate(s, b.certificate_pem())
    outcomes = import_files(db, [bundles[k] for k in order])
    assert [o.ok for o in outcomes] == [True] * 4
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -2000
        busy, frames, copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        assert busy == 0 and frames == copied
    db.close()
    assert state(path) == state(reference)


@pytest.mark.parametrize("group_seconds", [0.0, 3600.0])
def test_a_failure_in_a_batch_keeps_committed_bundles_and_nothing_of_the_open_group(
    scenario, tmp_path, monkeypatch, group_seconds
):
    """Bundles are committed in groups: when the third bundle fails, what was committed
    before stays whole (records with their ledger entries) and the open group leaves
    nothing behind, so importing the files again finishes the job."""
    from htx_desktop.exchange import service

    a, b, _fork = scenario["officers"]
    bundles = [scenario["bundles"][k] for k in ("a1", "b1", "a2")]
    path = receiver(scenario["template"], tmp_path)
    db = open_database(path)
    with db.session() as s:
        service.trust_certificate(s, a.certificate_pem())
        service.trust_certificate(s, b.certificate_pem())
    real_apply = service.apply_bundle
    calls = []

    def failing_third(session, bundle, dry_run=False, held=None):
        calls.append(bundle.path)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_apply(session, bundle, dry_run, held)

    monkeypatch.setattr(service, "GROUP_SECONDS", group_seconds)
    monkeypatch.setattr(service, "apply_bundle", failing_third)
    with pytest.raises(OSError):
        service.import_files(db, bundles)
    con = sqlite3.connect(path)
    ledger = con.execute("SELECT count(*) FROM import_ledger").fetchone()[0]
    owners = {r[0] for r in con.execute("SELECT DISTINCT unit_code FROM cooperative")}
    con.close()
    if group_seconds == 0.0:  # each bundle its own group: the first two are kept
        assert ledger == 2 and owners == {a.unit_code, b.unit_code}
    else:  # one open group: nothing of it
        assert ledger == 0 and owners == set()
    monkeypatch.setattr(service, "apply_bundle", real_apply)
    assert all(o.ok for o in service.import_files(db, bundles))
    db.close()
    verified = [scenario["verified"][k] for k in ("a1", "b1", "a2")]
    reference = merge_in_order(scenario["template"], tmp_path / "ref", verified)
    assert state(path) == state(reference)
