from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from tdkt.core.audit import record_event, snapshot
from tdkt.org.models import Unit


@pytest.mark.django_db
def test_history_is_shown_in_the_readers_language():
    unit = Unit.objects.create(
        code="PT-x", name="Tòa án nhân dân tỉnh X", level=Unit.Level.PROVINCIAL
    )
    before = snapshot(unit, ["level", "valid_to"])
    unit.level, unit.valid_to = Unit.Level.DISTRICT, dt.date(2025, 6, 30)
    event = record_event(
        "org.unit.updated",
        actor="test",
        target=unit,
        before=before,
        after=snapshot(unit, ["level", "valid_to"]),
    )
    assert event.after == {"level": "district_court", "valid_to": "2025-06-30"}  # stored neutral
    with translation.override("vi"):
        labels = {label: (b, a) for label, b, a in event.changes()}
        assert labels["hiệu lực đến"] == (None, "30/06/2025")
        assert labels["cấp"][1].startswith("Tòa án nhân dân cấp huyện")
    with translation.override("en"):
        labels = {label: (b, a) for label, b, a in event.changes()}
        assert labels["level"] == ("provincial court", "district court (until 30/06/2025)")
