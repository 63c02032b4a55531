"""Existing service texts stay in ``service`` (the register is Dutch-first); a processor that works
in English wrote them in English, so they are its English texts too."""

from django.db import migrations


def copy_english(apps, schema_editor):
    Subprocessor = apps.get_model("subprocessors", "Subprocessor")
    for sp in Subprocessor.objects.filter(processor__language="en", service_en=""):
        sp.service_en = sp.service
        sp.save(update_fields=["service_en"])


def clear_english(apps, schema_editor):
    Subprocessor = apps.get_model("subprocessors", "Subprocessor")
    Subprocessor.objects.filter(processor__language="en").update(service_en="")


class Migration(migrations.Migration):
    dependencies = [("subprocessors", "0003_add_service_en")]

    operations = [migrations.RunPython(copy_english, clear_english)]
