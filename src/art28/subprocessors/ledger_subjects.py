"""How the ledger page names and links sub-processors and their changes (registered in ``ready()``)."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse

from art28.ledger.describe import Subject, register_subjects
from art28.subprocessors.models import ChangeAgreement, Subprocessor, SubprocessorChange


def subprocessors(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = Subprocessor.objects.filter(code__in=codes, processor_id=processor_id)
    return {str(s.code): Subject(s.name, reverse("subprocessors:detail", args=[s.code])) for s in rows}


def _change(c: SubprocessorChange, suffix: str = "") -> Subject:
    return Subject(c.subprocessor.name + suffix, reverse("subprocessors:change_detail", args=[c.code]))


def changes(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = SubprocessorChange.objects.filter(code__in=codes, processor_id=processor_id
                                             ).select_related("subprocessor")
    return {str(c.code): _change(c) for c in rows}


def clocks(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
    rows = ChangeAgreement.objects.filter(code__in=codes, change__processor_id=processor_id
                                          ).select_related("change__subprocessor", "agreement")
    return {str(k.code): _change(k.change, f" ({k.agreement.reference})") for k in rows}


def register() -> None:
    register_subjects("subprocessor", subprocessors)
    register_subjects("subprocessorchange", changes)
    register_subjects("changeclock", clocks)
