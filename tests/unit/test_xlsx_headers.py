"""Old lists' headers are read by meaning: every spelling in the golden file lands on its field."""

from __future__ import annotations

from pathlib import Path

import pytest

from htx_desktop.xlsx.reading import field_for_header

GOLDEN = Path(__file__).parents[1] / "golden" / "xlsx_headers.txt"


def _golden() -> list[tuple[str, str, str]]:
    lines = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form_key, header, expected = (part.strip() for part in line.split("|"))
            lines.append((form_key, header, expected))
    return lines


def test_golden_file_covers_the_headers_officers_write() -> None:
    headers = {header for _, header, _ in _golden()}
    for spelling in ("Mã HTX", "Mã số HTX", "Tên HTX", "Hợp tác xã", "Tên hợp tác xã",
                     "Chức vụ", "Họ và tên", "Năm sinh"):
        assert spelling in headers


@pytest.mark.parametrize(("form_key", "header", "expected"), _golden())
def test_header_is_read_as_its_field(form_key: str, header: str, expected: str) -> None:
    found = field_for_header(form_key, header)
    assert (found or "-") == expected
