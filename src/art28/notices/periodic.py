"""Jobs that run on a clock rather than on an event (activations, reminders, retries).

Apps register a dotted path in their AppConfig.ready(); every worker enqueues one
``periodic_tick`` task a minute (skipped while one is still waiting), so the jobs run
whether one worker or ten are up, and the lease-based outbox is drained even when the
worker that queued a delivery died.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.utils.module_loading import import_string

log = logging.getLogger("art28.periodic")
_JOBS: list[str] = []


def register(path: str) -> None:
    if path not in _JOBS:
        _JOBS.append(path)


def jobs() -> list[str]:
    return list(_JOBS)


def run_all() -> dict[str, object]:
    """Run every registered job; one failing job does not stop the others."""
    results: dict[str, object] = {}
    for path in _JOBS:
        fn: Callable[[], object] = import_string(path)
        try:
            results[path] = fn()
        except Exception as exc:  # noqa: BLE001 - logged, and retried at the next tick
            log.exception("periodic job %s failed", path)
            results[path] = f"failed: {exc}"
    return results
