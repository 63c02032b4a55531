"""Background tasks of the outbox (django.tasks API, database backend)."""

from django.db import transaction
from django_tasks import task
from django_tasks_db.models import DBTaskResult


@task()
def drain_outbox() -> int:
    from art28.notices.services import drain

    return drain()


@task()
def periodic_tick() -> dict:
    """Run the registered periodic jobs, then deliver whatever is due."""
    from art28.notices import periodic
    from art28.notices.services import drain

    results = periodic.run_all()
    results["drain"] = drain()
    return {k: str(v) for k, v in results.items()}


def enqueue_tick() -> bool:
    """Queue one periodic tick unless one is already waiting."""
    with transaction.atomic():
        if DBTaskResult.objects.ready().filter(task_path=periodic_tick.module_path).exists():
            return False
        periodic_tick.enqueue()
    return True
