"""The content types of the moved models follow them to their new apps, so permissions and
admin log entries pointing at them keep pointing at the same rows (no stale duplicates)."""

from django.db import migrations

MOVED = {
    "termination": "agreements",
    "returnedfile": "agreements",
    "destruction": "agreements",
    "measurecatalogue": "measures",
}


def _relabel(apps, schema_editor, *, forward: bool) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model, app in MOVED.items():
        old, new = ("dprequests", app) if forward else (app, "dprequests")
        if content_type.objects.using(db).filter(app_label=new, model=model).exists():
            continue  # already there (created after the move): keep the rows that point to it
        content_type.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, forward=True)


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("dprequests", "0002_move_termination_and_measures_out"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
