"""The three import formats: their columns, the header spellings accepted, and the guide text.

Headers are the file format, so they are Vietnamese literals; the guide is translatable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tdkt.org.io.values import GENDERS, JUDGE, KINDS, LEVELS, key


@dataclass(frozen=True)
class Column:
    name: str  # the field it feeds
    header: str  # as written in the template and exports
    required: bool
    help: Promise
    example: str
    aliases: tuple[str, ...] = ()
    is_date: bool = False
    is_code: bool = False  # written as text, so Excel keeps leading zeros
    choices: tuple[str, ...] = ()

    def header_keys(self) -> set[str]:
        return {key(self.header), *(key(a) for a in self.aliases)}


@dataclass(frozen=True)
class Format:
    kind: str  # "units", "people", "employment"
    sheet: str  # the first sheet's name in templates and exports
    title: Promise
    columns: tuple[Column, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


_DATE_HELP = _("A date: 14/10/2022, 5/3/2026, 2022-10-14 or an Excel date cell.")

_NOTE = Column(
    "note",
    "Ghi chú",
    required=False,
    help=_("Free text."),
    example="",
    aliases=("Ghi chu", "Note"),
)


UNITS = Format(
    kind="units",
    sheet="Đơn vị",
    title=_("Units"),
    columns=(
        Column(
            "code",
            "Mã đơn vị",
            required=True,
            is_code=True,
            help=_(
                "The unit's code, unique in the registry. A code already there updates that unit."
            ),
            example="TAND-HN",
            aliases=("Mã ĐV", "Ma don vi", "Mã số đơn vị", "Mã"),
        ),
        Column(
            "name",
            "Tên đơn vị",
            required=True,
            help=_("The official name, e.g. Tòa án nhân dân thành phố Hà Nội."),
            example="Tòa án nhân dân thành phố Hà Nội",
            aliases=("Tên ĐV", "Ten don vi", "Tên", "Tên tòa án"),
        ),
        Column(
            "level",
            "Cấp",
            required=True,
            help=_(
                "The level: Tòa án nhân dân tối cao, cấp cao, cấp tỉnh, khu vực, cấp huyện or "
                "phòng/ban. Variants such as TANDTC, TAND cấp tỉnh, tỉnh, KV or phòng are accepted."
            ),
            example="cấp tỉnh",
            aliases=("Cấp đơn vị", "Cấp tòa án", "Loại đơn vị", "Cap"),
            choices=tuple(LEVELS.written.values()),
        ),
        Column(
            "parent",
            "Đơn vị cấp trên",
            required=False,
            is_code=True,
            help=_(
                "The parent unit's code: a unit in the registry or in an earlier or later row of "
                "this file."
            ),
            example="TANDTC",
            aliases=("Mã đơn vị cấp trên", "Mã ĐV cấp trên", "Cấp trên", "Don vi cap tren"),
        ),
        Column(
            "province",
            "Tỉnh/thành phố",
            required=False,
            help=_(
                "The province's code or name, with or without “tỉnh”, “thành phố” or “TP.”; "
                "TP.HCM, TT Huế, BR-VT and similar short forms are accepted."
            ),
            example="Hà Nội",
            aliases=(
                "Tỉnh / Thành phố",
                "Tỉnh, thành phố",
                "Tỉnh",
                "Tỉnh/TP",
                "Mã tỉnh",
                "Tỉnh thành",
            ),
        ),
        Column(
            "valid_from",
            "Hiệu lực từ",
            required=False,
            is_date=True,
            help=_DATE_HELP,
            example="",
            aliases=("Hiệu lực từ ngày", "Từ ngày", "Ngày thành lập"),
        ),
        Column(
            "valid_to",
            "Hiệu lực đến",
            required=False,
            is_date=True,
            help=_("The unit's last day, empty while it exists. Not before “Hiệu lực từ”."),
            example="",
            aliases=("Hiệu lực đến ngày", "Đến ngày", "Ngày giải thể"),
        ),
        _NOTE,
    ),
)

_PERSON_CODE_ALIASES = ("Mã CB", "Ma can bo", "Mã số cán bộ", "Mã nhân sự", "Mã công chức")

PEOPLE = Format(
    kind="people",
    sheet="Cán bộ",
    title=_("People"),
    columns=(
        Column(
            "code",
            "Mã cán bộ",
            required=True,
            is_code=True,
            help=_("The staff code, unique. A code already there updates that person."),
            example="CB0001",
            aliases=(*_PERSON_CODE_ALIASES, "Mã số", "Mã"),
        ),
        Column(
            "full_name",
            "Họ và tên",
            required=True,
            help=_("Family name, middle names and given name."),
            example="Nguyễn Văn An",
            aliases=("Họ tên", "Ho va ten", "Họ và tên cán bộ", "Tên cán bộ"),
        ),
        Column(
            "gender",
            "Giới tính",
            required=False,
            help=_("Nam or Nữ."),
            example="Nam",
            aliases=("Giới", "Gioi tinh"),
            choices=tuple(GENDERS.written.values()),
        ),
        Column(
            "birth_date",
            "Ngày sinh",
            required=False,
            is_date=True,
            help=_DATE_HELP,
            example="14/10/1980",
            aliases=("Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Ngay sinh"),
        ),
        Column(
            "recruited_on",
            "Ngày tuyển dụng",
            required=False,
            is_date=True,
            help=_DATE_HELP,
            example="01/09/2005",
            aliases=("Ngày vào ngành", "Ngày tuyển", "Ngay tuyen dung"),
        ),
        _NOTE,
    ),
)

EMPLOYMENT = Format(
    kind="employment",
    sheet="Quá trình công tác",
    title=_("Employment"),
    columns=(
        Column(
            "person",
            "Mã cán bộ",
            required=True,
            is_code=True,
            help=_("The person's staff code; the person must exist (import people first)."),
            example="CB0001",
            aliases=_PERSON_CODE_ALIASES,
        ),
        Column(
            "unit",
            "Mã đơn vị",
            required=True,
            is_code=True,
            help=_("The unit's code in the registry."),
            example="TAND-HN",
            aliases=("Mã ĐV", "Ma don vi", "Mã số đơn vị"),
        ),
        Column(
            "position",
            "Chức vụ",
            required=True,
            help=_("The position held, e.g. Chánh án, Thẩm phán, Thư ký."),
            example="Thẩm phán",
            aliases=("Chức danh", "Chức vụ, chức danh", "Chuc vu"),
        ),
        Column(
            "is_judge",
            "Thẩm phán",
            required=False,
            help=_("Có (or x) if the person is a judge in this post, Không or empty if not."),
            example="Có",
            aliases=("Là thẩm phán", "Tham phan"),
            choices=tuple(JUDGE.written.values()),
        ),
        Column(
            "kind",
            "Hình thức",
            required=False,
            help=_("bổ nhiệm (the default when empty), điều động or biệt phái."),
            example="bổ nhiệm",
            aliases=("Hình thức công tác", "Loại", "Hinh thuc"),
            choices=tuple(KINDS.written.values()),
        ),
        Column(
            "start",
            "Từ ngày",
            required=True,
            is_date=True,
            help=_(
                "The first day. A row with the same person, unit and first day as an existing "
                "period updates that period."
            ),
            example="14/10/2022",
            aliases=("Ngày bắt đầu", "Từ", "Tu ngay"),
        ),
        Column(
            "end",
            "Đến ngày",
            required=False,
            is_date=True,
            help=_("The last day, empty while the period lasts. Not before “Từ ngày”."),
            example="",
            aliases=("Ngày kết thúc", "Đến", "Den ngay"),
        ),
        _NOTE,
    ),
)

FORMATS: dict[str, Format] = {f.kind: f for f in (UNITS, PEOPLE, EMPLOYMENT)}
