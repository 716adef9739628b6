"""Seed the catalogue of titles and forms, the rule versions and the parameters (RULES.md,
REFERENCE.md §6–7). Existing rows are left as they are."""

from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    from tdkt.awards.reference import load_awards_reference

    load_awards_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_catalogue_history_ratings")]

    # Reverse is a no-op: dropping the tables (0001 reversed) removes the seed with them.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
