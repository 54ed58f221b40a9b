"""Records as the officer keeps them: entered once with a UUID, edited with a rising revision,
deleted as tombstones that take their dependants along, found without typing accents."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from htx_desktop.registry.records import (
    RecordNotFound,
    create_record,
    delete_record,
    get_record,
    list_records,
    update_record,
)
from htx_desktop.registry.validation import ValidationContext, ValidationFailed
from htx_desktop.storage.models import Cooperative, Manager, PeriodFigures

COMMUNE = "21211"  # Xã Tịnh Khê, Quảng Ngãi
CTX = ValidationContext(communes={COMMUNE, "21214"})


def add_coop(session, name="Hợp tác xã Nông nghiệp Nghĩa Hành", **extra):
    values = {"name": name, "commune_code": COMMUNE, "sector": "nong_nghiep"} | extra
    return create_record(session, "cooperative", values, COMMUNE, CTX)


def test_a_new_record_gets_a_uuid_owner_and_first_revision(fresh_db):
    with fresh_db.session() as s:
        coop = add_coop(s)
    assert len(coop.id) == 36
    assert coop.unit_code == COMMUNE
    assert coop.revision == 1
    assert coop.deleted is False
    assert coop.created_at is not None


def test_invalid_values_are_refused_and_nothing_is_stored(fresh_db):
    with pytest.raises(ValidationFailed) as err, fresh_db.session() as s:
        add_coop(s, name="")
    assert "name" in err.value.errors
    with fresh_db.session() as s:
        assert s.scalars(select(Cooperative)).all() == []


def test_each_change_raises_the_revision_but_a_no_op_edit_does_not(fresh_db):
    with fresh_db.session() as s:
        coop_id = add_coop(s).id
    with fresh_db.session() as s:
        update_record(s, "cooperative", coop_id, {"status": "tam_ngung"}, CTX)
    with fresh_db.session() as s:
        update_record(s, "cooperative", coop_id, {"status": "tam_ngung"}, CTX)
    with fresh_db.session() as s:
        coop = get_record(s, "cooperative", coop_id)
        assert coop.status == "tam_ngung"
        assert coop.revision == 2
        assert coop.updated_at >= coop.created_at


def test_deleting_a_cooperative_tombstones_its_managers_and_figures(fresh_db):
    with fresh_db.session() as s:
        coop = add_coop(s)
        create_record(
            s,
            "manager",
            {
                "cooperative_id": coop.id,
                "full_name": "Trần Thị Hoa",
                "role": "giam_doc",
                "sex": "nu",
                "consent": True,
            },
            COMMUNE,
            CTX,
        )
        create_record(
            s,
            "period_figures",
            {
                "cooperative_id": coop.id,
                "period": "2025-H1",
                "members_total": 10,
                "members_female": 6,
                "workers_total": 8,
                "workers_female": 5,
            },
            COMMUNE,
            CTX,
        )
    with fresh_db.session() as s:
        assert delete_record(s, "cooperative", coop.id) == 3
    with fresh_db.session() as s:
        rows = s.scalars(select(Cooperative)).all() + s.scalars(select(Manager)).all()
        rows += s.scalars(select(PeriodFigures)).all()
        assert len(rows) == 3
        assert all(r.deleted and r.deleted_at and r.revision == 2 for r in rows)
        assert list_records(s, "cooperative", [COMMUNE]) == []
        with pytest.raises(RecordNotFound):
            get_record(s, "cooperative", coop.id)


def test_blank_optional_counts_are_stored_as_zero(fresh_db):
    with fresh_db.session() as s:
        coop = add_coop(s)
        fig = create_record(
            s,
            "period_figures",
            {
                "cooperative_id": coop.id,
                "period": "2025-H1",
                "members_total": 10,
                "members_female": 6,
                "workers_total": 8,
                "workers_female": 5,
            },
            COMMUNE,
            CTX,
        )
        assert fig.workers_disabled == 0
        assert fig.revenue is None


def test_search_ignores_accents_and_case(fresh_db):
    with fresh_db.session() as s:
        add_coop(s, "Hợp tác xã Nông nghiệp Nghĩa Hành")
        add_coop(s, "HTX Dệt thổ cẩm Đồng Xuân")
    with fresh_db.session() as s:
        names = [c.name for c in list_records(s, "cooperative", [COMMUNE], "hop tac xa nghia hanh")]
        assert names == ["Hợp tác xã Nông nghiệp Nghĩa Hành"]
        assert [c.name for c in list_records(s, "cooperative", [COMMUNE], "dong xuan")] == [
            "HTX Dệt thổ cẩm Đồng Xuân"
        ]
        assert [c.name for c in list_records(s, "cooperative", [COMMUNE], "d")] == [
            "HTX Dệt thổ cẩm Đồng Xuân"
        ]
        assert list_records(s, "cooperative", ["21214"]) == []


def test_search_key_follows_edits(fresh_db):
    with fresh_db.session() as s:
        coop_id = add_coop(s, "HTX Cũ").id
    with fresh_db.session() as s:
        update_record(s, "cooperative", coop_id, {"name": "HTX Mới Tịnh Khê"}, CTX)
    with fresh_db.session() as s:
        assert [c.id for c in list_records(s, "cooperative", None, "moi tinh khe")] == [coop_id]
        assert list_records(s, "cooperative", None, "cu") == []
