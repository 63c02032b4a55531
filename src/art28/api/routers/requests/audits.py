"""Audits: requested by the controller, scheduled, answered with reports instead, completed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http.response import HttpResponseBase
from ninja import File, Form, Status
from ninja.files import UploadedFile

from art28.agreements.access import agreement_for
from art28.api import uploads
from art28.api.access import require_controller_user, require_staff
from art28.api.routing import REQUESTS_IDS, Router
from art28.api.schemas.requests import AnswerIn, AuditIn, AuditOut, ScheduleIn
from art28.api.uploads import UPLOAD_ERRORS
from art28.core.uploads import EVIDENCE
from art28.parties.types import AuthedRequest
from art28.requests import access
from art28.requests.services import audits

router = Router(tags=["requests"], ids_from=REQUESTS_IDS)


@router.post("/agreements/{code}/audits", response={201: AuditOut})
def audit_request(request: AuthedRequest, code: UUID, payload: AuditIn) -> tuple[int, Any]:
    """The controller requests an audit; the agreement's notice period applies."""
    agreement = agreement_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return 201, audits.request_audit(
        agreement=agreement,
        scope_text=payload.scope,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        auditor=payload.auditor,
        acting_user=request.auth,
    )


@router.get("/audits/{code}", response=AuditOut)
def audit_get(request: AuthedRequest, code: UUID) -> Any:
    return access.audit_for(request.auth, code)


@router.post("/audits/{code}/schedule", response=AuditOut)
def audit_schedule(request: AuthedRequest, code: UUID, payload: ScheduleIn) -> Any:
    audit = access.audit_for(request.auth, code, write=True)
    require_staff(request.auth)
    return audits.schedule_audit(audit=audit, cost_estimate=payload.cost_estimate, acting_user=request.auth)


@router.post("/audits/{code}/alternative", response={200: AuditOut, **UPLOAD_ERRORS})
def audit_alternative(
    request: AuthedRequest, code: UUID, alternative: Form[str], report: File[UploadedFile]
) -> Status[Any]:
    """Offer certifications or reports instead of the audit (multipart ``alternative``, ``report``)."""
    audit = access.audit_for(request.auth, code, write=True)
    require_staff(request.auth)
    if (refused := uploads.refusal(report, field="report", accept=EVIDENCE)) is not None:
        return refused
    return Status(
        200,
        audits.offer_alternative(
            audit=audit, alternative=alternative, report=uploads.received(report), acting_user=request.auth
        ),
    )


@router.post("/audits/{code}/complete", response={200: AuditOut, **UPLOAD_ERRORS})
def audit_complete(
    request: AuthedRequest, code: UUID, report: File[UploadedFile], noncompliance_found: Form[bool]
) -> Status[Any]:
    """Store the audit report and apply the cost rule (multipart ``report``, ``noncompliance_found``)."""
    audit = access.audit_for(request.auth, code, write=True)
    require_staff(request.auth)
    if (refused := uploads.refusal(report, field="report", accept=EVIDENCE)) is not None:
        return refused
    return Status(
        200,
        audits.complete_audit(
            audit=audit,
            report=uploads.received(report),
            noncompliance_found=noncompliance_found,
            acting_user=request.auth,
        ),
    )


@router.get("/audits/{code}/report", openapi_extra=uploads.download_doc("The audit report or certification"))
def audit_report(request: AuthedRequest, code: UUID) -> HttpResponseBase:
    return uploads.download(access.audit_for(request.auth, code).report)


@router.post("/audits/{code}/answer", response=AuditOut)
def audit_answer(request: AuthedRequest, code: UUID, payload: AnswerIn) -> Any:
    """The controller accepts the reports offered instead of the audit, or insists on it."""
    audit = access.audit_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return audits.answer_alternative(audit=audit, accept=payload.accept, acting_user=request.auth)
