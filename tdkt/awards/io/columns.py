"""The award history and ratings format: one row per person and emulation year, with the
rating and, on the same row or on further rows, a title or form conferred for that year."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import CommendationType, Rating
from tdkt.org.io.columns import Column, Format
from tdkt.org.io.values import Choices

RATINGS: Choices[str] = Choices.build(
    {
        Rating.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
        Rating.GOOD: "Hoàn thành tốt nhiệm vụ",
        Rating.COMPLETED: "Hoàn thành nhiệm vụ",
        Rating.NOT_COMPLETED: "Không hoàn thành nhiệm vụ",
    },
    {
        Rating.EXCELLENT: ["HTXSNV", "HTXS NV", "HTXS", "Hoàn thành xuất sắc NV", "Xuất sắc"],
        Rating.GOOD: ["HTTNV", "HTT NV", "HTT", "Hoàn thành tốt NV", "Tốt"],
        Rating.COMPLETED: [
            "HTNV",
            "HT NV",
            "Hoàn thành NV",
            "Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực",
        ],
        Rating.NOT_COMPLETED: ["KHTNV", "Không HTNV", "Không hoàn thành NV"],
    },
    blank="",
)

TYPES: Choices[str] = Choices.build(
    {
        CommendationType.MERIT: "công trạng",
        CommendationType.AD_HOC: "đột xuất",
        CommendationType.CAMPAIGN: "chuyên đề",
        CommendationType.LIFETIME: "quá trình cống hiến",
        CommendationType.LENGTH: "niên hạn",
        CommendationType.FOREIGN: "đối ngoại",
    },
    {
        CommendationType.MERIT: ["thường xuyên", "khen thường xuyên", "merit"],
        CommendationType.CAMPAIGN: ["phong trào", "theo phong trào thi đua", "theo chuyên đề"],
    },
    blank=CommendationType.MERIT,
)

YES_NO: Choices[bool] = Choices.build(
    {True: "Có", False: "Không"},
    {True: ["x", "X", "1", "yes", "true", "✓", "đã thu hồi"], False: ["0", "no", "false", "-"]},
    blank=False,
)

HISTORY = Format(
    kind="history",
    sheet="Lịch sử khen thưởng",
    title=_("Award history and ratings"),
    columns=(
        Column(
            "person",
            "Mã cán bộ",
            required=True,
            is_code=True,
            help=_("The staff code of a person already in the registry."),
            example="CB00012",
            aliases=("Mã CB", "Mã số cán bộ", "Mã nhân viên", "Ma can bo"),
        ),
        Column(
            "full_name",
            "Họ và tên",
            required=False,
            help=_("The person's full name; checked against the registry, required without it."),
            example="Nguyễn Văn An",
            aliases=("Họ tên", "Ho va ten", "Tên cán bộ"),
        ),
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            is_code=True,
            help=_("The code of the unit the person worked in that year (it owns the record)."),
            example="PT-thanh_hoa",
            aliases=("Mã ĐV", "Ma don vi", "Đơn vị"),
        ),
        Column(
            "year",
            "Năm thi đua",
            required=True,
            help=_(
                "The emulation year, named by the year it ends (2025 = 01/10/2024 – 30/09/2025)."
            ),
            example="2025",
            aliases=("Năm", "Nam thi dua", "Năm xét"),
        ),
        Column(
            "rating",
            "Xếp loại",
            required=False,
            help=_("The annual rating: HTXSNV, HTTNV, HTNV or KHTNV, written out or abbreviated."),
            example="HTXSNV",
            aliases=("Xếp loại chất lượng", "Xep loai", "Đánh giá, xếp loại"),
            choices=tuple(RATINGS.written.values()),
        ),
        Column(
            "distinction",
            "Danh hiệu, hình thức khen thưởng",
            required=False,
            help=_(
                "The title or form conferred for the year, as written in your lists "
                "(“CSTĐCS”, “Chiến sỹ thi đua cơ sở” …). A name not recognised is listed for "
                "you to map once."
            ),
            example="Chiến sĩ thi đua cơ sở",
            aliases=("Danh hiệu", "Hình thức khen thưởng", "Danh hiệu thi đua", "Khen thưởng"),
        ),
        Column(
            "commendation_type",
            "Loại khen thưởng",
            required=False,
            help=_("công trạng (the default), đột xuất, chuyên đề, quá trình cống hiến …"),
            example="công trạng",
            aliases=("Loại hình khen thưởng",),
            choices=tuple(TYPES.written.values()),
        ),
        Column(
            "decision_number",
            "Số quyết định",
            required=False,
            help=_("The decision number, e.g. 125/QĐ-TA."),
            example="125/QĐ-TA",
            aliases=("Số QĐ", "So quyet dinh", "Số, ký hiệu"),
        ),
        Column(
            "decision_date",
            "Ngày quyết định",
            required=False,
            is_date=True,
            help=_("The date the decision was signed."),
            example="20/11/2025",
            aliases=("Ngày QĐ", "Ngày ký"),
        ),
        Column(
            "issuer",
            "Cấp quyết định",
            required=False,
            help=_("Who signed it, e.g. Chánh án TAND tỉnh."),
            example="Chánh án TAND tỉnh Thanh Hóa",
            aliases=("Người ký", "Cơ quan quyết định"),
        ),
        Column(
            "revoked",
            "Đã thu hồi",
            required=False,
            help=_("“Có” when the decision was revoked (GEN-11)."),
            example="Không",
            aliases=("Thu hồi",),
            choices=tuple(YES_NO.written.values()),
        ),
        Column(
            "recruited_on",
            "Ngày tuyển dụng",
            required=False,
            is_date=True,
            help=_(
                "Used only when checking a file without the database (tdkt eligibility --input)."
            ),
            example="01/04/2015",
            aliases=("Ngày vào ngành",),
        ),
    ),
)
