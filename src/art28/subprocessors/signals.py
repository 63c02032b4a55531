"""Signals of the sub-processor register: the services ask for work they cannot import."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ``moments`` (sorted datetimes) when changes are proposed: the tasks module, which
# imports the services, queues an activation run for each (connected in SubprocessorsConfig.ready()).
activation_due = Signal()
