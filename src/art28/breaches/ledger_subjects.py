"""How the ledger page names and links incidents (registered in ``ready()``)."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse

from art28.breaches.models import AffectedAgreement, Incident, IncidentNotice
from art28.ledger.describe import Subject, register_subjects


def _incident(i: Incident) -> Subject:
    return Subject(i.reference, reverse("breaches:incident_detail", args=[i.code]))


def incidents(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    return {str(i.code): _incident(i)
            for i in Incident.objects.filter(code__in=codes, processor_id=processor_id)}


def affected(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = AffectedAgreement.objects.filter(code__in=codes, incident__processor_id=processor_id
                                            ).select_related("incident")
    return {str(a.code): _incident(a.incident) for a in rows}


def notices(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = IncidentNotice.objects.filter(code__in=codes, affected__incident__processor_id=processor_id
                                         ).select_related("affected__incident")
    return {str(n.code): _incident(n.affected.incident) for n in rows}


def register() -> None:
    register_subjects("incident", incidents)
    register_subjects("affectedagreement", affected)
    register_subjects("incidentnotice", notices)
