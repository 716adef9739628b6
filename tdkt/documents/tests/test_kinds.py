"""The text of every kind, in the .docx and in the .pdf, from the same content."""

import unicodedata

import pytest

from tdkt.documents.content import from_json, to_json
from tdkt.documents.registry import all_kinds, get_kind
from tdkt.documents.rendering import render_docx, render_pdf
from tdkt.documents.samples import sample
from tdkt.documents.tests.conftest import docx_text, pdf_text

COMMON = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
EXPECTED = {
    "documents.award_decision": [
        "TÒA ÁN NHÂN DÂN TỈNH THANH HÓA",
        "Số: 12/QĐ-TA",
        "Thanh Hóa, ngày 05 tháng 3 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc tặng Giấy khen năm 2025",
        "Căn cứ Luật Thi đua, khen thưởng",
        "Điều 1.",
        "Điều 2. Tổng số tiền thưởng: 2.130.000 đồng",
        "Bằng chữ: Hai triệu một trăm ba mươi nghìn đồng",
        "Nơi nhận:",
        "- Lưu: VT, TĐKT.",
        "CHÁNH ÁN",
        "Lê Văn Hùng",
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
        "Nguyễn Thị Ánh",
        "710.000",
    ],
    "documents.award_submission": [
        "TỜ TRÌNH",
        "Số: 12/TTr-TA",
        "Kính gửi: Hội đồng Thi đua - Khen thưởng",
        "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        "Chiến sĩ thi đua cơ sở",
        "Tổng cộng: 03 đề nghị.",
    ],
    "documents.conference_minutes": [
        "BIÊN BẢN",
        "Số: 12/BB-TA",
        "I. THÀNH PHẦN THAM DỰ",
        "III. KẾT LUẬN",
        "THƯ KÝ",
        "CHỦ TỌA",
    ],
    "documents.tally_minutes": [
        "BIÊN BẢN KIỂM PHIẾU",
        "Ban kiểm phiếu gồm",
        "Số phiếu hợp lệ: 7",
        "85,71%",
        "TRƯỞNG BAN KIỂM PHIẾU",
        "Trần Đức Thắng",
    ],
    "documents.pledge": [
        "GIAO ƯỚC THI ĐUA",
        "CỤM THI ĐUA SỐ 1",
        "ĐẠI DIỆN CÁC ĐƠN VỊ KÝ GIAO ƯỚC",
        "Tòa án nhân dân tỉnh Nghệ An",
        "Phạm Minh Đức",
    ],
    "documents.achievement_individual": [
        "BÁO CÁO THÀNH TÍCH",
        "ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2025",
        "I. SƠ LƯỢC LÝ LỊCH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
        "Lao động tiên tiến",
        "NGƯỜI BÁO CÁO THÀNH TÍCH",
    ],
    "documents.achievement_collective": [
        "BÁO CÁO THÀNH TÍCH",
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
        "Thành tích đạt được của tập thể",
        "Tòa án nhân dân khu vực 1 - Thanh Hóa",
    ],
    "documents.commendation_certificate": [
        "CHÁNH ÁN TÒA ÁN NHÂN DÂN TỈNH THANH HÓA",
        "TẶNG",
        "GIẤY KHEN",
        "Lê Văn Dũng",
        "Quyết định số 12/QĐ-TA ngày 05/3/2026",
        "Số sổ vàng: 1",
    ],
    "documents.grassroots_fighter_certificate": [
        "TẶNG DANH HIỆU",
        "CHIẾN SĨ THI ĐUA CƠ SỞ",
        "Đã có thành tích xuất sắc",
    ],
}


def test_every_registered_kind_has_a_sample_and_expectations():
    codes = {k.code for k in all_kinds() if k.code.startswith("documents.")}  # own kinds only
    assert codes == set(EXPECTED)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_kind_text_in_docx_and_pdf(code):
    kind = get_kind(code)
    content = sample(code)
    content.number = f"12/{kind.doc_type}-TA" if kind.numbered else ""
    docx = docx_text(render_docx(kind, content))
    pdf = pdf_text(render_pdf(kind, [content]))
    assert unicodedata.is_normalized("NFC", docx)
    for needle in [*COMMON, *EXPECTED[code]]:
        assert needle in docx, (needle, "docx")
        assert needle in pdf, (needle, "pdf")


def test_certificates_are_a4_landscape_and_documents_a4_portrait():
    import io

    from pypdf import PdfReader

    for code, landscape in (
        ("documents.commendation_certificate", True),
        ("documents.award_decision", False),
    ):
        kind = get_kind(code)
        page = PdfReader(io.BytesIO(render_pdf(kind, [sample(code)]))).pages[0]
        width, height = round(float(page.mediabox.width)), round(float(page.mediabox.height))
        assert (width, height) == ((842, 595) if landscape else (595, 842))


def test_content_round_trips_through_json():
    content = sample("documents.award_decision")
    again = from_json(type(content), to_json(content))
    assert again == content
