"""A commune officer whose database holds a record the district would refuse (stored before a
form's rule existed, or changed with a SQLite editor) is told so at her desk, with the record
and the field to fix, before anything is signed: she does not carry a bundle to the district
only to have it refused there."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from bundle_fixtures import make_officer, quang_ngai_communes

from htx_desktop.exchange.errors import ExchangeError

PERIOD = "2025-H1"


@pytest.fixture
def officer(e2e_template_db: Path, tmp_path: Path):
    folder = tmp_path / "Hội LHPN xã Tịnh Hà"  # a path with spaces and Vietnamese letters
    made = make_officer(e2e_template_db, folder, quang_ngai_communes(1)[0], demo_seed=4)
    yield made
    made.db.close()


def edit(officer, statement: str) -> None:
    """What a SQLite editor does to her file while the application is closed."""
    officer.db.engine.dispose()
    con = sqlite3.connect(officer.db.path)
    try:
        with con:
            con.execute(statement)
    finally:
        con.close()


def first_id(officer, table: str) -> str:
    con = sqlite3.connect(officer.db.path)
    try:
        return str(con.execute(
            f"SELECT id FROM {table} WHERE NOT deleted ORDER BY id LIMIT 1").fetchone()[0])
    finally:
        con.close()


def refusal(officer, out: Path) -> str:
    with pytest.raises(ExchangeError) as caught:
        officer.export(PERIOD, out)
    assert not out.exists() or list(out.iterdir()) == []  # no bundle, no half-made folder
    return str(caught.value)


def test_more_women_than_members_is_named_before_signing(officer, tmp_path):
    figures = first_id(officer, "period_figures")
    edit(officer, "UPDATE period_figures SET members_female = members_total + 3 "
                  f"WHERE id = '{figures}'")
    message = refusal(officer, tmp_path / "ra")
    assert message.startswith("Chưa xuất gói: bản ghi (“Số liệu theo kỳ”")
    assert figures in message
    assert "“Thành viên nữ”" in message  # the form's own name for the field, not the column
    assert "Hãy mở bản ghi đó trong ứng dụng, sửa trường này rồi xuất lại" in message
    # Fixed, the same officer exports, and the bundle is whole.
    edit(officer, "UPDATE period_figures SET members_female = members_total "
                  f"WHERE id = '{figures}'")
    assert officer.export(PERIOD, tmp_path / "ra").is_file()


def test_a_class_dated_beyond_what_the_form_allows(officer, tmp_path):
    session = first_id(officer, "training_session")
    far = (date.today() + timedelta(days=800)).isoformat()
    edit(officer, f"UPDATE training_session SET start_date = '{far}', end_date = '{far}' "
                  f"WHERE id = '{session}'")
    message = refusal(officer, tmp_path / "ra")
    assert session in message and "“Từ ngày”" in message


def test_a_hidden_character_is_named_by_the_record_not_its_place_in_the_file(
    officer, tmp_path
):
    coop = first_id(officer, "cooperative")
    edit(officer, f"UPDATE cooperative SET name = 'HTX ' || char(8238) || 'Đông' "
                  f"WHERE id = '{coop}'")
    message = refusal(officer, tmp_path / "ra")
    assert f"“Hợp tác xã”, mã {coop}" in message
    assert "U+202E" in message
    assert "bản ghi thứ" not in message  # her export's order means nothing to her
    assert "\u202e" not in message  # shown escaped, never raw


def test_a_revision_beyond_the_bound(officer, tmp_path):
    coop = first_id(officer, "cooperative")
    edit(officer, f"UPDATE cooperative SET revision = 2000000 WHERE id = '{coop}'")
    message = refusal(officer, tmp_path / "ra")
    assert coop in message and "1.000.000" in message


def test_a_refusal_about_no_single_record_still_says_what_and_what_to_do():
    from htx_desktop.exchange.errors import BundleRejected
    from htx_desktop.exchange.export_check import _to_fix

    reason = "Tệp data.json không có danh sách bản ghi hợp lệ."
    message = str(_to_fix(BundleRejected("bad_data", reason), {}))
    assert message.startswith("Chưa xuất gói: nơi nhận sẽ từ chối gói")
    assert reason in message and "khôi phục bản sao lưu" in message
