"""The command line lists units in Vietnamese alphabetical order (Đ after D, tones after
letters), as the officer reads them on paper: `units` and `status`."""

from __future__ import annotations

import re


def names_in(stdout: str) -> list[str]:
    """Unit names of `units`/`status` lines (the text between the code and the province)."""
    found = []
    for line in stdout.splitlines():
        match = re.search(r"((?:Tỉnh|Thành phố|Xã|Phường|Đặc khu) [^(]+?)(?:\s{2,}|\s*\(|$)", line)
        if match:
            found.append(match.group(1).strip())
    return found


def test_units_lists_provinces_with_d_before_dj(run_cli) -> None:
    result = run_cli("units")
    assert result.returncode == 0, result.stderr
    names = names_in(result.stdout)
    for earlier, later in (("Tỉnh Cao Bằng", "Thành phố Đà Nẵng"),
                           ("Thành phố Đà Nẵng", "Tỉnh Đắk Lắk"),
                           ("Tỉnh Đồng Tháp", "Tỉnh Gia Lai"),
                           ("Thành phố Hà Nội", "Thành phố Hải Phòng")):
        assert names.index(earlier) < names.index(later), (earlier, later)


def test_units_of_a_province_and_status_of_a_district_in_vietnamese_order(run_cli, new_db):
    result = run_cli("units", "--province", "51")
    names = names_in(result.stdout)
    assert names.index("Xã Dục Nông") < names.index("Xã Đông Sơn") < names.index("Xã Ia Chim")
    db = new_db()
    made = run_cli("district", "create", "--db", db, "--name", "Cụm thử",
                   "--communes", "21211,21109,23383,21439,21034")
    assert made.returncode == 0, made.stderr
    code = re.search(r"Mã cụm/huyện: (\S+)", made.stdout).group(1)  # type: ignore[union-attr]
    assert run_cli("init", "--db", db, "--unit", code, "--level", "district",
                   "--officer", "Trần Thị Thu", "--title", "Chủ tịch").returncode == 0
    status = run_cli("status", "--db", db, "--period", "2025-H1")
    assert status.returncode == 0, status.stderr
    assert names_in(status.stdout) == [
        "Xã An Phú", "Xã Dục Nông", "Xã Đông Sơn", "Phường Đức Phổ", "Xã Tịnh Khê"
    ]
