"""An officer signs with her USB token: the key stays on the token, the PIN is asked each
time, and the signatures carry the CA chain so a stranger checks them with openssl and pdfsig."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from softhsm_token import USER_PIN, SoftToken

from htx_desktop.exchange import token as tk
from htx_desktop.exchange.signing import sign_detached, verify_detached


def _ref(token: SoftToken, name: str) -> tk.TokenRef:
    return tk.TokenRef(module=token.module, serial=token.serial, cert_id=token.ids[name],
                       token_label=token.label)


def test_the_token_and_its_certificates_are_listed(token: SoftToken) -> None:
    [info] = [t for t in tk.list_tokens(token.module) if t.serial == token.serial]
    assert info.label == token.label
    names = {c.info.common_name for c in tk.list_certificates(token.module, token.serial)}
    assert "Nguyễn Thị Lan" in names


def test_a_reference_survives_being_saved_as_text(token: SoftToken) -> None:
    ref = _ref(token, "lan")
    assert tk.TokenRef.from_uri(ref.uri()) == ref
    assert tk.is_token_reference(ref.uri())


def test_manifest_signed_on_the_token_verifies_here_and_with_openssl(
    token: SoftToken, ca: tuple, tmp_path: Path
) -> None:
    root, _mid = ca
    data = "Báo cáo 6 tháng".encode()
    with tk.open_token_identity(_ref(token, "lan"), USER_PIN) as identity:
        signature = sign_detached(data, identity)
    info = verify_detached(data, signature)
    assert info.fingerprint == tk.certificate_info(token.certs["lan"]).fingerprint
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    (tmp_path / "m.json").write_bytes(data)
    (tmp_path / "m.p7s").write_bytes(signature)
    (tmp_path / "root.pem").write_bytes(root.cert.public_bytes(serialization.Encoding.PEM))
    done = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-content",
         str(tmp_path / "m.json"), "-in", str(tmp_path / "m.p7s"), "-CAfile",
         str(tmp_path / "root.pem"), "-purpose", "any", "-out", "/dev/null"],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Verification successful" in done.stderr


def test_a_wrong_pin_is_said_in_vietnamese_and_nothing_is_signed(token: SoftToken) -> None:
    with pytest.raises(tk.WrongPin, match="PIN"), \
            tk.open_token_identity(_ref(token, "lan"), "000000"):
        pass


def test_an_expired_certificate_refuses_before_signing(token: SoftToken) -> None:
    with pytest.raises(tk.TokenError, match="hết hạn"), \
            tk.open_token_identity(_ref(token, "expired"), USER_PIN):
        pass


def test_a_certificate_without_signing_usage_refuses(token: SoftToken) -> None:
    with pytest.raises(tk.TokenError, match="không dùng để ký"), \
            tk.open_token_identity(_ref(token, "encrypt-only"), USER_PIN):
        pass


def test_a_missing_token_is_said_plainly(token: SoftToken) -> None:
    gone = tk.TokenRef(module=token.module, serial="khong-co", cert_id=token.ids["lan"])
    with pytest.raises(tk.TokenError, match="cắm USB token"), \
            tk.open_token_identity(gone, USER_PIN):
        pass
