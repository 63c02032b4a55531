from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("notices", "0011_notice_concerns"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="personal_link",
            field=models.CharField(blank=True, max_length=600),
        ),
    ]
