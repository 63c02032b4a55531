"""Termination, returned files, destruction (now in agreements) and the measure catalogue (now in
measures) leave this app's state; their tables and rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0004_move_termination_to_agreements"),
        ("measures", "0001_move_measures_from_requests"),
        ("dprequests", "0001_requests_audits_measures_termination"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (Meta.db_table): only Django's picture moves.
            state_operations=[
                migrations.RemoveField(
                    model_name="measurecatalogue",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="measurecatalogue",
                    name="processor",
                ),
                migrations.RemoveField(
                    model_name="returnedfile",
                    name="added_by",
                ),
                migrations.RemoveField(
                    model_name="returnedfile",
                    name="termination",
                ),
                migrations.RemoveField(
                    model_name="termination",
                    name="agreement",
                ),
                migrations.RemoveField(
                    model_name="termination",
                    name="created_by",
                ),
                migrations.DeleteModel(
                    name="Destruction",
                ),
                migrations.DeleteModel(
                    name="MeasureCatalogue",
                ),
                migrations.DeleteModel(
                    name="ReturnedFile",
                ),
                migrations.DeleteModel(
                    name="Termination",
                ),
            ],
            database_operations=[],
        ),
    ]
