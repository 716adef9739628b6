"""The kinds `documents` issues itself, composed from a form by the emulation office.

Higher apps (meetings, movements, awards) register their own kinds in their `doc_kinds.py`, reusing
these content dataclasses and filling them from their models (docs/architecture.md, "Documents").
"""

# ruff: noqa: RUF009  (text(), lines(), signer() … return dataclasses.field(); ruff cannot see it)

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from tdkt.core.text import vnd_in_words
from tdkt.documents.content import (
    AdministrativeContent,
    Signature,
    lines,
    number,
    signer,
    table,
    text,
)
from tdkt.documents.docx_layout import TEXT_WIDTH_MM, DocxLayout, fix_widths
from tdkt.documents.registry import DocumentKind, register
from tdkt.documents.vietnamese import vnd

# ---- rows of the lists ---------------------------------------------------------------------


@dataclass(kw_only=True)
class AwardRow:
    """A line of a decision's list: who, their position and unit, the prize."""

    name: str = text(_("name"))
    detail: str = text(_("position and unit"))
    amount_vnd: int = number(_("prize (đồng)"))


@dataclass(kw_only=True)
class ProposalRow:
    """A line of a submission's attached list."""

    name: str = text(_("name"))
    detail: str = text(_("position and unit"))
    form: str = text(_("title or form proposed"))
    achievement: str = text(_("achievement"))


@dataclass(kw_only=True)
class TallyRow:
    name: str = text(_("candidate"))
    detail: str = text(_("position and unit"))
    votes: int = number(_("votes in favour"))


@dataclass(kw_only=True)
class PledgeParty:
    unit: str = text(_("unit"))
    title: str = text(_("representative's title"))
    name: str = text(_("representative"))


@dataclass(kw_only=True)
class HonourRow:
    year: str = text(_("year"))
    title: str = text(_("title or form"))
    decision: str = text(_("decision number, date and issuing body"))


# ---- contents ------------------------------------------------------------------------------


@dataclass(kw_only=True)
class DecisionContent(AdministrativeContent):
    """Quyết định khen thưởng, with its list and the prize money in figures and words."""

    summary: str = text(_("summary"), default="Về việc tặng Giấy khen")
    authority: str = text(_("competent authority"), help_text="CHÁNH ÁN TÒA ÁN NHÂN DÂN …")
    recitals: list[str] = lines(_("legal bases"), help_text=_("One legal basis a line."))
    award_text: str = text(_("Article 1"), lines=3)
    achievement: str = text(_("achievement"), lines=2)
    funding: str = text(_("funding of the prizes"), lines=2)
    execution: str = text(_("Article 3 (who carries it out)"), lines=2)
    list_title: str = text(_("title of the attached list"), default="DANH SÁCH KHEN THƯỞNG")
    rows: list[AwardRow] = table(_("list"))
    signer: Signature = signer(_("signature"))


@dataclass(kw_only=True)
class SubmissionContent(AdministrativeContent):
    """Tờ trình đề nghị khen thưởng with its attached list."""

    summary: str = text(_("summary"), default="Về việc đề nghị khen thưởng")
    addressee: str = text(_("addressed to"))
    recitals: list[str] = lines(_("legal bases"), help_text=_("One legal basis a line."))
    body: list[str] = lines(_("body"), help_text=_("One paragraph a line."))
    request: str = text(_("request"), lines=3)
    list_title: str = text(_("title of the attached list"), default="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")
    rows: list[ProposalRow] = table(_("list"))
    signer: Signature = signer(_("signature"))


@dataclass(kw_only=True)
class ConferenceMinutesContent(AdministrativeContent):
    """Biên bản hội nghị: when and where, who, what was said and decided."""

    summary: str = text(_("summary"), default="Hội nghị tổng kết công tác thi đua, khen thưởng")
    opening: str = text(_("time and place"), lines=2)
    attendance: list[str] = lines(_("attendance"), help_text=_("One line each."))
    proceedings: list[str] = lines(_("proceedings"), help_text=_("One paragraph a line."))
    conclusion: str = text(_("conclusion"), lines=3)
    closing: str = text(_("closing"), lines=2)
    secretary: Signature = signer(_("secretary"))
    chair: Signature = signer(_("presiding officer"))


@dataclass(kw_only=True)
class TallyMinutesContent(AdministrativeContent):
    """Biên bản kiểm phiếu: the committee, the ballots, the votes of each candidate."""

    summary: str = text(_("summary"), default="Kiểm phiếu bầu Chiến sĩ thi đua cơ sở")
    opening: str = text(_("time and place"), lines=2)
    committee: list[str] = lines(_("vote-counting committee"), help_text=_("One member a line."))
    members_total: int = number(_("members summoned"))
    ballots_issued: int = number(_("ballots issued"))
    ballots_received: int = number(_("ballots received"))
    ballots_valid: int = number(_("valid ballots"))
    ballots_invalid: int = number(_("invalid ballots"))
    rows: list[TallyRow] = table(_("result"))
    conclusion: str = text(_("conclusion"), lines=3)
    head: Signature = signer(_("head teller"))
    member: Signature = signer(_("committee member"))


@dataclass(kw_only=True)
class PledgeContent(AdministrativeContent):
    """Giao ước thi đua, with the signature table of the units."""

    summary: str = text(_("summary"), default="Thi đua năm")
    preamble: list[str] = lines(_("preamble"), help_text=_("One paragraph a line."))
    articles: list[str] = lines(_("pledges"), help_text=_("One pledge a line."))
    closing: str = text(_("closing"), lines=2)
    parties: list[PledgeParty] = table(_("signatories"))


@dataclass(kw_only=True)
class AchievementReportContent(AdministrativeContent):
    """Báo cáo thành tích, in the shape of the current decree's templates."""

    summary: str = text(_("proposed for"), default="ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ")
    subject: str = text(_("person or collective"))
    profile: list[str] = lines(
        _("profile"), help_text=_('One item a line, e.g. "Sinh ngày: 12/5/1985".')
    )
    duties: list[str] = lines(_("duties"), help_text=_("One paragraph a line."))
    achievements: list[str] = lines(_("achievements"), help_text=_("One paragraph a line."))
    titles: list[HonourRow] = table(_("emulation titles received"))
    forms: list[HonourRow] = table(_("commendations received"))
    confirmer: Signature = signer(_("confirmed by"))
    reporter: Signature = signer(_("reported by"))


@dataclass(kw_only=True)
class CertificateContent(AdministrativeContent):
    """Giấy khen or the CSTĐCS certificate (REFERENCE §9.2)."""

    authority: str = text(_("title of the deciding official"))
    award: str = text(_("form or title"), default="GIẤY KHEN")
    recipient: str = text(_("recipient"))
    detail: str = text(_("position and unit"))
    achievement: str = text(_("achievement"), lines=2)
    decision_ref: str = text(_("decision"), help_text="Quyết định số 12/QĐ-TA ngày 05/3/2026")
    register_number: str = text(_("golden register number"))
    signer: Signature = signer(_("signature"))


# ---- kinds ---------------------------------------------------------------------------------


def _recitals(layout: DocxLayout) -> None:
    layout.loop("line", "recitals", "{{ line }}", italic=True, indent=True)


@register
class AwardDecision(DocumentKind):
    code = "documents.award_decision"
    label = _("Award decision")
    doc_type = "QĐ"
    title = "QUYẾT ĐỊNH"
    content_class = DecisionContent
    html_template = "documents/pdf/decision.html"

    def extra_context(self, content: Any) -> dict[str, Any]:
        total = sum(row.amount_vnd for row in content.rows)
        return {
            "total_vnd": total,
            "total_figures": vnd(total),
            "total_words": vnd_in_words(total),
            "row_count": f"{len(content.rows):02d}",
        }

    def build_template(self, layout: DocxLayout) -> None:
        layout.header()
        layout.heading("QUYẾT ĐỊNH", "{{ summary }}")
        layout.para("{{ authority|upper }}", bold=True, align="center", after=12)
        _recitals(layout)
        layout.para("QUYẾT ĐỊNH:", bold=True, align="center", before=6)
        layout.para("Điều 1. {{ award_text }}", indent=True)
        layout.para("{{ achievement }}", indent=True)
        layout.para(
            "Điều 2. Tổng số tiền thưởng: {{ total_figures }} đồng (Bằng chữ: {{ total_words }}). "
            "{{ funding }}",
            indent=True,
        )
        layout.para("Điều 3. {{ execution }}", indent=True)
        layout.closing("signer")
        layout.page_break()
        layout.para("{{ list_title|upper }}", bold=True, align="center", after=0)
        layout.para(
            "(Kèm theo Quyết định số {{ number }} {{ date_words }} của {{ authority }})",
            italic=True,
            align="center",
            after=12,
        )
        layout.grid(
            ["STT", "Họ và tên", "Chức vụ, đơn vị", "Số tiền (đồng)"],
            "rows",
            ["{{ loop.index }}", "{{ row.name }}", "{{ row.detail }}", "{{ row.amount_vnd|vnd }}"],
            widths=[12, 50, 70, TEXT_WIDTH_MM - 132],
            aligns=["center", "left", "left", "right"],
        )
        layout.para(
            "Tổng cộng: {{ row_count }} khen thưởng; {{ total_figures }} đồng "
            "(Bằng chữ: {{ total_words }}).",
            bold=True,
            size=13,
        )


@register
class AwardSubmission(DocumentKind):
    code = "documents.award_submission"
    label = _("Award submission")
    doc_type = "TTr"
    title = "TỜ TRÌNH"
    content_class = SubmissionContent
    html_template = "documents/pdf/submission.html"

    def extra_context(self, content: Any) -> dict[str, Any]:
        return {"row_count": f"{len(content.rows):02d}"}

    def build_template(self, layout: DocxLayout) -> None:
        layout.header()
        layout.heading("TỜ TRÌNH", "{{ summary }}")
        layout.para("Kính gửi: {{ addressee }}", align="center", after=12)
        _recitals(layout)
        layout.loop("paragraph", "body", "{{ paragraph }}", indent=True)
        layout.para("{{ request }}", indent=True)
        layout.para("Kính trình {{ addressee }} xem xét, quyết định./.", indent=True)
        layout.closing("signer")
        layout.page_break()
        layout.para("{{ list_title|upper }}", bold=True, align="center", after=0)
        layout.para(
            "(Kèm theo Tờ trình số {{ number }} {{ date_words }} của {{ issuer.name }})",
            italic=True,
            align="center",
            after=12,
        )
        layout.grid(
            ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức đề nghị", "Thành tích"],
            "rows",
            [
                "{{ loop.index }}",
                "{{ row.name }}",
                "{{ row.detail }}",
                "{{ row.form }}",
                "{{ row.achievement }}",
            ],
            widths=[12, 38, 45, 32, TEXT_WIDTH_MM - 127],
            aligns=["center", "left", "left", "left", "left"],
        )
        layout.para("Tổng cộng: {{ row_count }} đề nghị.", bold=True, size=13)


@register
class ConferenceMinutes(DocumentKind):
    code = "documents.conference_minutes"
    label = _("Conference minutes")
    doc_type = "BB"
    title = "BIÊN BẢN"
    content_class = ConferenceMinutesContent
    html_template = "documents/pdf/conference_minutes.html"

    def build_template(self, layout: DocxLayout) -> None:
        layout.header()
        layout.heading("BIÊN BẢN", "{{ summary }}")
        layout.para("{{ opening }}", indent=True)
        layout.para("I. THÀNH PHẦN THAM DỰ", bold=True)
        layout.loop("line", "attendance", "{{ line }}", indent=True)
        layout.para("II. NỘI DUNG HỘI NGHỊ", bold=True)
        layout.loop("paragraph", "proceedings", "{{ paragraph }}", indent=True)
        layout.para("III. KẾT LUẬN", bold=True)
        layout.para("{{ conclusion }}", indent=True)
        layout.para("{{ closing }}", indent=True)
        layout.two_signatures("secretary", "chair")


def _share(votes: int, total: int) -> str:
    if not total:
        return ""
    share = (Decimal(votes) * 100 / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{share}%".replace(".", ",")


@register
class TallyMinutes(DocumentKind):
    code = "documents.tally_minutes"
    label = _("Vote-count record")
    doc_type = "BB"
    title = "BIÊN BẢN KIỂM PHIẾU"
    content_class = TallyMinutesContent
    html_template = "documents/pdf/tally_minutes.html"

    def extra_context(self, content: Any) -> dict[str, Any]:
        return {
            "results": [
                {
                    "name": row.name,
                    "detail": row.detail,
                    "votes": row.votes,
                    "share": _share(row.votes, content.members_total),
                }
                for row in content.rows
            ]
        }

    def build_template(self, layout: DocxLayout) -> None:
        layout.header()
        layout.heading("BIÊN BẢN KIỂM PHIẾU", "{{ summary }}")
        layout.para("{{ opening }}", indent=True)
        layout.para("1. Ban kiểm phiếu gồm:", bold=True)
        layout.loop("line", "committee", "{{ line }}", indent=True)
        layout.para("2. Kết quả kiểm phiếu:", bold=True)
        layout.para("- Tổng số thành viên được triệu tập: {{ members_total }};", indent=True)
        layout.para(
            "- Số phiếu phát ra: {{ ballots_issued }}; số phiếu thu về: {{ ballots_received }};",
            indent=True,
        )
        layout.para(
            "- Số phiếu hợp lệ: {{ ballots_valid }}; số phiếu không hợp lệ: {{ ballots_invalid }}.",
            indent=True,
        )
        layout.grid(
            ["STT", "Họ và tên", "Chức vụ, đơn vị", "Số phiếu đồng ý", "Tỷ lệ"],
            "results",
            [
                "{{ loop.index }}",
                "{{ row.name }}",
                "{{ row.detail }}",
                "{{ row.votes }}",
                "{{ row.share }}",
            ],
            widths=[12, 45, 55, 28, TEXT_WIDTH_MM - 140],
            aligns=["center", "left", "left", "center", "center"],
        )
        layout.para("{{ conclusion }}", indent=True)
        layout.two_signatures("member", "head")


@register
class EmulationPledge(DocumentKind):
    code = "documents.pledge"
    label = _("Emulation pledge")
    doc_type = ""
    title = "GIAO ƯỚC THI ĐUA"
    content_class = PledgeContent
    html_template = "documents/pdf/pledge.html"
    numbered = False

    def build_template(self, layout: DocxLayout) -> None:
        layout.header(number=False)
        layout.heading("GIAO ƯỚC THI ĐUA", "{{ summary }}")
        layout.loop("paragraph", "preamble", "{{ paragraph }}", indent=True)
        layout.loop("line", "articles", "{{ loop.index }}. {{ line }}", indent=True)
        layout.para("{{ closing }}", indent=True)
        layout.para("ĐẠI DIỆN CÁC ĐƠN VỊ KÝ GIAO ƯỚC", bold=True, align="center", before=6)
        layout.grid(
            ["STT", "Đơn vị", "Đại diện", "Ký tên"],
            "parties",
            ["{{ loop.index }}", "{{ row.unit }}", "{{ row.title }}\n{{ row.name }}", ""],
            widths=[14, 66, 50, TEXT_WIDTH_MM - 130],
            aligns=["center", "left", "left", "left"],
            size=13,
            row_height=20,
        )


class _AchievementReport(DocumentKind):
    doc_type = "BC"
    title = "BÁO CÁO THÀNH TÍCH"
    content_class = AchievementReportContent
    numbered = False
    profile_heading = ""
    duties_heading = ""
    achievements_heading = ""

    def extra_context(self, content: Any) -> dict[str, Any]:
        return {
            "summary": content.summary.upper(),  # the report's subtitle is in capitals
            "profile_heading": self.profile_heading,
            "duties_heading": self.duties_heading,
            "achievements_heading": self.achievements_heading,
        }

    def build_template(self, layout: DocxLayout) -> None:
        layout.header(number=False)
        layout.heading("BÁO CÁO THÀNH TÍCH", "{{ summary|upper }}")
        layout.para("{{ subject }}", bold=True, align="center", after=12)
        layout.para("I. {{ profile_heading }}", bold=True)
        layout.loop("line", "profile", "{{ line }}", indent=True)
        layout.para("II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True)
        layout.para("1. {{ duties_heading }}", bold=True, italic=True)
        layout.loop("paragraph", "duties", "{{ paragraph }}", indent=True)
        layout.para("2. {{ achievements_heading }}", bold=True, italic=True)
        layout.loop("paragraph", "achievements", "{{ paragraph }}", indent=True)
        layout.para("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True)
        headers = [
            "Năm",
            "Danh hiệu thi đua",
            "Số, ngày, tháng, năm của quyết định; cơ quan ban hành",
        ]
        layout.para("1. Danh hiệu thi đua", bold=True, italic=True)
        cells = ["{{ row.year }}", "{{ row.title }}", "{{ row.decision }}"]
        widths = [20, 60, TEXT_WIDTH_MM - 80]
        layout.grid(headers, "titles", cells, widths=widths, aligns=["center", "left", "left"])
        layout.para("2. Hình thức khen thưởng", bold=True, italic=True)
        headers[1] = "Hình thức khen thưởng"
        layout.grid(headers, "forms", cells, widths=widths, aligns=["center", "left", "left"])
        layout.two_signatures("confirmer", "reporter")


@register
class IndividualAchievementReport(_AchievementReport):
    code = "documents.achievement_individual"
    label = _("Achievement report (individual)")
    html_template = "documents/pdf/achievement_report.html"
    profile_heading = "SƠ LƯỢC LÝ LỊCH"
    duties_heading = "Quyền hạn, nhiệm vụ được giao hoặc đảm nhận"
    achievements_heading = "Thành tích đạt được của cá nhân"


@register
class CollectiveAchievementReport(_AchievementReport):
    code = "documents.achievement_collective"
    label = _("Achievement report (collective)")
    html_template = "documents/pdf/achievement_report.html"
    profile_heading = "SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"
    duties_heading = "Chức năng, nhiệm vụ được giao; tổ chức bộ máy"
    achievements_heading = "Thành tích đạt được của tập thể"


RED = "C00000"  # the deciding official's title and the award print in red (REFERENCE §9.2)


class _Certificate(DocumentKind):
    doc_type = ""
    content_class = CertificateContent
    html_template = "documents/pdf/certificate.html"
    landscape = True
    numbered = False
    gives = "TẶNG"

    def extra_context(self, content: Any) -> dict[str, Any]:
        return {"gives": self.gives}

    def summary(self, content: Any) -> str:
        return f"{content.award} — {content.recipient}"

    def build_template(self, layout: DocxLayout) -> None:
        layout.para(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            size=14,
            bold=True,
            align="center",
            after=0,
            before=36,
        )
        layout.para("Độc lập - Tự do - Hạnh phúc", size=14, bold=True, align="center", after=18)
        layout.para("{{ authority|upper }}", size=18, bold=True, align="center", after=6, color=RED)
        layout.para("{{ gives }}", size=16, bold=True, align="center", after=6)
        layout.para("{{ award|upper }}", size=30, bold=True, align="center", after=12, color=RED)
        layout.para("{{ recipient }}", size=22, bold=True, italic=True, align="center", after=6)
        layout.para("{{ detail }}", size=16, align="center", after=6)
        layout.para("{{ achievement }}", size=16, italic=True, align="center", after=18)
        sig = DocxLayout.signature_cell
        table = layout.doc.add_table(rows=1, cols=2)
        fix_widths(table, (128, 129))
        left, right = table.rows[0].cells
        layout.para(
            "{{ decision_ref }}",
            size=13,
            bold=True,
            italic=True,
            align="left",
            after=0,
            cell=left,
            first=True,
            before=12,
        )
        layout.para(
            "Số sổ vàng: {{ register_number }}",
            size=13,
            bold=True,
            italic=True,
            align="left",
            after=0,
            cell=left,
        )
        layout.para(
            "{{ date_line }}", size=14, italic=True, align="center", after=0, cell=right, first=True
        )
        sig(layout, right, "signer", first=False)


@register
class CommendationCertificate(_Certificate):
    code = "documents.commendation_certificate"
    label = _("Certificate of Commendation (Giấy khen)")
    title = "GIẤY KHEN"


@register
class EmulationFighterCertificate(_Certificate):
    code = "documents.grassroots_fighter_certificate"
    label = _("Grassroots Emulation Fighter certificate")
    title = "CHIẾN SĨ THI ĐUA CƠ SỞ"
    gives = "TẶNG DANH HIỆU"
