"""Pre-printed certificate forms: positions set by the office, checked line by line."""

import pytest
from django.urls import reverse

from tdkt.core.errors import InputError
from tdkt.core.models import AuditEvent
from tdkt.documents.layouts import DEFAULT_LAYOUT, layout_text, parse_layout
from tdkt.documents.models import CertificateLayout
from tdkt.documents.registry import get_kind
from tdkt.documents.rendering import render_pdf
from tdkt.documents.samples import certificate
from tdkt.documents.tests.conftest import pdf_text


def test_layout_text_round_trips():
    placements = parse_layout(DEFAULT_LAYOUT)
    assert parse_layout(layout_text(placements)) == placements
    assert placements[1] == {
        "field": "recipient",
        "x": 40,
        "y": 100,
        "width": 217,
        "size": 22,
        "align": "center",
        "bold": True,
        "italic": True,
    }


def test_every_bad_line_is_named():
    with pytest.raises(InputError) as info:
        parse_layout(
            "recipient 10 20 100 16\nnickname 1 2 3 4\naward 400 10 10 10\nawards x\n"
            "detail 10 10 100 12 wavy"
        )
    rows = [e.row for e in info.value.errors]
    assert rows == [2, 3, 4, 5]


def test_preprinted_pdf_prints_only_the_fields():
    kind = get_kind("documents.commendation_certificate")
    positions = parse_layout("recipient 40 100 217 22 center bold\nregister_number 25 187 60 13")
    text = pdf_text(render_pdf(kind, [certificate()], layout=positions))
    assert text == "Lê Văn Dũng 1"


@pytest.mark.django_db
def test_office_creates_edits_and_previews_a_layout(client, cluster_secretary, world):
    client.force_login(cluster_secretary)
    response = client.post(
        reverse("documents:layout-list"),
        {
            "name": "Phôi giấy khen 2026",
            "unit": world.thanh_hoa.pk,
            "positions": DEFAULT_LAYOUT,
        },
    )
    assert response.status_code == 302
    layout = CertificateLayout.objects.get()
    response = client.post(
        reverse("documents:layout-edit", args=[layout.pk]),
        {
            "name": "Phôi giấy khen 2026",
            "unit": world.thanh_hoa.pk,
            "positions": "recipient 50 100 200 20 center bold",
        },
    )
    assert response.status_code == 302
    layout.refresh_from_db()
    assert layout.positions[0]["x"] == 50
    codes = list(AuditEvent.objects.values_list("code", flat=True).order_by("pk"))
    assert codes == ["documents.layout.created", "documents.layout.updated"]
    preview = client.get(reverse("documents:layout-preview", args=[layout.pk]))
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_layout_gates_and_bad_input(client, cluster_secretary, council_member, outsider, world):
    client.force_login(cluster_secretary)
    bad = client.post(
        reverse("documents:layout-list"),
        {
            "name": "x",
            "unit": world.thanh_hoa.pk,
            "positions": "recipient a b c d",
        },
    )
    assert bad.status_code == 200 and bad.context["form"].errors["positions"]
    assert not CertificateLayout.objects.exists()
    org_wide = client.post(
        reverse("documents:layout-list"), {"name": "x", "positions": "award 1 1 1 10"}
    )
    assert org_wide.context["form"].errors["unit"]
    layout = CertificateLayout.objects.create(
        name="y",
        unit=world.thanh_hoa,
        positions=parse_layout("award 1 1 1 10"),
        updated_by=cluster_secretary,
    )
    client.force_login(council_member)
    assert client.get(reverse("documents:layout-list")).status_code == 200
    assert client.post(reverse("documents:layout-list"), {"name": "z"}).status_code == 403
    assert client.get(reverse("documents:layout-edit", args=[layout.pk])).status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("documents:layout-list")).status_code == 404
    assert client.get(reverse("documents:layout-preview", args=[layout.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("documents:layout-list")).status_code == 302
    client.force_login(cluster_secretary)
    assert client.put(reverse("documents:layout-list")).status_code == 405
