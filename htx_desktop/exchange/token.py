"""Signing with the officer's official USB token through PKCS#11.

Vietnamese officials sign with a certificate on a USB token issued by a certification
authority; the private key never leaves the token, so everything here talks to the token's own
PKCS#11 module (the vendor's .dll on Windows, a .so elsewhere) through python-pkcs11, and
pyHanko's `PKCS11Signer` makes the CMS and PAdES signatures on the token. The PIN is asked at
signing time, handed to the module and dropped: it is never stored, logged or kept in an
exception's message.

Which token and certificate the officer chose is kept as a `pkcs11:` URI (RFC 7512 style:
module path, token serial and the certificate's object id) in the credential's key reference,
so the rest of the application tells a token credential from a key file by that prefix.

Every failure a token can give is turned into one Vietnamese sentence that says what to do
(`TokenError`); the callers write nothing when one is raised.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode

from cryptography import x509

from htx_desktop.exchange.errors import ExchangeError
from htx_desktop.exchange.keys import CertificateInfo, certificate_info

URI_PREFIX = "pkcs11:"

# Where token vendors and the common middleware put their PKCS#11 modules. Only existing
# files are offered; the officer can always browse to another one.
_LINUX_MODULES = (
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
    "/usr/lib/x86_64-linux-gnu/libeToken.so",
    "/usr/lib/libeTPkcs11.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/softhsm/libsofthsm2.so",
)
_WINDOWS_MODULE_PATTERNS = ("*pkcs11*.dll", "*p11*.dll", "eTPKCS11.dll", "*csp11*.dll")


#: python-pkcs11 initialises a module with C_Initialize(NULL), which tells it only one thread
#: calls it; the GUI may list tokens on the read pool while the writer adopts a certificate
#: and an export signs. Every call into a module goes through this lock (re-entrant: a
#: listing may open the token it found), and a signing session holds it until it closes.
_MODULE_LOCK = threading.RLock()


def _serialised(function: Any) -> Any:
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        with _MODULE_LOCK:
            return function(*args, **kwargs)

    return call


class TokenError(ExchangeError):
    """The token could not sign; the message is Vietnamese and says what to do."""


class WrongPin(TokenError):
    """The PIN was refused: the dialog asks again (the token counts the tries)."""


@dataclass(frozen=True)
class TokenRef:
    """Which certificate on which token: what is remembered between signings (no PIN)."""

    module: str
    serial: str
    cert_id: str  # hex of the certificate object's CKA_ID (the key pair shares it)
    token_label: str = ""

    def uri(self) -> str:
        path = ";".join(
            f"{name}={quote(value, safe='')}"
            for name, value in (("token", self.token_label), ("serial", self.serial),
                                ("id", self.cert_id))
        )
        return f"{URI_PREFIX}{path}?{urlencode({'module-path': self.module})}"

    @classmethod
    def from_uri(cls, uri: str) -> TokenRef:
        if not uri.startswith(URI_PREFIX):
            raise TokenError("Tham chiếu thiết bị ký số không hợp lệ; hãy chọn lại thiết bị.")
        body, _, query = uri[len(URI_PREFIX):].partition("?")
        parts = dict(
            (name, unquote(value))
            for name, _, value in (item.partition("=") for item in body.split(";") if item)
        )
        module = parse_qs(query).get("module-path", [""])[0]
        if not module or not parts.get("serial") or not parts.get("id"):
            raise TokenError("Tham chiếu thiết bị ký số không đủ thông tin; hãy chọn lại thiết bị.")
        return cls(module=module, serial=parts["serial"], cert_id=parts["id"],
                   token_label=parts.get("token", ""))


def is_token_reference(key_reference: str) -> bool:
    return key_reference.startswith(URI_PREFIX)


@dataclass(frozen=True)
class TokenInfo:
    label: str
    serial: str
    manufacturer: str
    model: str


@dataclass(frozen=True)
class TokenCertificate:
    ref: TokenRef
    cert: x509.Certificate
    info: CertificateInfo


def candidate_modules() -> list[Path]:
    """Existing PKCS#11 modules in the usual places, for the settings' module choice."""
    found: list[Path] = []
    if sys.platform == "win32":
        system = Path(os.environ.get("SystemRoot", r"C:\Windows")) / "System32"
        for pattern in _WINDOWS_MODULE_PATTERNS:
            found.extend(sorted(system.glob(pattern)))
    else:
        found.extend(Path(p) for p in _LINUX_MODULES if Path(p).is_file())
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(str(path).lower(), path)
    return list(unique.values())


def _lib(module: str) -> Any:
    import pkcs11

    if not Path(module).is_file():
        raise TokenError(
            f"Không thấy tệp trình điều khiển thiết bị ký số {module}. Hãy cài phần mềm đi kèm "
            "USB token (của nhà cung cấp chứng thư số) hoặc chọn lại tệp trong Cài đặt."
        )
    try:
        return pkcs11.lib(module)
    except (pkcs11.PKCS11Error, OSError, RuntimeError) as exc:
        raise TokenError(
            f"Không nạp được trình điều khiển thiết bị ký số {module} ({type(exc).__name__}). "
            "Hãy kiểm tra đã chọn đúng tệp của nhà cung cấp USB token."
        ) from None


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


@_serialised
def list_tokens(module: str) -> list[TokenInfo]:
    """The tokens plugged in now (an empty list when none is)."""
    import pkcs11
    from pkcs11 import TokenFlag

    lib = _lib(module)
    try:
        slots = lib.get_slots(token_present=True)
        tokens = [slot.get_token() for slot in slots]
    except pkcs11.PKCS11Error as exc:
        raise _translate(exc) from None
    # A blank token (never initialised by its issuer) holds no certificate to choose.
    tokens = [t for t in tokens if t.flags & TokenFlag.TOKEN_INITIALIZED]
    return [
        TokenInfo(label=_text(t.label).strip(), serial=_text(t.serial).strip(),
                  manufacturer=_text(t.manufacturer_id).strip(), model=_text(t.model).strip())
        for t in tokens
    ]


def _token(module: str, serial: str) -> Any:
    import pkcs11

    lib = _lib(module)
    try:
        for slot in lib.get_slots(token_present=True):
            token = slot.get_token()
            if _text(token.serial).strip() == serial:
                return token
    except pkcs11.PKCS11Error as exc:
        raise _translate(exc) from None
    raise TokenError(
        "Không thấy USB token ký số đã chọn. Hãy cắm USB token vào máy (đèn trên token sáng) "
        "rồi thử lại."
    )


@_serialised
def list_certificates(module: str, serial: str) -> list[TokenCertificate]:
    """The officer certificates on a token: the CA certificates a token carries beside hers
    cannot sign documents and are left out. Certificates are public objects, read without the
    PIN; whether a private key goes with one is known only after login (private keys are
    private objects), so a certificate without one is refused when she signs."""
    import pkcs11
    from pkcs11 import Attribute, ObjectClass

    token = _token(module, serial)
    found: list[TokenCertificate] = []
    try:
        with token.open() as session:
            for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
                try:
                    cert = x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))
                    cert_id = bytes(obj[Attribute.ID]).hex()
                except (ValueError, pkcs11.PKCS11Error):
                    continue
                if _is_ca(cert):
                    continue
                ref = TokenRef(module=module, serial=serial, cert_id=cert_id,
                               token_label=_text(token.label).strip())
                found.append(TokenCertificate(ref=ref, cert=cert, info=certificate_info(cert)))
    except pkcs11.PKCS11Error as exc:
        raise _translate(exc) from None
    return found


def _translate(exc: Exception) -> TokenError:
    """One Vietnamese sentence for each way a token fails (the PIN never appears)."""
    import pkcs11.exceptions as e

    if isinstance(exc, e.PinIncorrect):
        return WrongPin("Mã PIN của USB token không đúng. Hãy nhập lại; nhập sai nhiều lần "
                        "token sẽ bị khóa.")
    if isinstance(exc, e.PinLocked):
        return TokenError("USB token đã bị khóa do nhập sai mã PIN nhiều lần. Hãy liên hệ nhà "
                          "cung cấp chứng thư số để mở khóa; chưa có gì được ghi.")
    if isinstance(exc, e.PinExpired):
        return TokenError("Mã PIN của USB token đã hết hạn. Hãy đổi mã PIN bằng phần mềm của "
                          "nhà cung cấp rồi thử lại.")
    if isinstance(exc, e.PinLenRange | e.PinInvalid):
        return WrongPin("Mã PIN không đúng độ dài hoặc có ký tự không hợp lệ. Hãy nhập lại.")
    if isinstance(exc, e.TokenNotPresent | e.DeviceRemoved | e.NoSuchToken | e.SlotIDInvalid
                  | e.SessionHandleInvalid | e.SessionClosed | e.TokenNotRecognised):
        return TokenError("USB token đã bị rút ra hoặc không đọc được. Hãy cắm lại token rồi "
                          "thử lại; chưa có gì được ghi.")
    return TokenError(f"USB token báo lỗi ({type(exc).__name__}). Hãy rút ra, cắm lại và thử "
                      "lại; chưa có gì được ghi.")


def check_certificate_usable(cert: x509.Certificate, now: datetime | None = None) -> None:
    """Refuse before signing with a certificate that has expired, is not yet valid, or may
    not sign documents: a receiver would refuse the bundle anyway."""
    moment = now or datetime.now(UTC)
    if cert.not_valid_after_utc < moment:
        raise TokenError(
            f"Chứng thư số trên USB token đã hết hạn ngày "
            f"{cert.not_valid_after_utc:%d/%m/%Y}. Hãy gia hạn với nhà cung cấp chứng thư số; "
            "chưa có gì được ghi."
        )
    if cert.not_valid_before_utc > moment:
        raise TokenError("Chứng thư số trên USB token chưa đến ngày có hiệu lực. Hãy kiểm tra "
                         "ngày giờ của máy tính.")
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise TokenError("Chứng thư số đã chọn không dùng để ký văn bản (thiếu mục đích ký số). "
                         "Hãy chọn chứng thư ký số khác trên token.")


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


@dataclass
class TokenIdentity:
    """An open, logged-in token session ready to sign: `signer` is pyHanko's PKCS11Signer,
    `cert` the officer's certificate and `chain` the CA certificates the token carries."""

    cert: x509.Certificate
    signer: Any


@contextmanager
def open_token_identity(ref: TokenRef, pin: str,
                        extra_chain: tuple[x509.Certificate, ...] = ()) -> Iterator[TokenIdentity]:
    """Log in with `pin` and yield a signing identity; the session is closed on leaving.

    The chain embedded in the signatures is every other certificate on the token plus
    `extra_chain` (intermediates the officer installed), so a receiver holding only the root
    can build the path."""
    with _MODULE_LOCK:
        yield from _token_identity(ref, pin, extra_chain)


def _token_identity(ref: TokenRef, pin: str,
                    extra_chain: tuple[x509.Certificate, ...]) -> Iterator[TokenIdentity]:
    import pkcs11
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, ObjectClass
    from pyhanko.sign.pkcs11 import PKCS11Signer

    token = _token(ref.module, ref.serial)
    cert_id = bytes.fromhex(ref.cert_id)
    try:
        session = token.open(user_pin=pin)
    except pkcs11.PKCS11Error as exc:
        raise _translate(exc) from None
    try:
        try:
            certs = [
                x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))
                for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})
            ]
            mine = [
                obj for obj in session.get_objects(
                    {Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.ID: cert_id})
            ]
        except pkcs11.PKCS11Error as exc:
            raise _translate(exc) from None
        if not mine:
            raise TokenError("Không thấy chứng thư số đã chọn trên USB token này. Hãy chọn lại "
                             "chứng thư trong Cài đặt.")
        cert = x509.load_der_x509_certificate(bytes(mine[0][Attribute.VALUE]))
        check_certificate_usable(cert)

        def asn1(c: x509.Certificate) -> Any:
            return asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))

        others = [asn1(c) for c in (*certs, *extra_chain) if c != cert and _is_ca(c)]
        # ECDSA keys sign the digest computed here (CKM_ECDSA): many tokens, SoftHSM among
        # them, offer no hash-and-sign ECDSA mechanism; RSA keys use the token's
        # SHA256-RSA-PKCS, which every token offers.
        from cryptography.hazmat.primitives.asymmetric import ec as ec_keys

        raw = isinstance(cert.public_key(), ec_keys.EllipticCurvePublicKey)
        signer = PKCS11Signer(session, signing_cert=asn1(cert), key_id=cert_id,
                              ca_chain=others, other_certs_to_pull=(),
                              use_raw_mechanism=raw)
        yield TokenIdentity(cert=cert, signer=signer)
    finally:
        try:
            session.close()
        except pkcs11.PKCS11Error:
            pass


def signing_failure(exc: BaseException) -> BaseException:
    """What to raise when signing failed: a PKCS#11 error (token pulled out mid-export, module
    finalised), also when pyHanko wrapped it, becomes the officer's Vietnamese message; any
    other error is returned unchanged."""
    seen: BaseException | None = exc
    while seen is not None:
        module = type(seen).__module__
        if module.startswith("pkcs11"):
            return _translate(seen)  # type: ignore[arg-type]
        seen = seen.__cause__ or seen.__context__
    return exc
