"""Vendor full-text structures for the embedded search backend (hand-written)."""

from django.db import migrations


def create(apps, schema_editor):
    from gi_wagtail.search.embedded.dialects import SCHEMA_V1 as SCHEMA

    for sql in SCHEMA.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    from gi_wagtail.search.embedded.dialects import DROP_V1 as DROP

    for sql in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("gi_wagtail", "0001_initial")]
    # MySQL cannot build FULLTEXT indexes inside a transaction-less DDL batch otherwise.
    atomic = False
    operations = [migrations.RunPython(create, drop, elidable=False)]
