"""Built-in Word templates in the Nghị định 30/2020 layout, written with python-docx.

The templates hold docxtpl (Jinja) tags over the kind's content fields. The office downloads one,
changes the layout in Word and uploads it back; the tags are what the upload is checked against.
Times New Roman is named (the decree's font); LibreOffice shows it with Liberation Serif, whose
metrics are the same, so line breaks do not move.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tdkt.documents.registry import DocumentKind, get_kind

FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _rule_below(paragraph: Paragraph) -> None:
    """A solid rule under the paragraph, as long as the paragraph's indented width."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def fix_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Column widths Word and LibreOffice both keep: a fixed layout, the grid and every cell."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def keep_together(table: Table) -> None:
    """A signature block never splits across two pages."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


class DocxLayout:
    """A document under construction; every `add_*` writes paragraphs with docxtpl tags."""

    def __init__(self, *, landscape: bool = False) -> None:
        self.doc: DocxDocument = Document()
        section = self.doc.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
            section.top_margin = section.bottom_margin = Mm(15)
            section.left_margin = section.right_margin = Mm(20)
        else:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.top_margin, section.bottom_margin = Mm(20), Mm(20)
            section.left_margin, section.right_margin = Mm(30), Mm(15)
        if not landscape:
            self._page_numbers(section)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(14)
        r_pr = normal.element.get_or_add_rPr()
        r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0

    @staticmethod
    def _page_numbers(section: Section) -> None:
        """Arabic page numbers centred in the top margin, none on the first page (ND 30)."""
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        run.font.size = Pt(13)
        for kind, text in (("begin", ""), ("", "PAGE"), ("end", "")):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    # ---- paragraphs ---------------------------------------------------------------------------

    def para(
        self,
        text: str = "",
        *,
        size: float = 14,
        bold: bool = False,
        italic: bool = False,
        align: str = "justify",
        indent: bool = False,
        after: float = 6,
        before: float = 0,
        cell: _Cell | None = None,
        first: bool = False,
        color: str = "",
    ) -> Paragraph:
        paragraph: Paragraph
        if cell is not None and first:
            paragraph = cell.paragraphs[0]
        else:
            paragraph = (cell or self.doc).add_paragraph()
        paragraph.alignment = ALIGN[align]
        fmt = paragraph.paragraph_format
        fmt.space_after, fmt.space_before = Pt(after), Pt(before)
        if indent:
            fmt.first_line_indent = Cm(1.27)
        if text:
            run = paragraph.add_run(text)
            run.font.size, run.bold, run.italic = Pt(size), bold, italic
            if color:
                run.font.color.rgb = RGBColor.from_string(color)
        return paragraph

    def tag(self, tag: str, cell: _Cell | None = None) -> None:
        """A paragraph holding only a docxtpl paragraph tag ({%p for … %}); docxtpl removes it."""
        self.para(tag, after=0, cell=cell)

    def loop(self, item: str, items: str, text: str, **style: object) -> None:
        """One paragraph per item of a list: `{%p for item in items %}` … `{%p endfor %}`."""
        self.tag(f"{{%p for {item} in {items} %}}")
        self.para(text, **style)  # type: ignore[arg-type]
        self.tag("{%p endfor %}")

    def spacer(self, size: float = 6) -> None:
        self.para("", size=size, after=0)

    # ---- the parts of the decree's layout -----------------------------------------------------

    def header(self, *, number: bool = True) -> None:
        """Issuing body with its parent (left), national name and motto (right), number and date."""
        table = self.doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        fix_widths(table, (68, TEXT_WIDTH_MM - 68 + 12))
        left, right = table.rows[0].cells
        self.para(
            "{{ issuer.parent_name|upper }}",
            size=13,
            align="center",
            after=0,
            cell=left,
            first=True,
        )
        body = self.para(
            "{{ issuer.name|upper }}", size=13, bold=True, align="center", after=0, cell=left
        )
        body.paragraph_format.left_indent = body.paragraph_format.right_indent = Mm(0)
        rule = self.para("", size=4, align="center", after=0, cell=left)
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(19)
        _rule_below(rule)
        self.para(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            size=12,
            bold=True,
            align="center",
            after=0,
            cell=right,
            first=True,
        )
        self.para(
            "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align="center", after=0, cell=right
        )
        motto_rule = self.para("", size=4, align="center", after=0, cell=right)
        motto_rule.paragraph_format.left_indent = Mm(20)
        motto_rule.paragraph_format.right_indent = Mm(20)
        _rule_below(motto_rule)
        left, right = table.rows[1].cells
        self.para(
            "Số: {{ number }}" if number else "",
            size=13,
            align="center",
            after=0,
            cell=left,
            first=True,
            before=6,
        )
        self.para(
            "{{ date_line }}",
            size=14,
            italic=True,
            align="center",
            after=0,
            cell=right,
            first=True,
            before=6,
        )

    def heading(self, title: str, summary: str | None = None) -> None:
        """The type in bold capitals, the summary in bold, a short rule below (centred)."""
        self.para(title, size=14, bold=True, align="center", after=0, before=18)
        if summary:
            self.para(summary, size=14, bold=True, align="center", after=0)
        rule = self.para("", size=4, align="center", after=12)
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Mm(62)
        _rule_below(rule)

    def grid(
        self,
        headers: Sequence[str],
        items: str,
        cells: Sequence[str],
        *,
        widths: Sequence[float],
        size: float = 12,
        aligns: Sequence[str] | None = None,
        row_height: float = 0,
    ) -> None:
        """A bordered list: a header row, then one row per item (`{%tr for row in items %}`)."""
        table = self.doc.add_table(rows=4, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        fix_widths(table, widths)
        if row_height:
            table.rows[2].height = Mm(row_height)
        aligns = aligns or ["left"] * len(headers)
        for index, row in enumerate(table.rows):
            for col, cell in enumerate(row.cells):
                if index == 0:
                    self.para(
                        headers[col],
                        size=size,
                        bold=True,
                        align="center",
                        after=0,
                        cell=cell,
                        first=True,
                    )
                elif index == 2:
                    self.para(
                        cells[col], size=size, align=aligns[col], after=0, cell=cell, first=True
                    )
        table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for row in {items} %}}")
        table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        self.spacer()

    def signature_cell(self, cell: _Cell, sig: str, *, first: bool = True) -> None:
        self.para(
            f"{{{{ {sig}.prefix_line }}}}",
            size=14,
            bold=True,
            align="center",
            after=0,
            cell=cell,
            first=first,
        )
        self.para(
            f"{{{{ {sig}.title|upper }}}}", size=14, bold=True, align="center", after=0, cell=cell
        )
        for _blank in range(4):
            self.para("", size=14, after=0, cell=cell)
        self.para(f"{{{{ {sig}.name }}}}", size=14, bold=True, align="center", after=0, cell=cell)

    def closing(self, sig: str = "signer", *, recipients: bool = True) -> None:
        """Nơi nhận on the left (bold italic 12, the list 11), the signature block on the right."""
        table = self.doc.add_table(rows=1, cols=2)
        fix_widths(table, (80, TEXT_WIDTH_MM - 80))
        keep_together(table)
        left, right = table.rows[0].cells
        if recipients:
            self.para(
                "Nơi nhận:",
                size=12,
                bold=True,
                italic=True,
                align="left",
                after=0,
                cell=left,
                first=True,
                before=6,
            )
            self.tag("{%p for line in recipients %}", cell=left)
            self.para("{{ line }}", size=11, align="left", after=0, cell=left)
            self.tag("{%p endfor %}", cell=left)
        self.signature_cell(right, sig)
        self.para("", size=2, after=0, cell=right).paragraph_format.space_before = Pt(6)

    def two_signatures(self, left_sig: str, right_sig: str) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        fix_widths(table, (TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2))
        keep_together(table)
        left, right = table.rows[0].cells
        self.signature_cell(left, left_sig)
        self.signature_cell(right, right_sig)

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


@cache
def builtin_template(kind_code: str) -> bytes:
    """The built-in Word template of a kind, built once per process."""
    kind: DocumentKind = get_kind(kind_code)
    layout = DocxLayout(landscape=kind.landscape)
    kind.build_template(layout)
    return layout.save()
