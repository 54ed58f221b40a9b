"""The officer profile: who uses this database and which unit she reports for.

Everything else depends on it (which communes she sees, who owns new records, what the report
header says), so it is created once, checked against the unit list, and replaced only on
purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import OfficerProfile
from htx_desktop.storage.units import (
    COMMUNE,
    DISTRICT,
    LEVELS,
    PROVINCE,
    UnitError,
    commune_codes_under,
    get_unit,
)
from htx_desktop.text import clean_text

#: How each level is named in messages ("cấp xã", …).
LEVEL_LABELS: dict[str, str] = {
    COMMUNE: "cấp xã/phường",
    DISTRICT: "cấp huyện/cụm",
    PROVINCE: "cấp tỉnh",
}

_MAX_TEXT = 200


class ProfileError(ValueError):
    """A profile that cannot be created; the message (Vietnamese) says what to do."""


def get_profile(session: Session) -> OfficerProfile | None:
    """The database's profile, or None before `init` has been run."""
    return session.scalars(select(OfficerProfile).order_by(OfficerProfile.id).limit(1)).first()


def _required_text(value: str | None, what: str, example: str) -> str:
    cleaned = clean_text(value)
    if not cleaned:
        raise ProfileError(f"Hãy nhập {what} (ví dụ “{example}”).")
    if len(cleaned) > _MAX_TEXT:
        raise ProfileError(f"{what.capitalize()} dài quá {_MAX_TEXT} ký tự; hãy viết gọn lại.")
    return cleaned


def create_profile(
    session: Session,
    unit_code: str,
    officer_name: str,
    officer_title: str,
    level: str | None = None,
    *,
    replace: bool = False,
) -> OfficerProfile:
    """Create the profile (or, with ``replace``, overwrite the existing one).

    The level is the unit's own level; a given ``level`` is only a check, because a commune
    officer who typed "district" by mistake would otherwise see no communes at all. Replacing
    keeps the row's device id and settings: the computer is the same even if the officer or
    unit changes, and bundles already sent name that device.
    """
    name = _required_text(officer_name, "họ và tên cán bộ", "Nguyễn Thị Hoa")
    title = _required_text(officer_title, "chức vụ", "Chủ tịch Hội LHPN xã")
    code = (unit_code or "").strip()
    if not code:
        raise ProfileError(
            "Hãy nhập mã đơn vị. Tra mã bằng lệnh: htx-desktop units --search \"tên xã\"."
        )
    try:
        unit = get_unit(session, code)
    except UnitError as exc:
        raise ProfileError(
            f"{exc} Tra mã bằng lệnh: htx-desktop units --search \"tên xã\"; "
            "mã cụm/huyện xem bằng: htx-desktop district list."
        ) from exc
    if level is not None and level not in LEVELS:
        raise ProfileError(
            f"Cấp “{level}” không hợp lệ; hãy chọn commune (xã/phường), district (huyện/cụm) "
            "hoặc province (tỉnh)."
        )
    if level is not None and level != unit.level:
        raise ProfileError(
            f"Đơn vị “{unit.name}” (mã {unit.code}) là đơn vị {LEVEL_LABELS[unit.level]}, "
            f"không phải {LEVEL_LABELS[level]}. Hãy bỏ tùy chọn --level hoặc chọn mã đơn vị "
            "đúng cấp."
        )

    existing = get_profile(session)
    if existing is not None and not replace:
        raise ProfileError(
            f"Cơ sở dữ liệu này đã có hồ sơ cán bộ: {existing.officer_name} "
            f"({existing.officer_title}, đơn vị mã {existing.unit_code}). "
            "Nếu muốn thay hồ sơ, chạy lại lệnh với --replace."
        )
    if existing is not None:
        existing.unit_code = unit.code
        existing.level = unit.level
        existing.officer_name = name
        existing.officer_title = title
        session.flush()
        return existing

    profile = OfficerProfile(
        unit_code=unit.code,
        level=unit.level,
        officer_name=name,
        officer_title=title,
        settings={},
    )
    session.add(profile)
    session.flush()
    return profile


@dataclass(frozen=True)
class UnitScope:
    """The officer's unit and everything below it, read once when the window opens."""

    unit_code: str
    unit_name: str
    level: str
    province_code: str | None
    commune_codes: tuple[str, ...]
    officer_name: str
    officer_title: str

    @property
    def owned_codes(self) -> tuple[str, ...]:
        """Units whose cadres and trainings this unit sees: itself and its communes."""
        return (self.unit_code, *[c for c in self.commune_codes if c != self.unit_code])


def load_scope(db: Database) -> UnitScope | None:
    """The scope of the database's profile, or None before `init` has been run."""
    with db.session() as session:
        profile = get_profile(session)
        if profile is None:
            return None
        unit = profile.unit
        return UnitScope(
            unit_code=unit.code,
            unit_name=unit.name,
            level=unit.level,
            province_code=unit.province_code,
            commune_codes=tuple(commune_codes_under(session, unit)),
            officer_name=profile.officer_name,
            officer_title=profile.officer_title,
        )
