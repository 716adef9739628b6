from __future__ import annotations

import pytest

from tdkt.meetings.tests.factories import make_conference


@pytest.fixture
def conference(world):
    """The world's Cụm thi đua số 1 (Thanh Hóa, Nghệ An), both present."""
    return make_conference(world.term)


@pytest.fixture(autouse=True)
def _fresh_throttle_and_media(settings, tmp_path):
    """Each test starts with no wrong-code count, and stores documents in its own folder."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
