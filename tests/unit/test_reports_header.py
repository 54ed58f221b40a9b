"""What the top and bottom of a printed document say, and the wording rules behind them:
defaults derived from the unit, persistence in the profile settings, Decree 30 punctuation,
the chart's fonts and the module's start-up cost (no reportlab until a document is made)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from htx_desktop.indicators.progress import IndicatorValue
from htx_desktop.registry.profile import create_profile
from htx_desktop.reports.errors import ReportError
from htx_desktop.reports.header import (
    ReportHeader,
    default_header,
    load_header,
    save_header,
)
from htx_desktop.reports.wording import fmt_ratio, fmt_target, fmt_value, text_date
from htx_desktop.storage.units import create_district

COMMUNE = "21211"  # Xã Tịnh Khê, Quảng Ngãi


def _indicator(kind: str = "count", value: float | None = 3, **kw: object) -> IndicatorValue:
    base: dict[str, object] = {
        "key": "htx_women_managed", "label_vi": "HTX", "label_en": "HTX", "kind": kind,
        "value": value, "numerator": 3, "denominator": None, "baseline": None,
        "target_2025": 12, "target_2030": 15, "achieved_2025_pct": 25.0,
        "achieved_2030_pct": 20.0,
    }
    return IndicatorValue(**(base | kw))  # type: ignore[arg-type]


def test_commune_defaults_read_like_the_unions_own_papers(fresh_db):
    with fresh_db.session() as s:
        profile = create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        header = default_header(s, profile)
    assert header.parent_body == "HỘI LHPN TỈNH QUẢNG NGÃI"
    assert header.issuing_body == "HỘI LHPN XÃ TỊNH KHÊ"
    assert header.place == "Tịnh Khê"
    assert header.authority == "TM. BAN THƯỜNG VỤ"
    assert header.signer_title == "CHỦ TỊCH"
    assert header.signer_name == "Nguyễn Thị Hoa"
    assert header.number_line() == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-HPN"
    assert header.place_date(date(2026, 1, 5)) == "Tịnh Khê, ngày 05 tháng 01 năm 2026"
    lines = header.recipient_lines()
    assert lines[0] == "- Ban Thường vụ Hội LHPN tỉnh Quảng Ngãi (b/c);"
    assert "- UBND xã Tịnh Khê;" in lines
    assert lines[-1] == "- Lưu: VT, HPN."


def test_province_and_district_defaults_and_a_vice_chair_signing(fresh_db):
    with fresh_db.session() as s:
        profile = create_profile(s, "51", "Lê Thị Thu", "Phó Chủ tịch Hội LHPN tỉnh")
        header = default_header(s, profile)
        assert (header.parent_body, header.issuing_body, header.place) == (
            "HỘI LHPN VIỆT NAM", "HỘI LHPN TỈNH QUẢNG NGÃI", "Quảng Ngãi"
        )
        assert header.authority == "TM. BAN THƯỜNG VỤ\nKT. CHỦ TỊCH"
        assert header.signer_title == "PHÓ CHỦ TỊCH"

        district = create_district(s, "Huyện Sơn Tịnh cũ", [COMMUNE, "21034"])
        profile.unit_code, profile.level = district.code, district.level
        s.flush()
        s.expire(profile, ["unit"])
        header = default_header(s, profile)
        assert header.parent_body == "HỘI LHPN TỈNH QUẢNG NGÃI"
        assert header.issuing_body == "HỘI LHPN HUYỆN SƠN TỊNH CŨ"
        assert header.place == "Sơn Tịnh"


def test_saved_header_survives_and_per_document_fields_are_not_kept(fresh_db):
    with fresh_db.session() as s:
        create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        changed = replace(
            load_header(s),
            parent_body="ĐẢNG ỦY XÃ TỊNH KHÊ",
            number="05",
            issued_on=date(2026, 1, 5),
            recipients=("Đảng ủy xã  Tịnh Khê;", "  ", "- UBND xã"),
            authority="TM. BAN THƯỜNG VỤ\nKT. CHỦ TỊCH",
        )
        save_header(s, changed)
    with fresh_db.session() as s:
        again = load_header(s)
    assert again.parent_body == "ĐẢNG ỦY XÃ TỊNH KHÊ"
    assert again.recipients == ("Đảng ủy xã Tịnh Khê;", "- UBND xã")
    assert again.authority == "TM. BAN THƯỜNG VỤ\nKT. CHỦ TỊCH"
    assert again.number == "" and again.issued_on is None
    assert again.recipient_lines() == ["- Đảng ủy xã Tịnh Khê;", "- UBND xã;", "- Lưu: VT, HPN."]


def test_broken_settings_fall_back_to_the_defaults(fresh_db):
    with fresh_db.session() as s:
        profile = create_profile(s, COMMUNE, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
        profile.settings = {"report_header": {"place": 5, "recipients": "x", "unknown": 1}}
        s.flush()
        header = load_header(s)
    assert header.place == "Tịnh Khê"
    assert header.recipients == default_header_recipients()


def default_header_recipients() -> tuple[str, ...]:
    return (
        "Ban Thường vụ Hội LHPN tỉnh Quảng Ngãi (b/c)",
        "Đảng ủy xã Tịnh Khê (b/c)",
        "UBND xã Tịnh Khê",
    )


def test_no_profile_is_a_clear_error(fresh_db):
    with fresh_db.session() as s, pytest.raises(ReportError, match="htx-desktop init"):
        load_header(s)


def test_number_and_archive_punctuation() -> None:
    header = ReportHeader("A", "B", "Tịnh Khê", "Hoa", number=" 05 ", archive="Lưu: VT, HPN.")
    assert header.number_line() == "Số: 05/BC-HPN"
    assert header.recipient_lines() == ["- Lưu: VT, HPN."]


def test_wording_of_values_targets_and_dates() -> None:
    assert text_date(date(2023, 6, 7)) == "07/6/2023"
    assert text_date(date(2023, 1, 3)) == "03/01/2023"
    assert fmt_value(_indicator(value=1234)) == "1.234"
    share = _indicator("percent", 200 / 3, numerator=2, denominator=3)
    assert fmt_value(share) == "66,7 %"
    assert fmt_ratio(share) == "(2/3)"
    assert fmt_target(share, 80) == "≥ 80 %"
    assert fmt_target(share, 100) == "100 %"
    assert fmt_value(_indicator("percent", None, denominator=0)) == "—"


def test_the_chart_names_only_the_embedded_face() -> None:
    from reportlab.graphics.shapes import Group, String, UserNode

    from htx_desktop.reports.charts import achievement_chart, axis_max
    from htx_desktop.reports.fonts import REGULAR

    values = [_indicator(), _indicator("percent", 50.0, achieved_2025_pct=None)]
    drawing = achievement_chart(values)
    assert drawing.initialFontName == REGULAR

    def strings(node: object) -> list[String]:
        if isinstance(node, UserNode):  # a chart: what it draws
            node = node.provideNode()
        found = [node] if isinstance(node, String) else []
        if isinstance(node, Group):
            for child in node.contents:
                found += strings(child)
        return found

    texts = strings(drawing)
    names = {s.fontName for s in texts}
    assert len(texts) > 10  # labels, axis values, bar values, legend
    assert names == {REGULAR}
    assert axis_max([None, 20.0]) == 150.0
    assert axis_max([480.0]) == 300.0
    assert axis_max([170.0]) == 200.0


def test_importing_the_reports_does_not_load_reportlab_or_qt() -> None:
    code = (
        "import json, sys\n"
        "import htx_desktop.reports, htx_desktop.reports.periodic, htx_desktop.cli\n"
        "print(json.dumps([m for m in sys.modules if m.split('.')[0] in "
        "('reportlab', 'PySide6')]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert json.loads(result.stdout) == []
