import uuid

from django.db import migrations, models


def fill_codes(apps, schema_editor):
    Membership = apps.get_model("parties", "Membership")
    for m in Membership.objects.filter(code__isnull=True):
        m.code = uuid.uuid4()
        m.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [("parties", "0002_processor_breach_desk")]

    operations = [
        migrations.AddField(model_name="membership", name="code",
                            field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(model_name="membership", name="code",
                              field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False)),
    ]
