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
from datetime import datetime
from pathlib import Path

from ca_builder import Authority, crl, issue, make_ca, now_utc
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

__all__ = ["Authority", "SoftToken", "add_officer", "crl", "init_token", "issue", "make_ca",
           "now_utc", "softhsm_module"]

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
