"""A unit outside Quảng Ngãi is never measured against Quảng Ngãi's plan: without a plan of
its province its reports cite the national scheme (Decision 01/QĐ-TTg) with the shares the
Quảng Ngãi plan quotes from it and no count targets, and once the province officer enters her
province's plan in the settings, reports cite and use that plan."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from htx_desktop.indicators.plan_settings import (
    ProvincePlanInput,
    clear_province_plan,
    plan_for_unit,
    save_province_plan,
)
from htx_desktop.indicators.plans import PlanError
from htx_desktop.indicators.progress import compute_indicators
from htx_desktop.registry.profile import create_profile
from htx_desktop.reports import build_document
from htx_desktop.storage.engine import Database
from htx_desktop.storage.units import get_unit

HA_TINH = "42"
HA_TINH_COMMUNE = "18115"  # Phường Bắc Hồng Lĩnh
ISSUED = date(2026, 1, 5)

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler is not installed")


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    return " ".join(out.split())


def test_a_commune_of_another_province_gets_the_national_targets(fresh_db: Database, tmp_path):
    with fresh_db.session() as s:
        create_profile(s, HA_TINH_COMMUNE, "Lê Thị Hà", "Chủ tịch Hội LHPN phường")
    with fresh_db.session() as s:
        plan = plan_for_unit(s, get_unit(s, HA_TINH_COMMUNE))
        assert plan.national and plan.number == "01/QĐ-TTg"
        progress = compute_indicators(s, HA_TINH_COMMUNE, "2025-H1")
        targets = {v.key: (v.target_2025, v.target_2030) for v in progress.indicators}
        assert targets["htx_women_managed"] == (None, None)  # counts are the province's
        assert targets["female_managers_trained_pct"] == (100, 100)
        assert targets["cadres_outreach_pct"] == (80, 90)
        out = tmp_path / "bao-cao.pdf"
        build_document(s, "periodic", "2025-H1", out, issued_on=ISSUED)
    text = text_of(out)
    assert "Quảng Ngãi" not in text.replace("Kế hoạch số 126/KH-UBND của tỉnh Quảng Ngãi", "")
    assert "Thực hiện Quyết định số 01/QĐ-TTg ngày 03/01/2023 của Thủ tướng Chính phủ" in text
    assert "Tỉnh chưa có kế hoạch thực hiện Đề án" in text
    assert "Kế hoạch số 126/KH-UBND ngày" not in text


def test_the_province_officer_enters_her_plan_and_reports_use_it(fresh_db: Database, tmp_path):
    with fresh_db.session() as s:
        create_profile(s, HA_TINH, "Trần Thị Thanh", "Chủ tịch Hội LHPN tỉnh")
        save_province_plan(s, ProvincePlanInput(
            number="45/KH-UBND", issued_on=date(2023, 8, 15),
            issuer="Ủy ban nhân dân tỉnh Hà Tĩnh",
            title="Kế hoạch thực hiện Đề án “Hỗ trợ hợp tác xã do phụ nữ tham gia quản lý, "
                  "tạo việc làm cho lao động nữ đến năm 2030” trên địa bàn tỉnh Hà Tĩnh",
            targets={"htx_women_managed": (7, 11), "female_managers_trained_pct": (90, 100)},
        ))
    with fresh_db.session() as s:
        plan = plan_for_unit(s, get_unit(s, HA_TINH))
        assert (plan.number, plan.national) == ("45/KH-UBND", False)
        values = {v.key: v for v in compute_indicators(s, HA_TINH, "2025-H1").indicators}
        assert (values["htx_women_managed"].target_2025,
                values["htx_women_managed"].target_2030) == (7, 11)
        assert values["tht_women_managed"].target_2025 is None  # left empty in the form
        out = tmp_path / "bao-cao.pdf"
        build_document(s, "periodic", "2025-H1", out, issued_on=ISSUED)
    text = text_of(out)
    assert ("Kế hoạch số 45/KH-UBND ngày 15/8/2023 của Ủy ban nhân dân tỉnh Hà Tĩnh "
            "thực hiện Đề án") in text
    assert "Tỉnh chưa có kế hoạch" not in text and "126/KH-UBND" not in text
    with fresh_db.session() as s:
        clear_province_plan(s)
    with fresh_db.session() as s:
        assert plan_for_unit(s, get_unit(s, HA_TINH)).national


def test_only_a_province_officer_may_enter_a_plan_and_numbers_are_checked(fresh_db: Database):
    plan = ProvincePlanInput("45/KH-UBND", date(2023, 8, 15), "UBND tỉnh Hà Tĩnh", "Kế hoạch",
                             {"female_managers_trained_pct": (120, 100)})
    with fresh_db.session() as s:
        create_profile(s, HA_TINH_COMMUNE, "Lê Thị Hà", "Chủ tịch")
        with pytest.raises(PlanError, match="cấp tỉnh"):
            save_province_plan(s, plan)
        create_profile(s, HA_TINH, "Trần Thị Thanh", "Chủ tịch", replace=True)
        with pytest.raises(PlanError, match="từ 0 đến 100"):
            save_province_plan(s, plan)
        with pytest.raises(PlanError, match="số kế hoạch"):
            save_province_plan(s, ProvincePlanInput(" ", date(2023, 8, 15), "UBND", "KH", {}))


def test_quang_ngai_keeps_its_own_plan(fresh_db: Database) -> None:
    with fresh_db.session() as s:
        create_profile(s, "21211", "Nguyễn Thị Hoa", "Chủ tịch")
        assert plan_for_unit(s, get_unit(s, "21211")).number == "126/KH-UBND"
