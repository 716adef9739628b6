"""Pages between the verdict table and the council: send candidates, record attestations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tdkt.awards.access import get_scope_for_user
from tdkt.awards.rules import Status, Verdict
from tdkt.awards.services import reviewed_year
from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.errors import WorkflowError
from tdkt.core.text import clean_text
from tdkt.meetings.access import can_run_meeting, get_meeting_for_user
from tdkt.meetings.awards_link import (
    attestation_rows,
    council_rule,
    save_attestations,
    send_candidates,
    sendable_verdicts,
    sessions_for,
    subject_key,
)
from tdkt.meetings.forms import _bootstrap
from tdkt.meetings.models import Meeting
from tdkt.meetings.rules import COUNCIL_TITLES
from tdkt.org.access import can_edit_unit
from tdkt.org.models import Organisation, Unit

NEW = "new"


class SendForm(forms.Form):
    subjects = forms.MultipleChoiceField(
        label=gettext_lazy("candidates"), widget=forms.CheckboxSelectMultiple
    )
    meeting = forms.ChoiceField(label=gettext_lazy("council session"))
    new_date = forms.DateField(
        label=gettext_lazy("date of the new session"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    new_title = forms.CharField(
        label=gettext_lazy("title of the new session"), max_length=300, required=False
    )
    note = forms.CharField(
        label=gettext_lazy("note for the council"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required when a candidate needs review: what the council weighs."),
    )

    def __init__(
        self, *args: Any, verdicts: list[Verdict], sessions: list[Meeting], year: int, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.year = year
        self.review = {subject_key(v) for v in verdicts if v.status == Status.REVIEW}
        subjects: Any = self.fields["subjects"]
        subjects.choices = [(subject_key(v), v.subject_name) for v in verdicts]
        meeting: Any = self.fields["meeting"]
        meeting.choices = [
            *[(str(m.pk), f"{m.title} ({m.date:%d/%m/%Y})") for m in sessions],
            (NEW, _("a new council session")),
        ]
        self.sessions = {str(m.pk): m for m in sessions}
        _bootstrap(self)
        self.fields["subjects"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["new_title"] = clean_text(data.get("new_title", ""))
        data["note"] = clean_text(data.get("note", ""))
        if data.get("meeting") == NEW:
            day: dt.date | None = data.get("new_date")
            if day is None:
                self.add_error("new_date", _("Give the date of the new council session."))
            elif reviewed_year(day) != self.year:
                self.add_error(
                    "new_date",
                    _("A session on this date reviews the year %(other)s, not %(year)s.")
                    % {"other": reviewed_year(day), "year": self.year},
                )
        if set(data.get("subjects", [])) & self.review and not data["note"]:
            self.add_error("note", _("A candidate that needs review is sent with a note."))
        return data


def _target(request: AuthedRequest) -> tuple[Unit, int, str]:
    scope = get_scope_for_user(request.user, request.GET.get("scope", ""))
    if not scope.key.startswith("unit:") or not scope.unit_ids:
        raise Http404
    unit = Unit.objects.get(pk=next(iter(scope.unit_ids)))
    if not can_edit_unit(request.user, unit.pk):
        raise PermissionDenied
    raw = request.GET.get("year", "")
    default = Organisation.current().year_of(timezone.localdate()) - 1
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else default
    code = request.GET.get("code", "") or COUNCIL_TITLES[0].code
    return unit, year, code


@require_http_methods(["GET", "POST"])
@login_required
def awards_send(request: AuthedRequest) -> HttpResponse:
    """Send eligible subjects of the verdict table to a council ballot of the unit."""
    unit, year, code = _target(request)
    rule = council_rule(code)
    verdicts = sendable_verdicts(unit=unit, year=year, code=code) if rule else []
    form = SendForm(
        request.POST if request.method == "POST" else None,
        verdicts=verdicts,
        sessions=sessions_for(unit, year),
        year=year,
    )
    if request.method == "POST" and rule is not None and form.is_valid():
        data = form.cleaned_data
        try:
            sent = send_candidates(
                actor=request.user,
                unit=unit,
                year=year,
                code=code,
                subjects=data["subjects"],
                meeting=form.sessions.get(data["meeting"]),
                new_date=data["new_date"],
                new_title=data["new_title"],
                note=data["note"],
            )
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(n)s candidates sent to the ballot.") % {"n": len(sent.added)},
            )
            url = reverse("meetings:ballot-detail", args=[sent.ballot.pk])
            if is_htmx(request):
                return HttpResponse(status=204, headers={"HX-Redirect": url})
            return redirect(url)
    context = {
        "unit": unit,
        "year": year,
        "code": code,
        "rule": rule,
        "titles": COUNCIL_TITLES,
        "form": form,
        "choices": [
            (subject_key(v), v, subject_key(v) in request.POST.getlist("subjects"))
            for v in verdicts
        ],
        "scope_key": request.GET.get("scope", ""),
        "sessions": form.sessions.values(),
    }
    status = 400 if request.method == "POST" else 200
    template = "meetings/awards_link_send.html"
    if is_htmx(request):
        template += "#send-form"
    return render(request, template, context, status=status)


def _attest_context(request: AuthedRequest, meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "year": reviewed_year(meeting.date),
        "rows": attestation_rows(meeting),
        "can_run": can_run_meeting(request.user, meeting),
    }


@require_http_methods(["GET", "POST"])
@login_required
def awards_attest(request: AuthedRequest, pk: int) -> HttpResponse:
    """The attested(x) criteria of the session's candidates, recorded per subject."""
    meeting = get_meeting_for_user(request.user, pk, write=request.method == "POST")
    if meeting.is_conference:
        raise Http404
    context = _attest_context(request, meeting)
    if request.method == "GET":
        return render(request, "meetings/awards_link_attest.html", context)
    key, code = request.POST.get("subject", ""), request.POST.get("code", "")
    row = next((r for r in context["rows"] if (r.key, r.code) == (key, code)), None)
    if row is None:
        context["error"] = _("Choose a candidate of this session.")
        return render(request, "meetings/awards_link_attest.html", context, status=400)
    indexes = request.POST.getlist("attested")
    if any(not i.isdigit() or int(i) >= len(row.criteria) for i in indexes):
        context["error"] = _("Choose among the criteria listed.")
        return render(request, "meetings/awards_link_attest.html", context, status=400)
    checked = {row.criteria[int(i)].message for i in indexes}
    save_attestations(meeting=meeting, actor=request.user, row=row, checked=checked)
    row.attested, row.recorded = checked, True
    if is_htmx(request):
        context |= {"row": row, "saved": True}
        return render(request, "meetings/awards_link_attest.html#attest-row", context)
    messages.success(request, _("Attestations saved for %(name)s.") % {"name": row.name})
    return redirect("meetings:awards-attest", pk=meeting.pk)
