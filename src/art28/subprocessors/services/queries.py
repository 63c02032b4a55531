"""Read-only questions about the register: who is authorised for what, at which moment."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from art28.agreements.models import Agreement
from art28.subprocessors.models import AgreementSubprocessor, LinkQuerySet, LinkStatus, Subprocessor


def agreements_using(subprocessor: Subprocessor, *, at: datetime | None = None) -> QuerySet[Agreement]:
    """Agreements for which ``subprocessor`` is authorised at ``at`` (default: now)."""
    at = at or timezone.now()
    links = AgreementSubprocessor.objects.at(at).filter(
        subprocessor=subprocessor, status=LinkStatus.AUTHORISED
    )
    return Agreement.objects.filter(pk__in=links.values("agreement_id"))


def authorised_subprocessors(agreement: Agreement, *, at: datetime | None = None) -> QuerySet[Subprocessor]:
    """Sub-processors authorised for ``agreement`` at ``at`` (default: now)."""
    at = at or timezone.now()
    links = AgreementSubprocessor.objects.at(at).filter(agreement=agreement, status=LinkStatus.AUTHORISED)
    return Subprocessor.objects.filter(pk__in=links.values("subprocessor_id"))


def links_at(agreement: Agreement, *, at: datetime | None = None) -> LinkQuerySet:
    """Every sub-processor's status for ``agreement`` at ``at``, with its basis and change."""
    at = at or timezone.now()
    return (
        AgreementSubprocessor.objects.at(at)
        .filter(agreement=agreement)
        .select_related("subprocessor", "change")
        .order_by("subprocessor__name")
    )


def history(agreement: Agreement) -> QuerySet[AgreementSubprocessor]:
    """All periods of all sub-processors of ``agreement``, oldest first."""
    return (
        AgreementSubprocessor.objects.filter(agreement=agreement)
        .select_related("subprocessor", "change")
        .order_by("since", "pk")
    )


def is_authorised(subprocessor: Subprocessor, agreement: Agreement, *, at: datetime | None = None) -> bool:
    at = at or timezone.now()
    return (
        AgreementSubprocessor.objects.at(at)
        .filter(subprocessor=subprocessor, agreement=agreement, status=LinkStatus.AUTHORISED)
        .exists()
    )
