"""The signature checker (`exchange/signing.py`) is the root of all trust: every way a signature
can be wrong is tried here, each forgery otherwise perfect (hashes that match, attributes
re-signed with the signer's own key) so that exactly one check stands between it and
acceptance. `tools/mutation.sh` removes or bends each check in turn and expects a test here to
fail; the honest cases (EC and RSA keys, PDF and manifest) keep the checks from refusing
everything.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from asn1crypto import cms, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import NameOID

from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.keys import certificate_info
from htx_desktop.exchange.signing import (
    SigningIdentity,
    _check_validity,
    _der_end,
    sign_detached,
    sign_pdf,
    verify_detached,
    verify_pdf,
)

MANIFEST = b'{"unit": "21211", "period": "2025"}'
NOW = datetime.now(UTC)


@dataclass(frozen=True)
class Signer:
    key: Any
    cert: x509.Certificate

    @property
    def identity(self) -> SigningIdentity:
        return SigningIdentity(self.key, self.cert)

    def sign(self, data: bytes) -> bytes:
        if isinstance(self.key, rsa.RSAPrivateKey):
            return self.key.sign(data, padding.PKCS1v15(), hashes.SHA256())
        if isinstance(self.key, ed25519.Ed25519PrivateKey):
            return self.key.sign(data)
        return self.key.sign(data, ec.ECDSA(hashes.SHA256()))


def make_signer(
    kind: str = "ec",
    usage: dict[str, bool] | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    key_usage: bool = True,
    extra_name: list[x509.NameAttribute] | None = None,
) -> Signer:
    key: Any = {
        "ec": lambda: ec.generate_private_key(ec.SECP256R1()),
        "rsa": lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ed25519": ed25519.Ed25519PrivateKey.generate,
    }[kind]()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Thị Hoa"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, kind),
            *(extra_name or []),
        ]
    )
    flags = {
        "digital_signature": True,
        "content_commitment": True,
        "key_encipherment": False,
        "data_encipherment": False,
        "key_agreement": False,
        "key_cert_sign": False,
        "crl_sign": False,
        "encipher_only": False,
        "decipher_only": False,
    } | (usage or {})
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - timedelta(days=1))
        .not_valid_after(not_after or NOW + timedelta(days=365))
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
        )
    )
    if key_usage:
        builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    algorithm = None if kind == "ed25519" else hashes.SHA256()
    return Signer(key, builder.sign(key, algorithm))


@pytest.fixture(scope="module")
def ec_signer() -> Signer:
    return make_signer("ec")


@pytest.fixture(scope="module")
def rsa_signer() -> Signer:
    return make_signer("rsa")


@pytest.fixture(scope="module")
def honest(ec_signer: Signer) -> bytes:
    return sign_detached(MANIFEST, ec_signer.identity)


# --- building forgeries --------------------------------------------------------------------


def attr(kind: str, *values: Any) -> cms.CMSAttribute:
    return cms.CMSAttribute({"type": kind, "values": list(values)})


def protection(digest: str = "sha256", signature: str = "sha256_ecdsa") -> Any:
    return cms.CMSAlgorithmProtection(
        {
            "digest_algorithm": {"algorithm": digest},
            "signature_algorithm": {"algorithm": signature},
        }
    )


def signing_cert_v2(cert: x509.Certificate, algorithm: str = "sha256") -> Any:
    der = cert.public_bytes(serialization.Encoding.DER)
    return tsp.SigningCertificateV2(
        {
            "certs": [
                {
                    "hash_algorithm": {"algorithm": algorithm},
                    "cert_hash": hashlib.new(algorithm, der).digest(),
                }
            ]
        }
    )


def standard_attrs(signer: Signer, data: bytes, signature_alg: str) -> list[cms.CMSAttribute]:
    return [
        attr("content_type", "data"),
        attr("cms_algorithm_protection", protection("sha256", signature_alg)),
        attr("message_digest", hashlib.sha256(data).digest()),
        attr("signing_certificate_v2", signing_cert_v2(signer.cert)),
    ]


def build_cms(
    signer: Signer,
    data: bytes = MANIFEST,
    edit_attrs: Callable[[list[cms.CMSAttribute]], list[cms.CMSAttribute]] | None = None,
    digest_alg: str = "sha256",
    signature_alg: str | None = None,
    certificates: list[x509.Certificate] | None = None,
    sid: str = "issuer_and_serial_number",
    content_type: str = "data",
    attached: bytes | None = None,
    extra_signer_infos: int = 0,
    forge_signature: Callable[[bytes], bytes] | None = None,
    signed_attrs: bool = True,
) -> bytes:
    """A CMS SignedData made by hand, as an attacker holding (or not) the key would make it:
    every field as the application's signer writes it, except what the test bends."""
    rsa_key = isinstance(signer.key, rsa.RSAPrivateKey)
    ed_key = isinstance(signer.key, ed25519.Ed25519PrivateKey)
    default_alg = "sha256_rsa" if rsa_key else "ed25519" if ed_key else "sha256_ecdsa"
    sig_alg = signature_alg or default_alg
    attrs = standard_attrs(signer, data, sig_alg)
    if edit_attrs is not None:
        attrs = edit_attrs(attrs)
    cert = asn1_x509.Certificate.load(signer.cert.public_bytes(serialization.Encoding.DER))
    if sid == "issuer_and_serial_number":
        signer_id = cms.SignerIdentifier(
            name="issuer_and_serial_number",
            value={"issuer": cert.issuer, "serial_number": cert.serial_number},
        )
    else:
        signer_id = cms.SignerIdentifier(name="subject_key_identifier", value=cert.key_identifier)
    if signed_attrs:
        set_of = cms.CMSAttributes(attrs)
        to_sign = set_of.dump()
        signature = signer.sign(to_sign)
    else:
        set_of = None
        signature = signer.sign(data)
    if forge_signature is not None:
        signature = forge_signature(signature)
    info = {
        "version": "v1",
        "sid": signer_id,
        "digest_algorithm": {"algorithm": digest_alg},
        "signature_algorithm": {"algorithm": sig_alg},
        "signature": signature,
    }
    if set_of is not None:
        info["signed_attrs"] = set_of
    infos = [cms.SignerInfo(info)] * (1 + extra_signer_infos)
    certs = [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
        for c in (certificates if certificates is not None else [signer.cert])
    ]
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [{"algorithm": digest_alg}],
            "encap_content_info": {"content_type": content_type, "content": attached},
            "certificates": certs,
            "signer_infos": infos,
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump()


def flip_last_byte(signature: bytes) -> bytes:
    return signature[:-1] + bytes([signature[-1] ^ 0x01])


def refused(signature: bytes, code: str = "manifest_signature_invalid") -> None:
    with pytest.raises(BundleRejected) as caught:
        verify_detached(MANIFEST, signature)
    assert caught.value.code == code


def without(kind: str) -> Callable[[list[cms.CMSAttribute]], list[cms.CMSAttribute]]:
    return lambda attrs: [a for a in attrs if a["type"].native != kind]


def replaced(kind: str, new: cms.CMSAttribute) -> Callable[..., list[cms.CMSAttribute]]:
    return lambda attrs: [new if a["type"].native == kind else a for a in attrs]


# --- the honest signatures --------------------------------------------------------------------


def test_the_applications_own_signature_verifies_and_names_the_signer(ec_signer, honest):
    info = verify_detached(MANIFEST, honest)
    assert info.fingerprint == hashlib.sha256(
        ec_signer.cert.public_bytes(serialization.Encoding.DER)
    ).hexdigest()


def test_an_rsa_key_signs_and_verifies_as_well_as_an_ec_key(rsa_signer):
    made_by_app = sign_detached(MANIFEST, rsa_signer.identity)
    assert verify_detached(MANIFEST, made_by_app).common_name == "Nguyễn Thị Hoa"
    assert verify_detached(MANIFEST, build_cms(rsa_signer)).common_name == "Nguyễn Thị Hoa"


@pytest.mark.parametrize("kind", ["ec", "rsa"])
def test_the_hand_built_reference_signature_is_accepted(kind, ec_signer, rsa_signer):
    """The forgeries below differ from this one in exactly one point."""
    signer = ec_signer if kind == "ec" else rsa_signer
    verify_detached(MANIFEST, build_cms(signer))
    verify_detached(MANIFEST, build_cms(signer, sid="subject_key_identifier"))
    verify_detached(MANIFEST, build_cms(signer, edit_attrs=without("cms_algorithm_protection")))
    verify_detached(MANIFEST, build_cms(signer, edit_attrs=without("signing_certificate_v2")))


def test_a_certificate_limited_to_non_repudiation_or_without_key_usage_still_signs():
    only_commitment = make_signer(usage={"digital_signature": False})
    verify_detached(MANIFEST, build_cms(only_commitment))
    no_usage = make_signer(key_usage=False)
    verify_detached(MANIFEST, build_cms(no_usage))


# --- forged signature values --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["ec", "rsa"])
def test_matching_hashes_with_a_forged_signature_value_are_refused(kind, ec_signer, rsa_signer):
    signer = ec_signer if kind == "ec" else rsa_signer
    refused(build_cms(signer, forge_signature=flip_last_byte))


def test_a_signature_made_by_another_key_over_the_same_attributes_is_refused(ec_signer):
    thief = make_signer("ec")
    impostor = Signer(thief.key, ec_signer.cert)  # the victim's certificate, the thief's key
    refused(build_cms(impostor))


def test_the_manifest_changed_after_signing_is_refused(honest):
    with pytest.raises(BundleRejected) as caught:
        verify_detached(MANIFEST + b" ", honest)
    assert caught.value.code == "manifest_signature_invalid"


# --- signed attributes ---------------------------------------------------------------------


def test_a_signature_without_signed_attributes_is_refused(ec_signer):
    refused(build_cms(ec_signer, signed_attrs=False))


@pytest.mark.parametrize("kind", ["content_type", "message_digest"])
def test_a_missing_signed_attribute_is_refused(ec_signer, kind):
    refused(build_cms(ec_signer, edit_attrs=without(kind)))


@pytest.mark.parametrize("kind", ["content_type", "message_digest", "signing_certificate_v2"])
def test_a_duplicated_signed_attribute_is_refused(ec_signer, kind):
    def twice(attrs: list[cms.CMSAttribute]) -> list[cms.CMSAttribute]:
        return attrs + [a for a in attrs if a["type"].native == kind]

    refused(build_cms(ec_signer, edit_attrs=twice))


def test_an_attribute_with_two_values_is_refused(ec_signer):
    digest = hashlib.sha256(MANIFEST).digest()
    refused(build_cms(ec_signer, edit_attrs=replaced(
        "message_digest", attr("message_digest", digest, digest)
    )))


def test_a_content_type_attribute_other_than_data_is_refused(ec_signer):
    refused(build_cms(ec_signer, edit_attrs=replaced(
        "content_type", attr("content_type", "signed_data")
    )))


def test_an_encapsulated_content_type_other_than_data_is_refused(ec_signer):
    refused(build_cms(ec_signer, content_type="signed_data"))


def test_a_message_digest_of_other_content_is_refused(ec_signer):
    other = hashlib.sha256(b"other").digest()
    refused(build_cms(ec_signer, edit_attrs=replaced(
        "message_digest", attr("message_digest", other)
    )))


# --- algorithms ------------------------------------------------------------------------------


def test_a_digest_algorithm_other_than_sha256_is_refused(ec_signer):
    """Declared SHA-512 over a SHA-256 digest and no algorithm protection: only the declared
    digest algorithm is wrong."""
    refused(build_cms(
        ec_signer, digest_alg="sha512", edit_attrs=without("cms_algorithm_protection")
    ))


@pytest.mark.parametrize(
    "digest, signature", [("sha512", "sha256_ecdsa"), ("sha256", "sha256_rsa")]
)
def test_algorithm_protection_naming_other_algorithms_is_refused(ec_signer, digest, signature):
    refused(build_cms(ec_signer, edit_attrs=replaced(
        "cms_algorithm_protection", attr("cms_algorithm_protection", protection(digest, signature))
    )))


def test_a_signature_algorithm_that_does_not_fit_the_key_is_refused(ec_signer, rsa_signer):
    def unprotected(a: list[cms.CMSAttribute]) -> list[cms.CMSAttribute]:
        return without("cms_algorithm_protection")(a)

    refused(build_cms(ec_signer, signature_alg="sha256_rsa", edit_attrs=unprotected))
    refused(build_cms(rsa_signer, signature_alg="sha256_ecdsa", edit_attrs=unprotected))
    refused(build_cms(ec_signer, signature_alg="sha512_ecdsa", edit_attrs=unprotected))
    refused(build_cms(rsa_signer, signature_alg="sha1_rsa", edit_attrs=unprotected))


def test_the_generic_algorithm_names_are_accepted_with_sha256(ec_signer, rsa_signer):
    """"ecdsa" and "rsassa_pkcs1v15" name no hash; the digest algorithm (SHA-256) does."""
    verify_detached(MANIFEST, build_cms(
        ec_signer, signature_alg="ecdsa", edit_attrs=without("cms_algorithm_protection")
    ))
    verify_detached(MANIFEST, build_cms(
        rsa_signer, signature_alg="rsassa_pkcs1v15",
        edit_attrs=without("cms_algorithm_protection"),
    ))


# --- the certificate -------------------------------------------------------------------------


def test_a_signing_certificate_attribute_naming_another_certificate_is_refused(ec_signer):
    other = make_signer("ec")
    refused(build_cms(ec_signer, edit_attrs=replaced(
        "signing_certificate_v2", attr("signing_certificate_v2", signing_cert_v2(other.cert))
    )))


def test_a_signing_certificate_attribute_hashed_with_sha1_is_refused(ec_signer):
    refused(build_cms(ec_signer, edit_attrs=replaced(
        "signing_certificate_v2",
        attr("signing_certificate_v2", signing_cert_v2(ec_signer.cert, "sha1")),
    )))


def test_a_certificate_whose_key_usage_forbids_signatures_is_refused():
    encipher_only = make_signer(
        usage={
            "digital_signature": False,
            "content_commitment": False,
            "key_encipherment": True,
        }
    )
    refused(build_cms(encipher_only))


def test_an_expired_certificate_is_refused_with_its_own_reason():
    expired = make_signer(
        not_before=NOW - timedelta(days=800), not_after=NOW - timedelta(days=1)
    )
    with pytest.raises(BundleRejected) as caught:
        verify_detached(MANIFEST, build_cms(expired))
    assert caught.value.code == "cert_expired"
    assert "hết hạn" in str(caught.value)


def test_a_certificate_not_yet_valid_is_refused_with_its_own_reason():
    future = make_signer(not_before=NOW + timedelta(days=2), not_after=NOW + timedelta(days=9))
    with pytest.raises(BundleRejected) as caught:
        verify_detached(MANIFEST, build_cms(future))
    assert caught.value.code == "cert_not_yet_valid"


# --- the shape of the CMS --------------------------------------------------------------------


def test_a_cms_carrying_another_certificate_too_is_refused(ec_signer):
    other = make_signer("ec")
    refused(build_cms(ec_signer, certificates=[ec_signer.cert, other.cert]), "bad_signature_file")


def test_a_cms_whose_signer_is_not_among_its_certificates_is_refused(ec_signer):
    other = make_signer("ec")
    refused(build_cms(ec_signer, certificates=[other.cert]), "bad_signature_file")
    refused(build_cms(ec_signer, certificates=[other.cert], sid="subject_key_identifier"),
            "bad_signature_file")


def test_a_cms_without_certificates_or_with_two_signers_is_refused(ec_signer):
    refused(build_cms(ec_signer, certificates=[]), "bad_signature_file")
    refused(build_cms(ec_signer, extra_signer_infos=1), "bad_signature_file")


def test_a_cms_carrying_the_content_itself_is_refused(ec_signer):
    refused(build_cms(ec_signer, attached=MANIFEST), "bad_signature_file")


def test_a_content_info_that_is_not_signed_data_is_refused():
    data = cms.ContentInfo({"content_type": "data", "content": MANIFEST}).dump()
    refused(data, "bad_signature_file")
    refused(b"\x30\x03\x02\x01\x00", "bad_signature_file")


def test_a_certificate_with_the_same_serial_but_another_issuer_is_not_the_signer(ec_signer):
    """The signer identifier names issuer and serial; both must match."""
    cms_der = build_cms(ec_signer)
    content = cms.ContentInfo.load(cms_der)
    sid = content["content"]["signer_infos"][0]["sid"].chosen
    sid["issuer"] = asn1_x509.Name.build({"common_name": "Người khác"})
    refused(content.dump(force=True), "bad_signature_file")


def test_a_certificate_with_another_serial_is_not_the_signer(ec_signer):
    cms_der = build_cms(ec_signer)
    content = cms.ContentInfo.load(cms_der)
    sid = content["content"]["signer_infos"][0]["sid"].chosen
    sid["serial_number"] = sid["serial_number"].native + 1
    refused(content.dump(force=True), "bad_signature_file")


# --- the PDF ---------------------------------------------------------------------------------


def _plain_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    page.drawString(72, 720, "Bao cao ky 2025: 12 HTX")
    page.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def signed_pdf(ec_signer: Signer) -> bytes:
    return sign_pdf(_plain_pdf(), ec_signer.identity, "Báo cáo", "Quảng Ngãi")


def _hole(pdf: bytes) -> tuple[int, int]:
    import re

    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    assert match is not None
    return int(match[2]), int(match[3])


def with_cms(pdf: bytes, new_cms: bytes) -> bytes:
    """The PDF with its signature's CMS replaced, zero-padded into the same hole."""
    start, end = _hole(pdf)
    width = end - start - 2
    encoded = new_cms.hex().encode()
    assert len(encoded) <= width
    return pdf[: start + 1] + encoded + b"0" * (width - len(encoded)) + pdf[end - 1 :]


def cms_of(pdf: bytes) -> bytes:
    start, end = _hole(pdf)
    raw = bytes.fromhex(pdf[start + 1 : end - 1].decode())
    return raw[: _der_end(raw)]


def pdf_refused(pdf: bytes, expected: Any) -> None:
    with pytest.raises(BundleRejected) as caught:
        verify_pdf(pdf, expected)
    assert caught.value.code == "pdf_signature_invalid"


def pdf_digest(pdf: bytes) -> bytes:
    start, end = _hole(pdf)
    return hashlib.sha256(pdf[:start] + pdf[end:]).digest()


def test_the_signed_report_verifies(ec_signer, signed_pdf):
    verify_pdf(signed_pdf, certificate_info(ec_signer.cert))
    rebuilt = with_cms(signed_pdf, build_cms(ec_signer, data=b"", edit_attrs=replaced(
        "message_digest", attr("message_digest", pdf_digest(signed_pdf))
    )))
    verify_pdf(rebuilt, certificate_info(ec_signer.cert))


def test_a_report_with_matching_hashes_and_a_forged_signature_value_is_refused(
    ec_signer, signed_pdf
):
    forged = with_cms(signed_pdf, build_cms(
        ec_signer,
        edit_attrs=replaced("message_digest", attr("message_digest", pdf_digest(signed_pdf))),
        forge_signature=flip_last_byte,
    ))
    pdf_refused(forged, certificate_info(ec_signer.cert))


def test_a_report_signed_by_another_certificate_than_the_manifests_is_refused(signed_pdf):
    pdf_refused(signed_pdf, certificate_info(make_signer("ec").cert))


def test_a_report_changed_or_extended_after_signing_is_refused(ec_signer, signed_pdf):
    expected = certificate_info(ec_signer.cert)
    pdf_refused(signed_pdf + b"\n% appended\n", expected)
    changed = signed_pdf.replace(b"12 HTX", b"99 HTX")
    assert changed != signed_pdf
    pdf_refused(changed, expected)


def test_a_report_with_a_second_byte_range_or_a_partial_one_is_refused(ec_signer, signed_pdf):
    expected = certificate_info(ec_signer.cert)
    pdf_refused(signed_pdf + b"\n% /ByteRange [0 1 2 3]\n", expected)
    start, end = _hole(signed_pdf)
    import re

    match = re.search(rb"/ByteRange\s*\[[^\]]*\]", signed_pdf)
    assert match is not None
    for fake in (
        f"[1 {start - 1} {end} {len(signed_pdf) - end}]",  # does not start at 0
        f"[0 {start} {end} {len(signed_pdf) - end - 1}]",  # stops before the end
        f"[0 {end} {end} {len(signed_pdf) - end}]",  # no hole at all
        f"[0 0 {end} {len(signed_pdf) - end}]",  # nothing before the hole
    ):
        text = fake.encode().ljust(len(match[0]) - len(b"/ByteRange "))
        tampered = signed_pdf[: match.start()] + b"/ByteRange " + text + signed_pdf[match.end():]
        assert len(tampered) == len(signed_pdf)
        pdf_refused(tampered, expected)


def test_a_report_whose_hole_holds_more_than_the_cms_is_refused(ec_signer, signed_pdf):
    expected = certificate_info(ec_signer.cert)
    start, end = _hole(signed_pdf)
    body = signed_pdf[start + 1 : end - 1]
    # Something after the CMS's own length, where only zero padding may be.
    used = len(cms_of(signed_pdf)) * 2
    smuggled = body[:used] + b"41" + body[used + 2 :]
    pdf_refused(signed_pdf[: start + 1] + smuggled + signed_pdf[end - 1 :], expected)
    not_hex = body[:-2] + b"zz"
    pdf_refused(signed_pdf[: start + 1] + not_hex + signed_pdf[end - 1 :], expected)


def test_the_report_goes_through_the_same_cms_checks(ec_signer, signed_pdf):
    """One forgery of the attributes inside the PDF, to show it reaches `_check_cms`."""
    expected = certificate_info(ec_signer.cert)
    forged = with_cms(signed_pdf, build_cms(ec_signer, edit_attrs=lambda attrs: [
        a for a in replaced("message_digest", attr("message_digest", pdf_digest(signed_pdf)))(
            attrs
        ) if a["type"].native != "content_type"
    ]))
    pdf_refused(forged, expected)


def test_der_lengths_are_read_in_short_and_long_form():
    assert _der_end(b"\x30\x03abc") == 5
    assert _der_end(b"\x30\x81\x80" + b"x" * 128) == 3 + 128
    assert _der_end(b"\x30\x82\x01\x00" + b"x" * 256) == 4 + 256
    for bad in (b"", b"\x30", b"\x31\x00", b"\x30\x80", b"\x30\x85\x01\x02\x03\x04\x05",
                b"\x30\x82\x01"):
        with pytest.raises(ValueError):
            _der_end(bad)


# --- what the officer is told, and the edges -------------------------------------------------


def test_each_refusal_says_what_happened_and_what_to_do(ec_signer, signed_pdf):
    """The messages in full: they are what the receiving officer reads and acts on."""
    def message(call: Callable[[], object]) -> str:
        with pytest.raises(BundleRejected) as caught:
            call()
        return str(caught.value)

    assert message(lambda: verify_detached(MANIFEST, b"\x30\x00")) == (
        "Tệp chữ ký manifest.json.p7s bị hỏng hoặc không đúng định dạng. "
        "Hãy xin người gửi xuất lại gói dữ liệu."
    )
    assert message(lambda: verify_detached(MANIFEST + b"!", build_cms(ec_signer))) == (
        "Chữ ký của tệp manifest.json không khớp: gói dữ liệu đã bị sửa sau khi ký, hoặc "
        "chữ ký lấy từ gói khác. Không nhập gói này; hãy xin người gửi gửi lại."
    )
    assert message(lambda: verify_pdf(signed_pdf + b"%", certificate_info(ec_signer.cert))) == (
        "Chữ ký trong báo cáo PDF không hợp lệ hoặc PDF đã bị sửa sau khi ký. "
        "Không dùng gói này; hãy xin người gửi xuất lại."
    )
    info = certificate_info(ec_signer.cert)
    early = message(lambda: _check_validity(info, info.not_before - timedelta(seconds=1)))
    assert early == (
        f"Chứng thư của người ký chỉ có hiệu lực từ {info.not_before:%d/%m/%Y %H:%M}. "
        "Hãy kiểm tra đồng hồ của máy gửi và máy này, rồi xin gói dữ liệu mới."
    )
    late = message(lambda: _check_validity(info, info.not_after + timedelta(seconds=1)))
    assert late == (
        f"Chứng thư của người ký đã hết hạn ngày {info.not_after:%d/%m/%Y}. "
        "Người gửi cần tạo khóa mới, gửi chứng thư mới và xuất lại gói dữ liệu."
    )


def test_a_certificate_is_valid_from_its_first_to_its_last_second(ec_signer):
    info = certificate_info(ec_signer.cert)
    _check_validity(info, info.not_before)
    _check_validity(info, info.not_after)


def test_a_key_of_a_kind_the_checker_does_not_know_is_refused():
    refused(build_cms(make_signer("ed25519")))


def test_a_malformed_signing_certificate_attribute_is_refused_not_skipped(ec_signer):
    empty = tsp.SigningCertificateV2({"certs": []})
    refused(build_cms(ec_signer, edit_attrs=replaced(
        "signing_certificate_v2", attr("signing_certificate_v2", empty)
    )))


def test_the_signer_is_found_when_its_issuer_is_spelt_differently_but_means_the_same(ec_signer):
    """RFC 5280 name matching ignores case and repeated spaces: a signer identifier naming
    the issuer that way still points at the certificate, and only at it."""
    content = cms.ContentInfo.load(build_cms(ec_signer))
    sid = content["content"]["signer_infos"][0]["sid"].chosen
    issuer = sid["issuer"].copy()
    for rdn in issuer.chosen:
        for type_value in rdn:
            if type_value["type"].native == "common_name":
                type_value["value"] = asn1_x509.DirectoryString(
                    name="utf8_string", value="nguyễn  THỊ hoa"
                )
    sid["issuer"] = issuer
    certificate = content["content"]["certificates"][0].chosen
    assert sid["issuer"].dump(force=True) != certificate.issuer.dump()
    verify_detached(MANIFEST, content.dump(force=True))


def test_der_lengths_at_their_edges():
    assert _der_end(b"\x30\x00") == 2
    assert _der_end(b"\x30\x81\x05") == 3 + 5  # the length bytes end exactly at the data
    assert _der_end(b"\x30\x84\x00\x00\x00\x01" + b"x") == 6 + 1


def test_a_report_with_a_second_byte_range_in_its_own_text_is_refused(ec_signer):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    page.drawString(72, 720, "/ByteRange")
    page.save()
    pdf = sign_pdf(buffer.getvalue(), ec_signer.identity, "Báo cáo", "Quảng Ngãi")
    pdf_refused(pdf, certificate_info(ec_signer.cert))


def _with_byte_range(pdf: bytes, values: tuple[int, int, int, int], signer: Signer) -> bytes:
    """The PDF with another /ByteRange (same width) and a CMS re-signed over exactly the bytes
    the checker hashes for it, so that only the range itself is wrong."""
    import re

    match = re.search(rb"/ByteRange\s*\[[^\]]*\]", pdf)
    assert match is not None
    text = ("[" + " ".join(map(str, values)) + "]").encode()
    text = text.ljust(len(match[0]) - len(b"/ByteRange "))
    tampered = pdf[: match.start()] + b"/ByteRange " + text + pdf[match.end() :]
    assert len(tampered) == len(pdf)
    _, length1, start2, _ = values
    digest = hashlib.sha256(tampered[:length1] + tampered[start2:]).digest()
    return with_cms(tampered, build_cms(signer, edit_attrs=replaced(
        "message_digest", attr("message_digest", digest)
    )))


def test_a_re_signed_report_whose_range_skips_its_first_byte_or_its_end_is_refused(
    ec_signer, signed_pdf
):
    expected = certificate_info(ec_signer.cert)
    start, end = _hole(signed_pdf)
    size = len(signed_pdf)
    honest = _with_byte_range(signed_pdf, (0, start, end, size - end), ec_signer)
    verify_pdf(honest, expected)  # the re-signing itself is sound
    pdf_refused(_with_byte_range(signed_pdf, (1, start, end, size - end), ec_signer), expected)
    pdf_refused(_with_byte_range(signed_pdf, (0, start, end, size - end - 1), ec_signer), expected)


def test_padding_after_the_cms_must_be_zeros_not_any_byte(ec_signer, signed_pdf):
    expected = certificate_info(ec_signer.cert)
    start, end = _hole(signed_pdf)
    used = len(cms_of(signed_pdf)) * 2
    for smuggled in (b"58", b"20", b"ff"):
        body = signed_pdf[start + 1 : end - 1]
        body = body[:used] + smuggled + body[used + 2 :]
        pdf_refused(signed_pdf[: start + 1] + body + signed_pdf[end - 1 :], expected)


def test_the_report_signature_tells_readers_who_signed_why_and_where():
    """What Acrobat, Foxit or pdfsig show for the signature: the field, the PAdES sub-filter,
    the reason, the place and the signer's name (cut to 200 characters)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    long_name = [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Hội Liên hiệp Phụ nữ " + "x" * 40),
        x509.NameAttribute(NameOID.TITLE, "Chủ tịch Hội Liên hiệp Phụ nữ " + "y" * 30),
        x509.NameAttribute(NameOID.LOCALITY_NAME, "Quảng Ngãi " + "z" * 50),
    ]
    signer = make_signer(extra_name=long_name)
    subject = signer.cert.subject.rfc4514_string()
    assert len(subject) > 200
    pdf = sign_pdf(_plain_pdf(), signer.identity, "Báo cáo kỳ 2025", "Xã Tịnh Khê")
    embedded = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(embedded) == 1
    sig = embedded[0]
    assert sig.field_name == "ChuKyHTX"
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert sig.sig_object["/Reason"] == "Báo cáo kỳ 2025"
    assert sig.sig_object["/Location"] == "Xã Tịnh Khê"
    assert sig.sig_object["/Name"] == subject[:200]

