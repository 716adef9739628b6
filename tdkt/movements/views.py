"""Pledge pages: gate, then service, then render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.db import vi
from tdkt.core.errors import WorkflowError
from tdkt.core.models import AuditEvent
from tdkt.movements import services
from tdkt.movements.access import (
    get_pledge_for_user,
    get_pledge_item_for_user,
    pledges_visible_to,
    signable_unit_ids,
)
from tdkt.movements.forms import OverrideForm, PledgeItemForm, SignForm
from tdkt.movements.http import failure_status
from tdkt.movements.models import Pledge, PledgeItem
from tdkt.movements.queries import member_unit_ids, signing_status
from tdkt.org.access import can_edit_term, has_any_role
from tdkt.org.models import Unit


@require_GET
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    if not has_any_role(request.user):
        raise Http404
    pledges = (
        pledges_visible_to(request.user)
        .select_related("term")
        .annotate(signed=Count("signatures", distinct=True))
        .annotate(members=Count("term__memberships", distinct=True))
        .order_by("-year", "term__name")
    )
    return render(request, "movements/home.html", {"pledges": pledges})


def _detail_context(request: AuthedRequest, pledge: Pledge, **extra: Any) -> dict[str, Any]:
    items = list(PledgeItem.objects.filter(pledge=pledge).prefetch_related("overrides__unit"))
    may_edit = can_edit_term(request.user, pledge.term) and pledge.is_editable
    member_units = Unit.objects.filter(pk__in=member_unit_ids(pledge)).order_by(vi("name"))
    signable = Unit.objects.filter(pk__in=signable_unit_ids(request.user, pledge)).order_by(
        vi("name")
    )
    rows = signing_status(pledge)
    signed_ids = {r.unit.pk for r in rows if r.signature}
    signable = signable.exclude(pk__in=signed_ids)
    return {
        "pledge": pledge,
        "items": items,
        "rows": rows,
        "unsigned": [r.unit for r in rows if r.signature is None],
        "signed_count": len(signed_ids),
        "may_edit": may_edit,
        "may_issue": can_edit_term(request.user, pledge.term)
        and pledge.status != Pledge.Status.DRAFT,
        "may_open": can_edit_term(request.user, pledge.term)
        and pledge.status == Pledge.Status.DRAFT,
        "override_form": OverrideForm(units=member_units) if may_edit else None,
        "sign_form": extra.pop("sign_form", None)
        or (
            SignForm(units=signable)
            if signable and pledge.status == Pledge.Status.SIGNING
            else None
        ),
        "history": AuditEvent.objects.for_object(
            pledge, *items, *(r.signature for r in rows if r.signature)
        ).select_related("actor")[:100],
        **extra,
    }


@require_GET
@login_required
def pledge_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, pk)
    return render(request, "movements/pledge_detail.html", _detail_context(request, pledge))


def _items_response(request: AuthedRequest, pledge: Pledge, **extra: Any) -> HttpResponse:
    failed = bool(extra.get("errors") or extra.get("problem"))
    if is_htmx(request):
        context = _detail_context(request, pledge, **extra)
        template = "movements/pledge_detail.html#pledge-items"
        return render(request, template, context, status=failure_status(request, failed))
    if failed:
        return render(
            request,
            "movements/pledge_detail.html",
            _detail_context(request, pledge, **extra),
            status=422,
        )
    return redirect("movements:pledge-detail", pk=pledge.pk)


@require_POST
@login_required
def pledge_item_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_pledge_item_for_user(request.user, pk)
    form = PledgeItemForm(request.POST, prefix=f"item{item.pk}")
    if not form.is_valid():
        return _items_response(request, item.pledge, errors={item.pk: form.errors})
    try:
        services.update_item(item=item, actor=request.user, **form.cleaned_data)
    except WorkflowError as exc:
        return _items_response(request, item.pledge, problem=exc.message)
    return _items_response(request, item.pledge)


@require_POST
@login_required
def pledge_override(request: AuthedRequest, pk: int) -> HttpResponse:
    item = get_pledge_item_for_user(request.user, pk)
    units = Unit.objects.filter(pk__in=member_unit_ids(item.pledge))
    form = OverrideForm(request.POST, units=units, prefix=f"ov{item.pk}")
    if not form.is_valid():
        return _items_response(request, item.pledge, errors={item.pk: form.errors})
    try:
        services.set_override(item=item, actor=request.user, **form.cleaned_data)
    except WorkflowError as exc:
        return _items_response(request, item.pledge, problem=exc.message)
    return _items_response(request, item.pledge)


@require_POST
@login_required
def pledge_open(request: AuthedRequest, pk: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, pk, write=True)
    try:
        services.open_for_signing(pledge=pledge, actor=request.user)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The pledge is open for signatures."))
    return redirect("movements:pledge-detail", pk=pledge.pk)


@require_POST
@login_required
def pledge_sign(request: AuthedRequest, pk: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, pk)
    units = Unit.objects.filter(pk__in=signable_unit_ids(request.user, pledge))
    if not units:
        raise PermissionDenied
    form = SignForm(request.POST, units=units)
    if form.is_valid():
        try:
            services.sign_pledge(pledge=pledge, actor=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
    if form.errors:
        template = "movements/pledge_detail.html"
        if is_htmx(request):
            template += "#signatures"
        context = _detail_context(request, pledge, sign_form=form)
        return render(request, template, context, status=failure_status(request, True))
    if is_htmx(request):
        pledge.refresh_from_db()
        return render(
            request, "movements/pledge_detail.html#signatures", _detail_context(request, pledge)
        )
    messages.success(request, _("Signed."))
    return redirect("movements:pledge-detail", pk=pledge.pk)


@require_POST
@login_required
def pledge_document(request: AuthedRequest, pk: int) -> HttpResponse:
    """The secretariat issues the giao ước as .docx and .pdf; it is listed on the pledge page."""
    pledge = get_pledge_for_user(request.user, pk, write=True)
    problem = ""
    try:
        services.issue_pledge_document(pledge=pledge, actor=request.user)
    except WorkflowError as exc:
        problem = exc.message
    if is_htmx(request):
        context = _detail_context(request, pledge, document_problem=problem)
        return render(request, "movements/pledge_detail.html#pledge-documents", context)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, _("The pledge has been issued as Word and PDF."))
    return redirect("movements:pledge-detail", pk=pledge.pk)
