# Hand-written: loads the shipped 主题分类 and 体裁 vocabularies (idempotent).

from django.db import migrations


def load(apps, schema_editor):
    from gi_wagtail.catalogue.vocabularies import load_vocabularies

    load_vocabularies(apps.get_model("gi_wagtail", "TopicClass"), apps.get_model("gi_wagtail", "Genre"))


class Migration(migrations.Migration):
    dependencies = [("gi_wagtail", "0100_search_fts")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
