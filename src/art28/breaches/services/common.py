"""Helpers shared by the breach services."""

from __future__ import annotations

from typing import Any

from art28.breaches.models import AffectedAgreement, Incident


def scope(incident: Incident, affected: AffectedAgreement | None = None) -> dict[str, Any]:
    """Ledger scope: the processor, and the controller when one agreement is concerned."""
    data: dict[str, Any] = {"processor_id": incident.processor_id}
    if affected is not None:
        data["controller_id"] = affected.agreement.controller_id
    return data


def user_or_none(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None
