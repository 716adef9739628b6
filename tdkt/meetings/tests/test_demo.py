from __future__ import annotations

import pytest

from tdkt.core.demo import load_all_demo
from tdkt.meetings.models import Ballot, Meeting
from tdkt.meetings.queries import recount, vote_count_minutes
from tdkt.org.reference import load_reference

pytestmark = pytest.mark.django_db


def test_demo_has_the_2022_vote_and_a_conference_ready_to_run():
    load_reference()
    load_all_demo()
    again = load_all_demo()
    assert again["meetings"] == 0  # idempotent
    done = Ballot.objects.get(meeting__term__year=2022)
    minutes = vote_count_minutes(done)
    assert done.is_closed and recount(done).matches
    assert [r.label for r in minutes.honoured] == [
        "Tòa án nhân dân tỉnh Quảng Ninh",
        "Tòa án nhân dân huyện Nga Sơn",
    ]
    assert (minutes.tally.members, minutes.tally.issued_paper) == (14, 2)
    assert minutes.tally.reconciles
    current = Meeting.objects.exclude(term__year=2022).get()
    assert current.members.count() == 6
    assert current.ballots.get().status == Ballot.Status.DRAFT
