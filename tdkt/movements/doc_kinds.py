"""The pledge of a cluster term as a document: giao ước thi đua with its targets and the
signature table of the member courts, built from the pledge's own data."""

# ruff: noqa: RUF009  (text(), lines(), table() return dataclasses.field(); ruff cannot see it)

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.documents.content import AdministrativeContent, Issuer, lines, table, text
from tdkt.documents.docx_layout import TEXT_WIDTH_MM, DocxLayout
from tdkt.documents.registry import DocumentKind, register
from tdkt.movements.models import Pledge, PledgeItem, PledgeOverride
from tdkt.movements.queries import signing_status


@dataclass(kw_only=True)
class PledgeTargetRow:
    """One criterion: the cluster-wide commitment and target."""

    code: str = text(_("criterion code"))
    criterion: str = text(_("criterion"))
    commitment: str = text(_("commitment"))
    target: str = text(_("target"))


@dataclass(kw_only=True)
class PledgeOwnTargetRow:
    """A member court's own target or commitment for one criterion."""

    unit: str = text(_("member unit"))
    code: str = text(_("criterion code"))
    criterion: str = text(_("criterion"))
    target: str = text(_("target"))
    commitment: str = text(_("commitment"))


@dataclass(kw_only=True)
class PledgeSignatoryRow:
    """A member court, who signed for it, as what and when (empty when it has not signed)."""

    unit: str = text(_("member unit"))
    name: str = text(_("signed by"))
    position: str = text(_("position"))
    signed_at: str = text(_("signed at"))


@dataclass(kw_only=True)
class ClusterPledgeContent(AdministrativeContent):
    """Giao ước thi đua of a cluster term."""

    summary: str = text(_("summary"), default="Thi đua năm")
    preamble: list[str] = lines(_("preamble"), help_text=_("One paragraph a line."))
    items: list[PledgeTargetRow] = table(_("commitments and targets"))
    overrides: list[PledgeOwnTargetRow] = table(_("members' own targets"))
    closing: str = text(_("closing"), lines=2)
    signatories: list[PledgeSignatoryRow] = table(_("signatories"))


def figure(value: Decimal | None, unit_label: str = "") -> str:
    """88.50 → "88,5%"; None → "" (a criterion without a target)."""
    if value is None:
        return ""
    shown = format(value.normalize(), "f").replace(".", ",")
    return f"{shown}{unit_label}" if unit_label == "%" else f"{shown} {unit_label}".strip()


def cluster_name(pledge: Pledge) -> str:
    """ "Cụm thi đua số 1": the issuing body and the signature line (the term's full name, often
    long, stays in the text)."""
    return f"Cụm thi đua số {pledge.term.cluster.number}"


def pledge_issuer(pledge: Pledge) -> Issuer:
    term = pledge.term
    head = term.head_unit
    return Issuer(
        parent_name=term.cluster.organising_unit.name,
        name=cluster_name(pledge),
        code="CTĐ",
        place=head.province.name if head is not None and head.province is not None else "",
    )


@register
class ClusterPledge(DocumentKind):
    code = "movements.pledge"
    label = _("Emulation pledge of a cluster")
    doc_type = ""
    title = "GIAO ƯỚC THI ĐUA"
    content_class = ClusterPledgeContent
    html_template = "movements/pdf/pledge.html"
    numbered = False

    def content_for(self, pledge: Pledge) -> ClusterPledgeContent:
        """Everything from the pledge: its items, the members' own targets, the signatures."""
        items = list(PledgeItem.objects.filter(pledge=pledge))
        overrides = (
            PledgeOverride.objects.filter(item__pledge=pledge)
            .select_related("item", "unit")
            .order_by("item__position", "item__pk", "unit__name")
        )
        rows = signing_status(pledge)
        signed = [r.signature.signed_at for r in rows if r.signature]
        day = timezone.localdate(pledge.locked_at or max(signed, default=timezone.now()))
        term = pledge.term
        preamble = [
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Thông tư số 01/2024/TT-TANDTC ngày 20 tháng 02 năm 2024 của Chánh án Tòa án "
            "nhân dân tối cao quy định về công tác thi đua, khen thưởng trong Tòa án nhân dân;",
            f"Căn cứ bảng điểm thi đua {pledge.sheet_label}." if pledge.sheet_label else "",
            f"Các đơn vị thành viên {term.name} ({len(rows)} đơn vị) thống nhất ký giao ước "
            f"thi đua năm {pledge.year} với các nội dung, chỉ tiêu sau:",
        ]
        if pledge.note:
            preamble.append(pledge.note)
        return ClusterPledgeContent(
            issuer=pledge_issuer(pledge),
            issued_on=day,
            summary=f"Thi đua năm {pledge.year} của {term.name}",
            preamble=[p for p in preamble if p],
            items=[
                PledgeTargetRow(
                    code=i.criterion_code,
                    criterion=i.label,
                    commitment=i.commitment,
                    target=figure(i.target, i.unit_label),
                )
                for i in items
            ],
            overrides=[
                PledgeOwnTargetRow(
                    unit=o.unit.name,
                    code=o.item.criterion_code,
                    criterion=o.item.label,
                    target=figure(
                        o.target if o.target is not None else o.item.target, o.item.unit_label
                    ),
                    commitment=o.commitment,
                )
                for o in overrides
            ],
            closing=(
                "Các đơn vị thành viên cam kết thực hiện đầy đủ các nội dung giao ước trên; kết "
                f"quả thực hiện là căn cứ chấm điểm, xếp hạng thi đua năm {pledge.year} của Cụm."
            ),
            signatories=[
                PledgeSignatoryRow(
                    unit=r.unit.name,
                    name=r.signature.signer_name if r.signature else "",
                    position=r.signature.signer_position if r.signature else "",
                    signed_at=(
                        timezone.localtime(r.signature.signed_at).strftime("%H:%M %d/%m/%Y")
                        if r.signature
                        else "Chưa ký"
                    ),
                )
                for r in rows
            ],
        )

    def build_template(self, layout: DocxLayout) -> None:
        layout.header(number=False)
        layout.heading("GIAO ƯỚC THI ĐUA", "{{ summary }}")
        layout.loop("paragraph", "preamble", "{{ paragraph }}", indent=True)
        layout.para("I. NỘI DUNG VÀ CHỈ TIÊU THI ĐUA", bold=True, before=6)
        layout.grid(
            ["STT", "Tiêu chí", "Cam kết", "Chỉ tiêu"],
            "items",
            [
                "{{ loop.index }}",
                "{{ row.code }}. {{ row.criterion }}",
                "{{ row.commitment }}",
                "{{ row.target }}",
            ],
            widths=[12, 75, 55, TEXT_WIDTH_MM - 142],
            aligns=["center", "left", "left", "center"],
        )
        layout.tag("{%p if overrides %}")
        layout.para("II. CHỈ TIÊU RIÊNG CỦA ĐƠN VỊ", bold=True, before=6)
        layout.grid(
            ["Đơn vị", "Tiêu chí", "Chỉ tiêu", "Cam kết"],
            "overrides",
            [
                "{{ row.unit }}",
                "{{ row.code }}. {{ row.criterion }}",
                "{{ row.target }}",
                "{{ row.commitment }}",
            ],
            widths=[45, 55, 20, TEXT_WIDTH_MM - 120],
            aligns=["left", "left", "center", "left"],
        )
        layout.tag("{%p endif %}")
        layout.para("{{ closing }}", indent=True)
        layout.para("ĐẠI DIỆN CÁC ĐƠN VỊ KÝ GIAO ƯỚC", bold=True, align="center", before=6)
        layout.grid(
            ["STT", "Đơn vị", "Người ký", "Chức vụ", "Thời điểm ký"],
            "signatories",
            [
                "{{ loop.index }}",
                "{{ row.unit }}",
                "{{ row.name }}",
                "{{ row.position }}",
                "{{ row.signed_at }}",
            ],
            widths=[12, 55, 36, 24, TEXT_WIDTH_MM - 127],
            aligns=["center", "left", "left", "left", "center"],
        )
