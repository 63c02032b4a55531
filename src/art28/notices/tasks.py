"""Background tasks of the outbox (django.tasks API, database backend)."""

from django_tasks import task


@task()
def drain_outbox() -> int:
    from art28.notices.services import drain

    return drain()
