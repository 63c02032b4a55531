"""Background tasks of the outbox (django.tasks API, database backend)."""

from django_tasks import task


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
