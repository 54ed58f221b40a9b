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
from test_merge import receiver, state

from htx_desktop.exchange import pipeline, service
from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.keys import certificate_info
from htx_desktop.exchange.signing import SigningIdentity, sign_detached
from htx_desktop.exchange.trust_store import revoke
from htx_desktop.storage.database import open_database

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

    def __init__(self, paths):
        super().__init__(paths)
        self.made.append(self)
        self.worker_pids: list[int] = []

    def verify(self, index, path, session):
        if self._first is not None and not self.worker_pids and self._started is not None:
            self.worker_pids.append(self._started.result())
        return super().verify(index, path, session)


def import_pile(pile, folder: Path, monkeypatch, ahead: bool, progress=None, files=None,
                watcher=None, before=None):
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
        outcomes = service.import_files(db, files or pile["files"], progress=progress)
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


#: How many opened bundles the helper process still holds, as an expression it evaluates
#: (a function of this module would make the helper import the test module).
OPENED_IN_HELPER = "len(__import__('htx_desktop.exchange.pipeline', fromlist=['_opened'])._opened)"


class Counting(Watched):
    """Asks the helper, before letting it go, how many opened bundles it still holds."""

    left: ClassVar[list[int]] = []

    def close(self):
        if self._pool is not None:
            self.left.append(self._pool.submit(eval, OPENED_IN_HELPER).result(timeout=60))
        super().close()


def test_the_helper_lets_go_of_every_bundle_a_revoked_signer_sent(pile, tmp_path, monkeypatch):
    """Commune B's laptop was lost and its key revoked: half of a pile of twelve files are its
    bundles. Each is refused for that, the same with the helper as without, and the helper
    keeps none of them in memory afterwards (it once kept every bundle refused at admission,
    up to 16 MB each, until the end of the batch)."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pipeline stays off")
    a1, b1 = pile["files"][0], pile["files"][1]
    files = [a1, b1] * 6

    def b_revoked(db):
        with db.session() as s:
            revoke(s, pile["signers"][1].certificate_pem())

    def run(folder: Path, ahead: bool):
        Counting.left.clear()
        return import_pile(pile, folder, monkeypatch, ahead, files=files, watcher=Counting,
                           before=b_revoked)

    ahead_db, ahead, used = run(tmp_path / "ahead", ahead=True)
    left = list(Counting.left)
    one_db, one, _ = run(tmp_path / "một một", ahead=False)
    assert used.verified_ahead >= 3 and not used.abandoned
    assert [code for _n, _ok, code, _m in ahead].count("signer_revoked") == 6
    assert ahead == one
    assert state(ahead_db) == state(one_db)
    assert left == [0], "the helper still held bundles refused at admission"


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
