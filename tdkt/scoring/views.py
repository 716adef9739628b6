"""Score sheets, pledge drafting and statistics pages: gate, then service, then render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.errors import InputError, RowError, WorkflowError
from tdkt.core.models import AuditEvent
from tdkt.movements.http import failure_status
from tdkt.org.access import can_edit_term, cluster_terms_visible_to, is_sector_wide, unit_scope_ids
from tdkt.org.models import ClusterTerm
from tdkt.scoring import sheets
from tdkt.scoring.access import get_criterion_for_user, get_sheet_for_user, require_role
from tdkt.scoring.forms import (
    CriterionAddForm,
    CriterionForm,
    DraftPledgeForm,
    SeedForm,
    SheetImportForm,
    StatisticsImportForm,
)
from tdkt.scoring.models import ScoreSheet, ScoringRound, StatisticImport
from tdkt.scoring.queries import tree
from tdkt.scoring.sheet_io import export_sheet, parse_sheet
from tdkt.scoring.statistics_io import STATISTICS, import_statistics, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _editable_terms(user: Any) -> Any:
    terms = cluster_terms_visible_to(user).order_by("-year", "name")
    return terms.filter(pk__in=[t.pk for t in terms if can_edit_term(user, t)])


def _home_context(request: AuthedRequest, **extra: Any) -> dict[str, Any]:
    terms = _editable_terms(request.user)
    return {
        "sheets": ScoreSheet.objects.annotate(size=Count("criteria")),
        "rounds": ScoringRound.objects.select_related("pledge__term", "sheet").order_by(
            "-pledge__year", "pledge__term__name"
        ),
        "may_seed": is_sector_wide(request.user),
        "seed_form": SeedForm(),
        "draft_form": extra.pop("draft_form", None)
        or (DraftPledgeForm(terms=terms) if terms else None),
        **extra,
    }


@require_GET
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    return render(request, "scoring/home.html", _home_context(request))


@require_POST
@login_required
def sheet_seed(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    if not is_sector_wide(request.user):
        raise PermissionDenied
    form = SeedForm(request.POST)
    if not form.is_valid():
        return render(
            request, "scoring/home.html", _home_context(request, seed_form=form), status=422
        )
    created = sheets.seed_sector_sheets(year=form.cleaned_data["year"], actor=request.user)
    messages.success(request, _("The sector's score sheets are ready."))
    return redirect("scoring:sheet-detail", pk=created[0].pk)


@require_POST
@login_required
def pledge_draft(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    terms = _editable_terms(request.user)
    if not terms:
        raise PermissionDenied
    form = DraftPledgeForm(request.POST, terms=terms)
    if form.is_valid():
        try:
            pledge, _round = sheets.draft_pledge(actor=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("The pledge is drafted; set its targets, then open it for signatures.")
            )
            return redirect("movements:pledge-detail", pk=pledge.pk)
    return render(request, "scoring/home.html", _home_context(request, draft_form=form), status=422)


def _sheet_context(request: AuthedRequest, sheet: ScoreSheet, **extra: Any) -> dict[str, Any]:
    criteria = list(sheet.criteria.order_by("position", "pk"))
    return {
        "sheet": sheet,
        "rows": tree(criteria),
        "in_use": sheets.sheet_in_use(sheet),
        "may_edit": is_sector_wide(request.user),
        "import_form": extra.pop("import_form", None)
        or SheetImportForm(initial={"name": sheet.name, "year": sheet.year, "level": sheet.level}),
        "history": AuditEvent.objects.for_object(sheet, *criteria).select_related("actor")[:100],
        **extra,
    }


@require_GET
@login_required
def sheet_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, pk)
    return render(request, "scoring/sheet_detail.html", _sheet_context(request, sheet))


@require_http_methods(["GET", "POST"])
@login_required
def criterion_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    criterion = get_criterion_for_user(request.user, pk)
    form = CriterionForm(request.POST or None, instance=criterion.__class__.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            sheets.update_criterion(criterion=criterion, actor=request.user, **form.cleaned_data)
        except (WorkflowError, ValidationError) as exc:
            form.add_error(None, _refusal(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("scoring:sheet-detail", pk=criterion.sheet_id)
    template = "scoring/criterion_form.html"
    status = 422 if request.method == "POST" else 200
    return render(request, template, {"criterion": criterion, "form": form}, status=status)


def _refusal(exc: WorkflowError | ValidationError) -> str:
    if isinstance(exc, WorkflowError):
        return exc.message
    return "; ".join(exc.messages)


@require_http_methods(["GET", "POST"])
@login_required
def criterion_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """A new line of a sheet no pledge uses yet, under a group or criterion or at the top."""
    sheet = get_sheet_for_user(request.user, pk, write=True)
    form = CriterionAddForm(
        request.POST or None, sheet=sheet, initial={"parent": request.GET.get("under")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            sheets.add_criterion(sheet=sheet, actor=request.user, **form.cleaned_data)
        except (WorkflowError, ValidationError) as exc:
            form.add_error(None, _refusal(exc))
        else:
            messages.success(request, _("The line was added."))
            return redirect("scoring:sheet-detail", pk=sheet.pk)
    context = {"sheet": sheet, "form": form, "in_use": sheets.sheet_in_use(sheet)}
    status = 422 if request.method == "POST" else 200
    return render(request, "scoring/criterion_add.html", context, status=status)


@require_POST
@login_required
def criterion_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    criterion = get_criterion_for_user(request.user, pk)
    sheet = criterion.sheet
    problem = ""
    try:
        sheets.remove_criterion(criterion=criterion, actor=request.user)
    except WorkflowError as exc:
        problem = exc.message
    if is_htmx(request):
        context = _sheet_context(request, sheet, problem=problem)
        return render(request, "scoring/sheet_detail.html#sheet-criteria", context)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, _("The line was removed."))
    return redirect("scoring:sheet-detail", pk=sheet.pk)


@require_POST
@login_required
def sheet_version(request: AuthedRequest, pk: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, pk, write=True)
    new = sheets.new_version(sheet=sheet, actor=request.user)
    messages.success(request, _("A new version of the sheet was made."))
    return redirect("scoring:sheet-detail", pk=new.pk)


@require_GET
@login_required
def sheet_export(request: AuthedRequest, pk: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, pk)
    return _xlsx(
        export_sheet(sheet), f"tdkt-bang-cham-diem-{sheet.year}-{sheet.level}-v{sheet.version}.xlsx"
    )


@require_POST
@login_required
def sheet_import(request: AuthedRequest, pk: int) -> HttpResponse:
    sheet = get_sheet_for_user(request.user, pk, write=True)
    form = SheetImportForm(request.POST, request.FILES)
    errors: list[RowError] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = parse_sheet(upload.read(), upload.name or "")
            new = sheets.create_sheet(
                name=form.cleaned_data["name"],
                year=form.cleaned_data["year"],
                level=form.cleaned_data["level"],
                rows=rows,
                actor=request.user,
                basis=sheet.basis,
            )
        except InputError as exc:
            errors = exc.errors
        except (WorkflowError, ValidationError) as exc:
            errors = [RowError(None, "", getattr(exc, "message", None) or "; ".join(exc.messages))]  # type: ignore[union-attr]
        else:
            messages.success(request, _("The workbook was imported as a new version."))
            return redirect("scoring:sheet-detail", pk=new.pk)
    context = _sheet_context(request, sheet, import_form=form, import_errors=errors)
    template = (
        "scoring/sheet_detail.html#sheet-import"
        if is_htmx(request)
        else "scoring/sheet_detail.html"
    )
    return render(request, template, context, status=failure_status(request, True))


def _statistics_context(request: AuthedRequest, **extra: Any) -> dict[str, Any]:
    scope = unit_scope_ids(request.user, write=True)
    return {
        "format": STATISTICS,
        "imports": StatisticImport.objects.all()[:20],
        "may_import": scope is None or bool(scope),
        "form": StatisticsImportForm(),
        "terms": ClusterTerm.objects.filter(pk__in=ScoringRound.objects.values("pledge__term")),
        **extra,
    }


@require_GET
@login_required
def statistics(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    return render(request, "scoring/statistics.html", _statistics_context(request))


@require_GET
@login_required
def statistics_template(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    return _xlsx(template_workbook(), "tdkt-thong-ke-mau.xlsx")


@require_POST
@login_required
def statistics_import(request: AuthedRequest) -> HttpResponse:
    require_role(request.user)
    scope = unit_scope_ids(request.user, write=True)
    if scope is not None and not scope:
        raise PermissionDenied
    form = StatisticsImportForm(request.POST, request.FILES)
    errors: list[RowError] = []
    report = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_statistics(
                data=upload.read(),
                filename=upload.name or "",
                actor=request.user,
                writable_unit_ids=scope,
                dry_run=form.cleaned_data["dry_run"],
            )
        except InputError as exc:
            errors = exc.errors
    else:
        errors = [RowError(None, "", str(m)) for field in form.errors.values() for m in field]
    context = _statistics_context(request, form=form, errors=errors, report=report)
    template = (
        "scoring/statistics.html#import-report" if is_htmx(request) else "scoring/statistics.html"
    )
    return render(request, template, context, status=failure_status(request, bool(errors)))
