"""Scoring round pages: self-assessment with evidence, peer scores, final scores, ranking."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.errors import WorkflowError
from tdkt.core.models import AuditEvent
from tdkt.movements.http import failure_status
from tdkt.movements.models import Pledge
from tdkt.org.models import Unit
from tdkt.scoring import services
from tdkt.scoring.access import (
    can_manage_round,
    get_member_for_round,
    get_round_for_user,
    peer_scorer_for,
    require_self_scorer,
    scoring_unit_ids,
)
from tdkt.scoring.charts import chart_rows, ranking_svg
from tdkt.scoring.exports import ranking_workbook
from tdkt.scoring.forms import (
    EvidenceForm,
    FinalScoreForm,
    ReturnForm,
    RoundSettingsForm,
    ScoreForm,
)
from tdkt.scoring.models import Assessment, Criterion, Evidence, Score, ScoringRound
from tdkt.scoring.queries import (
    Scoreboard,
    outstanding_work,
    peer_scores_released,
    scoreboard,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _criterion(scoring_round: ScoringRound, pk: int) -> Criterion:
    criterion = Criterion.objects.filter(sheet=scoring_round.sheet, pk=pk).first()
    if criterion is None:
        raise Http404
    return criterion


def _problem(exc: Exception) -> str:
    if isinstance(exc, WorkflowError):
        return exc.message
    return "; ".join(getattr(exc, "messages", [str(exc)]))


def _apply(
    form: ScoreForm | FinalScoreForm,
    scoring_round: ScoringRound,
    save: Callable[[Criterion, dict[str, Any]], object],
) -> str:
    """Validate a score form and hand it to `save`; the problem to show, or ""."""
    if not form.is_valid():
        return "; ".join(str(m) for errs in form.errors.values() for m in errs)
    try:
        save(_criterion(scoring_round, form.cleaned_data["criterion"]), form.cleaned_data)
    except (WorkflowError, ValidationError) as exc:
        return _problem(exc)
    return ""


def _answer(
    request: AuthedRequest, template: str, fragment: str, context: dict[str, Any], url: str
) -> HttpResponse:
    """The htmx fragment, the page with its problem, or a redirect after success."""
    problem = context.get("problem", "")
    status = failure_status(request, bool(problem))
    if is_htmx(request):
        return render(request, f"{template}#{fragment}", context, status=status)
    if problem:
        return render(request, template, context, status=status)
    return redirect(url)


def _round_context(
    request: AuthedRequest, scoring_round: ScoringRound, **extra: Any
) -> dict[str, Any]:
    board = scoreboard(scoring_round)
    manage = can_manage_round(request.user, scoring_round)
    assessments = {a.unit_id: a for a in Assessment.objects.filter(round=scoring_round)}
    mine = scoring_unit_ids(request.user, scoring_round)
    return {
        "round": scoring_round,
        "board": board,
        "indicator_criteria": [c for c in board.criteria if c.method == Criterion.Method.INDICATOR],
        "members": [
            {
                "row": row,
                "assessment": assessments.get(row.unit.pk),
                "can_self": row.unit.pk in mine,
                "can_peer": bool(mine - {row.unit.pk}),
            }
            for row in board.rows
        ],
        "manage": manage,
        "released": manage or peer_scores_released(scoring_round),
        "outstanding": outstanding_work(scoring_round)
        if manage and not scoring_round.is_locked
        else [],
        "settings_form": extra.pop("settings_form", None)
        or (
            RoundSettingsForm(instance=scoring_round)
            if manage and not scoring_round.is_locked
            else None
        ),
        "history": AuditEvent.objects.for_object(scoring_round).select_related("actor")[:50],
        **extra,
    }


@require_GET
@login_required
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk)
    return render(request, "scoring/round_detail.html", _round_context(request, scoring_round))


@require_POST
@login_required
def round_settings(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk, manage=True)
    form = RoundSettingsForm(request.POST, instance=ScoringRound.objects.get(pk=pk))
    if form.is_valid():
        try:
            services.update_round_settings(
                scoring_round=scoring_round, actor=request.user, **form.cleaned_data
            )
        except (WorkflowError, ValidationError) as exc:
            form.add_error(None, _problem(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("scoring:round-detail", pk=pk)
    context = _round_context(request, scoring_round, settings_form=form)
    return render(request, "scoring/round_detail.html", context, status=422)


@require_POST
@login_required
def round_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk, manage=True)
    try:
        services.publish_round(scoring_round=scoring_round, actor=request.user)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The scores are published and locked."))
    return redirect("scoring:round-detail", pk=pk)


def _assessment_context(
    request: AuthedRequest, scoring_round: ScoringRound, unit: Unit, **extra: Any
) -> dict[str, Any]:
    board = scoreboard(scoring_round)
    row = board.row_for(unit.pk)
    assessment = services.assessment_of(scoring_round, unit) if row else None
    evidence: dict[int, list[Evidence]] = {}
    if assessment is not None:
        for e in Evidence.objects.filter(assessment=assessment):
            evidence.setdefault(e.criterion_id, []).append(e)
    editable = (
        unit.pk in scoring_unit_ids(request.user, scoring_round)
        and not scoring_round.is_locked
        and scoring_round.pledge.status == Pledge.Status.LOCKED
        and assessment is not None
        and assessment.status != Assessment.Status.SUBMITTED
    )
    return {
        "round": scoring_round,
        "unit": unit,
        "row": row,
        "assessment": assessment,
        "evidence": evidence,
        "editable": editable,
        "manage": can_manage_round(request.user, scoring_round),
        "return_form": ReturnForm(),
        "history": AuditEvent.objects.for_object(assessment).select_related("actor")[:50]
        if assessment
        else [],
        **extra,
    }


@require_GET
@login_required
def assessment_detail(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk)
    unit = get_member_for_round(scoring_round, unit_pk)
    return render(
        request, "scoring/assessment_detail.html", _assessment_context(request, scoring_round, unit)
    )


def _assessment_response(
    request: AuthedRequest, scoring_round: ScoringRound, unit: Unit, problem: str = ""
) -> HttpResponse:
    if is_htmx(request):
        context = _assessment_context(request, scoring_round, unit, problem=problem)
        return render(
            request,
            "scoring/assessment_detail.html#self-scores",
            context,
            status=failure_status(request, bool(problem)),
        )
    if problem:
        context = _assessment_context(request, scoring_round, unit, problem=problem)
        return render(request, "scoring/assessment_detail.html", context, status=422)
    return redirect("scoring:assessment-detail", pk=scoring_round.pk, unit_pk=unit.pk)


@require_POST
@login_required
def self_score_save(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk)
    unit = get_member_for_round(scoring_round, unit_pk)
    require_self_scorer(request.user, scoring_round, unit)
    problem = _apply(
        ScoreForm(request.POST),
        scoring_round,
        lambda criterion, data: services.save_self_score(
            scoring_round=scoring_round,
            unit=unit,
            criterion=criterion,
            points=data["points"],
            comment=data["comment"],
            actor=request.user,
        ),
    )
    return _assessment_response(request, scoring_round, unit, problem)


@require_POST
@login_required
def evidence_upload(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk)
    unit = get_member_for_round(scoring_round, unit_pk)
    require_self_scorer(request.user, scoring_round, unit)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        problem = "; ".join(str(m) for errs in form.errors.values() for m in errs)
        return _assessment_response(request, scoring_round, unit, problem)
    criterion = _criterion(scoring_round, form.cleaned_data["criterion"])
    try:
        services.add_evidence(
            scoring_round=scoring_round,
            unit=unit,
            criterion=criterion,
            upload=form.cleaned_data["file"],
            actor=request.user,
        )
    except WorkflowError as exc:
        return _assessment_response(request, scoring_round, unit, exc.message)
    return _assessment_response(request, scoring_round, unit)


@require_GET
@login_required
def evidence_download(request: AuthedRequest, pk: int, evidence_pk: int) -> FileResponse:
    scoring_round = get_round_for_user(request.user, pk)
    evidence = Evidence.objects.filter(pk=evidence_pk, assessment__round=scoring_round).first()
    if evidence is None:
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@require_POST
@login_required
def assessment_submit(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk)
    unit = get_member_for_round(scoring_round, unit_pk)
    require_self_scorer(request.user, scoring_round, unit)
    try:
        services.submit_assessment(
            assessment=services.assessment_of(scoring_round, unit), actor=request.user
        )
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The self-assessment is submitted."))
    return redirect("scoring:assessment-detail", pk=pk, unit_pk=unit_pk)


@require_POST
@login_required
def assessment_return(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk, manage=True)
    unit = get_member_for_round(scoring_round, unit_pk)
    form = ReturnForm(request.POST)
    problem = ""
    if form.is_valid():
        try:
            services.return_assessment(
                assessment=services.assessment_of(scoring_round, unit),
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except WorkflowError as exc:
            problem = exc.message
    else:
        problem = "; ".join(str(m) for errs in form.errors.values() for m in errs)
    if problem:
        context = _assessment_context(
            request, scoring_round, unit, return_form=form, problem=problem
        )
        return render(request, "scoring/assessment_detail.html", context, status=422)
    messages.success(request, _("The self-assessment was returned."))
    return redirect("scoring:assessment-detail", pk=pk, unit_pk=unit_pk)


def _peer_context(
    request: AuthedRequest, scoring_round: ScoringRound, subject: Unit, scorer: Unit, **extra: Any
) -> dict[str, Any]:
    board = scoreboard(scoring_round)
    row = board.row_for(subject.pk)
    given = {
        s.criterion_id: s
        for s in Score.objects.filter(
            round=scoring_round, subject=subject, scorer=scorer, kind=Score.Kind.PEER
        )
    }
    return {
        "round": scoring_round,
        "subject": subject,
        "scorer": scorer,
        "row": row,
        "given": given,
        "editable": not scoring_round.is_locked
        and scoring_round.pledge.status == Pledge.Status.LOCKED,
        **extra,
    }


def _peer_gate(request: AuthedRequest, pk: int, unit_pk: int) -> tuple[ScoringRound, Unit, Unit]:
    scoring_round = get_round_for_user(request.user, pk)
    subject = get_member_for_round(scoring_round, unit_pk)
    scorer = peer_scorer_for(request.user, scoring_round, subject)
    if scorer is None:
        raise PermissionDenied
    return scoring_round, subject, scorer


@require_GET
@login_required
def peer_detail(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round, subject, scorer = _peer_gate(request, pk, unit_pk)
    return render(
        request, "scoring/peer_detail.html", _peer_context(request, scoring_round, subject, scorer)
    )


@require_POST
@login_required
def peer_score_save(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round, subject, scorer = _peer_gate(request, pk, unit_pk)
    problem = _apply(
        ScoreForm(request.POST),
        scoring_round,
        lambda criterion, data: services.save_peer_score(
            scoring_round=scoring_round,
            scorer=scorer,
            subject=subject,
            criterion=criterion,
            points=data["points"],
            comment=data["comment"],
            actor=request.user,
        ),
    )
    context = _peer_context(request, scoring_round, subject, scorer, problem=problem)
    url = reverse("scoring:peer-detail", args=[pk, unit_pk])
    return _answer(request, "scoring/peer_detail.html", "peer-scores", context, url)


def _final_context(
    request: AuthedRequest, scoring_round: ScoringRound, subject: Unit, **extra: Any
) -> dict[str, Any]:
    board = scoreboard(scoring_round)
    scores = Score.objects.filter(round=scoring_round, subject=subject)
    return {
        "round": scoring_round,
        "subject": subject,
        "row": board.row_for(subject.pk),
        "scorers": {
            u.pk: u
            for u in Unit.objects.filter(pk__in=[s.scorer_id for s in scores if s.scorer_id])
        },
        "assessment": services.assessment_of(scoring_round, subject),
        # the secretariat's own trail here: final scores and self-scores, not every peer score
        "history": AuditEvent.objects.for_object(*scores)
        .filter(code__in=["scoring.score.final", "scoring.score.self"])
        .select_related("actor")[:50]
        if scores
        else [],
        **extra,
    }


@require_GET
@login_required
def final_detail(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk, manage=True)
    subject = get_member_for_round(scoring_round, unit_pk)
    return render(
        request, "scoring/final_detail.html", _final_context(request, scoring_round, subject)
    )


@require_POST
@login_required
def final_score_save(request: AuthedRequest, pk: int, unit_pk: int) -> HttpResponse:
    scoring_round = get_round_for_user(request.user, pk, manage=True)
    subject = get_member_for_round(scoring_round, unit_pk)
    problem = _apply(
        FinalScoreForm(request.POST),
        scoring_round,
        lambda criterion, data: services.set_final_score(
            scoring_round=scoring_round,
            subject=subject,
            criterion=criterion,
            points=data["points"],
            reason=data["reason"],
            actor=request.user,
        ),
    )
    context = _final_context(request, scoring_round, subject, problem=problem)
    url = reverse("scoring:final-detail", args=[pk, unit_pk])
    return _answer(request, "scoring/final_detail.html", "final-scores", context, url)


def _ranking_board(request: AuthedRequest, pk: int) -> tuple[ScoringRound, Scoreboard, bool]:
    scoring_round = get_round_for_user(request.user, pk)
    board = scoreboard(scoring_round)
    released = can_manage_round(request.user, scoring_round) or peer_scores_released(scoring_round)
    return scoring_round, board, released


def _title(scoring_round: ScoringRound) -> str:
    return _("Ranking — %(pledge)s") % {"pledge": scoring_round.pledge.title}


def _ranking_page(
    request: AuthedRequest, pk: int, *, template: str = "scoring/ranking.html", **extra: Any
) -> HttpResponse:
    scoring_round, board, released = _ranking_board(request, pk)
    chart = (
        ranking_svg(chart_rows(board.rows), max_total=board.max_total, title=_title(scoring_round))
        if released
        else ""
    )
    context = {
        "round": scoring_round,
        "board": board,
        "released": released,
        "chart": chart,
        "may_report": scoring_round.is_locked and can_manage_round(request.user, scoring_round),
        **extra,
    }
    return render(request, template, context)


@require_GET
@login_required
def ranking(request: AuthedRequest, pk: int) -> HttpResponse:
    return _ranking_page(request, pk)


@require_POST
@login_required
def ranking_report(request: AuthedRequest, pk: int) -> HttpResponse:
    """The secretariat issues the cluster's year-end report from the ranking page."""
    scoring_round = get_round_for_user(request.user, pk, manage=True)
    problem = ""
    try:
        services.issue_year_report(scoring_round=scoring_round, actor=request.user)
    except WorkflowError as exc:
        problem = exc.message
    if is_htmx(request):
        return _ranking_page(
            request, pk, template="scoring/ranking.html#round-documents", report_problem=problem
        )
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, _("The year-end report has been issued as Word and PDF."))
    return redirect("scoring:ranking", pk=pk)


@require_GET
@login_required
def ranking_chart(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round, board, released = _ranking_board(request, pk)
    if not released:
        raise PermissionDenied
    svg = ranking_svg(
        chart_rows(board.rows), max_total=board.max_total, title=_title(scoring_round)
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@require_GET
@login_required
def ranking_export(request: AuthedRequest, pk: int) -> HttpResponse:
    scoring_round, board, released = _ranking_board(request, pk)
    if not released:
        raise PermissionDenied
    response = HttpResponse(ranking_workbook(board, title=_title(scoring_round)), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="tdkt-xep-hang-{scoring_round.pledge.year}.xlsx"'
    )
    return response
