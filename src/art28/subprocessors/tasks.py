"""Background tasks of the sub-processor register (django.tasks API)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django_tasks import task

from art28.subprocessors.services import activate_due_changes


@task()
def activate_due() -> dict[str, int]:
    """Close passed objection windows and put due changes into effect."""
    return activate_due_changes()


def queue_activation(sender: Any, *, moments: list[datetime], **kwargs: Any) -> None:
    """Receives ``signals.activation_due``: one activation run at each moment."""
    for moment in moments:
        activate_due.using(run_after=moment).enqueue()
