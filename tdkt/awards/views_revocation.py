"""Pages of revocation (RULES.md GEN-11): an award's page with its revocation and reviews, the
"Thu hồi" form, the decision on a flagged award, the list of awards needing review, and a
unit's award history.

Gates (`awards.access`): any role over the award's owning unit reads (others 404); an emulation
officer of that unit or above, or the Supreme Court office, revokes and decides (others 403).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.awards.access import get_award_for_user, get_collective_for_user, review_scope_ids
from tdkt.awards.models import AwardRecord
from tdkt.awards.models_revocation import ReviewFlag, Revocation
from tdkt.awards.revocation import (
    date_problem,
    keep_award,
    recovery_for,
    revoke_award,
    revoke_flagged,
)
from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.errors import WorkflowError
from tdkt.core.formtools import BootstrapMixin, CleanTextMixin, DateInput
from tdkt.core.models import AuditEvent
from tdkt.core.text import vnd_in_words
from tdkt.org.access import can_edit_unit

PAGE_SIZE = 50
_FLAG_RELATED = (
    "cause__award__title",
    "cause__award__form",
    "cause__award__person",
    "cause__award__recipient_unit",
    "via__title",
    "via__form",
)


class RevokeForm(CleanTextMixin, BootstrapMixin, forms.Form):
    ground = forms.ChoiceField(
        label=gettext_lazy("Ground for revocation (Law ch. VII)"),
        choices=[("", "—"), *Revocation.Ground.choices],
    )
    decision_number = forms.CharField(label=gettext_lazy("Revoking decision number"), max_length=60)
    decision_date = forms.DateField(
        label=gettext_lazy("Revoking decision date"), widget=DateInput()
    )
    issuer = forms.CharField(
        label=gettext_lazy("Issued by"),
        max_length=200,
        help_text=gettext_lazy("Who signed the revoking decision, e.g. Chánh án TAND tỉnh."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, award: AwardRecord, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.award, self.today = award, today

    def clean_decision_date(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("decision_date")
        problem = date_problem(self.award, day, self.today) if day is not None else ""
        if problem:
            raise forms.ValidationError(problem)
        return day


class ResolveForm(RevokeForm):
    """Keep the flagged award with a reason, or revoke it too (then the decision is needed)."""

    KEEP, REVOKE = "kept", "revoked"

    outcome = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            (KEEP, gettext_lazy("Keep the award")),
            (REVOKE, gettext_lazy("Revoke it too")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["outcome", "reason", "ground", "decision_number", "decision_date", "issuer"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["note"]
        self.fields["outcome"].widget.attrs["class"] = "form-check-input"
        for name in ("ground", "decision_number", "decision_date", "issuer"):
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == self.REVOKE:
            for name in ("ground", "decision_number", "decision_date", "issuer"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed to revoke the award."))
        return data


def _flags(award: AwardRecord) -> QuerySet[ReviewFlag]:
    return award.review_flags.select_related(*_FLAG_RELATED, "resolved_by").order_by(
        "status", "-flagged_at"
    )


def _detail_context(request: AuthedRequest, award: AwardRecord, **extra: Any) -> dict[str, Any]:
    revocation = Revocation.objects.filter(award=award).select_related("recorded_by").first()
    caused = (
        list(
            revocation.flags.select_related(
                "award__title", "award__form", "award__person", "award__recipient_unit", "via"
            ).order_by("award__year", "pk")
        )
        if revocation
        else []
    )
    flags = list(_flags(award))
    can_edit = can_edit_unit(request.user, award.unit_id)
    today = timezone.localdate()
    context = {
        "award": award,
        "revocation": revocation,
        "recovery_words": (
            vnd_in_words(revocation.recovery_vnd)
            if revocation and revocation.recovery_vnd is not None
            else ""
        ),
        "flags": flags,
        "open_flags": [f for f in flags if f.status == ReviewFlag.Status.OPEN],
        "caused": caused,
        "can_edit": can_edit,
        "history": AuditEvent.objects.for_object(
            award, *([revocation] if revocation else []), *flags
        ).select_related("actor", "target_type")[:50],
        "resolve_form": ResolveForm(
            award=award, today=today, initial={"decision_date": today, "outcome": "kept"}
        ),
    }
    context.update(extra)
    return context


@require_GET
@login_required
def record_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    award = get_award_for_user(request.user, pk)
    return render(request, "awards/record_detail.html", _detail_context(request, award))


def _done(request: AuthedRequest, award: AwardRecord) -> HttpResponse:
    target = reverse("awards:record-detail", args=[award.pk])
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    return redirect(target)


def _flagged_message(request: AuthedRequest, revocation: Revocation) -> None:
    count = revocation.flags.count()
    messages.success(
        request,
        ngettext(
            "The award is revoked; %(count)s later award that counted it needs review.",
            "The award is revoked; %(count)s later awards that counted it need review.",
            count,
        )
        % {"count": count},
    )


@require_http_methods(["GET", "POST"])
@login_required
def record_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    award = get_award_for_user(request.user, pk, write=True)
    today = timezone.localdate()
    form = RevokeForm(
        request.POST or None, award=award, today=today, initial={"decision_date": today}
    )
    status = 200
    if award.revoked:  # the page says so; a POST goes back to the award with the message
        if request.method == "POST":
            messages.error(request, _("This award is already revoked."))
            return _done(request, award)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            revocation = revoke_award(
                award=award,
                ground=data["ground"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                issuer=data["issuer"],
                note=data["note"],
                actor=request.user,
                today=today,
            )
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            _flagged_message(request, revocation)
        return _done(request, award)
    elif form.is_bound:
        # htmx swaps only success codes: its fragment carries the errors with 200
        status = 200 if is_htmx(request) else 422
    recovery = recovery_for(award)
    context = {
        "award": award,
        "form": form,
        "recovery": recovery,
        "recovery_words": (
            vnd_in_words(recovery.amount_vnd) if recovery.amount_vnd is not None else ""
        ),
    }
    name = "awards/record_revoke.html"
    return render(
        request, f"{name}#revoke-form" if is_htmx(request) else name, context, status=status
    )


@require_POST
@login_required
def record_resolve(request: AuthedRequest, pk: int) -> HttpResponse:
    award = get_award_for_user(request.user, pk, write=True)
    today = timezone.localdate()
    form = ResolveForm(request.POST, award=award, today=today)
    if not form.is_valid():
        context = _detail_context(request, award, resolve_form=form)
        if is_htmx(request):
            return render(request, "awards/record_detail.html#resolve-form", context)
        return render(request, "awards/record_detail.html", context, status=422)
    data = form.cleaned_data
    try:
        if data["outcome"] == ResolveForm.KEEP:
            keep_award(award=award, reason=data["reason"], actor=request.user)
            messages.success(request, _("The award is kept; the review is closed."))
        else:
            revocation = revoke_flagged(
                award=award,
                reason=data["reason"],
                ground=data["ground"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                issuer=data["issuer"],
                actor=request.user,
                today=today,
            )
            _flagged_message(request, revocation)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return _done(request, award)


@require_GET
@login_required
def review_list(request: AuthedRequest) -> HttpResponse:
    """The awards of the user's scope that need review because something they counted was
    revoked, oldest flag first."""
    scope = review_scope_ids(request.user)
    awards = (
        AwardRecord.objects.for_units(scope)
        .filter(review_flags__status=ReviewFlag.Status.OPEN)
        .annotate(open_reviews=Count("review_flags", filter=Q(review_flags__status="open")))
        .select_related("title", "form", "person", "recipient_unit", "unit")
        .order_by("-year", "pk")
    )
    page = Paginator(awards, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [a.pk for a in page.object_list]
    flags: dict[int, list[ReviewFlag]] = {pk: [] for pk in shown}
    for flag in ReviewFlag.objects.filter(
        award_id__in=shown, status=ReviewFlag.Status.OPEN
    ).select_related(*_FLAG_RELATED):
        flags[flag.award_id].append(flag)
    writable = {a.pk for a in page.object_list if can_edit_unit(request.user, a.unit_id)}
    rows = [(a, flags[a.pk], a.pk in writable) for a in page.object_list]
    return render(request, "awards/review_list.html", {"page": page, "rows": rows})


@require_GET
@login_required
def unit_awards(request: AuthedRequest, pk: int) -> HttpResponse:
    """The awards a collective received, with their revocation and review state."""
    unit = get_collective_for_user(request.user, pk)
    awards = (
        AwardRecord.objects.filter(recipient_unit=unit)
        .select_related("title", "form", "unit", "revocation")
        .annotate(open_reviews=Count("review_flags", filter=Q(review_flags__status="open")))
        .order_by("-year", "pk")
    )
    context = {
        "unit": unit,
        "awards": awards,
        "writable": {u for u in {a.unit_id for a in awards} if can_edit_unit(request.user, u)},
    }
    return render(request, "awards/unit_awards.html", context)
