"""What every rule shares: three-valued conditions, reasons with citations, and the verdict.

A rule adds conditions to a `Check`: each has an outcome (True, False or None = unknown), a
reason written as an English message with named placeholders (translated when shown) and the
legal citation it rests on. `Check.verdict()` combines them (RULES.md §0.2): any False → fail,
else any unknown → needs_review, else pass. What only the meeting can judge (attestations) and
the votes are listed as "còn cần" and never change the verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple, Protocol

from django.utils.translation import gettext, gettext_lazy

Tri = bool | None

# gettext_noop for the rules: marks a message for makemessages (which reads the name `_`) and
# returns it unchanged. The builtin `str` does that without a Python-level call, and a national
# run marks a few million reasons.
mark = str


class Status(StrEnum):
    PASS = "pass"  # noqa: S105  (a verdict, not a password)
    FAIL = "fail"
    REVIEW = "needs_review"
    DEFERRED = "deferred"


STATUS_LABELS = {
    Status.PASS: gettext_lazy("eligible"),
    Status.FAIL: gettext_lazy("not eligible"),
    Status.REVIEW: gettext_lazy("needs review"),
    Status.DEFERRED: gettext_lazy("deferred"),
}
# Module constants: reading a member off the enum class costs ten times a global lookup.
_DEFERRED, _FAIL, _REVIEW, _PASS = Status.DEFERRED, Status.FAIL, Status.REVIEW, Status.PASS
STATUS_ORDER = {Status.DEFERRED: 0, Status.PASS: 1, Status.REVIEW: 2, Status.FAIL: 3}


def tri_and(values: Iterable[Tri]) -> Tri:
    """false ∧ unknown = false; true ∧ unknown = unknown."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def tri_or(values: Iterable[Tri]) -> Tri:
    """true ∨ unknown = true; false ∨ unknown = unknown."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


class Reason(NamedTuple):
    """A condition and its outcome; a tuple, since a run makes a few million of them."""

    message: str  # an English msgid with %(name)s placeholders
    params: dict[str, Any]
    citation: str
    outcome: Tri

    @property
    def text(self) -> str:
        params = {k: _shown(v) for k, v in self.params.items()}
        return gettext(self.message) % params  # "%%" in a message always reads "%"


def _shown(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(_shown(v)) for v in value) or "—"
    if isinstance(value, str) and value in _LABELS:
        return str(_LABELS[value])
    return value


_LABELS: dict[str, Any] = {}


def register_labels(labels: dict[str, Any]) -> None:
    """Coded values named in reasons (ratings, scopes) are shown with their label."""
    _LABELS.update(labels)


@dataclass(frozen=True, slots=True)
class Head:
    """What every verdict of one catalogue entry in one run shares."""

    code: str
    name: str
    is_title: bool
    rule_id: str
    rule_version: str
    legal_basis: str
    as_of: dt.date


class Subject(Protocol):
    pk: int
    code: str
    name: str


class Verdict:
    """One subject against one title or form: status, reasons, what remains to be done."""

    __slots__ = ("head", "override", "reasons", "remaining", "status", "subject")

    def __init__(
        self,
        subject: Subject,
        head: Head,
        status: Status,
        reasons: list[Reason],
        remaining: list[Reason],
    ) -> None:
        self.subject = subject
        self.head = head
        self.status = status
        self.reasons = reasons
        self.remaining = remaining
        # a named user's decision beside the computed status: (status, reason, reference, by, at)
        self.override: tuple[str, str, str, str, Any] | None = None

    def __repr__(self) -> str:
        return f"<Verdict {self.subject_code} {self.code} {self.status}>"

    @property
    def subject_kind(self) -> str:
        return "unit" if hasattr(self.subject, "level") else "person"

    @property
    def subject_id(self) -> int:
        return self.subject.pk

    @property
    def subject_code(self) -> str:
        return self.subject.code

    @property
    def subject_name(self) -> str:
        return self.subject.name

    @property
    def unit_id(self) -> int:
        return int(getattr(self.subject, "unit_id", self.subject.pk))

    @property
    def code(self) -> str:
        return self.head.code

    @property
    def name(self) -> str:
        return self.head.name

    @property
    def is_title(self) -> bool:
        return self.head.is_title

    @property
    def rule_id(self) -> str:
        return self.head.rule_id

    @property
    def rule_version(self) -> str:
        return self.head.rule_version

    @property
    def legal_basis(self) -> str:
        return self.head.legal_basis

    @property
    def as_of(self) -> dt.date:
        return self.head.as_of

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def override_label(self) -> str:
        return str(STATUS_LABELS[Status(self.override[0])]) if self.override else ""

    @property
    def reason_texts(self) -> list[str]:
        return [r.text for r in self.reasons]

    @property
    def remaining_texts(self) -> list[str]:
        return [r.text for r in self.remaining]

    @property
    def citations(self) -> list[str]:
        return list(dict.fromkeys(r.citation for r in self.reasons if r.citation))


_STILL: dict[tuple[str, str], Reason] = {}
# A Reason built by the C-level tuple constructor: the same tuple as `Reason(...)` without the
# Python-level `__new__` a NamedTuple adds (a national run builds a few million of them).
_reason: Any = tuple.__new__


class Check:
    """The conditions of one subject against one rule version.

    A plain class with slots, not a dataclass: a national run makes a million of them.
    """

    __slots__ = ("citation", "deferred", "outcomes", "reasons", "remaining")

    def __init__(self, citation: str) -> None:
        self.citation = citation
        self.reasons: list[Reason] = []
        self.remaining: list[Reason] = []
        self.outcomes: list[Tri] = []
        self.deferred = False

    def cond(self, outcome: Tri, message: str, citation: str = "", **params: Any) -> Tri:
        self.outcomes.append(outcome)
        self.reasons.append(_reason(Reason, (message, params, citation or self.citation, outcome)))
        return outcome

    def note(self, message: str, citation: str = "", **params: Any) -> None:
        """Information for the reader that decides nothing (e.g. leave counted as work)."""
        self.reasons.append(_reason(Reason, (message, params, citation or self.citation, True)))

    def still(self, message: str, citation: str = "", **params: Any) -> None:
        """What remains to be done at the meeting: an attestation or a vote (§0.2.7). Without
        parameters the same (immutable) reason is shared by every verdict."""
        cite = citation or self.citation
        if params:
            self.remaining.append(_reason(Reason, (message, params, cite, None)))
            return
        reason = _STILL.get((message, cite))
        if reason is None:
            reason = _STILL[(message, cite)] = Reason(message, {}, cite, None)
        self.remaining.append(reason)

    def defer(self, message: str, citation: str, **params: Any) -> None:
        self.deferred = True
        self.reasons.append(_reason(Reason, (message, params, citation, None)))

    @property
    def status(self) -> Status:
        """tri_and over the outcomes, written with `in` (outcomes hold only True, False, None)."""
        if self.deferred:
            return _DEFERRED
        outcomes = self.outcomes
        if False in outcomes:
            return _FAIL
        if not outcomes or None in outcomes:
            return _REVIEW
        return _PASS

    @property
    def outcome(self) -> Tri:
        """The verdict as a condition for a rule that builds on it ((has ∨ meets) in RULES)."""
        status = self.status
        if status == _PASS:
            return True
        if status == _FAIL:
            return False
        return None


def share_outcome(certain: int, unknown: int, total: int, reading: str) -> Tri:
    """Is the share met, given `certain` members that surely count and `unknown` that may?

    Shares compare as integers (§0.3): gt50 → 2k > n; ge70 → 10k ≥ 7n.
    """

    def ok(k: int) -> bool:
        if total == 0:
            return False
        if reading == "gt50":
            return 2 * k > total
        if reading == "ge70":
            return 10 * k >= 7 * total
        if reading == "ge80":
            return 5 * k >= 4 * total
        if reading == "ge90":
            return 10 * k >= 9 * total
        raise ValueError(reading)

    if ok(certain):
        return True
    if not ok(certain + unknown):
        return False
    return None
