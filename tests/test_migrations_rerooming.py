"""The re-rooming of issue 14 upgrades an existing database without losing a row.

Termination, returned files and destruction moved from the requests app (label ``dprequests``)
to ``agreements``, the security-measure catalogue to ``measures``; their tables stayed
(``Meta.db_table``) and the migrations only move Django's picture of them
(``SeparateDatabaseAndState``), while the content types follow them (a data migration).

How this test proves it: the demo only runs on the code as it is now, so the database is filled
at the latest migrations: the demo world, plus what the demo does not make of the moved models
(a catalogue version, a termination with a returned file and a confirmed destruction), made by
the services. Then it migrates back to the OLD layout (the migrations before the move) and
reads every moved row through the old historical models, as an old installation has them;
then forward again to the latest, as an upgrade does. Every table keeps its row count and the
moved rows (same primary keys, same content types) read through the new models. It runs on
the test database the suite gives it, SQLite or PostgreSQL alike (``DATABASE_URL``).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from art28.agreements.models import Agreement, Destruction, ReturnedFile, Termination
from art28.agreements.services import termination
from art28.measures import services as measures
from art28.measures.models import MeasureCatalogue
from art28.parties.models import Processor

#: The layout before the move: the last migration of each app involved, or None (no app yet).
OLD_LAYOUT = [
    ("agreements", "0003_add_version_origin"),
    ("dprequests", "0001_requests_audits_measures_termination"),
    ("measures", None),
]
#: Where each moved model lived, and lives now.
MOVED = {
    ("dprequests", "Termination"): Termination,
    ("dprequests", "ReturnedFile"): ReturnedFile,
    ("dprequests", "Destruction"): Destruction,
    ("dprequests", "MeasureCatalogue"): MeasureCatalogue,
}


def _row_counts() -> dict[str, int]:
    """Rows of every table but Django's own list of applied migrations."""
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if t != "django_migrations"]
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _content_types() -> dict[tuple[str, str], int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app_label, model, id FROM django_content_type")
        return {(app, model): pk for app, model, pk in cursor.fetchall()}


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _fill(settings, tmp_path) -> None:
    """The demo world, and one of each moved model it does not make itself."""
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("demo", "--no-serve")
    processor = Processor.objects.get()
    measures.publish_measures(
        processor=processor,
        measures=[
            {"kind": "technical", "text": "Disk encryption"},
            {"kind": "organisational", "text": "Training"},
        ],
        summary="A second look at the measures",
        substantial=False,
        acting_user=None,
    )
    agreement = next(a for a in Agreement.objects.order_by("reference") if a.in_force is not None)
    t = termination.terminate_agreement(agreement=agreement, reason="agreement", acting_user=None)
    if not t.choice_fixed:
        t = termination.choose_end_way(termination=t, choice="return", acting_user=None)
    if t.choice == "return":
        termination.add_returned_file(
            termination=t, name="export.csv", content=b"id,name\n1,A\n", acting_user=None
        )
    termination.confirm_destruction(
        termination=t, target_kind="system", target="Production database", method="Wiped", acting_user=None
    )


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_models_without_losing_a_row(settings, tmp_path):
    _fill(settings, tmp_path)
    assert MeasureCatalogue.objects.exists() and Destruction.objects.exists()
    before, types_before = _row_counts(), _content_types()
    moved_before = {key: set(model.objects.values_list("pk", flat=True)) for key, model in MOVED.items()}
    latest = _latest()
    try:
        old = _migrate(OLD_LAYOUT)
        # The old layout, as an installation before the move has it: the rows are the requests app's.
        old_apps = old.loader.project_state([node for node in OLD_LAYOUT if node[1]]).apps
        for (app, name), pks in moved_before.items():
            historical = old_apps.get_model(app, name)
            assert set(historical.objects.values_list("pk", flat=True)) == pks, name
        assert old_apps.get_model("dprequests", "Termination").objects.get().agreement.reference
        assert ("dprequests", "termination") in _content_types()
        assert _row_counts() == before
    finally:
        _migrate(latest)  # the upgrade; and the suite's database is at the latest again
    assert _row_counts() == before
    assert _content_types() == types_before  # the same content type rows, with their ids
    for key, model in MOVED.items():
        assert set(model.objects.values_list("pk", flat=True)) == moved_before[key], key
        assert all(str(obj) for obj in model.objects.all())
    t = Termination.objects.select_related("agreement").get()
    assert t.agreement.ended_at is not None and t.destructions.count() == 1
    assert [r.name for r in t.returned.all()] == (["export.csv"] if t.choice == "return" else [])
    assert MeasureCatalogue.objects.order_by("-number").first().measures[0]["text"] == "Disk encryption"
