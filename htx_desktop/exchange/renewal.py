"""A certificate authority renews an officer's certificate: same person, same issuing CA,
another key. The receiver already tied the old certificate to a unit; the renewed one is
offered for the same unit, on her confirmation (it is never trusted silently)."""

from __future__ import annotations

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.exchange.keys import fingerprint_of
from htx_desktop.storage.models import TrustedSigner


def is_self_signed(cert: x509.Certificate) -> bool:
    return cert.issuer == cert.subject


def _person(name: x509.Name) -> list[tuple[str, str]]:
    """The subject without its serial-number attributes: what stays the same when a CA renews
    the same officer's certificate."""
    return [(a.oid.dotted_string, str(a.value)) for a in name
            if a.oid != x509.NameOID.SERIAL_NUMBER]


def _issuer_key(cert: x509.Certificate) -> bytes | None:
    """The issuing CA's key identifier: two CAs may carry the same name, not the same key."""
    try:
        return cert.extensions.get_extension_for_class(
            x509.AuthorityKeyIdentifier).value.key_identifier
    except x509.ExtensionNotFound:
        return None


def renewal_of(session: Session, cert: x509.Certificate) -> TrustedSigner | None:
    """The trusted certificate this one renews (same person, same unit attributes, same
    issuing CA, another key), so the receiver can accept it on confirmation for the same unit
    instead of choosing again. Self-signed certificates have no such relation."""
    if is_self_signed(cert):
        return None
    fingerprint = fingerprint_of(cert)
    for row in session.scalars(select(TrustedSigner).where(TrustedSigner.revoked_at.is_(None))):
        if row.fingerprint == fingerprint:
            continue
        held = x509.load_pem_x509_certificate(row.certificate_pem.encode("ascii"))
        if (
            held.issuer == cert.issuer
            and _issuer_key(held) == _issuer_key(cert)
            and _person(held.subject) == _person(cert.subject)
        ):
            return row
    return None
