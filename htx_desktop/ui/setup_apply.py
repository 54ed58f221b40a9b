"""What the setup wizard writes: the officer's choice (`SetupChoice`) applied to the database.

Finishing the wizard writes the district group (if any) and the profile through the registry
functions in one transaction, so an interrupted setup leaves nothing half made; changing unit
from Settings keeps the officer, title and language. No widgets here: the wizard
(`setup_wizard`) and its pages (`setup_pages`) gather the choice, this module stores it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.registry.profile import ProfileError, create_profile, get_profile
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import AdministrativeUnit, DistrictMember
from htx_desktop.storage.units import DISTRICT, UnitError, create_district, district_code_for
from htx_desktop.text import clean_text


@dataclass(frozen=True)
class SetupChoice:
    """What the officer chose; `unit_code` is None for a district group still to be made."""

    level: str
    province_code: str
    unit_code: str | None = None
    district_name: str | None = None
    district_communes: tuple[str, ...] = ()
    officer_name: str = ""
    officer_title: str = ""
    language: str = "vi"


def _district_for(session: Session, choice: SetupChoice, current_unit: str | None) -> str:
    """The district group's code: a new group, the same group chosen again (same name and
    communes), or the officer's own group with its communes changed. Another existing group of
    that name is refused rather than silently redefined under someone else's bundles."""
    assert choice.district_name is not None
    name = clean_text(choice.district_name) or ""
    code = district_code_for(name, choice.province_code)
    existing = session.get(AdministrativeUnit, code)
    if existing is None:
        return create_district(session, name, list(choice.district_communes)).code
    members = set(
        session.scalars(
            select(DistrictMember.commune_code).where(DistrictMember.district_code == code)
        )
    )
    wanted = set(choice.district_communes)
    if members == wanted:
        return code
    if code != current_unit:
        raise UnitError(
            f"Đã có cụm/huyện “{existing.name}” với danh sách xã/phường khác. "
            "Hãy đặt tên khác cho cụm/huyện của bạn."
        )
    for member in existing.members:
        if member.commune_code not in wanted:
            session.delete(member)
    for commune in sorted(wanted - members):
        session.add(DistrictMember(district_code=code, commune_code=commune))
    session.flush()
    return code


def apply_setup(db: Database, choice: SetupChoice, *, replace_profile: bool = False) -> str:
    """Create the district group (if any) and the profile in one transaction; returns the unit
    code. Raises ProfileError or UnitError (Vietnamese message) and writes nothing on error."""
    with db.session() as session:
        current = get_profile(session)
        current_unit = current.unit_code if current is not None else None
        code = choice.unit_code
        if choice.level == DISTRICT and code is None:
            code = _district_for(session, choice, current_unit)
        if code is None:
            raise ProfileError("Hãy chọn đơn vị của bạn.")
        profile = create_profile(
            session,
            code,
            choice.officer_name,
            choice.officer_title,
            level=choice.level,
            replace=replace_profile,
        )
        profile.language = choice.language
        return code


def apply_unit_change(db: Database, choice: SetupChoice) -> str:
    """Point the existing profile at another unit, keeping the officer, title and language."""
    with db.session() as session:
        profile = get_profile(session)
        if profile is None:
            raise ProfileError("Cơ sở dữ liệu chưa có hồ sơ cán bộ.")
        full = replace(
            choice,
            officer_name=profile.officer_name,
            officer_title=profile.officer_title,
            language=profile.language or "vi",
        )
    return apply_setup(db, full, replace_profile=True)
