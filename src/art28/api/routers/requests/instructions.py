"""Documented instructions: given by the controller, mailed ones recorded by staff, flagged
as possibly unlawful and resolved."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http.response import HttpResponseBase
from django.utils import timezone
from ninja import File, Form, Status
from ninja.files import UploadedFile

from art28.agreements.access import agreement_for
from art28.api import uploads
from art28.api.access import require_controller_user, require_staff
from art28.api.routing import REQUESTS_IDS, Router
from art28.api.schemas.requests import InstructionOut, ResolveIn, TextIn
from art28.api.uploads import UPLOAD_ERRORS
from art28.core.uploads import EVIDENCE
from art28.parties.types import AuthedRequest
from art28.requests import access
from art28.requests.models import InstructionSource
from art28.requests.services import instructions

router = Router(tags=["requests"], ids_from=REQUESTS_IDS)


@router.post("/agreements/{code}/instructions", response={201: InstructionOut})
def instruction_give(request: AuthedRequest, code: UUID, payload: TextIn) -> tuple[int, Any]:
    agreement = agreement_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return 201, instructions.give_instruction(
        agreement=agreement, text=payload.text, source=InstructionSource.API, acting_user=request.auth
    )


@router.post("/agreements/{code}/mailed-instructions", response={201: InstructionOut, **UPLOAD_ERRORS})
def instruction_record(
    request: AuthedRequest,
    code: UUID,
    text: Form[str],
    author_name: Form[str],
    given_at: Form[datetime],
    mail: File[UploadedFile],
) -> Status[Any]:
    """Staff record an instruction the controller sent by e-mail (multipart, with the ``mail`` itself)."""
    agreement = agreement_for(request.auth, code, write=True)
    require_staff(request.auth)
    if (refused := uploads.refusal(mail, field="mail", accept=EVIDENCE)) is not None:
        return refused
    return Status(
        201,
        instructions.record_mailed_instruction(
            agreement=agreement,
            text=text,
            author_name=author_name,
            given_at=given_at if timezone.is_aware(given_at) else timezone.make_aware(given_at),
            mail=uploads.received(mail),
            acting_user=request.auth,
        ),
    )


@router.get("/instructions/{code}/mail", openapi_extra=uploads.download_doc("The e-mail (staff only)"))
def instruction_mail(request: AuthedRequest, code: UUID) -> HttpResponseBase:
    instruction = access.instruction_for(request.auth, code)
    require_staff(request.auth, write=False)
    return uploads.download(instruction.mail)


@router.get("/instructions/{code}", response=InstructionOut)
def instruction_get(request: AuthedRequest, code: UUID) -> Any:
    return access.instruction_for(request.auth, code)


@router.post("/instructions/{code}/flag", response=InstructionOut)
def instruction_flag(request: AuthedRequest, code: UUID, payload: TextIn) -> Any:
    """Hold the instruction as possibly unlawful; the controller is told at once."""
    instruction = access.instruction_for(request.auth, code, write=True)
    require_staff(request.auth)
    return instructions.flag_instruction(
        instruction=instruction, reason=payload.text, acting_user=request.auth
    )


@router.post("/instructions/{code}/resolve", response=InstructionOut)
def instruction_resolve(request: AuthedRequest, code: UUID, payload: ResolveIn) -> Any:
    instruction = access.instruction_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return instructions.resolve_instruction(
        instruction=instruction, confirm=payload.confirm, note=payload.note, acting_user=request.auth
    )
