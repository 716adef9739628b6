"""The engine's other inputs: import (one sheet kind per input), a page per person and per unit
to add, edit and end them by hand, and the chain overrides of the Supreme Court office.

Gates: any role reads what the people scope of `org` reaches (an outsider gets 404); the
emulation officer of the owning unit writes and deletes (others 403); chain overrides are written
by the Supreme Court office only (ORG-02)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.awards.io.inputs import MODELS, UnmatchedTitles, run_inputs_import
from tdkt.awards.io.inputs_columns import FORMATS
from tdkt.awards.io.inputs_template import inputs_template
from tdkt.awards.io.manual import (
    DELETABLE,
    PERSON_KINDS,
    UNIT_KINDS,
    delete_input,
    end_hold,
    make_form,
    save_input,
)
from tdkt.awards.models import ChainOverride, Hold
from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.db import vi
from tdkt.core.errors import InputError, RowError
from tdkt.core.formtools import BootstrapMixin, DateInput
from tdkt.org.access import (
    can_edit_person,
    can_edit_registry,
    can_edit_unit,
    get_person_for_user,
    has_any_role,
    unit_scope_ids,
)
from tdkt.org.forms_io import ImportForm
from tdkt.org.models import Person, Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class InputsUploadForm(ImportForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of data"),
        choices=[(k, f.title) for k, f in FORMATS.items()],
    )


class EndHoldForm(BootstrapMixin, forms.Form):
    closed_on = forms.DateField(label=gettext_lazy("closed on"), widget=DateInput())


def _kind(kind: str, allowed: tuple[str, ...] = tuple(FORMATS)) -> str:
    if kind not in allowed:
        raise Http404
    return kind


# --- import ---------------------------------------------------------------------------------


def _import_page(request: AuthedRequest, **context: Any) -> HttpResponse:
    kind = str(request.GET.get("kind") or request.POST.get("kind") or "discipline")
    kind = kind if kind in FORMATS else "discipline"
    context.setdefault("form", InputsUploadForm(initial={"kind": kind}))
    context.setdefault("errors", [])
    context["formats"] = list(FORMATS.values())
    context["spec"] = FORMATS[kind]
    scope = unit_scope_ids(request.user, write=True)
    context["can_import"] = scope != set()
    courts = Unit.objects.exclude(level=Unit.Level.DEPARTMENT).filter(valid_to__isnull=True)
    context["units"] = (courts if scope is None else Unit.objects.filter(pk__in=scope)).order_by(
        vi("name")
    )[:100]
    name = "awards/inputs_import.html"
    return render(request, f"{name}#import-report" if is_htmx(request) else name, context)


def _import_gate(user: Any, kind: str | None = None) -> set[int] | None:
    if not has_any_role(user):
        raise Http404
    scope = unit_scope_ids(user, write=True)
    if (scope is not None and not scope) or (kind == "chain" and not can_edit_registry(user)):
        raise PermissionDenied
    return scope


@require_GET
@login_required
def inputs_import(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    return _import_page(request)


@require_POST
@login_required
def inputs_upload(request: AuthedRequest) -> HttpResponse:
    scope = _import_gate(request.user, str(request.POST.get("kind", "")))
    form = InputsUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [RowError(None, "", str(m)) for field in form.errors.values() for m in field]
        return _import_page(request, form=form, errors=errors)
    kind = form.cleaned_data["kind"]
    try:
        report = run_inputs_import(
            kind,
            data=form.data_bytes,
            filename=form.cleaned_data["file"].name,
            actor=request.user,
            writable_unit_ids=scope,
            dry_run=form.cleaned_data["dry_run"],
        )
    except UnmatchedTitles as exc:
        return _import_page(
            request, form=form, errors=exc.errors, unmatched=sorted(exc.names.items())
        )
    except InputError as exc:
        return _import_page(request, form=form, errors=exc.errors)
    return _import_page(request, form=form, report=report)


@require_GET
@login_required
def inputs_template_view(request: AuthedRequest, kind: str) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    spec = FORMATS[_kind(kind)]
    response = HttpResponse(inputs_template(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="tdkt-{spec.kind}.xlsx"'
    return response


# --- a person's and a unit's records ---------------------------------------------------------


def _owner_of(person: Person, user: Any) -> Unit | None:
    """The unit that owns a new record about `person`: their latest unit the user may write."""
    scope = unit_scope_ids(user, write=True)
    for job in person.employments.select_related("unit").order_by("-start"):
        if scope is None or job.unit_id in scope:
            return job.unit
    return None


def _unit_for_user(user: Any, pk: int) -> Unit:
    if not has_any_role(user):
        raise Http404
    unit = Unit.objects.filter(pk=pk).first()
    scope = unit_scope_ids(user)
    if unit is None or (scope is not None and unit.pk not in scope):
        raise Http404
    return unit


def _person_lists(person: Person) -> list[tuple[str, str, list[Any]]]:
    rows: list[tuple[str, str, list[Any]]] = []
    for kind in PERSON_KINDS:
        manager: Any = MODELS[kind]._default_manager
        found = manager.filter(person=person).order_by("-pk")
        if kind == "initiatives":
            found = found.select_related(
                "claimed_by__title", "claimed_by__form", "claimed_by__person"
            )
        if kind == "transfer_comments":
            found = found.select_related("source_unit", "successor", "recorded_by").order_by(
                "-year", "-given_on", "-pk"
            )
        records = list(found)
        rows.append((kind, str(FORMATS[kind].title), records))
    return rows


def _unit_lists(unit: Unit) -> list[tuple[str, str, list[Any]]]:
    return [
        (
            "unit_ratings",
            str(FORMATS["unit_ratings"].title),
            list(unit.ratings.order_by("-year")),
        ),
        ("holds", str(FORMATS["holds"].title), list(unit.holds.order_by("-opened_on"))),
    ]


def _subject_page(
    request: AuthedRequest, subject: Person | Unit, *, can_edit: bool, **context: Any
) -> HttpResponse:
    is_person = isinstance(subject, Person)
    lists = _person_lists(subject) if isinstance(subject, Person) else _unit_lists(subject)
    context.update(
        subject=subject,
        is_person=is_person,
        lists=lists,
        can_edit=can_edit,
        end_form=EndHoldForm(initial={"closed_on": timezone.localdate()}),
        new_url=reverse(
            "awards:inputs-person-new" if is_person else "awards:inputs-unit-new",
            args=[subject.pk, "KIND"],
        ),
    )
    name = "awards/inputs_subject.html"
    return render(request, f"{name}#inputs-lists" if is_htmx(request) else name, context)


@require_GET
@login_required
def person_inputs(request: AuthedRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    return _subject_page(request, person, can_edit=can_edit_person(request.user, person))


@require_GET
@login_required
def unit_inputs(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = _unit_for_user(request.user, pk)
    return _subject_page(request, unit, can_edit=can_edit_unit(request.user, unit.pk))


def _form_page(
    request: AuthedRequest, *, kind: str, form: Any, back: str, title: str
) -> HttpResponse:
    context = {"form": form, "kind": kind, "back": back, "title": title}
    name = "awards/inputs_form.html"
    # htmx swaps only success codes: its fragment carries the errors with 200
    status = 422 if form.is_bound and form.errors and not is_htmx(request) else 200
    return render(
        request, f"{name}#input-form" if is_htmx(request) else name, context, status=status
    )


def _saved(request: AuthedRequest, back: str, message: str = "") -> HttpResponse:
    messages.success(request, message or _("Saved."))
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = back
        return response
    return redirect(back)


@require_http_methods(["GET", "POST"])
@login_required
def person_input_new(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    kind = _kind(kind, PERSON_KINDS)
    person = get_person_for_user(request.user, pk)
    owner = _owner_of(person, request.user)
    if not can_edit_person(request.user, person) or owner is None:
        raise PermissionDenied
    back = reverse("awards:inputs-person", args=[person.pk])
    form = make_form(kind, request.POST or None, person_id=person.pk)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.unit, obj.person = owner, person
        save_input(kind=kind, obj=obj, actor=request.user)
        return _saved(request, back)
    title = f"{FORMATS[kind].title} — {person.full_name}"
    return _form_page(request, kind=kind, form=form, back=back, title=title)


@require_http_methods(["GET", "POST"])
@login_required
def unit_input_new(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    kind = _kind(kind, UNIT_KINDS)
    unit = _unit_for_user(request.user, pk)
    if not can_edit_unit(request.user, unit.pk):
        raise PermissionDenied
    back = reverse("awards:inputs-unit", args=[unit.pk])
    form = make_form(kind, request.POST or None)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.unit = unit
        if isinstance(obj, Hold):
            obj.recipient_unit = unit
        save_input(kind=kind, obj=obj, actor=request.user)
        return _saved(request, back)
    title = f"{FORMATS[kind].title} — {unit.name}"
    return _form_page(request, kind=kind, form=form, back=back, title=title)


def _record_for_user(user: Any, kind: str, pk: int, *, write: bool) -> Any:
    if not has_any_role(user):
        raise Http404
    manager: Any = MODELS[_kind(kind)]._default_manager
    record = manager.filter(pk=pk).first()
    scope = unit_scope_ids(user)
    if record is None or (kind != "chain" and scope is not None and record.unit_id not in scope):
        raise Http404
    allowed = can_edit_registry(user) if kind == "chain" else can_edit_unit(user, record.unit_id)
    if write and not allowed:
        raise PermissionDenied
    return record


def _back_of(kind: str, record: Any) -> str:
    if kind == "chain":
        return reverse("awards:inputs-chain")
    if getattr(record, "person_id", None):
        return reverse("awards:inputs-person", args=[record.person_id])
    unit_id = record.recipient_unit_id if isinstance(record, Hold) else record.unit_id
    return reverse("awards:inputs-unit", args=[unit_id])


@require_http_methods(["GET", "POST"])
@login_required
def input_edit(request: AuthedRequest, kind: str, pk: int) -> HttpResponse:
    record = _record_for_user(request.user, kind, pk, write=True)
    back = _back_of(kind, record)
    form = make_form(
        kind, request.POST or None, instance=record, person_id=getattr(record, "person_id", None)
    )
    if request.method == "POST" and form.is_valid():
        save_input(kind=kind, obj=form.save(commit=False), actor=request.user)
        return _saved(request, back)
    title = f"{FORMATS[kind].title} — {record}"
    return _form_page(request, kind=kind, form=form, back=back, title=title)


@require_POST
@login_required
def input_delete(request: AuthedRequest, kind: str, pk: int) -> HttpResponse:
    record = _record_for_user(request.user, _kind(kind, DELETABLE), pk, write=True)
    back = _back_of(kind, record)
    delete_input(kind=kind, obj=record, actor=request.user)
    return _saved(request, back, _("Deleted."))


@require_POST
@login_required
def hold_end(request: AuthedRequest, pk: int) -> HttpResponse:
    hold: Hold = _record_for_user(request.user, "holds", pk, write=True)
    back = _back_of("holds", hold)
    form = EndHoldForm(request.POST)
    if form.is_valid() and form.cleaned_data["closed_on"] < hold.opened_on:
        form.add_error(
            "closed_on",
            _("Expected a date not before “%(other)s”.") % {"other": _("opened on")},
        )
    if not form.is_valid():
        errors = "; ".join(str(e) for field in form.errors.values() for e in field)
        if is_htmx(request):
            return HttpResponse(errors, status=422)
        messages.error(request, errors)
        return redirect(back)
    end_hold(hold=hold, day=form.cleaned_data["closed_on"], actor=request.user)
    return _saved(request, back)


# --- chain overrides (ORG-02) ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def chain_overrides(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    can_edit = can_edit_registry(request.user)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = make_form("chain", request.POST or None)
    back = reverse("awards:inputs-chain")
    if request.method == "POST" and form.is_valid():
        save_input(kind="chain", obj=form.save(commit=False), actor=request.user)
        return _saved(request, back)
    scope = unit_scope_ids(request.user)
    records: models.QuerySet[ChainOverride] = ChainOverride.objects.for_units(scope)
    context = {
        "form": form,
        "can_edit": can_edit,
        "records": records.select_related("unit", "title", "decided_by").order_by(
            "unit__code", "title__rank", "year"
        ),
    }
    name = "awards/inputs_chain.html"
    # htmx swaps only success codes: its fragment carries the errors with 200
    status = 422 if form.is_bound and form.errors and not is_htmx(request) else 200
    return render(
        request, f"{name}#chain-form" if is_htmx(request) else name, context, status=status
    )
