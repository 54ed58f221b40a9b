"""Validation as an officer meets it: lenient about how she types, strict about what is wrong,
and every message in Vietnamese."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from htx_desktop.registry.forms import get_form
from htx_desktop.registry.validation import (
    ValidationContext,
    first_invalid,
    parse_vn_number,
    validate,
)

CTX = ValidationContext(communes={"21211", "21214"}, today=date(2026, 11, 28))


def coop(**values):
    base = {
        "name": "Hợp tác xã Nông nghiệp Tịnh Khê",
        "commune_code": "21211",
        "sector": "nong_nghiep",
    }
    return validate(get_form("cooperative"), base | values, CTX)


def figures(**values):
    base = {
        "cooperative_id": "c1",
        "period": "2025-H1",
        "members_total": 20,
        "members_female": 12,
        "workers_total": 30,
        "workers_female": 18,
    }
    return validate(get_form("period_figures"), base | values, CTX)


def test_a_complete_cooperative_passes_with_defaults_filled():
    result = coop()
    assert result.ok, result.errors
    assert result.cleaned["status"] == "hoat_dong"
    assert result.cleaned["union_supported"] is False


def test_missing_required_name_says_so_in_vietnamese():
    result = coop(name="   ")
    assert result.errors == {"name": "Trường này bắt buộc phải nhập."}


def test_text_is_normalised_to_nfc_and_trimmed():
    decomposed = unicodedata.normalize("NFD", "  Hợp tác xã   Đồng Tâm ")
    result = coop(name=decomposed)
    assert result.cleaned["name"] == "Hợp tác xã Đồng Tâm"
    assert unicodedata.is_normalized("NFC", result.cleaned["name"])


@pytest.mark.parametrize("code", ["4300123456", "4300123456-001"])
def test_registration_code_accepts_the_official_format(code):
    assert coop(registration_code=code).ok


@pytest.mark.parametrize("code", ["12345", "43001234567", "4300-123456", "ABCDEFGHIJ"])
def test_registration_code_rejects_other_formats(code):
    assert "10 chữ số" in coop(registration_code=code).errors["registration_code"]


def test_choice_accepts_key_or_label_without_accents():
    assert coop(sector="Tieu thu cong nghiep").cleaned["sector"] == "tieu_thu_cong_nghiep"
    assert coop(sector="bogus").errors["sector"] == "Hãy chọn một giá trị trong danh sách."


def test_commune_must_belong_to_the_officers_unit():
    assert coop(commune_code="99999").errors["commune_code"]


def test_dates_in_vietnamese_order_and_future_dates_refused():
    assert coop(established_on="05/01/2024").cleaned["established_on"] == date(2024, 1, 5)
    assert "28/11/2026" in coop(established_on="01/12/2026").errors["established_on"]
    assert (
        coop(established_on="31/02/2024").errors["established_on"].startswith("Ngày không hợp lệ")
    )


def test_newly_founded_must_be_founded_under_the_plan():
    assert coop(newly_founded=True, established_on="2022-12-31").errors["established_on"]
    assert coop(newly_founded=True, established_on="2023-01-01").ok
    assert coop(newly_founded=True).errors["newly_founded"]


def test_support_year_only_with_support():
    assert coop(union_support_year=2020).errors["union_support_year"]
    assert coop(union_support_year=2020, union_supported=True).ok


def test_female_members_cannot_exceed_total_but_equal_is_fine():
    assert figures(members_female=20).ok
    assert figures(members_female=21).errors == {
        "members_female": "Số thành viên nữ không được lớn hơn tổng số thành viên."
    }
    assert figures(workers_female=31).errors["workers_female"]
    assert figures(workers_poor=19).errors["workers_poor"]


def test_figures_belong_to_exactly_one_organisation():
    assert figures(group_id="g1").errors["period"]
    assert validate(
        get_form("period_figures"),
        {
            "period": "2025-H1",
            "members_total": 1,
            "members_female": 0,
            "workers_total": 1,
            "workers_female": 0,
        },
        CTX,
    ).errors["period"]


def test_numbers_in_vietnamese_format():
    result = figures(members_total="1.234", members_female="1.000", revenue="1.234,5")
    assert result.ok, result.errors
    assert result.cleaned["members_total"] == 1234
    assert result.cleaned["revenue"] == Decimal("1234.5")
    assert figures(members_total="12,5").errors["members_total"].startswith("Hãy nhập số nguyên")
    assert figures(members_total="mười").errors["members_total"].startswith("Hãy nhập một số")
    assert figures(members_total=-1).errors["members_total"] == "Phải từ 0 đến 1.000.000."


def test_a_stored_amount_read_back_with_trailing_zeros_is_accepted():
    """A cooperative opened from the database shows its capital as stored (Decimal 1680.000):
    saving it unchanged must not be refused for "too many decimal places"."""
    result = coop(charter_capital=Decimal("1680.000"))
    assert result.ok, result.errors
    assert result.cleaned["charter_capital"] == Decimal("1680")
    assert coop(charter_capital="12,345").errors["charter_capital"].startswith("Chỉ ghi tối đa 2")


def test_period_format():
    assert figures(period="2025-H3").errors["period"].startswith("Kỳ ghi theo dạng")


def manager(**values):
    base = {
        "cooperative_id": "c1",
        "full_name": "Nguyễn Thị Lan",
        "role": "giam_doc",
        "sex": "nu",
        "consent": True,
    }
    return validate(get_form("manager"), base | values, CTX)


def test_birth_year_must_be_plausible():
    assert manager(birth_year=1975).ok
    assert manager(birth_year=2011).ok
    assert manager(birth_year=2012).errors["birth_year"] == "Phải từ 1930 đến 2011."
    assert manager(birth_year=1890).errors["birth_year"]


def test_personal_data_needs_consent():
    assert manager(consent=False).errors["consent"].startswith("Cần có sự đồng ý")


def test_role_must_fit_the_kind_of_organisation():
    assert manager(role="to_truong").errors["role"]
    assert validate(
        get_form("manager"),
        {
            "group_id": "g1",
            "full_name": "Lê Thị Mai",
            "role": "to_truong",
            "sex": "nu",
            "consent": True,
        },
        CTX,
    ).ok


def test_phone_format():
    assert manager(phone="0912345678").ok
    assert manager(phone="+84912345678").ok
    assert manager(phone="12345").errors["phone"]


def test_training_end_not_before_start_and_topics_from_list():
    form = get_form("training_session")
    base = {
        "title": "Tập huấn quản trị HTX",
        "topics": ["quan_tri"],
        "start_date": "10/03/2025",
        "end_date": "12/03/2025",
    }
    assert validate(form, base, CTX).ok
    assert validate(form, base | {"end_date": "09/03/2025"}, CTX).errors == {
        "end_date": "Ngày kết thúc không được trước ngày bắt đầu."
    }
    assert validate(form, base | {"topics": []}, CTX).errors["topics"]
    assert validate(form, base | {"topics": "Thương mại điện tử; quan_tri"}, CTX).cleaned[
        "topics"
    ] == ["quan_tri", "thuong_mai_dien_tu"]


def test_messages_switch_to_english():
    ctx = ValidationContext(communes={"21211"}, today=date(2026, 1, 1), lang="en")
    result = validate(get_form("cooperative"), {"commune_code": "21211", "sector": "khac"}, ctx)
    assert result.errors["name"] == "This field is required."


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separated_integers_round_trip(n):
    assert parse_vn_number(f"{n:,}".replace(",", "."), integer=True) == n


# --- training counts, every error at once, half-years ----------------------------------------


def training(**values):
    base = {
        "title": "Tập huấn kỹ năng số cho phụ nữ",
        "topics": ["ky_nang_so"],
        "start_date": "05/03/2026",
        "end_date": "06/03/2026",
    }
    return validate(get_form("training_session"), base | values, CTX)


def test_of_whom_counts_never_exceed_the_other_participants():
    ok = training(other_members="10", other_workers="5", other_women="1.200", women_poor="1.215")
    assert ok.ok, ok.errors
    result = training(
        other_members="10", other_women="1.200", women_poor="1.500", women_disabled="3"
    )
    assert result.errors == {
        "women_poor": "Số phụ nữ hộ nghèo, cận nghèo (1.500) không được lớn hơn "
        "tổng số học viên khác (1.210)."
    }
    # No participants counted: any "of whom" is too many, and each field is named.
    result = training(women_difficult_area=2, women_reintegrated=1)
    assert set(result.errors) == {"women_difficult_area", "women_reintegrated"}
    assert "vùng khó khăn" in result.errors["women_difficult_area"]
    assert "hoàn lương" in result.errors["women_reintegrated"]
    # The fast check of many records (bundles) refuses it too.
    stored = training(other_women=4, women_poor=5).cleaned
    assert stored["women_poor"] == 5
    found = first_invalid(get_form("training_session"), [stored], CTX)
    assert found is not None and set(found[1]) == {"women_poor"}


def test_an_empty_form_gets_every_message_at_once():
    result = validate(get_form("training_session"), {}, CTX)
    assert result.errors == {
        "title": "Trường này bắt buộc phải nhập.",
        "topics": "Hãy chọn ít nhất một mục.",
        "start_date": "Trường này bắt buộc phải nhập.",
        "end_date": "Trường này bắt buộc phải nhập.",
    }
    mixed = training(title="", end_date="01/03/2026", other_women="-1", women_poor="x")
    assert set(mixed.errors) == {"title", "end_date", "other_women", "women_poor"}


def test_no_figures_for_a_half_year_not_begun():
    form = get_form("period_figures")
    base = {"members_total": 10, "members_female": 5, "workers_total": 8, "workers_female": 4,
            "group_id": "g"}
    assert validate(form, base | {"period": "2026-H2"}, CTX).ok  # today is 28/11/2026
    refused = validate(form, base | {"period": "2027-H1"}, CTX)
    assert refused.errors["period"].startswith("Kỳ này chưa bắt đầu")


def test_bounds_in_messages_use_vietnamese_separators_and_plain_years():
    form = get_form("training_session")
    assert training(other_women="100.001").errors["other_women"] == "Phải từ 0 đến 100.000."
    manager = get_form("manager")
    result = validate(manager, {"full_name": "Lê Thị Hoa", "role": "khac", "sex": "nu",
                                "birth_year": "1900", "consent": True, "group_id": "g"}, CTX)
    assert result.errors == {"birth_year": "Phải từ 1930 đến 2011."}
    assert form.field("other_women").type == "integer"
