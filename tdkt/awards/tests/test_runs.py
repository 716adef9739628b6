"""Saved eligibility runs: what is stored, that it never changes, and the comparison."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from tdkt.awards.models import (
    EligibilityRun,
    PersonRating,
    RuleVersion,
    StoredInputs,
    StoredReasons,
    StoredVerdict,
)
from tdkt.awards.runs import compare_run, live_verdicts, save_run, with_reasons
from tdkt.awards.services import record_override, record_vote_result
from tdkt.awards.tests import factories as af
from tdkt.core.errors import WorkflowError
from tdkt.core.models import AuditEvent
from tests import factories as f

pytestmark = pytest.mark.django_db
D = dt.date
LDTT = "advanced_worker"
CSTDCS = "grassroots_emulation_fighter"


@pytest.fixture
def staff(world):
    an = f.make_person("Nguyễn Văn An", world.thanh_hoa, recruited_on=D(2015, 1, 1))
    binh = f.make_person("Trần Thị Bình", world.thanh_hoa, recruited_on=D(2015, 1, 1))
    for year in (2023, 2024, 2025):
        af.rate(an, year, "excellent")
    af.rate(binh, 2025, "good")
    af.award(an, LDTT, 2024)
    af.hold(binh, D(2025, 9, 1), source_document="CV 12/TA")
    return {"an": an, "binh": binh}


def _vote(court, person, *, agree):
    """The grassroots council's CSTĐCS ballot on one person: 17 of 21 needed."""
    record_vote_result(
        actor="test",
        council_unit_id=court.pk,
        title_code=CSTDCS,
        meeting_date=D(2025, 11, 20),
        ballot_id=1,
        round=1,
        threshold="80%",
        base=21,
        needed=17,
        final_hash="ab" * 32,
        candidates=[
            {"person_id": person.pk, "unit_id": None, "agree": agree, "passes": agree >= 17}
        ],
    )


def _stored(run, person, code):
    verdict = StoredVerdict.objects.get(
        run=run, subject_kind="person", subject_id=person.pk, code=code
    )
    return with_reasons(run, [verdict])[0]


def test_a_run_stores_versions_reasons_and_inputs(world, staff, cluster_secretary):
    _facts, live = live_verdicts(year=2025, unit_ids={world.thanh_hoa.pk}, as_of=None)
    run = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary, note="  Trước họp ")
    assert run.total == len(live) == StoredVerdict.objects.filter(run=run).count()
    assert run.note == "Trước họp" and run.as_of == D(2025, 10, 1)
    assert run.created_by == cluster_secretary and run.created_by_label
    assert run.counts["deferred"] == sum(v.status == "deferred" for v in live)
    stored = {
        (v.subject_kind, v.subject_id, v.code): v for v in StoredVerdict.objects.filter(run=run)
    }
    with translation.override("vi"):
        for position, verdict in enumerate(live):
            row = stored[(verdict.subject_kind, verdict.subject_id, verdict.code)]
            assert row.position == position  # the order of the verdict table
            assert (row.rule_id, row.rule_version, row.legal_basis, row.as_of, row.status) == (
                verdict.rule_id,
                verdict.rule_version,
                verdict.legal_basis,
                verdict.as_of,
                verdict.status,
            )
        an = _stored(run, staff["an"], LDTT)
        live_an = next(v for v in live if v.subject_id == staff["an"].pk and v.code == LDTT)
        assert an.reason_texts == live_an.reason_texts  # the Vietnamese text, as shown
        assert an.remaining_texts == live_an.remaining_texts
        first = an.reason_set.reasons[0]
        assert set(first) == {"message", "params", "citation", "outcome", "text"}
        assert first["message"] == live_an.reasons[0].message
    # the inputs: once per subject, with the ratings and awards the engine had
    inputs = StoredInputs.objects.get(run=run, subject_kind="person", subject_id=staff["an"].pk)
    assert inputs.data["ratings"]["2025"] == ["excellent", None]
    assert str(2024) in inputs.data["awards"][LDTT]
    assert StoredInputs.objects.filter(run=run).count() == run.subjects
    unit = StoredInputs.objects.get(run=run, subject_kind="unit", subject_id=world.thanh_hoa.pk)
    assert set(unit.data["members"]) >= {staff["an"].pk, staff["binh"].pk}
    assert {r["rule_id"] for r in run.reference["rules"]} >= {LDTT, CSTDCS}
    assert any(u["rule_id"] == LDTT and LDTT in u["codes"] for u in run.reference["used"])
    assert run.reference["software"].startswith("tdkt")
    # distinct reason lists are stored once: fewer sets than verdicts
    assert StoredReasons.objects.filter(run=run).count() < run.total
    event = AuditEvent.objects.get(code="awards.eligibility_run.saved")
    assert event.after["verdicts"] == run.total and event.after["scope"] == world.thanh_hoa.name


def test_stored_reasons_render_again_in_another_language(world, staff, cluster_secretary):
    run = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
    binh = _stored(run, staff["binh"], LDTT)
    assert binh.status == "deferred"
    with translation.override("vi"):
        vietnamese = binh.reason_texts
    with translation.override("en"):
        english = binh.reason_texts
    assert any("01/09/2025" in t and "CV 12/TA" in t for t in vietnamese)
    assert any(t.startswith("Legal hold since 01/09/2025") for t in english)  # dates decoded
    assert vietnamese != english


def test_a_stored_run_never_changes(world, staff, cluster_secretary):
    run = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
    before = list(StoredVerdict.objects.filter(run=run).values_list("status", "rule_version"))
    PersonRating.objects.filter(person=staff["an"], year=2025).update(rating="not_completed")
    save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)  # a new run, the old kept
    after = list(StoredVerdict.objects.filter(run=run).values_list("status", "rule_version"))
    assert before == after and EligibilityRun.objects.count() == 2
    row = StoredVerdict.objects.filter(run=run)[0]
    row.status = "pass"
    with pytest.raises(WorkflowError):
        row.save()
    with pytest.raises(WorkflowError):
        run.delete()
    with pytest.raises(WorkflowError):
        StoredVerdict.objects.filter(run=run).update(status="pass")
    with pytest.raises(WorkflowError):
        StoredInputs.objects.filter(run=run).delete()
    for table in ("awards_storedverdict", "awards_eligibilityrun", "awards_storedinputs"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET id = id")  # noqa: S608  (our own table names)


def test_comparison_names_input_and_rule_version_changes(world, staff, cluster_secretary):
    run = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
    assert compare_run(run).changes == []
    # an input changes: An's 2025 rating is corrected
    PersonRating.objects.filter(person=staff["an"], year=2025).update(rating="not_completed")
    # and the LĐTT rule version in force is given a new legal basis
    version = RuleVersion.objects.get(rule_id=LDTT, version="2025")
    RuleVersion.objects.filter(pk=version.pk).update(
        legal_basis=f"{version.legal_basis}; Thông tư 15/2025/TT-BNV"
    )
    with translation.override("en"):
        cmp = compare_run(run)
    by_key = {(c.subject_id, c.code): c for c in cmp.changes if c.subject_kind == "person"}
    an = by_key[(staff["an"].pk, LDTT)]
    assert (an.before, an.after) == ("pass", "fail")
    assert any(c.startswith("Inputs changed: rating for 2025") for c in an.causes)
    assert any(c.startswith("Rule version changed") and "15/2025" in c for c in an.causes)
    assert any(t.startswith(f"{LDTT} 2025 changed") for t in cmp.rules)
    # Bình's verdicts are as saved: a new basis alone changes no status, so is not listed
    assert not any(
        c.subject_kind == "person" and c.subject_id == staff["binh"].pk for c in cmp.changes
    )
    # the saved run itself is as it was
    assert _stored(run, staff["an"], LDTT).status == "pass"


def test_comparison_names_a_decision_by_hand_and_a_council_vote(world, staff, cluster_secretary):
    run = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
    record_override(
        subject=staff["an"],
        owner=world.thanh_hoa,
        code=LDTT,
        year=2025,
        status="fail",
        reason="Kết luận kiểm tra",
        reference="",
        actor=cluster_secretary,
    )
    _vote(world.thanh_hoa, staff["an"], agree=5)
    with translation.override("en"):
        changes = {
            (c.subject_id, c.code): c
            for c in compare_run(run).changes
            if c.subject_kind == "person"
        }
    ldtt = changes[(staff["an"].pk, LDTT)]
    assert ldtt.after_override == "fail" and any("Decision by hand" in c for c in ldtt.causes)
    cstdcs = changes[(staff["an"].pk, CSTDCS)]
    assert cstdcs.after == "fail" and any("Council outcome" in c for c in cstdcs.causes)
    # a new run stores the decision in force
    again = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
    stored = _stored(again, staff["an"], LDTT)
    assert stored.override == (
        "fail",
        "Kết luận kiểm tra",
        "",
        cluster_secretary.username,
        stored.override_at,
    )
    assert again.count_overridden == 1


def test_comparison_lists_people_who_joined_or_left(world, staff, cluster_secretary):
    run = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
    newcomer = f.make_person("Lê Thị Cúc", world.thanh_hoa, recruited_on=D(2015, 1, 1))
    af.rate(newcomer, 2025, "good")
    with translation.override("en"):
        cmp = compare_run(run)
    joined = [c for c in cmp.changes if c.subject_kind == "person" and c.subject_id == newcomer.pk]
    assert joined and all(c.before == "" and "Not in the saved run" in c.causes[0] for c in joined)
    unit_changes = [c for c in cmp.changes if c.subject_kind == "unit"]
    assert all(c.causes for c in unit_changes)


def test_a_sector_run(world, staff, spc_office):
    other = f.make_person("Phạm Minh Đức", world.nghe_an, recruited_on=D(2015, 1, 1))
    af.rate(other, 2025, "good")
    run = save_run(year=2025, unit=None, actor=spc_office)
    assert run.unit is None and run.scope_key == "sector"
    people = set(
        StoredVerdict.objects.filter(run=run, subject_kind="person").values_list(
            "subject_id", flat=True
        )
    )
    assert {staff["an"].pk, other.pk} <= people


def _people(court, n):
    for index in range(n):
        person = f.make_person(f"Lê Văn {n}-{index}", court, recruited_on=D(2015, 1, 1))
        for year in (2023, 2024, 2025):
            af.rate(person, year, "excellent" if index % 2 else "good")
        if index % 3 == 0:
            af.award(person, LDTT, 2024)


def test_saving_takes_the_same_queries_for_3_and_30_people(
    world, cluster_secretary, django_assert_max_num_queries
):
    for size in (3, 30):
        _people(world.thanh_hoa, size)
        with django_assert_max_num_queries(40):
            run = save_run(year=2025, unit=world.thanh_hoa, actor=cluster_secretary)
        assert StoredVerdict.objects.filter(run=run).count() == run.total > size
        with django_assert_max_num_queries(40):
            compare_run(run)


def test_sorting_ranks_subjects_as_the_table_key_does(world, staff):
    from tdkt.awards.queries import sort_verdicts, verdict_sort_key

    f.make_person("Lê Văn Anh", world.thanh_hoa)
    _facts, verdicts = live_verdicts(year=2025, unit_ids={world.thanh_hoa.pk}, as_of=None)
    expected = sorted(verdicts, key=verdict_sort_key)
    sort_verdicts(verdicts)
    assert [(v.subject_code, v.code) for v in verdicts] == [
        (v.subject_code, v.code) for v in expected
    ]


def test_council_outcomes_of_a_sector_sized_run(world, staff, monkeypatch):
    """Past SUBJECT_FILTER_MAX subjects the year's votes are read without naming them."""
    from tdkt.awards import votes

    _vote(world.thanh_hoa, staff["an"], agree=20)
    for limit in (5000, 0):
        monkeypatch.setattr(votes, "SUBJECT_FILTER_MAX", limit)
        _facts, verdicts = live_verdicts(year=2025, unit_ids={world.thanh_hoa.pk}, as_of=None)
        voted = [v for v in verdicts if any(votes.is_outcome(r.message) for r in v.reasons)]
        assert [(v.subject_id, v.code) for v in voted] == [(staff["an"].pk, CSTDCS)]
