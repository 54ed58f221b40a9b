"""Signatures a stranger can check with standard tools: a detached CMS over the manifest
(`openssl cms -verify`) and a PAdES signature inside the PDF (`pdfsig`, any PDF reader).

pyHanko signs (imported inside the functions: it costs ~0.5 s to import; its coroutines are
run with `asyncio.run`, which is safe on the CLI and on the GUI's worker threads). Verifying
both signatures goes through one small CMS check (`_check_cms`) on asn1crypto and
cryptography: the same checks pyHanko's validator makes for a directly trusted certificate, at
a fraction of a millisecond instead of ~100 ms per bundle.
"""

from __future__ import annotations

import asyncio
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.keys import CertificateInfo, certificate_info
from htx_desktop.exchange.token import TokenIdentity, signing_failure
from htx_desktop.storage.base import utcnow


@dataclass(frozen=True)
class SigningIdentity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate


Identity = SigningIdentity | TokenIdentity


def _signer(identity: Identity) -> Any:
    if isinstance(identity, TokenIdentity):
        return identity.signer
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert = asn1_x509.Certificate.load(identity.cert.public_bytes(serialization.Encoding.DER))
    key = asn1_keys.PrivateKeyInfo.load(
        identity.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=cert, signing_key=key, cert_registry=SimpleCertificateStore.from_certs([cert])
    )


def sign_detached(data: bytes, identity: Identity) -> bytes:
    """DER CMS SignedData over `data`, carrying the signer's certificate (and, from a token,
    the CA chain)."""
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    # The signing time (the signer's clock) is what a receiver judges a CA certificate's
    # validity and revocation at; pyHanko adds it to general data only when asked.
    attributes = PdfCMSSignedAttributes(signing_time=datetime.now(UTC))
    try:
        content_info = asyncio.run(
            _signer(identity).async_sign_general_data(
                data, "sha256", detached=True, signed_attr_settings=attributes
            )
        )
    except Exception as exc:
        failure = signing_failure(exc)
        if failure is exc:
            raise
        raise failure from None
    return bytes(content_info.dump())


def sign_pdf(
    pdf: bytes,
    identity: Identity,
    reason: str,
    location: str,
    keywords: tuple[str, ...] = (),
) -> bytes:
    """An invisible PAdES B-B signature over the whole document; `keywords` go into the
    document information written with the signature, so the signature covers them."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if keywords:
        writer.document_meta.keywords = list(keywords)
    out = io.BytesIO()
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKyHTX",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=identity.cert.subject.rfc4514_string()[:200],
    )
    try:
        signers.sign_pdf(writer, meta, signer=_signer(identity), output=out)
    except Exception as exc:
        failure = signing_failure(exc)
        if failure is exc:
            raise
        raise failure from None
    return out.getvalue()


def _check_validity(info: CertificateInfo, now: datetime | None = None) -> None:
    moment = now or utcnow()
    if moment < info.not_before:
        raise BundleRejected(
            "cert_not_yet_valid",
            f"Chứng thư của người ký chỉ có hiệu lực từ {info.not_before:%d/%m/%Y %H:%M}. "
            "Hãy kiểm tra đồng hồ của máy gửi và máy này, rồi xin gói dữ liệu mới.",
        )
    if moment > info.not_after:
        raise BundleRejected(
            "cert_expired",
            f"Chứng thư của người ký đã hết hạn ngày {info.not_after:%d/%m/%Y}. "
            "Người gửi cần tạo khóa mới, gửi chứng thư mới và xuất lại gói dữ liệu.",
        )


def _load_signed_data(signature: bytes) -> tuple[Any, Any, Any]:
    """(SignedData, its one SignerInfo, the signer's certificate) of a DER CMS ContentInfo;
    ValueError when it has any other shape."""
    from asn1crypto import cms

    content = cms.ContentInfo.load(signature)
    if content["content_type"].native != "signed_data":
        raise ValueError("not SignedData")
    signed_data = content["content"]
    certs = [c.chosen for c in signed_data["certificates"] if c.name == "certificate"]
    infos = signed_data["signer_infos"]
    if len(infos) != 1 or not certs:
        raise ValueError("shape")
    if signed_data["encap_content_info"]["content"].native is not None:
        raise ValueError("not detached")
    signer_info = infos[0]
    signer_cert = next(c for c in certs if _matches_sid(c, signer_info["sid"]))
    signer_der = signer_cert.dump()
    # Besides the signer's own certificate only CA certificates may ride along (a token's
    # chain up to its root): they grant nothing by being there, the receiver's anchors decide.
    if any(c.dump() != signer_der and not c.ca for c in certs):
        raise ValueError("foreign certificate")
    return signed_data, signer_info, signer_cert


def signing_time(signature: bytes) -> datetime | None:
    """The signing-time attribute of a CMS signature (the signer's clock: a claim, the only
    time an offline signature has), as naive UTC; None when absent or not a single time."""
    _signed_data, signer_info, _cert = _load_signed_data(signature)
    for attr in signer_info["signed_attrs"] or ():
        if attr["type"].dotted != "1.2.840.113549.1.9.5":
            continue
        values = attr["values"]
        if len(values) != 1:
            return None
        # asn1crypto parses the attribute as a Time: an aware datetime
        return values[0].native.astimezone(UTC).replace(tzinfo=None)
    return None


def carried_chain(signature: bytes) -> list[x509.Certificate]:
    """The CA certificates a CMS signature carries besides the signer's (a token's chain), for
    building the path to an anchor the receiver installed; empty for a self-signed officer."""
    signed_data, _info, signer_cert = _load_signed_data(signature)
    signer_der = signer_cert.dump()
    return [
        x509.load_der_x509_certificate(c.chosen.dump())
        for c in signed_data["certificates"]
        if c.name == "certificate" and c.chosen.dump() != signer_der
    ]


def _check_cms(signed_data: Any, signer_info: Any, signer_cert: Any, content_digest: bytes) -> bool:
    """The one cryptographic check both signatures go through (the manifest's detached CMS and
    the PDF's PAdES CMS): SHA-256 over the content, a `data` content type and the matching
    message digest in the signed attributes, the algorithm-protection and signing-certificate
    attributes (when present) naming this signer and these algorithms, a key usage allowing
    signatures, and the signature over the signed attributes verified with the certificate's
    public key. This is what pyHanko's validator checks for a certificate trusted directly
    (trust root = signer certificate: there is no chain to build and no revocation offline),
    without its PDF parsing and asyncio machinery (~100 ms per bundle measured)."""
    import hashlib

    from asn1crypto import tsp
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    digest_algorithm = signer_info["digest_algorithm"]["algorithm"].native
    signature_algorithm = signer_info["signature_algorithm"]["algorithm"].native
    if digest_algorithm != "sha256":
        return False
    if signed_data["encap_content_info"]["content_type"].native != "data":
        return False
    attrs = signer_info["signed_attrs"]
    if not attrs:  # without signed attributes nothing binds the content type and the digest
        return False
    seen: dict[str, Any] = {}
    for attr in attrs:
        values = attr["values"]
        name = attr["type"].dotted
        if name in seen or len(values) != 1:
            return False
        seen[name] = values[0]
    content_type = seen.get("1.2.840.113549.1.9.3")
    message_digest = seen.get("1.2.840.113549.1.9.4")
    if content_type is None or content_type.native != "data":
        return False
    if message_digest is None or message_digest.native != content_digest:
        return False
    protection = seen.get("1.2.840.113549.1.9.52")  # CMSAlgorithmProtection (RFC 6211)
    if protection is not None:
        native = protection.native
        if (
            native["digest_algorithm"]["algorithm"] != digest_algorithm
            or (native["signature_algorithm"] or {}).get("algorithm") != signature_algorithm
        ):
            return False
    cert_der = signer_cert.dump()
    ess = seen.get("1.2.840.113549.1.9.16.2.47")  # signing-certificate-v2 (PAdES)
    if ess is not None:
        first = tsp.SigningCertificateV2.load(ess.dump())["certs"][0]
        if first["hash_algorithm"]["algorithm"].native != "sha256" or (
            first["cert_hash"].native != hashlib.sha256(cert_der).digest()
        ):
            return False
    cert = x509.load_der_x509_certificate(cert_der)
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not (usage.digital_signature or usage.content_commitment):
            return False
    except x509.ExtensionNotFound:
        pass
    encoded = attrs.dump()
    if encoded[:1] != b"\xa0":
        return False
    signed_bytes = b"\x31" + encoded[1:]  # signed over as a universal SET OF (RFC 5652 5.4)
    key = cert.public_key()
    signature = signer_info["signature"].native
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            if signature_algorithm not in ("sha256_ecdsa", "ecdsa"):
                return False
            key.verify(signature, signed_bytes, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, rsa.RSAPublicKey):
            if signature_algorithm not in ("sha256_rsa", "rsassa_pkcs1v15"):
                return False
            key.verify(signature, signed_bytes, padding.PKCS1v15(), hashes.SHA256())
        else:
            return False
    except InvalidSignature:
        return False
    return True


def verify_detached(data: bytes, signature: bytes) -> CertificateInfo:
    """The certificate that signed `data`, or BundleRejected. Trust is decided elsewhere."""
    import hashlib

    try:
        signed_data, signer_info, signer_cert = _load_signed_data(signature)
        info = certificate_info(x509.load_der_x509_certificate(signer_cert.dump()))
    except Exception as exc:
        raise BundleRejected(
            "bad_signature_file",
            "Tệp chữ ký manifest.json.p7s bị hỏng hoặc không đúng định dạng. "
            "Hãy xin người gửi xuất lại gói dữ liệu.",
        ) from exc
    _check_validity(info)
    try:
        good = _check_cms(signed_data, signer_info, signer_cert, hashlib.sha256(data).digest())
    except Exception:
        good = False
    if not good:
        raise BundleRejected(
            "manifest_signature_invalid",
            "Chữ ký của tệp manifest.json không khớp: gói dữ liệu đã bị sửa sau khi ký, hoặc "
            "chữ ký lấy từ gói khác. Không nhập gói này; hãy xin người gửi gửi lại.",
        )
    return info


def _matches_sid(cert: Any, sid: Any) -> bool:
    """A SignerIdentifier names the certificate by issuer and serial or by key identifier."""
    if sid.name == "issuer_and_serial_number":
        wanted = sid.chosen
        if cert.serial_number != wanted["serial_number"].native:
            return False
        # Byte equality first: asn1crypto's Name comparison normalises every string (slow).
        return cert.issuer.dump() == wanted["issuer"].dump() or bool(
            cert.issuer == wanted["issuer"]
        )
    return bool(cert.key_identifier == sid.chosen.native)


_BYTE_RANGE = re.compile(
    rb"/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]"
)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _der_end(raw: bytes) -> int:
    """Where the DER SEQUENCE at the start of `raw` ends (its definite length)."""
    if len(raw) < 2 or raw[0] != 0x30:
        raise ValueError("not a DER SEQUENCE")
    first = raw[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if not 0 < count <= 4 or len(raw) < 2 + count:
        raise ValueError("bad DER length")
    return 2 + count + int.from_bytes(raw[2 : 2 + count], "big")


def verify_pdf(pdf: bytes, expected: CertificateInfo) -> None:
    """The PDF carries exactly one signature, it covers the whole file (every byte but its own
    /Contents hole, so nothing can be appended or changed), and it is a valid CMS by
    `expected`, checked by the same code as the manifest's signature."""
    import hashlib

    failure = BundleRejected(
        "pdf_signature_invalid",
        "Chữ ký trong báo cáo PDF không hợp lệ hoặc PDF đã bị sửa sau khi ký. "
        "Không dùng gói này; hãy xin người gửi xuất lại.",
    )
    try:
        ranges = list(_BYTE_RANGE.finditer(pdf))
        if len(ranges) != 1 or pdf.count(b"/ByteRange") != 1:
            raise failure
        start1, length1, start2, length2 = map(int, ranges[0].groups())
        # Whole-file coverage: [0, a) and [b, end) with the hole [a, b) being one hex string.
        if start1 != 0 or start2 + length2 != len(pdf) or not 0 < length1 < start2:
            raise failure
        hole = _HEX.fullmatch(pdf, length1, start2)
        if hole is None:  # (hex digits only: the /ByteRange itself lies in the signed bytes)
            raise failure
        raw = bytes.fromhex(hole[1].decode())
        end = _der_end(raw)
        if raw[end:].strip(b"\x00"):  # the hole is the CMS and zero padding, nothing else
            raise failure
        signed_data, signer_info, signer_cert = _load_signed_data(raw[:end])
        if hashlib.sha256(signer_cert.dump()).hexdigest() != expected.fingerprint:
            raise failure
        digest = hashlib.sha256()
        digest.update(memoryview(pdf)[:length1])
        digest.update(memoryview(pdf)[start2:])
        good = _check_cms(signed_data, signer_info, signer_cert, digest.digest())
    except BundleRejected:
        raise
    except Exception as exc:
        raise failure from exc
    if not good:
        raise failure
