"""Background task of the ledger (django.tasks API, database backend)."""

from django_tasks import task


@task()
def check_chain(check_id: int) -> bool:
    """Verify the chain for a check asked for on the ledger page."""
    from art28.ledger.services import run_chain_check

    return bool(run_chain_check(check_id).ok)
