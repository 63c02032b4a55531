"""Opening and closing the dated periods of AgreementSubprocessor. Internal to the services."""

from __future__ import annotations

from datetime import datetime

from art28.agreements.models import Agreement
from art28.subprocessors.models import AgreementSubprocessor, Subprocessor, SubprocessorChange


def set_link(
    *,
    subprocessor: Subprocessor,
    agreement: Agreement,
    status: str,
    basis: str,
    at: datetime,
    change: SubprocessorChange | None = None,
) -> AgreementSubprocessor:
    """Close the current period of this pair at ``at`` and open one with ``status``."""
    current = (
        AgreementSubprocessor.objects.select_for_update()
        .filter(subprocessor=subprocessor, agreement=agreement, until__isnull=True)
        .first()
    )
    if current is not None:
        if current.status == status and current.basis == basis:
            return current
        current.until = max(at, current.since)
        current.save(update_fields=["until"])
    return AgreementSubprocessor.objects.create(
        subprocessor=subprocessor, agreement=agreement, status=status, basis=basis, change=change, since=at
    )


def current_link(subprocessor: Subprocessor, agreement: Agreement) -> AgreementSubprocessor | None:
    return AgreementSubprocessor.objects.filter(
        subprocessor=subprocessor, agreement=agreement, until__isnull=True
    ).first()
