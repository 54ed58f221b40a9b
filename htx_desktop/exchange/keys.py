"""Officer key pairs and certificates.

Each officer signs with her own ECDSA P-256 key and a self-issued X.509 certificate naming her
and her unit; receivers trust certificates one by one (after comparing fingerprints), as the
Union has no certificate authority. The private key is written encrypted with her passphrase
to a file only she can read; it never enters the database, a bundle, a log or a message.
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.durable import write_atomically
from htx_desktop.exchange.errors import ExchangeError, PassphraseError
from htx_desktop.exchange.key_file import is_sealed, open_sealed_key, seal_private_key
from htx_desktop.exchange.passphrase_policy import passphrase_problem
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.models import OfficerCredential, OfficerProfile
from htx_desktop.storage.private_files import private_dir

PASSPHRASE_ENV = "HTX_PASSPHRASE"
MAX_CERT_BYTES = 64 << 10
VALIDITY_DAYS = 365 * 10
#: The unit code travels in the certificate's OU so a receiver can tie it to a unit.
UNIT_ATTRIBUTE = NameOID.ORGANIZATIONAL_UNIT_NAME


@dataclass(frozen=True)
class CertificateInfo:
    fingerprint: str
    subject: str
    common_name: str
    unit_code: str | None
    not_before: datetime
    not_after: datetime
    pem: str
    organization: str = ""
    #: Who issued it (the subject again for an officer's own self-signed certificate) and its
    #: serial number in hex: what tells two certificates of one CA apart.
    issuer: str = ""
    serial: str = ""

    @property
    def ca_issued(self) -> bool:
        return bool(self.issuer) and self.issuer != self.subject


def fingerprint_of(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def pretty_fingerprint(fingerprint: str) -> str:
    """Groups of four, easy to read aloud over the phone when comparing."""
    return " ".join(fingerprint[i : i + 4].upper() for i in range(0, len(fingerprint), 4))


def fingerprint_lines(fingerprint: str, per_line: int = 8) -> list[str]:
    """The 16 groups of four on two lines of eight: short enough to read aloud line by line,
    and a line that goes missing on a screen is noticed."""
    groups = pretty_fingerprint(fingerprint).split()
    return [" ".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line)]


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


def certificate_info(cert: x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        fingerprint=fingerprint_of(cert),
        subject=cert.subject.rfc4514_string(),
        common_name=_attr(cert.subject, NameOID.COMMON_NAME) or "",
        unit_code=_attr(cert.subject, UNIT_ATTRIBUTE),
        not_before=cert.not_valid_before_utc.replace(tzinfo=None),
        not_after=cert.not_valid_after_utc.replace(tzinfo=None),
        pem=cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
        organization=_attr(cert.subject, NameOID.ORGANIZATION_NAME) or "",
        issuer=cert.issuer.rfc4514_string(),
        serial=f"{cert.serial_number:X}",
    )


def read_certificate_file(path: Path) -> bytes:
    """The bytes of a certificate file, refusing a file too big to be one."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_CERT_BYTES + 1)
    except OSError as exc:
        raise ExchangeError(
            f"Không đọc được tệp chứng thư “{path}”: {exc.strerror or exc}."
        ) from exc
    if len(data) > MAX_CERT_BYTES:
        raise ExchangeError("Tệp quá lớn, không phải một chứng thư số.")
    return data


def load_certificate(data: bytes) -> x509.Certificate:
    """PEM or DER; a clear message for anything else."""
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise ExchangeError(
            "Tệp không phải là chứng thư số (certificate) hợp lệ. Hãy xin lại tệp chứng thư "
            "(.pem) do cán bộ gửi xuất ra bằng lệnh “htx-desktop cert”."
        ) from exc


def check_passphrase(passphrase: str) -> None:
    """A new key's passphrase: long enough and not a common one (see passphrase_policy)."""
    problem = passphrase_problem(passphrase)
    if problem:
        raise PassphraseError(problem)


def key_dir(db_path: Path) -> Path:
    return db_path.parent / "keys"


def _write_private(path: Path, data: bytes) -> None:
    """Owner-only file in an owner-only folder, written whole (temporary file, then rename)."""
    private_dir(path.parent)
    write_atomically(path, data)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def create_credential(
    session: Session,
    profile: OfficerProfile,
    passphrase: str,
    db_path: Path,
    now: datetime | None = None,
) -> CertificateInfo:
    """A new key pair and certificate for the profile's officer and unit; older ones of this
    database stop being used for signing (they stay for the record)."""
    check_passphrase(passphrase)
    unit = profile.unit
    key = ec.generate_private_key(ec.SECP256R1())
    moment = (now or datetime.now(UTC)).replace(tzinfo=UTC)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Hội LHPN {unit.name}"[:64]),
            x509.NameAttribute(UNIT_ATTRIBUTE, unit.code),
            x509.NameAttribute(NameOID.TITLE, profile.officer_title[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, profile.officer_name[:64]),
            # A unique subject per certificate: validators get confused by two certificates
            # with one subject and different keys.
            x509.NameAttribute(NameOID.SERIAL_NUMBER, os.urandom(8).hex()),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(moment - timedelta(minutes=5))
        .not_valid_after(moment + timedelta(days=VALIDITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    info = certificate_info(cert)
    key_path = key_dir(db_path) / f"{db_path.stem}-{info.fingerprint[:16]}.key"
    _write_private(key_path, seal_private_key(key, _secret(passphrase)))
    for old in session.scalars(select(OfficerCredential).where(OfficerCredential.active)):
        old.active = False
    session.add(
        OfficerCredential(
            fingerprint=info.fingerprint,
            unit_code=unit.code,
            subject=info.subject,
            certificate_pem=info.pem,
            key_file=str(key_path),
            not_after=info.not_after,
            active=True,
            created_at=utcnow(),
        )
    )
    session.flush()
    return info


def find_active_credential(session: Session) -> OfficerCredential | None:
    """The officer's signing credential in use, if this database has one yet."""
    return session.scalars(
        select(OfficerCredential).where(OfficerCredential.active).limit(1)
    ).first()


def active_credential(session: Session) -> OfficerCredential:
    cred = find_active_credential(session)
    if cred is None:
        raise ExchangeError(
            "Máy này chưa có khóa ký của cán bộ. Hãy tạo khóa bằng lệnh "
            "“htx-desktop keygen” (hoặc trong Cài đặt) trước khi xuất gói dữ liệu."
        )
    return cred


def load_private_key(cred: OfficerCredential, passphrase: str) -> ec.EllipticCurvePrivateKey:
    path = Path(cred.key_file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(
            f"Không đọc được tệp khóa ký ở {path}. Nếu đã chuyển máy, hãy tạo khóa mới và gửi "
            "chứng thư mới cho cấp trên."
        ) from exc
    secret = _secret(passphrase)
    if is_sealed(data):
        key = open_sealed_key(data, secret)
    else:
        # A key file of an earlier version (PKCS#8 with 2,048 PBKDF2 rounds): opened once more
        # the old way, then sealed again with scrypt in its place, so an old file on a stolen
        # laptop stops being the cheap one to attack from the first export after the update.
        try:
            key = serialization.load_pem_private_key(data, secret)
        except (ValueError, TypeError):
            raise PassphraseError("Mật khẩu khóa ký không đúng. Hãy nhập lại.") from None
        if isinstance(key, ec.EllipticCurvePrivateKey):
            _write_private(path, seal_private_key(key, secret))
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ExchangeError("Tệp khóa ký không đúng loại (cần khóa ECDSA P-256).")
    return key


def _secret(passphrase: str) -> bytes:
    """NFC first: Vietnamese input methods may send the same letters composed or decomposed,
    and the same passphrase must open the key whichever way it was typed."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def passphrase_from_env() -> str | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value if value else None
