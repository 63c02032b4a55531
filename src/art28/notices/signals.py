"""Signals of the outbox: its services ask for work they cannot import."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``run_after`` (a datetime or None) and ``parallel`` by schedule_drain: the tasks
# module, which imports the services, queues that many drains (connected in NoticesConfig.ready()).
drain_wanted = Signal()
