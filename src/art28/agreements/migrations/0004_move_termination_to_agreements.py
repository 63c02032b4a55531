"""Termination, returned files and destruction move here from the requests app; their tables
(``dprequests_termination``, ``dprequests_returnedfile``, ``dprequests_destruction``) and
every row in them stay as they are."""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import art28.agreements.models


class Migration(migrations.Migration):
    dependencies = [
        ("dprequests", "0001_requests_audits_measures_termination"),
        ("agreements", "0003_add_version_origin"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (Meta.db_table): only Django's picture moves.
            state_operations=[
                migrations.CreateModel(
                    name="Termination",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "reason",
                            models.CharField(
                                choices=[
                                    ("agreement", "The agreement ends"),
                                    ("main_contract", "The main contract ends"),
                                ],
                                max_length=16,
                                verbose_name="reason",
                            ),
                        ),
                        ("note", models.TextField(blank=True, verbose_name="note")),
                        ("ended_at", models.DateTimeField(verbose_name="ended at")),
                        ("complete_by", models.DateTimeField(verbose_name="return or destruction due")),
                        (
                            "choice",
                            models.CharField(
                                choices=[
                                    ("return", "Return the data, then destroy the copies"),
                                    ("delete", "Destroy the data"),
                                ],
                                max_length=8,
                                verbose_name="return or destruction",
                            ),
                        ),
                        ("choice_fixed", models.BooleanField(default=False)),
                        ("chosen_at", models.DateTimeField(blank=True, null=True)),
                        ("controller_pays", models.BooleanField(default=False)),
                        (
                            "cost_estimate",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=10,
                                null=True,
                                verbose_name="cost estimate (EUR)",
                            ),
                        ),
                        (
                            "retention",
                            models.JSONField(
                                blank=True, default=list, verbose_name="legal retention exceptions"
                            ),
                        ),
                        (
                            "surviving",
                            models.JSONField(
                                blank=True, default=list, verbose_name="obligations that survive the end"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("open", "Open"), ("certified", "Certificate issued")],
                                default="open",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "certificate",
                            models.FileField(blank=True, upload_to=art28.agreements.models._end_upload),
                        ),
                        ("certificate_sha256", models.CharField(blank=True, max_length=64)),
                        ("certified_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "agreement",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="termination",
                                to="agreements.agreement",
                            ),
                        ),
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
                    ],
                    options={
                        "verbose_name": "termination",
                        "verbose_name_plural": "terminations",
                        "db_table": "dprequests_termination",
                        "ordering": ["-ended_at"],
                    },
                ),
                migrations.CreateModel(
                    name="ReturnedFile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        ("file", models.FileField(upload_to=art28.agreements.models._end_upload)),
                        ("sha256", models.CharField(max_length=64)),
                        ("size", models.PositiveBigIntegerField()),
                        ("added_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "added_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "termination",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="returned",
                                to="agreements.termination",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "returned file",
                        "verbose_name_plural": "returned files",
                        "db_table": "dprequests_returnedfile",
                        "ordering": ["added_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("termination", "name"), name="one_returned_file_per_name"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Destruction",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        (
                            "target_kind",
                            models.CharField(
                                choices=[("system", "System"), ("subprocessor", "Sub-processor")],
                                max_length=12,
                                verbose_name="where",
                            ),
                        ),
                        ("target", models.CharField(max_length=200, verbose_name="system or sub-processor")),
                        ("method", models.CharField(max_length=300, verbose_name="how")),
                        ("confirmed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "confirmed_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "termination",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="destructions",
                                to="agreements.termination",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "destruction",
                        "verbose_name_plural": "destructions",
                        "db_table": "dprequests_destruction",
                        "ordering": ["confirmed_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("termination", "target_kind", "target"),
                                name="one_destruction_per_target",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
