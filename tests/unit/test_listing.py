"""What the lists show: Vietnamese labels for stored keys, commune names, Vietnamese number and
date formats, and only what is in the officer's scope."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from htx_desktop.formatting import fmt_decimal, fmt_int, fmt_percent, long_date
from htx_desktop.registry.forms import get_form
from htx_desktop.registry.listing import (
    ListColumn,
    ListRow,
    load_rows,
    sort_key,
    sort_order,
    sorts_by_label,
)
from htx_desktop.registry.records import create_record, delete_record
from htx_desktop.registry.validation import ValidationContext

CTX = ValidationContext(communes={"21211", "21214"})


def test_vietnamese_number_and_date_formats():
    assert fmt_int(1234567) == "1.234.567"
    assert fmt_decimal(Decimal("1234.50")) == "1.234,5"
    assert fmt_percent(66.666) == "66,7 %"
    assert fmt_percent(None) == "—"
    assert long_date(date(2026, 1, 5), "Quảng Ngãi") == "Quảng Ngãi, ngày 05 tháng 01 năm 2026"
    assert long_date(date(2026, 3, 15)) == "ngày 15 tháng 3 năm 2026"


def test_rows_show_labels_and_commune_names_in_scope(fresh_db):
    with fresh_db.session() as s:
        a = create_record(
            s,
            "cooperative",
            {
                "name": "HTX Tịnh Khê",
                "commune_code": "21211",
                "sector": "du_lich_cong_dong",
                "registration_code": "4300123456",
            },
            "21211",
            CTX,
        )
        create_record(
            s,
            "cooperative",
            {"name": "HTX Khác", "commune_code": "21214", "sector": "khac"},
            "21214",
            CTX,
        )
        gone = create_record(
            s,
            "cooperative",
            {"name": "HTX Đã xóa", "commune_code": "21211", "sector": "khac"},
            "21211",
            CTX,
        )
        delete_record(s, "cooperative", gone.id)
    with fresh_db.session() as s:
        rows = load_rows(s, "cooperative", ["21211"])
    assert [r.id for r in rows] == [a.id]
    assert rows[0].display == (
        "HTX Tịnh Khê",
        "4300123456",
        "Xã Tịnh Khê",
        "Du lịch cộng đồng",
        "Đang hoạt động",
    )
    assert rows[0].values[3] == "du_lich_cong_dong"
    assert "tinh khe" in rows[0].search_key


def test_sort_key_puts_blanks_last_and_ignores_accents():
    values = ["Đồng", None, "An", "", "Bình"]
    assert sorted(values, key=sort_key) == ["An", "Bình", "Đồng", None, ""]


LABELS = {"a": "Zeta", "b": "Beta", "c": "Alpha"}  # labels ordered unlike their keys


def _row(i: int, name: str | None, status: str) -> ListRow:
    return ListRow(f"id{i}", (name, status), (name or "", LABELS[status]), "")


def test_sort_order_matches_sorting_by_sort_key_and_keeps_ties_in_row_order():
    columns = [
        ListColumn("name", "Tên", "Name", None),
        ListColumn("status", "Tình trạng", "Status", get_form("cooperative").field("status")),
    ]
    rows = [
        _row(0, "Đồng", "b"),
        _row(1, None, "a"),
        _row(2, "an", "b"),
        _row(3, "Bình", "a"),
        _row(4, "An", "c"),
        _row(5, "", "a"),
    ]
    order = sort_order(rows, columns, 0)
    assert (order.column, order.descending) == (0, False)
    # Vietnamese alphabetical order (Đ after D), case ignored, blanks last; "an" and "An"
    # tie and keep their row order.
    assert [rows[i].id for i in order.indexes] == ["id2", "id4", "id3", "id0", "id1", "id5"]
    assert order.indexes == sorted(range(len(rows)), key=lambda i: sort_key(rows[i].values[0]))
    down = sort_order(rows, columns, 0, descending=True)
    assert down.descending
    assert [rows[i].values[0] for i in down.indexes[:2]] == [None, ""]  # blanks first
    assert [rows[i].values[0] for i in down.indexes[2:]] == ["Đồng", "Bình", "an", "An"]
    # A choice column sorts by the label shown, not the stored key.
    by_status = sort_order(rows, columns, 1)
    assert [rows[i].values[1] for i in by_status.indexes] == ["c", "b", "b", "a", "a", "a"]
    assert sorts_by_label(columns[1]) and not sorts_by_label(columns[0])
