"""Filled-in examples of every kind: the compose pages' example, the demo and the benchmark."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tdkt.documents import doc_kinds as k
from tdkt.documents.content import Issuer, Signature

ISSUER = Issuer(
    parent_name="Tòa án nhân dân tối cao",
    name="Tòa án nhân dân tỉnh Thanh Hóa",
    code="TA",
    place="Thanh Hóa",
)
DAY = dt.date(2026, 3, 5)
PEOPLE = [
    ("Nguyễn Thị Ánh", "Thẩm phán, Tòa án nhân dân khu vực 1 - Thanh Hóa"),
    ("Lê Văn Dũng", "Thư ký Tòa án, Văn phòng Tòa án nhân dân tỉnh Thanh Hóa"),
    ("Trần Đức Thắng", "Chánh tòa, Tòa Hình sự Tòa án nhân dân tỉnh Thanh Hóa"),
]
CHIEF = Signature(title="Chánh án", name="Lê Văn Hùng")
RECIPIENTS = ["- Như Điều 3;", "- Tòa án nhân dân tối cao (Vụ TĐKT);", "- Lưu: VT, TĐKT."]


def decision(rows: int = 3) -> k.DecisionContent:
    people = [PEOPLE[i % len(PEOPLE)] for i in range(rows)]
    return k.DecisionContent(
        issuer=ISSUER,
        issued_on=DAY,
        summary="Về việc tặng Giấy khen năm 2025",
        authority="Chánh án Tòa án nhân dân tỉnh Thanh Hóa",
        recitals=[
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 15 tháng 6 năm 2025 của Chính phủ;",
            "Căn cứ Thông tư số 01/2024/TT-TANDTC ngày 20 tháng 02 năm 2024;",
            "Xét đề nghị của Hội đồng Thi đua - Khen thưởng Tòa án nhân dân tỉnh Thanh Hóa.",
        ],
        award_text=(
            f"Tặng Giấy khen cho {rows:02d} cá nhân thuộc Tòa án nhân dân tỉnh Thanh Hóa "
            "(có danh sách kèm theo),"
        ),
        achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2025.",
        funding="Tiền thưởng được chi từ quỹ thi đua, khen thưởng của Tòa án nhân dân tỉnh.",
        execution=(
            "Chánh Văn phòng, Trưởng các đơn vị có liên quan và các cá nhân có tên tại Điều 1 "
            "chịu trách nhiệm thi hành Quyết định này./."
        ),
        list_title="Danh sách cá nhân được tặng Giấy khen",
        rows=[k.AwardRow(name=n, detail=d, amount_vnd=710_000) for n, d in people],
        signer=CHIEF,
        recipients=RECIPIENTS,
    )


def submission() -> k.SubmissionContent:
    return k.SubmissionContent(
        issuer=ISSUER,
        issued_on=DAY,
        summary="Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
        addressee="Hội đồng Thi đua - Khen thưởng Tòa án nhân dân tối cao",
        recitals=[
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng đơn vị.",
        ],
        body=[
            "Năm 2025, tập thể cán bộ, công chức Tòa án nhân dân tỉnh Thanh Hóa đã hoàn thành "
            "xuất sắc nhiệm vụ được giao; tỷ lệ giải quyết các loại án đạt 98,5%."
        ],
        request="Tòa án nhân dân tỉnh Thanh Hóa đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở "
        "cho 03 cá nhân có tên trong danh sách kèm theo.",
        rows=[
            k.ProposalRow(
                name=n,
                detail=d,
                form="Chiến sĩ thi đua cơ sở",
                achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025",
            )
            for n, d in PEOPLE
        ],
        signer=CHIEF,
        recipients=["- Như trên;", "- Lưu: VT, TĐKT."],
    )


def conference_minutes() -> k.ConferenceMinutesContent:
    return k.ConferenceMinutesContent(
        issuer=ISSUER,
        issued_on=DAY,
        summary="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025",
        opening="Vào hồi 08 giờ 00 ngày 05 tháng 3 năm 2026, tại hội trường Tòa án nhân dân "
        "tỉnh Thanh Hóa, Hội nghị tổng kết công tác thi đua, khen thưởng năm 2025 được tổ chức.",
        attendance=[
            "- Chủ tọa: Ông Lê Văn Hùng, Chánh án;",
            "- Thư ký: Bà Nguyễn Thị Ánh, Thẩm phán;",
            "- Có mặt 45/48 cán bộ, công chức; vắng 03 (có lý do).",
        ],
        proceedings=[
            "Hội nghị nghe báo cáo tổng kết công tác thi đua, khen thưởng năm 2025.",
            "Các đại biểu thảo luận, thống nhất với nội dung báo cáo.",
        ],
        conclusion="Hội nghị thống nhất đề nghị khen thưởng theo danh sách đã bình xét.",
        closing="Hội nghị kết thúc vào hồi 11 giờ 30 cùng ngày. Biên bản đã được thông qua.",
        secretary=Signature(title="Thư ký", name="Nguyễn Thị Ánh"),
        chair=Signature(title="Chủ tọa", name="Lê Văn Hùng"),
    )


def tally_minutes() -> k.TallyMinutesContent:
    return k.TallyMinutesContent(
        issuer=ISSUER,
        issued_on=DAY,
        summary="Kiểm phiếu bầu Chiến sĩ thi đua cơ sở năm 2025",
        opening="Vào hồi 10 giờ 00 ngày 05 tháng 3 năm 2026, tại phòng họp số 1, Ban kiểm phiếu "
        "tiến hành kiểm phiếu bầu danh hiệu Chiến sĩ thi đua cơ sở.",
        committee=["1. Bà Nguyễn Thị Ánh - Trưởng ban;", "2. Ông Lê Văn Dũng - Thành viên;"],
        members_total=7,
        ballots_issued=7,
        ballots_received=7,
        ballots_valid=7,
        ballots_invalid=0,
        rows=[
            k.TallyRow(name=n, detail=d, votes=v)
            for (n, d), v in zip(PEOPLE, (7, 6, 4), strict=True)
        ],
        conclusion="Căn cứ kết quả kiểm phiếu, các cá nhân đạt từ 70% số phiếu đồng ý trở lên.",
        head=Signature(title="Trưởng ban kiểm phiếu", name="Nguyễn Thị Ánh"),
        member=Signature(title="Thành viên", name="Lê Văn Dũng"),
    )


def pledge() -> k.PledgeContent:
    return k.PledgeContent(
        issuer=Issuer(
            parent_name="Tòa án nhân dân tối cao", name="Cụm thi đua số 1", place="Thanh Hóa"
        ),
        issued_on=DAY,
        summary="Thi đua năm 2026 của Cụm thi đua số 1",
        preamble=[
            "Thực hiện Kế hoạch thi đua năm 2026 của Tòa án nhân dân tối cao, các đơn vị "
            "trong Cụm thi đua số 1 thống nhất ký kết giao ước thi đua với các nội dung sau:"
        ],
        articles=[
            "Giải quyết các loại án đạt và vượt chỉ tiêu Quốc hội giao.",
            "Không có án bị hủy, sửa do lỗi chủ quan vượt quá tỷ lệ quy định.",
        ],
        closing="Giao ước này được lập thành 03 bản, mỗi đơn vị giữ 01 bản.",
        parties=[
            k.PledgeParty(
                unit="Tòa án nhân dân tỉnh Thanh Hóa", title="Chánh án", name="Lê Văn Hùng"
            ),
            k.PledgeParty(
                unit="Tòa án nhân dân tỉnh Nghệ An", title="Chánh án", name="Phạm Minh Đức"
            ),
            k.PledgeParty(
                unit="Tòa án nhân dân tỉnh Hà Tĩnh", title="Chánh án", name="Hoàng Thu Hà"
            ),
        ],
    )


def achievement_report(*, collective: bool = False) -> k.AchievementReportContent:
    honour = [
        k.HonourRow(
            year="2024",
            title="Lao động tiên tiến",
            decision="Quyết định số 15/QĐ-TA ngày 10/10/2024 của Chánh án TAND tỉnh Thanh Hóa",
        )
    ]
    if collective:
        return k.AchievementReportContent(
            issuer=ISSUER,
            issued_on=DAY,
            summary="Đề nghị tặng danh hiệu Tập thể lao động xuất sắc năm 2025",
            subject="Tòa án nhân dân khu vực 1 - Thanh Hóa",
            profile=[
                "Tòa án nhân dân khu vực 1 - Thanh Hóa được thành lập từ ngày 01/7/2025, "
                "có 32 cán bộ, công chức, trong đó 12 Thẩm phán."
            ],
            duties=["Xét xử sơ thẩm các vụ án hình sự, dân sự, hành chính theo thẩm quyền."],
            achievements=["Năm 2025, đơn vị giải quyết 1.250/1.270 vụ việc, đạt 98,4%."],
            titles=honour,
            forms=[],
            confirmer=Signature(
                title="Chánh án Tòa án nhân dân tỉnh Thanh Hóa", name="Lê Văn Hùng"
            ),
            reporter=Signature(title="Chánh án", name="Trần Đức Thắng"),
        )
    return k.AchievementReportContent(
        issuer=ISSUER,
        issued_on=DAY,
        summary="Đề nghị tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
        subject="Bà Nguyễn Thị Ánh",
        profile=[
            "- Họ tên: Nguyễn Thị Ánh; giới tính: nữ;",
            "- Sinh ngày: 12/5/1985;",
            "- Quê quán: xã Nga Sơn, tỉnh Thanh Hóa;",
            "- Đơn vị công tác: Tòa án nhân dân khu vực 1 - Thanh Hóa;",
            "- Chức vụ: Thẩm phán;",
            "- Trình độ chuyên môn, nghiệp vụ: Cử nhân Luật.",
        ],
        duties=["Được phân công giải quyết các vụ án dân sự, hôn nhân và gia đình."],
        achievements=[
            "Năm 2025 giải quyết 120/120 vụ việc được phân công, không có án bị hủy, "
            "sửa do lỗi chủ quan."
        ],
        titles=honour,
        forms=[
            k.HonourRow(
                year="2023", title="Giấy khen", decision="Quyết định số 20/QĐ-TA ngày 15/10/2023"
            )
        ],
        confirmer=Signature(title="Chánh án", name="Lê Văn Hùng"),
        reporter=Signature(title="Người báo cáo thành tích", name="Nguyễn Thị Ánh"),
    )


def certificate(*, fighter: bool = False, index: int = 1) -> k.CertificateContent:
    name, detail = PEOPLE[index % len(PEOPLE)]
    return k.CertificateContent(
        issuer=ISSUER,
        issued_on=DAY,
        authority="Chánh án Tòa án nhân dân tỉnh Thanh Hóa",
        award="Chiến sĩ thi đua cơ sở" if fighter else "Giấy khen",
        recipient=name,
        detail=detail,
        achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
        decision_ref="Quyết định số 12/QĐ-TA ngày 05/3/2026",
        register_number=str(index),
        signer=Signature(title="Chánh án", name="Lê Văn Hùng"),
    )


SAMPLES: dict[str, Any] = {
    "documents.award_decision": decision,
    "documents.award_submission": submission,
    "documents.conference_minutes": conference_minutes,
    "documents.tally_minutes": tally_minutes,
    "documents.pledge": pledge,
    "documents.achievement_individual": achievement_report,
    "documents.achievement_collective": lambda: achievement_report(collective=True),
    "documents.commendation_certificate": certificate,
    "documents.grassroots_fighter_certificate": lambda: certificate(fighter=True),
}


def sample(kind_code: str) -> Any:
    return SAMPLES[kind_code]()
