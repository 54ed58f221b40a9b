"""3. Export: a province bundle holding every record (data, workbook, PDF, signatures).

The merged national records belong to communes of many provinces, while a province's bundle
carries only its own; to measure a bundle "holding every record" the benchmark widens the
exporting unit's scope to every unit present (`owned_unit_codes` and the exporter's own check's
scope patched, here only). The
workbook's baseline is openpyxl write-only of exactly the same cells, in the same run."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from htx_desktop.exchange import bundle as bundle_mod
from htx_desktop.exchange import export_check
from htx_desktop.exchange.keys import create_credential
from htx_desktop.exchange.service import import_files
from htx_desktop.exchange.workbook import FORMULA_START, write_workbook
from htx_desktop.registry.profile import get_profile
from htx_desktop.scale import national_set
from htx_desktop.storage.engine import Database
from htx_desktop.storage.models import SYNCED_MODELS
from htx_desktop.storage.scope import UnitScope
from htx_desktop.storage.units import PROVINCE

pytestmark = pytest.mark.benchmark
PASSPHRASE = "mat-khau-tinh-thu"


def all_units(session) -> list[str]:
    codes: set[str] = set()
    for model in SYNCED_MODELS:
        codes.update(session.scalars(select(model.unit_code).distinct()))
    return sorted(codes)


def baseline_workbook(source: Path, out: Path) -> float:
    """Seconds for openpyxl write-only to write the same typed cells (read back untimed): the
    same values and number formats (dates dd/mm/yyyy, numbers #,##0…), formula-like text
    quoted, the same bold header, widths, frozen row and autofilter; one reused cell object
    per formatted column, as the exporter does, so the ratio is the exporter's own overhead
    (queries, conversions, lookups of linked records)."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheets = []
    wb = load_workbook(source, read_only=True)
    for ws in wb.worksheets:
        rows = [[(c.value, c.number_format) for c in r] for r in ws.iter_rows()]
        sheets.append((ws.title, rows, f"A1:{get_column_letter(len(rows[0]))}{len(rows)}"))
    wb.close()
    start = time.perf_counter()
    out_wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, rows, ref in sheets:
        ws = out_wb.create_sheet(title)
        for col in range(1, len(rows[0]) + 1):
            ws.column_dimensions[get_column_letter(col)].width = 20
        ws.freeze_panes = "A2"
        header = []
        for value, _ in rows[0]:
            cell = WriteOnlyCell(ws, value)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        reused: dict[tuple[int, str], Any] = {}
        for row in rows[1:]:
            line: list[Any] = []
            for col, (value, fmt) in enumerate(row):
                if value is None:
                    line.append(None)
                elif isinstance(value, str) and value.startswith(FORMULA_START):
                    quoted = WriteOnlyCell(ws, value)
                    quoted.data_type, quoted.quotePrefix = "s", True
                    line.append(quoted)
                elif fmt in (None, "General"):
                    line.append(value)
                else:
                    cell = reused.get((col, fmt))
                    if cell is None:
                        cell = reused[(col, fmt)] = WriteOnlyCell(ws)
                        cell.number_format = fmt
                    cell.value = value
                    line.append(cell)
            ws.append(line)
        ws.auto_filter.ref = ref
    out_wb.save(out)
    return time.perf_counter() - start


def test_province_export(bench_data, bench_size, record, tmp_path, monkeypatch):
    data = national_set(bench_data, communes=bench_size.export)
    db_path = tmp_path / "province.sqlite3"
    db_path.write_bytes(data.province_db.read_bytes())
    db = Database(db_path)
    try:
        outcomes = import_files(db, data.bundles)
        assert all(o.ok for o in outcomes)
        with db.session() as s:
            create_credential(s, get_profile(s), PASSPHRASE, db_path)
        with db.sessions() as s:
            codes = all_units(s)
        monkeypatch.setattr(bundle_mod, "owned_unit_codes", lambda _s, unit: [unit.code, *codes])
        # The exporter's own check of its records (`export_check`) with the same wide scope:
        # its places are every commune present. The check runs and is timed with the data.
        monkeypatch.setattr(
            export_check, "_own_scope",
            lambda _s, unit, owned: UnitScope(unit.code, PROVINCE, unit.code, {},
                                              frozenset(owned[1:])),
        )
        marks: list[tuple[str, float]] = []
        start = time.perf_counter()
        with db.session() as s:
            path = bundle_mod.export_bundle(
                s, "2025-H1", PASSPHRASE, tmp_path / "out",
                progress=lambda label, _d, _t: marks.append((label, time.perf_counter())),
            )
        total = time.perf_counter() - start
        steps, previous = [], start
        for label, moment in marks:
            steps.append(f"{label} {moment - previous:.2f} s")
            previous = moment
        with db.sessions() as s:
            records = sum(len(v) for v in bundle_mod.dump_records(s, codes).values())
            t0 = time.perf_counter()
            write_workbook(s, codes, tmp_path / "workbook.xlsx")
            ours = time.perf_counter() - t0
        import json
        import zipfile

        with zipfile.ZipFile(path) as zf:  # correctness: it holds every record
            counts = json.loads(zf.read("manifest.json"))["record_counts"]
        assert sum(counts.values()) == records
    finally:
        db.close()
    base = baseline_workbook(tmp_path / "workbook.xlsx", tmp_path / "baseline.xlsx")
    record(f"export province bundle ({records:,} records)", total, "s",
           note="; ".join(steps))
    record(f"workbook of {records:,} records", ours, "s", base, goal="goal ≤1.5× baseline")
