"""When signing fails: a USB token's PKCS#11 error (a token pulled out, also when pyHanko
wraps it) becomes the officer's Vietnamese message, any other error goes up unchanged; and the
keywords the receiver checks (data.json's hash) really go into the signed PDF."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from htx_desktop.exchange.signing import SigningIdentity, sign_detached, sign_pdf
from htx_desktop.exchange.token import TokenError, TokenIdentity


def _cert() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Thị Lan")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, cert


class _FailingSigner:
    """A token signer whose signing fails the way `error` says."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    async def async_sign_general_data(self, *_args: object, **_kwargs: object) -> object:
        raise self.error

    def __getattr__(self, name: str) -> object:  # pyHanko asks for more before it signs
        raise self.error


def _pulled_out() -> BaseException:
    import pkcs11.exceptions

    return pkcs11.exceptions.DeviceRemoved()


def _wrapped(inner: BaseException) -> BaseException:
    try:
        try:
            raise inner
        except BaseException as exc:
            raise RuntimeError("pyHanko: signing failed") from exc
    except RuntimeError as outer:
        return outer


def _one_page_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Bao cao")
    page.save()
    return out.getvalue()


@pytest.mark.parametrize("error", [_pulled_out, lambda: _wrapped(_pulled_out())])
def test_a_token_pulled_out_while_signing_the_manifest_is_said_in_vietnamese(error) -> None:
    _key, cert = _cert()
    identity = TokenIdentity(cert=cert, signer=_FailingSigner(error()))
    with pytest.raises(TokenError, match="rút ra"):
        sign_detached(b"{}", identity)


def test_any_other_failure_while_signing_goes_up_unchanged() -> None:
    _key, cert = _cert()
    boom = RuntimeError("không phải lỗi của token")
    with pytest.raises(RuntimeError) as raised:
        sign_detached(b"{}", TokenIdentity(cert=cert, signer=_FailingSigner(boom)))
    assert raised.value is boom
    with pytest.raises(RuntimeError) as raised_pdf:
        sign_pdf(_one_page_pdf(), TokenIdentity(cert=cert, signer=_FailingSigner(boom)),
                 reason="Báo cáo", location="Xã")
    assert raised_pdf.value is boom


def test_a_token_pulled_out_while_signing_the_report_is_said_in_vietnamese() -> None:
    _key, cert = _cert()
    identity = TokenIdentity(cert=cert, signer=_FailingSigner(_pulled_out()))
    with pytest.raises(TokenError, match="rút ra"):
        sign_pdf(_one_page_pdf(), identity, reason="Báo cáo", location="Xã")


def test_the_keywords_go_into_the_signed_report() -> None:
    key, cert = _cert()
    signed = sign_pdf(_one_page_pdf(), SigningIdentity(key, cert), reason="Báo cáo",
                      location="Xã", keywords=("htx-data-sha256:" + "ab" * 32,))
    assert b"htx-data-sha256:" + b"ab" * 32 in signed
