"""The one access helper for breaches: tenant isolation and need-to-know.

Processor admins see every incident of their processor; staff see the incidents they
handle and those touching a controller assigned to them; a controller's users see only
the notices sent to their own organisation. Outsiders get 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from art28.breaches.models import AffectedAgreement, Incident, IncidentNotice
from art28.parties.access import can_write, membership_of, visible_controllers
from art28.parties.models import Role


def visible_incidents(user: Any) -> QuerySet[Incident]:
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return Incident.objects.none()
    qs = Incident.objects.filter(processor_id=m.processor_id)
    if m.role == Role.PROCESSOR_ADMIN:
        return qs
    mine = Q(handler=user) | Q(affected__agreement__controller__in=visible_controllers(user))
    return qs.filter(pk__in=Incident.objects.filter(mine).values("pk"))


def register_incidents(user: Any, controller: Any = None, *, status: str = "") -> QuerySet[Incident]:
    """The incidents of the user's register; with a controller (one the user may see, from
    ``controller_for``) only those touching it, with a status only those in it."""
    qs = visible_incidents(user)
    if status:
        qs = qs.filter(status=status)
    if controller is not None:
        qs = qs.filter(affected__agreement__controller=controller, affected__included=True).distinct()
    return qs


def reloaded(incident: Incident) -> Incident:
    """An incident the user may see, read again with its sub-processors (after a change)."""
    return Incident.objects.prefetch_related("subprocessors").get(pk=incident.pk)


def incident_for(user: Any, code: Any, *, write: bool = False) -> Incident:
    """The incident if the user may see it; 404 for outsiders, 403 for read-only writers."""
    try:
        incident = visible_incidents(user).select_related("processor").get(code=code)
    except (Incident.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user):
        raise PermissionDenied
    return incident


def visible_notices(user: Any) -> QuerySet[IncidentNotice]:
    """Breach notices to the controllers the user may see (a controller user: its own)."""
    return (IncidentNotice.objects.filter(affected__agreement__controller__in=visible_controllers(user))
            .select_related("notice", "affected__incident__processor", "affected__agreement__controller"))


def notice_for(user: Any, code: Any, *, write: bool = False) -> IncidentNotice:
    try:
        notice = visible_notices(user).get(code=code)
    except (IncidentNotice.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user):
        raise PermissionDenied
    return notice


def affected_for(user: Any, code: Any, *, write: bool = False) -> AffectedAgreement:
    """An affected agreement that has had a notice, for its controller's side."""
    try:
        affected = (AffectedAgreement.objects.select_related("incident__processor", "agreement__controller")
                    .filter(agreement__controller__in=visible_controllers(user), notified_at__isnull=False)
                    .get(code=code))
    except (AffectedAgreement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not can_write(user):
        raise PermissionDenied
    return affected
