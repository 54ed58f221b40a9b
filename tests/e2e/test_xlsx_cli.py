"""`template` and `import-xlsx` as an officer runs them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

RunCli = Callable[..., subprocess.CompletedProcess[str]]

FIXTURE = Path(__file__).parents[1] / "fixtures" / "legacy-list.xlsx"


def test_template_then_dry_run_then_import(
    run_cli: RunCli, new_db: Callable[[str], Path], tmp_path: Path
) -> None:
    db = new_db("htx.sqlite3")
    assert run_cli("init", "--db", db, "--unit", "21211", "--officer", "Nguyễn Thị Hoa",
                   "--title", "Chủ tịch Hội LHPN xã").returncode == 0
    template = tmp_path / "mau.xlsx"
    done = run_cli("template", "--out", template, "--db", db)
    assert done.returncode == 0, done.stderr
    assert "Hướng dẫn" in load_workbook(template).sheetnames

    dry = run_cli("import-xlsx", "--db", db, "--dry-run", "--json", FIXTURE)
    assert dry.returncode == 1  # rows with mistakes are reported
    report = json.loads(dry.stdout)
    assert report["encoding"] == "tcvn3"
    assert report["counts"]["create"] == 2 and report["counts"]["rejected"] == 3
    assert {(p["row"], p["column"][:1] if p["column"] else None)
            for p in report["problems"] if p["level"] == "error"} == {
        (7, "C"), (7, "E"), (7, "H"), (8, "B"), (9, None)}

    read_as = {(c["column"], c["header"]): c["field"] for c in report["columns"]}
    assert read_as[("B", "Tên HTX")] == "name"
    assert read_as[("C", "Mã số HTX")] == "registration_code"
    said = run_cli("import-xlsx", "--db", db, "--dry-run", FIXTURE)
    assert "ĐỌC CỘT  Bảng “DS HTX xã”, cột B “Tên HTX” → Tên hợp tác xã" in said.stdout

    real = run_cli("import-xlsx", "--db", db, FIXTURE)
    assert "ĐÃ NHẬP: thêm mới 2" in real.stdout
    assert "dòng 7, cột C" in real.stderr
    again = run_cli("import-xlsx", "--db", db, "--json", FIXTURE)
    assert json.loads(again.stdout)["counts"]["unchanged"] == 2


def test_import_refuses_an_old_xls_with_advice(
    run_cli: RunCli, new_db: Callable[[str], Path], tmp_path: Path
) -> None:
    db = new_db("htx.sqlite3")
    run_cli("init", "--db", db, "--unit", "21211", "--officer", "Hoa", "--title", "CT")
    old = tmp_path / "danh-sach.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    done = run_cli("import-xlsx", "--db", db, old)
    assert done.returncode == 1
    assert "Lưu thành" in done.stderr
