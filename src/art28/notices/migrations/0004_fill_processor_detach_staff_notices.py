"""Data: every notice names its processor; staff-only notices no longer name a controller."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    Notice = apps.get_model("notices", "Notice")
    Controller = apps.get_model("parties", "Controller")
    owner = Controller.objects.filter(pk=OuterRef("controller_id")).values("processor_id")[:1]
    Notice.objects.filter(processor__isnull=True).update(processor_id=Subquery(owner))
    Notice.objects.filter(audience="processor").update(controller=None)


def backwards(apps, schema_editor):
    # Which controller a staff-only notice once named is not kept; the schema step back
    # (controller required again) needs those notices gone, so they are removed.
    Notice = apps.get_model("notices", "Notice")
    Notice.objects.filter(controller__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("notices", "0003_processor_level_notices"),
        ("parties", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
