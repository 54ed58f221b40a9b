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


# --- what a token's signature carries besides the signer: its CA chain and signing time ---


def _ca() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA thử nghiệm")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _issued_by(ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate
               ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Thị Lan")]))
        .issuer_name(ca.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _signed_carrying(key: ec.EllipticCurvePrivateKey, cert: x509.Certificate,
                     *others: x509.Certificate) -> bytes:
    """A detached CMS by `cert` that carries `others` too, as a token's signer does."""
    import asyncio

    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    def asn1(c: x509.Certificate) -> object:
        return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

    signer = signers.SimpleSigner(
        signing_cert=asn1(cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore.from_certs([asn1(c) for c in (cert, *others)]),
    )
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    info = asyncio.run(signer.async_sign_general_data(
        b"{}", "sha256", detached=True,
        signed_attr_settings=PdfCMSSignedAttributes(signing_time=datetime.now(UTC))))
    return bytes(info.dump())


def test_a_signature_carries_its_ca_chain_and_its_signing_time() -> None:
    from htx_desktop.exchange.signing import carried_chain, signing_time, verify_detached

    ca_key, ca = _ca()
    key, cert = _issued_by(ca_key, ca)
    signature = _signed_carrying(key, cert, ca)
    assert carried_chain(signature) == [ca]
    assert verify_detached(b"{}", signature).common_name == "Nguyễn Thị Lan"
    when = signing_time(signature)
    assert when is not None and when.tzinfo is None
    assert abs(when - datetime.now(UTC).replace(tzinfo=None)) < timedelta(minutes=5)
    own_key, own = _cert()
    own_signature = sign_detached(b"{}", SigningIdentity(own_key, own))
    assert carried_chain(own_signature) == []
    assert signing_time(own_signature) is not None  # our own signatures say when they were made


def test_an_officer_certificate_riding_along_is_refused() -> None:
    from htx_desktop.exchange.errors import BundleRejected
    from htx_desktop.exchange.signing import carried_chain, verify_detached

    key, cert = _cert()
    _other_key, other = _cert()  # not a CA: nothing but the signer's own may ride along
    signature = _signed_carrying(key, cert, other)
    with pytest.raises(ValueError):
        carried_chain(signature)
    with pytest.raises(BundleRejected):
        verify_detached(b"{}", signature)


def test_the_signing_time_is_utc_whatever_the_machines_time_zone(monkeypatch) -> None:
    """An officer's laptop runs on Vietnam's time; the receiver compares in UTC."""
    import time

    from htx_desktop.exchange.signing import signing_time

    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        key, cert = _cert()
        before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        when = signing_time(sign_detached(b"{}", SigningIdentity(key, cert)))
        after = datetime.now(UTC).replace(tzinfo=None)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert when is not None and before <= when <= after


def test_a_signing_time_with_two_values_is_no_signing_time() -> None:
    from asn1crypto import cms

    from htx_desktop.exchange.signing import signing_time

    key, cert = _cert()
    content = cms.ContentInfo.load(sign_detached(b"{}", SigningIdentity(key, cert)))
    attrs = content["content"]["signer_infos"][0]["signed_attrs"]
    [when] = [a for a in attrs if a["type"].dotted == "1.2.840.113549.1.9.5"]
    when["values"] = [when["values"][0], when["values"][0]]
    assert signing_time(content.dump(force=True)) is None
