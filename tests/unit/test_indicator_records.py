"""The records the dashboard lists behind a number are exactly those the number counts.

Checked on the demo data of a commune and of a province sample for every indicator of the plan
and several periods: a count is the number of records listed, a sum is the sum of what each
listed record adds, and a share of people lists one row per person of its denominator, the
trained ones making the numerator."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from htx_desktop.demo import fill_demo
from htx_desktop.indicators import compute_indicators
from htx_desktop.indicators.drilldown import (
    AMOUNT_NONE,
    AMOUNT_YES_NO,
    indicator_records,
)
from htx_desktop.indicators.plans import PERCENT
from htx_desktop.registry.profile import create_profile
from htx_desktop.storage.database import open_database
from htx_desktop.storage.engine import Database


def _demo(template: Path, folder: Path, unit: str) -> Database:
    path = folder / "demo dữ liệu.sqlite3"
    shutil.copyfile(template, path)
    db = open_database(path)
    with db.session() as session:
        create_profile(session, unit, "Nguyễn Thị Hoa", "Chủ tịch Hội LHPN")
        fill_demo(session, unit, seed=1)
    return db


@pytest.fixture(scope="module", params=["21211", "51"])
def demo(
    request: pytest.FixtureRequest, template_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, str]]:
    unit = str(request.param)
    db = _demo(template_db, tmp_path_factory.mktemp(f"demo {unit}"), unit)
    yield db, unit
    db.close()


@pytest.mark.parametrize("period", ["2024", "2025-H1", "2025", "2026-H1"])
def test_every_indicator_lists_exactly_what_it_counts(demo, period):
    db, unit = demo
    with db.session() as session:
        progress = compute_indicators(session, unit, period)
        listed_something = False
        for value in progress.indicators:
            records = indicator_records(session, unit, period, value.key)
            lines = records.lines
            assert records.value == value
            assert len({line.id for line in lines}) == len(lines), value.key
            assert all(line.name for line in lines), value.key
            assert records.numerator == value.numerator, value.key
            if records.amount_kind == AMOUNT_NONE:
                assert value.value == len(lines), value.key
            if records.amount_kind == AMOUNT_YES_NO:
                assert value.kind == PERCENT
                assert value.denominator == len(lines), value.key
                assert {line.amount for line in lines} <= {0, 1}
            listed_something |= bool(lines)
        assert listed_something


def test_women_managed_htx_are_the_commune_s_own(demo):
    db, unit = demo
    with db.session() as session:
        records = indicator_records(session, unit, "2025", "htx_women_managed")
    assert records.form_key == "cooperative"
    assert records.lines, "the demo has women-managed HTX"
    assert all(line.place for line in records.lines)
    if unit == "21211":
        assert {line.place for line in records.lines} == {"Xã Tịnh Khê"}
