"""How the ledger page names and links requests, instructions and audits: by their agreement
(registered in ``ready()``)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.urls import reverse

from art28.ledger.describe import Subject, SubjectFinder, register_subjects
from art28.requests.models import AuditRequest, AuthorityRequest, DataSubjectRequest, Instruction, RequestTask


def _finder(model: Any, url: Callable[[Any], str], path: str = "") -> SubjectFinder:
    def find(codes: Collection[str], processor_id: int) -> dict[str, Subject]:
        tenant = {f"{path}agreement__controller__processor_id": processor_id}
        rows = model.objects.filter(code__in=codes, **tenant).select_related(f"{path}agreement")
        return {str(r.code): Subject(_agreement_of(r, path).reference, url(r)) for r in rows}
    return find


def _agreement_of(row: Any, path: str) -> Any:
    return row.request.agreement if path else row.agreement


def register() -> None:
    register_subjects("datasubjectrequest", _finder(
        DataSubjectRequest, lambda r: reverse("requests:dsr_detail", args=[r.code])))
    register_subjects("requesttask", _finder(
        RequestTask, lambda t: reverse("requests:dsr_detail", args=[t.request.code]), "request__"))
    register_subjects("instruction", _finder(
        Instruction, lambda r: reverse("requests:staff_agreement", args=[r.agreement.code])))
    register_subjects("authorityrequest", _finder(
        AuthorityRequest, lambda r: reverse("requests:authority_detail", args=[r.code])))
    register_subjects("auditrequest", _finder(
        AuditRequest, lambda r: reverse("requests:audit_detail", args=[r.code])))
