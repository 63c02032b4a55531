"""The migration to a bilingual register keeps each existing service text in the right field."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("subprocessors", "0003_add_service_en")]


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_it_keeps_dutch_texts_dutch_and_gives_english_processors_their_english_text(processor):
    from art28.parties.models import Processor
    from art28.subprocessors.models import Subprocessor

    english = Processor.objects.create(name="Harbour Hosting Ltd", country="GB", language="en")
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        apps = old.loader.project_state(BEFORE).apps
        Old = apps.get_model("subprocessors", "Subprocessor")
        Old.objects.create(processor_id=processor.pk, name="Rekenhal", country="NL", service="Rekenkracht")
        Old.objects.create(processor_id=english.pk, name="Vault", country="GB", service="Key storage")
    finally:
        _migrate(latest)
    dutch, uk = Subprocessor.objects.get(name="Rekenhal"), Subprocessor.objects.get(name="Vault")
    assert (dutch.service, dutch.service_en) == ("Rekenkracht", "")
    assert (uk.service, uk.service_en) == ("Key storage", "Key storage")
    assert uk.service_in("en") == ("Key storage", None) and dutch.service_in("en") == ("Rekenkracht", "nl")
