"""What a unit's certificate may write at this receiver, decided from the receiver's tables.

A bundle says many things about itself (its unit's level, its member communes, its province,
the bundles it merged); none of it counts. The receiving officer tied the certificate to a
unit when she trusted it, and her own tables say what that unit is: a commune is itself, a
district group is the communes she placed in it (plus its own records), a province is its own
province. Import (exchange) and "who has reported" (reporting) both read this one definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session

from htx_desktop.storage.models import AdministrativeUnit, DistrictMember, OfficerProfile
from htx_desktop.storage.units import COMMUNE, DISTRICT, PROVINCE


class ScopeUndefined(ValueError):
    """The receiver's tables cannot say what the unit covers (message in Vietnamese, with
    the step to take first)."""


@dataclass(frozen=True)
class UnitScope:
    """The owning units and communes one certificate's bundles may carry."""

    unit_code: str
    level: str
    province_code: str
    #: District groups whose members the receiver defined: their communes.
    district_members: dict[str, frozenset[str]]
    #: Every commune of the province, for a province's scope (else empty).
    province_communes: frozenset[str]

    @cached_property
    def communes(self) -> frozenset[str]:
        """The communes the scope covers."""
        if self.level == COMMUNE:
            return frozenset({self.unit_code})
        if self.level == DISTRICT:
            return self.district_members[self.unit_code]
        return self.province_communes

    def owns(self, owner: str) -> bool:
        """May a record owned by `owner` travel in this unit's bundle?"""
        if owner == self.unit_code or owner in self.communes:
            return True
        # A province's bundle also carries its district groups' own records; a group's code
        # names its province (`D51-...`), so this never crosses a province.
        return self.level == PROVINCE and owner.startswith(f"D{self.province_code}-")

    def communes_of(self, owner: str) -> frozenset[str]:
        """The communes a record owned by `owner` (inside the scope) may name as its place."""
        if owner in self.communes and owner != self.unit_code:
            return frozenset({owner})
        if self.level == PROVINCE and owner in self.district_members:
            return self.district_members[owner]
        if self.level == COMMUNE:
            return frozenset({owner})
        return self.communes


_UNITS = AdministrativeUnit.__table__  # type: ignore[attr-defined]
_MEMBERS = DistrictMember.__table__  # type: ignore[attr-defined]
#: The queries of a scope, as Core statements on the session's connection: a national merge
#: asks them for every bundle, where the ORM's loading cost several times the query.
_UNIT = select(_UNITS.c.code, _UNITS.c.name, _UNITS.c.level, _UNITS.c.province_code).where(
    _UNITS.c.code == bindparam("code")
)
_GROUP = (
    select(_MEMBERS.c.commune_code)
    .join(_UNITS, _UNITS.c.code == _MEMBERS.c.commune_code)
    .where(
        _MEMBERS.c.district_code == bindparam("district"),
        _UNITS.c.level == COMMUNE,
        _UNITS.c.province_code == bindparam("province"),
    )
)
_OF_LEVEL = select(_UNITS.c.code).where(
    _UNITS.c.level == bindparam("level"), _UNITS.c.province_code == bindparam("province")
)


_PROFILES = OfficerProfile.__table__  # type: ignore[attr-defined]
#: The receiving officer's own unit: the unit of the database's (one) officer profile.
_RECEIVER = (
    select(_UNITS.c.code, _UNITS.c.name, _UNITS.c.level, _UNITS.c.province_code)
    .join(_PROFILES, _PROFILES.c.unit_code == _UNITS.c.code)
    .order_by(_PROFILES.c.id)
    .limit(1)
)


def receiving_unit(session: Session) -> Row[Any] | None:
    """Code, name, level and province of the unit this database belongs to (its officer
    profile's), None before a profile exists."""
    return session.connection().execute(_RECEIVER).first()


def _codes(session: Session, statement: Select[Any], **values: str) -> list[str]:
    return list(session.connection().execute(statement, values).scalars())


def district_members(session: Session, district_code: str, province_code: str) -> frozenset[str]:
    """The communes the receiver placed in a district group (of its province only)."""
    return frozenset(_codes(session, _GROUP, district=district_code, province=province_code))


def unit_scope(session: Session, unit_code: str) -> UnitScope:
    """The scope of the unit a trusted certificate is tied to; ScopeUndefined when the
    receiver has not defined that unit or a district group's members."""
    unit = session.connection().execute(_UNIT, {"code": unit_code}).first()
    if unit is None:
        raise ScopeUndefined(
            f"Cơ sở dữ liệu này chưa có đơn vị mã “{unit_code[:40]}” mà chứng thư của người ký "
            "được gắn với. Hãy tạo đơn vị đó trước, rồi nhập lại gói. Với cụm/huyện: trong ứng "
            "dụng, vào Trao đổi dữ liệu, thêm lại chứng thư của cụm và chọn “Đồng ý” khi được "
            "hỏi tạo cụm/huyện (cùng tên cụm như bên gửi, chọn các xã của cụm); dòng lệnh: "
            "“htx-desktop district create --name TÊN_CỤM --communes MÃ_XÃ,MÃ_XÃ”."
        )
    province = str(unit.province_code or (unit.code if unit.level == PROVINCE else ""))
    if unit.level == COMMUNE:
        return UnitScope(unit.code, COMMUNE, province, {}, frozenset())
    if unit.level == DISTRICT:
        members = district_members(session, unit.code, province)
        if not members:
            raise ScopeUndefined(
                f"Chưa xác định các xã/phường thuộc {unit.name} ({unit.code}) trong cơ sở dữ "
                "liệu này, nên không biết gói của đơn vị đó được ghi dữ liệu của xã nào. Hãy "
                "khai báo các xã của cụm/huyện (lệnh “htx-desktop district create --name TÊN_CỤM "
                "--communes MÃ_XÃ,MÃ_XÃ”), rồi nhập lại gói."
            )
        return UnitScope(unit.code, DISTRICT, province, {unit.code: members}, frozenset())
    communes = frozenset(_codes(session, _OF_LEVEL, level=COMMUNE, province=province))
    groups: dict[str, frozenset[str]] = {}
    for code in _codes(session, _OF_LEVEL, level=DISTRICT, province=province):
        groups[code] = district_members(session, code, province)
    return UnitScope(unit.code, PROVINCE, province, groups, communes)
