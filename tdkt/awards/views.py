"""Pages of the commendation app: gate, then query or service, then render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import modelform_factory
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.awards import services
from tdkt.awards.access import (
    Scope,
    can_edit_catalogue,
    can_save_scope,
    catalogue_model,
    default_scope_key,
    get_entry_for_user,
    get_own_person,
    get_person_history_for_user,
    get_scope_for_user,
    runs_of_scope,
    runs_visible_to,
)
from tdkt.awards.exports import verdicts_xlsx
from tdkt.awards.forms import CatalogueEntryForm, ConfirmForm, OverrideForm, VerdictFilterForm
from tdkt.awards.models import (
    CommendationForm,
    EligibilityRun,
    EmulationTitle,
    Parameter,
    RuleVersion,
)
from tdkt.awards.queries import filter_verdicts, person_timeline, status_counts, verdicts_for
from tdkt.awards.rules import MODULES
from tdkt.awards.runs import latest_stored_for_person
from tdkt.awards.votes import apply_council_outcomes
from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.db import vi
from tdkt.core.models import AuditEvent
from tdkt.org.access import (
    active_roles,
    can_edit_person,
    can_edit_unit,
    get_person_for_user,
    has_any_role,
    is_sector_wide,
    unit_scope_ids,
)
from tdkt.org.models import ClusterTerm, Organisation, Person, Unit

PAGE_SIZE = 50


def _scope_choices(request: AuthedRequest, year: int) -> list[tuple[str, str]]:
    roles = active_roles(request.user)
    choices: list[tuple[str, str]] = []
    unit_ids = [r.unit_id for r in roles if r.unit_id]
    for unit in Unit.objects.filter(pk__in=unit_ids).order_by(vi("name")):
        choices.append((f"unit:{unit.pk}", unit.name))
        choices += [(f"unit:{c.pk}", f"— {c.name}") for c in unit.children.order_by(vi("name"))]
    if is_sector_wide(request.user):
        choices.append(("sector", _("the whole sector")))
        terms = ClusterTerm.objects.filter(year=year).order_by("cluster__number")
        choices += [(f"cluster:{t.pk}", str(t)) for t in terms]
        courts = (
            Unit.objects.exclude(level=Unit.Level.DEPARTMENT)
            .valid_on(Organisation.current().year_bounds(year)[1])
            .order_by(vi("name"))
        )
        choices += [(f"unit:{u.pk}", u.name) for u in courts]
    return list(dict.fromkeys(choices))


def _table(request: AuthedRequest) -> tuple[VerdictFilterForm, Scope | None, list, int]:  # type: ignore[type-arg]
    if not has_any_role(request.user):
        raise Http404
    org = Organisation.current()
    params = request.GET.copy()
    params.setdefault("year", str(org.year_of(timezone.localdate()) - 1))
    params.setdefault("scope", default_scope_key(request.user) or "")
    raw_year, scope_key = str(params.get("year", "")), str(params.get("scope", ""))
    year = int(raw_year) if raw_year.isdigit() else org.year_of(timezone.localdate())
    codes = [
        (e.code, e.name)
        for model in (EmulationTitle, CommendationForm)
        for e in model.objects.exclude(rule="").order_by("rank")
        if e.rule in MODULES
    ]
    scope = get_scope_for_user(request.user, scope_key) if scope_key else None
    scopes = _scope_choices(request, year)
    if scope is not None and scope.key not in dict(scopes):
        scopes.insert(0, (scope.key, scope.label))
    form = VerdictFilterForm(params, scopes=scopes, codes=codes)
    if scope is None or not form.is_valid():
        return form, None, [], year
    verdicts = verdicts_for(
        year=form.cleaned_data["year"], unit_ids=scope.unit_ids, as_of=form.cleaned_data["as_of"]
    )
    apply_council_outcomes(verdicts, year=form.cleaned_data["year"])
    return form, scope, verdicts, form.cleaned_data["year"]


@require_GET
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    """The verdict table of a unit, a cluster or the sector for an emulation year."""
    form, scope, verdicts, year = _table(request)
    counts = status_counts(verdicts)
    shown = verdicts
    if form.is_valid():
        data = form.cleaned_data
        shown = filter_verdicts(verdicts, status=data["status"], code=data["code"], query=data["q"])
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "scope": scope,
        "year": year,
        "counts": counts,
        "page": Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page")),
        "qs": params.urlencode(),
        "total": len(verdicts),
        "writable": unit_scope_ids(request.user, write=True),
        "next": request.get_full_path(),
        "can_save": scope is not None and can_save_scope(request.user, scope),
        "saved_count": (
            runs_of_scope(runs_visible_to(request.user), scope.key).filter(year=year).count()
            if scope is not None
            else 0
        ),
        "as_of": form.cleaned_data.get("as_of") if form.is_valid() else None,
    }
    template = (
        "awards/verdict_list.html#verdict-results"
        if is_htmx(request)
        else "awards/verdict_list.html"
    )
    return render(request, template, context)


@require_GET
@login_required
def verdict_export(request: AuthedRequest) -> HttpResponse:
    form, scope, verdicts, year = _table(request)
    if scope is None:
        return render(
            request,
            "awards/verdict_list.html",
            {"form": form, "page": None, "year": year},
            status=400,
        )
    data = form.cleaned_data
    shown = filter_verdicts(verdicts, status=data["status"], code=data["code"], query=data["q"])
    title = _("Eligibility %(year)s — %(scope)s") % {"year": year, "scope": scope.label}
    response = HttpResponse(
        verdicts_xlsx(shown, title=title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="xet-khen-thuong-{year}.xlsx"'
    return response


def _timeline_context(request: AuthedRequest, person, own: bool) -> dict[str, object]:  # type: ignore[no-untyped-def]
    org = Organisation.current()
    raw = request.GET.get("year", "")
    year = (
        int(raw)
        if raw.isdigit() and 2000 <= int(raw) <= 2100
        else org.year_of(timezone.localdate()) - 1
    )
    timeline = person_timeline(person, year=year)
    apply_council_outcomes(timeline.verdicts, year=year)
    owners = {a.unit_id for row in timeline.years for a in row.awards}
    # the latest saved run holding them: any run for their own page, else the runs in reach
    visible = runs_visible_to(request.user)
    runs = EligibilityRun.objects.all() if own else visible
    stored_run, stored = latest_stored_for_person(person.pk, year=year, runs=runs)
    live = {v.code: v.status for v in timeline.verdicts}
    return {
        "timeline": timeline,
        "year": year,
        "own": own,
        "writable": {u for u in owners if not own and can_edit_unit(request.user, u)},
        "stored_run": stored_run,
        "stored": stored,
        "stored_changed": {v.code for v in stored if live.get(v.code, v.status) != v.status},
        "stored_link": stored_run is not None and visible.filter(pk=stored_run.pk).exists(),
    }


@require_GET
@login_required
def person_timeline_view(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_person_history_for_user(request.user, pk)
    return render(request, "awards/person_timeline.html", _timeline_context(request, person, False))


@require_GET
@login_required
def my_page(request: AuthedRequest) -> HttpResponse:
    person = get_own_person(request.user)
    return render(request, "awards/person_timeline.html", _timeline_context(request, person, True))


@require_GET
@login_required
def catalogue(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    context = {
        "titles": EmulationTitle.objects.order_by("rank", vi("name")),
        "forms": CommendationForm.objects.order_by("rank", vi("name")),
        "parameters": Parameter.objects.order_by("key", "scope", "valid_from"),
        "rules": RuleVersion.objects.order_by("rule_id", "valid_from"),
        "confirm_form": ConfirmForm(),
        "can_edit": can_edit_catalogue(request.user),
    }
    return render(request, "awards/catalogue_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def catalogue_edit(request: AuthedRequest, kind: str, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request.user, kind, pk, write=True)
    form_class = modelform_factory(catalogue_model(kind), form=CatalogueEntryForm)
    fresh = type(entry).objects.get(pk=entry.pk)
    form = form_class(request.POST or None, instance=fresh)
    if request.method == "POST" and form.is_valid():
        changed = services.update_entry(entry=entry, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved.") if changed else _("Nothing changed."))
        if is_htmx(request):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = request.build_absolute_uri("/awards/catalogue/")
            return response
        return redirect("awards:catalogue")
    history = AuditEvent.objects.for_object(entry).select_related("actor")[:50]
    template = (
        "awards/catalogue_form.html#entry-form"
        if is_htmx(request)
        else "awards/catalogue_form.html"
    )
    return render(
        request, template, {"form": form, "entry": entry, "kind": kind, "history": history}
    )


@require_POST
@login_required
def version_confirm(request: AuthedRequest, kind: str, pk: int) -> HttpResponse:
    """Confirm a rule version or parameter below C (audited); the Supreme Court office only."""
    if not has_any_role(request.user):
        raise Http404
    version: RuleVersion | Parameter | None = None
    if kind == "rule":
        version = RuleVersion.objects.filter(pk=pk).first()
    elif kind == "parameter":
        version = Parameter.objects.filter(pk=pk).first()
    if version is None:
        raise Http404
    if not can_edit_catalogue(request.user):
        raise PermissionDenied
    form = ConfirmForm(request.POST, prefix=f"{kind}-{pk}")
    if form.is_valid():
        services.confirm_version(
            version=version,
            actor=request.user,
            source=form.cleaned_data["source"],
            today=timezone.localdate(),
        )
        version.refresh_from_db()
    context = {"v": version, "kind": kind, "form": form, "can_edit": True}
    if is_htmx(request):
        return render(request, "awards/_version_row.html", context)
    if form.is_valid():
        messages.success(request, _("Confirmed."))
    else:
        messages.error(request, "; ".join(str(e) for e in form.errors.get("source", [])))
    return redirect("awards:catalogue")


@require_POST
@login_required
def verdict_override(request: AuthedRequest) -> HttpResponse:
    """Decide a verdict by hand, with a reason; an emulation officer in scope only."""
    if not has_any_role(request.user):
        raise Http404
    form = OverrideForm(request.POST)
    kind, _sep, raw = str(request.POST.get("subject", "")).partition(":")
    if not raw.isdigit():
        raise Http404
    subject: Person | Unit
    if kind == "p":
        subject = get_person_for_user(request.user, int(raw))
        owner = _owner_of(subject, request.user)
        allowed = can_edit_person(request.user, subject)
    else:
        unit = Unit.objects.filter(pk=int(raw)).first()
        scope = unit_scope_ids(request.user)
        if unit is None or (scope is not None and unit.pk not in scope):
            raise Http404
        subject, owner, allowed = unit, unit, can_edit_unit(request.user, unit.pk)
    if not allowed or owner is None:
        raise PermissionDenied
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[name].label}: {e}" if name in form.fields else str(e)
            for name, field in form.errors.items()
            for e in field
        )
        if is_htmx(request):
            return HttpResponse(errors, status=422)
        messages.error(request, errors)
    else:
        data = form.cleaned_data
        services.record_override(
            subject=subject,
            owner=owner,
            code=data["code"],
            year=data["year"],
            status=data["status"],
            reason=data["reason"],
            reference=data["reference"],
            actor=request.user,
        )
        if is_htmx(request):
            response = HttpResponse(status=204)
            response["HX-Trigger"] = "verdicts-changed"
            return response
        messages.success(request, _("Saved."))
    target = str(request.POST.get("next", ""))
    return redirect(target if target.startswith("/awards/") else "awards:home")


def _owner_of(person: Person, user: object) -> Unit | None:
    """The unit that owns a decision about `person`: their latest unit the user may write."""
    scope = unit_scope_ids(user, write=True)
    for job in person.employments.select_related("unit").order_by("-start"):
        if scope is None or job.unit_id in scope:
            return job.unit
    return None
