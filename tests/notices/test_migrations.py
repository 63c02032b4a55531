"""The data step of 0004: staff-only notices leave their controller, every notice names its processor."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("notices", "0002_add_kinds_and_audience")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_moves_staff_only_notices_to_the_processor():
    old = _migrate(BEFORE)
    processor = old.get_model("parties", "Processor").objects.create(name="Wolkenrand Hosting B.V.")
    controller = old.get_model("parties", "Controller").objects.create(
        processor=processor, name="Tandartspraktijk Zonnebloem", kvk="10000001")
    Notice = old.get_model("notices", "Notice")
    common = {"controller": controller, "language": "nl", "body_text": "…", "about_type": "x"}
    to_controller = Notice.objects.create(kind="breach_notice", audience="controller", subject="to A",
                                          about_code="1", **common)
    to_staff = Notice.objects.create(kind="breach_reminder", audience="processor", subject="80 %",
                                     about_code="2", **common)
    executor = MigrationExecutor(connection)
    new = _migrate(executor.loader.graph.leaf_nodes())
    Notice = new.get_model("notices", "Notice")
    kept, moved = Notice.objects.get(pk=to_controller.pk), Notice.objects.get(pk=to_staff.pk)
    assert kept.controller_id == controller.pk and kept.processor_id == processor.pk
    assert moved.controller_id is None and moved.processor_id == processor.pk
