"""Background tasks of the outbox (django.tasks API, database backend)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models, transaction
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max

from art28.notices import periodic
from art28.notices.services import drain


@task()
def drain_outbox() -> int:
    return drain()


@task()
def periodic_tick() -> dict:
    """Run the registered periodic jobs, then deliver whatever is due."""
    results = periodic.run_all()
    results["drain"] = drain()
    return {k: str(v) for k, v in results.items()}


def queue_drains(sender: Any, *, run_after: datetime | None, parallel: int, **kwargs: Any) -> None:
    """Receives ``signals.drain_wanted``: enqueue drain tasks (in the current transaction when there
    is one)."""
    if run_after is not None and _drain_waiting_by(run_after):
        return  # a drain already waits to run by then: it looks again, and schedules the next
    queued = drain_outbox.using(run_after=run_after) if run_after else drain_outbox
    for _ in range(parallel):
        queued.enqueue()


def _drain_waiting_by(when: datetime) -> bool:
    """Whether a drain task waits to run no later than ``when`` (each drain reschedules one
    when others' leases are still running: without this check, every finished drain would
    add one more waiting task for the same moment)."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=drain_outbox.module_path).filter(
        models.Q(run_after=get_date_max()) | models.Q(run_after__lte=when)).exists()


def enqueue_tick() -> bool:
    """Queue one periodic tick unless one is already waiting."""
    with transaction.atomic():
        if DBTaskResult.objects.ready().filter(task_path=periodic_tick.module_path).exists():
            return False
        periodic_tick.enqueue()
    return True
