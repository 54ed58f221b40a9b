"""Numbers and dates typed as text by officers whose Excel speaks Vietnamese or English."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import model_for
from htx_desktop.storage.engine import Database
from htx_desktop.xlsx.importer import apply_import, preview_import
from htx_desktop.xlsx.locale_values import date_from_text, number_from_text

UNIT = "21211"


@pytest.mark.parametrize(("text", "integer", "mark", "expected"), [
    ("1.500.000", False, None, Decimal("1500000")),
    ("1,500,000", False, None, Decimal("1500000")),
    ("1.500,5", False, None, Decimal("1500.5")),
    ("1,500.5", False, None, Decimal("1500.5")),
    ("2,5", False, None, Decimal("2.5")),
    ("2.5", False, None, Decimal("2.5")),
    ("0,500", False, None, Decimal("0.5")),
    ("1.980", True, None, Decimal("1980")),  # a whole-number column: no decimals to confuse
    ("1,500", True, None, Decimal("1500")),
    ("1.500", False, ",", Decimal("1500")),  # the column writes "2,5": comma is the decimal
    ("1.500", False, ".", Decimal("1.5")),
    ("1,500", False, ",", Decimal("1.5")),
    ("12.345.6", False, None, None),  # not a number: validate() says so
    ("1.50.000", False, None, None),
])
def test_number_text_is_read_by_the_documented_rule(
    text: str, integer: bool, mark: str | None, expected: Decimal | None
) -> None:
    assert number_from_text(text, integer, mark) == expected


@pytest.mark.parametrize("text", ["1,500", "1.500", "12.345"])
def test_ambiguous_number_text_in_a_decimal_column_is_refused_with_advice(text: str) -> None:
    refusal = number_from_text(text, False, None)
    assert isinstance(refusal, str) and f"“{text}” có thể là" in refusal and "hãy ghi" in refusal


def test_short_dates_are_day_first_with_a_two_digit_year() -> None:
    today = date(2026, 6, 1)
    assert date_from_text("5/3/24", today) == date(2024, 3, 5)
    assert date_from_text("05-03-99", today) == date(1999, 3, 5)
    assert date_from_text("15/3/24", today) == date(2024, 3, 15)
    assert date_from_text("3/15/24", today) is None  # English order: month 15 is refused


@pytest.fixture
def commune_db(fresh_db: Database) -> Database:
    with fresh_db.session() as session:
        create_profile(session, UNIT, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN xã")
    return fresh_db


def test_a_list_typed_in_either_language_imports_the_same_values(
    commune_db: Database, tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "DS HTX"
    ws.append(["Tên HTX", "Mã số HTX", "Lĩnh vực", "Ngày thành lập", "Vốn điều lệ"])
    ws.append(["HTX Một", "4300000011", "Nông nghiệp", datetime(2019, 3, 15), "2,5"])
    ws.append(["HTX Hai", "4300000012", "Nông nghiệp", "15/03/2019", "1.500"])
    ws.append(["HTX Ba", "4300000013", "Nông nghiệp", "15/3/19", 1500])
    ws.append(["HTX Bốn", "4300000014", "Nông nghiệp", "15/03/2019", "1.250.000,75"])
    wb.save(tmp_path / "ds.xlsx")
    with commune_db.session() as session:
        preview = preview_import(session, tmp_path / "ds.xlsx", UNIT)
        assert [p.text() for p in preview.errors] == []
        apply_import(session, preview)
        got = {c.name: (c.established_on, c.charter_capital)
               for c in session.scalars(select(model_for("cooperative")))}
    assert got == {
        "HTX Một": (date(2019, 3, 15), Decimal("2.5")),
        "HTX Hai": (date(2019, 3, 15), Decimal("1500")),  # the column's "2,5" shows the comma
        "HTX Ba": (date(2019, 3, 15), Decimal("1500")),
        "HTX Bốn": (date(2019, 3, 15), Decimal("1250000.75")),
    }


def test_an_ambiguous_number_is_a_problem_naming_its_cell(
    commune_db: Database, tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Tên HTX", "Mã số HTX", "Lĩnh vực", "Vốn điều lệ"])
    ws.append(["HTX Một", "4300000011", "Nông nghiệp", "1,500"])
    wb.save(tmp_path / "ds.xlsx")
    with commune_db.session() as session:
        preview = preview_import(session, tmp_path / "ds.xlsx", UNIT)
        [problem] = preview.errors
        assert (problem.row, problem.column) == (2, "D “Vốn điều lệ”")
        assert "“1,500” có thể là 1.500 hoặc 1,5" in problem.message


def test_template_formats_date_and_number_columns_and_refuses_text_in_them(
    tmp_path: Path
) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from htx_desktop.xlsx.template import write_template

    write_template(tmp_path / "mau.xlsx")
    ws = load_workbook(tmp_path / "mau.xlsx")["Hợp tác xã"]
    col = {c.value: get_column_letter(c.column) for c in ws[1]}
    assert ws.column_dimensions[col["Ngày thành lập"]].number_format == "DD/MM/YYYY"
    assert ws.column_dimensions[col["Vốn điều lệ (triệu đồng)"]].number_format == "#,##0.00"
    assert ws.column_dimensions[col["Tên hợp tác xã"]].number_format == "General"
    rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    on_date = rules[col["Ngày thành lập"] + "2"]
    assert on_date.type == "date" and "ngày/tháng/năm" in on_date.error
    assert on_date.showInputMessage and "05/01/2026" in on_date.prompt
    on_capital = rules[col["Vốn điều lệ (triệu đồng)"] + "2"]
    assert on_capital.type == "decimal" and "Hãy gõ một số" in on_capital.error
    assert on_capital.formula1 == "0" and on_capital.formula2 == "10000000"
