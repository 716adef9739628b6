"""Saved eligibility runs: save from the verdict table, list, read, export, compare."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tdkt.awards.access import (
    get_run_for_user,
    get_run_scope_for_user,
    runs_of_scope,
    runs_visible_to,
)
from tdkt.awards.exports import verdicts_xlsx
from tdkt.awards.forms import RunFilterForm, RunSaveForm
from tdkt.awards.models import EligibilityRun, StoredInputs, StoredVerdict
from tdkt.awards.rules import MODULES
from tdkt.awards.runs import (
    compare_run,
    filter_stored,
    iter_with_reasons,
    readable_inputs,
    save_run,
    with_reasons,
)
from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.org.access import has_any_role

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_POST
@login_required
def run_save(request: AuthedRequest) -> HttpResponse:
    """ "Lưu kết quả xét": freeze the verdict table of a unit (or the sector) for a year."""
    unit, scope = get_run_scope_for_user(request.user, str(request.POST.get("scope", "")))
    form = RunSaveForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[name].label or name}: {e}"
            for name, field in form.errors.items()
            for e in field
        )
        if is_htmx(request):
            return HttpResponse(errors, status=422)
        messages.error(request, errors)
        return redirect(reverse("awards:home") + "?" + urlencode({"scope": scope.key}))
    data = form.cleaned_data
    run = save_run(
        year=data["year"], unit=unit, as_of=data["as_of"], note=data["note"], actor=request.user
    )
    messages.success(
        request,
        _("Saved: %(count)s verdicts of %(scope)s for %(year)s.")
        % {"count": run.total, "scope": run.scope_label, "year": run.year},
    )
    target = reverse("awards:run-detail", args=[run.pk])
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


@require_GET
@login_required
def run_list(request: AuthedRequest) -> HttpResponse:
    """The saved runs the user may see, newest first; by scope and year when given."""
    if not has_any_role(request.user):
        raise Http404
    runs = runs_visible_to(request.user).select_related("unit")
    scope, year = request.GET.get("scope", ""), request.GET.get("year", "")
    if scope:
        runs = runs_of_scope(runs, scope)
    if year.isdigit():
        runs = runs.filter(year=int(year))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page")),
        "scope": scope,
        "year": year,
        "qs": params.urlencode(),
    }
    return render(request, "awards/run_list.html", context)


def _codes(run: EligibilityRun) -> list[tuple[str, str]]:
    """The titles and forms of the run, in the order of the engine (from the run's record of
    the rule versions used, so without reading its verdicts)."""
    order = {name: module.ORDER for name, module in MODULES.items()}
    used = sorted(run.reference.get("used", []), key=lambda u: order.get(u["rule_id"], 999))
    return list(
        dict.fromkeys(
            (c, n)
            for u in used
            for c, n in zip(u["codes"], u.get("names", u["codes"]), strict=True)
        )
    )


def _filtered(
    request: AuthedRequest, run: EligibilityRun
) -> tuple[RunFilterForm, QuerySet[StoredVerdict]]:
    form = RunFilterForm(request.GET, codes=_codes(run))
    verdicts: QuerySet[StoredVerdict] = StoredVerdict.objects.filter(run=run).order_by("position")
    if form.is_valid():
        data = form.cleaned_data
        verdicts = filter_stored(
            verdicts, status=data["status"], code=data["code"], query=data["q"]
        )
    else:
        verdicts = verdicts.none()
    return form, verdicts


@require_GET
@login_required
def run_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A saved run as the verdict table showed it, with the rule versions it used."""
    run = get_run_for_user(request.user, pk)
    form, verdicts = _filtered(request, run)
    page = Paginator(verdicts, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_reasons(run, page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "run": run,
        "form": form,
        "page": page,
        "qs": params.urlencode(),
        "parameters": [
            p
            for p in run.reference.get("parameters", [])
            if p["valid_from"] <= run.as_of.isoformat()
            and (p["valid_to"] is None or run.as_of.isoformat() <= p["valid_to"])
        ],
    }
    if is_htmx(request):
        return render(request, "awards/run_detail.html#run-results", context)
    return render(request, "awards/run_detail.html", context)


@require_GET
@login_required
def run_export(request: AuthedRequest, pk: int) -> HttpResponse:
    run = get_run_for_user(request.user, pk)
    _form, verdicts = _filtered(request, run)
    title = _("Eligibility %(year)s — %(scope)s, saved on %(day)s by %(by)s") % {
        "year": run.year,
        "scope": run.scope_label,
        "day": timezone.localtime(run.created_at).strftime("%d/%m/%Y %H:%M"),
        "by": run.created_by_label,
    }
    response = HttpResponse(
        verdicts_xlsx(iter_with_reasons(run, verdicts), title=title),
        content_type=XLSX,
    )
    name = f"xet-khen-thuong-{run.year}-luu-{run.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@login_required
def run_compare(request: AuthedRequest, pk: int) -> HttpResponse:
    """ "Đã thay đổi từ lần lưu": the run against the verdicts of today."""
    run = get_run_for_user(request.user, pk)
    comparison = compare_run(run)
    page = Paginator(comparison.changes, PAGE_SIZE * 2).get_page(request.GET.get("page"))
    context = {"run": run, "cmp": comparison, "page": page, "qs": ""}
    return render(request, "awards/run_compare.html", context)


@require_GET
@login_required
def run_subject(request: AuthedRequest, pk: int, kind: str, subject_id: int) -> HttpResponse:
    """One person's or unit's verdicts in a run, and the inputs the engine had for them."""
    run = get_run_for_user(request.user, pk)
    if kind not in ("person", "unit"):
        raise Http404
    inputs = StoredInputs.objects.filter(run=run, subject_kind=kind, subject_id=subject_id).first()
    if inputs is None:
        raise Http404
    verdicts = StoredVerdict.objects.filter(run=run, subject_kind=kind, subject_id=subject_id)
    context = {
        "run": run,
        "inputs": inputs,
        "sections": readable_inputs(kind, inputs.data),
        "raw": json.dumps(inputs.data, ensure_ascii=False, indent=1, sort_keys=True),
        "recruited": parse_date(inputs.data.get("recruited_on") or ""),
        "verdicts": with_reasons(run, verdicts.order_by("position")),
    }
    return render(request, "awards/run_subject.html", context)
