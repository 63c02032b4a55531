"""Log filters for the console."""

from __future__ import annotations

import logging

# The task library logs every task's start and end at INFO ("Task id=… state=RUNNING"): with the
# outbox drained every second that is a line a second, which buries what an operator needs (the
# demo's logins, warnings, failures). Its warnings and errors still show.
_TASK_PROGRESS = ("django.tasks", "django_tasks")


class QuietTaskProgress(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        return not any(record.name == n or record.name.startswith(n + ".") for n in _TASK_PROGRESS)
