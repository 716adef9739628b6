"""The pledge becomes the score sheet; self, peer and final scores; secrecy; locking; audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.core.errors import WorkflowError
from tdkt.core.models import AuditEvent
from tdkt.movements import services as pledges
from tdkt.movements.models import Pledge, PledgeItem
from tdkt.movements.queries import signing_status
from tdkt.org.models import ClusterMembership
from tdkt.scoring import services
from tdkt.scoring.models import Assessment, Score, ScoringRound
from tdkt.scoring.queries import peer_scores_released, ranking_for_term, scoreboard
from tdkt.scoring.sheets import draft_pledge, update_criterion
from tests import factories as f

from .factories import add_stat, criterion, make_round, small_sheet

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 evidence"


def _row(scoring_round, unit):
    row = scoreboard(scoring_round).row_for(unit.pk)
    assert row is not None
    return row


def _third_member(world):
    unit = f.make_unit("Tòa án nhân dân tỉnh Hà Tĩnh", parent=world.spc, code="PT-ha_tinh")
    ClusterMembership.objects.create(term=world.term, unit=unit)
    return unit


def test_pledge_locks_when_every_member_has_signed(world):
    pledge, scoring_round = draft_pledge(sheet=small_sheet(), term=world.term, year=2022, actor="t")
    assert [i.criterion_code for i in PledgeItem.objects.filter(pledge=pledge)] == [
        "1.1",
        "2.1",
        "2.2",
        "T1",
        "TR1",
    ]
    item = PledgeItem.objects.get(pledge=pledge, criterion_code="1.1")
    assert item.target == Decimal(88)
    pledges.update_item(item=item, actor="t", commitment="Giải quyết ≥ 90 %", target=Decimal(90))
    pledges.set_override(item=item, unit=world.nghe_an, actor="t", target=Decimal(92))
    with pytest.raises(WorkflowError):
        pledges.set_override(
            item=item, unit=world.spc, actor="t", target=Decimal(1)
        )  # not a member
    pledges.open_for_signing(pledge=pledge, actor="t")
    with pytest.raises(WorkflowError):
        pledges.update_item(
            item=item, actor="t", commitment="", target=Decimal(1)
        )  # no longer a draft
    pledges.sign_pledge(
        pledge=pledge, unit=world.thanh_hoa, signer_name="A", signer_position="Chánh án", actor="t"
    )
    assert [r.unit for r in signing_status(pledge) if r.signature is None] == [world.nghe_an]
    assert pledge.status == Pledge.Status.SIGNING
    with pytest.raises(WorkflowError):
        pledges.sign_pledge(
            pledge=pledge, unit=world.thanh_hoa, signer_name="A", signer_position="B", actor="t"
        )
    pledges.sign_pledge(
        pledge=pledge, unit=world.nghe_an, signer_name="B", signer_position="Chánh án", actor="t"
    )
    assert pledge.status == Pledge.Status.LOCKED
    assert AuditEvent.objects.filter(code="movements.pledge.locked").count() == 1
    # the signed pledge's targets are the round's: the override for Nghệ An, 90 for the rest
    board = scoreboard(scoring_round)
    targets = {r.unit.pk: r.cells[0].target.target for r in board.rows if r.cells[0].target}
    assert targets == {world.thanh_hoa.pk: Decimal(90), world.nghe_an.pk: Decimal(92)}
    with pytest.raises(WorkflowError):
        update_criterion(
            criterion=criterion(scoring_round, "2.1"), actor="t", max_points=Decimal(1)
        )


def test_no_scoring_before_the_pledge_is_signed(world):
    scoring_round = make_round(world.term, sign=False)
    with pytest.raises(WorkflowError):
        services.save_self_score(
            scoring_round=scoring_round,
            unit=world.thanh_hoa,
            criterion=criterion(scoring_round, "2.1"),
            points=Decimal(5),
            comment="",
            actor="t",
        )


def test_a_unit_cannot_score_itself_as_a_peer(world):
    scoring_round = make_round(world.term)
    with pytest.raises(WorkflowError):
        services.save_peer_score(
            scoring_round=scoring_round,
            scorer=world.nghe_an,
            subject=world.nghe_an,
            criterion=criterion(scoring_round, "2.1"),
            points=Decimal(5),
            comment="",
            actor="t",
        )
    assert not Score.objects.exists()


def test_points_outside_the_range_are_refused(world):
    scoring_round = make_round(world.term)
    for points in (Decimal(-1), Decimal("8.01")):
        with pytest.raises(WorkflowError):
            services.save_self_score(
                scoring_round=scoring_round,
                unit=world.nghe_an,
                criterion=criterion(scoring_round, "2.1"),
                points=points,
                comment="",
                actor="t",
            )


def test_self_peer_final_and_publication(world):
    ha_tinh = _third_member(world)
    scoring_round = make_round(world.term)
    c21, c22 = criterion(scoring_round, "2.1"), criterion(scoring_round, "2.2")
    manual = [c21, c22, criterion(scoring_round, "T1"), criterion(scoring_round, "TR1")]
    for unit in (world.thanh_hoa, world.nghe_an, ha_tinh):
        for c in manual:
            services.save_self_score(
                scoring_round=scoring_round,
                unit=unit,
                criterion=c,
                points=Decimal(1) if c.code == "TR1" else min(c.max_points, Decimal(6)),
                comment="",
                actor="t",
            )
        services.submit_assessment(
            assessment=services.assessment_of(scoring_round, unit), actor="t"
        )
    with pytest.raises(WorkflowError):  # submitted: locked until returned
        services.save_self_score(
            scoring_round=scoring_round,
            unit=world.nghe_an,
            criterion=c21,
            points=Decimal(2),
            comment="",
            actor="t",
        )
    assessment = services.assessment_of(scoring_round, world.nghe_an)
    with pytest.raises(WorkflowError):
        services.return_assessment(assessment=assessment, reason="  ", actor="t")
    services.return_assessment(assessment=assessment, reason="Thiếu minh chứng", actor="t")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.RETURNED
    services.save_self_score(
        scoring_round=scoring_round,
        unit=world.nghe_an,
        criterion=c21,
        points=Decimal(7),
        comment="bổ sung",
        actor="t",
    )
    units = [world.thanh_hoa, world.nghe_an, ha_tinh]
    assert not peer_scores_released(scoring_round)
    for scorer in units:
        for subject in units:
            if scorer == subject:
                continue
            for c in manual:
                services.save_peer_score(
                    scoring_round=scoring_round,
                    scorer=scorer,
                    subject=subject,
                    criterion=c,
                    points=Decimal(0) if c.code == "TR1" else Decimal(4),
                    comment="",
                    actor="t",
                )
    assert peer_scores_released(scoring_round)
    with pytest.raises(WorkflowError):  # released: no more peer changes
        services.save_peer_score(
            scoring_round=scoring_round, scorer=world.thanh_hoa, subject=world.nghe_an,
            criterion=c21, points=Decimal(8), comment="", actor="t",
        )  # fmt: skip
    nghe_an = _row(scoring_round, world.nghe_an)
    cell = next(c for c in nghe_an.cells if c.criterion.code == "2.1")
    assert (
        cell.self_points == Decimal(7)
        and cell.peer_points == Decimal(4)
        and cell.final == Decimal(4)
    )
    with pytest.raises(WorkflowError):
        services.set_final_score(
            scoring_round=scoring_round,
            subject=world.nghe_an,
            criterion=c21,
            points=Decimal(6),
            reason="",
            actor="t",
        )
    services.set_final_score(
        scoring_round=scoring_round,
        subject=world.nghe_an,
        criterion=c21,
        points=Decimal(6),
        reason="Đã xác minh",
        actor="t",
    )
    event = AuditEvent.objects.filter(code="scoring.score.final").get()
    assert event.note == "Đã xác minh" and event.after["points"] == "6.00"
    assert AuditEvent.objects.filter(code="scoring.score.self").count() >= 13
    created = services.publish_round(scoring_round=scoring_round, actor="t")
    assert created == 3 * 4 - 1  # the indicator criterion has no figures, hence no points
    assert scoring_round.status == ScoringRound.Status.PUBLISHED
    for call in (
        lambda: services.set_final_score(
            scoring_round=scoring_round,
            subject=world.nghe_an,
            criterion=c21,
            points=Decimal(1),
            reason="x",
            actor="t",
        ),
        lambda: services.save_peer_score(
            scoring_round=scoring_round,
            scorer=world.thanh_hoa,
            subject=world.nghe_an,
            criterion=c21,
            points=Decimal(1),
            comment="",
            actor="t",
        ),
        lambda: services.publish_round(scoring_round=scoring_round, actor="t"),
    ):
        with pytest.raises(WorkflowError):
            call()
    ranking = ranking_for_term(world.term)
    assert ranking[0].unit == world.nghe_an and ranking[0].published
    # the indicator criterion has no statistics: no points, for everyone alike
    assert ranking[0].final_total == Decimal(6) + Decimal(4) + Decimal(4) - Decimal(0)


def test_peer_outlier_is_flagged_and_trimmed(world):
    ha_tinh = _third_member(world)
    extra = f.make_unit("Tòa án nhân dân tỉnh Nam Định", parent=world.spc, code="PT63-nam_dinh")
    ClusterMembership.objects.create(term=world.term, unit=extra)
    scoring_round = make_round(world.term)
    services.update_round_settings(
        scoring_round=scoring_round, actor="t", aggregation="trimmed_mean"
    )
    c21 = criterion(scoring_round, "2.1")
    for scorer, points in (
        (world.thanh_hoa, Decimal(8)),
        (ha_tinh, Decimal(7)),
        (extra, Decimal(1)),
    ):
        services.save_peer_score(
            scoring_round=scoring_round,
            scorer=scorer,
            subject=world.nghe_an,
            criterion=c21,
            points=points,
            comment="",
            actor="t",
        )
    cell = next(c for c in _row(scoring_round, world.nghe_an).cells if c.criterion == c21)
    assert [p.outlier for p in cell.peers if p.scorer_id == extra.pk] == [True]
    assert cell.peer_points == Decimal(7)


def test_peer_scores_are_released_and_closed_after_the_deadline(world):
    scoring_round = make_round(world.term)
    scoring_round.peer_deadline = dt.date(2022, 9, 30)
    scoring_round.save()
    assert not peer_scores_released(scoring_round, today=dt.date(2022, 9, 30))
    assert peer_scores_released(scoring_round, today=dt.date(2022, 10, 1))
    kwargs = {
        "scoring_round": scoring_round, "scorer": world.thanh_hoa, "subject": world.nghe_an,
        "criterion": criterion(scoring_round, "2.1"), "points": Decimal(5), "comment": "",
        "actor": "t",
    }  # fmt: skip
    services.save_peer_score(**kwargs, today=dt.date(2022, 9, 30))
    with pytest.raises(WorkflowError):
        services.save_peer_score(**kwargs, today=dt.date(2022, 10, 1))


def test_indicator_points_from_statistics(world):
    scoring_round = make_round(world.term)
    add_stat(world.nghe_an, dt.date(2021, 10, 1), dt.date(2022, 3, 31), received=50, resolved=40)
    add_stat(world.nghe_an, dt.date(2022, 4, 1), dt.date(2022, 9, 30), received=50, resolved=47)
    add_stat(
        world.nghe_an, dt.date(2022, 10, 1), dt.date(2022, 12, 31), received=50, resolved=0
    )  # next year
    cell = _row(scoring_round, world.nghe_an).cells[0]
    assert cell.actual == Decimal("87.00")  # 87 of 100 over the two periods of 2022
    assert cell.computed == Decimal("9.00")


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("bao-cao.pdf", PDF, True),
        ("anh.png", b"\x89PNG\r\n\x1a\n....", True),
        ("bien-ban.docx", b"PK\x03\x04....", True),
        ("virus.exe", b"MZ....", False),
        ("gia.pdf", b"not a pdf", False),
    ],
)
def test_evidence_type_is_checked(world, name, content, ok):
    scoring_round = make_round(world.term)
    upload = SimpleUploadedFile(name, content)
    kwargs = {
        "scoring_round": scoring_round,
        "unit": world.nghe_an,
        "criterion": criterion(scoring_round, "2.1"),
        "upload": upload,
        "actor": "t",
    }
    if ok:
        evidence = services.add_evidence(**kwargs)
        assert evidence.size == len(content)
    else:
        with pytest.raises(WorkflowError):
            services.add_evidence(**kwargs)


def test_evidence_size_is_checked(world):
    scoring_round = make_round(world.term)
    upload = SimpleUploadedFile("lon.pdf", PDF + b"0" * services.EVIDENCE_MAX_BYTES)
    with pytest.raises(WorkflowError):
        services.add_evidence(
            scoring_round=scoring_round,
            unit=world.nghe_an,
            criterion=criterion(scoring_round, "2.1"),
            upload=upload,
            actor="t",
        )


def test_outstanding_work_lists_what_each_member_still_owes(world):
    from tdkt.scoring.queries import outstanding_work

    scoring_round = make_round(world.term)
    c21 = criterion(scoring_round, "2.1")
    services.save_peer_score(
        scoring_round=scoring_round, scorer=world.thanh_hoa, subject=world.nghe_an,
        criterion=c21, points=Decimal(5), comment="", actor="t",
    )  # fmt: skip
    owed = {o.unit.pk: o for o in outstanding_work(scoring_round)}
    assert owed[world.thanh_hoa.pk].peer_missing == 3  # 4 manual criteria, one given
    assert owed[world.nghe_an.pk].peer_missing == 4
    assert not owed[world.nghe_an.pk].self_submitted
