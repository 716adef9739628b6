"""Database helpers that know about the `vi` collation."""

from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Collate

VI = "vi"


def vi(field: str) -> Collate:
    """`order_by(vi("name"))`: sort a text column in Vietnamese order on SQLite and PostgreSQL."""
    return Collate(F(field), VI)
