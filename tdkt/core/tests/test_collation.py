"""The `vi` collation sorts in the database as vi_key does in Python, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tdkt.core.db import vi
from tdkt.core.text import vi_key
from tdkt.org.models import Unit


@pytest.mark.django_db
def test_database_order_matches_python_order():
    names = [
        "Đức Thọ",
        "Dũng Tiến",
        "An Lão",
        "Ân Thi",
        "Anh Sơn",
        "Ba Vì",
        "Bắc Sơn",
        "Khu vực 10",
        "Khu vực 2",
    ]
    Unit.objects.bulk_create(
        [
            Unit(code=f"X{i}", name=n, level=Unit.Level.DEPARTMENT, search_key=n)
            for i, n in enumerate(names)
        ]
    )
    in_db = list(Unit.objects.order_by(vi("name")).values_list("name", flat=True))
    assert in_db == sorted(names, key=vi_key)
