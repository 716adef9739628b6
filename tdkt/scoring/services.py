"""The scoring workflow: self, peer and final scores, evidence, return, publication.

Every score change is audited with who, when, before, after and the reason (the audit note).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.core.audit import record_event, record_events_bulk, snapshot
from tdkt.core.errors import WorkflowError
from tdkt.core.text import clean_text
from tdkt.documents.models import GeneratedDocument
from tdkt.documents.services import issue_document
from tdkt.movements.models import Pledge
from tdkt.movements.queries import member_unit_ids
from tdkt.org.models import Unit
from tdkt.scoring.doc_kinds import ClusterYearReport
from tdkt.scoring.formulas import q
from tdkt.scoring.models import Assessment, Criterion, Evidence, Score, ScoringRound
from tdkt.scoring.queries import peer_scores_released, scoreboard

EVIDENCE_TYPES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _require_open(scoring_round: ScoringRound) -> None:
    fresh = ScoringRound.objects.select_related("pledge").get(pk=scoring_round.pk)
    if fresh.status != ScoringRound.Status.OPEN:
        raise WorkflowError(_("The scores of this round are published and locked."))
    if fresh.pledge.status != Pledge.Status.LOCKED:
        raise WorkflowError(_("Scoring starts once every member has signed the pledge."))


def _require_member(scoring_round: ScoringRound, unit: Unit) -> None:
    if unit.pk not in member_unit_ids(scoring_round.pledge):
        raise WorkflowError(_("This unit is not a member of the cluster."))


def _check_points(criterion: Criterion, points: Decimal) -> None:
    if not criterion.is_scored:
        raise WorkflowError(_("A group of criteria is not scored itself."))
    if points < 0 or points > criterion.max_points:
        raise WorkflowError(
            _("Expected points from 0 to %(max)s, got %(points)s.")
            % {"max": criterion.max_points, "points": points}
        )


def _save_score(
    *,
    scoring_round: ScoringRound,
    criterion: Criterion,
    subject: Unit,
    scorer: Unit | None,
    kind: str,
    points: Decimal,
    comment: str,
    actor: Any,
    note: str = "",
) -> Score:
    if criterion.sheet_id != scoring_round.sheet_id:
        raise WorkflowError(_("This criterion is not on the round's score sheet."))
    _check_points(criterion, points)
    score = Score.objects.filter(
        round=scoring_round, criterion=criterion, subject=subject, scorer=scorer, kind=kind
    ).first()
    before = snapshot(score, Score.AUDITED_FIELDS) if score else None
    if score is None:
        score = Score(
            round=scoring_round, criterion=criterion, subject=subject, scorer=scorer, kind=kind
        )
    score.points, score.comment = q(points), clean_text(comment)
    score.full_clean()
    score.save()
    after = snapshot(score, Score.AUDITED_FIELDS)
    if before != after:
        record_event(
            f"scoring.score.{kind}",
            actor=actor,
            target=score,
            before=before,
            after=after,
            note=note,
        )
    return score


def assessment_of(scoring_round: ScoringRound, unit: Unit) -> Assessment:
    assessment, _created = Assessment.objects.get_or_create(round=scoring_round, unit=unit)
    return assessment


@transaction.atomic
def save_self_score(
    *,
    scoring_round: ScoringRound,
    unit: Unit,
    criterion: Criterion,
    points: Decimal,
    comment: str,
    actor: Any,
) -> Score:
    _require_open(scoring_round)
    _require_member(scoring_round, unit)
    assessment = assessment_of(scoring_round, unit)
    if assessment.status == Assessment.Status.SUBMITTED:
        raise WorkflowError(_("The self-assessment is submitted; it can change only if returned."))
    return _save_score(
        scoring_round=scoring_round,
        criterion=criterion,
        subject=unit,
        scorer=None,
        kind=Score.Kind.SELF,
        points=points,
        comment=comment,
        actor=actor,
    )


def check_evidence(upload: UploadedFile) -> tuple[str, bytes]:
    """The file's name and first bytes once its type and size are accepted."""
    name = clean_text(upload.name or "")
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in EVIDENCE_TYPES:
        raise WorkflowError(
            _("Expected a PDF, PNG, JPEG or Word (.doc, .docx) file, got “%(name)s”.")
            % {"name": name}
        )
    if (upload.size or 0) > EVIDENCE_MAX_BYTES:
        raise WorkflowError(_("An evidence file may hold at most 10 MB."))
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(EVIDENCE_TYPES[extension]):
        raise WorkflowError(
            _("The content of “%(name)s” is not a .%(extension)s file.")
            % {"name": name, "extension": extension}
        )
    return name, head


@transaction.atomic
def add_evidence(
    *,
    scoring_round: ScoringRound,
    unit: Unit,
    criterion: Criterion,
    upload: UploadedFile,
    actor: Any,
) -> Evidence:
    _require_open(scoring_round)
    _require_member(scoring_round, unit)
    if criterion.sheet_id != scoring_round.sheet_id:
        raise WorkflowError(_("This criterion is not on the round's score sheet."))
    assessment = assessment_of(scoring_round, unit)
    if assessment.status == Assessment.Status.SUBMITTED:
        raise WorkflowError(_("The self-assessment is submitted; it can change only if returned."))
    name, _head = check_evidence(upload)
    evidence = Evidence(
        assessment=assessment,
        criterion=criterion,
        name=name,
        size=upload.size or 0,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    record_event(
        "scoring.evidence.added",
        actor=actor,
        target=assessment,
        after={"criterion": criterion.code, "name": name, "size": evidence.size},
    )
    return evidence


@transaction.atomic
def submit_assessment(
    *, assessment: Assessment, actor: Any, now: dt.datetime | None = None
) -> None:
    _require_open(assessment.round)
    manual = set(
        Criterion.objects.filter(sheet=assessment.round.sheet, method=Criterion.Method.MANUAL)
        .exclude(kind=Criterion.Kind.GROUP)
        .values_list("pk", flat=True)
    )
    scored = set(
        Score.objects.filter(
            round=assessment.round, subject=assessment.unit, kind=Score.Kind.SELF
        ).values_list("criterion_id", flat=True)
    )
    if manual - scored:
        raise WorkflowError(
            _("Score every criterion first: %(count)s still have no self-score.")
            % {"count": len(manual - scored)}
        )
    changed = Assessment.objects.filter(
        pk=assessment.pk, status__in=[Assessment.Status.DRAFT, Assessment.Status.RETURNED]
    ).update(status=Assessment.Status.SUBMITTED, submitted_at=now or timezone.now())
    if not changed:
        raise WorkflowError(_("This self-assessment is already submitted."))
    before = snapshot(assessment, Assessment.AUDITED_FIELDS)
    assessment.refresh_from_db()
    record_event(
        "scoring.assessment.submitted",
        actor=actor,
        target=assessment,
        before=before,
        after=snapshot(assessment, Assessment.AUDITED_FIELDS),
    )


@transaction.atomic
def return_assessment(*, assessment: Assessment, reason: str, actor: Any) -> None:
    _require_open(assessment.round)
    reason = clean_text(reason)
    if not reason:
        raise WorkflowError(_("Give the reason for returning the self-assessment."))
    before = snapshot(assessment, Assessment.AUDITED_FIELDS)
    if not Assessment.objects.filter(pk=assessment.pk, status=Assessment.Status.SUBMITTED).update(
        status=Assessment.Status.RETURNED, return_reason=reason
    ):
        raise WorkflowError(_("Only a submitted self-assessment can be returned."))
    assessment.refresh_from_db()
    record_event(
        "scoring.assessment.returned",
        actor=actor,
        target=assessment,
        before=before,
        after=snapshot(assessment, Assessment.AUDITED_FIELDS),
        note=reason,
    )


@transaction.atomic
def save_peer_score(
    *,
    scoring_round: ScoringRound,
    scorer: Unit,
    subject: Unit,
    criterion: Criterion,
    points: Decimal,
    comment: str,
    actor: Any,
    today: dt.date | None = None,
) -> Score:
    """A peer's score; closed once the peer scores are released, since from then on members see
    each other's scores."""
    if scorer.pk == subject.pk:
        raise WorkflowError(_("A unit cannot score itself as a peer."))
    _require_open(scoring_round)
    _require_member(scoring_round, scorer)
    _require_member(scoring_round, subject)
    if criterion.method != Criterion.Method.MANUAL:
        raise WorkflowError(_("This criterion is computed from the statistics."))
    if peer_scores_released(scoring_round, today):
        raise WorkflowError(
            _("Peer scoring is closed: the deadline has passed or every peer score is in.")
        )
    return _save_score(
        scoring_round=scoring_round,
        criterion=criterion,
        subject=subject,
        scorer=scorer,
        kind=Score.Kind.PEER,
        points=points,
        comment=comment,
        actor=actor,
    )


@transaction.atomic
def set_final_score(
    *,
    scoring_round: ScoringRound,
    subject: Unit,
    criterion: Criterion,
    points: Decimal,
    reason: str,
    actor: Any,
) -> Score:
    reason = clean_text(reason)
    if not reason:
        raise WorkflowError(_("Give the reason for the final score."))
    _require_open(scoring_round)
    _require_member(scoring_round, subject)
    return _save_score(
        scoring_round=scoring_round,
        criterion=criterion,
        subject=subject,
        scorer=None,
        kind=Score.Kind.FINAL,
        points=points,
        comment=reason,
        actor=actor,
        note=reason,
    )


@transaction.atomic
def update_round_settings(*, scoring_round: ScoringRound, actor: Any, **changes: Any) -> bool:
    if scoring_round.is_locked:
        raise WorkflowError(_("The scores of this round are published and locked."))
    before = snapshot(scoring_round, ScoringRound.AUDITED_FIELDS)
    for name, value in changes.items():
        setattr(scoring_round, name, value)
    scoring_round.full_clean()
    scoring_round.save()
    after = snapshot(scoring_round, ScoringRound.AUDITED_FIELDS)
    if before == after:
        return False
    record_event(
        "scoring.round.updated", actor=actor, target=scoring_round, before=before, after=after
    )
    return True


@transaction.atomic
def publish_round(
    *, scoring_round: ScoringRound, actor: Any, now: dt.datetime | None = None
) -> int:
    """Lock the round: every criterion without a final score gets the computed one, kept as a
    final score so the published result no longer depends on later statistics."""
    _require_open(scoring_round)
    board = scoreboard(scoring_round)
    existing = set(
        Score.objects.filter(round=scoring_round, kind=Score.Kind.FINAL).values_list(
            "subject_id", "criterion_id"
        )
    )
    created = [
        Score(
            round=scoring_round,
            criterion=cell.criterion,
            subject=row.unit,
            kind=Score.Kind.FINAL,
            points=cell.final,
            comment=_("Computed at publication."),
        )
        for row in board.rows
        for cell in row.cells
        if cell.final is not None and (row.unit.pk, cell.criterion.pk) not in existing
    ]
    Score.objects.bulk_create(created)
    if not ScoringRound.objects.filter(pk=scoring_round.pk, status=ScoringRound.Status.OPEN).update(
        status=ScoringRound.Status.PUBLISHED, published_at=now or timezone.now()
    ):
        raise WorkflowError(_("The scores of this round are published and locked."))
    record_events_bulk(
        "scoring.score.final",
        actor=actor,
        targets=[(s, None, snapshot(s, Score.AUDITED_FIELDS)) for s in created],
    )
    record_event(
        "scoring.round.published",
        actor=actor,
        target=scoring_round,
        before={"status": ScoringRound.Status.OPEN},
        after={"status": ScoringRound.Status.PUBLISHED},
    )
    scoring_round.refresh_from_db()
    return len(created)


def issue_year_report(*, scoring_round: ScoringRound, actor: Any) -> GeneratedDocument:
    """The cluster's year-end report with the ranking and its chart, as .docx and .pdf, numbered
    in the head court's register and stored on the round (audited by `issue_document`)."""
    if not scoring_round.is_locked:
        raise WorkflowError(_("Publish the scores before issuing the year-end report."))
    kind = ClusterYearReport()
    term = scoring_round.pledge.term
    return issue_document(
        kind=kind,
        content=kind.content_for(scoring_round),
        unit=term.head_unit or term.cluster.organising_unit,
        actor=actor,
        target=scoring_round,
    )
