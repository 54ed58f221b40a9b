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

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.storage.models import AdministrativeUnit, DistrictMember
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


def district_members(session: Session, district_code: str, province_code: str) -> frozenset[str]:
    """The communes the receiver placed in a district group (of its province only)."""
    return frozenset(
        session.scalars(
            select(DistrictMember.commune_code)
            .join(AdministrativeUnit, AdministrativeUnit.code == DistrictMember.commune_code)
            .where(
                DistrictMember.district_code == district_code,
                AdministrativeUnit.level == COMMUNE,
                AdministrativeUnit.province_code == province_code,
            )
        )
    )


def unit_scope(session: Session, unit_code: str) -> UnitScope:
    """The scope of the unit a trusted certificate is tied to; ScopeUndefined when the
    receiver has not defined that unit or a district group's members."""
    unit = session.get(AdministrativeUnit, unit_code)
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
    communes = frozenset(
        session.scalars(
            select(AdministrativeUnit.code).where(
                AdministrativeUnit.level == COMMUNE, AdministrativeUnit.province_code == province
            )
        )
    )
    groups: dict[str, frozenset[str]] = {}
    for code in session.scalars(
        select(AdministrativeUnit.code).where(
            AdministrativeUnit.level == DISTRICT, AdministrativeUnit.province_code == province
        )
    ):
        groups[code] = district_members(session, code, province)
    return UnitScope(unit.code, PROVINCE, province, groups, communes)
