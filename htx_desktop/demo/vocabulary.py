"""Words the demo data is made of: names, cooperative kinds, training courses.

Kept apart from the generator so that the wording can be improved (or checked by a Vietnamese
reader) without touching the logic. Every stored key used here is a key of `forms/*.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Family names, weighted roughly by how common they are in central Việt Nam.
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 30), ("Trần", 11), ("Lê", 10), ("Phạm", 7), ("Huỳnh", 6), ("Võ", 6),
    ("Phan", 4), ("Hoàng", 3), ("Đặng", 3), ("Bùi", 3), ("Đỗ", 2), ("Hồ", 3), ("Ngô", 2),
    ("Dương", 2), ("Trương", 2), ("Đinh", 2), ("Lý", 1), ("Lương", 1), ("Đoàn", 1),
)
FEMALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Thị", 70), ("Ngọc", 5), ("Thu", 5), ("Thanh", 5), ("Kim", 4), ("Mỹ", 3), ("Bích", 3),
    ("Hồng", 3), ("Minh", 2),
)
MALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Văn", 55), ("Minh", 8), ("Đức", 7), ("Hữu", 6), ("Công", 6), ("Quang", 6), ("Thanh", 5),
    ("Ngọc", 4), ("Tấn", 3),
)
FEMALE_GIVEN: tuple[str, ...] = (
    "Hoa", "Lan", "Hương", "Mai", "Hằng", "Thảo", "Trang", "Nga", "Dung", "Yến", "Phượng",
    "Loan", "Hạnh", "Thủy", "Linh", "Nhung", "Oanh", "Liên", "Tuyết", "Vân", "Xuân", "Hiền",
    "Thu", "Ánh", "Bích", "Diệu", "Ngọc", "Sương", "Thắm", "Huệ", "Lệ", "Nhàn", "Tâm", "Hồng",
)
MALE_GIVEN: tuple[str, ...] = (
    "Hùng", "Dũng", "Tuấn", "Nam", "Sơn", "Hải", "Long", "Thành", "Phúc", "Bình", "Tâm",
    "Quang", "Trung", "Khánh", "Hòa", "Lộc", "Tài", "Vinh", "Cường", "Hiếu", "Toàn", "Thắng",
)

#: Family names used by ethnic groups who take Kinh-style names.
MINORITY_FAMILY: dict[str, tuple[str, ...]] = {
    "Hrê": ("Đinh", "Đinh", "Phạm", "Bùi"),
    "Cor": ("Hồ", "Hồ", "Hồ", "Đinh"),
}
#: Xơ Đăng and Ba Na names in Kon Tum: "Y" for women, "A" for men, then one given name.
HIGHLAND_GIVEN_FEMALE: tuple[str, ...] = (
    "Thoa", "Blưn", "Hiền", "Nhung", "Sương", "Xuân", "Hoa", "Phương", "Mai", "Bích",
)
HIGHLAND_GIVEN_MALE: tuple[str, ...] = ("Nhiên", "Thanh", "Hùng", "Khoa", "Đôn", "Lực", "Vương")
HIGHLAND_GROUPS: frozenset[str] = frozenset({"Xơ Đăng", "Ba Na"})
#: Groups for difficult communes outside Quảng Ngãi (demo only: not tied to geography).
OTHER_MINORITIES: tuple[str, ...] = ("Tày", "Thái", "Mường", "Nùng", "Ê Đê", "Khmer")
OTHER_MINORITY_FAMILY: tuple[str, ...] = ("Lò", "Nông", "Lương", "Hà", "Vi", "Hoàng")

#: Quảng Ngãi communes (old Trà Bồng, Sơn Hà, Sơn Tây, Minh Long, Ba Tơ; Kon Tum) that lie in
#: mountainous, ethnic-minority areas, by official code range, with their main group.
QUANG_NGAI_PROVINCE = "51"
DIFFICULT_RANGES: tuple[tuple[int, int, str], ...] = (
    (21115, 21160, "Cor"),
    (21280, 21333, "Hrê"),
    (21334, 21349, "Xơ Đăng"),
    (21350, 21362, "Hrê"),
    (21484, 21540, "Hrê"),
    (23310, 23600, "Xơ Đăng"),
)

VILLAGES: tuple[str, ...] = (
    "An Vĩnh", "Phú Lộc", "Trường Thọ", "Xuân Hòa", "Thạnh Đức", "Hòa Bình", "Tân An",
    "Mỹ Lại", "Làng Mới", "Đông Yên", "Gò Cỏ", "Phước Thịnh", "Kỳ Thọ", "Long Bình",
    "Hà Bắc", "Tây Phước", "Vĩnh Sơn", "Trung An",
)


@dataclass(frozen=True)
class CoopKind:
    """One kind of cooperative: how it is named, its sector and a possible OCOP product.

    ``where`` keeps the scenery plausible: weaving brocade belongs to the mountains, fish sauce
    to the lowlands and the coast.
    """

    name: str
    sector: str
    ocop: str | None = None
    where: str = "any"  # any | lowland | mountain


HTX_KINDS: tuple[CoopKind, ...] = (
    CoopKind("Hợp tác xã Nông nghiệp {place}", "nong_nghiep", "Gạo sạch {place}"),
    CoopKind("Hợp tác xã Dịch vụ nông nghiệp tổng hợp {place}", "dich_vu"),
    CoopKind("HTX Rau an toàn {village}", "nong_nghiep", "Rau an toàn {village}"),
    CoopKind("HTX Chăn nuôi {place}", "nong_nghiep"),
    CoopKind("HTX Mây tre đan {village}", "tieu_thu_cong_nghiep", "Giỏ mây {place}"),
    CoopKind("Hợp tác xã Thương mại - Dịch vụ {place}", "thuong_mai"),
    CoopKind("HTX May mặc {place}", "tieu_thu_cong_nghiep"),
    CoopKind("HTX Nước mắm {place}", "thuy_san", "Nước mắm {place}", "lowland"),
    CoopKind("HTX Nuôi trồng thủy sản {place}", "thuy_san", None, "lowland"),
    CoopKind("HTX Bánh tráng {village}", "tieu_thu_cong_nghiep", "Bánh tráng {place}", "lowland"),
    CoopKind("HTX Mạch nha {place}", "tieu_thu_cong_nghiep", "Mạch nha {place}", "lowland"),
    CoopKind("HTX Du lịch cộng đồng {place}", "du_lich_cong_dong", None, "lowland"),
    CoopKind("HTX Dệt thổ cẩm {place}", "tieu_thu_cong_nghiep", "Khăn thổ cẩm {place}",
             "mountain"),
    CoopKind("HTX Trồng và chế biến quế {place}", "lam_nghiep", "Tinh dầu quế {place}",
             "mountain"),
    CoopKind("HTX Dược liệu {place}", "nong_nghiep", "Trà dây {place}", "mountain"),
    CoopKind("HTX Lâm nghiệp {place}", "lam_nghiep", None, "mountain"),
    CoopKind("Hợp tác xã Du lịch cộng đồng làng {village}", "du_lich_cong_dong", None,
             "mountain"),
)

THT_KINDS: tuple[CoopKind, ...] = (
    CoopKind("Tổ hợp tác trồng nấm thôn {village}", "nong_nghiep"),
    CoopKind("Tổ hợp tác nuôi ong thôn {village}", "nong_nghiep"),
    CoopKind("Tổ hợp tác may mặc thôn {village}", "tieu_thu_cong_nghiep"),
    CoopKind("Tổ hợp tác trồng rau hữu cơ thôn {village}", "nong_nghiep"),
    CoopKind("Tổ hợp tác chăn nuôi gà thả vườn thôn {village}", "nong_nghiep"),
    CoopKind("Tổ hợp tác làm hương thôn {village}", "tieu_thu_cong_nghiep"),
    CoopKind("Tổ hợp tác đan lát thôn {village}", "tieu_thu_cong_nghiep"),
    CoopKind("Tổ hợp tác dịch vụ nấu ăn thôn {village}", "dich_vu"),
    CoopKind("Tổ hợp tác kinh doanh tạp hóa thôn {village}", "thuong_mai"),
    CoopKind("Tổ hợp tác chế biến hải sản thôn {village}", "thuy_san", None, "lowland"),
    CoopKind("Tổ hợp tác làm bánh tráng thôn {village}", "tieu_thu_cong_nghiep", None,
             "lowland"),
    CoopKind("Tổ hợp tác dệt chiếu thôn {village}", "tieu_thu_cong_nghiep", None, "lowland"),
    CoopKind("Tổ hợp tác dệt thổ cẩm làng {village}", "tieu_thu_cong_nghiep", None, "mountain"),
    CoopKind("Tổ hợp tác trồng keo làng {village}", "lam_nghiep", None, "mountain"),
    CoopKind("Tổ hợp tác trồng sâm dây làng {village}", "nong_nghiep", None, "mountain"),
)


@dataclass(frozen=True)
class Course:
    """One kind of training course; ``for_cadres`` courses are mostly attended by cadres."""

    title: str
    topics: tuple[str, ...]
    for_cadres: bool = False


COURSES: tuple[Course, ...] = (
    Course("Tập huấn nâng cao năng lực quản trị, điều hành hợp tác xã", ("quan_tri",)),
    Course("Bồi dưỡng kiến thức quản lý tài chính, kế toán cho HTX, THT", ("quan_tri",)),
    Course("Tập huấn kỹ năng số cho thành viên HTX, tổ hợp tác", ("ky_nang_so",)),
    Course(
        "Tập huấn bán hàng trên sàn thương mại điện tử",
        ("ky_nang_so", "thuong_mai_dien_tu"),
    ),
    Course(
        "Ứng dụng phần mềm quản lý, kế toán trong hợp tác xã",
        ("quan_tri", "cntt_quan_tri"),
    ),
    Course("Tập huấn kỹ thuật sản xuất theo tiêu chuẩn VietGAP", ("nghe_ky_thuat",)),
    Course("Dạy nghề may công nghiệp cho lao động nữ", ("nghe_ky_thuat",)),
    Course("Phổ biến Luật Hợp tác xã năm 2023 và chính sách hỗ trợ", ("phap_luat",)),
    Course(
        "Bồi dưỡng kỹ năng tuyên truyền, vận động phụ nữ tham gia kinh tế tập thể",
        ("tuyen_truyen",),
        for_cadres=True,
    ),
    Course(
        "Tập huấn hỗ trợ thành lập HTX, THT do phụ nữ quản lý",
        ("phap_luat", "tuyen_truyen"),
        for_cadres=True,
    ),
)

#: Funding sources (keys of training_session.funding_source) with rough weights.
FUNDING: tuple[tuple[str, int], ...] = (
    ("de_an", 40), ("ngan_sach_tinh", 20), ("ngan_sach_xa", 15), ("ngan_sach_trung_uong", 10),
    ("xa_hoi_hoa", 10), ("khac", 5),
)

#: Commune Women's Union executive positions, in the order a committee is filled.
COMMUNE_POSITIONS: tuple[str, ...] = (
    "Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch", "Ủy viên Ban Thường vụ",
    "Ủy viên Ban Chấp hành", "Ủy viên Ban Chấp hành",
)
UPPER_POSITIONS: tuple[str, ...] = (
    "Phó Chủ tịch", "Trưởng Ban Kinh tế", "Phó Trưởng Ban Kinh tế", "Chuyên viên Ban Kinh tế",
    "Chuyên viên Ban Tuyên giáo",
)

DEMO_NOTE = "Dữ liệu mẫu (tạo tự động để dùng thử)."
