"""The seed of the catalogue, the rule versions and the parameters, written by us from
../shared/domain/RULES.md (§1.6, §3–5, §7, §11) and REFERENCE.md (§6–7). Plain data only, so the
data migration and `tdkt load-awards-reference` read the same rows."""

from __future__ import annotations

import datetime as dt
from typing import Final

D = dt.date
LAW_2022: Final = "Luật Thi đua, khen thưởng 06/2022/QH15"
TT01: Final = "Thông tư 01/2024/TT-TANDTC"
ND98: Final = "Nghị định 98/2023/NĐ-CP"
ND152: Final = "Nghị định 152/2025/NĐ-CP"
DECREE_SWITCH: Final = D(2025, 7, 1)

# code, short name, name, aliases, subject, level, legal basis, rule, period, rank
CatalogueRow = tuple[str, str, str, list[str], str, str, str, str, int, int]
TITLES: Final[tuple[CatalogueRow, ...]] = (
    (
        "advanced_worker",
        "LĐTT",
        "Lao động tiên tiến",
        ["LĐTT", "LDTT", "LĐ tiên tiến", "Lao động TT"],
        "individual",
        "grassroots",
        f"Điều 24 {LAW_2022}; {TT01}",
        "advanced_worker",
        1,
        10,
    ),
    (
        "grassroots_emulation_fighter",
        "CSTĐCS",
        "Chiến sĩ thi đua cơ sở",
        [
            "Chiến sỹ thi đua cơ sở",
            "CSTĐ cơ sở",
            "CSTĐCS",
            "CSTDCS",
            "CSTĐ CS",
            "CSTĐ-CS",
        ],
        "individual",
        "grassroots",
        f"Điều 23 {LAW_2022}; {TT01}",
        "grassroots_emulation_fighter",
        1,
        20,
    ),
    (
        "sector_emulation_fighter",
        "CSTĐ TAND",
        "Chiến sĩ thi đua Tòa án nhân dân",
        [
            "CSTĐ TAND",
            "CSTĐ ngành Tòa án",
            "CSTĐ cấp ngành",
            "Chiến sỹ thi đua ngành TAND",
            "Chiến sĩ thi đua ngành Tòa án",
        ],
        "individual",
        "sector",
        f"Điều 22 {LAW_2022}; {TT01}",
        "sector_emulation_fighter",
        3,
        30,
    ),
    (
        "national_emulation_fighter",
        "CSTĐTQ",
        "Chiến sĩ thi đua toàn quốc",
        ["Chiến sỹ thi đua toàn quốc", "CSTĐ toàn quốc", "CSTĐTQ"],
        "individual",
        "state",
        f"Điều 21 {LAW_2022}",
        "national_emulation_fighter",
        6,
        40,
    ),
    (
        "advanced_collective",
        "TTLĐTT",
        "Tập thể lao động tiên tiến",
        ["TTLĐTT", "TTLDTT", "Tập thể LĐTT", "TT LĐTT"],
        "collective",
        "grassroots",
        f"Điều 28 {LAW_2022}; {TT01}",
        "advanced_collective",
        1,
        10,
    ),
    (
        "excellent_collective",
        "TTLĐXS",
        "Tập thể lao động xuất sắc",
        ["TTLĐXS", "TTLDXS", "Tập thể LĐXS", "TT LĐXS"],
        "collective",
        "sector",
        f"Điều 27 {LAW_2022}; {TT01}",
        "excellent_collective",
        1,
        20,
    ),
    (
        "sector_emulation_flag",
        "Cờ TĐ TAND",
        "Cờ thi đua Tòa án nhân dân",
        [
            "Cờ thi đua TAND",
            "Cờ thi đua của TANDTC",
            "Cờ thi đua ngành Tòa án",
            "Cờ TĐ TAND",
        ],
        "collective",
        "sector",
        f"Điều 26 {LAW_2022}; Điều 17 Thông tư 04/2016/TT-TANDTC; {TT01}",
        "sector_emulation_flag",
        1,
        30,
    ),
    (
        "government_emulation_flag",
        "Cờ CP",
        "Cờ thi đua của Chính phủ",
        ["Cờ thi đua Chính phủ", "Cờ thi đua CP", "Cờ CP", "Cờ TĐCP"],
        "collective",
        "state",
        f"Điều 25 {LAW_2022}; Điều 19 {TT01}",
        "government_emulation_flag",
        1,
        40,
    ),
)

FORMS: Final[tuple[CatalogueRow, ...]] = (
    (
        "commendation_certificate",
        "GK",
        "Giấy khen",
        ["GK", "Giấy khen của Chánh án"],
        "both",
        "grassroots",
        f"Điều 75 {LAW_2022}",
        "commendation_certificate",
        1,
        10,
    ),
    (
        "sector_certificate_of_merit",
        "BK CA TANDTC",
        "Bằng khen của Chánh án Tòa án nhân dân tối cao",
        [
            "Bằng khen của Chánh án TANDTC",
            "Bằng khen Chánh án",
            "Bằng khen TANDTC",
            "BK CA TANDTC",
            "BKCA",
        ],
        "both",
        "sector",
        f"Điều 74 {LAW_2022}; Điều 23 {TT01}",
        "sector_certificate_of_merit",
        1,
        20,
    ),
    (
        "pm_certificate_of_merit",
        "BKTTg",
        "Bằng khen của Thủ tướng Chính phủ",
        ["Bằng khen Thủ tướng", "Bằng khen TTg", "BKTTg", "BK TTCP"],
        "both",
        "state",
        f"Điều 73 {LAW_2022}",
        "pm_certificate_of_merit",
        5,
        30,
    ),
    (
        "court_commemorative_medal",
        "KNC",
        "Kỷ niệm chương “Vì sự nghiệp Tòa án”",
        ["Kỷ niệm chương Vì sự nghiệp Tòa án", "KNC", "Kỷ niệm chương"],
        "individual",
        "sector",
        f"Điều 21 {TT01}",
        "",
        1,
        5,
    ),
    (
        "good_judge",
        "",
        "Thẩm phán giỏi",
        [],
        "individual",
        "sector",
        "QĐ 10/QĐ/TANDTC-TĐKT (2020)",
        "",
        1,
        5,
    ),
    (
        "outstanding_judge",
        "",
        "Thẩm phán tiêu biểu",
        [],
        "individual",
        "sector",
        "QĐ 10/QĐ/TANDTC-TĐKT (2020)",
        "",
        1,
        6,
    ),
    (
        "exemplary_judge",
        "",
        "Thẩm phán mẫu mực",
        [],
        "individual",
        "sector",
        "QĐ 10/QĐ/TANDTC-TĐKT (2020)",
        "",
        1,
        7,
    ),
    (
        "labour_order_third_class",
        "HCLĐ III",
        "Huân chương Lao động hạng Ba",
        ["HCLĐ hạng Ba", "HCLĐ hạng III", "HCLĐ III", "HC Lao động hạng 3"],
        "both",
        "state",
        f"{LAW_2022} (FORM-04: tiêu chuẩn chưa được mã hóa)",
        "state_orders",
        5,
        40,
    ),
    (
        "labour_order_second_class",
        "HCLĐ II",
        "Huân chương Lao động hạng Nhì",
        ["HCLĐ hạng Nhì", "HCLĐ hạng II", "HCLĐ II", "HC Lao động hạng 2"],
        "both",
        "state",
        LAW_2022,
        "",
        5,
        41,
    ),
    (
        "labour_order_first_class",
        "HCLĐ I",
        "Huân chương Lao động hạng Nhất",
        ["HCLĐ hạng Nhất", "HCLĐ hạng I", "HCLĐ I", "HC Lao động hạng 1"],
        "both",
        "state",
        LAW_2022,
        "",
        5,
        42,
    ),
    (
        "labour_hero",
        "AHLĐ",
        "Anh hùng Lao động",
        ["AHLĐ", "Anh hùng LĐ"],
        "both",
        "state",
        LAW_2022,
        "",
        5,
        50,
    ),
)

# rule id, version, valid from, valid to (inclusive), legal basis, confidence
RULE_VERSIONS: Final[tuple[tuple[str, str, dt.date, dt.date | None, str, str], ...]] = (
    ("advanced_worker", "2018", D(2018, 1, 1), D(2023, 12, 31), "Nghị định 91/2017/NĐ-CP", "C"),
    ("advanced_worker", "2024", D(2024, 1, 1), D(2025, 6, 30), f"Điều 24 {LAW_2022}; {ND98}", "C"),
    ("advanced_worker", "2025", DECREE_SWITCH, None, f"Điều 24 {LAW_2022}; {ND152}", "C"),
    (
        "grassroots_emulation_fighter",
        "2018",
        D(2018, 1, 1),
        D(2023, 12, 31),
        "Luật Thi đua, khen thưởng 2003; Nghị định 91/2017/NĐ-CP",
        "C",
    ),
    (
        "grassroots_emulation_fighter",
        "2024",
        D(2024, 1, 1),
        D(2025, 6, 30),
        f"Điều 23 {LAW_2022}; {ND98}",
        "C",
    ),
    (
        "grassroots_emulation_fighter",
        "2025",
        DECREE_SWITCH,
        None,
        f"Điều 23 {LAW_2022}; {ND152}",
        "C",
    ),
    ("sector_emulation_fighter", "2024", D(2024, 1, 1), D(2025, 6, 30), f"Điều 22 {LAW_2022}", "C"),
    ("sector_emulation_fighter", "2025", DECREE_SWITCH, None, f"Điều 22 {LAW_2022}; {ND152}", "C"),
    ("national_emulation_fighter", "2024", D(2024, 1, 1), None, f"Điều 21 {LAW_2022}", "C"),
    ("advanced_collective", "2024", D(2024, 1, 1), None, f"Điều 28 {LAW_2022}; {TT01}", "C"),
    ("excellent_collective", "2024", D(2024, 1, 1), None, f"Điều 27 {LAW_2022}", "C"),
    (
        "sector_emulation_flag",
        "2024",
        D(2024, 1, 1),
        None,
        f"Điều 26 {LAW_2022}; Điều 17 Thông tư 04/2016/TT-TANDTC",
        "B",
    ),
    ("government_emulation_flag", "2024", D(2024, 6, 11), None, f"Điều 19 {TT01}", "C"),
    ("commendation_certificate", "2024", D(2024, 1, 1), None, f"Điều 75 {LAW_2022}", "C"),
    (
        "sector_certificate_of_merit",
        "2024",
        D(2024, 1, 1),
        None,
        f"Điều 74 {LAW_2022}; Điều 23 {TT01}",
        "C",
    ),
    ("pm_certificate_of_merit", "2024", D(2024, 1, 1), None, f"Điều 73 {LAW_2022}", "C"),
    ("state_orders", "2024", D(2024, 1, 1), None, LAW_2022, "open"),
)

# key, scope, value, valid from, valid to (inclusive), legal basis, confidence
_SALARY = (
    (D(2016, 5, 1), D(2017, 6, 30), 1_210_000, "Nghị định 47/2016/NĐ-CP", "B"),
    (D(2017, 7, 1), D(2018, 6, 30), 1_300_000, "Nghị định 47/2017/NĐ-CP", "B"),
    (D(2018, 7, 1), D(2019, 6, 30), 1_390_000, "Nghị định 72/2018/NĐ-CP", "B"),
    (D(2019, 7, 1), D(2023, 6, 30), 1_490_000, "Nghị định 38/2019/NĐ-CP", "B"),
    (D(2023, 7, 1), D(2024, 6, 30), 1_800_000, "Nghị định 24/2023/NĐ-CP", "B"),
    (D(2024, 7, 1), None, 2_340_000, "Điều 3.2 Nghị định 73/2024/NĐ-CP", "C"),
)

# code → (individual, collective, confidence of the individual, of the collective)
MULTIPLIERS: Final = {
    "advanced_worker": ("0.3", None, "C", "C"),
    "grassroots_emulation_fighter": ("1.0", None, "C", "C"),
    "sector_emulation_fighter": ("3.0", None, "C", "C"),
    "national_emulation_fighter": ("4.5", None, "C", "C"),
    "advanced_collective": (None, "0.8", "C", "C"),
    "excellent_collective": (None, "1.5", "C", "C"),
    "sector_emulation_flag": (None, "8.0", "C", "C"),
    "government_emulation_flag": (None, "12.0", "C", "C"),
    "commendation_certificate": ("0.3", "0.6", "B", "C"),
    "sector_certificate_of_merit": ("1.5", "3.0", "C", "C"),
    "pm_certificate_of_merit": ("3.5", "7.0", "C", "C"),
    "labour_order_third_class": ("4.5", "9.0", "C2", "C"),
    "labour_order_second_class": ("7.5", "15.0", "C2", "C"),
    "labour_order_first_class": ("9.0", "18.0", "C2", "C"),
    "labour_hero": ("15.5", "31.0", "B", "C"),
}


def parameters() -> list[tuple[str, str, str, dt.date, dt.date | None, str, str]]:
    rows: list[tuple[str, str, str, dt.date, dt.date | None, str, str]] = [
        ("base_salary", "", str(amount), start, end, basis, conf)
        for start, end, amount, basis, conf in _SALARY
    ]
    for code, (individual, collective, conf_i, conf_c) in MULTIPLIERS.items():
        for subject, value, conf in (
            ("individual", individual, conf_i),
            ("collective", collective, conf_c),
        ):
            if value is None:
                continue
            # NĐ 98 and NĐ 152 carry the same figures; two rows so each cites its decree (PRIZE-08)
            rows.append(
                (f"multiplier.{code}", subject, value, D(2024, 1, 1), D(2025, 6, 30), ND98, conf)
            )
            rows.append((f"multiplier.{code}", subject, value, DECREE_SWITCH, None, ND152, conf))
    rows += [
        (
            "min_service_months",
            "",
            "10",
            D(2018, 1, 1),
            D(2023, 12, 31),
            "Nghị định 91/2017/NĐ-CP",
            "C",
        ),
        ("min_service_months", "", "6", D(2024, 1, 1), None, "Thông tư 01/2024/TT-BNV", "C"),
        (
            "cstdcs_cap_share_of_ldtt",
            "",
            "15",
            D(2018, 1, 1),
            D(2023, 12, 31),
            "Nghị định 91/2017/NĐ-CP",
            "C",
        ),
        (
            "ttldtt_min_ldtt_share",
            "",
            "gt50|ge70",
            D(2024, 1, 1),
            None,
            f"Điều 28 {LAW_2022} (đọc là > 50 %); QĐ 86/2025/QĐ-UBND Bắc Ninh (≥ 70 %)",
            "open",
        ),
        ("ttldxs_min_ldtt_share", "", "ge70", D(2024, 1, 1), None, f"Điều 27 {LAW_2022}", "C"),
        (
            "unit_chain_policy.continues",
            "",
            "carry",
            D(2024, 1, 1),
            None,
            "RULES.md ORG-02 (thiết lập)",
            "B",
        ),
        (
            "unit_chain_policy.merged_into",
            "",
            "all_predecessors",
            D(2024, 1, 1),
            None,
            "RULES.md ORG-02 (thiết lập)",
            "B",
        ),
        (
            "unit_chain_policy.created",
            "",
            "start_fresh",
            D(2024, 1, 1),
            None,
            "RULES.md ORG-02 (thiết lập)",
            "B",
        ),
        ("cluster_flag_vote_share", "", "2/3", D(2024, 6, 11), None, f"Điều 19 {TT01}", "C"),
    ]
    return rows
