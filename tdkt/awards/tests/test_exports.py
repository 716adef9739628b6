"""The verdict workbook: a table longer than a sheet goes on into further sheets, each with the
title and headers, and no row is dropped."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tdkt.awards.exports import HEADERS, write_verdicts_xlsx


@dataclass
class Row:
    subject_code: str
    subject_name: str = "Nguyễn Văn An"
    code: str = "advanced_worker"
    name: str = "Lao động tiên tiến"
    status: str = "pass"
    status_label: str = "đủ điều kiện"
    legal_basis: str = "Điều 24 Luật Thi đua, khen thưởng 06/2022/QH15"
    override_label: str = ""
    override: tuple[str, ...] | None = None

    @property
    def reason_texts(self) -> list[str]:
        return [f"Lý do của {self.subject_code}"]

    @property
    def remaining_texts(self) -> list[str]:
        return []

    @property
    def citations(self) -> list[str]:
        return [self.legal_basis]


@pytest.mark.parametrize("to_file", [False, True])
def test_a_long_table_continues_on_further_sheets(tmp_path: Path, to_file: bool) -> None:
    rows = [Row(f"P{i:03d}") for i in range(7)]
    if to_file:  # the CLI's constant-memory path
        path = tmp_path / "v.xlsx"
        write_verdicts_xlsx(str(path), rows, title="Xét khen thưởng 2026", rows_per_sheet=3)
        data = path.read_bytes()
    else:
        buffer = io.BytesIO()
        write_verdicts_xlsx(buffer, rows, title="Xét khen thưởng 2026", rows_per_sheet=3)
        data = buffer.getvalue()
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == ["Kết quả xét", "Kết quả xét (2)", "Kết quả xét (3)"]
    codes = []
    for index, size in enumerate((3, 3, 1)):
        sheet = book.get_sheet_by_index(index).to_python()
        assert sheet[0][0] == "Xét khen thưởng 2026"
        assert tuple(sheet[1]) == HEADERS
        assert len(sheet) == 2 + size
        codes += [line[0] for line in sheet[2:]]
    assert codes == [f"P{i:03d}" for i in range(7)]


def test_an_exactly_full_sheet_adds_no_empty_one() -> None:
    buffer = io.BytesIO()
    write_verdicts_xlsx(buffer, [Row("P1"), Row("P2")], title="T", rows_per_sheet=2)
    book = CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue()))
    assert len(book.sheet_names) == 1
