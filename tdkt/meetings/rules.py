"""The counting rules of RULES.md §6 as integer arithmetic, and the default threshold of each
title (the awards catalogue's codes; this app stores the code and label, never imports awards)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from tdkt.meetings.models import THRESHOLD_RATIO, Ballot, Meeting


def meets(threshold: str, agree: int, base: int) -> bool:
    """`agree / base ≥ p / q` as `q·agree ≥ p·base`: 3k ≥ 2n, 5k ≥ 4n, 10k ≥ 9n.

    VOTE-04 and VOTE-07: never a float, so 2/3 of 14 needs exactly 10."""
    p, q = THRESHOLD_RATIO[threshold]
    return base > 0 and q * agree >= p * base


def needed(threshold: str, base: int) -> int:
    """The smallest agree count that meets the threshold: ⌈p·n / q⌉ (2/3 of 14 → 10)."""
    p, q = THRESHOLD_RATIO[threshold]
    return -(-p * base // q)


def has_quorum(present: int, members: int) -> bool:
    """At least 2/3 of the members present (VOTE-02): 3·present ≥ 2·n."""
    return members > 0 and 3 * present >= 2 * members


@dataclass(frozen=True)
class TitleRule:
    code: str
    label: StrOrPromise
    threshold: str
    base: str = Ballot.Base.ALL


# The cluster vote is one per member unit, ≥ 2/3 of all units (VOTE-07; COL-03, COL-04).
CLUSTER_TITLES: tuple[TitleRule, ...] = (
    TitleRule("government_emulation_flag", _("Government Emulation Flag"), "2/3"),
    TitleRule("sector_emulation_flag", _("People's Court Emulation Flag"), "2/3"),
)
# Council votes, of all members (TT 01/2024 Art. 29; VOTE-04).
COUNCIL_TITLES: tuple[TitleRule, ...] = (
    TitleRule("grassroots_emulation_fighter", _("Grassroots Emulation Fighter"), "80%"),
    TitleRule("sector_emulation_fighter", _("People's Court Emulation Fighter"), "90%"),
    TitleRule("national_emulation_fighter", _("National Emulation Fighter"), "90%"),
    TitleRule("sector_emulation_flag", _("People's Court Emulation Flag"), "80%"),
    TitleRule("government_emulation_flag", _("Government Emulation Flag"), "80%"),
)
FLAG_CODES = frozenset({"government_emulation_flag", "sector_emulation_flag"})
ONE_DISTRICT_PER_PROVINCE = "government_emulation_flag"  # COL-04 "District level"


def titles_for(meeting: Meeting) -> tuple[TitleRule, ...]:
    return CLUSTER_TITLES if meeting.is_conference else COUNCIL_TITLES


def title_rule(meeting: Meeting, code: str) -> TitleRule | None:
    return next((t for t in titles_for(meeting) if t.code == code), None)
