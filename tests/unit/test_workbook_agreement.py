"""The receiver holds a bundle's workbook to its data.json by the id, owner, revision and
"Đã xóa" columns, wherever they stand: "Có" is a deleted record, "Không" (or an empty cell,
as older exports wrote) a live one, and any other word makes the workbook disagree."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from htx_desktop.exchange.agreement import SHEET_TABLES, check_workbook_matches
from htx_desktop.exchange.errors import BundleRejected
from htx_desktop.exchange.workbook import DELETED_HEADER, ID_HEADER, REVISION_HEADER, UNIT_HEADER

HTX_ID = "6b49497e-8d50-4802-ae9c-759794e1a911"
RECORDS: dict[str, list[dict[str, Any]]] = {
    "cooperative": [{"id": HTX_ID, "unit_code": "21211", "revision": 3, "deleted": True}]
}


def workbook(deleted: Any) -> bytes:
    """Every sheet, identifiers last as the exporter writes them; one deleted HTX."""
    wb = Workbook(write_only=True)
    for sheet, table in SHEET_TABLES.items():
        ws = wb.create_sheet(sheet)
        ws.append(["Tên hợp tác xã", DELETED_HEADER, UNIT_HEADER, REVISION_HEADER, ID_HEADER])
        if table == "cooperative":
            ws.append(["HTX Nước mắm Tịnh Khê", deleted, "21211", 3, HTX_ID])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_deleted_record_marked_co_agrees() -> None:
    check_workbook_matches(workbook("Có"), RECORDS)


@pytest.mark.parametrize("deleted", ["Không", None])
def test_a_live_mark_disagrees_with_a_deleted_record(deleted: Any) -> None:
    with pytest.raises(BundleRejected) as refused:
        check_workbook_matches(workbook(deleted), RECORDS)
    assert refused.value.code == "workbook_disagrees"


@pytest.mark.parametrize("deleted", ["có rồi", "x", True])
def test_any_other_mark_in_the_deleted_column_is_refused_by_name(deleted: Any) -> None:
    with pytest.raises(BundleRejected) as refused:
        check_workbook_matches(workbook(deleted), RECORDS)
    assert refused.value.code == "workbook_disagrees"
    assert DELETED_HEADER in str(refused.value)
