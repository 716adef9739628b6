from __future__ import annotations

import pytest

from .factories import make_round


@pytest.fixture
def scoring_round(world):
    return make_round(world.term)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
