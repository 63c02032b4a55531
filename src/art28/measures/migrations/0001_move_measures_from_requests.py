"""The security-measure catalogue moves here from the requests app; its table
``dprequests_measurecatalogue`` and every row in it stay as they are."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("dprequests", "0001_requests_audits_measures_termination"),
        ("parties", "0003_membership_code"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (Meta.db_table): only Django's picture moves.
            state_operations=[
                migrations.CreateModel(
                    name="MeasureCatalogue",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("number", models.PositiveIntegerField(verbose_name="version")),
                        ("measures", models.JSONField(verbose_name="measures")),
                        ("summary", models.TextField(verbose_name="what changed")),
                        (
                            "substantial",
                            models.BooleanField(default=False, verbose_name="substantial change"),
                        ),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("agreements_updated", models.PositiveIntegerField(default=0)),
                        ("controllers_notified", models.PositiveIntegerField(default=0)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "processor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="parties.processor",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "security measures version",
                        "verbose_name_plural": "security measures versions",
                        "db_table": "dprequests_measurecatalogue",
                        "ordering": ["-number"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("processor", "number"), name="one_measures_number_per_processor"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
