"""Analyses: upload an agreement, get what it says and the Article 28(3) checklist back.

Routes parse, check access via art28.reviews.access, call one service. A document the
analyzer refuses gives 422 (413 when too large) with the analyzer's message, and its
reason as ``type`` (``unreadable``, ``encrypted``, ``no_text``, ``archive_limits``, ...).

A sub-processor's own agreement comes in through the same route: ``subprocessor=<code>``
stages the upload (PDF or DOCX; the processor's admin only) and ``POST
/analyses/{code}/confirm`` with the confirmed ``terms`` stores those terms and the original
file on the sub-processor, as the console does. ``PATCH /subprocessors/{code}`` can set
terms too, but it cannot carry the original file.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from art28.api import uploads
from art28.api.access import require_staff
from art28.api.schemas.analyses import AnalysisError, ConfirmIn
from art28.core.uploads import ANALYSIS
from art28.parties.types import AuthedRequest
from art28.reviews import services
from art28.reviews.access import review_for
from art28.reviews.models import Review
from art28.subprocessors.access import subprocessor_for

router = Router(tags=["analyses"])


def _out(review: Review) -> dict[str, Any]:
    out = {"code": str(review.code), "created_at": review.created_at.isoformat(), **review.result}
    if review.subprocessor is not None:
        out["subprocessor"] = str(review.subprocessor.code)
        out["imported"] = review.is_imported
    return out


def _error(exc: ValidationError) -> Status[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    errors = exc.error_dict.items() if hasattr(exc, "error_dict") else [("__all__", exc.error_list)]
    for field, errs in errors:
        for err in errs:
            msg = err.message % err.params if err.params else err.message
            items.append({"type": err.code or "value_error", "loc": [] if field == "__all__" else [field],
                          "msg": str(msg)})
    status = 413 if any(i["type"] == "too_large" for i in items) else 422
    return Status(status, {"detail": items})


@router.post("/analyses", response={201: dict, 413: AnalysisError, 422: AnalysisError})
def analysis_create(request: AuthedRequest, file: File[UploadedFile],
                    lang: Form[Literal["nl", "en"] | None] = None,
                    subprocessor: Form[UUID | None] = None) -> Status[dict[str, Any]]:
    """Analyse an uploaded agreement (multipart ``file``; optional ``lang``) with the processor's playbook.

    With ``subprocessor`` (its code) the file is staged as that sub-processor's agreement
    with us, to confirm with ``POST /analyses/{code}/confirm``.
    """
    membership = require_staff(request.auth)
    sp = subprocessor_for(request.auth, subprocessor, write=True) if subprocessor is not None else None
    if (refused := uploads.refusal(file, field="file", accept=ANALYSIS, allow_empty=True)) is not None:
        return refused
    try:
        review = services.review_document(processor=membership.processor, data=file.read(),
                                          filename=file.name or "document", lang=lang,
                                          acting_user=request.auth, subprocessor=sp)
    except ValidationError as exc:
        return _error(exc)
    return Status(201, _out(review))


@router.get("/analyses/{code}", response=dict)
def analysis_get(request: AuthedRequest, code: UUID) -> dict[str, Any]:
    return _out(review_for(request.auth, code))


@router.post("/analyses/{code}/confirm", response={200: dict, 422: AnalysisError})
def analysis_confirm(request: AuthedRequest, code: UUID, payload: ConfirmIn) -> Status[dict[str, Any]]:
    """Confirm a staged sub-processor import with the ``terms`` as checked against the quotes.

    The terms and the original file are stored on the sub-processor; the flow-down check
    uses them from then on. 422 when the review is no such import, was already confirmed, or
    the terms are incomplete.
    """
    review = review_for(request.auth, code, write=True)
    if review.subprocessor is not None:
        subprocessor_for(request.auth, review.subprocessor.code, write=True)
    try:
        sp = services.confirm_subprocessor_import(review=review, terms=payload.terms,
                                                  acting_user=request.auth)
    except ValidationError as exc:
        return _error(exc)
    return Status(200, {"subprocessor": str(sp.code), "agreement_sha256": sp.agreement_sha256,
                        "terms": sp.terms})
