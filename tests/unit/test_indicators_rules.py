"""The plan's definitions, pinned by hand-made cases at their boundaries, and the plan file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from htx_desktop.indicators.plans import (
    KNOWN_INDICATOR_KEYS,
    PlanError,
    available_plans,
    default_plan_path,
    load_plan,
)
from htx_desktop.indicators.rules import (
    ManagerFact,
    ReportPeriod,
    SessionFact,
    achieved_pct,
    attended_by,
    existed_by,
    female_jobs,
    has_many_female_workers,
    is_htx_women_managed,
    is_tht_women_managed,
    meets,
    percent,
)

END = date(2024, 6, 30)


# --- women-managed -------------------------------------------------------------------------


def test_no_managers_is_not_women_managed():
    assert is_htx_women_managed([]) is False
    assert is_tht_women_managed([]) is False


def test_male_director_and_female_supervisor_is_women_managed():
    managers = [ManagerFact("giam_doc", "nam"), ManagerFact("thanh_vien_bks", "nu")]
    assert is_htx_women_managed(managers) is True


@pytest.mark.parametrize("role", ["chu_tich_hdqt", "thanh_vien_hdqt", "giam_doc", "thanh_vien_bks"])
def test_every_management_role_held_by_a_woman_counts(role):
    assert is_htx_women_managed([ManagerFact(role, "nu")]) is True
    assert is_htx_women_managed([ManagerFact(role, "nam")]) is False


def test_a_woman_who_is_only_accountant_does_not_count():
    managers = [ManagerFact("giam_doc", "nam"), ManagerFact("khac", "nu")]
    assert is_htx_women_managed(managers) is False


def test_a_deleted_female_manager_does_not_count():
    managers = [ManagerFact("giam_doc", "nam"), ManagerFact("chu_tich_hdqt", "nu", deleted=True)]
    assert is_htx_women_managed(managers) is False


def test_group_roles_do_not_make_an_htx_women_managed():
    assert is_htx_women_managed([ManagerFact("to_truong", "nu")]) is False


def test_tht_led_or_deputised_by_a_woman_is_women_managed():
    assert is_tht_women_managed([ManagerFact("to_truong", "nu")]) is True
    assert is_tht_women_managed([ManagerFact("to_truong", "nam"), ManagerFact("to_pho", "nu")])
    assert (
        is_tht_women_managed([ManagerFact("to_truong", "nam"), ManagerFact("khac", "nu")]) is False
    )
    assert is_tht_women_managed([ManagerFact("to_truong", "nu", deleted=True)]) is False


# --- many jobs for women -------------------------------------------------------------------


def test_exactly_half_female_workers_is_not_many():
    assert has_many_female_workers(50, 100) is False
    assert has_many_female_workers(1, 2) is False


def test_just_over_half_female_workers_is_many():
    assert has_many_female_workers(51, 100) is True
    assert has_many_female_workers(2, 3) is True


def test_no_workers_is_not_many():
    assert has_many_female_workers(0, 0) is False


def test_female_jobs_counts_women_once():
    assert female_jobs(members_female=7, workers_female=5) == 7
    assert female_jobs(members_female=3, workers_female=9) == 9
    assert female_jobs(members_female=0, workers_female=0) == 0


# --- training ------------------------------------------------------------------------------


def test_training_counts_once_started_by_the_period_end():
    on_the_day = SessionFact(END, ("quan_tri",))
    assert attended_by([on_the_day], END, {"quan_tri"}) is True


def test_training_after_the_period_end_is_not_counted():
    later = SessionFact(date(2024, 7, 1), ("quan_tri",))
    assert attended_by([later], END, {"quan_tri"}) is False


def test_deleted_session_is_not_counted():
    gone = SessionFact(date(2024, 3, 1), ("quan_tri",), deleted=True)
    assert attended_by([gone], END, {"quan_tri"}) is False


def test_training_must_cover_the_topic_unless_any_topic_will_do():
    digital = SessionFact(date(2024, 3, 1), ("ky_nang_so",))
    assert attended_by([digital], END, {"cntt_quan_tri"}) is False
    assert attended_by([digital], END, {"quan_tri"}) is False
    assert attended_by([digital], END, None) is True
    assert attended_by([], END, None) is False


# --- arithmetic ----------------------------------------------------------------------------


def test_percent_with_zero_denominator_is_none():
    assert percent(0, 0) is None
    assert percent(5, 0, cap=True) is None


def test_percent_and_cap():
    assert percent(1, 4) == 25.0
    assert percent(6, 4) == 150.0
    assert percent(6, 4, cap=True) == 100.0


def test_achieved_and_met():
    assert achieved_pct(6, 12) == 50.0
    assert achieved_pct(None, 12) is None
    assert achieved_pct(5, 0) is None
    assert meets(12, 12, ">=") is True
    assert meets(11, 12, ">=") is False
    assert meets(None, 12, ">=") is None
    assert meets(3, 5, "<=") is True


def test_existed_by():
    assert existed_by(None, END) is True
    assert existed_by(END, END) is True
    assert existed_by(date(2024, 7, 1), END) is False


# --- periods -------------------------------------------------------------------------------


def test_first_half_report_period():
    p = ReportPeriod.parse("2024-H1")
    assert (p.code, p.year, p.half) == ("2024-H1", 2024, 1)
    assert (p.start, p.end) == (date(2024, 1, 1), date(2024, 6, 30))
    assert p.figures_period == "2024-H1"
    assert p.label_vi == "6 tháng đầu năm 2024"


def test_annual_report_period_reads_second_half_figures():
    p = ReportPeriod.parse(" 2025 ")
    assert (p.code, p.half) == ("2025", None)
    assert (p.start, p.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert p.figures_period == "2025-H2"
    assert ReportPeriod.parse("2025-h1").code == "2025-H1"
    assert ReportPeriod.parse(p) is p


@pytest.mark.parametrize("text", ["", "2025-H2", "2025-H3", "25", "2025/H1", "H1-2025", "1999"])
def test_invalid_period_names_the_valid_forms(text):
    with pytest.raises(ValueError) as exc:
        ReportPeriod.parse(text)
    assert "“2025-H1”" in str(exc.value) and "“2025”" in str(exc.value)


# --- plan file -----------------------------------------------------------------------------


def test_quang_ngai_plan_holds_the_targets_of_the_plan():
    plan = load_plan()
    assert plan.province_code == "51"
    assert plan.number == "126/KH-UBND"
    assert [(ph.start_year, ph.end_year) for ph in plan.phases] == [(2023, 2025), (2026, 2030)]
    assert plan.start_date == date(2023, 1, 1)
    assert [s.key for s in plan.indicators] == list(KNOWN_INDICATOR_KEYS)
    targets = {s.key: (s.baseline, s.target_2025, s.target_2030) for s in plan.indicators}
    assert targets["htx_women_managed"] == (12, 12, 15)
    assert targets["tht_women_managed"] == (18, 18, 25)
    assert targets["htx_female_jobs"][1:] == (100, 250)
    assert targets["tht_female_workers"][1:] == (240, 440)
    assert targets["htx_new_union_supported"][1:] == (3, 8)
    assert targets["cadres_outreach_pct"][1:] == (80, 90)
    assert targets["members_workers_trained_pct"][1:] == (50, 50)
    assert targets["female_managers_it_pct"][1:] == (30, 30)
    assert all(s.comparison == ">=" for s in plan.indicators)
    assert {s.kind for s in plan.indicators if s.key.endswith("_pct")} == {"percent"}


def test_default_plan_is_found_from_the_package_and_listed():
    assert default_plan_path().is_file()
    assert default_plan_path().parent.name == "plans"
    assert "quang-ngai-126-KH-UBND-2023" in [p.id for p in available_plans()]


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = default_plan_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('province_code = "51"\n', "", "plan.province_code"),
        ("target_2030 = 15\n", "", "indicators[0].target_2030"),
        ("target_2025 = 12\n", 'target_2025 = "12"\n', "indicators[0].target_2025"),
        ("target_2025 = 12\n", "target_2025 = true\n", "indicators[0].target_2025"),
        ('kind = "count"', 'kind = "ratio"', "indicators[0].kind"),
        ('key = "htx_women_managed"', 'key = "no_such_indicator"', "indicators[0].key"),
        ('key = "tht_women_managed"', 'key = "htx_women_managed"', "indicators[1].key"),
        ("baseline = 12", "basline = 12", "indicators[0].basline"),
        ("issued_on = 2023-06-07", 'issued_on = "07/6/2023"', "plan.issued_on"),
        ("end_year = 2025", "end_year = 2020", "plan.phases[0].end_year"),
    ],
)
def test_a_broken_plan_names_the_file_and_the_key(tmp_path, old, new, key):
    path = _broken_copy(tmp_path, old, new)
    with pytest.raises(PlanError) as exc:
        load_plan(path)
    assert "broken.toml" in str(exc.value)
    assert f"“{key}”" in str(exc.value)


def test_baseline_may_be_left_out(tmp_path):
    plan = load_plan(_broken_copy(tmp_path, "baseline = 12\n", ""))
    assert plan.indicator("htx_women_managed").baseline is None


def test_missing_and_unparsable_plan_files_raise_plan_errors(tmp_path):
    with pytest.raises(PlanError, match=r"nope\.toml"):
        load_plan(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[plan\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r"bad\.toml"):
        load_plan(bad)
