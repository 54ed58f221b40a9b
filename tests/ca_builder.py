"""A small certification authority for the tests: a root, an intermediate, officer
certificates (signing, expired, encryption-only) and revocation lists, built with
`cryptography`. Used by the token tests (keys made on a SoftHSM token) and the trust-anchor
screens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from htx_desktop.exchange.keys import UNIT_ATTRIBUTE


def _name(common: str, *, unit: str | None = None, org: str = "Hội LHPN") -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    if unit:
        parts.append(x509.NameAttribute(UNIT_ATTRIBUTE, unit))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common))
    return x509.Name(parts)


def _usage(*, sign: bool, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=sign, content_commitment=sign,
                         key_encipherment=not sign and not ca, data_encipherment=False,
                         key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                         encipher_only=False, decipher_only=False)


@dataclass
class Authority:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def make_ca(now: datetime, root_cn: str = "CA gốc thử nghiệm") -> tuple[Authority, Authority]:
    """A root (named `root_cn`) and an intermediate valid around `now`."""
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name(root_cn, org="Tổ chức chứng thực thử")
    root = (
        x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
        .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=365)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .add_extension(_usage(sign=False, ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()),
                       critical=False)
        .sign(root_key, hashes.SHA256())
    )
    mid_key = ec.generate_private_key(ec.SECP256R1())
    mid = (
        x509.CertificateBuilder().subject_name(_name("CA trung gian thử nghiệm",
                                                     org="Tổ chức chứng thực thử"))
        .issuer_name(root_name).public_key(mid_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=300)).not_valid_after(now + timedelta(days=3000))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(sign=False, ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(mid_key.public_key()),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                       critical=False)
        .sign(root_key, hashes.SHA256())
    )
    return Authority(root, root_key), Authority(mid, mid_key)


def issue(authority: Authority, public_key: ec.EllipticCurvePublicKey, common: str, unit: str,
          *, not_before: datetime, not_after: datetime, sign_usage: bool = True
          ) -> x509.Certificate:
    return (
        x509.CertificateBuilder().subject_name(_name(common, unit=unit))
        .issuer_name(authority.cert.subject).public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before).not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(sign=sign_usage, ca=False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            authority.key.public_key()), critical=False)
        .sign(authority.key, hashes.SHA256())
    )


def crl(
    authority: Authority,
    revoked: list[tuple[x509.Certificate, datetime]],
    now: datetime,
    next_update: timedelta = timedelta(days=7),
) -> x509.CertificateRevocationList:
    builder = (x509.CertificateRevocationListBuilder().issuer_name(authority.cert.subject)
               .last_update(now).next_update(now + next_update))
    for cert, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(cert.serial_number)
            .revocation_date(when).build())
    return builder.sign(authority.key, hashes.SHA256())


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
