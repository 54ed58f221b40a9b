"""The workbook a bundle carries, opened the way officers open it: LibreOffice Calc (headless
here) shows the same values (numbers, dd/mm/yyyy dates, Có/Không, the HTX by code and name),
and a copy saved again by LibreOffice keeps its typed cells, still agrees with data.json and
imports as the same records.

Two conversions in all (every sheet to CSV, and back to .xlsx), each with its own throw-away
LibreOffice profile. Skipped where LibreOffice is missing, except in CI (env CI set), which
must have it (`libreoffice-calc-nogui`).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bundle_fixtures import make_officer
from openpyxl import load_workbook
from sqlalchemy import select

from htx_desktop.exchange.agreement import check_workbook_matches
from htx_desktop.exchange.workbook import (
    ATTENDANCE_SHEET,
    DELETED_HEADER,
    ID_HEADER,
    LINK_NAME_HEADERS,
    LINK_UUID_HEADERS,
    REVISION_HEADER,
    SHEETS,
    sheet_fields,
)
from htx_desktop.registry.profile import create_profile
from htx_desktop.registry.records import delete_record, model_for, record_values
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import (
    Cooperative,
    Manager,
    TrainingAttendance,
    TrainingSession,
)
from htx_desktop.xlsx.importer import apply_import, preview_import

SOFFICE = shutil.which("soffice")
IN_CI = bool(os.environ.get("CI"))
PERIOD = "2025-H1"
#: Every sheet to its own UTF-8 CSV (token 12: -1 = all sheets), cells "as shown" (token 9).
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

pytestmark = pytest.mark.skipif(
    SOFFICE is None and not IN_CI, reason="LibreOffice (soffice) is not installed"
)


@dataclass
class Opened:
    """One exported bundle's workbook and what LibreOffice made of it."""

    db: Database
    unit: str
    workbook: Path
    records: dict[str, list[dict[str, Any]]]
    shown: dict[str, list[dict[str, str]]]  # sheet -> rows of the CSV export, by header
    resaved: Path


def soffice(target: str, source: Path, out_dir: Path, profile: Path) -> None:
    assert SOFFICE is not None, "CI must install LibreOffice (libreoffice-calc-nogui)"
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", HOME=str(profile))
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, env=env, timeout=180,
    )


@pytest.fixture(scope="module")
def opened(e2e_template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    """A commune officer's demo records with one HTX deleted, exported as a bundle; its
    workbook opened by LibreOffice as CSV (every sheet) and saved again as .xlsx."""
    root = tmp_path_factory.mktemp("libreoffice")
    unit = "21211"  # Tịnh Khê (the demo gives another commune two namesake managers of one
    # HTX, which the importer takes for a duplicate row: a limit of the importer, not of this)
    officer = make_officer(e2e_template_db, root / "officer", unit)
    with officer.db.session() as s:
        gone = s.scalars(select(Cooperative.id).order_by(Cooperative.id)).first()
        delete_record(s, "cooperative", gone)
    bundle = officer.export(PERIOD, root / "out")
    with zipfile.ZipFile(bundle) as zf:
        records = json.loads(zf.read("data.json"))["records"]
        workbook = root / "workbook.xlsx"
        workbook.write_bytes(zf.read("workbook.xlsx"))
    soffice(CSV_ALL_SHEETS, workbook, root / "csv", root / "profile-csv")
    shown = {}
    for path in (root / "csv").glob("workbook-*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            shown[path.stem.removeprefix("workbook-")] = list(csv.DictReader(fh))
    soffice("xlsx", workbook, root / "resaved", root / "profile-xlsx")
    try:
        yield Opened(officer.db, unit, workbook, records, shown, root / "resaved" / "workbook.xlsx")
    finally:
        officer.db.close()


def number(shown: str) -> float:
    """A number as LibreOffice shows it in the C locale ("1,680.00")."""
    return float(shown.replace(",", ""))


def by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row[ID_HEADER]: row for row in rows}


def test_libreoffice_shows_numbers_dates_and_yes_no_as_stored(opened: Opened) -> None:
    assert {title for _, title, _ in SHEETS} | {ATTENDANCE_SHEET} <= set(opened.shown)
    checked = {"integer": 0, "decimal": 0, "date": 0, "boolean": 0}
    with opened.db.session() as s:
        for form_key, title, _links in SHEETS:
            rows = by_id(opened.shown[title])
            model = model_for(form_key)
            records = s.scalars(select(model).where(model.unit_code == opened.unit)).all()
            assert set(rows) == {r.id for r in records}
            for record in records:
                row = rows[record.id]
                assert row[REVISION_HEADER] == str(record.revision)
                assert row[DELETED_HEADER] == ("Có" if record.deleted else "Không")
                for spec in sheet_fields(form_key):
                    value, cell = getattr(record, spec.key), row[spec.label_vi]
                    if spec.type not in checked:
                        continue
                    if value is None:
                        assert cell == "", (title, spec.key)
                        continue
                    checked[spec.type] += 1
                    if spec.type in ("integer", "decimal"):
                        assert number(cell) == float(value), (title, spec.key, cell)
                    elif spec.type == "date":
                        assert cell == value.strftime("%d/%m/%Y"), (title, spec.key, cell)
                    else:
                        assert cell == ("Có" if value else "Không"), (title, spec.key, cell)
    assert all(checked.values()), checked  # the demo data has each kind of cell
    assert "Có" in {r[DELETED_HEADER] for r in opened.shown["Hợp tác xã"]}


def test_linked_records_read_by_code_and_name_with_the_uuid_last(opened: Opened) -> None:
    managers = by_id(opened.shown["Người quản lý"])
    attendance = by_id(opened.shown[ATTENDANCE_SHEET])
    with opened.db.session() as s:
        coop_links = 0
        for manager in s.scalars(select(Manager).where(Manager.unit_code == opened.unit)):
            row = managers[manager.id]
            assert list(row)[-2:] == list(LINK_UUID_HEADERS.values())
            assert row[LINK_UUID_HEADERS["cooperative_id"]] == (manager.cooperative_id or "")
            if manager.cooperative_id:
                coop = s.get(Cooperative, manager.cooperative_id)
                assert row["Mã HTX"] == (coop.registration_code or "")
                assert row[LINK_NAME_HEADERS["cooperative_id"]] == coop.name
                coop_links += 1
        assert coop_links
        for person in s.scalars(select(TrainingAttendance)):
            row = attendance[person.id]
            session = s.get(TrainingSession, person.session_id)
            assert row["Lớp tập huấn"] == session.title
            assert row["Ngày bắt đầu"] == session.start_date.strftime("%d/%m/%Y")
            assert row["Mã lớp"] == person.session_id
            assert row["Học viên"]


def test_saved_again_by_libreoffice_it_keeps_its_cells_agrees_and_imports(
    opened: Opened, e2e_template_db: Path, tmp_path: Path
) -> None:
    ours = load_workbook(opened.workbook, read_only=False)
    # LibreOffice headless has no view, so its copy drops frozen panes; read them in ours.
    assert {ws.title: ws.freeze_panes for ws in ours} == {ws.title: "A2" for ws in ours}
    ours.close()
    wb = load_workbook(opened.resaved)
    for ws in wb:
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
    coops = wb["Hợp tác xã"]
    column = {c.value: c.column for c in coops[1]}
    founded = [c for c in coops.iter_rows(min_row=2) if c[column["Ngày thành lập"] - 1].value]
    cell = founded[0][column["Ngày thành lập"] - 1]
    assert isinstance(cell.value, datetime | date) and cell.number_format.lower() == "dd/mm/yyyy"
    capital = [r[column["Vốn điều lệ (triệu đồng)"] - 1].value for r in founded]
    assert all(isinstance(v, int | float | Decimal) for v in capital if v is not None)
    wb.close()

    check_workbook_matches(opened.resaved.read_bytes(), opened.records)

    receiver = open_database(shutil.copyfile(e2e_template_db, tmp_path / "other.sqlite3"))
    try:
        with receiver.session() as s:
            create_profile(s, opened.unit, "Lê Thị Mai", "Phó Chủ tịch Hội LHPN")
        with receiver.session() as s:
            preview = preview_import(s, opened.resaved, opened.unit)
            assert preview.errors == [], [p.text for p in preview.errors]
            apply_import(s, preview)
        assert live_records(receiver) == live_records(opened.db)
    finally:
        receiver.close()


def live_records(db: Database) -> dict[str, dict[str, dict[str, Any]]]:
    with db.session() as s:
        out = {
            form_key: {
                r.id: record_values(r, form_key)
                for r in s.scalars(select(model_for(form_key)).where(
                    model_for(form_key).deleted.is_(False)))
            }
            for form_key, _, _ in SHEETS
        }
        out["attendance"] = {
            a.id: (a.session_id, a.manager_id, a.cadre_id)
            for a in s.scalars(select(TrainingAttendance).where(
                TrainingAttendance.deleted.is_(False)))
        }
        return out

