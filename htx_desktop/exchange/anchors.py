"""Trust by certificate chain: the CA certificates a receiver installed, their revocation
lists, and the check that a token-signed bundle's certificate chains to one of them.

Officers with an official USB token hold a certificate issued by a certification authority.
The receiver installs that CA's root (and intermediates) once, as anchors; a signature whose
certificate chains to an anchor, was within its validity when signed, may sign documents and
is not revoked, is a valid signature. That alone writes nothing: the receiver still ties the
signer to one of her units (`trust_store`), because only she knows which commune an officer
reports for.

Revocation works without a network: the CA's list (CRL) is carried on the same USB stick and
imported; it is accepted only when an installed anchor signed it. A certificate revoked on or
before the signature's signing time is refused. The signing time is the signer's own clock (a
claim, the only time an offline signature has), so a signature claimed before the revocation
date is accepted only while the CRL is current; an old CRL is shown with a warning.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import MALFORMED_INPUT, BundleRejected, ExchangeError
from htx_desktop.exchange.keys import certificate_info, fingerprint_of, load_certificate
from htx_desktop.exchange.renewal import is_self_signed
from htx_desktop.exchange.trust_store import key_strength_problem
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.models import TrustAnchor

MAX_CHAIN = 6
MAX_CRL_BYTES = 16 << 20


@dataclass(frozen=True)
class AnchorStatus:
    fingerprint: str
    subject: str
    not_after: datetime
    crl_this_update: datetime | None
    crl_next_update: datetime | None
    crl_entries: int

    def crl_age_days(self, now: datetime | None = None) -> int | None:
        if self.crl_this_update is None:
            return None
        return ((now or utcnow()) - self.crl_this_update).days

    def crl_stale(self, now: datetime | None = None) -> bool:
        """No CRL, or one past its next-update time: revocations since may be missing."""
        return self.crl_next_update is None or (now or utcnow()) > self.crl_next_update


@dataclass(frozen=True)
class ChainReport:
    """How a signature's certificate chains to an anchor: the path (signer first), the anchor,
    what the revocation check found, and the signing time it was judged at."""

    path: tuple[str, ...]
    anchor: str
    revocation: str
    signing_time: datetime

    def as_dict(self) -> dict[str, object]:
        return {"chain": list(self.path), "anchor": self.anchor, "revocation": self.revocation,
                "signing_time": self.signing_time.isoformat(timespec="seconds")}


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    if not constraints.ca:
        return False
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return bool(usage.key_cert_sign)


def install_anchor(session: Session, data: bytes) -> TrustAnchor:
    """Install a CA certificate (root or intermediate) as a trust anchor."""
    cert = load_certificate(data)
    if not _is_ca(cert):
        raise ExchangeError(
            "Tệp này không phải chứng thư của tổ chức chứng thực (CA) nên không cài làm gốc "
            "tin cậy được. Hãy chọn tệp chứng thư gốc hoặc trung gian do nhà cung cấp chứng "
            "thư số phát hành."
        )
    weak = key_strength_problem(cert)
    if weak:
        raise ExchangeError(weak)
    info = certificate_info(cert)
    existing = session.get(TrustAnchor, info.fingerprint)
    if existing is not None:
        return existing
    anchor = TrustAnchor(fingerprint=info.fingerprint, subject=info.subject[:500],
                         certificate_pem=info.pem, not_after=info.not_after, added_at=utcnow())
    session.add(anchor)
    session.flush()
    return anchor


def _anchor_certs(session: Session) -> dict[str, tuple[TrustAnchor, x509.Certificate]]:
    return {
        a.fingerprint: (a, x509.load_pem_x509_certificate(a.certificate_pem.encode("ascii")))
        for a in session.scalars(select(TrustAnchor))
    }


def load_crl(data: bytes) -> x509.CertificateRevocationList:
    if len(data) > MAX_CRL_BYTES:
        raise ExchangeError("Tệp danh sách thu hồi quá lớn; hãy kiểm tra lại tệp.")
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError:
        raise ExchangeError(
            "Tệp này không phải danh sách chứng thư bị thu hồi (CRL) hợp lệ. Hãy lấy lại tệp "
            ".crl từ nhà cung cấp chứng thư số."
        ) from None


def import_crl(session: Session, data: bytes) -> TrustAnchor:
    """Keep a CRL for the installed anchor that signed it (an older one never replaces a newer
    one); refused when no installed anchor signed it."""
    crl = load_crl(data)
    for anchor, cert in _anchor_certs(session).values():
        if cert.subject != crl.issuer:
            continue
        try:
            if not crl.is_signature_valid(cert.public_key()):  # type: ignore[arg-type]
                continue
        except (TypeError, ValueError, InvalidSignature):
            continue
        this_update = _naive(crl.last_update_utc)
        if anchor.crl_this_update is not None and this_update < anchor.crl_this_update:
            raise ExchangeError(
                f"Máy này đã có danh sách thu hồi mới hơn (ngày "
                f"{anchor.crl_this_update:%d/%m/%Y}); tệp vừa chọn cũ hơn nên không dùng."
            )
        anchor.crl_der = crl.public_bytes(serialization.Encoding.DER)
        anchor.crl_this_update = this_update
        next_update = crl.next_update_utc
        anchor.crl_next_update = _naive(next_update) if next_update else None
        anchor.crl_imported_at = utcnow()
        session.flush()
        return anchor
    raise ExchangeError(
        "Danh sách thu hồi này không do tổ chức chứng thực nào đã cài trên máy ký. Hãy cài "
        "chứng thư của tổ chức đó trước (htx-desktop anchor add TỆP.pem)."
    )


def anchor_statuses(session: Session) -> list[AnchorStatus]:
    result = []
    for anchor in session.scalars(select(TrustAnchor).order_by(TrustAnchor.subject)):
        entries = len(x509.load_der_x509_crl(anchor.crl_der)) if anchor.crl_der else 0
        result.append(AnchorStatus(anchor.fingerprint, anchor.subject, anchor.not_after,
                                   anchor.crl_this_update, anchor.crl_next_update, entries))
    return result


def remove_anchor(session: Session, fingerprint: str) -> None:
    anchor = session.get(TrustAnchor, fingerprint.lower().replace(" ", "").replace(":", ""))
    if anchor is None:
        raise ExchangeError("Không thấy gốc tin cậy có dấu vân tay này trên máy.")
    session.delete(anchor)
    session.flush()


def _refuse(code: str, message: str) -> BundleRejected:
    return BundleRejected(code, message)


def _within(cert: x509.Certificate, moment: datetime) -> bool:
    return _naive(cert.not_valid_before_utc) <= moment <= _naive(cert.not_valid_after_utc)


def _issuer_of(cert: x509.Certificate, pool: list[x509.Certificate]) -> x509.Certificate | None:
    for candidate in pool:
        if candidate.subject != cert.issuer or candidate == cert:
            continue
        try:
            cert.verify_directly_issued_by(candidate)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return candidate
    return None


def _revoked(anchor: TrustAnchor, issuer: x509.Certificate,
             cert: x509.Certificate) -> datetime | None:
    """The revocation date of `cert` in the CRL held for `anchor`, if that CRL is the issuer's."""
    if not anchor.crl_der:
        return None
    crl = x509.load_der_x509_crl(anchor.crl_der)
    if crl.issuer != issuer.subject:
        return None
    entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    return _naive(entry.revocation_date_utc) if entry is not None else None


def check_chain(session: Session, signer: x509.Certificate, carried: list[x509.Certificate],
                signed_at: datetime | None) -> ChainReport:
    """The path from a CA-issued signer certificate to an installed anchor, judged at the
    signature's signing time (now when it carries none); BundleRejected (Vietnamese) when
    there is no such path or a certificate on it is expired, unfit or revoked."""
    moment = _naive(signed_at) if signed_at else utcnow()
    anchors = _anchor_certs(session)
    pool = [cert for _a, cert in anchors.values()] + [c for c in carried if _is_ca(c)]
    try:
        usage = signer.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is not None and not (usage.digital_signature or usage.content_commitment):
        raise _refuse("cert_usage", "Chứng thư của người ký không dùng để ký văn bản (thiếu "
                      "mục đích ký số); gói dữ liệu không được nhận.")
    path = [signer]
    current = signer
    for _step in range(MAX_CHAIN):
        if not _within(current, moment):
            raise _refuse("cert_expired", f"Chứng thư “{certificate_info(current).common_name}” "
                          f"không còn hiệu lực vào lúc ký ({moment:%d/%m/%Y %H:%M}); gói dữ "
                          "liệu không được nhận.")
        issuer = _issuer_of(current, pool)
        if issuer is None:
            raise _refuse(
                "no_anchor",
                "Chứng thư của người ký không dẫn tới tổ chức chứng thực nào máy này tin cậy. "
                "Hãy cài chứng thư gốc của tổ chức chứng thực đó (Cài đặt › Gốc tin cậy, hoặc "
                "htx-desktop anchor add TỆP.pem) rồi nhập lại.")
        path.append(issuer)
        held = anchors.get(fingerprint_of(issuer))
        if held is not None:
            if not _within(issuer, moment):
                raise _refuse("cert_expired", "Chứng thư của tổ chức chứng thực đã hết hạn vào "
                              "lúc ký; gói dữ liệu không được nhận.")
            return _report(session, path, held[0], moment)
        current = issuer
    raise _refuse("no_anchor", "Chuỗi chứng thư quá dài; gói dữ liệu không được nhận.")


def _report(session: Session, path: list[x509.Certificate], anchor: TrustAnchor,
            moment: datetime) -> ChainReport:
    anchors = _anchor_certs(session)
    checked = "không có danh sách thu hồi"
    for child, issuer in itertools.pairwise(path):
        for held, cert in anchors.values():
            if cert != issuer or not held.crl_der:
                continue
            checked = f"đã kiểm tra với danh sách thu hồi ngày {held.crl_this_update:%d/%m/%Y}"
            revoked_at = _revoked(held, issuer, child)
            if revoked_at is not None and revoked_at <= moment:
                raise _refuse(
                    "cert_revoked",
                    f"Chứng thư “{certificate_info(child).common_name}” đã bị thu hồi từ ngày "
                    f"{revoked_at:%d/%m/%Y}, trước lúc ký gói dữ liệu; gói không được nhận.")
    return ChainReport(
        path=tuple(certificate_info(c).subject for c in path),
        anchor=anchor.subject,
        revocation=checked,
        signing_time=moment,
    )


def chain_report(session: Session, signature: bytes,
                 signer: x509.Certificate) -> ChainReport | None:
    """For a CA-issued signer: the chain check of a CMS signature (its carried chain and its
    signing time); None for a self-signed officer certificate, checked by fingerprint alone."""
    from htx_desktop.exchange.signing import carried_chain, signing_time

    if is_self_signed(signer):
        return None
    try:
        carried, signed_at = carried_chain(signature), signing_time(signature)
        for cert in carried:  # parsed here, where a failure is the sender's bytes
            _ = (cert.subject, cert.issuer, cert.extensions, cert.public_key(),
                 cert.not_valid_before_utc, cert.not_valid_after_utc)
    except (*MALFORMED_INPUT, UnsupportedAlgorithm) as exc:
        # A certificate or signing time the parsers refuse (a length written the long way, a
        # broken extension, an unknown key type) is a damaged signature file, refused like
        # any other, never an error that stops the whole batch.
        raise _refuse(
            "bad_signature_file",
            "Tệp chữ ký manifest.json.p7s mang theo chứng thư hoặc thời điểm ký bị hỏng, "
            "không đọc được. Không nhập gói này; hãy xin người gửi xuất lại gói dữ liệu.",
        ) from exc
    return check_chain(session, signer, carried, signed_at)
