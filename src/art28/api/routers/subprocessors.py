"""Sub-processors: the register, changes with their per-agreement clocks, answers, transfers,
flow-down and each agreement's list and history. Routes parse, check access through
``art28.subprocessors.access``, call one service and return a schema."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema

from art28.agreements.access import agreement_for
from art28.api.access import require_controller_user, require_staff
from art28.api.pagination import Page, PageParams, paginate
from art28.api.schemas.subprocessors import (
    AnswerIn,
    AtParams,
    ChangeIn,
    ChangeOut,
    ClockFilter,
    ClockOut,
    FlowdownRow,
    GapOut,
    LinkOut,
    PlanOut,
    PreviewOut,
    ResolveIn,
    SubprocessorIn,
    SubprocessorOut,
    SubprocessorPatch,
    TransferOut,
    WithdrawPreviewOut,
)
from art28.api.uploads import download_doc
from art28.core.downloads import attachment
from art28.parties.types import AuthedRequest
from art28.subprocessors import access, export, services
from art28.subprocessors.models import ChangeAgreement, Subprocessor, SubprocessorChange

router = Router(tags=["subprocessors"])


# --- register ------------------------------------------------------------------------------


def _own(request: AuthedRequest, code: UUID | None) -> Subprocessor | None:
    if code is None:
        return None
    return access.subprocessor_for(request.auth, code)


def _fields(payload: Schema) -> dict[str, Any]:
    return payload.dict(exclude_unset=True, exclude={"terms", "named_in_agreements", "agreements"})


def _terms(payload: SubprocessorIn | SubprocessorPatch) -> dict[str, Any] | None:
    return None if payload.terms is None else payload.terms.model_dump(mode="json", exclude_unset=True)


@router.get("/subprocessors", response=Page[SubprocessorOut])
def subprocessor_list(request: AuthedRequest, params: Query[PageParams]) -> dict[str, Any]:
    return paginate(access.visible_subprocessors(request.auth).order_by("name", "pk"), params)


@router.post("/subprocessors", response={201: SubprocessorOut})
def subprocessor_create(request: AuthedRequest, payload: SubprocessorIn) -> tuple[int, Subprocessor]:
    m = require_staff(request.auth, admin=True)
    agreements = (
        [agreement_for(request.auth, c) for c in payload.agreements]
        if payload.agreements is not None
        else None
    )
    sp = services.register_subprocessor(
        processor=m.processor,
        data=_fields(payload),
        terms=_terms(payload),
        named_in_agreements=payload.named_in_agreements,
        agreements=agreements,
        acting_user=request.auth,
    )
    return 201, sp


@router.get("/subprocessors/{code}", response=SubprocessorOut)
def subprocessor_get(request: AuthedRequest, code: UUID) -> Subprocessor:
    require_staff(request.auth, write=False)
    return access.subprocessor_for(request.auth, code)


@router.patch("/subprocessors/{code}", response=SubprocessorOut)
def subprocessor_update(request: AuthedRequest, code: UUID, payload: SubprocessorPatch) -> Subprocessor:
    require_staff(request.auth, admin=True)
    sp = access.subprocessor_for(request.auth, code, write=True)
    return services.update_subprocessor(
        subprocessor=sp, data=_fields(payload), terms=_terms(payload), acting_user=request.auth
    )


@router.get("/subprocessors/{code}/transfer", response=TransferOut)
def subprocessor_transfer(
    request: AuthedRequest, code: UUID, language: Literal["nl", "en"] = "en", agreement: UUID | None = None
) -> Any:
    """The transfer check in plain words; with ``agreement``, under that agreement's policy."""
    require_staff(request.auth, write=False)
    sp = access.subprocessor_for(request.auth, code)
    terms = agreement_for(request.auth, agreement).binding.dpa_terms if agreement else None
    return services.check_transfer(sp, terms, language=language)


@router.get("/subprocessors/{code}/flowdown", response=list[GapOut])
def subprocessor_flowdown(request: AuthedRequest, code: UUID, margin_hours: int | None = None) -> Any:
    require_staff(request.auth, write=False)
    return services.compare(access.subprocessor_for(request.auth, code), margin_hours=margin_hours)


@router.get("/subprocessors/{code}/agreements", response=list[str])
def subprocessor_agreements(request: AuthedRequest, code: UUID, params: Query[AtParams]) -> Any:
    """References of the agreements for which it is authorised at ``at``."""
    require_staff(request.auth, write=False)
    sp = access.subprocessor_for(request.auth, code)
    return access.agreement_references_using(request.auth, sp, at=params.at)


@router.get("/subprocessor-flowdown", response=list[FlowdownRow])
def flowdown_dashboard(request: AuthedRequest, margin_hours: int | None = None) -> Any:
    m = require_staff(request.auth, write=False)
    return services.dashboard(m.processor_id, margin_hours=margin_hours)


# --- changes -------------------------------------------------------------------------------


def _change_args(request: AuthedRequest, payload: ChangeIn) -> dict[str, Any]:
    m = require_staff(request.auth, admin=True)
    agreements = (
        [agreement_for(request.auth, c) for c in payload.agreements]
        if payload.agreements is not None
        else None
    )
    return {
        "processor": m.processor,
        "kind": payload.kind,
        "subprocessor": _own(request, payload.subprocessor),
        "replaces": _own(request, payload.replaces),
        "effective_at": payload.effective_at,
        "agreements": agreements,
    }


def _change_out(change: SubprocessorChange) -> SubprocessorChange:
    change.agreements = change.clocks.count()  # type: ignore[attr-defined]  # read by the response schema
    return change


@router.post("/subprocessor-changes/plan", response=PlanOut)
def change_plan(request: AuthedRequest, payload: ChangeIn) -> dict[str, Any]:
    """What a proposal would do per agreement, and which agreements block its date; saves nothing."""
    args = _change_args(request, payload)
    agreements = services.affected_agreements(
        kind=args["kind"],
        subprocessor=args["subprocessor"],
        replaces=args["replaces"],
        agreements=args["agreements"],
    )
    now = timezone.now()
    effective_at = args["effective_at"] or services.earliest_effective(
        kind=args["kind"], subprocessor=args["subprocessor"], agreements=agreements, now=now
    )
    plan = services.plan_change(
        kind=args["kind"],
        subprocessor=args["subprocessor"],
        agreements=agreements,
        effective_at=effective_at,
        now=now,
    )
    return {
        "items": [
            {**i.__dict__, "agreement": i.agreement.reference, "blocked": i.blocked} for i in plan.items
        ],
        "blocking": [i.agreement.reference for i in plan.blocking],
    }


@router.post("/subprocessor-changes/preview", response=PreviewOut)
def change_preview(request: AuthedRequest, payload: ChangeIn) -> Any:
    """What proposing this change would send: recipients, each language's message as rendered,
    the agreements left out and why, the clients nobody would hear from. Saves nothing."""
    return services.preview_change(
        **_change_args(request, payload), reason=payload.reason, split=payload.split,
        include_unsigned=payload.include_unsigned,
    )


@router.post("/subprocessor-changes", response={201: ChangeOut})
def change_create(request: AuthedRequest, payload: ChangeIn) -> tuple[int, SubprocessorChange]:
    """Propose a change; 400 lists the agreements whose terms need a later date (unless ``split``),
    or the clients no notice would reach (unless ``allow_unreachable``). Unsigned agreements are
    left out unless ``include_unsigned``. See ``/subprocessor-changes/preview`` first."""
    change = services.propose_change(
        **_change_args(request, payload), reason=payload.reason, split=payload.split,
        include_unsigned=payload.include_unsigned, allow_unreachable=payload.allow_unreachable,
        acting_user=request.auth,
    )
    return 201, _change_out(change)


@router.get("/subprocessor-changes", response=Page[ChangeOut])
def change_list(request: AuthedRequest, params: Query[PageParams]) -> dict[str, Any]:
    require_staff(request.auth, write=False)
    page = paginate(
        access.visible_changes(request.auth)
        .select_related("subprocessor", "replaces")
        .order_by("-created_at", "pk"),
        params,
    )
    page["items"] = [_change_out(c) for c in page["items"]]
    return page


@router.get("/subprocessor-changes/{code}", response=ChangeOut)
def change_get(request: AuthedRequest, code: UUID) -> SubprocessorChange:
    require_staff(request.auth, write=False)
    return _change_out(access.change_for(request.auth, code))


@router.get("/subprocessor-changes/{code}/clocks", response=Page[ClockOut])
def change_clocks(request: AuthedRequest, code: UUID, params: Query[ClockFilter]) -> dict[str, Any]:
    require_staff(request.auth, write=False)
    change = access.change_for(request.auth, code)
    qs = access.clocks_for(request.auth, change=change, status=params.status or "").select_related(
        "change", "agreement")
    return paginate(qs.order_by("agreement__reference", "pk"), params)


@router.get("/subprocessor-changes/{code}/withdraw-preview", response=WithdrawPreviewOut)
def change_withdraw_preview(request: AuthedRequest, code: UUID) -> dict[str, Any]:
    """Who withdrawing the change would tell, and what; the settled agreements it leaves alone."""
    require_staff(request.auth, admin=True)
    change = access.change_for(request.auth, code, write=True)
    preview = services.preview_withdrawal(change=change)
    return {**preview.__dict__, "not_told": dict(preview.not_told)}


@router.post("/subprocessor-changes/{code}/withdraw", response=ChangeOut)
def change_withdraw(request: AuthedRequest, code: UUID) -> SubprocessorChange:
    require_staff(request.auth, admin=True)
    change = access.change_for(request.auth, code, write=True)
    return _change_out(services.withdraw_change(change=change, acting_user=request.auth))


# --- clocks (one change for one agreement) -------------------------------------------------


def _clock_out(clock: ChangeAgreement) -> ChangeAgreement:
    return access.reloaded_clock(clock)


@router.get("/subprocessor-clocks", response=Page[ClockOut])
def clock_list(request: AuthedRequest, params: Query[ClockFilter]) -> dict[str, Any]:
    """Clocks the caller may see; a controller's users see their own pending changes here."""
    qs = access.clocks_for(request.auth, status=params.status or "").select_related("change", "agreement")
    return paginate(qs.order_by("-notified_at", "pk"), params)


@router.get("/subprocessor-clocks/{code}", response=ClockOut)
def clock_get(request: AuthedRequest, code: UUID) -> ChangeAgreement:
    return access.clock_for(request.auth, code)


@router.post("/subprocessor-clocks/{code}/answer", response=ClockOut)
def clock_answer(request: AuthedRequest, code: UUID, payload: AnswerIn) -> ChangeAgreement:
    """The controller consents, refuses, or objects with a reason."""
    clock = access.clock_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return _clock_out(
        services.answer_change(
            clock=clock, answer=payload.answer, reason=payload.reason, acting_user=request.auth
        )
    )


@router.post("/subprocessor-clocks/{code}/resolve", response=ClockOut)
def clock_resolve(request: AuthedRequest, code: UUID, payload: ResolveIn) -> ChangeAgreement:
    """Settle an objection: withdraw for this controller, offer an alternative, or end the agreement."""
    clock = access.clock_for(request.auth, code, write=True)
    require_staff(request.auth)
    alternative = _own(request, payload.alternative) if payload.alternative else None
    return _clock_out(
        services.resolve_objection(
            clock=clock,
            outcome=payload.outcome,
            note=payload.note,
            alternative=alternative,
            effective_at=payload.effective_at,
            acting_user=request.auth,
        )
    )


# --- per agreement -------------------------------------------------------------------------


@router.get("/agreements/{code}/subprocessors", response=list[LinkOut])
def agreement_subprocessors(request: AuthedRequest, code: UUID, params: Query[AtParams]) -> Any:
    """Each sub-processor's status for the agreement at ``at``, with its basis."""
    return list(
        services.links_at(agreement_for(request.auth, code), at=params.at).select_related("agreement")
    )


@router.get("/agreements/{code}/subprocessors/history", response=list[LinkOut])
def agreement_subprocessor_history(request: AuthedRequest, code: UUID) -> Any:
    return list(services.history(agreement_for(request.auth, code)).select_related("agreement"))


@router.get(
    "/agreements/{code}/subprocessors/export",
    openapi_extra=download_doc("The list", "text/csv", "application/pdf"),
)
def agreement_subprocessor_export(
    request: AuthedRequest,
    code: UUID,
    format: Literal["csv", "pdf"] = "csv",  # noqa: A002
    at: datetime | None = None,
) -> HttpResponse:
    agreement = agreement_for(request.auth, code)
    name = f"subprocessors-{agreement.reference}.{format}"
    if format == "pdf":
        return attachment(export.list_pdf(agreement, at), "application/pdf", name)
    return attachment(export.list_csv(agreement, at), "text/csv; charset=utf-8", name)


@router.post("/agreements/{code}/subprocessors/annex-sync", response={200: dict, 204: None})
def agreement_annex_sync(request: AuthedRequest, code: UUID) -> Any:
    """Write the register into Annex IV (a draft in place, else a new version for acceptance)."""
    agreement = agreement_for(request.auth, code, write=True)
    require_staff(request.auth)
    version = services.sync_annex_iv(agreement=agreement, acting_user=request.auth)
    if version is None:
        return 204, None
    return 200, {
        "version": version.number,
        "status": version.status,
        "named": [n["name"] for n in version.terms["subprocessors"]["named"]],
    }

