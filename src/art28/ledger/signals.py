"""Signals of the ledger: its services ask for work they cannot import."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``check_id`` inside request_chain_check's transaction: the tasks module, which
# imports the services, queues the check (connected in LedgerConfig.ready()).
chain_check_requested = Signal()
