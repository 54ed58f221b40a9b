"""The command line as an officer uses it: exit codes, Vietnamese messages without tracebacks,
and the database each command leaves behind.

A few tests start real processes (``python -m htx_desktop``), which is what an officer runs;
the rest call ``main(argv)`` in this process, which runs the same code without paying a
second per interpreter start.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from htx_desktop import __version__
from htx_desktop.__main__ import main
from htx_desktop.storage.units import official_units

RunCli = Callable[..., subprocess.CompletedProcess[str]]
NewDb = Callable[..., Path]


def query(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute(sql, params))


def assert_clean_failure(stderr: str) -> None:
    """One explained failure: Vietnamese, no Python traceback."""
    assert "Traceback" not in stderr
    assert stderr.startswith("Lỗi:") or "lỗi:" in stderr


# -- real processes -----------------------------------------------------------------------------


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"htx-desktop {__version__}"


def test_init_then_demo_then_second_demo_is_refused(run_cli: RunCli, new_db: NewDb) -> None:
    db = new_db()
    init = run_cli(
        "init",
        "--db",
        db,
        "--unit",
        "21211",
        "--officer",
        "Nguyễn  Thị Hoa",
        "--title",
        "Chủ tịch Hội LHPN xã",
    )
    assert init.returncode == 0, init.stderr
    assert "Xã Tịnh Khê" in init.stdout
    assert query(db, "select unit_code, level, officer_name from officer_profile") == [
        ("21211", "commune", "Nguyễn Thị Hoa")
    ]

    demo = run_cli("--db", db, "demo")  # --db before the command works too
    assert demo.returncode == 0, demo.stderr
    assert "Đã thêm dữ liệu mẫu" in demo.stdout
    coops = query(db, "select commune_code, unit_code from cooperative")
    assert len(coops) >= 3 and set(coops) == {("21211", "21211")}

    again = run_cli("demo", "--db", db)
    assert again.returncode == 1
    assert_clean_failure(again.stderr)
    assert "--force" in again.stderr and "Không thêm dữ liệu mẫu lần nữa" in again.stderr
    assert query(db, "select count(*) from cooperative") == [(len(coops),)]


def test_wrong_arguments_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "--db", tmp_path / "x.sqlite3", "--unit", "21211")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "thiếu tham số bắt buộc: --officer, --title" in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()


def test_unknown_unit_code_fails_in_vietnamese(run_cli: RunCli, new_db: NewDb) -> None:
    db = new_db()
    result = run_cli(
        "init", "--db", db, "--unit", "99999", "--officer", "Nguyễn Thị Hoa", "--title", "Chủ tịch"
    )
    assert result.returncode == 1
    assert_clean_failure(result.stderr)
    assert "Không tìm thấy đơn vị hành chính có mã “99999”" in result.stderr
    assert "units --search" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert query(db, "select count(*) from officer_profile") == [(0,)]


def test_district_profile_demo_fills_each_member_commune(run_cli: RunCli, new_db: NewDb) -> None:
    db = new_db()
    created = run_cli(
        "district",
        "create",
        "--db",
        db,
        "--name",
        "Huyện Sơn Tịnh cũ",
        "--communes",
        "21211, 21220",
    )
    assert created.returncode == 0, created.stderr
    match = re.search(r"Mã cụm/huyện: (\S+)", created.stdout)
    assert match is not None
    code = match.group(1)

    init = run_cli(
        "init",
        "--db",
        db,
        "--unit",
        code,
        "--level",
        "district",
        "--officer",
        "Trần Thị Lan",
        "--title",
        "Chủ tịch Hội LHPN huyện",
    )
    assert init.returncode == 0, init.stderr
    assert query(db, "select unit_code, level from officer_profile") == [(code, "district")]

    demo = run_cli("demo", "--db", db, "--seed", "5")
    assert demo.returncode == 0, demo.stderr
    per_commune = dict(query(db, "select commune_code, count(*) from cooperative group by 1"))
    assert set(per_commune) == {"21211", "21220"}
    assert all(n >= 3 for n in per_commune.values())
    owners = {row[0] for row in query(db, "select unit_code from union_cadre")}
    assert owners == {"21211", "21220", code}


def test_units_search_without_accents_needs_no_database(
    run_cli: RunCli, cli_env: dict[str, str]
) -> None:
    result = run_cli("units", "--search", "tinh khe")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^21211\s+Xã Tịnh Khê\s+\(Tỉnh Quảng Ngãi\)$", result.stdout, re.M)
    assert not list(Path(cli_env["XDG_DATA_HOME"]).iterdir()), "no data folder was created"


# -- the same code in this process ---------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        ["demo", "--seed", "abc"],
        ["init", "--unit", "21211", "--officer", "A", "--title", "B", "--level", "village"],
        ["district"],
        ["units", "--db", "x.sqlite3"],
        ["--demo", "units"],
        ["--demo", "--db", "x.sqlite3"],
    ],
)
def test_more_wrong_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Cách dùng:" in err and "lỗi:" in err and "Traceback" not in err


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: htx-desktop demo")
    assert "--seed SỐ" in out and "hiện hướng dẫn này rồi thoát" in out


def _init(db: Path, unit: str = "21211", *extra: str) -> int:
    return main(
        [
            "init",
            "--db",
            str(db),
            "--unit",
            unit,
            "--officer",
            "Nguyễn Thị Hoa",
            "--title",
            "Chủ tịch Hội LHPN xã",
            *extra,
        ]
    )


def _dump_cooperatives(db: Path) -> list[tuple[object, ...]]:
    return query(db, "select * from cooperative order by id")


def test_demo_is_deterministic_per_seed(new_db: NewDb) -> None:
    dumps = []
    for name, seed in (("a.sqlite3", "4"), ("b.sqlite3", "4"), ("c.sqlite3", "9")):
        db = new_db(name)
        assert _init(db) == 0
        assert main(["demo", "--db", str(db), "--seed", seed]) == 0
        dumps.append(_dump_cooperatives(db))
    assert dumps[0] and dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]


def test_demo_without_profile_says_to_run_init(
    new_db: NewDb, capsys: pytest.CaptureFixture[str]
) -> None:
    db = new_db()
    assert main(["demo", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert_clean_failure(err)
    assert "chưa có hồ sơ cán bộ" in err and "htx-desktop init" in err


def test_forced_demo_needs_a_new_seed(new_db: NewDb, capsys: pytest.CaptureFixture[str]) -> None:
    db = new_db()
    assert _init(db) == 0
    assert main(["demo", "--db", str(db)]) == 0
    first = len(_dump_cooperatives(db))
    assert main(["demo", "--db", str(db), "--force"]) == 1
    assert "--seed khác" in capsys.readouterr().err
    assert main(["demo", "--db", str(db), "--force", "--seed", "2"]) == 0
    assert len(_dump_cooperatives(db)) > first


def test_second_profile_needs_replace(new_db: NewDb, capsys: pytest.CaptureFixture[str]) -> None:
    db = new_db()
    assert _init(db) == 0
    assert _init(db, "51") == 1
    err = capsys.readouterr().err
    assert_clean_failure(err)
    assert "--replace" in err
    assert _init(db, "51", "--replace") == 0
    assert query(db, "select unit_code, level from officer_profile") == [("51", "province")]


def test_level_must_match_the_unit(new_db: NewDb, capsys: pytest.CaptureFixture[str]) -> None:
    db = new_db()
    assert _init(db, "21211", "--level", "district") == 1
    err = capsys.readouterr().err
    assert "cấp xã/phường" in err and "cấp huyện/cụm" in err
    assert query(db, "select count(*) from officer_profile") == [(0,)]


def test_district_list_and_bad_district(new_db: NewDb, capsys: pytest.CaptureFixture[str]) -> None:
    db = new_db()
    assert main(["district", "list", "--db", str(db)]) == 0
    assert "Chưa có cụm/huyện nào" in capsys.readouterr().out
    assert (
        main(["district", "create", "--db", str(db), "--name", "Cụm A", "--communes", "21211,51"])
        == 1
    )
    assert "không phải là xã/phường" in capsys.readouterr().err
    assert (
        main(
            [
                "--db",
                str(db),
                "district",
                "create",
                "--name",
                "Cụm A",
                "--communes",
                "21211,21220,21211",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["district", "list", "--db", str(db)]) == 0
    listing = capsys.readouterr().out
    assert "Cụm A" in listing and "2 xã/phường" in listing


def test_units_by_province(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--province", "51"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    expected = {
        u.code for u in official_units() if u.level == "commune" and u.province_code == "51"
    }
    assert {line.split()[0] for line in lines} == expected
    assert main(["units", "--province", "99"]) == 1
    assert "Không có tỉnh/thành phố mã “99”" in capsys.readouterr().err
    assert main(["units"]) == 0
    out = capsys.readouterr().out
    assert "51     Tỉnh Quảng Ngãi" in out and "01     Thành phố Hà Nội" in out


def test_a_file_that_is_not_a_database_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    assert main(["district", "list", "--db", str(bad)]) == 1
    err = capsys.readouterr().err
    assert_clean_failure(err)
    assert "Không mở được cơ sở dữ liệu" in err and str(bad) in err


@pytest.fixture
def fake_gui(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path | None, bool]]:
    """Stand in for htx_desktop.app so that the launch path is checked without Qt."""
    calls: list[tuple[Path | None, bool]] = []

    def run_gui(db_path: Path | None, demo: bool = False) -> int:
        calls.append((db_path, demo))
        return 0

    module = types.ModuleType("htx_desktop.app")
    module.run_gui = run_gui  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "htx_desktop.app", module)
    return calls


def test_no_command_opens_the_gui(fake_gui: list[tuple[Path | None, bool]], tmp_path: Path) -> None:
    from htx_desktop.paths import default_db_path

    assert main(["--db", str(tmp_path / "mine.sqlite3")]) == 0
    assert main(["--demo"]) == 0
    assert main([]) == 0
    assert fake_gui == [
        (tmp_path / "mine.sqlite3", False),
        (None, True),  # the GUI keeps its demo file apart from the officer's
        (default_db_path(), False),
    ]


def test_missing_gui_is_explained(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "htx_desktop.app", None)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert_clean_failure(err)
    assert "không mở được giao diện" in err
