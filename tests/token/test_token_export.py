"""An officer chooses her token's certificate once and exports bundles signed on the token;
a stranger checks the bundle with openssl (CA installed) and pdfsig. A wrong PIN or a token
pulled out mid-export leaves no bundle behind."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from softhsm_token import USER_PIN, SoftToken


def _cli(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "htx_desktop", *args], capture_output=True,
                          encoding="utf-8", env=env, cwd=cwd, timeout=180, check=False)


@pytest.fixture
def officer(token: SoftToken, tmp_path: Path) -> tuple[dict[str, str], Path]:
    env = {**os.environ, **token.env(), "HTX_PASSPHRASE": ""}
    db = tmp_path / "Tài liệu" / "xã.sqlite3"
    db.parent.mkdir()
    done = _cli(env, tmp_path, "init", "--db", str(db), "--unit", "21211", "--officer",
                "Nguyễn Thị Lan", "--title", "Chủ tịch Hội LHPN xã")
    assert done.returncode == 0, done.stderr
    assert _cli(env, tmp_path, "demo", "--db", str(db)).returncode == 0
    listed = _cli(env, tmp_path, "token", "list", "--module", token.module)
    assert listed.returncode == 0, listed.stderr
    assert token.ids["lan"] in listed.stdout
    used = _cli(env, tmp_path, "token", "use", "--db", str(db), "--module", token.module,
                "--serial", token.serial, "--cert-id", token.ids["lan"])
    assert used.returncode == 0, used.stdout + used.stderr
    return env, db


def test_a_bundle_signed_on_the_token_checks_with_standard_tools(
    officer: tuple[dict[str, str], Path], ca: tuple, tmp_path: Path
) -> None:
    env, db = officer
    done = _cli({**env, "HTX_TOKEN_PIN": USER_PIN}, tmp_path, "export", "--db", str(db),
                "--period", "2025-H1", "--out", str(tmp_path / "gửi"))
    assert done.returncode == 0, done.stderr
    bundle = Path(done.stdout.strip().splitlines()[-1])
    unpacked = tmp_path / "bundle"
    zipfile.ZipFile(bundle).extractall(unpacked)
    root, _mid = ca
    (tmp_path / "root.pem").write_bytes(root.cert.public_bytes(serialization.Encoding.PEM))
    if shutil.which("openssl"):
        checked = subprocess.run(
            ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-content",
             str(unpacked / "manifest.json"), "-in", str(unpacked / "manifest.json.p7s"),
             "-CAfile", str(tmp_path / "root.pem"), "-purpose", "any", "-out", "/dev/null"],
            capture_output=True, text=True, check=False)
        assert "Verification successful" in checked.stderr, checked.stderr
    if shutil.which("pdfsig"):
        sig = subprocess.run(["pdfsig", str(unpacked / "report.pdf")], capture_output=True,
                             text=True, check=False)
        assert "Nguyễn Thị Lan" in sig.stdout
    verified = _cli(env, tmp_path, "verify", str(bundle))
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_wrong_pin_writes_no_bundle(officer: tuple[dict[str, str], Path],
                                      tmp_path: Path) -> None:
    env, db = officer
    out_dir = tmp_path / "gửi"
    done = _cli({**env, "HTX_TOKEN_PIN": "999999"}, tmp_path, "export", "--db", str(db),
                "--period", "2025-H1", "--out", str(out_dir))
    assert done.returncode == 1
    assert "Mã PIN của USB token không đúng" in done.stderr
    assert "999999" not in done.stdout + done.stderr
    assert not list(out_dir.glob("*.zip")) if out_dir.exists() else True


def test_a_token_pulled_out_mid_export_leaves_nothing(
    officer: tuple[dict[str, str], Path], token: SoftToken, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The module is finalised between the PDF's signature and the manifest's, as when the
    officer pulls the token out during the export."""
    env, db = officer
    from htx_desktop.exchange import bundle as bundle_module
    from htx_desktop.exchange import signing
    from htx_desktop.exchange.token import TokenError
    from htx_desktop.storage.database import open_database

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    real_sign_detached = signing.sign_detached

    import pkcs11

    module = pkcs11.lib(token.module)

    def pulled_out(data: bytes, identity: object) -> bytes:
        module.finalize()
        try:
            return real_sign_detached(data, identity)  # type: ignore[arg-type]
        finally:
            module.reinitialize()

    monkeypatch.setattr(bundle_module, "sign_detached", pulled_out)
    out_dir = tmp_path / "gửi"
    database = open_database(db)
    try:
        with database.session() as session, pytest.raises(TokenError, match="rút ra"):
            bundle_module.export_bundle(session, "2025-H1", USER_PIN, out_dir)
    finally:
        database.close()
    assert not out_dir.exists() or not any(out_dir.iterdir())
