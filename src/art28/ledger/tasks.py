"""Background task of the ledger (django.tasks API, database backend)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from art28.ledger.services import run_chain_check


@task()
def check_chain(check_id: int) -> bool:
    """Verify the chain for a check asked for on the ledger page."""
    return bool(run_chain_check(check_id).ok)


def queue_chain_check(sender: Any, *, check_id: int, **kwargs: Any) -> None:
    """Receives ``signals.chain_check_requested``: the worker runs the check."""
    check_chain.enqueue(check_id)
