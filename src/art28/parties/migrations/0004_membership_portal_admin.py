from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("parties", "0003_membership_code")]

    operations = [
        migrations.AddField(model_name="membership", name="portal_admin",
                            field=models.BooleanField(default=False, verbose_name="portal admin")),
    ]
