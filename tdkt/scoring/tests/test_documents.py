"""The cluster's year-end report: summary, ranking table and chart in the .docx and the .pdf."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tdkt.core.models import AuditEvent
from tdkt.documents.models import GeneratedDocument
from tdkt.documents.tests.conftest import docx_text, pdf_text
from tdkt.scoring import services

from .factories import add_stat, criterion

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _published(scoring_round, world):
    add_stat(world.thanh_hoa, dt.date(2021, 10, 1), dt.date(2022, 9, 30), resolved=95)
    for unit, points in ((world.thanh_hoa, "7.5"), (world.nghe_an, "6")):
        services.set_final_score(
            scoring_round=scoring_round,
            criterion=criterion(scoring_round, "2.1"),
            subject=unit,
            points=Decimal(points),
            reason="Thống nhất tại hội nghị",
            actor="t",
        )
    services.publish_round(scoring_round=scoring_round, actor="t")


def test_only_a_published_round_is_reported(client, cluster_secretary, scoring_round):
    client.force_login(cluster_secretary)
    url = reverse("scoring:ranking-report", args=[scoring_round.pk])
    response = client.post(url, follow=True)
    assert "Hãy công bố kết quả chấm điểm trước khi phát hành báo cáo" in response.content.decode()
    response = client.post(url, **HTMX)
    assert response.status_code == 200 and 'id="round-documents"' in response.content.decode()
    assert not GeneratedDocument.objects.exists()


def test_secretary_issues_the_year_end_report(client, cluster_secretary, scoring_round, world):
    _published(scoring_round, world)
    client.force_login(cluster_secretary)
    page = client.get(reverse("scoring:ranking", args=[scoring_round.pk])).content.decode()
    assert "Phát hành báo cáo tổng kết" in page
    response = client.post(reverse("scoring:ranking-report", args=[scoring_round.pk]), **HTMX)
    assert response.status_code == 200 and "<html" not in response.content.decode()
    document = GeneratedDocument.objects.get()
    assert document.number == "01/BC-CTĐ" and document.target_id == str(scoring_round.pk)
    assert AuditEvent.objects.filter(code="documents.document.issued").count() == 1
    assert "01/BC-CTĐ" in response.content.decode()
    pdf_bytes = document.pdf.read()
    docx_bytes = document.docx.read()
    docx = " ".join(docx_text(docx_bytes).split())
    pdf = pdf_text(pdf_bytes)
    for text in (docx, pdf):
        assert "CỤM THI ĐUA SỐ 1" in text and "Số: 01/BC-CTĐ" in text
        assert "BÁO CÁO" in text
        assert "Tổng kết phong trào thi đua năm 2022 của Cụm thi đua số 1" in text
        assert "Cụm thi đua số 1 có 2 đơn vị thành viên" in text
        assert "đã được 2/2 đơn vị ký" in text
        assert "1/2 đơn vị có số liệu (chưa có: Tòa án nhân dân tỉnh Nghệ An)" in text
        assert "Tòa án nhân dân tỉnh Thanh Hóa" in text
        assert "7,50" in text and "6,00" in text
        assert "TM. CỤM THI ĐUA SỐ 1" in text and "Nguyễn Văn A" in text
        assert "Đơn vị dẫn đầu Cụm thi đua số 1 năm 2022: Tòa án nhân dân tỉnh Thanh Hóa" in text
    # the Word chart: one bar drawn by Word per member, the longest for the leader
    xml = zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml").decode()
    widths = [float(w) for w in re.findall(r'<v:rect style="width:([0-9.]+)pt', xml)]
    assert len(widths) == 2 and widths[0] > widths[1] > 0
    assert "Biểu đồ xếp hạng" in docx
    # the chart is drawn in the PDF: its legend and each member's bar label
    assert "điểm chính thức" in pdf and "1. Tòa án nhân dân tỉnh Thanh Hóa" in pdf
    assert len(PdfReader(io.BytesIO(pdf_bytes)).pages) >= 1


def test_a_member_court_may_not_issue_the_report(
    client, member_court_officer, scoring_round, world
):
    _published(scoring_round, world)
    client.force_login(member_court_officer)
    assert (
        client.post(reverse("scoring:ranking-report", args=[scoring_round.pk])).status_code == 403
    )
    page = client.get(reverse("scoring:ranking", args=[scoring_round.pk])).content.decode()
    assert "Phát hành báo cáo tổng kết" not in page
    assert not GeneratedDocument.objects.exists()
