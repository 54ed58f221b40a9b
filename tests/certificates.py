"""Certificates made to order for tests of the trust store: any name (HTML, terminal escapes),
any key (weak RSA, small curves, DSA) and any signature hash, made with `cryptography` the way
an attacker or an old tool would make them."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def make_certificate(
    unit_code: str,
    common_name: str = "Nguyễn Thị Hoa",
    organization: str = "Hội LHPN xã",
    key: Any = None,
    hash_algorithm: Any = None,
    serial: str | None = None,
) -> bytes:
    """A self-issued certificate in PEM, OU = `unit_code`, as HTX Desktop writes them unless
    told otherwise."""
    key = key if key is not None else ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit_code),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, serial or os.urandom(8).hex()),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hash_algorithm if hash_algorithm is not None else hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


#: sha256WithRSAEncryption and sha1WithRSAEncryption: OIDs of one length, differing in the
#: last byte, so a certificate can be re-signed with SHA-1 in place (`cryptography` no longer
#: signs certificates with SHA-1, but old tools did and such certificates still load).
_SHA256_RSA = bytes.fromhex("06092a864886f70d01010b")
_SHA1_RSA = bytes.fromhex("06092a864886f70d010105")


def make_sha1_certificate(unit_code: str, common_name: str = "Nguyễn Thị Hoa") -> bytes:
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    key = rsa.generate_private_key(65537, 2048)
    cert = x509.load_pem_x509_certificate(make_certificate(unit_code, common_name, key=key))
    der = cert.public_bytes(serialization.Encoding.DER)
    tbs = cert.tbs_certificate_bytes
    sha1_tbs = tbs.replace(_SHA256_RSA, _SHA1_RSA)
    signature = key.sign(sha1_tbs, padding.PKCS1v15(), hashes.SHA1())
    der = der.replace(tbs, sha1_tbs).replace(_SHA256_RSA, _SHA1_RSA)
    der = der.replace(cert.signature, signature)
    forged = x509.load_der_x509_certificate(der)
    assert isinstance(forged.signature_hash_algorithm, hashes.SHA1)
    return forged.public_bytes(serialization.Encoding.PEM)
