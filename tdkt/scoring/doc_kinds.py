"""The cluster's year-end report (báo cáo tổng kết) with its ranking table and chart."""

# ruff: noqa: RUF009  (text(), lines(), table() return dataclasses.field(); ruff cannot see it)

from __future__ import annotations

import base64
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markupsafe import Markup

from tdkt.documents.content import (
    AdministrativeContent,
    Signature,
    lines,
    number,
    signer,
    table,
    text,
)
from tdkt.documents.docx_layout import TEXT_WIDTH_MM, DocxLayout
from tdkt.documents.registry import DocumentKind, register
from tdkt.movements.doc_kinds import cluster_name, pledge_issuer
from tdkt.movements.queries import signing_status
from tdkt.scoring.charts import ChartRow, ranking_svg
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.queries import scoreboard

BAR_PT = 190  # the longest bar of the Word chart, in points (the column is 92 mm)
FINAL_COLOUR = "#1f4e79"  # the final-score colour of `charts.ranking_svg`


@dataclass(kw_only=True)
class RankingLine:
    rank: int = number(_("rank"))
    unit: str = text(_("member unit"))
    self_total: str = text(_("self-score"))
    peer_total: str = text(_("peer score"))
    final_total: str = text(_("final score"))
    band: str = text(_("classification"))


@dataclass(kw_only=True)
class YearReportContent(AdministrativeContent):
    """Báo cáo tổng kết of a cluster term: the year in brief, the ranking and its chart."""

    summary: str = text(_("summary"), default="Tổng kết phong trào thi đua năm")
    overview: list[str] = lines(_("the year in brief"), help_text=_("One paragraph a line."))
    max_total: str = text(_("maximum points"))
    rows: list[RankingLine] = table(_("ranking"))
    conclusion: list[str] = lines(_("conclusion"), help_text=_("One paragraph a line."))
    signer: Signature = signer(_("signature"))


def points(value: Decimal) -> str:
    """85.5 → "85,50": two decimals, a decimal comma."""
    return f"{value:.2f}".replace(".", ",")


def _decimal(shown: str) -> Decimal:
    return Decimal(shown.replace(",", ".") or 0)


def word_bar(value: Decimal, top: Decimal) -> Markup:
    """A bar drawn by Word itself (a VML rectangle, no image part needed) inside a table cell.

    docxtpl writes a `Markup` value as it is, so the value closes the run it stands in, adds a
    run holding the shape and opens a run for the text after it, as docxtpl's InlineImage does.
    """
    width = float(max(value, Decimal(0)) / top) * BAR_PT if top > 0 else 0.0
    return Markup(  # noqa: S704  (only a float and constants are interpolated)
        "</w:t></w:r>"
        f'<w:r><w:pict><v:rect style="width:{width:.1f}pt;height:7pt" fillcolor="{FINAL_COLOUR}" '
        'stroked="f"/></w:pict></w:r>'
        '<w:r><w:rPr><w:sz w:val="22"/></w:rPr><w:t xml:space="preserve">'
    )


def _day(value: Any) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


@register
class ClusterYearReport(DocumentKind):
    code = "scoring.year_report"
    label = _("Cluster's year-end report with its ranking")
    doc_type = "BC"
    title = "BÁO CÁO"
    content_class = YearReportContent
    html_template = "scoring/pdf/year_report.html"

    def content_for(self, scoring_round: ScoringRound) -> YearReportContent:
        """The year from the round: members, the pledge's signatures, statistics, ranking."""
        pledge = scoring_round.pledge
        term = pledge.term
        board = scoreboard(scoring_round)
        signing = signing_status(pledge)
        signed = [r for r in signing if r.signature]
        with_figures = [r for r in board.rows if r.figures.has_data]
        missing = [r.unit.name for r in board.rows if not r.figures.has_data]
        overview = [
            f"Năm {pledge.year}, {term.name} có {len(board.rows)} đơn vị thành viên; đơn vị "
            f"Trưởng Cụm: {term.head_unit.name if term.head_unit else '—'}"
            + (f"; đơn vị Phó Trưởng Cụm: {term.deputy_unit.name}." if term.deputy_unit else "."),
            f"Giao ước thi đua năm {pledge.year} đã được {len(signed)}/{len(signing)} đơn vị "
            "ký" + (f", hoàn thành ngày {_day(pledge.locked_at)}." if pledge.locked_at else "."),
            f"Số liệu thống kê năm {pledge.year}: {len(with_figures)}/{len(board.rows)} đơn vị "
            "có số liệu" + (f" (chưa có: {'; '.join(missing)})." if missing else "."),
            f"Chấm điểm theo {scoring_round.sheet}: mỗi đơn vị tự chấm, chấm chéo các đơn vị "
            "khác; Cụm thống nhất điểm chính thức"
            + (
                f", công bố ngày {_day(scoring_round.published_at)}."
                if scoring_round.is_locked
                else " (kết quả tạm thời, chưa công bố)."
            ),
        ]
        leader = board.rows[0] if board.rows else None
        conclusion = (
            [
                f"Đơn vị dẫn đầu {term.name} năm {pledge.year}: {leader.unit.name}, "
                f"{points(leader.final_total)} điểm ({leader.band}).",
                "Cụm thi đua báo cáo kết quả trên để Hội đồng Thi đua - Khen thưởng Tòa án nhân "
                "dân tối cao xem xét, làm căn cứ bình xét khen thưởng.",
            ]
            if leader
            else []
        )
        head_signature = next(
            (r.signature for r in signed if term.head_unit and r.unit.pk == term.head_unit.pk),
            None,
        )
        return YearReportContent(
            issuer=pledge_issuer(pledge),
            issued_on=timezone.localdate(),
            summary=f"Tổng kết phong trào thi đua năm {pledge.year} của {term.name}",
            overview=overview,
            max_total=points(board.max_total),
            rows=[
                RankingLine(
                    rank=r.rank,
                    unit=r.unit.name,
                    self_total=points(r.self_total),
                    peer_total=points(r.peer_total),
                    final_total=points(r.final_total),
                    band=r.band,
                )
                for r in board.rows
            ],
            conclusion=conclusion,
            signer=Signature(
                authority="TM.",
                on_behalf_of=cluster_name(pledge),
                title="Trưởng Cụm",
                name=head_signature.signer_name if head_signature else "",
            ),
            recipients=[
                "- Vụ Thi đua - Khen thưởng Tòa án nhân dân tối cao;",
                "- Các đơn vị thành viên Cụm;",
                "- Lưu: VT, Cụm thi đua.",
            ],
        )

    def extra_context(self, content: Any) -> dict[str, Any]:
        """The chart: an SVG image for the PDF, a bar drawn by Word per row for the .docx."""
        chart_rows = [
            ChartRow(
                r.rank,
                r.unit,
                _decimal(r.self_total),
                _decimal(r.peer_total),
                _decimal(r.final_total),
            )
            for r in content.rows
        ]
        top = max([_decimal(content.max_total), *(c.final_total for c in chart_rows)])
        svg = ranking_svg(chart_rows, max_total=top, title=content.summary)
        return {
            "chart_src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
            "bars": [
                {"line": r, "bar": word_bar(c.final_total, top)}
                for r, c in zip(content.rows, chart_rows, strict=True)
            ],
        }

    def build_template(self, layout: DocxLayout) -> None:
        layout.header()
        layout.heading("BÁO CÁO", "{{ summary }}")
        layout.para("I. TÌNH HÌNH CHUNG", bold=True)
        layout.loop("paragraph", "overview", "{{ paragraph }}", indent=True)
        layout.para("II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG", bold=True)
        layout.para(
            "Điểm tối đa {{ max_total }} điểm, chưa kể điểm thưởng và điểm trừ.", indent=True
        )
        layout.grid(
            ["Hạng", "Đơn vị", "Tự chấm", "Chấm chéo", "Chính thức", "Xếp loại"],
            "rows",
            [
                "{{ row.rank }}",
                "{{ row.unit }}",
                "{{ row.self_total }}",
                "{{ row.peer_total }}",
                "{{ row.final_total }}",
                "{{ row.band }}",
            ],
            widths=[15, 52, 22, 22, 22, TEXT_WIDTH_MM - 133],
            aligns=["center", "left", "right", "right", "right", "left"],
        )
        layout.para("Biểu đồ xếp hạng (điểm chính thức)", bold=True, align="center", after=0)
        layout.grid(
            ["Hạng", "Đơn vị", "Điểm chính thức"],
            "bars",
            [
                "{{ row.line.rank }}",
                "{{ row.line.unit }}",
                "{{ row.bar }} {{ row.line.final_total }}",
            ],
            widths=[15, 58, TEXT_WIDTH_MM - 73],
            aligns=["center", "left", "left"],
            size=11,
        )
        layout.para("III. KẾT LUẬN", bold=True)
        layout.loop("paragraph", "conclusion", "{{ paragraph }}", indent=True)
        layout.closing("signer")
