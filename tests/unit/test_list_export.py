"""A record list written to Excel keeps its cells typed: numbers as numbers, dates as dates
shown dd/mm/yyyy, yes/no as "Có"/"Không", formula-like text as text; rows in the order given."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from htx_desktop.registry.forms import get_form
from htx_desktop.registry.listing import ListColumn, ListRow
from htx_desktop.xlsx.list_export import sheet_name, write_list_workbook


def column(form: str, key: str) -> ListColumn:
    spec = get_form(form).field(key)
    return ListColumn(key, spec.label_vi, spec.label_en, spec)


def test_cells_are_typed_and_in_the_given_order(tmp_path: Path) -> None:
    columns = [
        column("period_figures", "period"),
        column("period_figures", "members_total"),
        column("cooperative", "established_on"),
        column("union_cadre", "works_on_coops"),
        column("cooperative", "charter_capital"),
        ListColumn("extra", "Ghi chú", "Note", None),
    ]
    rows = [
        ListRow(
            "b",
            ("2025-H2", 1200, date(2015, 3, 1), True, Decimal("1500000.50"), "=1+1"),
            ("2025-H2", "1.200", "01/03/2015", "Có", "1.500.000,50", "=1+1"),
            "",
        ),
        ListRow(
            "a", ("2025-H1", None, None, None, None, None), ("2025-H1", "", "", "", "", ""), ""
        ),
    ]
    target = tmp_path / "Danh sách số liệu.xlsx"
    assert write_list_workbook(target, "Số liệu: HTX/THT [2025]", columns, rows) == 2
    book = load_workbook(target)
    sheet = book.active
    assert sheet.title == sheet_name("Số liệu: HTX/THT [2025]")
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == [c.label_vi for c in columns]
    first = values[1]
    assert first[0] == "2025-H2"
    assert first[1] == 1200 and sheet["B2"].number_format == "#,##0"
    assert first[2] == datetime(2015, 3, 1) and sheet["C2"].number_format == "dd/mm/yyyy"
    assert first[3] == "Có"
    assert first[4] == 1500000.5
    assert first[5] == "=1+1" and sheet["F2"].data_type == "s"
    assert values[2][0] == "2025-H1" and values[2][1:] == (None,) * 5
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F3"
    assert not list(tmp_path.glob("*.partial"))
