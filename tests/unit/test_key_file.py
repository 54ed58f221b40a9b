"""The officer's private key file: sealed with scrypt, older files upgraded at first use, new
passphrases long and uncommon, and every file with personal data or keys owner-only."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from htx_desktop.exchange.errors import ExchangeError, PassphraseError
from htx_desktop.exchange.key_file import SCRYPT_N, open_sealed_key
from htx_desktop.exchange.keys import create_credential, load_private_key
from htx_desktop.exchange.passphrase_policy import passphrase_problem
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.backup import backup_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import OfficerCredential

GOOD = "Sen hồng nở giữa trưa"
POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def officer(fresh_db: Database):
    with fresh_db.session() as s:
        profile = create_profile(s, _a_commune(), "Lê Thị Thu", "Chủ tịch")
        info = create_credential(s, profile, GOOD, fresh_db.path)
    with fresh_db.session() as s:
        cred = s.get(OfficerCredential, info.fingerprint)
        s.expunge(cred)
    return cred


def _a_commune() -> str:
    from htx_desktop.storage.units import official_units

    return next(u.code for u in official_units() if u.level == "commune")


def test_a_new_key_is_sealed_with_scrypt_and_opens_only_with_its_passphrase(officer):
    data = Path(officer.key_file).read_bytes()
    header = json.loads(data)
    assert header["kdf"] == "scrypt" and header["n"] == SCRYPT_N >= 2**15
    assert header["cipher"] == "AES-256-GCM"
    assert b"PRIVATE KEY" not in data
    key = load_private_key(officer, GOOD)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    with pytest.raises(PassphraseError, match="không đúng"):
        load_private_key(officer, GOOD + "!")


def test_lowered_parameters_written_into_the_file_do_not_open_it(officer):
    path = Path(officer.key_file)
    header = json.loads(path.read_bytes())
    header["n"] //= 2  # half the memory per guess: the header is authenticated, so no
    with pytest.raises(PassphraseError):
        open_sealed_key(json.dumps(header).encode(), GOOD.encode())
    header["n"] = 2**10  # far too cheap: refused before anything is derived
    with pytest.raises(ExchangeError, match="hỏng"):
        open_sealed_key(json.dumps(header).encode(), GOOD.encode())


def test_a_key_file_of_the_earlier_version_is_upgraded_at_its_next_unlock(officer):
    """Earlier versions wrote PKCS#8 with 2,048 PBKDF2 rounds; the first unlock rewrites it."""
    path = Path(officer.key_file)
    key = load_private_key(officer, GOOD)
    old = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(GOOD.encode()),
    )
    path.write_bytes(old)
    with pytest.raises(PassphraseError):
        load_private_key(officer, "sai mật khẩu rồi")
    assert path.read_bytes() == old  # a wrong passphrase changes nothing

    again = load_private_key(officer, GOOD)
    assert again.private_numbers() == key.private_numbers()
    upgraded = path.read_bytes()
    assert json.loads(upgraded)["kdf"] == "scrypt"
    assert load_private_key(officer, GOOD).private_numbers() == key.private_numbers()
    if os.name == "posix":
        assert mode(path) == 0o600


@pytest.mark.parametrize(
    "passphrase",
    ["matkhau123", "Mật khẩu 123", "MATKHAU-123", "12345678", "1234567890", "anh yêu em",
     "iloveyou", "Password", "qwertyuiop", "11111111", "0000000000", "Hội Liên Hiệp",
     "aaaaaaaaaaaa", "Phụ Nữ 123"],
)
def test_common_passphrases_are_refused_in_vietnamese(passphrase, fresh_db):
    problem = passphrase_problem(passphrase)
    assert problem and ("phổ biến" in problem or "ít nhất 10 ký tự" in problem)
    with fresh_db.session() as s:
        profile = create_profile(s, _a_commune(), "Lê Thị Thu", "Chủ tịch")
        with pytest.raises(PassphraseError):
            create_credential(s, profile, passphrase, fresh_db.path)


def test_a_short_passphrase_is_refused_and_a_personal_phrase_accepted():
    assert "ít nhất 10 ký tự" in passphrase_problem("hoa sen 1")
    assert passphrase_problem(GOOD) == ""
    assert passphrase_problem("mat-khau-thu-nghiem") == ""


@POSIX
def test_database_wal_backups_and_key_folder_are_owner_only(tmp_path, officer):
    old_umask = os.umask(0o022)
    try:
        db = Database(tmp_path / "moi.sqlite3")
        with db.engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x)")
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        with db.engine.connect() as conn:  # the WAL and shared memory exist while open
            conn.exec_driver_sql("SELECT * FROM t").all()
            for suffix in ("", "-wal", "-shm"):
                assert mode(tmp_path / f"moi.sqlite3{suffix}") == 0o600, suffix
        backup = backup_database(db.path, "thu")
        db.close()
        assert mode(backup) == 0o600
        assert mode(backup.parent) == 0o700
    finally:
        os.umask(old_umask)
    key_path = Path(officer.key_file)
    assert mode(key_path) == 0o600 and mode(key_path.parent) == 0o700


@POSIX
def test_an_existing_database_left_readable_by_others_is_made_private(tmp_path):
    path = tmp_path / "cu.sqlite3"
    Database(path).close()
    os.chmod(path, 0o644)
    Database(path).close()
    assert mode(path) == 0o600
