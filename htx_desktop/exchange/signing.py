"""Signatures a stranger can check with standard tools: a detached CMS over the manifest
(`openssl cms -verify`) and a PAdES signature inside the PDF (`pdfsig`, any PDF reader).

pyHanko is imported inside the functions (it costs ~0.5 s to import) and its coroutines are
run with `asyncio.run`, which is safe on the CLI and on the GUI's worker threads.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.keys import CertificateInfo, certificate_info
from htx_desktop.storage.base import utcnow


@dataclass(frozen=True)
class SigningIdentity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate


def _signer(identity: SigningIdentity) -> Any:
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


def sign_detached(data: bytes, identity: SigningIdentity) -> bytes:
    """DER CMS SignedData over `data`, carrying the signer's certificate."""
    content_info = asyncio.run(
        _signer(identity).async_sign_general_data(data, "sha256", detached=True)
    )
    return bytes(content_info.dump())


def sign_pdf(pdf: bytes, identity: SigningIdentity, reason: str, location: str) -> bytes:
    """An invisible PAdES B-B signature over the whole document."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = io.BytesIO()
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKyHTX",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=identity.cert.subject.rfc4514_string()[:200],
    )
    signers.sign_pdf(writer, meta, signer=_signer(identity), output=out)
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


def verify_detached(data: bytes, signature: bytes) -> CertificateInfo:
    """The certificate that signed `data`, or BundleRejected. Trust is decided elsewhere."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    try:
        content = cms.ContentInfo.load(signature)
        signed_data = content["content"]
        certs = [c.chosen for c in signed_data["certificates"]]
        infos = signed_data["signer_infos"]
        if content["content_type"].native != "signed_data" or len(infos) != 1 or not certs:
            raise ValueError("shape")
        signer_cert = next(c for c in certs if _matches_sid(c, infos[0]["sid"]))
    except Exception as exc:
        raise BundleRejected(
            "bad_signature_file",
            "Tệp chữ ký manifest.json.p7s bị hỏng hoặc không đúng định dạng. "
            "Hãy xin người gửi xuất lại gói dữ liệu.",
        ) from exc
    info = certificate_info(x509.load_der_x509_certificate(signer_cert.dump()))
    _check_validity(info)
    try:
        status = asyncio.run(
            async_validate_detached_cms(
                data,
                signed_data,
                signer_validation_context=ValidationContext(trust_roots=[signer_cert]),
            )
        )
        good = bool(status.intact and status.valid)
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
        return bool(
            cert.issuer == wanted["issuer"] and cert.serial_number == wanted["serial_number"].native
        )
    return bool(cert.key_identifier == sid.chosen.native)


def verify_pdf(pdf: bytes, expected: CertificateInfo) -> None:
    """The PDF carries exactly one valid signature covering the whole file, by `expected`."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    failure = BundleRejected(
        "pdf_signature_invalid",
        "Chữ ký trong báo cáo PDF không hợp lệ hoặc PDF đã bị sửa sau khi ký. "
        "Không dùng gói này; hãy xin người gửi xuất lại.",
    )
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        sigs = reader.embedded_signatures
        if len(sigs) != 1:
            raise failure
        signer_cert = sigs[0].signer_cert
        if asn1_x509.Certificate.load(signer_cert.dump()).sha256.hex() != expected.fingerprint:
            raise failure
        root = asn1_x509.Certificate.load(signer_cert.dump())
        status = asyncio.run(
            async_validate_pdf_signature(sigs[0], ValidationContext(trust_roots=[root]))
        )
    except BundleRejected:
        raise
    except Exception as exc:
        raise failure from exc
    if not status.bottom_line:
        raise failure
