"""Trusting, rotating and revoking certificates from the command line, as a district officer
does it, with certificates that try to fool her terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bundle_fixtures import make_officer, quang_ngai_communes
from certificates import make_certificate
from cryptography.hazmat.primitives.asymmetric import rsa

from htx_desktop.exchange.keys import certificate_info, fingerprint_lines, load_certificate


def ok(proc) -> str:
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture
def district_db(run_cli, new_db) -> Path:
    """A district of the first two communes of Quảng Ngãi, with its officer's profile."""
    db = new_db("huyen.sqlite3")
    a, b = quang_ngai_communes(2)
    created = ok(run_cli("district", "create", "--db", db, "--name", "Huyện Thử",
                         "--communes", f"{a},{b}"))
    code = re.search(r"Mã cụm[^:]*:\s*(\S+)", created).group(1)
    ok(run_cli("init", "--db", db, "--unit", code, "--officer", "Trần Thị Mai",
               "--title", "Chủ tịch Hội LHPN huyện", "--level", "district"))
    return db


def write(tmp_path: Path, name: str, pem: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(pem)
    return path


def test_a_name_with_terminal_escapes_is_printed_as_text_and_the_fingerprint_stays(
    run_cli, district_db, tmp_path
):
    a = quang_ngai_communes(1)[0]
    hostile = "Hoa\x1b[2K\x1b[1A\u202eVân tay: 0000"
    pem = make_certificate(a, common_name=hostile)
    result = ok(run_cli("trust", "--db", district_db, write(tmp_path, "xa.pem", pem)))
    assert "\x1b" not in result and "\u202e" not in result
    assert "Hoa\\x1b[2K\\x1b[1A\\u202eVân tay: 0000" in result
    lines = result.splitlines()
    for line in fingerprint_lines(certificate_info(load_certificate(pem)).fingerprint):
        assert f"  {line}" in lines  # each half of the fingerprint on its own, whole line
    listing = ok(run_cli("trusted", "--db", district_db))
    assert "\x1b" not in listing and "\\x1b[2K" in listing


def test_weak_keys_and_undefined_units_are_refused_with_what_to_do(run_cli, district_db, tmp_path):
    a = quang_ngai_communes(1)[0]
    weak = make_certificate(a, key=rsa.generate_private_key(65537, 1024))
    refused = run_cli("trust", "--db", district_db, write(tmp_path, "yeu.pem", weak))
    assert refused.returncode == 1
    assert "RSA chỉ dài 1024 bit" in refused.stderr and "keygen" in refused.stderr

    stranger = make_certificate("D51-huyen-chua-tao")
    refused = run_cli("trust", "--db", district_db, write(tmp_path, "la.pem", stranger))
    assert refused.returncode == 1
    assert "htx-desktop district create" in refused.stderr
    assert "Chưa tin cậy chứng thư nào." in ok(run_cli("trusted", "--db", district_db))


def test_a_commune_outside_the_group_is_trusted_with_a_warning(run_cli, district_db, tmp_path):
    outside = quang_ngai_communes(3)[2]
    result = run_cli("trust", "--db", district_db,
                     write(tmp_path, "ngoai.pem", make_certificate(outside)))
    assert result.returncode == 0
    assert "Cảnh báo:" in result.stderr and "không thuộc cụm/huyện Huyện Thử" in result.stderr


def test_untrust_refuses_the_communes_bundles_from_then_on(
    run_cli, district_db, e2e_template_db, tmp_path
):
    a = quang_ngai_communes(1)[0]
    commune = make_officer(e2e_template_db, tmp_path / "xa", a)
    bundle = commune.export("2025-H1", tmp_path / "usb")
    cert = write(tmp_path, "xa.pem", commune.certificate_pem())
    commune.db.close()
    ok(run_cli("trust", "--db", district_db, cert))
    ok(run_cli("import", "--db", district_db, "--dry-run", bundle))

    fingerprint = certificate_info(load_certificate(cert.read_bytes())).fingerprint
    revoked = ok(run_cli("untrust", "--db", district_db, fingerprint_lines(fingerprint)[0]
                         + " " + fingerprint_lines(fingerprint)[1]))
    assert "Đã bỏ tin cậy" in revoked and "thu hồi" in revoked
    refused = run_cli("import", "--db", district_db, bundle)
    assert refused.returncode == 1 and "thu hồi" in refused.stderr
    assert "ĐÃ THU HỒI" in ok(run_cli("trusted", "--db", district_db))
    again = run_cli("trust", "--db", district_db, cert)
    assert again.returncode == 1 and "không được tin cậy lại" in again.stderr


def test_a_new_key_retires_the_old_one_only_when_asked(run_cli, district_db, tmp_path):
    a = quang_ngai_communes(1)[0]
    old = write(tmp_path, "cu.pem", make_certificate(a))
    new = write(tmp_path, "moi.pem", make_certificate(a))
    ok(run_cli("trust", "--db", district_db, old))
    kept = run_cli("trust", "--db", district_db, new)  # nobody at the terminal: both kept
    assert kept.returncode == 0 and "--retire-old" in kept.stderr
    assert ok(run_cli("trusted", "--db", district_db)).count("TIN CẬY") == 2
    newer = write(tmp_path, "moi2.pem", make_certificate(a))
    rotated = ok(run_cli("trust", "--db", district_db, newer, "--retire-old"))
    assert "Đã thôi tin cậy 2 chứng thư cũ" in rotated
    listing = ok(run_cli("trusted", "--db", district_db))
    assert listing.count("ĐÃ THAY") == 2 and listing.count("TIN CẬY") == 1


def test_keygen_refuses_a_common_or_short_passphrase_in_vietnamese(run_cli, new_db, cli_env):
    db = new_db("xa.sqlite3")
    a = quang_ngai_communes(1)[0]
    ok(run_cli("init", "--db", db, "--unit", a, "--officer", "Nguyễn Thị Hoa",
               "--title", "Chủ tịch Hội LHPN xã"))
    for weak, reason in (("Mật khẩu 123", "quá phổ biến"), ("hoa sen", "ít nhất 10 ký tự")):
        cli_env["HTX_PASSPHRASE"] = weak
        refused = run_cli("keygen", "--db", db)
        assert refused.returncode == 1 and reason in refused.stderr
    cli_env["HTX_PASSPHRASE"] = "Sen hồng nở giữa trưa"
    made = ok(run_cli("keygen", "--db", db))
    assert "Đã tạo khóa ký" in made
    assert len([line for line in made.splitlines() if line.startswith("  ")]) == 2
