"""The receiver's trust store: which certificates she accepts bundles from, and for which unit.

The Union has no certificate authority. A receiving officer trusts a sender's certificate
after the two of them read its fingerprint to each other, and ties it to one of **her own**
units (a commune of her district, a district she created): the unit written in the
certificate is only a suggestion, since anyone can write anything there. What a bundle may
write is derived from that unit as her tables define it (`trusted_unit_for`).

A certificate stops being trusted in two ways, and is kept in the store either way: revoked
(a lost laptop, an officer who left) or retired (the unit's new key replaced it). From that
moment its bundles are refused. A bundle's creation time is the sender's claim and cannot
tell an old bundle from a new one signed by a stolen key, so the rule is the simple one: a
bundle signed by a revoked or retired key is refused whenever it is imported after the
receiver stopped trusting the key, whatever date it carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from htx_desktop.exchange.errors import BundleRejected, ExchangeError
from htx_desktop.exchange.keys import (
    CertificateInfo,
    certificate_info,
    load_certificate,
    pretty_fingerprint,
)
from htx_desktop.exchange.renewal import renewal_of
from htx_desktop.storage.base import utcnow
from htx_desktop.storage.models import (
    AdministrativeUnit,
    DistrictMember,
    OfficerProfile,
    TrustedSigner,
)
from htx_desktop.storage.units import (
    COMMUNE,
    DISTRICT,
    PROVINCE,
    child_units,
    communes_of_province,
)

#: A certificate file is about 1 KB; anything much bigger is not one.
MIN_RSA_BITS = 2048
MIN_EC_BITS = 256
WEAK_HASHES = (hashes.SHA1, hashes.MD5)

STATE_TRUSTED = "trusted"
STATE_REVOKED = "revoked"
STATE_RETIRED = "retired"


@dataclass(frozen=True)
class UnitChoice:
    """A unit of the receiver's own tables the certificate can be tied to."""

    code: str
    name: str
    level: str

    def label(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True)
class TrustPlan:
    """What trusting a certificate would do, before it is done: for whom, which unit,
    the warnings to show, and the certificates of that unit it could retire."""

    info: CertificateInfo
    unit: UnitChoice
    warnings: list[str] = field(default_factory=list)
    current: list[CertificateInfo] = field(default_factory=list)
    already: bool = False


# --- what a certificate must be -------------------------------------------------------------


def key_strength_problem(cert: x509.Certificate) -> str:
    """Why a certificate's key or signature is too weak to trust ("" when it is not)."""
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            return (
                f"khóa RSA chỉ dài {key.key_size} bit, cần ít nhất {MIN_RSA_BITS} bit; khóa "
                "ngắn như vậy có thể bị phá"
            )
    elif isinstance(key, ec.EllipticCurvePublicKey):
        if key.curve.key_size < MIN_EC_BITS:
            return (
                f"khóa đường cong elliptic {key.curve.name} chỉ {key.curve.key_size} bit, cần "
                "P-256 trở lên"
            )
    elif isinstance(key, dsa.DSAPublicKey):
        return "khóa DSA không còn được coi là an toàn"
    else:
        return "loại khóa này không được hỗ trợ (chỉ nhận RSA từ 2048 bit hoặc ECDSA từ P-256)"
    try:
        algorithm = cert.signature_hash_algorithm
    except UnsupportedAlgorithm:
        return "chứng thư được ký bằng thuật toán không được hỗ trợ"
    if isinstance(algorithm, WEAK_HASHES):
        return (
            f"chứng thư được ký bằng hàm băm {algorithm.name.upper()}, đã bị phá; cần SHA-256 "
            "trở lên"
        )
    return ""


def check_certificate(data: bytes) -> CertificateInfo:
    """The certificate's details when it may be trusted at all (strong key, in its validity
    period); ExchangeError in Vietnamese otherwise. No database needed."""
    return _certificate(data)[1]


def _certificate(data: bytes) -> tuple[x509.Certificate, CertificateInfo]:
    cert = load_certificate(data)
    info = certificate_info(cert)
    weak = key_strength_problem(cert)
    if weak:
        raise ExchangeError(
            f"Không tin cậy chứng thư của “{info.common_name}”: {weak}. Hãy nhờ người gửi tạo "
            "khóa mới bằng HTX Desktop (Cài đặt, hoặc lệnh “htx-desktop keygen”) rồi gửi lại "
            "chứng thư."
        )
    now = utcnow()
    if info.not_after < now:
        raise ExchangeError(
            f"Chứng thư của “{info.common_name}” đã hết hạn ngày {info.not_after:%d/%m/%Y}; "
            "hãy xin chứng thư mới."
        )
    if info.not_before > now:
        raise ExchangeError(
            f"Chứng thư của “{info.common_name}” chỉ có hiệu lực từ ngày "
            f"{info.not_before:%d/%m/%Y}. Hãy kiểm tra ngày giờ của máy này và của máy gửi."
        )
    return cert, info


# --- the receiver's units -------------------------------------------------------------------


def _profile_unit(session: Session) -> AdministrativeUnit:
    profile = session.scalars(select(OfficerProfile).limit(1)).first()
    if profile is None:
        raise ExchangeError(
            "Cơ sở dữ liệu chưa thiết lập đơn vị. Hãy chạy “htx-desktop init” (hoặc mở ứng "
            "dụng để thiết lập) trước khi tin cậy chứng thư."
        )
    return profile.unit


def _choice(unit: AdministrativeUnit) -> UnitChoice:
    return UnitChoice(unit.code, unit.name, unit.level)


def unit_choices(session: Session, suggested: str | None = None) -> list[UnitChoice]:
    """The units a certificate can be tied to here: those reporting to the receiver's unit as
    her tables define them, then the one the certificate names if this database has it in
    her province (a district may then be told it is outside her group)."""
    own = _profile_unit(session)
    units = child_units(session, own)
    codes = {u.code for u in units}
    if suggested and suggested not in codes:
        unit = session.get(AdministrativeUnit, suggested)
        if unit is not None and _province_of(unit) == _province_of(own):
            units.append(unit)
    return [_choice(u) for u in units]


def _province_of(unit: AdministrativeUnit) -> str:
    return unit.code if unit.level == PROVINCE else str(unit.province_code or "")


def _undefined_unit(code: str) -> ExchangeError:
    if code.startswith("D"):
        return ExchangeError(
            f"Máy này chưa có cụm/huyện mã “{code}”. Hãy tạo cụm/huyện đó trước, với đúng tên "
            "và các xã của cụm (trong ứng dụng: thêm chứng thư rồi chọn “Đồng ý” khi được hỏi "
            "tạo cụm/huyện; dòng lệnh: “htx-desktop district create --name \"Tên cụm\" "
            "--communes MÃ,MÃ,...”), rồi tin cậy chứng thư."
        )
    return ExchangeError(
        f"Mã đơn vị “{code}” không có trong danh mục của máy này. Hãy chọn đơn vị đúng "
        "(tra mã bằng lệnh “htx-desktop units --search \"tên xã\"”)."
    )


def _unit_warnings(
    session: Session, own: AdministrativeUnit, unit: AdministrativeUnit, info: CertificateInfo
) -> list[str]:
    warnings = []
    if info.unit_code and info.unit_code != unit.code:
        warnings.append(
            f"Chứng thư ghi đơn vị “{info.unit_code}”, nhưng sẽ được gắn với "
            f"{unit.name} ({unit.code}). Gói ký bằng chứng thư này chỉ được ghi dữ liệu của "
            f"{unit.name}."
        )
    if own.level == DISTRICT and unit.level == COMMUNE:
        member = session.scalar(
            select(DistrictMember.commune_code).where(
                DistrictMember.district_code == own.code,
                DistrictMember.commune_code == unit.code,
            )
        )
        if member is None:
            warnings.append(
                f"{unit.name} ({unit.code}) không thuộc cụm/huyện {own.name} theo danh sách xã "
                "của cụm trong máy này: gói dữ liệu của xã này sẽ bị từ chối khi nhập. Nếu xã "
                "thật sự thuộc cụm, hãy thêm xã vào cụm trước."
            )
    elif unit.code != own.code and unit.code not in {u.code for u in child_units(session, own)}:
        warnings.append(
            f"{unit.name} ({unit.code}) không báo cáo trực tiếp cho {own.name} theo các đơn vị "
            "trong máy này."
        )
    return warnings


# --- trusting -------------------------------------------------------------------------------


def _state(signer: TrustedSigner) -> str:
    if signer.revoked_at is not None:
        return STATE_REVOKED
    if signer.retired_at is not None:
        return STATE_RETIRED
    return STATE_TRUSTED


def _stopped(signer: TrustedSigner) -> datetime | None:
    return signer.revoked_at or signer.retired_at


def _info_of(signer: TrustedSigner) -> CertificateInfo:
    return certificate_info(load_certificate(signer.certificate_pem.encode("ascii")))


def plan_trust(session: Session, data: bytes, unit_code: str | None = None) -> TrustPlan:
    """Everything trusting would check, without writing: ExchangeError (Vietnamese, with the
    step to take) when it must not be done, else the plan with its warnings."""
    cert, info = _certificate(data)
    own = _profile_unit(session)
    renewed = renewal_of(session, cert)
    code = (unit_code or (renewed.unit_code if renewed else None) or info.unit_code or "").strip()
    if not code:
        raise ExchangeError(
            "Chứng thư không ghi mã đơn vị. Hãy chọn đơn vị của người gửi (trong ứng dụng, "
            "hoặc thêm “--unit MÃ” vào lệnh)."
        )
    unit = session.get(AdministrativeUnit, code)
    if unit is None:
        raise _undefined_unit(code)
    if _province_of(unit) != _province_of(own):
        raise ExchangeError(
            f"{unit.name} ({unit.code}) thuộc tỉnh khác tỉnh của {own.name}. Mỗi máy chỉ nhận "
            "dữ liệu trong tỉnh của mình; không tin cậy chứng thư này."
        )
    existing = session.get(TrustedSigner, info.fingerprint)
    if existing is not None:
        stopped = _stopped(existing)
        if stopped is not None:
            raise ExchangeError(
                f"Chứng thư này đã bị bỏ tin cậy ngày {stopped:%d/%m/%Y %H:%M} và không được tin "
                "cậy lại. Hãy nhờ người gửi tạo khóa mới và gửi chứng thư mới."
            )
        if existing.unit_code != unit.code:
            raise ExchangeError(
                f"Chứng thư này đã được tin cậy cho đơn vị {existing.unit_code}. Một chứng thư "
                "chỉ gắn với một đơn vị: hãy bỏ tin cậy nó trước nếu đã gắn nhầm."
            )
    current = [
        _info_of(s)
        for s in session.scalars(
            select(TrustedSigner).where(
                TrustedSigner.unit_code == unit.code,
                TrustedSigner.revoked_at.is_(None),
                TrustedSigner.retired_at.is_(None),
                TrustedSigner.fingerprint != info.fingerprint,
            )
        )
    ]
    return TrustPlan(
        info=info,
        unit=_choice(unit),
        warnings=_unit_warnings(session, own, unit, info),
        current=current,
        already=existing is not None,
    )


@dataclass(frozen=True)
class TrustOffer:
    """What the GUI shows before she trusts: the certificate, the units she can tie it to
    (the one it names first when this database has it), and for each unit what trusting
    would do (`plans`) or why it cannot be chosen (`problems`). `note` says why the unit the
    certificate names is not offered (a district not created here)."""

    info: CertificateInfo
    choices: list[UnitChoice]
    suggested: str | None
    plans: dict[str, TrustPlan]
    problems: dict[str, str]
    note: str = ""
    #: The district code the certificate names when it is a district of her province that
    #: this database has not created yet: the GUI offers to create it first.
    missing_district: str | None = None
    #: The communes of her province (code, name), to choose the new district's members from.
    province_communes: list[tuple[str, str]] = field(default_factory=list)


def offer_trust(session: Session, data: bytes) -> TrustOffer:
    info = check_certificate(data)
    choices = unit_choices(session, info.unit_code)
    plans: dict[str, TrustPlan] = {}
    problems: dict[str, str] = {}
    for choice in choices:
        try:
            plans[choice.code] = plan_trust(session, data, choice.code)
        except ExchangeError as exc:
            problems[choice.code] = str(exc)
    codes = {c.code for c in choices}
    suggested = info.unit_code if info.unit_code in codes else None
    note = ""
    renewed = renewal_of(session, load_certificate(data))
    if renewed is not None and renewed.unit_code in codes:
        suggested = renewed.unit_code
        note = (
            "Chứng thư này là bản gia hạn (cùng người, cùng tổ chức chứng thực) của chứng thư "
            f"đã tin cậy cho đơn vị {renewed.unit_code}; nếu đúng, hãy xác nhận cho cùng đơn vị."
        )
    elif info.unit_code and suggested is None:
        try:
            plan_trust(session, data, info.unit_code)
        except ExchangeError as exc:
            note = str(exc)
    own = _profile_unit(session)
    province = _province_of(own)
    missing = None
    communes: list[tuple[str, str]] = []
    code = info.unit_code or ""
    if (
        own.level == PROVINCE
        and code.startswith(f"D{province}-")
        and session.get(AdministrativeUnit, code) is None
    ):
        missing = code
        communes = [(u.code, u.name) for u in communes_of_province(session, province)]
    return TrustOffer(info, choices, suggested, plans, problems, note, missing, communes)


def trust_certificate(
    session: Session,
    data: bytes,
    unit_code: str | None = None,
    *,
    retire_old: bool = False,
) -> TrustPlan:
    """Trust a sender's certificate for one of the receiver's units (the one the certificate
    names when `unit_code` is not given); with `retire_old`, the unit's other certificates
    are retired at this moment (key rotation). Returns the plan it carried out."""
    plan = plan_trust(session, data, unit_code)
    now = utcnow()
    if not plan.already:
        session.add(
            TrustedSigner(
                fingerprint=plan.info.fingerprint,
                unit_code=plan.unit.code,
                subject=plan.info.subject[:500],
                certificate_pem=plan.info.pem,
                not_after=plan.info.not_after,
                added_at=now,
            )
        )
    if retire_old:
        for old in plan.current:
            signer = session.get(TrustedSigner, old.fingerprint)
            if signer is not None:
                signer.retired_at = now
    session.flush()
    return plan


# --- stopping trust -------------------------------------------------------------------------


_HEX = re.compile(r"[^0-9a-f]")


def find_signer(session: Session, which: str | bytes) -> TrustedSigner:
    """A stored certificate by its fingerprint (any spacing; at least its first 16 hex digits
    when unambiguous) or by the certificate itself (PEM or DER bytes)."""
    if isinstance(which, bytes):
        fingerprint = certificate_info(load_certificate(which)).fingerprint
        found = session.get(TrustedSigner, fingerprint)
        candidates = [found] if found is not None else []
    else:
        digits = _HEX.sub("", which.lower())
        if len(digits) < 16:
            raise ExchangeError(
                "Hãy ghi dấu vân tay đầy đủ (64 chữ số hex, có thể có dấu cách) hoặc ít nhất "
                "16 chữ số đầu, hoặc đường dẫn tới tệp chứng thư."
            )
        candidates = list(
            session.scalars(
                select(TrustedSigner).where(TrustedSigner.fingerprint.startswith(digits))
            )
        )
    if not candidates:
        raise ExchangeError(
            "Không có chứng thư nào như vậy trong danh sách tin cậy của máy này (xem danh sách "
            "bằng lệnh “htx-desktop trusted” hoặc trong Cài đặt)."
        )
    if len(candidates) > 1:
        raise ExchangeError("Có nhiều chứng thư bắt đầu như vậy; hãy ghi dấu vân tay đầy đủ.")
    return candidates[0]


def revoke(session: Session, which: str | bytes) -> TrustedSigner:
    """Stop trusting a certificate from now on; it stays in the store, marked revoked with
    the time. Revoking one already revoked changes nothing."""
    signer = find_signer(session, which)
    if signer.revoked_at is None:
        signer.revoked_at = utcnow()
        session.flush()
    return signer


# --- what the import route asks --------------------------------------------------------------


def trusted_signers(session: Session) -> list[TrustedSigner]:
    """Every certificate of the store, trusted or not any more, by unit."""
    return list(
        session.scalars(
            select(TrustedSigner).order_by(TrustedSigner.unit_code, TrustedSigner.added_at)
        )
    )


def signer_state(signer: TrustedSigner) -> str:
    return _state(signer)


def trusted_unit_for(
    session: Session, signer: CertificateInfo | str
) -> AdministrativeUnit | None:
    """The unit the receiver tied this certificate to, when she trusts it now; None for a
    certificate unknown here, revoked or retired (or tied to a unit since removed)."""
    fingerprint = signer if isinstance(signer, str) else signer.fingerprint
    row = session.get(TrustedSigner, fingerprint)
    if row is None or _stopped(row) is not None:
        return None
    return session.get(AdministrativeUnit, row.unit_code)


#: What the import route reads of a stored certificate, as a Core statement: between a
#: bundle's other checks the ORM's `Session.get` cost five times as much as this query.
_SIGNER_STATE = select(
    *(TrustedSigner.__table__.c[name]  # type: ignore[attr-defined]
      for name in ("fingerprint", "unit_code", "revoked_at", "retired_at"))
).where(TrustedSigner.__table__.c.fingerprint == bindparam("fingerprint"))  # type: ignore[attr-defined]


def check_signer(session: Session, signer: CertificateInfo, unit_code: str) -> bool:
    """True when trusted now for `unit_code`; False when unknown here (she may trust it);
    BundleRejected when revoked, retired or trusted for another unit."""
    row = session.connection().execute(
        _SIGNER_STATE, {"fingerprint": signer.fingerprint}
    ).first()
    if row is None:
        return False
    stopped = row.revoked_at or row.retired_at
    if stopped is not None:
        why = "bị thu hồi" if row.revoked_at is not None else "được thay bằng khóa mới"
        raise BundleRejected(
            "signer_revoked",
            f"Chứng thư ký gói này (dấu vân tay {pretty_fingerprint(row.fingerprint)[:19]} …) "
            f"đã {why} và không còn được tin cậy từ {stopped:%d/%m/%Y %H:%M}. Không nhập gói "
            "này; hãy xin người gửi xuất lại gói bằng khóa hiện tại của họ.",
        )
    if row.unit_code != unit_code:
        raise BundleRejected(
            "signer_other_unit",
            f"Người ký gói này được tin cậy cho đơn vị {row.unit_code}, không phải đơn vị "
            f"{unit_code}. Không nhập gói này.",
        )
    return True
