"""A province officer installs the CA's certificates once, ties the commune officer's token
certificate to the commune, and imports her token-signed bundle; after the CA revokes that
certificate and the officer carries the CRL in, the next bundle is refused. `verify --json`
reports the chain, the anchor, the revocation check and the signing time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from softhsm_token import USER_PIN, Authority, SoftToken, crl, now_utc


def _cli(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "htx_desktop", *args], capture_output=True,
                          encoding="utf-8", env=env, cwd=cwd, timeout=180, check=False)


def _ok(done: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@dataclass
class Scene:
    env: dict[str, str]
    commune: str
    province: str
    mid: Authority


@pytest.fixture
def setup(token: SoftToken, ca: tuple[Authority, Authority], tmp_path: Path) -> Scene:
    env = {**os.environ, **token.env(), "HTX_PASSPHRASE": "", "HTX_TOKEN_PIN": USER_PIN}
    root, mid = ca
    commune = tmp_path / "xã Tịnh Khê.sqlite3"
    province = tmp_path / "tỉnh Quảng Ngãi.sqlite3"
    _ok(_cli(env, tmp_path, "init", "--db", str(commune), "--unit", "21211", "--officer",
             "Nguyễn Thị Lan", "--title", "Chủ tịch Hội LHPN xã"))
    _ok(_cli(env, tmp_path, "demo", "--db", str(commune)))
    _ok(_cli(env, tmp_path, "token", "use", "--db", str(commune), "--module", token.module,
             "--serial", token.serial, "--cert-id", token.ids["lan"]))
    _ok(_cli(env, tmp_path, "init", "--db", str(province), "--unit", "51", "--officer",
             "Trần Thị Mai", "--title", "Chủ tịch Hội LHPN tỉnh"))
    for name, cert in (("root.pem", root.cert), ("mid.pem", mid.cert),
                       ("lan.pem", token.certs["lan"])):
        (tmp_path / name).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    _ok(_cli(env, tmp_path, "anchor", "add", str(tmp_path / "root.pem"), "--db", str(province)))
    _ok(_cli(env, tmp_path, "anchor", "add", str(tmp_path / "mid.pem"), "--db", str(province)))
    _ok(_cli(env, tmp_path, "trust", str(tmp_path / "lan.pem"), "--unit", "21211",
             "--db", str(province)))
    return Scene(env, str(commune), str(province), mid)


def _export(setup: Scene, tmp_path: Path, period: str) -> str:
    done = _ok(_cli(setup.env, tmp_path, "export", "--db", setup.commune,
                    "--period", period, "--out", str(tmp_path / "gửi")))
    return done.stdout.strip().splitlines()[-1]


def test_a_token_signed_bundle_is_imported_and_its_chain_reported(
    setup: Scene, tmp_path: Path
) -> None:
    env, province = setup.env, setup.province
    bundle = _export(setup, tmp_path, "2025-H1")
    report = json.loads(_ok(_cli(env, tmp_path, "verify", "--db", province, "--json",
                                 bundle)).stdout)
    [outcome] = report
    chain = outcome["chain"]
    assert "Nguyễn Thị Lan" in chain["chain"][0]
    assert "CA trung gian" in chain["anchor"]
    assert chain["revocation"] == "không có danh sách thu hồi"
    assert chain["signing_time"]
    _a_stranger_checks_the_pdf_with_the_root(bundle, tmp_path)
    text = _ok(_cli(env, tmp_path, "verify", "--db", province, bundle)).stdout
    assert "CA trung gian" in text
    _ok(_cli(env, tmp_path, "import", "--db", province, bundle))


def _a_stranger_checks_the_pdf_with_the_root(bundle: str, tmp_path: Path) -> None:
    """The README's check: pdfsig with the CA root in an NSS database says the signature of
    the token-signed report is valid and covers the whole file."""
    if not (shutil.which("pdfsig") and shutil.which("certutil")):
        if os.environ.get("CI"):
            pytest.fail("poppler-utils and libnss3-tools are installed by .ci/run")
        return
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", str(nss), "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", str(nss), "-n", "ca", "-t", "C,C,C", "-i",
                    str(tmp_path / "root.pem")], check=True)
    with zipfile.ZipFile(bundle) as zf:
        (tmp_path / "report.pdf").write_bytes(zf.read("report.pdf"))
    done = subprocess.run(["pdfsig", "-nssdir", str(nss), str(tmp_path / "report.pdf")],
                          capture_output=True, text=True, check=False)
    assert "Signature is Valid" in done.stdout, done.stdout + done.stderr
    assert "Certificate is Trusted" in done.stdout, done.stdout


def test_after_the_crl_revokes_her_certificate_her_bundles_are_refused(
    setup: Scene, token: SoftToken, tmp_path: Path
) -> None:
    env, province = setup.env, setup.province
    mid = setup.mid
    now = now_utc()
    revocation = crl(mid, [(token.certs["lan"], now - timedelta(minutes=10))], now)
    (tmp_path / "ca.crl").write_bytes(revocation.public_bytes(serialization.Encoding.DER))
    _ok(_cli(env, tmp_path, "crl", "import", str(tmp_path / "ca.crl"), "--db", province))
    listed = _ok(_cli(env, tmp_path, "anchor", "list", "--db", province))
    assert "1 chứng thư bị thu hồi" in listed.stdout
    bundle = _export(setup, tmp_path, "2025-H1")
    done = _cli(env, tmp_path, "import", "--db", province, bundle)
    assert done.returncode == 1
    assert "bị thu hồi" in done.stdout + done.stderr


def test_a_chain_to_a_ca_the_province_does_not_hold_is_refused(
    setup: Scene, tmp_path: Path
) -> None:
    env, province = setup.env, setup.province
    for fingerprint_line in _ok(_cli(env, tmp_path, "anchor", "list", "--db", province)
                                ).stdout.splitlines():
        if fingerprint_line.startswith("  ") and len(fingerprint_line.split()) == 16:
            _ok(_cli(env, tmp_path, "anchor", "remove", "".join(fingerprint_line.split()),
                     "--db", province))
    bundle = _export(setup, tmp_path, "2025-H1")
    done = _cli(env, tmp_path, "import", "--db", province, bundle)
    assert done.returncode == 1
    assert "không dẫn tới tổ chức chứng thực" in done.stdout + done.stderr
