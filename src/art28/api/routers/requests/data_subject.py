"""Data subject requests: logged by staff, tasks asked by the controller, done with evidence."""

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
from art28.api.schemas.requests import DsrIn, DsrOut, EvidenceIn, TaskIn, TaskOut, TextIn
from art28.api.uploads import UPLOAD_ERRORS
from art28.core.uploads import EVIDENCE
from art28.parties.types import AuthedRequest
from art28.requests import access
from art28.requests.services import data_subject

router = Router(tags=["requests"], ids_from=REQUESTS_IDS)


@router.post("/agreements/{code}/data-subject-requests", response={201: DsrOut})
def dsr_create(request: AuthedRequest, code: UUID, payload: DsrIn) -> tuple[int, Any]:
    """Log a data subject's request and forward it to the controller (next working day at the latest)."""
    agreement = agreement_for(request.auth, code, write=True)
    require_staff(request.auth)
    return 201, data_subject.record_data_subject_request(
        agreement=agreement, acting_user=request.auth, **payload.dict()
    )


@router.get("/data-subject-requests/{code}", response=DsrOut)
def dsr_get(request: AuthedRequest, code: UUID) -> Any:
    return access.dsr_for(request.auth, code)


@router.post("/data-subject-requests/{code}/tasks", response={201: TaskOut})
def dsr_task(request: AuthedRequest, code: UUID, payload: TaskIn) -> tuple[int, Any]:
    """The controller asks the processor to search, correct, delete, restrict or export."""
    dsr = access.dsr_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return 201, data_subject.ask_task(
        request=dsr, action=payload.action, instructions=payload.instructions, acting_user=request.auth
    )


@router.post("/request-tasks/{code}/done", response=TaskOut)
def task_done(request: AuthedRequest, code: UUID, payload: EvidenceIn) -> Any:
    task = access.task_for(request.auth, code, write=True)
    require_staff(request.auth)
    return data_subject.complete_task(task=task, evidence=payload.evidence, acting_user=request.auth)


@router.post("/request-tasks/{code}/evidence-file", response={200: TaskOut, **UPLOAD_ERRORS})
def task_done_with_file(
    request: AuthedRequest, code: UUID, evidence: Form[str], evidence_file: File[UploadedFile]
) -> Status[Any]:
    """Report the task done with an evidence file (multipart ``evidence``, ``evidence_file``)."""
    task = access.task_for(request.auth, code, write=True)
    require_staff(request.auth)
    if (refused := uploads.refusal(evidence_file, field="evidence_file", accept=EVIDENCE)) is not None:
        return refused
    return Status(
        200,
        data_subject.complete_task(
            task=task,
            evidence=evidence,
            evidence_file=uploads.received(evidence_file),
            acting_user=request.auth,
        ),
    )


@router.get("/request-tasks/{code}/evidence-file", openapi_extra=uploads.download_doc("The evidence file"))
def task_evidence(request: AuthedRequest, code: UUID) -> HttpResponseBase:
    return uploads.download(access.task_for(request.auth, code).evidence_file)


@router.post("/data-subject-requests/{code}/extend", response=DsrOut)
def dsr_extend(request: AuthedRequest, code: UUID, payload: TextIn) -> Any:
    dsr = access.dsr_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return data_subject.extend_answer_period(request=dsr, reason=payload.text, acting_user=request.auth)


@router.post("/data-subject-requests/{code}/close", response=DsrOut)
def dsr_close(request: AuthedRequest, code: UUID) -> Any:
    dsr = access.dsr_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return data_subject.close_request(request=dsr, acting_user=request.auth)
