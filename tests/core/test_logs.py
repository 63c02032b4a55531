"""The console shows what an operator needs: task progress lines are dropped, warnings are not."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings

from art28.core.logs import QuietTaskProgress


def _record(name: str, level: int) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, "Task id=%s state=RUNNING", ("x",), None)


@pytest.mark.parametrize(("name", "level", "shown"), [
    ("django.tasks", logging.INFO, False),
    ("django_tasks", logging.INFO, False),
    ("django_tasks.backends", logging.DEBUG, False),
    ("django.tasks", logging.WARNING, True),
    ("django_tasks", logging.ERROR, True),
    ("django_tasks_db", logging.INFO, True),  # the worker's own start and stop
    ("art28.notices", logging.INFO, True),
])
def test_the_console_drops_task_progress_only(name, level, shown):
    assert QuietTaskProgress().filter(_record(name, level)) is shown


def test_the_console_handler_uses_it():
    handler = settings.LOGGING["handlers"]["console"]
    assert "quiet_task_progress" in handler["filters"]
    assert settings.LOGGING["filters"]["quiet_task_progress"]["()"] == "art28.core.logs.QuietTaskProgress"
