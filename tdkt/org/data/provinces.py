"""Provinces before and after 01/07/2025 (REFERENCE.md §1–2).

Basis: Nghị quyết số 202/2025/QH15 (12/06/2025): 63 provincial units → 34 from 01/07/2025;
11 unchanged, 23 formed by merger of the other 52. Confidence C (quochoi.vn ItemID=94501;
nghean24h; tinbong247news).

Codes: the REFERENCE slug for every province in force after 01/07/2025 (`hai_phong`), and
`<slug>_63` for a former province that ended (`hai_phong_63`, `hai_duong_63`). An unchanged
province is one record.

Thừa Thiên Huế: we record it as *renamed* — the province `thua_thien_hue_63` ends on 31/12/2024 and
the centrally-run city `hue` starts on 01/01/2025 (Nghị quyết số 175/2024/QH15, in force 01/01/2025;
REFERENCE marks the date B). We chose this over "same record, new name" so that documents of the
years up to 2024 keep the name they were issued under ("Tòa án nhân dân tỉnh Thừa Thiên Huế"). From
01/07/2025 `hue` counts among the 11 unchanged units: it is one record with no end date.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

REORGANISATION_DAY: Final = dt.date(2025, 7, 1)
PROVINCES_LEGAL_BASIS: Final = "Nghị quyết số 202/2025/QH15"

HUE_CITY_DAY: Final = dt.date(2025, 1, 1)
HUE_LEGAL_BASIS: Final = "Nghị quyết số 175/2024/QH15"
HUE_FORMER_CODE: Final = "thua_thien_hue_63"
HUE_CODE: Final = "hue"

CITY: Final = "city"
PROVINCE: Final = "province"

# The 34 provincial units from 01/07/2025 (REFERENCE §1): slug, name, kind, status.
NEW_PROVINCES: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("ha_noi", "Hà Nội", CITY, "unchanged"),
    ("hue", "Huế", CITY, "unchanged"),
    ("hai_phong", "Hải Phòng", CITY, "merged"),
    ("da_nang", "Đà Nẵng", CITY, "merged"),
    ("ho_chi_minh", "Hồ Chí Minh", CITY, "merged"),
    ("can_tho", "Cần Thơ", CITY, "merged"),
    ("cao_bang", "Cao Bằng", PROVINCE, "unchanged"),
    ("dien_bien", "Điện Biên", PROVINCE, "unchanged"),
    ("lai_chau", "Lai Châu", PROVINCE, "unchanged"),
    ("lang_son", "Lạng Sơn", PROVINCE, "unchanged"),
    ("son_la", "Sơn La", PROVINCE, "unchanged"),
    ("quang_ninh", "Quảng Ninh", PROVINCE, "unchanged"),
    ("tuyen_quang", "Tuyên Quang", PROVINCE, "merged"),
    ("lao_cai", "Lào Cai", PROVINCE, "merged"),
    ("thai_nguyen", "Thái Nguyên", PROVINCE, "merged"),
    ("phu_tho", "Phú Thọ", PROVINCE, "merged"),
    ("bac_ninh", "Bắc Ninh", PROVINCE, "merged"),
    ("hung_yen", "Hưng Yên", PROVINCE, "merged"),
    ("ninh_binh", "Ninh Bình", PROVINCE, "merged"),
    ("thanh_hoa", "Thanh Hóa", PROVINCE, "unchanged"),
    ("nghe_an", "Nghệ An", PROVINCE, "unchanged"),
    ("ha_tinh", "Hà Tĩnh", PROVINCE, "unchanged"),
    ("quang_tri", "Quảng Trị", PROVINCE, "merged"),
    ("quang_ngai", "Quảng Ngãi", PROVINCE, "merged"),
    ("gia_lai", "Gia Lai", PROVINCE, "merged"),
    ("dak_lak", "Đắk Lắk", PROVINCE, "merged"),
    ("khanh_hoa", "Khánh Hòa", PROVINCE, "merged"),
    ("lam_dong", "Lâm Đồng", PROVINCE, "merged"),
    ("dong_nai", "Đồng Nai", PROVINCE, "merged"),
    ("tay_ninh", "Tây Ninh", PROVINCE, "merged"),
    ("dong_thap", "Đồng Tháp", PROVINCE, "merged"),
    ("vinh_long", "Vĩnh Long", PROVINCE, "merged"),
    ("an_giang", "An Giang", PROVINCE, "merged"),
    ("ca_mau", "Cà Mau", PROVINCE, "merged"),
)

# The 63 former provinces (REFERENCE §2): slug, name, kind, successor slug. The slug of an
# unchanged province equals its successor's; every other former province gets the code
# `<slug>_63`. Thừa Thiên Huế's successor is reached through Huế (see the module docstring).
FORMER_PROVINCES: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("an_giang", "An Giang", PROVINCE, "an_giang"),
    ("ba_ria_vung_tau", "Bà Rịa – Vũng Tàu", PROVINCE, "ho_chi_minh"),
    ("bac_lieu", "Bạc Liêu", PROVINCE, "ca_mau"),
    ("bac_giang", "Bắc Giang", PROVINCE, "bac_ninh"),
    ("bac_kan", "Bắc Kạn", PROVINCE, "thai_nguyen"),
    ("bac_ninh", "Bắc Ninh", PROVINCE, "bac_ninh"),
    ("ben_tre", "Bến Tre", PROVINCE, "vinh_long"),
    ("binh_duong", "Bình Dương", PROVINCE, "ho_chi_minh"),
    ("binh_dinh", "Bình Định", PROVINCE, "gia_lai"),
    ("binh_phuoc", "Bình Phước", PROVINCE, "dong_nai"),
    ("binh_thuan", "Bình Thuận", PROVINCE, "lam_dong"),
    ("ca_mau", "Cà Mau", PROVINCE, "ca_mau"),
    ("cao_bang", "Cao Bằng", PROVINCE, "cao_bang"),
    ("can_tho", "Cần Thơ", CITY, "can_tho"),
    ("da_nang", "Đà Nẵng", CITY, "da_nang"),
    ("dak_lak", "Đắk Lắk", PROVINCE, "dak_lak"),
    ("dak_nong", "Đắk Nông", PROVINCE, "lam_dong"),
    ("dien_bien", "Điện Biên", PROVINCE, "dien_bien"),
    ("dong_nai", "Đồng Nai", PROVINCE, "dong_nai"),
    ("dong_thap", "Đồng Tháp", PROVINCE, "dong_thap"),
    ("gia_lai", "Gia Lai", PROVINCE, "gia_lai"),
    ("ha_giang", "Hà Giang", PROVINCE, "tuyen_quang"),
    ("ha_nam", "Hà Nam", PROVINCE, "ninh_binh"),
    ("ha_noi", "Hà Nội", CITY, "ha_noi"),
    ("ha_tinh", "Hà Tĩnh", PROVINCE, "ha_tinh"),
    ("hai_duong", "Hải Dương", PROVINCE, "hai_phong"),
    ("hai_phong", "Hải Phòng", CITY, "hai_phong"),
    ("hau_giang", "Hậu Giang", PROVINCE, "can_tho"),
    ("hoa_binh", "Hòa Bình", PROVINCE, "phu_tho"),
    ("ho_chi_minh", "Hồ Chí Minh", CITY, "ho_chi_minh"),
    ("hung_yen", "Hưng Yên", PROVINCE, "hung_yen"),
    ("khanh_hoa", "Khánh Hòa", PROVINCE, "khanh_hoa"),
    ("kien_giang", "Kiên Giang", PROVINCE, "an_giang"),
    ("kon_tum", "Kon Tum", PROVINCE, "quang_ngai"),
    ("lai_chau", "Lai Châu", PROVINCE, "lai_chau"),
    ("lang_son", "Lạng Sơn", PROVINCE, "lang_son"),
    ("lao_cai", "Lào Cai", PROVINCE, "lao_cai"),
    ("lam_dong", "Lâm Đồng", PROVINCE, "lam_dong"),
    ("long_an", "Long An", PROVINCE, "tay_ninh"),
    ("nam_dinh", "Nam Định", PROVINCE, "ninh_binh"),
    ("nghe_an", "Nghệ An", PROVINCE, "nghe_an"),
    ("ninh_binh", "Ninh Bình", PROVINCE, "ninh_binh"),
    ("ninh_thuan", "Ninh Thuận", PROVINCE, "khanh_hoa"),
    ("phu_tho", "Phú Thọ", PROVINCE, "phu_tho"),
    ("phu_yen", "Phú Yên", PROVINCE, "dak_lak"),
    ("quang_binh", "Quảng Bình", PROVINCE, "quang_tri"),
    ("quang_nam", "Quảng Nam", PROVINCE, "da_nang"),
    ("quang_ngai", "Quảng Ngãi", PROVINCE, "quang_ngai"),
    ("quang_ninh", "Quảng Ninh", PROVINCE, "quang_ninh"),
    ("quang_tri", "Quảng Trị", PROVINCE, "quang_tri"),
    ("soc_trang", "Sóc Trăng", PROVINCE, "can_tho"),
    ("son_la", "Sơn La", PROVINCE, "son_la"),
    ("tay_ninh", "Tây Ninh", PROVINCE, "tay_ninh"),
    ("thai_binh", "Thái Bình", PROVINCE, "hung_yen"),
    ("thai_nguyen", "Thái Nguyên", PROVINCE, "thai_nguyen"),
    ("thanh_hoa", "Thanh Hóa", PROVINCE, "thanh_hoa"),
    ("thua_thien_hue", "Thừa Thiên Huế", PROVINCE, "hue"),
    ("tien_giang", "Tiền Giang", PROVINCE, "dong_thap"),
    ("tra_vinh", "Trà Vinh", PROVINCE, "vinh_long"),
    ("tuyen_quang", "Tuyên Quang", PROVINCE, "tuyen_quang"),
    ("vinh_long", "Vĩnh Long", PROVINCE, "vinh_long"),
    ("vinh_phuc", "Vĩnh Phúc", PROVINCE, "phu_tho"),
    ("yen_bai", "Yên Bái", PROVINCE, "lao_cai"),
)
