"""Pledge pages: happy paths, anonymous, outsider, read-only role, wrong method, bad input, htmx."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.movements.models import Pledge, PledgeItem, PledgeOverride, PledgeSignature
from tdkt.scoring.sheets import draft_pledge
from tdkt.scoring.tests.factories import small_sheet

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def pledge(world):
    pledge, _round = draft_pledge(sheet=small_sheet(), term=world.term, year=2022, actor="t")
    return pledge


def _item(pledge, code="1.1"):
    return PledgeItem.objects.get(pledge=pledge, criterion_code=code)


def _writes(pledge):
    item = _item(pledge)
    return [
        (reverse("movements:pledge-open", args=[pledge.pk]), {}),
        (reverse("movements:pledge-document", args=[pledge.pk]), {}),
        (reverse("movements:pledge-item-edit", args=[item.pk]), {f"item{item.pk}-target": "90"}),
        (reverse("movements:pledge-override", args=[item.pk]), {f"ov{item.pk}-target": "90"}),
        (
            reverse("movements:pledge-sign", args=[pledge.pk]),
            {"signer_name": "A", "signer_position": "B"},
        ),
    ]


def test_anonymous_is_sent_to_login(client, pledge):
    for url in [reverse("movements:home"), reverse("movements:pledge-detail", args=[pledge.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("core:login"))
    for url, data in _writes(pledge):
        assert client.post(url, data).status_code == 302


def test_outsider_gets_404(client, outsider, pledge):
    client.force_login(outsider)
    assert client.get(reverse("movements:home")).status_code == 404
    assert client.get(reverse("movements:pledge-detail", args=[pledge.pk])).status_code == 404
    for url, data in _writes(pledge):
        assert client.post(url, data).status_code == 404, url


def test_read_only_role_may_read_but_not_change(client, council_member, pledge):
    client.force_login(council_member)
    assert client.get(reverse("movements:pledge-detail", args=[pledge.pk])).status_code == 200
    for url, data in _writes(pledge):
        assert client.post(url, data).status_code == 403, url
    assert not AuditEvent.objects.filter(code__startswith="movements.pledge.opened").exists()


def test_wrong_method_is_405(client, cluster_secretary, pledge):
    client.force_login(cluster_secretary)
    assert client.post(reverse("movements:home")).status_code == 405
    assert client.post(reverse("movements:pledge-detail", args=[pledge.pk])).status_code == 405
    for url, _data in _writes(pledge):
        assert client.get(url).status_code == 405


def test_secretary_sets_targets_and_overrides(client, cluster_secretary, pledge, world):
    client.force_login(cluster_secretary)
    item = _item(pledge)
    response = client.get(reverse("movements:pledge-detail", args=[pledge.pk]))
    assert response.status_code == 200
    assert "Tỷ lệ giải quyết án hình sự" in response.content.decode()
    url = reverse("movements:pledge-item-edit", args=[item.pk])
    response = client.post(
        url, {f"item{item.pk}-target": "91,5", f"item{item.pk}-commitment": "Cam kết"}, **HTMX
    )
    assert response.status_code == 200
    assert (
        'id="pledge-items"' in response.content.decode()
        and "<html" not in response.content.decode()
    )
    item.refresh_from_db()
    assert str(item.target) == "91.50" and item.commitment == "Cam kết"
    response = client.post(
        reverse("movements:pledge-override", args=[item.pk]),
        {f"ov{item.pk}-unit": world.nghe_an.pk, f"ov{item.pk}-target": "95"},
    )
    assert response.status_code == 302
    assert PledgeOverride.objects.get(item=item).unit == world.nghe_an


def test_bad_target_is_a_vietnamese_field_error_and_nothing_written(
    client, cluster_secretary, pledge
):
    client.force_login(cluster_secretary)
    item = _item(pledge)
    response = client.post(
        reverse("movements:pledge-item-edit", args=[item.pk]), {f"item{item.pk}-target": "nhiều"}
    )
    assert response.status_code == 422
    assert "Nhập một số" in response.content.decode()
    item.refresh_from_db()
    assert str(item.target) == "88.00"
    assert not AuditEvent.objects.filter(code="movements.pledge_item.updated").exists()


def test_members_sign_until_the_pledge_locks(
    client, cluster_secretary, member_court_officer, pledge, world
):
    client.force_login(cluster_secretary)
    assert client.post(reverse("movements:pledge-open", args=[pledge.pk])).status_code == 302
    sign = reverse("movements:pledge-sign", args=[pledge.pk])
    response = client.post(
        sign,
        {"unit": world.thanh_hoa.pk, "signer_name": "Lê Văn B", "signer_position": "Chánh án"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Tòa án nhân dân tỉnh Nghệ An" in response.content.decode()  # still unsigned
    client.force_login(member_court_officer)
    # a court signs only for itself
    response = client.post(
        sign, {"unit": world.thanh_hoa.pk, "signer_name": "X", "signer_position": "Y"}
    )
    assert response.status_code == 422
    response = client.post(
        sign, {"unit": world.nghe_an.pk, "signer_name": "", "signer_position": "Chánh án"}
    )
    assert response.status_code == 422 and "Trường này là bắt buộc" in response.content.decode()
    assert PledgeSignature.objects.count() == 1
    response = client.post(
        sign, {"unit": world.nghe_an.pk, "signer_name": "Trần Thị C", "signer_position": "Chánh án"}
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.LOCKED
    assert client.get(reverse("movements:home")).status_code == 200


def test_home_lists_pledges_in_few_queries(
    client, cluster_secretary, world, django_assert_max_num_queries
):
    from tests import factories as f

    client.force_login(cluster_secretary)
    sheet = small_sheet()
    for count in (3, 30):
        for i in range(count - Pledge.objects.count()):
            term = f.make_term(
                [world.thanh_hoa], organiser=world.spc, year=2000 + i, number=50 + count
            )
            draft_pledge(sheet=sheet, term=term, year=term.year, actor="t")
        with django_assert_max_num_queries(8):
            assert client.get(reverse("movements:home")).status_code == 200
