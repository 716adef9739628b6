"""Meetings and secret ballots: a conference of a cluster term or a council session of a unit,
its agenda and members, and the ballots it holds (RULES.md §6).

Secrecy by construction (docs/architecture.md, "Ballot secrecy"): who has voted lives in
`VoterSlot`; what was voted lives in `CastBallot`, which has a random id, no voter, no time and no
sequence number. The two meet only inside the transaction that spends a code.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.org.models import ClusterTerm, Person, Unit


class Meeting(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("cluster conference")
        COUNCIL = "council", _("council session")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    term = models.ForeignKey(
        ClusterTerm,
        verbose_name=_("cluster term"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_sessions",
    )
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    chair = models.CharField(_("chaired by"), max_length=200, blank=True)
    secretary_name = models.CharField(_("minutes taken by"), max_length=200, blank=True)
    guests = models.TextField(_("guests"), blank=True)
    note = models.TextField(_("note"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    AUDITED_FIELDS = ("kind", "term", "unit", "title", "date", "place", "chair", "secretary_name")
    EDITABLE_FIELDS = ("title", "date", "place", "chair", "secretary_name")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="conference", term__isnull=False, unit__isnull=True)
                | Q(kind="council", term__isnull=True, unit__isnull=False),
                name="meeting_scope_matches_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    @property
    def is_conference(self) -> bool:
        return self.kind == self.Kind.CONFERENCE

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Member(models.Model):
    """A member of the body on the meeting date: a member unit of the cluster (with its
    delegates), or a council member. The count of these rows is the base `n` (VOTE-01, VOTE-07)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(
        Unit, verbose_name=_("member unit"), null=True, blank=True, on_delete=models.PROTECT
    )
    person = models.ForeignKey(
        Person, verbose_name=_("council member"), null=True, blank=True, on_delete=models.PROTECT
    )
    label = models.CharField(_("member"), max_length=300)
    delegates = models.CharField(_("delegates"), max_length=500, blank=True)
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True)
                | Q(unit__isnull=True, person__isnull=False),
                name="member_is_unit_or_person",
            ),
            models.UniqueConstraint(fields=["meeting", "unit"], name="member_unit_once"),
            models.UniqueConstraint(fields=["meeting", "person"], name="member_person_once"),
        ]

    def __str__(self) -> str:
        return self.label


class Threshold(models.TextChoices):
    """Share of the base a candidate needs, compared in integers (VOTE-04, VOTE-07)."""

    TWO_THIRDS = "2/3", "2/3"
    EIGHTY = "80%", "80 %"
    NINETY = "90%", "90 %"


THRESHOLD_RATIO: dict[str, tuple[int, int]] = {"2/3": (2, 3), "80%": (4, 5), "90%": (9, 10)}


class Ballot(models.Model):
    """One round of a secret ballot (bỏ phiếu kín) in a meeting."""

    class Kind(models.TextChoices):
        APPROVAL = "approval", _("agree or disagree for each candidate")
        CHOOSE = "choose", _("choose up to N candidates")

    class Base(models.TextChoices):
        ALL = "all", _("all members")
        PRESENT = "present", _("members present")

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        OPEN = "open", _("voting open")
        CLOSED = "closed", _("closed, result locked")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="ballots")
    title = models.CharField(_("title"), max_length=300)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("first round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_round",
    )
    title_code = models.CharField(_("title code"), max_length=60)
    title_label = models.CharField(_("emulation title"), max_length=200)
    kind = models.CharField(_("form"), max_length=20, choices=Kind.choices, default=Kind.APPROVAL)
    max_choices = models.PositiveSmallIntegerField(_("choose at most"), default=1)
    threshold = models.CharField(_("threshold"), max_length=4, choices=Threshold.choices)
    base = models.CharField(_("base"), max_length=10, choices=Base.choices, default=Base.ALL)
    count_written_opinions = models.BooleanField(_("count written opinions"), default=True)
    breakdown_min_electorate = models.PositiveSmallIntegerField(
        _("show per-option counts from an electorate of"), default=10
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The running multiset hash of the stored ballots (docs/architecture.md), as hex.
    accumulator = models.TextField(editable=False, blank=True)
    cast_count = models.PositiveIntegerField(editable=False, default=0)
    final_hash = models.CharField(_("final hash"), max_length=64, blank=True)
    result = models.JSONField(_("locked result"), default=dict, blank=True)

    AUDITED_FIELDS = (
        "title",
        "title_code",
        "round",
        "kind",
        "max_choices",
        "threshold",
        "base",
        "count_written_opinions",
        "breakdown_min_electorate",
        "status",
        "final_hash",
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(round__in=[1, 2]), name="ballot_at_most_two_rounds"),
            models.CheckConstraint(
                condition=Q(max_choices__gte=1), name="ballot_choose_one_or_more"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {_('round')} {self.round}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Candidate(models.Model):
    """A unit or a person put to the vote for a title. The title is a code and a label (the
    awards catalogue's code, e.g. `government_emulation_flag`), so this app imports no awards."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="candidates")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT
    )
    label = models.CharField(_("candidate"), max_length=300)
    title_code = models.CharField(_("title code"), max_length=60)
    title_label = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True)
                | Q(unit__isnull=True, person__isnull=False),
                name="candidate_is_unit_or_person",
            ),
            models.UniqueConstraint(
                fields=["ballot", "unit", "title_code"], name="candidate_unit_once"
            ),
            models.UniqueConstraint(
                fields=["ballot", "person", "title_code"], name="candidate_person_once"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class VoterSlot(models.Model):
    """The register of who may vote and who has voted in a ballot: one row per member given a
    one-time code (electronic) or a paper ballot. It never points to a `CastBallot`."""

    class Channel(models.TextChoices):
        ELECTRONIC = "electronic", _("electronic")
        PAPER = "paper", _("paper")

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="slots")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="slots")
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    spent = models.BooleanField(_("has voted"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="slot_once_per_member"),
            models.UniqueConstraint(
                fields=["code_hash"], condition=~Q(code_hash=""), name="slot_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_channel_display()})"


def _random_id() -> uuid.UUID:
    return uuid.uuid4()


class CastBallot(models.Model):
    """One stored electronic ballot: a random id, the choices and their leaf hash. No voter, no
    member, no time, no sequence. Rows are rewritten in random order when the ballot closes."""

    id = models.UUIDField(primary_key=True, default=_random_id, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="cast")
    content = models.TextField()
    leaf = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.leaf[:16]


class PaperCount(models.Model):
    """One teller's count of the paper ballots; two matching entries by different tellers are
    accepted together (VOTE-10)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="paper_counts")
    teller = models.CharField(_("teller"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned = models.PositiveIntegerField(_("paper ballots returned"))
    invalid = models.PositiveIntegerField(_("invalid paper ballots"))
    counts = models.JSONField(_("counts per candidate"), default=dict)
    accepted = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.teller

    @property
    def valid(self) -> int:
        return self.returned - self.invalid


class WrittenOpinion(models.Model):
    """An absent council member's written opinion on one candidate (VOTE-03). Written opinions
    are signed, so they name the member; they are not ballots."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="opinions")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="opinions")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="opinions")
    agree = models.BooleanField(_("agrees"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member", "candidate"], name="opinion_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.candidate}"


class Resolution(models.Model):
    """The decision after two rounds without a result (VOTE-05): by the cluster head and deputy
    for flags, or by the competent person, with its reasons."""

    ballot = models.OneToOneField(Ballot, on_delete=models.PROTECT, related_name="resolution")
    decided_by = models.CharField(_("decided by"), max_length=300)
    chosen = models.ManyToManyField(Candidate, verbose_name=_("chosen"), blank=True)
    reason = models.TextField(_("reasons"))
    recusal = models.TextField(_("recusal or conflict of interest"), blank=True)

    def __str__(self) -> str:
        return self.decided_by
