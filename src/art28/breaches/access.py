"""The one access helper for breaches: tenant isolation and need-to-know.

Processor admins see every incident of their processor; staff see the incidents they
handle and those touching a controller assigned to them; a controller's users see only
the notices sent to their own organisation. Outsiders get 404.

Within an incident, need-to-know is per row: ``visible_affected`` is the one rule for which
affected agreements a user may list, change, exclude or notify. Views, the API and the
services (through their ``acting_user``) all go through it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from art28.agreements.access import visible_agreements
from art28.agreements.models import Agreement
from art28.breaches.models import AffectedAgreement, AffectedQuerySet, Incident, IncidentNotice
from art28.core.access import object_for
from art28.parties.access import can_write, membership_of, visible_at, visible_controllers
from art28.parties.models import Role
from art28.parties.search import client_search


def visible_incidents(user: Any) -> QuerySet[Incident]:
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return Incident.objects.none()
    qs = Incident.objects.filter(processor_id=m.processor_id)
    if m.role == Role.PROCESSOR_ADMIN:
        return qs
    mine = Q(handler=user) | Q(affected__agreement__controller__in=visible_controllers(user))
    return qs.filter(pk__in=Incident.objects.filter(mine).values("pk"))


def register_incidents(user: Any, controller: Any = None, *, status: str | None = "") -> QuerySet[Incident]:
    """The incidents of the user's register; with a controller (one the user may see, from
    ``controller_for``) only those touching it, with a status only those in it."""
    qs = visible_incidents(user)
    if status:
        qs = qs.filter(status=status)
    if controller is not None:
        qs = qs.filter(affected__agreement__controller=controller, affected__included=True).distinct()
    return qs


def find_incidents(user: Any, *, q: str = "", status: str = "", controller: Any = None,
                   client: str = "") -> QuerySet[Incident]:
    """The register narrowed: ``q`` in the reference or title, a ``status``, one ``controller``
    (from ``controller_for``) or every controller whose name or KvK number matches ``client``."""
    qs = register_incidents(user, controller, status=status)
    if q:
        qs = qs.filter(Q(reference__icontains=q) | Q(title__icontains=q))
    if client:
        touched = AffectedAgreement.objects.filter(
            client_search(client, controller="agreement__controller"), included=True,
            agreement__controller__in=visible_controllers(user))
        qs = qs.filter(pk__in=touched.values("incident_id"))
    return qs


def reloaded(incident: Incident) -> Incident:
    """An incident the user may see, read again with its sub-processors (after a change)."""
    return Incident.objects.prefetch_related("subprocessors").get(pk=incident.pk)


def visible_affected(user: Any, incident: Incident | None = None) -> AffectedQuerySet:
    """The affected rows whose controller the user may see (an admin: all of its processor's;
    assigned staff: their controllers' only), optionally of one incident."""
    m = membership_of(user)
    if (incident is not None and m is not None and m.role == Role.PROCESSOR_ADMIN
            and incident.processor_id == m.processor_id):
        # An incident's rows are all its processor's: no join for an admin's large fan-out.
        return incident.affected.all()
    qs = AffectedAgreement.objects.filter(visible_at(user, "agreement__controller"))
    if incident is not None:
        qs = qs.filter(incident=incident)
    return qs


ADD_CHOICES = 20


def agreements_to_add(user: Any, incident: Incident, text: str) -> list[Agreement]:
    """The picker of an incident's "add an agreement": our agreements in force that the user
    may see and that are not on the list yet, whose reference, controller name or KvK number
    holds ``text``; at most ``ADD_CHOICES``, by reference. No text: none."""
    text = text.strip()
    if not text:
        return []
    qs = (visible_agreements(user).active()
          .filter(controller__processor_id=incident.processor_id)
          .filter(client_search(text, controller="controller", agreement=""))
          .exclude(pk__in=AffectedAgreement.objects.filter(incident=incident).values("agreement_id"))
          .select_related("controller").order_by("reference"))
    return list(qs[:ADD_CHOICES])


def incident_for(user: Any, code: Any, *, write: bool = False) -> Incident:
    """The incident if the user may see it; 404 for outsiders, 403 for read-only writers."""
    return object_for(visible_incidents(user).select_related("processor"), code, write=write,
                      may_write=lambda _: can_write(user))


def visible_notices(user: Any) -> QuerySet[IncidentNotice]:
    """Breach notices to the controllers the user may see (a controller user: its own)."""
    return (IncidentNotice.objects.filter(affected__agreement__controller__in=visible_controllers(user))
            .select_related("notice", "affected__incident__processor", "affected__agreement__controller"))


def incident_notices(user: Any, incident: Incident, *, among: Any = None) -> QuerySet[IncidentNotice]:
    """The notices of one incident that the user may see; with ``among``, only those notices."""
    qs = visible_notices(user).filter(affected__incident=incident)
    if among is not None:
        qs = qs.filter(pk__in=[n.pk for n in among])
    return qs.prefetch_related("notice__deliveries").order_by("affected", "number")


def notice_for(user: Any, code: Any, *, write: bool = False) -> IncidentNotice:
    return object_for(visible_notices(user), code, write=write, may_write=lambda _: can_write(user))


def affected_for(user: Any, code: Any, *, write: bool = False) -> AffectedAgreement:
    """An affected agreement that has had a notice, for its controller's side."""
    qs = (visible_affected(user).select_related("incident__processor", "agreement__controller")
          .filter(notified_at__isnull=False))
    return object_for(qs, code, write=write, may_write=lambda _: can_write(user))
