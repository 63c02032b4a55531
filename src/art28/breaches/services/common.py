"""Helpers shared by the breach services."""

from __future__ import annotations

from typing import Any

from art28.breaches.access import visible_affected
from art28.breaches.models import AffectedQuerySet, Incident


def rows_for(incident: Incident, acting_user: Any) -> AffectedQuerySet:
    """The affected rows ``acting_user`` may list, change, exclude or notify.

    A person acts only on the rows of the controllers it may see (need-to-know, see
    ``breaches.access.visible_affected``); the system itself (``None`` or a named actor
    such as the demo) acts on every row of the incident.
    """
    if acting_user is None or isinstance(acting_user, str):
        return incident.affected.all()
    return visible_affected(acting_user, incident)
