"""Pages of conferences and ballots: gate, then service, then render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tdkt.core.access import AuthedRequest, is_htmx
from tdkt.core.errors import WorkflowError
from tdkt.core.models import AuditEvent
from tdkt.meetings import services, throttle
from tdkt.meetings.access import (
    can_run_meeting,
    get_ballot_for_user,
    get_meeting_for_user,
    meetings_visible_to,
    require_voter,
    terms_runnable_by,
    units_runnable_by,
)
from tdkt.meetings.forms import (
    AgendaItemForm,
    BallotForm,
    CandidateForm,
    CodeForm,
    CouncilMemberForm,
    MeetingEditForm,
    MeetingForm,
    PaperCountForm,
    ResolutionForm,
    VoteCountMinutesForm,
)
from tdkt.meetings.models import Ballot, Candidate, Meeting, Member, VoterSlot
from tdkt.meetings.queries import (
    attendance,
    meeting_minutes,
    meetings_with_counts,
    recount,
    turnout,
    vote_count_minutes,
)
from tdkt.meetings.rules import needed, titles_for
from tdkt.org.models import Employment, Person, Unit
from tdkt.scoring.queries import RankingRow, ranking_for_term

MISMATCH = gettext_lazy(
    "The two tellers' counts differ. Count the paper ballots again and re-enter."
)


def _people_of(unit: Unit | None) -> QuerySet[Person]:
    if unit is None:
        return Person.objects.none()
    today = timezone.localdate()
    staff = Employment.objects.current_on(today).filter(unit__in=[unit, *unit.children.all()])
    return Person.objects.filter(pk__in=staff.values("person_id"))


def _candidate_units(meeting: Meeting) -> QuerySet[Unit]:
    """Member units and their district-level courts (conference), or the unit and its
    sub-units (council), valid on the meeting date."""
    if meeting.term is not None:
        members = meeting.members.values("unit_id")
        scope = Q(pk__in=members) | Q(parent__in=members, level__in=services.DISTRICT_LEVELS)
    else:
        scope = Q(pk=meeting.unit_id) | Q(parent_id=meeting.unit_id)
    units: QuerySet[Unit] = Unit.objects.filter(scope).valid_on(meeting.date)
    return units


def _ranking(ballot: Ballot) -> list[RankingRow]:
    """The published ranking of the conference's term (empty when none is published)."""
    term = ballot.meeting.term
    if term is None:
        return []
    rows = ranking_for_term(term)
    return rows if rows and all(row.published for row in rows) else []


def _conflicts(ballot: Ballot) -> list[str]:
    """Candidates that are the cluster head's or deputy's own court, who decide after two rounds
    (VOTE-09: the rules do not say whether they step aside, so the page warns)."""
    term = ballot.meeting.term
    if term is None:
        return []
    deciding = {term.head_unit_id, term.deputy_unit_id} - {None}
    return [c.label for c in ballot.candidates.all() if c.unit_id in deciding]


def _error(request: AuthedRequest, exc: WorkflowError | ValidationError) -> None:
    messages.error(request, getattr(exc, "message", None) or "; ".join(exc.messages))  # type: ignore[union-attr]


@require_GET
@login_required
def home(request: AuthedRequest) -> HttpResponse:
    require_voter(request.user)
    meetings = meetings_with_counts(meetings_visible_to(request.user)).order_by("-date", "-pk")
    can_create = (
        terms_runnable_by(request.user).exists() or units_runnable_by(request.user).exists()
    )
    context = {"meetings": meetings[:100], "can_create": can_create}
    return render(request, "meetings/meeting_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request: AuthedRequest) -> HttpResponse:
    require_voter(request.user)
    terms, units = terms_runnable_by(request.user), units_runnable_by(request.user)
    if not terms.exists() and not units.exists():
        raise PermissionDenied
    form = MeetingForm(request.POST or None, terms=terms, units=units)
    if request.method == "POST" and form.is_valid():
        meeting = services.create_meeting(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("meetings:meeting-detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _meeting_context(request: AuthedRequest, meeting: Meeting) -> dict[str, object]:
    can_run = can_run_meeting(request.user, meeting)
    return {
        "meeting": meeting,
        "members": meeting.members.select_related("unit", "person").order_by("pk"),
        "attendance": attendance(meeting),
        "can_run": can_run,
    }


@require_GET
@login_required
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    context = _meeting_context(request, meeting)
    if is_htmx(request):
        return render(request, "meetings/meeting_detail.html#checkin-desk", context)
    context |= {
        "agenda": meeting.agenda.all(),
        "ballots": meeting.ballots.order_by("pk"),
        "agenda_form": AgendaItemForm(auto_id="agenda_%s"),
        "member_form": None
        if meeting.is_conference
        else CouncilMemberForm(people=_people_of(meeting.unit)),
        "ballot_form": BallotForm(titles=titles_for(meeting)),
        "history": AuditEvent.objects.for_object(meeting).select_related("actor")[:50],
    }
    return render(request, "meetings/meeting_detail.html", context)


@require_POST
@login_required
def agenda_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, write=True)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_agenda_item(
                meeting=meeting, actor=request.user, title=form.cleaned_data["title"]
            )
        except WorkflowError as exc:
            _error(request, exc)
    else:
        messages.error(request, _("Enter the agenda item."))
    return redirect("meetings:meeting-detail", pk=meeting.pk)


@require_POST
@login_required
def member_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, write=True)
    form = CouncilMemberForm(request.POST, people=_people_of(meeting.unit))
    if form.is_valid():
        try:
            services.add_council_member(
                meeting=meeting, actor=request.user, person=form.cleaned_data["person"]
            )
        except WorkflowError as exc:
            _error(request, exc)
    else:
        messages.error(request, _("Choose a person from the unit's staff."))
    return redirect("meetings:meeting-detail", pk=meeting.pk)


@require_POST
@login_required
def member_checkin(request: AuthedRequest, pk: int) -> HttpResponse:
    member = Member.objects.filter(pk=pk).first()
    if member is None:
        raise Http404
    meeting = get_meeting_for_user(request.user, member.meeting_id, write=True)
    present = request.POST.get("present") == "1"
    delegates = request.POST.get("delegates")
    try:
        services.set_presence(
            member=member, actor=request.user, present=present, delegates=delegates
        )
    except WorkflowError as exc:
        _error(request, exc)
    if is_htmx(request):
        return render(
            request,
            "meetings/meeting_detail.html#checkin-desk",
            _meeting_context(request, meeting),
        )
    return redirect("meetings:meeting-detail", pk=meeting.pk)


@require_POST
@login_required
def ballot_create(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, write=True)
    form = BallotForm(request.POST, titles=titles_for(meeting))
    if form.is_valid():
        try:
            ballot = services.create_ballot(
                meeting=meeting, actor=request.user, **form.cleaned_data
            )
        except WorkflowError as exc:
            _error(request, exc)
            return redirect("meetings:meeting-detail", pk=meeting.pk)
        return redirect("meetings:ballot-detail", pk=ballot.pk)
    context = _meeting_context(request, meeting) | {
        "agenda": meeting.agenda.all(),
        "ballots": meeting.ballots.order_by("pk"),
        "agenda_form": AgendaItemForm(auto_id="agenda_%s"),
        "member_form": None,
        "ballot_form": form,
        "history": [],
    }
    return render(request, "meetings/meeting_detail.html", context, status=422)


def _ballot_context(request: AuthedRequest, ballot: Ballot) -> dict[str, object]:
    meeting = ballot.meeting
    minutes = vote_count_minutes(ballot)
    can_run = can_run_meeting(request.user, meeting)
    context: dict[str, object] = {
        "ballot": ballot,
        "meeting": meeting,
        "minutes": minutes,
        "tally": minutes.tally,
        "needed": needed(ballot.threshold, minutes.tally.base),
        "candidates": ballot.candidates.select_related("unit", "person"),
        "turnout": turnout(ballot),
        "can_run": can_run,
    }
    if can_run and ballot.status == Ballot.Status.DRAFT:
        context["candidate_form"] = CandidateForm(
            units=_candidate_units(meeting), people=_people_of(meeting.unit)
        )
        context["present_members"] = meeting.members.filter(present=True).order_by("pk")
        if meeting.term is not None:
            on_ballot = {c.unit_id for c in ballot.candidates.all()}
            context["ranking"] = [(row, row.unit.pk in on_ballot) for row in _ranking(ballot)]
    if can_run and ballot.is_open:
        context["slots"] = ballot.slots.select_related("member").order_by("member_id")
        context["paper_form"] = PaperCountForm(ballot=ballot)
        context["paper_counts"] = ballot.paper_counts.all()
        if not meeting.is_conference:
            context["absent_members"] = meeting.members.filter(present=False).order_by("pk")
    if ballot.is_closed:
        context["recount"] = recount(ballot)
        if can_run:
            context["minutes_form"] = VoteCountMinutesForm()
        if ballot.round == 2 and not hasattr(ballot, "resolution"):
            context["resolution_form"] = ResolutionForm(ballot=ballot)
            context["conflicts"] = _conflicts(ballot)
    return context


@require_GET
@login_required
def ballot_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk)
    return render(request, "meetings/ballot_detail.html", _ballot_context(request, ballot))


@require_POST
@login_required
def candidate_add(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk, write=True)
    meeting = ballot.meeting
    form = CandidateForm(
        request.POST, units=_candidate_units(meeting), people=_people_of(meeting.unit)
    )
    if form.is_valid():
        try:
            services.add_candidate(ballot=ballot, actor=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            _error(request, exc)
    else:
        messages.error(request, _("Choose a unit or a person."))
    return redirect("meetings:ballot-detail", pk=ballot.pk)


@require_POST
@login_required
def ballot_open(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk, write=True)
    paper = [int(v) for v in request.POST.getlist("paper") if v.isdigit()]
    try:
        issued = services.open_ballot(ballot=ballot, actor=request.user, paper_member_ids=paper)
    except WorkflowError as exc:
        _error(request, exc)
        return redirect("meetings:ballot-detail", pk=ballot.pk)
    ballot.refresh_from_db()
    context = {"ballot": ballot, "meeting": ballot.meeting, "issued": issued}
    return render(request, "meetings/ballot_codes.html", context)


@require_POST
@login_required
def code_reissue(request: AuthedRequest, pk: int) -> HttpResponse:
    slot = VoterSlot.objects.filter(pk=pk).select_related("member").first()
    if slot is None:
        raise Http404
    ballot = get_ballot_for_user(request.user, slot.ballot_id, write=True)
    try:
        code = services.reissue_code(slot=slot, actor=request.user)
    except WorkflowError as exc:
        _error(request, exc)
        return redirect("meetings:ballot-detail", pk=ballot.pk)
    issued = [services.IssuedCode(slot.member, code)]
    context = {"ballot": ballot, "meeting": ballot.meeting, "issued": issued}
    return render(request, "meetings/ballot_codes.html", context)


@require_POST
@login_required
def paper_count(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk, write=True)
    form = PaperCountForm(request.POST, ballot=ballot)
    if form.is_valid():
        try:
            outcome = services.enter_paper_count(
                ballot=ballot,
                actor=request.user,
                teller=form.cleaned_data["teller"],
                returned=form.cleaned_data["returned"],
                invalid=form.cleaned_data["invalid"],
                counts=form.counts(),
            )
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            if outcome.accepted:
                messages.success(
                    request, _("Both tellers' counts match: the paper count is accepted.")
                )
            elif outcome.mismatch:
                messages.error(request, MISMATCH)
            else:
                messages.info(request, _("Count saved. A second teller must enter the same count."))
            return redirect("meetings:ballot-detail", pk=ballot.pk)
    context = _ballot_context(request, ballot) | {"paper_form": form}
    return render(request, "meetings/ballot_detail.html", context, status=422)


@require_POST
@login_required
def opinion_record(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk, write=True)
    member = (
        ballot.meeting.members.filter(pk=request.POST.get("member", "")).first()
        if request.POST.get("member", "").isdigit()
        else None
    )
    opinions: dict[int, bool] = {}
    for c in ballot.candidates.all():
        value = request.POST.get(f"o_{c.pk}", "")
        if value in ("agree", "disagree"):
            opinions[c.pk] = value == "agree"
    if member is None or not opinions:
        messages.error(request, _("Choose the absent member and their opinion on each candidate."))
        return redirect("meetings:ballot-detail", pk=ballot.pk)
    try:
        services.record_written_opinion(
            ballot=ballot, member=member, actor=request.user, opinions=opinions
        )
    except WorkflowError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Written opinion recorded."))
    return redirect("meetings:ballot-detail", pk=ballot.pk)


@require_POST
@login_required
def ballot_close(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk, write=True)
    try:
        services.close_ballot(ballot=ballot, actor=request.user)
    except WorkflowError as exc:
        _error(request, exc)
        return redirect("meetings:ballot-detail", pk=ballot.pk)
    return redirect("meetings:ballot-tally", pk=ballot.pk)


@require_POST
@login_required
def ballot_second_round(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk, write=True)
    try:
        second = services.start_second_round(ballot=ballot, actor=request.user)
    except WorkflowError as exc:
        _error(request, exc)
        return redirect("meetings:ballot-tally", pk=ballot.pk)
    return redirect("meetings:ballot-detail", pk=second.pk)


@require_POST
@login_required
def resolution_record(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk, write=True)
    form = ResolutionForm(request.POST, ballot=ballot)
    if form.is_valid():
        try:
            services.record_resolution(ballot=ballot, actor=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("meetings:ballot-tally", pk=ballot.pk)
    context = _ballot_context(request, ballot) | {"resolution_form": form}
    return render(request, "meetings/ballot_tally.html", context, status=422)


@require_GET
@login_required
def ballot_tally(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk)
    context = _ballot_context(request, ballot)
    if is_htmx(request):
        return render(request, "meetings/ballot_tally.html#tally-table", context)
    return render(request, "meetings/ballot_tally.html", context)


@never_cache
@require_GET
@login_required
def ballot_projector(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk)
    context = {"ballot": ballot, "meeting": ballot.meeting, "turnout": turnout(ballot)}
    if is_htmx(request):
        return render(request, "meetings/ballot_projector.html#turnout", context)
    return render(request, "meetings/ballot_projector.html", context)


@require_GET
@login_required
def ballot_papers(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk, write=True)
    copies = ballot.slots.filter(channel=VoterSlot.Channel.PAPER).count() or 1
    context = {
        "ballot": ballot,
        "meeting": ballot.meeting,
        "candidates": ballot.candidates.all(),
        "copies": range(copies),
    }
    return render(request, "meetings/ballot_papers.html", context)


@require_GET
@login_required
def ballot_minutes(request: AuthedRequest, pk: int) -> HttpResponse:
    ballot = get_ballot_for_user(request.user, pk)
    if not ballot.is_closed:
        raise Http404
    context = {"minutes": vote_count_minutes(ballot), "meeting": ballot.meeting}
    return render(request, "meetings/ballot_minutes.html", context)


@require_GET
@login_required
def meeting_minutes_view(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, "meetings/meeting_minutes.html", {"minutes": meeting_minutes(meeting)})


@require_POST
@login_required
def ballot_minutes_issue(request: AuthedRequest, pk: int) -> HttpResponse:
    """Issues the biên bản kiểm phiếu of a closed ballot as .docx and .pdf (documents)."""
    ballot = get_ballot_for_user(request.user, pk, write=True)
    form = VoteCountMinutesForm(request.POST)
    if form.is_valid():
        try:
            document = services.issue_vote_count_minutes(
                ballot=ballot, actor=request.user, **form.cleaned_data
            )
        except WorkflowError as exc:
            _error(request, exc)
            return redirect("meetings:ballot-tally", pk=ballot.pk)
        else:
            messages.success(request, _("Issued: %(number)s.") % {"number": document.number})
            if is_htmx(request):
                context = _ballot_context(request, ballot)
                return render(request, "meetings/ballot_tally.html#minutes-panel", context)
            return redirect("meetings:ballot-tally", pk=ballot.pk)
    context = _ballot_context(request, ballot) | {"minutes_form": form}
    template = "meetings/ballot_tally.html"
    return render(
        request, f"{template}#minutes-panel" if is_htmx(request) else template, context, status=422
    )


@require_POST
@login_required
def meeting_minutes_issue(request: AuthedRequest, pk: int) -> HttpResponse:
    """Issues the biên bản hội nghị of a meeting as .docx and .pdf (documents)."""
    meeting = get_meeting_for_user(request.user, pk, write=True)
    try:
        document = services.issue_conference_minutes(meeting=meeting, actor=request.user)
    except WorkflowError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Issued: %(number)s.") % {"number": document.number})
    return redirect("meetings:meeting-detail", pk=meeting.pk)


@require_http_methods(["GET", "POST"])
@login_required
def meeting_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, write=True)
    if meeting.is_closed:
        raise PermissionDenied
    initial = {name: getattr(meeting, name) for name in Meeting.EDITABLE_FIELDS}
    initial["agenda"] = "\n".join(meeting.agenda.values_list("title", flat=True))
    form = MeetingEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(meeting=meeting, actor=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "meeting": meeting}
    template = "meetings/meeting_edit.html"
    return render(
        request, f"{template}#edit-form" if is_htmx(request) else template, context, status=status
    )


@require_POST
@login_required
def meeting_close(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, write=True)
    try:
        services.close_meeting(meeting=meeting, actor=request.user)
    except WorkflowError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The meeting is closed."))
    return redirect("meetings:meeting-detail", pk=meeting.pk)


@require_POST
@login_required
def candidate_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    candidate = Candidate.objects.filter(pk=pk).first()
    if candidate is None:
        raise Http404
    ballot = get_ballot_for_user(request.user, candidate.ballot_id, write=True)
    try:
        services.remove_candidate(candidate=candidate, actor=request.user)
    except WorkflowError as exc:
        _error(request, exc)
    if is_htmx(request):
        context = _ballot_context(request, ballot)
        return render(request, "meetings/ballot_detail.html#candidates", context)
    return redirect("meetings:ballot-detail", pk=ballot.pk)


@require_POST
@login_required
def candidates_from_ranking(request: AuthedRequest, pk: int) -> HttpResponse:
    """Adds the units ticked in the term's published ranking, in rank order."""
    ballot = get_ballot_for_user(request.user, pk, write=True)
    rows = _ranking(ballot)
    chosen = set(request.POST.getlist("unit"))
    units = [row.unit for row in rows if str(row.unit.pk) in chosen]
    if not units:
        messages.error(request, _("Tick at least one unit of the ranking."))
    else:
        try:
            services.add_ranked_candidates(ballot=ballot, actor=request.user, units=units)
        except WorkflowError as exc:
            _error(request, exc)
    return redirect("meetings:ballot-detail", pk=ballot.pk)


CODE_REFUSED = gettext_lazy("This code is not valid, has been used, or its ballot is not open.")
THROTTLED = gettext_lazy(
    "Too many wrong codes have been entered. Wait ten minutes, or ask the vote-counting "
    "committee for help."
)


def _refuse(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """The code page again with one message: nothing about any ballot."""
    form = CodeForm({"code": ""})  # the code typed is not shown back
    form.is_valid()
    form.errors["code"] = form.error_class([message])
    return render(request, "meetings/vote.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest) -> HttpResponse:
    """The voter's page: no account, the one-time code is the right to vote; nothing about the
    voter is kept. A wrong, spent or closed code gets one message that says nothing of a ballot;
    wrong codes are throttled per client address and per open ballot (`throttle`)."""
    form = CodeForm(request.POST or None)
    if request.method == "GET":
        return render(request, "meetings/vote.html", {"form": form})
    if throttle.address_blocked(request):
        return _refuse(request, str(THROTTLED), 429)
    if not form.is_valid():
        return render(request, "meetings/vote.html", {"form": form}, status=422)
    code = form.cleaned_data["code"]
    ballot = services.ballot_for_code(code)
    if ballot is not None and throttle.ballot_blocked(ballot.pk):
        return _refuse(request, str(THROTTLED), 429)
    if ballot is None:
        if not services.code_is_known(code):
            throttle.record_wrong_code(request)
        return _refuse(request, str(CODE_REFUSED), 422)
    candidates = list(ballot.candidates.all())
    context: dict[str, object] = {"form": form, "ballot": ballot, "candidates": candidates}
    if "cast" not in request.POST:
        return render(request, "meetings/vote.html", context)
    choices: dict[int, str] = {}
    for c in candidates:
        value = request.POST.get(f"c_{c.pk}", "")
        if value in ("agree", "disagree"):
            choices[c.pk] = value
    try:
        receipt = services.cast_ballot(code=code, choices=choices)
    except WorkflowError as exc:
        if services.ballot_for_code(code) is None:  # spent or closed meanwhile
            return _refuse(request, str(CODE_REFUSED), 422)
        return render(request, "meetings/vote.html", context | {"error": exc.message}, status=422)
    return render(request, "meetings/vote.html", {"receipt": receipt, "ballot": ballot})
