"""Agreements, their versions, documents and signatures. Routes parse, check access via
the apps' helpers, call one service and return a schema."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse
from ninja import Query, Router, Status

from art28.agreements import downloads, services
from art28.agreements.access import (
    agreement_for,
    agreement_version_for,
    listed_agreements,
    reread,
    shown_versions,
    visible_versions,
)
from art28.agreements.downloads import DOCX, PDF
from art28.agreements.models import Agreement, AgreementVersion
from art28.api import uploads
from art28.api.access import require_controller_user, require_staff
from art28.api.pagination import Page, paginate
from art28.api.schemas.agreements import (
    AcceptIn,
    AgreementFilter,
    AgreementIn,
    AgreementOut,
    CountersignIn,
    SendIn,
    SendRefused,
    VersionDetail,
    VersionSummary,
)
from art28.core.downloads import attachment
from art28.parties.access import controller_for
from art28.parties.types import AuthedRequest
from art28.terms.schema import DpaTerms

router = Router(tags=["agreements"])



def _patch(terms: DpaTerms | None) -> dict[str, Any] | None:
    """Only the fields the client sent: the rest keeps the standard (or current) terms."""
    return None if terms is None else terms.model_dump(mode="json", exclude_unset=True)


def _listing(user: Any, qs: QuerySet[Agreement]) -> QuerySet[Agreement]:
    # Only the versions this user may see: a controller's users never get the drafts.
    return qs.select_related("controller").prefetch_related(
        Prefetch("versions", queryset=shown_versions(user)))


def _with_versions(user: Any, agreement: Agreement) -> Agreement:
    return _listing(user, reread(agreement)).get()


def _version(user: Any, code: UUID, number: int, *, write: bool = False) -> AgreementVersion:
    return agreement_version_for(user, agreement_for(user, code, write=write), number)


@router.get("/agreements", response=Page[AgreementOut])
def agreement_list(request: AuthedRequest, params: Query[AgreementFilter]) -> dict[str, Any]:
    qs = _listing(request.auth, listed_agreements(request.auth, params.status or ""))
    return paginate(qs.order_by("reference", "pk"), params)


@router.post("/agreements", response={201: AgreementOut})
def agreement_create(request: AuthedRequest, payload: AgreementIn) -> tuple[int, Agreement]:
    controller = controller_for(request.auth, payload.controller, write=True)
    require_staff(request.auth)
    agreement = services.create_agreement(controller=controller, acting_user=request.auth,
                                          terms=_patch(payload.terms))
    return 201, _with_versions(request.auth, agreement)


@router.get("/agreements/{code}", response=AgreementOut)
def agreement_get(request: AuthedRequest, code: UUID) -> Agreement:
    return _with_versions(request.auth, agreement_for(request.auth, code))


@router.patch("/agreements/{code}/terms", response=VersionDetail)
def agreement_update_terms(request: AuthedRequest, code: UUID, terms: DpaTerms,
                           standard_version: str | None = None) -> AgreementVersion:
    """Change the terms: a draft is edited; a sent or signed version gets a successor.
    ``standard_version`` moves the next version to newer standard terms (the client sees the
    move among the version's changes); without it the agreement keeps its own."""
    agreement = agreement_for(request.auth, code, write=True)
    require_staff(request.auth)
    return services.update_terms(agreement=agreement, terms=_patch(terms) or {},
                                 acting_user=request.auth, standard_version=standard_version)


@router.get("/agreements/{code}/versions", response=list[VersionSummary])
def version_list(request: AuthedRequest, code: UUID) -> Any:
    return visible_versions(request.auth, agreement_for(request.auth, code)).order_by("number")


@router.get("/agreements/{code}/versions/{number}", response=VersionDetail)
def version_get(request: AuthedRequest, code: UUID, number: int) -> AgreementVersion:
    return _version(request.auth, code, number)


def _file(download: downloads.Download) -> HttpResponse:
    return attachment(download.data, download.content_type, download.filename)


@router.get("/agreements/{code}/versions/{number}/document",
            openapi_extra=uploads.download_doc("The agreement document", PDF, DOCX))
def version_document(request: AuthedRequest, code: UUID, number: int,
                     format: Literal["pdf", "docx"] = "pdf") -> HttpResponse:  # noqa: A002
    """The agreement as PDF or DOCX; once sent, the PDF is the exact file whose hash is accepted."""
    return _file(downloads.document(_version(request.auth, code, number), format))


@router.get("/agreements/{code}/versions/{number}/signed",
            openapi_extra=uploads.download_doc("The signed PDF, evidence page included", PDF))
def version_signed_document(request: AuthedRequest, code: UUID, number: int) -> HttpResponse:
    download = downloads.signed(_version(request.auth, code, number))
    if download is None:
        raise Http404
    return _file(download)


@router.post("/agreements/{code}/versions/{number}/send",
             response={200: VersionDetail, 409: SendRefused})
def version_send(request: AuthedRequest, code: UUID, number: int,
                 params: Query[SendIn]) -> Any:
    """Freeze the PDF and invite the controller's signatories (e-mail via the outbox).

    409 when Annex III lists no security measures or the processor's contact person is
    missing; send again with the query parameter ``override_reason`` to go on (the reason is recorded).
    """
    version = _version(request.auth, code, number, write=True)
    require_staff(request.auth)
    try:
        return services.send_for_signature(version=version, acting_user=request.auth,
                                           override_reason=params.override_reason)
    except services.NotReadyToSend as exc:
        return Status(409, {"detail": exc.messages[0], "missing": exc.missing})


def _signature(request: AuthedRequest, payload: CountersignIn) -> services.Signature:
    return services.Signature(name=payload.name, function=payload.function,
                              confirmed=payload.confirmed, ip=request.META.get("REMOTE_ADDR"),
                              user_agent=request.headers.get("User-Agent", ""))


@router.post("/agreements/{code}/versions/{number}/accept", response=VersionDetail)
def version_accept(request: AuthedRequest, code: UUID, number: int,
                   payload: AcceptIn) -> AgreementVersion:
    """The controller accepts the exact PDF it read, identified by its SHA-256."""
    version = _version(request.auth, code, number, write=True)
    require_controller_user(request.auth)
    services.accept_version(version=version, signature=_signature(request, payload),
                            document_sha256=payload.document_sha256, acting_user=request.auth)
    return agreement_version_for(request.auth, version.agreement, number)


@router.post("/agreements/{code}/versions/{number}/countersign", response=VersionDetail)
def version_countersign(request: AuthedRequest, code: UUID, number: int,
                        payload: CountersignIn) -> AgreementVersion:
    """The processor countersigns an accepted version: it becomes signed and immutable."""
    version = _version(request.auth, code, number, write=True)
    require_staff(request.auth)
    return services.countersign_version(version=version, signature=_signature(request, payload),
                                        acting_user=request.auth)
