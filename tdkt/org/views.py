"""Pages of the organisation registry: gate, then service, then render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Model, Prefetch, Q, QuerySet, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.db import vi
from tdkt.core.errors import WorkflowError
from tdkt.core.models import AuditEvent
from tdkt.core.text import search_key
from tdkt.org import services
from tdkt.org.access import (
    active_roles,
    can_edit_person,
    can_edit_registry,
    can_edit_term,
    cluster_terms_visible_to,
    get_cluster_term_for_user,
    get_employment_for_user,
    get_person_for_user,
    get_unit_for_user,
    has_any_role,
    people_visible_to,
    unit_scope_ids,
    units_in_scope,
    units_visible_to,
)
from tdkt.org.forms import ClusterTermForm, EmploymentForm, NewPersonForm, PersonForm, UnitForm
from tdkt.org.models import (
    ClusterTerm,
    Employment,
    Organisation,
    Province,
    ProvinceSuccession,
    Unit,
)
from tdkt.org.queries import (
    LineageIndex,
    children_of,
    members_of_term,
    terms_of_unit,
    terms_with_counts,
)

PAGE_SIZE = 25
LEVEL_RANK = Case(
    *(When(level=level, then=Value(rank)) for rank, level in enumerate(Unit.Level.values)),
    default=Value(len(Unit.Level.values)),
    output_field=IntegerField(),
)


def _page(request: AuthedRequest, queryset: QuerySet, size: int = PAGE_SIZE) -> Page:  # type: ignore[type-arg]
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _history(obj: Model, *related: Model) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.for_object(obj, *related).select_related("actor")[:100]


def _query_string(request: AuthedRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    roles = active_roles(request.user)
    org = Organisation.current()
    today = timezone.localdate()
    year = org.year_of(today)
    unit_ids = {r.unit_id for r in roles if r.unit_id}
    term_ids = {r.cluster_term_id for r in roles if r.cluster_term_id}
    my_terms = (
        terms_with_counts()
        .filter(Q(pk__in=term_ids) | Q(memberships__unit_id__in=unit_ids))
        .distinct()
        if roles
        else ClusterTerm.objects.none()
    )
    context = {
        "roles": roles,
        "year": year,
        "year_bounds": org.year_bounds(year),
        "my_terms": my_terms[:10],
        "has_role": bool(roles),
        "unit_count": units_visible_to(request.user).valid_on(today).count() if roles else 0,
        "people_count": people_visible_to(request.user).count() if roles else 0,
    }
    return render(request, "org/home.html", context)


@require_GET
@login_required
def unit_list(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    units = units_visible_to(request.user).select_related("province", "parent")
    query = request.GET.get("q", "")
    level = request.GET.get("level", "")
    on = parse_date(request.GET.get("on", "") or "")
    if query:
        units = units.search(query)
    if level in Unit.Level.values:
        units = units.filter(level=level)
    if on:
        units = units.valid_on(on)
    if query:  # a search lists the higher courts first: "thanh hoa" → the provincial court
        units = units.annotate(level_rank=LEVEL_RANK).order_by("level_rank", vi("name"), "pk")
    else:
        units = units.order_by(vi("name"), "pk")
    context = {
        "page": _page(request, units),
        "query": query,
        "level": level,
        "on": on,
        "levels": Unit.Level.choices,
        "qs": _query_string(request),
    }
    template = "org/unit_list.html#unit-results" if is_htmx(request) else "org/unit_list.html"
    return render(request, template, context)


@require_GET
@login_required
def unit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    index = LineageIndex.load()
    scope = unit_scope_ids(request.user)
    sees_people = scope is None or unit.pk in scope
    today = timezone.localdate()
    staff = (
        Employment.objects.filter(unit=unit)
        .current_on(today)
        .select_related("person")
        .order_by(vi("person__given_name"), vi("person__full_name"))
        if sees_people
        else Employment.objects.none()
    )
    context = {
        "unit": unit,
        "children": children_of(unit),
        "predecessors": index.backward.get(unit.pk, []),
        "successors": index.forward.get(unit.pk, []),
        "terms": terms_of_unit(unit),
        "staff": staff[:200],
        "sees_people": sees_people,
        "can_edit": can_edit_registry(request.user),
        "history": _history(unit),
    }
    return render(request, "org/unit_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def unit_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk, write=True)
    form = UnitForm(request.POST or None, instance=Unit.objects.get(pk=unit.pk))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_unit(unit=unit, actor=request.user, **form.cleaned_data)
        except (WorkflowError, ValidationError) as exc:
            form.add_error(None, getattr(exc, "message", None) or "; ".join(exc.messages))  # type: ignore[union-attr]
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return redirect("org:unit-detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"unit": unit, "form": form})


@require_GET
@login_required
def unit_lineage(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = get_unit_for_user(request.user, pk)
    index = LineageIndex.load()
    on = parse_date(request.GET.get("on", "") or "")
    context = {
        "unit": unit,
        "predecessors": index.predecessors(unit),
        "successors": index.successors(unit),
        "on": on,
        "became": index.successors_on(unit, on) if on else None,
        "history": _history(unit),
    }
    return render(request, "org/unit_lineage.html", context)


@require_GET
@login_required
def cluster_list(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    terms = terms_with_counts().filter(pk__in=cluster_terms_visible_to(request.user).values("pk"))
    years = sorted(set(terms.values_list("year", flat=True)), reverse=True)
    year = request.GET.get("year", "")
    if year.isdigit():
        terms = terms.filter(year=int(year))
    return render(request, "org/cluster_list.html", {"terms": terms, "years": years, "year": year})


@require_GET
@login_required
def term_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    term = get_cluster_term_for_user(request.user, pk)
    memberships = members_of_term(term).prefetch_related(
        Prefetch(
            "unit__children", queryset=Unit.objects.order_by(vi("name")), to_attr="sub_unit_list"
        )
    )
    context = {
        "term": term,
        "memberships": memberships,
        "can_edit": can_edit_term(request.user, term),
        "history": _history(term),
    }
    return render(request, "org/term_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def term_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    term = get_cluster_term_for_user(request.user, pk, write=True)
    edit_members = can_edit_registry(request.user)
    form = ClusterTermForm(
        request.POST or None,
        instance=ClusterTerm.objects.get(pk=term.pk),
        edit_members=edit_members,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        members = data.pop("members", None)
        try:
            with transaction.atomic():
                if members is not None:
                    services.set_term_members(term=term, actor=request.user, units=members)
                services.update_cluster_term(term=term, actor=request.user, **data)
        except (WorkflowError, ValidationError) as exc:
            form.add_error(None, getattr(exc, "message", None) or "; ".join(exc.messages))  # type: ignore[union-attr]
        else:
            messages.success(request, _("Saved."))
            return redirect("org:term-detail", pk=term.pk)
    return render(request, "org/term_form.html", {"term": term, "form": form})


@require_GET
@login_required
def person_list(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    today = timezone.localdate()
    people = people_visible_to(request.user).prefetch_related(
        Prefetch(
            "employments",
            queryset=Employment.objects.current_on(today).select_related("unit").order_by("-start"),
            to_attr="current_jobs",
        )
    )
    query = request.GET.get("q", "")
    if query:
        people = people.search(query)
    unit_id = request.GET.get("unit", "")
    unit = None
    if unit_id.isdigit():
        unit = Unit.objects.filter(pk=int(unit_id)).first()
        people = people.filter(employments__unit_id=int(unit_id)).distinct()
    people = people.order_by(vi("given_name"), vi("full_name"), "pk")
    context = {
        "page": _page(request, people),
        "query": query,
        "unit": unit,
        "qs": _query_string(request),
        "can_create": units_in_scope(request.user, write=True).exists(),
    }
    template = "org/person_list.html#person-results" if is_htmx(request) else "org/person_list.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def person_create(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    units = units_in_scope(request.user, write=True).filter(valid_to__isnull=True)
    if not units.exists():
        raise PermissionDenied
    form = NewPersonForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        job = {k: data.pop(k) for k in ("unit", "position", "is_judge", "start")}
        with transaction.atomic():
            person = services.create_person(actor=request.user, **data)
            services.add_employment(person=person, actor=request.user, **job)
        messages.success(request, _("Saved."))
        return redirect("org:person-detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "person": None})


@require_GET
@login_required
def person_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    employments = list(
        person.employments.select_related("unit", "unit__parent").order_by("-start", "-pk")
    )
    scope = unit_scope_ids(request.user, write=True)
    context = {
        "person": person,
        "employments": employments,
        "editable_units": scope,
        "can_edit": can_edit_person(request.user, person),
        "history": _history(person, *employments),
    }
    return render(request, "org/person_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def person_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, write=True)
    form = PersonForm(request.POST or None, instance=type(person).objects.get(pk=person.pk))
    if request.method == "POST" and form.is_valid():
        changed = services.update_person(person=person, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved.") if changed else _("Nothing changed."))
        return redirect("org:person-detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
@login_required
def employment_create(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk, write=True)
    units = units_in_scope(request.user, write=True)
    form = EmploymentForm(
        request.POST or None, units=units, initial={"start": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        close_previous = data.pop("close_previous", False)
        try:
            services.add_employment(
                person=person, actor=request.user, close_previous=close_previous, **data
            )
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
            return redirect("org:person-detail", pk=person.pk)
    return render(
        request, "org/employment_form.html", {"form": form, "person": person, "employment": None}
    )


@require_http_methods(["GET", "POST"])
@login_required
def employment_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    employment = get_employment_for_user(request.user, pk, write=True)
    units = units_in_scope(request.user, write=True)
    instance = Employment.objects.get(pk=employment.pk)
    form = EmploymentForm(request.POST or None, instance=instance, units=units, with_close=False)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_employment(
                employment=employment, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, "; ".join(exc.messages))
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return redirect("org:person-detail", pk=employment.person_id)
    context = {"form": form, "person": employment.person, "employment": employment}
    return render(request, "org/employment_form.html", context)


@require_GET
@login_required
def province_list(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    query = request.GET.get("q", "")
    provinces = Province.objects.annotate(unit_count=Count("units")).order_by(
        vi("name"), "valid_to"
    )
    if query:
        provinces = provinces.filter(search_key__contains=search_key(query))
    successions = ProvinceSuccession.objects.select_related("predecessor", "successor")
    succ_of: dict[int, list[Province]] = {}
    pred_of: dict[int, list[Province]] = {}
    for s in successions:
        if s.predecessor_id != s.successor_id:
            succ_of.setdefault(s.predecessor_id, []).append(s.successor)
            pred_of.setdefault(s.successor_id, []).append(s.predecessor)
    rows = [(p, succ_of.get(p.pk, []), pred_of.get(p.pk, [])) for p in provinces]
    cutover = dt.date(2025, 7, 1)
    context = {
        "rows": rows,
        "query": query,
        "before_count": sum(
            1 for p, _s, _p in rows if p.valid_from is None or p.valid_from < cutover
        ),
        "after_count": sum(1 for p, _s, _p in rows if p.valid_to is None),
    }
    return render(request, "org/province_list.html", context)
