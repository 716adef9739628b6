"""From a verdict to a council ballot and back: the whole chain, thresholds, secrecy, pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tdkt.awards.models import CouncilVoteResult, MeetingAttestation
from tdkt.awards.queries import verdicts_for
from tdkt.awards.rules import Status
from tdkt.awards.tests import factories as af
from tdkt.awards.votes import apply_council_outcomes
from tdkt.core.errors import WorkflowError
from tdkt.core.models import AuditEvent
from tdkt.meetings import awards_link, services
from tdkt.meetings.models import Ballot, CastBallot, Meeting, VoterSlot
from tdkt.meetings.tests.factories import cast_all
from tdkt.org.models import Person
from tests import factories as f

D = dt.date
CSTDCS = "grassroots_emulation_fighter"
LDTT = "advanced_worker"
SESSION = D(2025, 11, 20)  # reviews court year 2025 (01/10/2024 – 30/09/2025)
VOTE_ITEM = "vote ≥ 80 %% of all members of the grassroots council"


@pytest.fixture
def candidate(world) -> Person:
    person = f.make_person(
        "Nguyễn Văn An", world.thanh_hoa, start=D(2015, 1, 1), recruited_on=D(2015, 1, 1)
    )
    for year in (2023, 2024, 2025):
        af.rate(person, year, "excellent")
    return person


def _council(world, n: int) -> Meeting:
    meeting = services.create_meeting(
        actor="test",
        kind=Meeting.Kind.COUNCIL,
        unit=world.thanh_hoa,
        title="Phiên họp Hội đồng TĐKT năm 2025",
        date=SESSION,
    )
    for i in range(n):
        person = Person.objects.create(code=f"HD-{i}", full_name=f"Trần Văn Ủy Viên {i}")
        member = services.add_council_member(meeting=meeting, actor="test", person=person)
        services.set_presence(member=member, actor="test", present=True)
    return meeting


def _verdict(world, person: Person, code: str):
    verdicts = [
        v
        for v in verdicts_for(year=2025, unit_ids={world.thanh_hoa.pk})
        if v.subject_kind == "person" and v.subject_id == person.pk and v.code == code
    ]
    apply_council_outcomes(verdicts, year=2025)
    return verdicts[0]


def _vote(world, person: Person, *, members: int, agree: int, code: str = CSTDCS) -> Ballot:
    meeting = _council(world, members)
    sent = awards_link.send_candidates(
        actor="test",
        unit=world.thanh_hoa,
        year=2025,
        code=code,
        subjects=[f"person:{person.pk}"],
        meeting=meeting,
    )
    codes = services.open_ballot(ballot=sent.ballot, actor="test")
    cast_all(codes, sent.ballot, agree)
    return services.close_ballot(ballot=sent.ballot, actor="test")


def test_verdict_lists_the_vote_before_the_meeting(world, candidate):
    verdict = _verdict(world, candidate, CSTDCS)
    assert verdict.status == Status.PASS
    assert VOTE_ITEM in [r.message for r in verdict.remaining]


def test_send_creates_a_draft_ballot_with_the_title_and_its_threshold(world, candidate):
    meeting = _council(world, 3)
    sent = awards_link.send_candidates(
        actor="test",
        unit=world.thanh_hoa,
        year=2025,
        code=CSTDCS,
        subjects=[f"person:{candidate.pk}"],
        meeting=meeting,
    )
    ballot = sent.ballot
    assert (ballot.status, ballot.title_code, ballot.threshold, ballot.base) == (
        Ballot.Status.DRAFT,
        CSTDCS,
        "80%",
        Ballot.Base.ALL,
    )
    assert ballot.title_label == "Chiến sĩ thi đua cơ sở"
    candidate_row = ballot.candidates.get()
    assert (candidate_row.person_id, candidate_row.title_code) == (candidate.pk, CSTDCS)
    again = awards_link.send_candidates(
        actor="test",
        unit=world.thanh_hoa,
        year=2025,
        code=CSTDCS,
        subjects=[f"person:{candidate.pk}"],
        meeting=meeting,
    )
    assert again.ballot == ballot and again.skipped == ["Nguyễn Văn An"]
    assert ballot.candidates.count() == 1


def test_sector_fighter_goes_to_a_90_percent_ballot_of_a_new_session(world, candidate):
    sent = awards_link.send_candidates(
        actor="test",
        unit=world.thanh_hoa,
        year=2025,
        code="sector_emulation_fighter",
        subjects=[f"person:{candidate.pk}"],
        new_date=SESSION,
    )
    assert sent.ballot.threshold == "90%"
    assert sent.ballot.meeting.unit == world.thanh_hoa
    assert sent.ballot.meeting.kind == Meeting.Kind.COUNCIL


def test_a_session_of_another_year_is_refused(world, candidate):
    with pytest.raises(WorkflowError):
        awards_link.send_candidates(
            actor="test",
            unit=world.thanh_hoa,
            year=2024,
            code=CSTDCS,
            subjects=[f"person:{candidate.pk}"],
            new_date=SESSION,
        )
    assert not Meeting.objects.exists()


def test_a_title_without_a_council_threshold_is_refused(world, candidate):
    with pytest.raises(WorkflowError):
        awards_link.send_candidates(
            actor="test",
            unit=world.thanh_hoa,
            year=2025,
            code=LDTT,
            subjects=[f"person:{candidate.pk}"],
            new_date=SESSION,
        )
    assert not Ballot.objects.exists()


def test_passed_vote_shows_the_item_done(world, candidate):
    ballot = _vote(world, candidate, members=21, agree=17)
    result = CouncilVoteResult.objects.get(person=candidate, code=CSTDCS, year=2025)
    assert (result.agree, result.base, result.needed, result.passes) == (17, 21, 17, True)
    assert (result.ballot_id, result.final_hash) == (ballot.pk, ballot.final_hash)
    assert result.meeting_date == SESSION
    verdict = _verdict(world, candidate, CSTDCS)
    assert verdict.status == Status.PASS
    assert VOTE_ITEM not in [r.message for r in verdict.remaining]
    done = [r for r in verdict.reasons if "passed" in r.message]
    assert done and done[0].outcome is True and "01/2024" in done[0].citation
    assert "17" in done[0].text and "21" in done[0].text


def test_failed_vote_turns_the_verdict_to_fail(world, candidate):
    _vote(world, candidate, members=21, agree=16)
    result = CouncilVoteResult.objects.get(person=candidate)
    assert (result.agree, result.needed, result.passes) == (16, 17, False)
    verdict = _verdict(world, candidate, CSTDCS)
    assert verdict.status == Status.FAIL
    failed = [r for r in verdict.reasons if r.outcome is False]
    assert failed and "16" in failed[0].text and "01/2024" in failed[0].citation


def test_ninety_percent_of_21_needs_19(world, candidate):
    _vote(world, candidate, members=21, agree=19, code="sector_emulation_fighter")
    assert CouncilVoteResult.objects.get().passes
    assert CouncilVoteResult.objects.get().needed == 19


def test_ninety_percent_of_21_fails_at_18(world, candidate):
    _vote(world, candidate, members=21, agree=18, code="sector_emulation_fighter")
    result = CouncilVoteResult.objects.get()
    assert (result.agree, result.needed, result.passes) == (18, 19, False)


def test_no_voter_or_ballot_link_reaches_awards(world, candidate):
    ballot = _vote(world, candidate, members=5, agree=4)
    result = CouncilVoteResult.objects.get()
    fields = {f.name for f in CouncilVoteResult._meta.get_fields()}
    assert fields == {
        "id",
        "unit",
        "person",
        "recipient_unit",
        "code",
        "year",
        "agree",
        "base",
        "needed",
        "threshold",
        "passes",
        "ballot_id",
        "round",
        "final_hash",
        "meeting_date",
        "recorded_at",
    }
    leaves = set(CastBallot.objects.filter(ballot=ballot).values_list("leaf", flat=True))
    cast_ids = {str(i) for i in CastBallot.objects.values_list("id", flat=True)}
    members = {str(m) for m in VoterSlot.objects.values_list("member_id", flat=True)}
    events = AuditEvent.objects.filter(code="awards.vote_result.recorded")
    assert events.count() == 1
    text = str(events.get().after) + str(result.__dict__)
    assert not any(leaf in text for leaf in leaves)
    assert not any(i in text for i in cast_ids)
    assert "member" not in text and "slot" not in text
    assert len(members) == 5


def test_record_vote_result_is_idempotent(world, candidate):
    from tdkt.awards.services import record_vote_result

    ballot = _vote(world, candidate, members=5, agree=4)
    again = record_vote_result(
        actor="test",
        council_unit_id=world.thanh_hoa.pk,
        title_code=CSTDCS,
        meeting_date=SESSION,
        ballot_id=ballot.pk,
        round=1,
        threshold="80%",
        base=5,
        needed=4,
        final_hash=ballot.final_hash,
        candidates=ballot.result["candidates"],
    )
    assert again == 0
    assert CouncilVoteResult.objects.count() == 1
    assert AuditEvent.objects.filter(code="awards.vote_result.recorded").count() == 1


def test_conference_ballots_record_nothing_in_awards(world):
    from tdkt.meetings.tests.factories import make_ballot, make_conference

    meeting = make_conference(world.term)
    for member in meeting.members.all():
        services.set_presence(member=member, actor="test", present=True)
    ballot = make_ballot(meeting)
    codes = services.open_ballot(ballot=ballot, actor="test")
    cast_all(codes, ballot, len(codes))
    services.close_ballot(ballot=ballot, actor="test")
    assert not CouncilVoteResult.objects.exists()


def test_attestations_done_or_missing_after_the_meeting(world, candidate):
    ballot = _vote(world, candidate, members=5, agree=5)
    rows = awards_link.attestation_rows(ballot.meeting)
    ldtt = next(r for r in rows if r.code == LDTT)
    assert len(ldtt.criteria) == 2  # targets reached; policy, study and lifestyle
    awards_link.save_attestations(
        meeting=ballot.meeting, actor="test", row=ldtt, checked={ldtt.criteria[0].message}
    )
    assert MeetingAttestation.objects.filter(person=candidate, attested=True).count() == 1
    verdict = _verdict(world, candidate, LDTT)
    assert verdict.status == Status.FAIL
    texts = [r.message for r in verdict.reasons if r.outcome is False]
    assert any(m.startswith("Not attested") for m in texts)
    assert ldtt.criteria[0].message not in [r.message for r in verdict.remaining]
    awards_link.save_attestations(
        meeting=ballot.meeting,
        actor="test",
        row=ldtt,
        checked={c.message for c in ldtt.criteria},
    )
    verdict = _verdict(world, candidate, LDTT)
    assert verdict.status == Status.PASS
    assert not any(m.startswith("the council attests") for m in map(str, verdict.remaining))
    assert AuditEvent.objects.filter(code="awards.attestation.recorded").count() == 2


# ---------------------------------------------------------------- pages


def _send_url(world, code: str = CSTDCS) -> str:
    return (
        f"{reverse('meetings:awards-send')}?scope=unit:{world.thanh_hoa.pk}&year=2025&code={code}"
    )


def test_send_page_lists_eligible_subjects(client, cluster_secretary, world, candidate):
    client.force_login(cluster_secretary)
    response = client.get(_send_url(world))
    assert response.status_code == 200
    assert "Nguyễn Văn An" in response.content.decode()
    assert "80 %" in response.content.decode()


def test_send_page_posts_candidates_to_a_new_session(client, cluster_secretary, world, candidate):
    client.force_login(cluster_secretary)
    response = client.post(
        _send_url(world),
        {"subjects": [f"person:{candidate.pk}"], "meeting": "new", "new_date": "2025-11-20"},
    )
    ballot = Ballot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:ballot-detail", args=[ballot.pk])
    assert ballot.candidates.get().person == candidate


def test_send_page_htmx_redirects(client, cluster_secretary, world, candidate):
    client.force_login(cluster_secretary)
    response = client.post(
        _send_url(world),
        {"subjects": [f"person:{candidate.pk}"], "meeting": "new", "new_date": "2025-11-20"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/meetings/ballots/")


def test_send_page_bad_input_writes_nothing(client, cluster_secretary, world, candidate):
    client.force_login(cluster_secretary)
    response = client.post(
        _send_url(world), {"subjects": [f"person:{candidate.pk}"], "meeting": "new"}
    )
    assert response.status_code == 400
    assert "Nhập ngày của phiên họp mới." in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(
        _send_url(world), {"meeting": "new", "new_date": "2025-11-20"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert 'id="send-form"' in response.content.decode()
    assert "<html" not in response.content.decode()
    assert not Ballot.objects.exists()


def test_send_page_anonymous_goes_to_login(client, world):
    response = client.get(_send_url(world))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_send_page_outsider_gets_404(client, outsider, world):
    client.force_login(outsider)
    assert client.get(_send_url(world)).status_code == 404


def test_send_page_read_only_role_gets_403(client, council_member, world):
    client.force_login(council_member)
    assert client.get(_send_url(world)).status_code == 403


def test_send_page_wrong_method(client, cluster_secretary, world):
    client.force_login(cluster_secretary)
    assert client.put(_send_url(world)).status_code == 405


def _attest_setup(world, candidate):
    ballot = _vote(world, candidate, members=5, agree=5)
    return reverse("meetings:awards-attest", args=[ballot.meeting.pk])


def test_attest_page_saves_per_subject(client, cluster_secretary, world, candidate):
    url = _attest_setup(world, candidate)
    client.force_login(cluster_secretary)
    page = client.get(url)
    assert page.status_code == 200
    assert "hội đồng xác nhận" in page.content.decode().lower()
    response = client.post(
        url, {"subject": f"person:{candidate.pk}", "code": LDTT, "attested": ["0", "1"]}
    )
    assert response.status_code == 302
    assert MeetingAttestation.objects.filter(person=candidate, attested=True).count() == 2


def test_attest_page_htmx_returns_the_row(client, cluster_secretary, world, candidate):
    url = _attest_setup(world, candidate)
    client.force_login(cluster_secretary)
    response = client.post(
        url, {"subject": f"person:{candidate.pk}", "code": LDTT}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert (
        response.status_code == 200
        and "<html" not in body
        and f"attest-person-{candidate.pk}" in body
    )
    assert MeetingAttestation.objects.filter(person=candidate, attested=False).count() == 2


def test_attest_page_bad_input_writes_nothing(client, cluster_secretary, world, candidate):
    url = _attest_setup(world, candidate)
    client.force_login(cluster_secretary)
    response = client.post(url, {"subject": "person:999999", "code": LDTT})
    assert response.status_code == 400
    assert "Chọn một ứng viên của phiên họp này." in response.content.decode()
    response = client.post(
        url, {"subject": f"person:{candidate.pk}", "code": LDTT, "attested": ["7"]}
    )
    assert response.status_code == 400
    assert not MeetingAttestation.objects.exists()


def test_attest_page_access(client, world, candidate, outsider, council_member):
    url = _attest_setup(world, candidate)
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(council_member)
    assert client.get(url).status_code == 200  # a reader sees it
    response = client.post(url, {"subject": f"person:{candidate.pk}", "code": LDTT})
    assert response.status_code == 403
    assert client.delete(url).status_code == 405
    assert not MeetingAttestation.objects.exists()


def test_verdict_table_shows_the_button_and_the_vote(client, cluster_secretary, world, candidate):
    _vote(world, candidate, members=5, agree=3)
    client.force_login(cluster_secretary)
    response = client.get(
        reverse("awards:home"), {"scope": f"unit:{world.thanh_hoa.pk}", "year": 2025}
    )
    body = response.content.decode()
    assert 'id="send-to-council"' in body
    assert "3/5" in body or "3 trên 5" in body


def test_person_page_applies_the_vote(client, cluster_secretary, world, candidate):
    _vote(world, candidate, members=5, agree=3)
    client.force_login(cluster_secretary)
    response = client.get(reverse("awards:person-timeline", args=[candidate.pk]), {"year": 2025})
    assert "3 trên 5" in response.content.decode()


def test_cli_output_applies_the_vote(world, candidate, tmp_path):
    from django.core.management import call_command

    _vote(world, candidate, members=5, agree=3)
    out = tmp_path / "v.csv"
    call_command("eligibility", year=2025, scope=world.thanh_hoa.code, output=str(out))
    import csv

    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    row = next(r for r in rows if r[0] == candidate.code and r[2] == CSTDCS)
    assert row[4] == "không đủ điều kiện"
    assert "3 trên 5" in " ".join(row)


@pytest.mark.parametrize("n", [3, 30])
def test_link_pages_query_budget(
    client, cluster_secretary, world, n, django_assert_max_num_queries
):
    people = []
    for i in range(n):
        person = f.make_person(
            f"Phạm Văn Số {i}", world.thanh_hoa, start=D(2015, 1, 1), recruited_on=D(2015, 1, 1)
        )
        for year in (2023, 2024, 2025):
            af.rate(person, year, "excellent")
        people.append(person)
    meeting = _council(world, 3)
    awards_link.send_candidates(
        actor="test",
        unit=world.thanh_hoa,
        year=2025,
        code=CSTDCS,
        subjects=[f"person:{p.pk}" for p in people],
        meeting=meeting,
    )
    client.force_login(cluster_secretary)
    with django_assert_max_num_queries(60):
        assert client.get(_send_url(world)).status_code == 200
    with django_assert_max_num_queries(60):
        page = client.get(reverse("meetings:awards-attest", args=[meeting.pk]))
    assert page.content.decode().count('name="subject"') == 2 * n  # LĐTT and Giấy khen
