"""The end of an agreement: termination, the controller's choice, return or destruction, the
data kept under a retention duty, and the certificate.

Returned data goes up as multipart: over ``ART28_MAX_UPLOAD_MB`` gives 413, an empty file 422
(art28.api.uploads).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http.response import HttpResponseBase
from ninja import File, Status
from ninja.files import UploadedFile

from art28.agreements import access as agreements_access
from art28.agreements.access import agreement_for
from art28.agreements.services import termination
from art28.api import uploads
from art28.api.access import require_controller_user, require_staff
from art28.api.routing import REQUESTS_IDS, Router
from art28.api.schemas.termination import (
    ChoiceIn,
    DestructionIn,
    DestructionOut,
    EstimateIn,
    RetentionIn,
    ReturnedOut,
    TerminateIn,
    TerminationOut,
)
from art28.api.uploads import UPLOAD_ERRORS
from art28.core.uploads import EVIDENCE
from art28.parties.types import AuthedRequest

router = Router(tags=["requests"], ids_from=REQUESTS_IDS)


@router.post("/agreements/{code}/termination", response={201: TerminationOut})
def termination_create(request: AuthedRequest, code: UUID, payload: TerminateIn) -> tuple[int, Any]:
    agreement = agreement_for(request.auth, code, write=True)
    require_staff(request.auth)
    return 201, termination.terminate_agreement(
        agreement=agreement, reason=payload.reason, note=payload.note, acting_user=request.auth
    )


@router.get("/terminations/{code}", response=TerminationOut)
def termination_get(request: AuthedRequest, code: UUID) -> Any:
    return agreements_access.termination_for(request.auth, code)


@router.post("/terminations/{code}/estimate", response=TerminationOut)
def termination_estimate(request: AuthedRequest, code: UUID, payload: EstimateIn) -> Any:
    """What return or destruction will cost, where the controller pays."""
    t = agreements_access.termination_for(request.auth, code, write=True)
    require_staff(request.auth)
    return termination.set_end_cost_estimate(termination=t, amount=payload.amount, acting_user=request.auth)


@router.put("/terminations/{code}/retention", response=TerminationOut)
def termination_retention(request: AuthedRequest, code: UUID, payload: RetentionIn) -> Any:
    """The data kept under a legal retention duty: what, on which legal basis, until when."""
    t = agreements_access.termination_for(request.auth, code, write=True)
    require_staff(request.auth)
    items = [item.dict() for item in payload.items]
    return termination.set_retention(termination=t, items=items, acting_user=request.auth)


@router.post("/terminations/{code}/choice", response=TerminationOut)
def termination_choose(request: AuthedRequest, code: UUID, payload: ChoiceIn) -> Any:
    t = agreements_access.termination_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return termination.choose_end_way(termination=t, choice=payload.choice, acting_user=request.auth)


@router.post("/terminations/{code}/destructions", response={201: DestructionOut})
def termination_destroy(request: AuthedRequest, code: UUID, payload: DestructionIn) -> tuple[int, Any]:
    t = agreements_access.termination_for(request.auth, code, write=True)
    require_staff(request.auth)
    return 201, termination.confirm_destruction(termination=t, acting_user=request.auth, **payload.dict())


@router.post("/terminations/{code}/certificate", response=TerminationOut)
def termination_certify(request: AuthedRequest, code: UUID) -> Any:
    t = agreements_access.termination_for(request.auth, code, write=True)
    require_staff(request.auth)
    return termination.issue_certificate(termination=t, acting_user=request.auth)


@router.get(
    "/terminations/{code}/certificate",
    openapi_extra=uploads.download_doc("The certificate of destruction or return", "application/pdf"),
)
def termination_certificate(request: AuthedRequest, code: UUID) -> HttpResponseBase:
    t = agreements_access.termination_for(request.auth, code)
    return uploads.download(
        t.certificate, filename=f"certificate-{t.agreement.reference}.pdf", content_type="application/pdf"
    )


@router.post("/terminations/{code}/returned-files", response={201: ReturnedOut, **UPLOAD_ERRORS})
def termination_return_file(request: AuthedRequest, code: UUID, file: File[UploadedFile]) -> Status[Any]:
    """Add one file of the data package the controller gets back (multipart ``file``); its SHA-256
    goes on the certificate."""
    t = agreements_access.termination_for(request.auth, code, write=True)
    require_staff(request.auth)
    if (refused := uploads.refusal(file, field="file", accept=EVIDENCE)) is not None:
        return refused
    name, content = uploads.received(file)
    return Status(
        201,
        termination.add_returned_file(termination=t, name=name, content=content, acting_user=request.auth),
    )


@router.get("/returned-files/{code}", openapi_extra=uploads.download_doc("One returned file"))
def returned_file(request: AuthedRequest, code: UUID) -> HttpResponseBase:
    item = agreements_access.returned_file_for(request.auth, code)
    return uploads.download(item.file, filename=item.name)
