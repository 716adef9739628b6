"""The formats of the engine's other inputs, one sheet kind each: discipline, initiatives and
research, leave that counts as work, other units' comments after a transfer or during a
secondment, legal holds, task completion of units, and the chain overrides of ORG-02
(docs/formats.md)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tdkt.awards.io.columns import RATINGS, YES_NO
from tdkt.awards.models import Discipline, Hold, Initiative, Leave, TransferComment, UnitRating
from tdkt.org.io.columns import Column, Format
from tdkt.org.io.values import Choices

DISCIPLINE_LEVELS: Choices[str] = Choices.build(
    {
        Discipline.Level.REPRIMAND: "Khiển trách",
        Discipline.Level.WARNING: "Cảnh cáo",
        Discipline.Level.SALARY_STEP: "Hạ bậc lương",
        Discipline.Level.DEMOTION: "Giáng chức",
        Discipline.Level.REMOVAL: "Cách chức",
        Discipline.Level.DISMISSAL: "Buộc thôi việc",
    },
    {
        Discipline.Level.REMOVAL: ["Cách chức vụ", "Bãi nhiệm"],
        Discipline.Level.DISMISSAL: ["Thôi việc"],
    },
)

INITIATIVE_KINDS: Choices[str] = Choices.build(
    {Initiative.Kind.INITIATIVE: "Sáng kiến", Initiative.Kind.RESEARCH: "Đề tài khoa học"},
    {
        Initiative.Kind.INITIATIVE: ["SK", "Sáng kiến kinh nghiệm", "Giải pháp"],
        Initiative.Kind.RESEARCH: ["Đề tài", "Đề tài nghiên cứu khoa học", "Đề tài NCKH"],
    },
    blank=Initiative.Kind.INITIATIVE,
)

SCOPES: Choices[str] = Choices.build(
    {
        Initiative.Scope.GRASSROOTS: "Cơ sở",
        Initiative.Scope.SECTOR: "Toàn ngành",
        Initiative.Scope.NATIONAL: "Toàn quốc",
    },
    {
        Initiative.Scope.GRASSROOTS: ["Cấp cơ sở", "Đơn vị"],
        Initiative.Scope.SECTOR: ["Cấp ngành", "Ngành", "Cấp bộ, ngành", "TANDTC"],
        Initiative.Scope.NATIONAL: ["Cấp toàn quốc", "Quốc gia", "Cấp nhà nước"],
    },
)

LEAVE_KINDS: Choices[str] = Choices.build(
    {
        Leave.Kind.MATERNITY: "Nghỉ thai sản",
        Leave.Kind.INJURY: "Điều trị thương tích",
    },
    {
        Leave.Kind.MATERNITY: ["Thai sản", "Nghỉ sinh con"],
        Leave.Kind.INJURY: [
            "Nghỉ điều trị",
            "Điều trị, điều dưỡng do bị thương",
            "Bị thương khi làm nhiệm vụ",
        ],
    },
)

COMMENT_KINDS: Choices[str] = Choices.build(
    {
        TransferComment.Kind.TRANSFER: "Điều động",
        TransferComment.Kind.SECONDMENT: "Biệt phái",
    },
    {
        TransferComment.Kind.TRANSFER: [
            "Chuyển công tác",
            "Luân chuyển",
            "Đơn vị cũ",
            "Điều động, luân chuyển",
        ],
        TransferComment.Kind.SECONDMENT: ["Nơi biệt phái", "Đơn vị nhận biệt phái"],
    },
)

HOLD_KINDS: Choices[str] = Choices.build(
    {
        Hold.Kind.DISCIPLINE_REVIEW: "Đang xem xét kỷ luật",
        Hold.Kind.INVESTIGATION: "Đang điều tra",
        Hold.Kind.INSPECTION: "Đang thanh tra, kiểm tra",
        Hold.Kind.COMPLAINT: "Đang giải quyết khiếu nại, tố cáo",
        Hold.Kind.PRESS: "Đang xác minh thông tin báo chí",
    },
    {
        Hold.Kind.DISCIPLINE_REVIEW: ["Xem xét kỷ luật", "Xem xét xử lý kỷ luật"],
        Hold.Kind.INVESTIGATION: ["Điều tra", "Bị điều tra"],
        Hold.Kind.INSPECTION: ["Thanh tra", "Kiểm tra", "Đang thanh tra", "Đang kiểm tra"],
        Hold.Kind.COMPLAINT: ["Khiếu nại", "Tố cáo", "Khiếu nại, tố cáo"],
        Hold.Kind.PRESS: ["Báo chí", "Báo chí phản ánh"],
    },
)

SOURCES: Choices[str] = Choices.build(
    {
        UnitRating.Source.SCORE_BAND: "Chấm điểm thi đua",
        UnitRating.Source.SUPERIOR: "Cấp trên đánh giá",
        UnitRating.Source.PARTY: "Tổ chức Đảng xếp loại",
        UnitRating.Source.OTHER: "Khác",
    },
    {
        UnitRating.Source.SCORE_BAND: ["Bảng điểm", "Chấm điểm"],
        UnitRating.Source.SUPERIOR: ["Cấp trên"],
        UnitRating.Source.PARTY: ["Tổ chức Đảng", "Chi bộ"],
    },
    blank="",
)

_PERSON = Column(
    "person",
    "Mã cán bộ",
    required=True,
    is_code=True,
    help=_("The staff code of a person already in the registry."),
    example="CB00012",
    aliases=("Mã CB", "Mã số cán bộ", "Mã nhân viên", "Ma can bo"),
)
_NAME = Column(
    "full_name",
    "Họ và tên",
    required=False,
    help=_("The person's full name, checked against the registry."),
    example="Nguyễn Văn An",
    aliases=("Họ tên", "Ho va ten", "Tên cán bộ"),
)
_UNIT = Column(
    "unit",
    "Mã đơn vị",
    required=True,
    is_code=True,
    help=_("The code of the unit that owns the record (the person's unit)."),
    example="PT-thanh_hoa",
    aliases=("Mã ĐV", "Ma don vi", "Đơn vị quản lý"),
)
_YEAR = Column(
    "year",
    "Năm thi đua",
    required=True,
    help=_("The emulation year, named by the year it ends (2025 = 01/10/2024 – 30/09/2025)."),
    example="2025",
    aliases=("Năm", "Nam thi dua", "Năm xét"),
)

DISCIPLINE = Format(
    kind="discipline",
    sheet="Kỷ luật",
    title=_("Discipline"),
    columns=(
        _PERSON,
        _NAME,
        _UNIT,
        Column(
            "level",
            "Hình thức kỷ luật",
            required=True,
            help=_("Khiển trách, Cảnh cáo, Hạ bậc lương, Giáng chức, Cách chức, Buộc thôi việc."),
            example="Khiển trách",
            aliases=("Kỷ luật", "Mức kỷ luật", "Hình thức"),
            choices=tuple(DISCIPLINE_LEVELS.written.values()),
        ),
        Column(
            "decided_on",
            "Ngày quyết định",
            required=True,
            is_date=True,
            help=_("The date of the disciplinary decision."),
            example="15/03/2025",
            aliases=("Ngày QĐ", "Ngày ký"),
        ),
        Column(
            "period_end",
            "Ngày hết thời hạn kỷ luật",
            required=True,
            is_date=True,
            help=_("The last day of the discipline period (usually 12 months after the decision)."),
            example="14/03/2026",
            aliases=("Hết thời hạn", "Thời hạn kỷ luật đến", "Hết hạn kỷ luật"),
        ),
        Column(
            "note",
            "Ghi chú",
            required=False,
            help=_("Anything worth keeping, e.g. the decision number."),
            example="Số 12/QĐ-TA",
            aliases=("Ghi chu",),
        ),
    ),
)

INITIATIVES = Format(
    kind="initiatives",
    sheet="Sáng kiến, đề tài",
    title=_("Initiatives and research"),
    columns=(
        _PERSON,
        _NAME,
        _UNIT,
        Column(
            "kind",
            "Loại",
            required=False,
            help=_("Sáng kiến (the default) or Đề tài khoa học."),
            example="Sáng kiến",
            aliases=("Loại sáng kiến", "Sáng kiến hay đề tài"),
            choices=tuple(INITIATIVE_KINDS.written.values()),
        ),
        Column(
            "name",
            "Tên sáng kiến, đề tài",
            required=True,
            help=_("The initiative's or research topic's name; it identifies the row."),
            example="Số hóa hồ sơ thi đua",
            aliases=("Tên sáng kiến", "Tên đề tài", "Tên"),
        ),
        Column(
            "scope",
            "Phạm vi công nhận",
            required=True,
            help=_("Cơ sở, Toàn ngành or Toàn quốc: where its effect was recognised."),
            example="Cơ sở",
            aliases=("Phạm vi", "Cấp công nhận", "Phạm vi ảnh hưởng"),
            choices=tuple(SCOPES.written.values()),
        ),
        _YEAR,
        Column(
            "recognised_on",
            "Ngày công nhận",
            required=False,
            is_date=True,
            help=_("The date of the recognition decision."),
            example="10/09/2025",
            aliases=("Ngày QĐ công nhận",),
        ),
        Column(
            "used_for",
            "Đã dùng cho danh hiệu, hình thức",
            required=False,
            help=_(
                "The title or form this initiative already supported (GEN-03: it counts once); "
                "the person must hold it for the year of the next column."
            ),
            example="Chiến sĩ thi đua cơ sở",
            aliases=("Đã dùng cho", "Đã sử dụng cho khen thưởng"),
        ),
        Column(
            "used_year",
            "Năm của danh hiệu đã dùng",
            required=False,
            help=_("The emulation year of that title or form; this year when empty."),
            example="2025",
            aliases=("Năm khen thưởng đã dùng",),
        ),
    ),
)

LEAVE = Format(
    kind="leave",
    sheet="Nghỉ tính là làm việc",
    title=_("Leave that counts as work"),
    columns=(
        _PERSON,
        _NAME,
        _UNIT,
        Column(
            "kind",
            "Loại nghỉ",
            required=True,
            help=_("Nghỉ thai sản, or Điều trị thương tích (combat or rescue injuries, GEN-07)."),
            example="Nghỉ thai sản",
            aliases=("Lý do nghỉ", "Loại"),
            choices=tuple(LEAVE_KINDS.written.values()),
        ),
        Column(
            "start",
            "Từ ngày",
            required=True,
            is_date=True,
            help=_("The first day of the leave."),
            example="01/02/2025",
            aliases=("Ngày bắt đầu", "Bắt đầu nghỉ"),
        ),
        Column(
            "end",
            "Đến ngày",
            required=True,
            is_date=True,
            help=_("The last day of the leave."),
            example="31/07/2025",
            aliases=("Ngày kết thúc", "Kết thúc nghỉ"),
        ),
    ),
)

TRANSFER_COMMENTS = Format(
    kind="transfer_comments",
    sheet="Ý kiến nhận xét",
    title=_("Comments of the former or host unit"),
    columns=(
        _PERSON,
        _NAME,
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            is_code=True,
            help=_("The code of the unit that assesses the person and keeps the comments."),
            example="PT-thanh_hoa",
            aliases=("Mã ĐV", "Ma don vi", "Đơn vị quản lý", "Đơn vị bình xét"),
        ),
        _YEAR,
        Column(
            "kind",
            "Trường hợp",
            required=True,
            help=_(
                "Điều động (the former unit's comments after a transfer) or Biệt phái (the host "
                "unit's comments during a secondment)."
            ),
            example="Điều động",
            aliases=("Loại", "Điều động hay biệt phái", "Loại nhận xét"),
            choices=tuple(COMMENT_KINDS.written.values()),
        ),
        Column(
            "source_unit",
            "Mã đơn vị cũ hoặc nơi biệt phái",
            required=True,
            is_code=True,
            help=_(
                "The code of the court the comments are about: where the person worked before "
                "the transfer, or where they were seconded, during the year."
            ),
            example="PT-nghe_an",
            aliases=("Mã đơn vị cũ", "Đơn vị cũ", "Mã nơi biệt phái", "Đơn vị nhận xét"),
        ),
        Column(
            "given_on",
            "Ngày nhận xét",
            required=True,
            is_date=True,
            help=_("The date of the comments."),
            example="10/04/2025",
            aliases=("Ngày", "Ngày văn bản", "Ngày ký"),
        ),
        Column(
            "summary",
            "Nội dung nhận xét",
            required=True,
            help=_("What the comments say, in short."),
            example="Hoàn thành tốt nhiệm vụ, chấp hành nghiêm kỷ luật, kỷ cương.",
            aliases=("Nhận xét", "Ý kiến nhận xét", "Nội dung"),
        ),
        Column(
            "reference",
            "Số văn bản",
            required=False,
            help=_("The number of the document that gives the comments."),
            example="15/TANDNA-VP",
            aliases=("Số hiệu văn bản", "Văn bản", "Số"),
        ),
        Column(
            "successor",
            "Mã đơn vị kế thừa cho ý kiến",
            required=False,
            is_code=True,
            help=_(
                "Only when the former or host unit no longer exists: the code of its successor, "
                "whose leadership gave the comments (RULES.md §11.4)."
            ),
            example="",
            aliases=("Đơn vị kế thừa", "Mã đơn vị kế thừa"),
        ),
        Column(
            "successor_reason",
            "Lý do đơn vị kế thừa cho ý kiến",
            required=False,
            help=_("Why the successor gives the comments; required with the successor."),
            example="",
            aliases=("Lý do", "Lý do kế thừa"),
        ),
    ),
)

HOLDS = Format(
    kind="holds",
    sheet="Tạm hoãn xét",
    title=_("Legal holds"),
    columns=(
        Column(
            "person",
            "Mã cán bộ",
            required=False,
            is_code=True,
            help=_("The staff code of the person concerned; empty when it is a collective."),
            example="CB00012",
            aliases=("Mã CB", "Mã số cán bộ", "Ma can bo"),
        ),
        Column(
            "collective",
            "Mã tập thể",
            required=False,
            is_code=True,
            help=_("The code of the collective concerned; empty when it is a person."),
            example="",
            aliases=("Mã đơn vị bị xem xét", "Tập thể"),
        ),
        _NAME,
        _UNIT,
        Column(
            "kind",
            "Lý do tạm hoãn",
            required=True,
            help=_(
                "Đang xem xét kỷ luật, Đang điều tra, Đang thanh tra, kiểm tra, Đang giải quyết "
                "khiếu nại, tố cáo, Đang xác minh thông tin báo chí (GEN-06)."
            ),
            example="Đang thanh tra, kiểm tra",
            aliases=("Lý do", "Loại", "Căn cứ tạm hoãn"),
            choices=tuple(HOLD_KINDS.written.values()),
        ),
        Column(
            "opened_on",
            "Từ ngày",
            required=True,
            is_date=True,
            help=_("The day the investigation, inspection or complaint was opened."),
            example="01/09/2025",
            aliases=("Ngày bắt đầu",),
        ),
        Column(
            "closed_on",
            "Đến ngày",
            required=False,
            is_date=True,
            help=_("The day it was concluded; empty while it is still open."),
            example="",
            aliases=("Ngày kết thúc", "Ngày có kết luận"),
        ),
        Column(
            "source_document",
            "Văn bản",
            required=False,
            help=_("The document that opened or closed it."),
            example="Quyết định thanh tra số 5/QĐ-TTr",
            aliases=("Căn cứ", "Số văn bản"),
        ),
    ),
)

UNIT_RATINGS = Format(
    kind="unit_ratings",
    sheet="Xếp loại tập thể",
    title=_("Task completion of units"),
    columns=(
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            is_code=True,
            help=_("The code of the unit (court or department) rated."),
            example="PT-thanh_hoa",
            aliases=("Mã ĐV", "Ma don vi", "Mã tập thể"),
        ),
        _YEAR,
        Column(
            "rating",
            "Xếp loại",
            required=True,
            help=_("HTXSNV, HTTNV, HTNV or KHTNV, written out or abbreviated."),
            example="HTXSNV",
            aliases=("Mức độ hoàn thành nhiệm vụ", "Xếp loại chất lượng", "Xep loai"),
            choices=tuple(RATINGS.written.values()),
        ),
        Column(
            "source",
            "Nguồn xếp loại",
            required=False,
            help=_(
                "Where the rating came from (COL-02): Chấm điểm thi đua, Cấp trên đánh giá, "
                "Tổ chức Đảng xếp loại, Khác."
            ),
            example="Cấp trên đánh giá",
            aliases=("Nguồn", "Căn cứ xếp loại"),
            choices=tuple(SOURCES.written.values()),
        ),
    ),
)

CHAIN = Format(
    kind="chain",
    sheet="Quyết định chuỗi danh hiệu",
    title=_("Chain overrides after mergers"),
    columns=(
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            is_code=True,
            help=_("The successor unit the decision is about."),
            example="PT-hai_phong",
            aliases=("Mã ĐV", "Đơn vị kế thừa"),
        ),
        Column(
            "title",
            "Danh hiệu",
            required=True,
            help=_("The emulation title of the chain, as written in your lists."),
            example="Tập thể lao động xuất sắc",
            aliases=("Danh hiệu thi đua",),
        ),
        _YEAR,
        Column(
            "held",
            "Được tính là đạt",
            required=True,
            help=_("Có: the successor holds the title for that year; Không: it does not."),
            example="Có",
            aliases=("Được tính", "Tính vào chuỗi"),
            choices=tuple(YES_NO.written.values()),
        ),
        Column(
            "reason",
            "Lý do",
            required=True,
            help=_("Why (RULES.md §11.3: a named user's decision with its reason)."),
            example="Đơn vị tiền thân sáp nhập toàn bộ",
            aliases=("Lý do quyết định",),
        ),
        Column(
            "reference",
            "Văn bản căn cứ",
            required=True,
            help=_("The document the decision rests on."),
            example="Công văn 45/TANDTC-TĐKT",
            aliases=("Văn bản", "Căn cứ"),
        ),
    ),
)

FORMATS: dict[str, Format] = {
    f.kind: f
    for f in (DISCIPLINE, INITIATIVES, LEAVE, TRANSFER_COMMENTS, HOLDS, UNIT_RATINGS, CHAIN)
}
