"""How the ledger page names and links agreements and their ends (registered in ``ready()``)."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse

from art28.agreements.models import Agreement, Termination
from art28.ledger.describe import Subject, register_subjects


def _agreement(a: Agreement) -> Subject:
    return Subject(a.reference, reverse("agreements:agreement_detail", args=[a.code]))


def agreements(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = Agreement.objects.filter(code__in=codes, controller__processor_id=processor_id)
    return {str(a.code): _agreement(a) for a in rows}


def terminations(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = Termination.objects.filter(code__in=codes, agreement__controller__processor_id=processor_id
                                      ).select_related("agreement")
    return {str(t.code): _agreement(t.agreement) for t in rows}


def register() -> None:
    register_subjects("agreement", agreements)
    register_subjects("termination", terminations)
