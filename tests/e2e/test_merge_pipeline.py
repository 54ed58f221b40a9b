"""A district or province officer imports a pile of bundles at once. The bundles after the
current one are verified ahead on the machine's second core (`exchange.pipeline`): whatever
the pile holds — good bundles, repeats, an untrusted signer, a bundle altered after signing, a
file that is not a bundle — she gets the same answers, in the same words, and the same
database as when every bundle is verified in turn, even when the helper process dies."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import sqlite3
import threading
import time
import zipfile
from concurrent.futures.process import BrokenProcessPool
from datetime import timedelta
from pathlib import Path
from typing import ClassVar

import pytest
from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from bundle_fixtures import make_officer, quang_ngai_communes
from ca_builder import issue, make_ca, now_utc
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from test_merge import receiver, state

from htx_desktop.exchange import pipeline, service
from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.keys import certificate_info
from htx_desktop.exchange.signing import SigningIdentity, sign_detached
from htx_desktop.exchange.trust_store import revoke
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import make_reader

PERIOD = "2025-H1"


@pytest.fixture(scope="module")
def pile(tmp_path_factory, e2e_template_db):
    """Ten files as they arrive on a province officer's USB stick, in a folder whose name has
    spaces and Vietnamese letters."""
    root = tmp_path_factory.mktemp("pipeline") / "Gói các xã 2025"
    a_code, b_code, c_code = quang_ngai_communes(3)
    a = make_officer(e2e_template_db, root / "a", a_code, demo_seed=5)
    b = make_officer(e2e_template_db, root / "b", b_code, "Phạm Thị Thu", demo_seed=6)
    c = make_officer(e2e_template_db, root / "c", c_code, "Lê Thị Mai", demo_seed=7)
    a1, b1, c1 = (o.export(PERIOD, root / f"out-{o.unit_code}") for o in (a, b, c))
    altered = root / "altered" / b1.name
    altered.parent.mkdir()
    with zipfile.ZipFile(b1) as src, zipfile.ZipFile(altered, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "data.json":
                data += b"\n"  # still valid JSON, no longer what was signed
            out.writestr(info.filename, data)
    not_a_bundle = root / "ghi chú.htx.zip"
    not_a_bundle.write_text("Danh sách cần gọi lại", encoding="utf-8")
    files = [a1, b1, c1, a1, altered, not_a_bundle, b1, a1, c1, b1]
    yield {"template": e2e_template_db, "files": files, "signers": (a, b), "root": root}
    for officer in (a, b, c):
        officer.db.close()


def province(pile, folder: Path) -> Path:
    """The receiving province: trusts communes A and B, not C."""
    path = receiver(pile["template"], folder)
    db = open_database(path)
    try:
        for officer in pile["signers"]:
            with db.session() as s:
                service.trust_certificate(s, officer.certificate_pem())
    finally:
        db.close()
    return path


def ledger(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT file_name, unit_code, result, counts, signer_name FROM import_ledger "
            "ORDER BY id"
        ).fetchall()
    finally:
        con.close()


def search_keys(path: Path) -> dict[tuple[str, str], str]:
    """The receiver's own search keys (what her lists' search box matches), by record."""
    con = sqlite3.connect(path)
    try:
        tables = [
            name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if {"id", "search_key"} <= {c[1] for c in con.execute(f"PRAGMA table_info({name})")}
        ]
        return {
            (table, rid): key
            for table in tables
            for rid, key in con.execute(f"SELECT id, search_key FROM {table}")
        }
    finally:
        con.close()


class Watched(pipeline.VerifyAhead):
    """The batch's pipeline, kept so the story can look at it afterwards."""

    made: ClassVar[list[Watched]] = []

    def __init__(self, paths, db_path=None):
        super().__init__(paths, db_path)
        self.made.append(self)
        self.worker_pids: list[int] = []

    def verify(self, index, path, session):
        if self._first is not None and not self.worker_pids and self._started is not None:
            self.worker_pids.append(self._started.result())
        return super().verify(index, path, session)


def import_pile(pile, folder: Path, monkeypatch, ahead: bool, progress=None, files=None,
                watcher=None, before=None, dry_run=False):
    """The province imports `files` (the pile's ten by default), with the helper process or
    one by one; `before(db)` changes the province's database first."""
    watcher = watcher or Watched
    path = province(pile, folder)
    if before is not None:
        db = open_database(path)
        try:
            before(db)
        finally:
            db.close()
    watcher.made.clear()
    monkeypatch.setattr(service, "VerifyAhead", watcher)
    monkeypatch.setattr(pipeline, "MIN_BATCH", 2 if ahead else 10**6)
    monkeypatch.setattr(pipeline, "START_WAIT_SECONDS", 120.0)
    db = open_database(path)
    try:
        outcomes = service.import_files(db, files or pile["files"], dry_run=dry_run,
                                        progress=progress)
    finally:
        db.close()
    answers = [(o.path.name, o.ok, o.code, o.message) for o in outcomes]
    return path, answers, watcher.made[0]


def signal_the_helper(sig: int, signalled: list[int], then=None):
    """A progress callback that sends the running helper process `sig` as the fourth bundle
    of the pile comes up (once), noting its pid in `signalled`, then calls `then(pipeline)`."""

    def progress(index, total, name):
        made = Watched.made[-1] if Watched.made else None
        if index == 3 and made is not None and made.worker_pids and not signalled:
            os.kill(made.worker_pids[0], sig)
            signalled.append(made.worker_pids[0])
            if then is not None:
                then(made)

    return progress


def test_the_pile_verified_ahead_gets_the_same_answers_and_database(pile, tmp_path, monkeypatch):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off, as it does for the officer")
    ahead_db, ahead, used = import_pile(pile, tmp_path / "ahead", monkeypatch, ahead=True)
    one_db, one, unused = import_pile(pile, tmp_path / "một một", monkeypatch, ahead=False)
    assert used.verified_ahead >= 5 and not unused.verified_ahead
    assert ahead == one
    codes = [code for _name, _ok, code, _message in ahead]
    assert codes.count("ok") == 6
    assert {"unknown_signer", "hash_mismatch"} <= set(codes)
    assert len(set(codes) - {"ok", "unknown_signer", "hash_mismatch"}) == 1  # not a bundle
    assert state(ahead_db) == state(one_db)
    keys = search_keys(ahead_db)
    assert keys == search_keys(one_db)
    assert len(keys) > 20 and all(keys.values())
    assert ledger(ahead_db) == ledger(one_db)
    assert len({row[2] for row in ledger(ahead_db)}) == 2  # imported, then no_change


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_when_the_helper_process_dies_the_pile_is_finished_here(pile, tmp_path, monkeypatch):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off")
    killed: list[int] = []
    broken_db, broken, used = import_pile(
        pile, tmp_path / "hỏng", monkeypatch, ahead=True,
        progress=signal_the_helper(signal.SIGKILL, killed),
    )
    one_db, one, _ = import_pile(pile, tmp_path / "một một", monkeypatch, ahead=False)
    assert killed, "the helper process was never running, so nothing was killed"
    assert broken == one
    assert state(broken_db) == state(one_db)
    assert used.abandoned  # given up on, the rest verified in the writing process


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system")
def test_a_helper_dead_before_the_next_bundle_is_handed_over_is_given_up_on(
    pile, tmp_path, monkeypatch
):
    """The helper is killed and its pool has noticed before the next bundle is handed to it:
    the pool then refuses the task outright (BrokenProcessPool from `submit`, not through a
    result), which once escaped and stopped the whole import."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off")
    killed: list[int] = []

    def wait_for_the_pool_to_notice(made):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                made._pool.submit(os.getpid)  # refused once the pool knows its worker died
            except BrokenProcessPool:
                return
            time.sleep(0.01)
        raise AssertionError("the pool never noticed that its worker was killed")

    broken_db, broken, used = import_pile(
        pile, tmp_path / "chết trước", monkeypatch, ahead=True,
        progress=signal_the_helper(signal.SIGKILL, killed, then=wait_for_the_pool_to_notice),
    )
    one_db, one, _ = import_pile(pile, tmp_path / "một một", monkeypatch, ahead=False)
    assert killed, "the helper process was never running, so nothing was killed"
    assert broken == one
    assert state(broken_db) == state(one_db)
    assert used.abandoned


def test_the_helper_refuses_a_revoked_signers_bundles_from_the_receivers_own_tables(
    pile, tmp_path, monkeypatch
):
    """Commune B's laptop was lost and its key revoked: half of a pile of twelve files are its
    bundles. The helper process finds the revocation in the province's own database, which it
    reads and cannot write, and each is refused for that, the same with the helper as
    without."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off")
    a1, b1 = pile["files"][0], pile["files"][1]
    files = [a1, b1] * 6

    def b_revoked(db):
        with db.session() as s:
            revoke(s, pile["signers"][1].certificate_pem())

    ahead_db, ahead, used = import_pile(pile, tmp_path / "ahead", monkeypatch, True,
                                        files=files, before=b_revoked)
    one_db, one, _ = import_pile(pile, tmp_path / "một một", monkeypatch, False, files=files,
                                 before=b_revoked)
    assert used.verified_ahead >= 3 and not used.abandoned
    assert [code for _n, _ok, code, _m in ahead].count("signer_revoked") == 6
    assert ahead == one
    assert state(ahead_db) == state(one_db)


def test_a_revocation_made_elsewhere_during_the_pile_counts_from_then_on(
    pile, tmp_path, monkeypatch
):
    """While the pile is being imported, a colleague revokes commune B's key on the same
    database from another window. The helper may have checked B's next bundles before that:
    the batch notices that another connection wrote, stops using the helper, and from then on
    every bundle of B is refused, exactly as when each bundle is verified in turn."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off")
    monkeypatch.setattr(service, "GROUP_SECONDS", 0.0)  # a commit after each bundle
    a1, b1 = pile["files"][0], pile["files"][1]
    files = [a1, b1] * 6
    path_of: dict[str, Path] = {}

    def revoke_b_at_the_sixth(index, total, name):
        if index == 5:
            made = Watched.made[-1] if Watched.made else None
            if made is not None and 5 in made._pending:  # the helper has answered it first
                made._pending[5].result(timeout=60)
            db = open_database(path_of["db"])
            try:
                with db.session() as s:
                    revoke(s, pile["signers"][1].certificate_pem())
            finally:
                db.close()

    def run(folder: Path, ahead: bool):
        path_of["db"] = folder / "tinh.sqlite3"
        return import_pile(pile, folder, monkeypatch, ahead, files=files,
                           progress=revoke_b_at_the_sixth)

    ahead_db, ahead, used = run(tmp_path / "ahead", ahead=True)
    one_db, one, _ = run(tmp_path / "một một", ahead=False)
    codes = [code for _n, _ok, code, _m in one]
    assert codes[:5].count("signer_revoked") == 0
    assert codes[5:].count("signer_revoked") == files[5:].count(b1) == 4
    assert used.verified_ahead >= 1 and used.abandoned
    assert ahead == one
    assert state(ahead_db) == state(one_db)


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="no SIGSTOP on this system")
def test_while_the_helper_is_slow_the_writing_process_verifies_the_next_bundles_itself(
    pile, tmp_path, monkeypatch
):
    """The helper process is held up for a second in the middle of the pile (stopped here; a
    large bundle or a busy machine on an officer's laptop): meanwhile the writing process
    verifies the next bundles itself instead of waiting, and the answers and the database are
    the same as when every bundle is verified in turn."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off")
    monkeypatch.setattr(pipeline, "AHEAD", 1)
    files = pile["files"] * 2
    held: list[int] = []
    glitches: list[Path] = []
    real_verify = pipeline.verify_until_finish

    def open_once_unreadable(path, session):
        """The first bundle the writing process opens ahead cannot be read for a moment (a
        USB stick's hiccup): it is verified again in its turn, as if nothing happened."""
        if not glitches:
            glitches.append(path)
            raise OSError(5, "Input/output error")
        return real_verify(path, session)

    monkeypatch.setattr(pipeline, "verify_until_finish", open_once_unreadable)

    def resume() -> None:
        for pid in held:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    def hold_for_a_second(made):
        threading.Timer(1.0, resume).start()

    try:
        slow_db, slow, used = import_pile(
            pile, tmp_path / "chậm", monkeypatch, ahead=True, files=files,
            progress=signal_the_helper(signal.SIGSTOP, held, then=hold_for_a_second),
        )
    finally:
        resume()
    one_db, one, _ = import_pile(pile, tmp_path / "một một", monkeypatch, ahead=False,
                                 files=files)
    assert held, "the helper process was never running, so it was never held up"
    assert used.verified_here >= 1 and used.verified_ahead >= 1 and not used.abandoned
    assert len(glitches) == 1
    assert slow == one
    assert state(slow_db) == state(one_db)
    assert ledger(slow_db) == ledger(one_db)


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="no SIGSTOP on this system")
def test_a_helper_that_stops_answering_does_not_hang_the_import(pile, tmp_path, monkeypatch):
    """The helper process stops answering in the middle of the pile (stopped here; swapped out
    or starved on a real machine): after the wait allowed for one answer, the pile is finished
    in the writing process, with the same answers and database, and the stuck helper ended."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off")
    monkeypatch.setattr(pipeline, "RESULT_WAIT_SECONDS", 3.0)
    stopped: list[int] = []
    try:
        stuck_db, stuck, used = import_pile(
            pile, tmp_path / "kẹt", monkeypatch, ahead=True,
            progress=signal_the_helper(signal.SIGSTOP, stopped),
        )
    finally:
        for pid in stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
    one_db, one, _ = import_pile(pile, tmp_path / "một một", monkeypatch, ahead=False)
    assert stopped, "the helper process was never running, so nothing was stopped"
    assert used.abandoned
    assert stuck == one
    assert state(stuck_db) == state(one_db)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and helper_alive(stopped[0]):
        time.sleep(0.05)
    assert not helper_alive(stopped[0]), "the stuck helper was left running"


def helper_alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def stranger_bundle(good: Path, out: Path) -> Path:
    """A bundle from someone nobody here trusts, signed with a CA-issued certificate whose
    signature carries the CA's root written with a length in the long form: a reader of BER
    takes it, `cryptography` (strict DER) refuses it."""
    now = now_utc()
    root, mid = make_ca(now)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = issue(mid, key.public_key(), "Người lạ", "99999",
                 not_before=now - timedelta(days=1), not_after=now + timedelta(days=30))
    der = root.cert.public_bytes(serialization.Encoding.DER)
    long_form = b"\x30\x83\x00" + der[2:]
    with zipfile.ZipFile(good) as src:
        members = {i.filename: src.read(i) for i in src.infolist()}
    manifest = json.loads(members["manifest.json"])
    manifest["signer"]["fingerprint"] = certificate_info(cert).fingerprint
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    content = cms.ContentInfo.load(
        sign_detached(members["manifest.json"], SigningIdentity(key, cert))
    )
    signed = content["content"]
    signed["certificates"] = cms.CertificateSet(
        [cms.CertificateChoices(name="certificate", value=c.chosen)
         for c in signed["certificates"]]
        + [cms.CertificateChoices(name="certificate", value=asn1_x509.Certificate.load(long_form))]
    )
    members["manifest.json.p7s"] = cms.ContentInfo(
        {"content_type": "signed_data", "content": signed}
    ).dump()
    assert long_form in members["manifest.json.p7s"]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out


@pytest.mark.parametrize("ahead", [True, False], ids=["with the helper", "one by one"])
def test_a_strangers_damaged_chain_refuses_that_file_only(pile, tmp_path, monkeypatch, ahead):
    """One file of the pile comes from a stranger whose signature carries a certificate the
    checker cannot read: that file is refused as a damaged signature, and the rest of the
    pile is imported (it once stopped the whole import with a Python error)."""
    a1, b1 = pile["files"][0], pile["files"][1]
    stranger = stranger_bundle(a1, tmp_path / "người lạ.htx.zip")
    files = [a1, stranger, b1, stranger, a1, b1]
    path, answers, _ = import_pile(pile, tmp_path / "tỉnh", monkeypatch, ahead, files=files)
    assert [code for _name, _ok, code, _message in answers] == [
        "ok", "bad_signature_file", "ok", "bad_signature_file", "ok", "ok"]
    assert "manifest.json.p7s" in answers[1][3]
    assert len(ledger(path)) == 4


def test_a_check_that_meets_unforeseen_bytes_refuses_that_file_only(pile, tmp_path):
    """Whatever a checker raises on bytes nobody foresaw, the file is refused with a
    Vietnamese reason and the batch goes on."""

    def verify(path, session):
        if path.name.startswith("ghi"):
            raise ValueError("unforeseen")
        return service.verify_bundle(path, session)

    outcome = service.verify_one(pile["files"][5], None, verify)
    assert (outcome.ok, outcome.code) == (False, "unreadable_bundle")
    assert "Không nhập gói này" in outcome.message and "ValueError" in outcome.message


def test_a_bundle_the_helper_cannot_read_is_answered_and_the_helper_kept():
    """An error a checker raises on a bundle's bytes in the helper is that bundle's answer, the
    same the writing process would meet; only a failure of the helper itself gives it up."""
    from concurrent.futures import Future

    ahead = pipeline.VerifyAhead([])
    about_the_file: Future[int] = Future()
    error = pickle.loads(pickle.dumps(pipeline._BundleError(ValueError("long-form length"))))
    about_the_file.set_exception(error)
    with pytest.raises(ValueError, match="long-form length"):
        ahead._result(about_the_file)
    for failure in (BrokenProcessPool("the helper died"), AttributeError("no _open there")):
        broken: Future[int] = Future()
        broken.set_exception(failure)  # the helper's own failure, outside the checks
        with pytest.raises(pipeline._WorkerFailed):
            ahead._result(broken)


def test_a_refusal_crosses_between_processes_with_its_reason():
    refusal = BundleRejected("out_of_scope", "Gói bị từ chối toàn bộ: bản ghi nằm ngoài phạm vi.")
    again = pickle.loads(pickle.dumps(refusal))
    assert type(again) is BundleRejected
    assert (again.code, str(again)) == ("out_of_scope", str(refusal))


def test_the_helpers_view_of_the_database_reads_and_never_writes(pile, tmp_path):
    """The helper process reads the receiver's trust store and units through its own
    connection while the import writes: that connection can change nothing, and a database
    file that is not there is an error, never a new empty file."""
    path = province(pile, tmp_path / "chỉ đọc")
    sessions = make_reader(path)
    with sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM trusted_signer")) == 2
        with pytest.raises(OperationalError, match="readonly"):
            session.execute(text("DELETE FROM trusted_signer"))
            session.commit()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM trusted_signer").fetchone() == (2,)
    finally:
        con.close()
    missing = tmp_path / "không có" / "tinh.sqlite3"
    with pytest.raises(OperationalError), make_reader(missing)() as session:
        session.scalar(text("SELECT 1"))
    assert not missing.exists() and not missing.parent.exists()


def test_a_dry_run_of_the_pile_answers_the_same_and_writes_nothing(pile, tmp_path, monkeypatch):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off")
    ahead_db, ahead, used = import_pile(pile, tmp_path / "thử", monkeypatch, True, dry_run=True)
    one_db, one, _ = import_pile(pile, tmp_path / "thử một một", monkeypatch, False,
                                 dry_run=True)
    untouched = province(pile, tmp_path / "chưa nhập")
    assert used.verified_ahead >= 5
    assert ahead == one
    assert [code for _n, _ok, code, _m in ahead].count("ok") == 6
    assert state(ahead_db) == state(one_db) == state(untouched)
    assert ledger(ahead_db) == []


def test_a_pile_stopped_midway_leaves_no_helper_process_behind(pile, tmp_path, monkeypatch):
    """The import stops in the middle of the pile (the officer closes the program, the disk
    fills): the helper process is ended with it, never left running."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off")

    class Stopped(Exception):
        pass

    def stop_at_the_fifth(index, total, name):
        if index == 4:
            raise Stopped

    with pytest.raises(Stopped):
        import_pile(pile, tmp_path / "dừng", monkeypatch, True, progress=stop_at_the_fifth)
    made = Watched.made[-1]
    assert made.worker_pids, "the helper process was never running"
    assert not helper_alive(made.worker_pids[0]), "the helper was left running"
