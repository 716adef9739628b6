"""Demo data: synthetic staff and persona users, loaded idempotently; the users can sign in."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from tdkt.core.models import AuditEvent
from tdkt.core.text import person_sort_key
from tdkt.org.demo import DEMO_PASSWORD, PERSONAS, load_demo
from tdkt.org.models import ClusterTerm, Employment, Person, Role, RoleAssignment, Unit
from tdkt.org.reference import load_reference


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Load once for the module, in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference()
        counts = load_demo()
        yield counts
        transaction.set_rollback(True)


@pytest.fixture
def demo(_loaded, db):
    return _loaded


def test_demo_command_without_serving(db, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    assert "thuky.cum1" in text
    assert DEMO_PASSWORD in text
    assert User.objects.count() == 5
    assert Person.objects.filter(code="DEMO-P001").exists()


def test_demo_loads_once(demo):
    assert demo["users"] == 5
    assert demo["people"] == Person.objects.count()
    people, events = Person.objects.count(), AuditEvent.objects.count()

    again = load_demo()

    assert set(again.values()) == {0}
    assert Person.objects.count() == people
    assert AuditEvent.objects.count() == events


def test_every_court_of_cluster_1_has_staff_in_2022(demo):
    term = ClusterTerm.objects.get(cluster__number=1, year=2022)
    day = dt.date(2022, 9, 30)
    for court in term.members.all():
        staff = Employment.objects.current_on(day).filter(unit__in=[court, *court.children.all()])
        assert 10 <= staff.values("person").distinct().count() <= 25, court
        assert staff.filter(is_judge=True).exists()
        assert staff.filter(is_judge=False).exists()
    departments = Unit.objects.filter(parent__code="PT-thanh_hoa", level=Unit.Level.DEPARTMENT)
    assert {"Văn phòng", "Phòng Tổ chức – Cán bộ", "Tòa Hình sự"} <= set(
        departments.values_list("name", flat=True)
    )


def test_merged_courts_staff_move_to_the_successor(demo):
    moved = Employment.objects.filter(unit__code="PT-hai_phong", kind=Employment.Kind.TRANSFER)
    assert moved.exists()
    assert {e.start for e in moved} == {dt.date(2025, 7, 1)}
    for employment in moved:
        previous = employment.person.employments.exclude(pk=employment.pk).get()
        assert previous.end == dt.date(2025, 6, 30)


def test_transfer_and_secondment(demo):
    moved = Person.objects.get(code="DEMO-T001")
    first, second = moved.employments.order_by("start")
    assert (first.unit.code, first.end) == ("PT63-nam_dinh", dt.date(2019, 9, 30))
    assert (second.unit.code, second.kind, second.end) == (
        "PT-thanh_hoa-HS",
        Employment.Kind.TRANSFER,
        None,
    )
    seconded = Person.objects.get(code="DEMO-T002")
    home, away = seconded.employments.order_by("start")
    assert home.end is None
    assert (away.unit.code, away.kind) == ("PT-nghe_an", Employment.Kind.SECONDMENT)


def test_names_are_synthetic_and_sort_in_vietnamese_order(demo):
    names = list(Person.objects.values_list("full_name", flat=True))
    assert not {"Nguyễn Văn Du", "Nguyễn Ngọc Tiến", "Nguyễn Quang Hải"} & set(names)
    given = [name.split()[-1] for name in sorted(names, key=person_sort_key)]
    # a < ă < â is primary, tones secondary: An, Anh, Ánh, Ân, then Dũng before Đức.
    for earlier, later in [
        ("An", "Anh"),
        ("Anh", "Ánh"),
        ("Ánh", "Ân"),
        ("Ân", "Dũng"),
        ("Dũng", "Đức"),
    ]:
        assert given.index(earlier) < given.index(later)
    assert all(p.search_key and p.given_name for p in Person.objects.all())


def test_personas_hold_their_roles(demo):
    def roles(username):
        return {
            (r.role, r.unit.code if r.unit else None)
            for r in RoleAssignment.objects.filter(user__username=username)
        }

    assert roles("thuky.cum1") == {
        (Role.CLUSTER_SECRETARY, None),
        (Role.EMULATION_OFFICER, "PT-thanh_hoa"),
    }
    secretary = RoleAssignment.objects.get(user__username="thuky.cum1", role=Role.CLUSTER_SECRETARY)
    assert secretary.cluster_term is not None
    assert secretary.cluster_term.year == 2022
    assert roles("canbo.nghean") == {(Role.EMULATION_OFFICER, "PT-nghe_an")}
    assert roles("hoidong.thanhhoa") == {(Role.COUNCIL_MEMBER, "PT-thanh_hoa")}
    assert roles("vu.tdkt") == {(Role.SPC_OFFICE, None)}
    assert roles("quantri") == {(Role.SYSTEM_ADMIN, None)}
    assert User.objects.get(username="thuky.cum1").get_full_name() == "Lê Thị Thu Hà"


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.username)
def test_demo_users_can_sign_in(client, demo, persona):
    response = client.post(
        reverse("core:login"), {"username": persona.username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username=persona.username).pk)
