"""Courts that are not derived from the province lists (REFERENCE.md §1, §5.1; RULES.md §11).

Provincial courts follow the provinces (`provinces.py`); district courts come from the GSO district
list shipped by `vietnam_provinces` 0.6.0 (see `tdkt.org.reference`).
"""

from __future__ import annotations

from typing import Final

SUPREME_COURT_CODE: Final = "TANDTC"
SUPREME_COURT_NAME: Final = "Tòa án nhân dân tối cao"

COURTS_LEGAL_BASIS: Final = "Nghị quyết số 81/2025/UBTVQH15"

# A few SPC departments (code, name). The emulation office is the one the rules name.
SPC_DEPARTMENTS: Final[tuple[tuple[str, str], ...]] = (
    ("TANDTC-VP", "Văn phòng Tòa án nhân dân tối cao"),
    ("TANDTC-TDKT", "Vụ Thi đua – Khen thưởng"),
    ("TANDTC-TCCB", "Vụ Tổ chức – Cán bộ"),
    ("TANDTC-KHTC", "Cục Kế hoạch – Tài chính"),
    ("TANDTC-HVTA", "Học viện Tòa án"),
)

# The 3 high courts (until 30/06/2025) and the SPC appellate courts they became on 01/07/2025.
# Seats B, conversion B (REFERENCE §5.1). (seat slug, seat name, former province code of the seat)
HIGH_COURT_SEATS: Final[tuple[tuple[str, str, str], ...]] = (
    ("ha_noi", "Hà Nội", "ha_noi"),
    ("da_nang", "Đà Nẵng", "da_nang_63"),
    ("ho_chi_minh", "Thành phố Hồ Chí Minh", "ho_chi_minh_63"),
)

# Regional courts (Tòa án nhân dân khu vực) from 01/07/2025: NQ 81/2025/UBTVQH15 creates 355, but
# the count per province is NOT in REFERENCE.md, and no source we could reach lists all 34 counts.
# We load only the courts a source confirms; the rest must be added from the appendix of NQ 81
# (or the list of seats in QĐ 114/QĐ-TANDTC) once it is transcribed. Do not guess counts.
# slug → (numbers, confidence, source)
REGIONAL_COURTS: Final[dict[str, tuple[tuple[int, ...], str, str]]] = {
    "ha_noi": (
        (1,),
        "C",
        "https://thuvienphapluat.vn/phap-luat/toa-an-khu-vuc-1-tp-ha-noi-o-dau-pham-vi-tham-quyen-"
        "theo-lanh-tho-cua-toa-an-nhan-dan-khu-vuc-1-tp--767914-227220.html",
    ),
    "ho_chi_minh": (
        (15, 16, 17, 18, 19),
        "C",
        "https://plo.vn/tphcm-cac-tand-khu-vuc-cum-thi-dua-so-iv-tong-ket-phong-trao-thi-dua-post874285.html",
    ),
    # All 9 for Thái Nguyên, listed with their communes and the district courts they succeed to
    # (a weak secondary source quoting the NQ 81 appendix: C2).
    "thai_nguyen": (
        tuple(range(1, 10)),
        "C2",
        "https://lawfirm.vn/danh-sach-09-toa-an-nhan-dan-khu-vuc-tai-tinh-thai-nguyen",
    ),
}

# Districts in the GSO list that have no court of their own (island districts administered from
# the mainland; no district court was ever seated there). B.
DISTRICTS_WITHOUT_COURT: Final = frozenset({"Huyện Trường Sa", "Huyện Hoàng Sa"})
