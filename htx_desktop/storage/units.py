"""Administrative units: the official two-tier list and officer-defined district groups.

The hierarchy is data, not code: a commune reports to a district group when one holds it,
otherwise straight to its province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from htx_desktop.collation import unit_key
from htx_desktop.storage.models import AdministrativeUnit, DistrictMember
from htx_desktop.text import clean_text, fold

PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"
LEVELS = (COMMUNE, DISTRICT, PROVINCE)


class UnitError(ValueError):
    """A unit code or district definition that cannot be used (message in Vietnamese)."""


@dataclass(frozen=True)
class OfficialUnit:
    code: str
    name: str
    level: str
    province_code: str
    division_type: str


def province_code_str(code: int) -> str:
    return f"{int(code):02d}"


def commune_code_str(code: int) -> str:
    return f"{int(code):05d}"


@cache
def official_units() -> tuple[OfficialUnit, ...]:
    """Every province and commune of the 2025 two-tier list, from `vietnam-provinces`
    (read once per process)."""
    from vietnam_provinces import Province, Ward

    units = [
        OfficialUnit(
            province_code_str(p.code),
            p.name,
            PROVINCE,
            province_code_str(p.code),
            p.division_type.value,
        )
        for p in Province.iter_all()
    ]
    units += [
        OfficialUnit(
            commune_code_str(w.code),
            w.name,
            COMMUNE,
            province_code_str(w.province_code),
            w.division_type.value,
        )
        for w in Ward.iter_all()
    ]
    return tuple(units)


def ensure_official_units(session: Session) -> int:
    """Load the official list once (bulk insert); returns how many rows were added."""
    have = set(session.scalars(select(AdministrativeUnit.code).where(AdministrativeUnit.official)))
    rows = [
        {
            "code": u.code,
            "name": u.name,
            "level": u.level,
            "province_code": u.province_code,
            "division_type": u.division_type,
            "search_key": fold(u.name),
            "official": True,
        }
        for u in official_units()
        if u.code not in have
    ]
    if rows:
        session.execute(AdministrativeUnit.__table__.insert(), rows)
    return len(rows)


def get_unit(session: Session, code: str) -> AdministrativeUnit:
    unit = session.get(AdministrativeUnit, code.strip())
    if unit is None:
        raise UnitError(
            f"Không tìm thấy đơn vị hành chính có mã “{code}”. "
            "Hãy kiểm tra lại mã theo danh mục chính thức (ví dụ 51 là tỉnh Quảng Ngãi)."
        )
    return unit


def communes_of_province(session: Session, province_code: str) -> list[AdministrativeUnit]:
    return list(
        session.scalars(
            select(AdministrativeUnit)
            .where(
                AdministrativeUnit.level == COMMUNE,
                AdministrativeUnit.province_code == province_code,
            )
            .order_by(AdministrativeUnit.name)
        )
    )


def district_code_for(name: str, province_code: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:20]
    return f"D{province_code}-{slug}"


def create_district(
    session: Session, name: str, commune_codes: list[str], code: str | None = None
) -> AdministrativeUnit:
    """A named group of official communes of one province (for example a former district)."""
    clean_name = clean_text(name)
    if not clean_name:
        raise UnitError("Hãy nhập tên cho cụm/huyện (ví dụ “Huyện Nghĩa Hành cũ”).")
    if not commune_codes:
        raise UnitError("Cụm/huyện phải gồm ít nhất một xã/phường.")
    communes = [get_unit(session, c) for c in commune_codes]
    for c in communes:
        if c.level != COMMUNE:
            raise UnitError(f"Mã “{c.code}” ({c.name}) không phải là xã/phường.")
    provinces = {c.province_code for c in communes}
    if len(provinces) != 1:
        raise UnitError("Các xã/phường của một cụm/huyện phải cùng một tỉnh.")
    province = provinces.pop()
    assert province is not None
    code = code or district_code_for(clean_name, province)
    if session.get(AdministrativeUnit, code) is not None:
        raise UnitError(f"Đã có đơn vị với mã “{code}”. Hãy đặt tên khác cho cụm/huyện.")
    district = AdministrativeUnit(
        code=code,
        name=clean_name,
        level=DISTRICT,
        province_code=province,
        division_type="huyện (cụm xã)",
        search_key=fold(clean_name),
        official=False,
    )
    session.add(district)
    session.flush()
    for c in communes:
        session.add(DistrictMember(district_code=code, commune_code=c.code))
    session.flush()
    return district


def child_units(session: Session, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The units that report to this one: a district's communes, a province's district groups
    and the communes in no group, nothing for a commune."""
    if unit.level == COMMUNE:
        return []
    if unit.level == DISTRICT:
        members = session.scalars(
            select(AdministrativeUnit)
            .join(DistrictMember, DistrictMember.commune_code == AdministrativeUnit.code)
            .where(DistrictMember.district_code == unit.code)
        )
        return sorted(members, key=lambda u: unit_key(u.name))
    grouped = select(DistrictMember.commune_code)
    districts = session.scalars(
        select(AdministrativeUnit).where(
            AdministrativeUnit.level == DISTRICT,
            AdministrativeUnit.province_code == unit.code,
        )
    )
    loose = session.scalars(
        select(AdministrativeUnit).where(
            AdministrativeUnit.level == COMMUNE,
            AdministrativeUnit.province_code == unit.code,
            AdministrativeUnit.code.not_in(grouped),
        )
    )
    # Vietnamese alphabetical order (SQLite's ORDER BY compares code points: "Đ" after "Z").
    return sorted(districts, key=lambda u: unit_key(u.name)) + sorted(
        loose, key=lambda u: unit_key(u.name)
    )


def commune_codes_under(session: Session, unit: AdministrativeUnit) -> list[str]:
    """Every commune whose records this unit sees (itself for a commune)."""
    if unit.level == COMMUNE:
        return [unit.code]
    if unit.level == DISTRICT:
        return list(
            session.scalars(
                select(DistrictMember.commune_code).where(DistrictMember.district_code == unit.code)
            )
        )
    return list(
        session.scalars(
            select(AdministrativeUnit.code).where(
                AdministrativeUnit.level == COMMUNE,
                AdministrativeUnit.province_code == unit.code,
            )
        )
    )


def count_units(session: Session, level: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(AdministrativeUnit)
            .where(AdministrativeUnit.level == level)
        )
        or 0
    )
