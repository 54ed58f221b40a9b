"""The private key file: the key sealed with a key derived from the passphrase by scrypt.

PKCS#8 as the `cryptography` package writes it derives the key with 2,048 rounds of PBKDF2:
a stolen file could be tried against millions of passphrases a second on one graphics card.
scrypt with n=2**15, r=8, p=1 needs 32 MiB of memory per guess and took 0.08 s here, so
guessing costs memory as well as time (RFC 7914; the parameters travel in the file, so later
versions can raise them and still open older files). The sealed key is the PKCS#8 DER of the
key, encrypted with AES-256-GCM; the header is authenticated with it, so a file whose
parameters were lowered by someone else does not open.

```
{"format": "htx-private-key", "version": 1, "kdf": "scrypt", "n": 32768, "r": 8, "p": 1,
 "salt": "<base64>", "cipher": "AES-256-GCM", "nonce": "<base64>", "sealed": "<base64>"}
```
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from htx_desktop.exchange.errors import ExchangeError, PassphraseError

FORMAT = "htx-private-key"
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
#: The most a file may ask for (n up to 2**20): a hostile file cannot make opening it take
#: gigabytes.
MAX_SCRYPT_MEMORY = 1 << 30


def is_sealed(data: bytes) -> bool:
    return data.lstrip().startswith(b"{")


def _derive(secret: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        secret, salt=salt, n=n, r=r, p=p, maxmem=MAX_SCRYPT_MEMORY + (1 << 20), dklen=32
    )


def _header_bytes(header: dict[str, Any]) -> bytes:
    """What GCM authenticates: every field but the sealed data, in one spelling."""
    fields = {k: v for k, v in header.items() if k != "sealed"}
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("ascii")


def seal_private_key(key: PrivateKeyTypes, secret: bytes) -> bytes:
    salt, nonce = os.urandom(16), os.urandom(12)
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": 1,
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode("ascii"),
        "cipher": "AES-256-GCM",
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    sealed = AESGCM(_derive(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(
        nonce, der, _header_bytes(header)
    )
    header["sealed"] = base64.b64encode(sealed).decode("ascii")
    return (json.dumps(header, indent=1) + "\n").encode("ascii")


def _damaged() -> ExchangeError:
    return ExchangeError(
        "Tệp khóa ký bị hỏng hoặc không phải tệp khóa của HTX Desktop. Hãy tạo khóa mới "
        "(Cài đặt hoặc lệnh “htx-desktop keygen”) và gửi chứng thư mới cho cấp trên."
    )


def open_sealed_key(data: bytes, secret: bytes) -> PrivateKeyTypes:
    try:
        header = json.loads(data.decode("ascii"))
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
        salt = base64.b64decode(header["salt"], validate=True)
        nonce = base64.b64decode(header["nonce"], validate=True)
        sealed = base64.b64decode(header["sealed"], validate=True)
        usable = (
            header.get("format") == FORMAT
            and header.get("kdf") == "scrypt"
            and header.get("cipher") == "AES-256-GCM"
            and n >= 2**14 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16
            and 128 * n * r <= MAX_SCRYPT_MEMORY
            and len(salt) >= 16 and len(nonce) == 12
        )
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeError):
        raise _damaged() from None
    if not usable:
        raise _damaged()
    try:
        der = AESGCM(_derive(secret, salt, n, r, p)).decrypt(nonce, sealed, _header_bytes(header))
    except InvalidTag:
        raise PassphraseError("Mật khẩu khóa ký không đúng. Hãy nhập lại.") from None
    try:
        return serialization.load_der_private_key(der, None)
    except ValueError:
        raise _damaged() from None
