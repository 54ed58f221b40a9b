"""A small certification authority and a SoftHSM token for the token tests.

Built the way a real CA issues an officer's token: a root, an intermediate, and officer key
pairs generated ON the token (the private key is never outside it); the CA signs a certificate
for the token's public key and the certificate is written back onto the token next to its key.
Revoked, expired and wrong-usage certificates are made the same way, and a CRL by the
intermediate lists the revoked one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from htx_desktop.exchange.keys import UNIT_ATTRIBUTE

SOFTHSM_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
)
USER_PIN = "246810"
SO_PIN = "13579135"


def softhsm_module() -> str | None:
    for path in SOFTHSM_MODULES:
        if Path(path).is_file() and shutil.which("softhsm2-util"):
            return path
    return None


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


def make_ca(now: datetime) -> tuple[Authority, Authority]:
    """A root and an intermediate valid around `now`."""
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name("CA gốc thử nghiệm", org="Tổ chức chứng thực thử")
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


@dataclass
class SoftToken:
    """One initialised SoftHSM token in its own folder (SOFTHSM2_CONF points there)."""

    module: str
    conf: Path
    label: str
    serial: str = ""
    certs: dict[str, x509.Certificate] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        return {"SOFTHSM2_CONF": str(self.conf)}


def init_token(folder: Path, module: str, label: str) -> SoftToken:
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n", encoding="utf-8")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label,
                    "--so-pin", SO_PIN, "--pin", USER_PIN],
                   check=True, capture_output=True, env={**os.environ})
    import pkcs11

    token = pkcs11.lib(module).get_token(token_label=label)
    serial = token.serial.decode() if isinstance(token.serial, bytes) else str(token.serial)
    return SoftToken(module=module, conf=conf, label=label, serial=serial.strip())


def add_officer(token: SoftToken, name: str, authority: Authority, common: str, unit: str,
                *, not_before: datetime, not_after: datetime, sign_usage: bool = True,
                extra: tuple[x509.Certificate, ...] = ()) -> x509.Certificate:
    """A key pair made on the token, its certificate from `authority` written beside it (and
    `extra` CA certificates, as CAs deliver their tokens)."""
    import pkcs11
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

    key_id = os.urandom(8)
    with pkcs11.lib(token.module).get_token(token_label=token.label).open(
            rw=True, user_pin=USER_PIN) as session:
        params = session.create_domain_parameters(
            KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True)
        public, _private = params.generate_keypair(store=True, label=name, id=key_id)
        loaded = serialization.load_der_public_key(encode_ec_public_key(public))
        assert isinstance(loaded, ec.EllipticCurvePublicKey)
        cert = issue(authority, loaded, common, unit, not_before=not_before, not_after=not_after,
                     sign_usage=sign_usage)
        for index, each in enumerate((cert, *extra)):
            session.create_object({
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: name if index == 0 else f"{name}-ca{index}",
                Attribute.ID: key_id if index == 0 else os.urandom(8),
                Attribute.SUBJECT: each.subject.public_bytes(),
                Attribute.VALUE: each.public_bytes(serialization.Encoding.DER),
            })
    token.certs[name] = cert
    token.ids[name] = key_id.hex()
    return cert


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
