"""The ranking as an .xlsx workbook."""

from __future__ import annotations

import io

import xlsxwriter

from tdkt.scoring.queries import Scoreboard


def ranking_workbook(board: Scoreboard, *, title: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True})
    bold = book.add_format({"bold": True})
    points = book.add_format({"num_format": "0.00"})
    ws = book.add_worksheet("Xếp hạng")
    ws.write_string(0, 0, title, bold)
    headers = [
        "Hạng",
        "Đơn vị",
        "Tự chấm",
        "Chấm chéo",
        "Điểm cuối cùng",
        "Xếp loại",
        "Điểm chấm chéo lệch",
    ]
    scored = [c for c in board.criteria if c.is_scored]
    headers += [f"{c.code}. {c.name}" for c in scored]
    for col, text in enumerate(headers):
        ws.write_string(2, col, text, head)
    ws.set_column(1, 1, 42)
    ws.set_column(2, len(headers), 12)
    for r, row in enumerate(board.rows, start=3):
        ws.write_number(r, 0, row.rank)
        ws.write_string(r, 1, row.unit.name)
        ws.write_number(r, 2, float(row.self_total), points)
        ws.write_number(r, 3, float(row.peer_total), points)
        ws.write_number(r, 4, float(row.final_total), points)
        ws.write_string(r, 5, row.band)
        ws.write_number(r, 6, row.outlier_count)
        for col, cell in enumerate(row.cells, start=7):
            if cell.final is not None:
                ws.write_number(r, col, float(cell.final), points)
    ws.freeze_panes(3, 2)
    book.close()
    return buffer.getvalue()
