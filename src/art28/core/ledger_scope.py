"""The scope of a ledger event: whose processor and whose controller it concerns.

``record_event`` files every event under a processor and, when one client is concerned, a
controller; the ledger pages and exports filter on them. Services spread this dict into
``record_event(..., **ledger_scope(...))``.
"""

from __future__ import annotations

from typing import Any


def _pk(party: Any) -> int | None:
    return party if party is None or isinstance(party, int) else party.pk


def ledger_scope(processor: Any = None, controller: Any = None, *,
                 agreement: Any = None) -> dict[str, int | None]:
    """``processor_id`` and ``controller_id`` for ``record_event``.

    ``processor`` and ``controller`` are model instances or their primary keys (``None``
    leaves that side empty). With ``agreement``, both come from the agreement's controller.
    """
    if agreement is not None:
        return {"processor_id": agreement.controller.processor_id, "controller_id": agreement.controller_id}
    return {"processor_id": _pk(processor), "controller_id": _pk(controller)}
