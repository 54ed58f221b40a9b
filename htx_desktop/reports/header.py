"""What the top and the bottom of a printed document say: agency names, number, place,
signer and recipients.

An officer sets these once and expects every report to carry them, so they live in the profile's
settings (key ``report_header``); until she does, defaults are derived from her unit the way the
Union's own papers read: a commune union under "HỘI LHPN TỈNH <PROVINCE>", a province union under
"HỘI LHPN VIỆT NAM", the place name of the unit, the chair signing for the standing committee.
The number and the date change with every document, so they are not stored: a blank number
leaves room to write it by hand after registration, as offices do.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from htx_desktop.formatting import long_date
from htx_desktop.registry.profile import get_profile
from htx_desktop.reports.errors import NO_PROFILE, ReportError
from htx_desktop.storage.models import AdministrativeUnit, DistrictMember, OfficerProfile
from htx_desktop.storage.units import COMMUNE, DISTRICT, PROVINCE
from htx_desktop.text import clean_text, fold, nfc

SETTINGS_KEY = "report_header"
DEFAULT_SYMBOL = "BC-HPN"
DEFAULT_ARCHIVE = "VT, HPN"
DEFAULT_AUTHORITY = "TM. BAN THƯỜNG VỤ"
DEFAULT_SIGNER_TITLE = "CHỦ TỊCH"
#: Not kept in the settings: they belong to one document.
_PER_DOCUMENT = frozenset({"number", "issued_on", "blank_number"})
#: Room for a number written by hand: "Số:        /BC-HPN".
_BLANK_NUMBER = "\u00a0" * 8


@dataclass(frozen=True)
class ReportHeader:
    parent_body: str
    issuing_body: str
    place: str
    signer_name: str
    authority: str = DEFAULT_AUTHORITY
    signer_title: str = DEFAULT_SIGNER_TITLE
    symbol: str = DEFAULT_SYMBOL
    number: str = ""
    issued_on: date | None = None
    recipients: tuple[str, ...] = field(default_factory=tuple)
    archive: str = DEFAULT_ARCHIVE
    #: Without a number, print "Số:        /BC-HPN" for the clerk's pen (paper), or no number
    #: line at all (a digitally signed copy: nobody can write into it, so a blank would stay).
    blank_number: bool = True

    def has_number_line(self) -> bool:
        return bool(self.number.strip()) or self.blank_number

    def number_line(self) -> str:
        """"Số: 05/BC-HPN", or a blank to fill by hand: "Số:        /BC-HPN"."""
        number = self.number.strip() or _BLANK_NUMBER
        symbol = self.symbol.strip().lstrip("/")
        return f"Số: {number}/{symbol}" if symbol else f"Số: {number}"

    def place_date(self, issued_on: date | None = None) -> str:
        """"Tịnh Khê, ngày 05 tháng 01 năm 2026": the given date, the header's, or today."""
        return long_date(issued_on or self.issued_on or date.today(), self.place or None)

    def recipient_lines(self) -> list[str]:
        """"- …;" one a line, the last "- Lưu: VT, …." (Decree 30's punctuation, whatever
        punctuation the officer typed)."""
        items = (r.strip().lstrip("-").strip().rstrip(";.").strip() for r in self.recipients)
        lines = [f"- {item};" for item in items if item]
        archive = self.archive.strip().rstrip(".").strip() or "VT"
        if fold(archive).startswith("luu"):
            archive = archive.split(":", 1)[-1].strip() or "VT"
        lines.append(f"- Lưu: {archive}.")
        return lines

    def to_settings(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k not in _PER_DOCUMENT}
        data["recipients"] = list(self.recipients)
        return data

    @classmethod
    def from_settings(cls, base: ReportHeader, data: Any) -> ReportHeader:
        """`base` with the stored values that are usable (a hand-edited or older settings
        dict with a wrong type falls back to the default rather than breaking printing)."""
        if not isinstance(data, dict):
            return base
        changes: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in _PER_DOCUMENT or f.name not in data:
                continue
            value = data[f.name]
            if f.name == "recipients":
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    changes[f.name] = tuple(nfc(v) for v in value if v.strip())
            elif isinstance(value, str):
                changes[f.name] = nfc(value)
        return replace(base, **changes)


def _place_name(unit: AdministrativeUnit) -> str:
    """The place word of Decree 30's date line: the unit's name without its division word
    ("Xã Tịnh Khê" -> "Tịnh Khê"; a district group "Huyện Sơn Tịnh cũ" -> "Sơn Tịnh")."""
    name = unit.name.strip()
    folded = fold(name)
    for prefix in ("thanh pho ", "thi xa ", "thi tran ", "dac khu ", "phuong ", "huyen ", "tinh ",
                   "xa ", "cum xa ", "cum "):
        if folded.startswith(prefix):
            name = name[len(prefix):].strip()
            break
    if fold(name).endswith(" cu"):
        name = name[: -len(" cũ")].strip()
    return name


def _province_label(province: AdministrativeUnit | None) -> str:
    """"tỉnh Quảng Ngãi" / "thành phố Hà Nội" (inside a phrase)."""
    if province is None:
        return ""
    name = province.name.strip()
    folded = fold(name)
    if folded.startswith(("tinh ", "thanh pho ")):
        return name[:1].lower() + name[1:]
    if "thanh pho" in fold(province.division_type or ""):
        return f"thành phố {name}"
    return f"tỉnh {name}"


def _unit_label(unit: AdministrativeUnit) -> str:
    """"xã Tịnh Khê", "huyện Sơn Tịnh cũ" (inside a phrase such as "Hội LHPN xã Tịnh Khê")."""
    return unit.name[:1].lower() + unit.name[1:]


#: Division words a district-level union is named with ("Hội LHPN huyện …", "… thị xã …").
_DISTRICT_WORDS = ("huyen ", "quan ", "thi xa ", "thanh pho ")
#: Words an officer may have named her group of communes with, which no union is called by.
_GROUP_WORDS = ("cum xa ", "cum ", "nhom xa ", "nhom ")


def _district_label(unit: AdministrativeUnit) -> str:
    """The district union's area inside a phrase: "huyện Sơn Tịnh cũ" as named, and for a
    group named as a cluster ("Cụm Sơn Tịnh") the district it stands for ("huyện Sơn Tịnh"):
    the Union that issues the report is the district's, never the application's grouping."""
    name = unit.name.strip()
    folded = fold(name)
    if folded.startswith(_DISTRICT_WORDS):
        return name[:1].lower() + name[1:]
    for word in _GROUP_WORDS:
        if folded.startswith(word) and len(folded) > len(word):
            name = name[len(word):].strip()
            break
    return f"huyện {name}"


def _signer(title: str) -> tuple[str, str]:
    """Authority and title lines from the officer's own title: a vice-chair signs "KT. CHỦ
    TỊCH / PHÓ CHỦ TỊCH" for the standing committee, anyone else as chair by default."""
    folded = fold(title)
    if folded.startswith("pho chu tich"):
        return f"{DEFAULT_AUTHORITY}\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    return DEFAULT_AUTHORITY, DEFAULT_SIGNER_TITLE


def _district_of(session: Session, commune_code: str) -> AdministrativeUnit | None:
    return session.scalars(
        select(AdministrativeUnit)
        .join(DistrictMember, DistrictMember.district_code == AdministrativeUnit.code)
        .where(DistrictMember.commune_code == commune_code)
        .limit(1)
    ).first()


def default_header(session: Session, profile: OfficerProfile) -> ReportHeader:
    """The header an officer of this unit would expect before she changes anything."""
    unit = profile.unit
    province = session.get(AdministrativeUnit, unit.province_code or unit.code)
    province_phrase = _province_label(province)
    union_province = f"Hội LHPN {province_phrase}".strip()
    authority, title = _signer(profile.officer_title)
    if unit.level == PROVINCE:
        parent, issuing = "HỘI LHPN VIỆT NAM", f"Hội LHPN {province_phrase}"
        recipients = (
            "Đoàn Chủ tịch TW Hội LHPN Việt Nam (b/c)",
            f"UBND {province_phrase} (b/c)",
            f"Liên minh Hợp tác xã {province_phrase}",
            "Hội LHPN các xã, phường, đặc khu",
        )
    elif unit.level == DISTRICT:
        parent, issuing = union_province, f"Hội LHPN {_district_label(unit)}"
        recipients = (f"Ban Thường vụ {union_province} (b/c)", "Hội LHPN các xã, phường trong cụm")
    else:
        parent, issuing = union_province, f"Hội LHPN {_unit_label(unit)}"
        district = _district_of(session, unit.code) if unit.level == COMMUNE else None
        recipients = (
            *((f"Hội LHPN {_district_label(district)} (b/c)",) if district else ()),
            f"Ban Thường vụ {union_province} (b/c)",
            f"Đảng ủy {_unit_label(unit)} (b/c)",
            f"UBND {_unit_label(unit)}",
        )
    return ReportHeader(
        parent_body=nfc(parent.upper()),
        issuing_body=nfc(issuing.upper()),
        place=_place_name(province if unit.level == PROVINCE and province else unit),
        signer_name=profile.officer_name,
        authority=authority,
        signer_title=title,
        recipients=tuple(nfc(r) for r in recipients),
    )


def load_header(session: Session, profile: OfficerProfile | None = None) -> ReportHeader:
    """The header to print: the unit's defaults overlaid with what the officer saved."""
    profile = profile or get_profile(session)
    if profile is None:
        raise ReportError(NO_PROFILE)
    base = default_header(session, profile)
    return ReportHeader.from_settings(base, (profile.settings or {}).get(SETTINGS_KEY))


def save_header(session: Session, header: ReportHeader) -> None:
    """Keep the header in the profile's settings (number and date excluded: see module doc).

    The settings dict is replaced, not mutated: a JSON column only notices assignment."""
    profile = get_profile(session)
    if profile is None:
        raise ReportError(NO_PROFILE)
    cleaned = {
        key: (clean_text(value) or "") if isinstance(value, str) else value
        for key, value in header.to_settings().items()
    }
    cleaned["recipients"] = [r for r in (clean_text(x) for x in header.recipients) if r]
    # The authority may hold two lines ("TM. BAN THƯỜNG VỤ" / "KT. CHỦ TỊCH"): keep them.
    cleaned["authority"] = "\n".join(
        line for line in (clean_text(x) for x in header.authority.splitlines()) if line
    )
    settings = dict(profile.settings or {})
    settings[SETTINGS_KEY] = cleaned
    profile.settings = settings
    session.flush()


def union_name(unit: AdministrativeUnit) -> str:
    """"Hội LHPN xã Tịnh Khê", "Hội LHPN tỉnh Quảng Ngãi": the union inside a sentence."""
    if unit.level == PROVINCE:
        return f"Hội LHPN {_province_label(unit)}"
    if unit.level == DISTRICT:
        return f"Hội LHPN {_district_label(unit)}"
    return f"Hội LHPN {_unit_label(unit)}"


def area_name(unit: AdministrativeUnit) -> str:
    """"xã Tịnh Khê", "tỉnh Quảng Ngãi": the area inside a sentence ("trên địa bàn …")."""
    return _province_label(unit) if unit.level == PROVINCE else _unit_label(unit)
