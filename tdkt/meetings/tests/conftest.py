from __future__ import annotations

import pytest

from tdkt.meetings.tests.factories import make_conference


@pytest.fixture
def conference(world):
    """The world's Cụm thi đua số 1 (Thanh Hóa, Nghệ An), both present."""
    return make_conference(world.term)
