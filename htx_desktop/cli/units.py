"""Commands about administrative units: official codes and officer-defined district groups."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from htx_desktop.cli.common import PROG, CliError, database, db_path, out

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def cmd_district_create(args: argparse.Namespace) -> int:
    """`district create`: a former district (or any cluster) as a named group of communes,
    so that a district officer has a unit to report for after the 2025 reform."""
    from htx_desktop.storage.units import create_district

    codes = list(dict.fromkeys(c.strip() for c in args.communes.split(",") if c.strip()))
    with database(db_path(args)) as db, db.session() as session:
        district = create_district(session, args.name, codes)
        names = ", ".join(m.name for m in _members(session, district.code))
        name, code = district.name, district.code
    out(f"Đã tạo cụm/huyện “{name}” gồm {len(codes)} xã/phường: {names}.")
    out(f"Mã cụm/huyện: {code}")
    out(f"Tạo hồ sơ cấp huyện: {PROG} init --unit {code} --level district "
        "--officer \"Họ tên\" --title \"Chức vụ\"")
    return 0


def _members(session: Session, district_code: str) -> list[Any]:
    from htx_desktop.storage.units import child_units, get_unit

    return child_units(session, get_unit(session, district_code))


def cmd_district_list(args: argparse.Namespace) -> int:
    """`district list`: the groups defined in this database with their communes."""
    from sqlalchemy import select

    from htx_desktop.collation import vn_key
    from htx_desktop.storage.models import AdministrativeUnit
    from htx_desktop.storage.units import DISTRICT

    with database(db_path(args)) as db, db.session() as session:
        districts = sorted(
            session.scalars(
                select(AdministrativeUnit).where(AdministrativeUnit.level == DISTRICT)
            ),
            key=lambda d: vn_key(d.name),
        )
        if not districts:
            out("Chưa có cụm/huyện nào. Tạo bằng: "
                f"{PROG} district create --name \"Tên\" --communes MÃ,MÃ")
            return 0
        for d in districts:
            members = _members(session, d.code)
            out(f"{d.code}  {d.name}  ({len(members)} xã/phường: "
                f"{', '.join(m.name for m in members)})")
    return 0


def _province_label(name: str) -> str:
    """"Quảng Ngãi" -> "Tỉnh Quảng Ngãi"; "Thành phố Hà Nội" stays as it is."""
    from htx_desktop.text import fold

    return name if fold(name).startswith(("tinh ", "thanh pho ")) else f"Tỉnh {name}"


def cmd_units(args: argparse.Namespace) -> int:
    """`units`: find a unit code by name (accents optional) without opening a database, so
    that an officer can look up her code before `init`."""
    from htx_desktop.collation import unit_key
    from htx_desktop.storage.units import COMMUNE, PROVINCE, official_units
    from htx_desktop.text import fold, matches

    units = list(official_units())
    provinces = {u.code: _province_label(u.name) for u in units if u.level == PROVINCE}
    if args.province is not None:
        code = args.province.strip()
        code = code.zfill(2) if code.isdigit() else code
        if code not in provinces:
            raise CliError(f"Không có tỉnh/thành phố mã “{args.province}”. "
                           f"Xem mã các tỉnh bằng lệnh: {PROG} units")
        units = [u for u in units if u.level == COMMUNE and u.province_code == code]
    if args.search is not None:
        units = [u for u in units if matches(args.search, f"{u.code} {fold(u.name)}")]
    elif args.province is None:
        units = [u for u in units if u.level == PROVINCE]
    # Vietnamese alphabetical order: provinces, then communes by province, then by name.
    province_keys = {code: unit_key(name) for code, name in provinces.items()}
    units.sort(key=lambda u: (u.level != PROVINCE, province_keys.get(u.province_code, ""),
                              unit_key(u.name)))
    if not units:
        out("Không tìm thấy đơn vị nào. Hãy thử gõ ít chữ hơn, ví dụ chỉ tên xã.")
        return 0
    for u in units:
        if u.level == PROVINCE:
            out(f"{u.code:<6} {provinces[u.code]}")
        else:
            out(f"{u.code:<6} {u.name}  ({provinces.get(u.province_code, u.province_code)})")
    if args.province is None and args.search is None:
        out()
        out(f"Xem xã/phường của một tỉnh: {PROG} units --province MÃ_TỈNH; "
            f"tìm theo tên: {PROG} units --search \"tên xã\"")
    return 0
