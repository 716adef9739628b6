"""The `vi` collation: ICU Vietnamese with numeric ordering on PostgreSQL.

SQLite registers a Python collation of the same name at connect time (core.apps).
"""

from django.db import migrations


def create_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE COLLATION IF NOT EXISTS vi (provider = icu, locale = 'vi-u-kn-true')"
        )


def drop_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS vi")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_audit_event")]
    operations = [migrations.RunPython(create_collation, drop_collation)]
