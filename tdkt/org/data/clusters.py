"""Emulation clusters known by year (REFERENCE.md §3–4; RULES.md §9).

Clusters are keyed by (organising unit, number, year) (CLU-09). Members are unit codes as loaded
by `tdkt.org.reference`. The SPC's clusters are numbered in Roman numerals; we store the number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

BAOTHANHHOA_2022: Final = "http://baothanhhoa.vn/thoi-su/cum-thi-dua-so-1-tong-ket-cong-tac-thi-dua-khen-thuong-nam-2022/170506.htm"


@dataclass(frozen=True)
class TermSpec:
    organiser: str
    number: int
    year: int
    name: str
    members: tuple[str, ...]
    source: str
    confidence: str = "C"
    head: str | None = None
    deputy: str | None = None
    next_head: str | None = None
    note: str = ""
    # Membership starts later than the term when the members were formed mid-year (ORG-03).
    members_from: dt.date | None = None


_JULY_2025 = dt.date(2025, 7, 1)

TERMS: Final[tuple[TermSpec, ...]] = (
    TermSpec(
        organiser="TANDTC",
        number=1,
        year=2022,
        name="Cụm thi đua số 1 – TAND các tỉnh, thành phố đồng bằng và trung du Bắc bộ",
        # REFERENCE §3 Cụm I, in its order.
        members=(
            "PT-ha_noi",
            "PT63-hai_phong",
            "PT63-bac_ninh",
            "PT63-vinh_phuc",
            "PT63-hai_duong",
            "PT63-hung_yen",
            "PT-quang_ninh",
            "PT63-thai_binh",
            "PT63-nam_dinh",
            "PT63-ha_nam",
            "PT63-ninh_binh",
            "PT-thanh_hoa",
            "PT-nghe_an",
            "PT-ha_tinh",
        ),
        source=BAOTHANHHOA_2022,
        confidence="C",
        head="PT-thanh_hoa",
        deputy="PT-nghe_an",
        note=(
            "Đơn vị phó cụm (TAND tỉnh Nghệ An) là dữ liệu minh họa cho bản demo, không có nguồn "
            "(độ tin cậy B). Thành viên, tên cụm và đơn vị trưởng cụm: C."
        ),
    ),
    TermSpec(
        organiser="TANDTC",
        number=9,
        year=2024,
        name="Cụm thi đua số IX",
        members=(
            "PT63-tien_giang",
            "PT63-tra_vinh",
            "PT63-vinh_long",
            "PT63-dong_thap",
            "PT63-ben_tre",
        ),
        source="https://bentre.toaan.gov.vn:443/webcenter/portal/bentre/chitiettin?dDocName=TAND329193",
        deputy="PT63-ben_tre",
        note="Đơn vị trưởng cụm năm 2024: chưa rõ.",
    ),
    TermSpec(
        organiser="TANDTC",
        number=1,
        year=2025,
        name="Cụm thi đua số I – TAND 6 thành phố trực thuộc trung ương",
        members=(
            "PT-ha_noi",
            "PT-ho_chi_minh",
            "PT-hai_phong",
            "PT-da_nang",
            "PT-can_tho",
            "PT-hue",
        ),
        source="https://plo.vn/nam-2025-tand-6-thanh-pho-truc-thuoc-trung-uong-giai-quyet-hon-240000-vu-viec-post875869.html",
        head="PT-ho_chi_minh",
        deputy="PT-hai_phong",
        members_from=_JULY_2025,
        note=(
            "Thành viên tính từ 01/07/2025 (chưa tìm thấy quyết định của TANDTC về ngày hiệu lực)."
        ),
    ),
    TermSpec(
        organiser="TANDTC",
        number=4,
        year=2025,
        name="Cụm thi đua số IV – TAND các tỉnh Nghệ An, Hà Tĩnh, Thanh Hóa, Ninh Bình, Quảng Trị",
        members=("PT-nghe_an", "PT-ha_tinh", "PT-thanh_hoa", "PT-ninh_binh", "PT-quang_tri"),
        source="https://baonghean.vn/cum-thi-dua-so-iv-toa-an-nhan-dan-tong-ket-cong-tac-thi-dua-khen-thuong-nam-2025-10308368.html",
        members_from=_JULY_2025,
        note="Đơn vị trưởng, phó cụm năm 2025: nguồn không nêu. Thành viên tính từ 01/07/2025.",
    ),
    TermSpec(
        organiser="PT-ho_chi_minh",
        number=4,
        year=2025,
        name="Cụm thi đua số IV – TAND hai cấp TP.HCM",
        members=(
            "KV-ho_chi_minh-15",
            "KV-ho_chi_minh-16",
            "KV-ho_chi_minh-17",
            "KV-ho_chi_minh-18",
            "KV-ho_chi_minh-19",
        ),
        source="https://plo.vn/tphcm-cac-tand-khu-vuc-cum-thi-dua-so-iv-tong-ket-phong-trao-thi-dua-post874285.html",
        head="KV-ho_chi_minh-15",
        next_head="KV-ho_chi_minh-18",
        members_from=_JULY_2025,
        note="Cụm nội bộ của TAND TP Hồ Chí Minh; đơn vị trưởng cụm năm sau bầu ngày 07/10/2025.",
    ),
)
