"""Breaches: the register, intake, affected agreements, notices, clocks, and the
controller's side (acknowledgement, 72-hour clock, authority draft, ENISA severity).

Routes parse, check access via art28.breaches.access, call one service, return a schema.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from art28.agreements.access import agreement_for
from art28.api.access import require_controller_user, require_staff
from art28.api.pagination import Page, PageParams, paginate
from art28.api.schemas.breaches import (
    AdjustIn,
    AffectedOut,
    ClockOut,
    Facts,
    IncidentFilter,
    IncidentOut,
    NoticeIn,
    NoticeOut,
    NoticePreviewOut,
    ReasoningIn,
    SeverityIn,
)
from art28.api.uploads import download_doc
from art28.breaches import services
from art28.breaches.access import (
    affected_for,
    incident_for,
    incident_notices,
    notice_for,
    register_incidents,
    reloaded,
    visible_affected,
    visible_notices,
)
from art28.breaches.models import Incident, IncidentNotice
from art28.core.downloads import attachment, dated
from art28.parties.access import controller_for
from art28.parties.types import AuthedRequest
from art28.subprocessors.access import subprocessors_by_code
from art28.subprocessors.models import Subprocessor

router = Router(tags=["breaches"])


def _file(content: Any, content_type: str, filename: str) -> HttpResponse | StreamingHttpResponse:
    """A file download; an iterator of chunks (a CSV of any size) is streamed."""
    return attachment(content, content_type, filename)


def _subprocessors(user: Any, codes: list[UUID] | None) -> list[Subprocessor] | None:
    if codes is None:
        return None
    found = list(subprocessors_by_code(user, codes))
    if len(found) != len(set(codes)):
        raise ValidationError({"subprocessors": [_("Unknown sub-processor.")]})
    return found


def _facts(payload: Facts) -> dict[str, Any]:
    return payload.model_dump(exclude_unset=True, exclude={"subprocessors"})


def _incident(incident: Incident) -> Incident:
    return reloaded(incident)


# --- processor side ----------------------------------------------------------------

@router.get("/breaches", response=Page[IncidentOut])
def incident_list(request: AuthedRequest, params: Query[IncidentFilter]) -> dict[str, Any]:
    """The register: every incident the caller may see, notified or not."""
    require_staff(request.auth, write=False)
    controller = controller_for(request.auth, params.controller) if params.controller else None
    qs = register_incidents(request.auth, controller, status=params.status).prefetch_related("subprocessors")
    return paginate(qs.order_by("-aware_at", "-pk"), params)


@router.post("/breaches", response={201: IncidentOut})
def incident_create(request: AuthedRequest, payload: Facts) -> tuple[int, Incident]:
    """Open an incident: a title and ``aware_at`` are enough; the rest can follow."""
    m = require_staff(request.auth)
    incident = services.open_incident(processor=m.processor, facts=_facts(payload), acting_user=request.auth,
                                      subprocessors=_subprocessors(request.auth, payload.subprocessors))
    return 201, _incident(incident)


@router.get("/breaches/clocks", response=list[AffectedOut])
def clock_list(request: AuthedRequest) -> Any:
    """Open notice clocks (not yet notified), soonest deadline first."""
    require_staff(request.auth, write=False)
    return list(services.open_clocks(visible_affected(request.auth))[:1000])


@router.get("/breaches/left-out", response=list[AffectedOut])
def left_out_list(request: AuthedRequest) -> Any:
    """Agreements of open incidents that staff left out, with `exclusion_reason` (the clock
    list's other half: they have no clock running)."""
    require_staff(request.auth, write=False)
    return list(services.left_out(visible_affected(request.auth))[:1000])


@router.get("/breaches/register.{fmt}",
            openapi_extra=download_doc("The register", "text/csv", "application/pdf"))
def register_export(request: AuthedRequest, fmt: Literal["csv", "pdf"],
                    controller: UUID | None = None) -> HttpResponse | StreamingHttpResponse:
    """The processor's register, optionally filtered to one controller's incidents."""
    member = require_staff(request.auth, write=False)
    chosen = controller_for(request.auth, controller) if controller else None
    qs = register_incidents(request.auth, chosen)
    rows = services.processor_rows(qs.order_by("-aware_at"), chosen, affected=visible_affected(request.auth))
    if fmt == "csv":
        return _file(services.csv_chunks(rows), "text/csv; charset=utf-8", dated("breach-register", "csv"))
    pdf = services.export_register_pdf(rows=rows, title="Breach register",
                                       processor_id=member.processor_id,
                                       controller_id=chosen.pk if chosen else None, acting_user=request.auth)
    return _file(pdf, "application/pdf", dated("breach-register", "pdf"))


@router.get("/breaches/{code}", response=IncidentOut)
def incident_get(request: AuthedRequest, code: UUID) -> Incident:
    return _incident(incident_for(request.auth, code))


@router.patch("/breaches/{code}", response=IncidentOut)
def incident_update(request: AuthedRequest, code: UUID, payload: Facts) -> Incident:
    """Complete or correct the facts (only the fields sent change)."""
    incident = incident_for(request.auth, code, write=True)
    require_staff(request.auth)
    services.update_incident(incident=incident, facts=_facts(payload), acting_user=request.auth,
                             subprocessors=_subprocessors(request.auth, payload.subprocessors))
    return _incident(incident)


@router.get("/breaches/{code}/affected", response=Page[AffectedOut])
def affected_list(request: AuthedRequest, code: UUID, params: Query[PageParams]) -> dict[str, Any]:
    """The agreements the incident touches that the caller may see, soonest deadline first,
    a page at a time (``?page=&page_size=``)."""
    incident = incident_for(request.auth, code)
    rows = visible_affected(request.auth, incident).select_related("agreement__controller", "incident")
    return paginate(rows.order_by("deadline", "pk"), params)


@router.post("/breaches/{code}/affected", response=list[AffectedOut])
def affected_adjust(request: AuthedRequest, code: UUID, payload: AdjustIn) -> Any:
    """Review: keep in, leave out, or add agreements before notices go out.

    Acts on, and answers with, only the rows of controllers the caller may see."""
    incident = incident_for(request.auth, code, write=True)
    require_staff(request.auth)
    add = [agreement_for(request.auth, c) for c in payload.add]
    exclude = {str(c): payload.reasons.get(c) or payload.reason for c in payload.exclude}
    return services.adjust_affected(incident=incident, include=payload.include, exclude=exclude,
                                    add=add, acting_user=request.auth)


@router.post("/breaches/{code}/notices", response={201: list[NoticeOut]})
def notices_send(request: AuthedRequest, code: UUID, payload: NoticeIn) -> tuple[int, Any]:
    """Queue initial, follow-up or final notices (e-mail, portal, webhook)."""
    incident = incident_for(request.auth, code, write=True)
    require_staff(request.auth)
    created = services.send_notices(incident=incident, stage=payload.stage, message=payload.message,
                                    acting_user=request.auth, expected=payload.expected,
                                    affected_codes=[str(c) for c in payload.affected]
                                    if payload.affected is not None else None)
    return 201, list(incident_notices(request.auth, incident, among=created))


@router.post("/breaches/{code}/notices/preview", response=NoticePreviewOut)
def notices_preview(request: AuthedRequest, code: UUID, payload: NoticeIn) -> Any:
    """What `POST /breaches/{code}/notices` would send, without sending or recording anything:
    the number of controllers and e-mail addresses, the message per language, and the
    agreements left out with their reasons. Pass `controllers` back as `expected` to send."""
    incident = incident_for(request.auth, code, write=True)
    require_staff(request.auth)
    return services.preview_notices(incident=incident, stage=payload.stage, message=payload.message,
                                    acting_user=request.auth,
                                    affected_codes=[str(c) for c in payload.affected]
                                    if payload.affected is not None else None)


@router.get("/breaches/{code}/notices", response=Page[NoticeOut])
def notices_list(request: AuthedRequest, code: UUID, params: Query[PageParams]) -> dict[str, Any]:
    """The incident's notices the caller may see, a page at a time (``?page=&page_size=``)."""
    incident = incident_for(request.auth, code)
    return paginate(incident_notices(request.auth, incident), params, keyed=True)


@router.post("/breaches/{code}/no-notice", response=IncidentOut)
def incident_no_notice(request: AuthedRequest, code: UUID, payload: ReasoningIn) -> Incident:
    """Record that nobody is notified, with the reasoning (kept in the register)."""
    incident = incident_for(request.auth, code, write=True)
    require_staff(request.auth)
    services.record_no_notice(incident=incident, reasoning=payload.reasoning, acting_user=request.auth)
    return _incident(incident)


@router.post("/breaches/{code}/close", response=IncidentOut)
def incident_close(request: AuthedRequest, code: UUID, payload: ReasoningIn) -> Incident:
    incident = incident_for(request.auth, code, write=True)
    require_staff(request.auth)
    services.close_incident(incident=incident, reasoning=payload.reasoning, acting_user=request.auth)
    return _incident(incident)


# --- controller side ---------------------------------------------------------------

@router.get("/breach-notices", response=Page[NoticeOut])
def notice_list(request: AuthedRequest, params: Query[PageParams]) -> dict[str, Any]:
    """Breach notices to the caller's organisation (staff: to the controllers they see)."""
    qs = visible_notices(request.auth).prefetch_related("notice__deliveries").order_by("-created_at", "-pk")
    # A notice's row carries its facts and message: sorting thousands of them whole is the cost.
    return paginate(qs, params, keyed=True)


@router.get("/breach-notices/register.{fmt}",
            openapi_extra=download_doc("The controller's extract", "text/csv", "application/pdf"))
def controller_register(request: AuthedRequest,
                        fmt: Literal["csv", "pdf"]) -> HttpResponse | StreamingHttpResponse:
    """A controller's own extract of the register: the breaches it was told about."""
    require_controller_user(request.auth)
    controller = request.auth.membership.controller  # a controller user's membership names it
    assert controller is not None
    rows = services.controller_rows(controller)
    if fmt == "csv":
        return _file(services.as_csv(rows), "text/csv; charset=utf-8", dated("breach-register", "csv"))
    pdf = services.export_register_pdf(rows=rows, title=f"Breaches notified to {controller.name}",
                                       processor_id=controller.processor_id, controller_id=controller.pk,
                                       acting_user=request.auth)
    return _file(pdf, "application/pdf", dated("breach-register", "pdf"))


@router.get("/breach-notices/{code}", response=NoticeOut)
def notice_get(request: AuthedRequest, code: UUID) -> IncidentNotice:
    return notice_for(request.auth, code)


@router.post("/breach-notices/{code}/acknowledge", response=NoticeOut)
def notice_acknowledge(request: AuthedRequest, code: UUID) -> IncidentNotice:
    """The controller confirms receipt (idempotent: the first acknowledgement counts)."""
    incident_notice = notice_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    services.acknowledge_notice(incident_notice=incident_notice, acting_user=request.auth)
    return notice_for(request.auth, code)


@router.get("/breach-notices/{code}/clock", response=ClockOut)
def notice_clock(request: AuthedRequest, code: UUID) -> dict[str, Any]:
    """The controller's own 72 hours for the supervisory authority, from our first notice."""
    clock = services.authority_clock(notice_for(request.auth, code).affected)
    assert clock is not None  # a notice the controller can read started its clock
    started, deadline = clock
    left = (deadline - timezone.now()).total_seconds()
    return {"started_at": started, "deadline": deadline, "seconds_left": round(left, 1), "overdue": left < 0}


@router.get("/breach-notices/{code}/authority-draft", response=list[dict[str, Any]])
def notice_authority_draft(request: AuthedRequest, code: UUID) -> Any:
    """A prefilled draft of the controller's notification to the supervisory authority."""
    return services.authority_draft(notice_for(request.auth, code).affected)


@router.get("/breach-notices/{code}/severity", response=dict[str, Any])
def notice_severity(request: AuthedRequest, code: UUID) -> Any:
    """ENISA severity (SE = DPC × EI + CB) with reasons and a suggestion, never a verdict."""
    return services.severity(notice_for(request.auth, code).affected).as_dict()


@router.put("/breach-notices/{code}/severity", response=dict[str, Any])
def notice_severity_save(request: AuthedRequest, code: UUID, payload: SeverityIn) -> Any:
    incident_notice = notice_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    affected = affected_for(request.auth, incident_notice.affected.code, write=True)
    return services.save_assessment(affected=affected, values=payload.model_dump(),
                                    acting_user=request.auth).as_dict()
