"""Headers of old hand-made lists that mean one of the forms' fields, by meaning.

The table is written as officers spell the headers (with diacritics) and compared through
`reading.norm`, so "MÃ SỐ HTX", "Mã số HTX" and "Ma so htx" are one entry. It is a module
constant rather than a TOML in forms/: the form registry reads every forms/*.toml as a form
spec, and the packaging (pyproject package-data, the frozen build) would need to learn a new
data folder, whereas these spellings only mean something to the matching code beside them.
tests/golden/xlsx_headers.txt lists real spellings with the field each must be read as, and
tests/unit/test_xlsx_headers.py checks every line, so a change here that moves a header shows.

Link columns ("cooperative_id", "group_id") accept a code or a name: the importer resolves
either (a manager list often names its HTX without a code).
"""

from __future__ import annotations

_HTX_LINK = ("Mã HTX", "Mã số HTX", "Mã hợp tác xã", "Tên HTX", "Hợp tác xã", "Tên hợp tác xã",
             "HTX", "Thuộc HTX", "Đơn vị (HTX)")
_THT_LINK = ("Mã THT", "Tên THT", "Tổ hợp tác", "Tên tổ hợp tác", "Thuộc THT")
_PERSON = ("Họ tên", "Họ và tên", "Tên", "Họ, tên", "Họ và tên người quản lý")
_COMMUNE = ("Xã", "Phường", "Xã, phường", "Xã/phường", "Địa bàn", "Xã, phường, thị trấn",
            "Xã/phường/thị trấn", "Đơn vị hành chính")

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "cooperative": {
        "name": ("Tên HTX", "Tên hợp tác xã", "Hợp tác xã", "HTX", "Tên đơn vị"),
        "registration_code": ("Mã HTX", "Mã số HTX", "Mã số thuế", "MST", "Mã số",
                              "Mã số đăng ký", "Số đăng ký", "Mã số doanh nghiệp",
                              "Số GCN đăng ký HTX"),
        "commune_code": _COMMUNE,
        "address": ("Địa chỉ", "Trụ sở", "Địa chỉ trụ sở", "Trụ sở chính"),
        "established_on": ("Ngày thành lập", "Thành lập ngày", "Ngày đăng ký",
                           "Ngày cấp GCN", "Ngày thành lập HTX"),
        "sector": ("Lĩnh vực", "Ngành nghề", "Lĩnh vực hoạt động", "Ngành nghề kinh doanh"),
        "status": ("Tình trạng", "Trạng thái", "Tình trạng hoạt động"),
        "charter_capital": ("Vốn điều lệ", "Vốn ĐL", "Vốn điều lệ (triệu đồng)"),
        "notes": ("Ghi chú",),
    },
    "cooperative_group": {
        "name": ("Tên tổ hợp tác", "Tên THT", "Tổ hợp tác", "THT"),
        "leader_name": ("Tổ trưởng", "Họ tên tổ trưởng", "Tên tổ trưởng"),
        "commune_code": _COMMUNE,
        "address": ("Địa chỉ",),
        "contract_date": ("Ngày hợp đồng", "Ngày ký hợp đồng", "Ngày thành lập"),
        "sector": ("Lĩnh vực", "Ngành nghề"),
        "notes": ("Ghi chú",),
    },
    "manager": {
        "full_name": _PERSON,
        "role": ("Chức danh", "Chức vụ", "Chức vụ trong HTX", "Chức vụ (Giám đốc, Kế toán…)"),
        "sex": ("Giới tính", "Nam/Nữ"),
        "birth_year": ("Năm sinh", "Sinh năm", "Năm SN"),
        "ethnicity": ("Dân tộc",),
        "phone": ("Điện thoại", "Số điện thoại", "SĐT", "ĐT"),
        "consent": ("Đồng ý", "Đồng ý ghi nhận thông tin", "Đồng ý cho ghi nhận"),
        "cooperative_id": _HTX_LINK,
        "group_id": _THT_LINK,
    },
    "period_figures": {
        "cooperative_id": _HTX_LINK,
        "group_id": _THT_LINK,
    },
    "union_cadre": {
        "full_name": ("Họ tên", "Họ và tên", "Họ, tên"),
        "position": ("Chức vụ", "Chức danh"),
        "work_unit": ("Đơn vị", "Đơn vị công tác", "Nơi công tác"),
        "birth_year": ("Năm sinh", "Sinh năm"),
        "phone": ("Điện thoại", "Số điện thoại", "SĐT"),
        "consent": ("Đồng ý", "Đồng ý ghi nhận thông tin", "Đồng ý cho ghi nhận"),
    },
    "training_session": {
        "title": ("Tên lớp", "Nội dung lớp", "Lớp", "Tên lớp tập huấn"),
        "start_date": ("Từ ngày", "Ngày bắt đầu", "Ngày mở lớp"),
        "end_date": ("Đến ngày", "Ngày kết thúc"),
        "place": ("Địa điểm", "Nơi tổ chức"),
    },
}

#: Columns of row numbers and remarks about them: read, never imported, never reported.
SKIP_HEADERS: tuple[str, ...] = ("STT", "TT", "Số TT", "Số thứ tự", "Ghi chú STT")
