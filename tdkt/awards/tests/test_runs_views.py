"""The pages of saved runs: save from the verdict table, list, read, export, compare, inputs;
and `tdkt eligibility --save`."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tdkt.awards.models import EligibilityRun, PersonRating, StaffAccount, StoredVerdict
from tdkt.awards.runs import save_run
from tdkt.awards.tests import factories as af
from tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date
HTMX = {"HTTP_HX_REQUEST": "true"}
LDTT = "advanced_worker"


@pytest.fixture
def staff(world):
    an = f.make_person("Nguyễn Văn An", world.thanh_hoa, recruited_on=D(2015, 1, 1))
    binh = f.make_person("Trần Thị Bình", world.thanh_hoa, recruited_on=D(2015, 1, 1))
    af.rate(an, 2025, "excellent")
    af.rate(binh, 2025, "not_completed")
    return {"an": an, "binh": binh}


@pytest.fixture
def saved(world, staff, cluster_secretary):
    return save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary, note="Trước họp")


def _save_data(world, **extra):
    return {"scope": f"unit:{world.thanh_hoa.pk}", "year": "2025", "note": "Lần 1", **extra}


def _pages(run, person):
    return [
        reverse("awards:run-list"),
        reverse("awards:run-detail", args=[run.pk]),
        reverse("awards:run-export", args=[run.pk]),
        reverse("awards:run-compare", args=[run.pk]),
        reverse("awards:run-subject", args=[run.pk, "person", person.pk]),
    ]


def test_the_verdict_table_offers_saving_to_officers_only(
    client, world, staff, cluster_secretary, council_member
):
    url = reverse("awards:home") + f"?year=2025&scope=unit:{world.thanh_hoa.pk}"
    client.force_login(cluster_secretary)
    response = client.get(url)
    assert response.context["can_save"] and b'id="run-save-form"' in response.content
    client.force_login(council_member)
    response = client.get(url)
    assert not response.context["can_save"] and b'id="run-save-form"' not in response.content
    assert b'id="saved-runs-link"' in response.content


def test_an_officer_saves_the_table(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.post(reverse("awards:run-save"), _save_data(world, as_of="2025-11-20"))
    run = EligibilityRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/runs/{run.pk}/")
    assert (run.unit, run.year, run.as_of, run.note) == (
        world.thanh_hoa,
        2025,
        D(2025, 11, 20),
        "Lần 1",
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nguyễn Văn An" in text and "Lần 1" in text
    assert 'id="run-versions"' in text and "advanced_worker" in text  # versions at the top
    table = client.get(reverse("awards:home") + f"?year=2025&scope=unit:{world.thanh_hoa.pk}")
    assert table.context["saved_count"] == 1


def test_saving_with_htmx_redirects(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.post(reverse("awards:run-save"), _save_data(world), **HTMX)
    run = EligibilityRun.objects.get()
    assert response.status_code == 204 and response["HX-Redirect"].endswith(f"/runs/{run.pk}/")


def test_bad_input_saves_nothing(client, world, staff, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.post(reverse("awards:run-save"), _save_data(world, year="1800"), **HTMX)
    assert response.status_code == 422 and "2000" in response.content.decode()
    response = client.post(reverse("awards:run-save"), _save_data(world, as_of="31/02/2025"))
    assert response.status_code == 302
    assert not EligibilityRun.objects.exists()


def test_saving_gates(
    client, world, staff, outsider, member_court_officer, council_member, spc_office
):
    url = reverse("awards:run-save")
    assert client.post(url, _save_data(world)).status_code == 302  # anonymous → login
    client.force_login(outsider)
    assert client.post(url, _save_data(world)).status_code == 404
    client.force_login(member_court_officer)  # Nghệ An cannot reach Thanh Hóa
    assert client.post(url, _save_data(world)).status_code == 404
    assert client.post(url, _save_data(world, scope="sector")).status_code == 404
    client.force_login(council_member)  # reads Thanh Hóa, may not save it
    assert client.post(url, _save_data(world)).status_code == 403
    assert client.get(url).status_code == 405
    client.force_login(spc_office)
    cluster = _save_data(world, scope=f"cluster:{world.term.pk}")
    assert client.post(url, cluster).status_code == 403  # a cluster's courts save their own
    assert not EligibilityRun.objects.exists()
    assert client.post(url, _save_data(world, scope="sector")).status_code == 302
    assert EligibilityRun.objects.get().unit is None


def test_reading_gates(
    client, world, staff, saved, outsider, member_court_officer, council_member, spc_office
):
    for url in _pages(saved, staff["an"]):
        assert client.get(url).status_code == 302, url  # anonymous → login
    client.force_login(outsider)
    for url in _pages(saved, staff["an"]):
        assert client.get(url).status_code == 404, url
    client.force_login(member_court_officer)  # another court: the run is not there
    assert client.get(reverse("awards:run-list")).status_code == 200
    for url in _pages(saved, staff["an"])[1:]:
        assert client.get(url).status_code == 404, url
    assert not client.get(reverse("awards:run-list")).context["page"].object_list
    for user in (council_member, spc_office):  # a read-only role of the court; the office
        client.force_login(user)
        for url in _pages(saved, staff["an"]):
            assert client.get(url).status_code == 200, (user, url)
            assert client.post(url).status_code == 405, url
    sector = save_run(year=2025, unit=None, actor=spc_office)
    assert client.get(reverse("awards:run-detail", args=[sector.pk])).status_code == 200
    client.force_login(council_member)  # a court's role does not see the sector's run
    assert client.get(reverse("awards:run-detail", args=[sector.pk])).status_code == 404
    wrong_kind = reverse("awards:run-subject", args=[saved.pk, "medal", staff["an"].pk])
    assert client.get(wrong_kind).status_code == 404


def test_a_successor_court_sees_its_predecessors_runs(client, world, successor_officer):
    person = f.make_person("Vũ Văn Hải", world.old_hai_duong, recruited_on=D(2015, 1, 1))
    af.rate(person, 2025, "good")
    run = save_run(year=2025, unit=world.old_hai_duong, actor="test")
    client.force_login(successor_officer)
    assert client.get(reverse("awards:run-detail", args=[run.pk])).status_code == 200


def test_run_list_by_scope_and_year(client, world, staff, saved, cluster_secretary):
    save_run(year=2024, unit=world.thanh_hoa, actor=cluster_secretary)
    client.force_login(cluster_secretary)
    response = client.get(
        reverse("awards:run-list") + f"?scope=unit:{world.thanh_hoa.pk}&year=2025"
    )
    assert list(response.context["page"]) == [saved]
    assert "Trước họp" in response.content.decode()
    assert len(client.get(reverse("awards:run-list")).context["page"].object_list) == 2


def test_run_filters_and_htmx(client, world, staff, saved, cluster_secretary):
    client.force_login(cluster_secretary)
    url = reverse("awards:run-detail", args=[saved.pk])
    response = client.get(url + f"?status=fail&code={LDTT}")
    assert [v.subject_name for v in response.context["page"]] == ["Trần Thị Bình"]
    response = client.get(url + "?q=nguyen van", **HTMX)
    assert response.content.lstrip().startswith(b'<section id="run-results"')
    rows = list(response.context["page"])
    assert rows and {v.subject_name for v in rows} == {"Nguyễn Văn An"}
    assert rows[0].reasons  # the page attached its reasons
    bad = client.get(url + "?status=maybe")
    assert bad.status_code == 200 and not list(bad.context["page"])


def test_run_page_query_budget(client, world, cluster_secretary, django_assert_max_num_queries):
    client.force_login(cluster_secretary)
    for size in (3, 30):
        for index in range(size):
            person = f.make_person(f"Lê Văn {size}-{index}", world.thanh_hoa)
            af.rate(person, 2025, "good")
        run = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
        with django_assert_max_num_queries(15):
            assert client.get(reverse("awards:run-detail", args=[run.pk])).status_code == 200
        with django_assert_max_num_queries(15):
            assert client.get(reverse("awards:run-export", args=[run.pk])).status_code == 200


def test_export_is_the_stored_run(client, world, staff, saved, cluster_secretary):
    PersonRating.objects.filter(person=staff["binh"]).update(rating="excellent")  # after the save
    client.force_login(cluster_secretary)
    response = client.get(reverse("awards:run-export", args=[saved.pk]) + f"?code={LDTT}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert cluster_secretary.get_full_name() in str(rows[0][0])  # who saved it, in the title
    assert rows[1][0] == "Mã đối tượng"
    body = {row[0]: row for row in rows[2:]}
    assert set(body) == {staff["an"].code, staff["binh"].code}
    assert body[staff["binh"].code][4] == "không đủ điều kiện"  # as saved, not as now
    assert all(row[2] == LDTT and row[5] and row[7] for row in rows[2:])


def test_compare_page(client, world, staff, saved, council_member):
    PersonRating.objects.filter(person=staff["binh"]).update(rating="excellent")
    client.force_login(council_member)
    response = client.get(reverse("awards:run-compare", args=[saved.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="compare-table"' in text and "Trần Thị Bình" in text
    changes = response.context["cmp"].changes
    assert any(c.subject_id == staff["binh"].pk and c.after == "pass" for c in changes)


def test_inputs_page(client, world, staff, saved, cluster_secretary):
    client.force_login(cluster_secretary)
    response = client.get(reverse("awards:run-subject", args=[saved.pk, "person", staff["an"].pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in text or "HTXSNV" in text
    assert 'id="subject-verdicts"' in text and "Lao động tiên tiến" in text
    unit = reverse("awards:run-subject", args=[saved.pk, "unit", world.thanh_hoa.pk])
    assert client.get(unit).status_code == 200
    missing = reverse("awards:run-subject", args=[saved.pk, "person", 999999])
    assert client.get(missing).status_code == 404


def test_the_timeline_shows_the_latest_saved_verdict(client, world, staff, cluster_secretary):
    first = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
    PersonRating.objects.filter(person=staff["binh"]).update(rating="excellent")
    latest = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
    assert latest.pk != first.pk
    client.force_login(cluster_secretary)
    url = reverse("awards:person-timeline", args=[staff["binh"].pk]) + "?year=2025"
    response = client.get(url)
    assert response.context["stored_run"] == latest
    assert {v.status for v in response.context["stored"] if v.code == LDTT} == {"pass"}
    assert b'id="stored-verdicts"' in response.content
    # the staff member's own page shows it too, without a link to a run she cannot open
    user = f.make_user("binh")
    StaffAccount.objects.create(user=user, person=staff["binh"])
    client.force_login(user)
    own = client.get(reverse("awards:my-page") + "?year=2025")
    assert own.context["stored_run"] == latest and not own.context["stored_link"]
    assert b'id="stored-verdicts"' in own.content


def test_eligibility_command_saves_a_run(tmp_path, world, staff, cluster_secretary, capsys):
    call_command(
        "eligibility",
        "--year",
        "2025",
        "--scope",
        "PT-thanh_hoa",
        "--save",
        "--note",
        "Chốt trước họp",
        "--user",
        cluster_secretary.username,
    )
    run = EligibilityRun.objects.get()
    assert run.note == "Chốt trước họp" and run.created_by == cluster_secretary
    assert StoredVerdict.objects.filter(run=run).count() == run.total
    assert f"{run.pk}" in capsys.readouterr().out
    out = tmp_path / "v.csv"
    call_command(
        "eligibility", "--year", "2025", "--scope", "sector", "--save", "--output", str(out)
    )
    sector = EligibilityRun.objects.get(unit__isnull=True)
    assert sector.created_by_label == "tdkt eligibility"
    assert staff["an"].code in out.read_text(encoding="utf-8-sig")
    for bad in (["--scope", "cluster:1"], ["--scope", "XX"], ["--input", str(out)], []):
        with pytest.raises(CommandError):
            call_command("eligibility", "--year", "2025", "--save", *bad)
    with pytest.raises(CommandError, match="--output"):
        call_command("eligibility", "--year", "2025", "--scope", "sector")
    assert EligibilityRun.objects.count() == 2


def test_a_cluster_table_offers_no_saved_runs(client, world, staff, spc_office):
    client.force_login(spc_office)
    response = client.get(reverse("awards:home") + f"?year=2025&scope=cluster:{world.term.pk}")
    assert response.status_code == 200 and not response.context["can_save"]
    assert b'id="saved-runs"' not in response.content
    sector = client.get(reverse("awards:home") + "?year=2025&scope=sector")
    assert sector.context["can_save"] and b'id="run-save-form"' in sector.content
