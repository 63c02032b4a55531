"""Data subject requests, instructions, authority requests, audits, measures, termination and
the Art. 30 record. Routes parse, check access via art28.requests.access, call one service.

Files go up as multipart (a mailed instruction's e-mail, audit reports, returned data, task
evidence): over ``ART28_MAX_UPLOAD_MB`` gives 413, an empty file 422 (art28.api.uploads).
Stored files come back from GET routes as attachments.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from art28.agreements.access import agreement_for, visible_agreements
from art28.api import uploads
from art28.api.access import require_controller_user, require_staff
from art28.api.uploads import UPLOAD_ERRORS
from art28.core.uploads import EVIDENCE
from art28.parties.types import AuthedRequest
from art28.requests import access
from art28.requests.services import audits, authority, data_subject, instructions, measures, ropa, termination

router = Router(tags=["requests"])


class TaskOut(Schema):
    code: UUID
    action: str
    instructions: str
    status: str
    done_at: datetime | None
    evidence: str
    evidence_sha256: str


class DsrIn(Schema):
    kind: str
    requester: str
    details: str
    channel: str
    received_at: datetime | None = None


class DsrOut(Schema):
    code: UUID
    kind: str
    status: str
    requester: str
    details: str
    received_at: datetime
    forward_by: datetime
    forwarded_at: datetime
    answer_due: datetime
    extended_at: datetime | None
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj: Any) -> Any:
        return list(obj.tasks.all())


class TaskIn(Schema):
    action: str
    instructions: str


class TextIn(Schema):
    text: str


class EvidenceIn(Schema):
    evidence: str


class InstructionOut(Schema):
    code: UUID
    text: str
    author_name: str
    given_at: datetime
    source: str
    status: str
    flag_reason: str
    mail_sha256: str


class ResolveIn(Schema):
    confirm: bool
    note: str = ""


class AuthorityIn(Schema):
    authority_kind: str
    authority: str
    legal_basis: str
    description: str
    respond_by: datetime
    gagged: bool = False
    gag_basis: str = ""
    received_at: datetime | None = None


class AuthorityOut(Schema):
    code: UUID
    authority_kind: str
    authority: str
    legal_basis: str
    description: str
    received_at: datetime
    respond_by: datetime
    gagged: bool
    controller_told_at: datetime | None
    objection: str
    disclosed: str
    status: str


class AuditIn(Schema):
    scope: str
    starts_on: date
    ends_on: date
    auditor: str


class AuditOut(Schema):
    code: UUID
    scope: str
    starts_on: date
    ends_on: date
    auditor: str
    status: str
    cost_rule: str
    notice_days: int
    cost_estimate: Decimal | None
    alternative: str
    report_sha256: str
    noncompliance_found: bool | None
    cost_bearer: str


class ScheduleIn(Schema):
    cost_estimate: Decimal | None = None


class MeasureIn(Schema):
    kind: str
    text: str


class MeasuresIn(Schema):
    measures: list[MeasureIn]
    summary: str
    substantial: bool = False


class MeasuresOut(Schema):
    code: UUID
    number: int
    measures: list[dict[str, str]]
    summary: str
    substantial: bool
    agreements_updated: int
    controllers_notified: int
    created_at: datetime


class TerminateIn(Schema):
    reason: str
    note: str = ""


class DestructionIn(Schema):
    target_kind: str
    target: str
    method: str


class ChoiceIn(Schema):
    choice: str


class AnswerIn(Schema):
    accept: bool


class EstimateIn(Schema):
    amount: Decimal


class RetentionItem(Schema):
    data: str
    basis: str
    until: str = ""


class RetentionIn(Schema):
    items: list[RetentionItem]


class ReturnedOut(Schema):
    code: UUID
    name: str
    sha256: str
    size: int


class DestructionOut(Schema):
    target_kind: str
    target: str
    method: str
    confirmed_at: datetime


class TerminationOut(Schema):
    code: UUID
    reason: str
    ended_at: datetime
    complete_by: datetime
    choice: str
    choice_fixed: bool
    controller_pays: bool
    cost_estimate: Decimal | None
    retention: list[dict[str, str]]
    surviving: list[str]
    status: str
    certificate_sha256: str
    returned: list[ReturnedOut]
    destructions: list[DestructionOut]

    @staticmethod
    def resolve_returned(obj: Any) -> Any:
        return list(obj.returned.all())

    @staticmethod
    def resolve_destructions(obj: Any) -> Any:
        return list(obj.destructions.all())


# -- data subject requests ----------


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


# -- instructions ----------


@router.post("/agreements/{code}/instructions", response={201: InstructionOut})
def instruction_give(request: AuthedRequest, code: UUID, payload: TextIn) -> tuple[int, Any]:
    agreement = agreement_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return 201, instructions.give_instruction(
        agreement=agreement, text=payload.text, source="api", acting_user=request.auth
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


# -- authority requests ----------


@router.post("/agreements/{code}/authority-requests", response={201: AuthorityOut})
def authority_create(request: AuthedRequest, code: UUID, payload: AuthorityIn) -> tuple[int, Any]:
    agreement = agreement_for(request.auth, code, write=True)
    require_staff(request.auth)
    return 201, authority.record_authority_request(
        agreement=agreement, acting_user=request.auth, **payload.dict()
    )


@router.get("/authority-requests/{code}", response=AuthorityOut)
def authority_get(request: AuthedRequest, code: UUID) -> Any:
    return access.authority_for(request.auth, code)


@router.post("/authority-requests/{code}/objection", response=AuthorityOut)
def authority_object(request: AuthedRequest, code: UUID, payload: TextIn) -> Any:
    req = access.authority_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return authority.record_objection(request=req, objection=payload.text, acting_user=request.auth)


@router.post("/authority-requests/{code}/close", response=AuthorityOut)
def authority_close(request: AuthedRequest, code: UUID, payload: TextIn) -> Any:
    req = access.authority_for(request.auth, code, write=True)
    require_staff(request.auth)
    return authority.close_authority_request(request=req, disclosed=payload.text, acting_user=request.auth)


# -- audits ----------


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


# -- security measures ----------


@router.get("/measures", response=list[MeasuresOut])
def measures_list(request: AuthedRequest) -> Any:
    require_staff(request.auth, write=False)
    return access.visible_catalogues(request.auth).order_by("-number")


@router.post("/measures", response={201: MeasuresOut})
def measures_publish(request: AuthedRequest, payload: MeasuresIn) -> tuple[int, Any]:
    """Publish a new catalogue version; a substantial one updates Annex III and tells controllers."""
    m = require_staff(request.auth, admin=True)
    return 201, measures.publish_measures(
        processor=m.processor,
        measures=[x.dict() for x in payload.measures],
        summary=payload.summary,
        substantial=payload.substantial,
        acting_user=request.auth,
    )


# -- termination ----------


@router.post("/agreements/{code}/termination", response={201: TerminationOut})
def termination_create(request: AuthedRequest, code: UUID, payload: TerminateIn) -> tuple[int, Any]:
    agreement = agreement_for(request.auth, code, write=True)
    require_staff(request.auth)
    return 201, termination.terminate_agreement(
        agreement=agreement, reason=payload.reason, note=payload.note, acting_user=request.auth
    )


@router.get("/terminations/{code}", response=TerminationOut)
def termination_get(request: AuthedRequest, code: UUID) -> Any:
    return access.termination_for(request.auth, code)


@router.post("/audits/{code}/answer", response=AuditOut)
def audit_answer(request: AuthedRequest, code: UUID, payload: AnswerIn) -> Any:
    """The controller accepts the reports offered instead of the audit, or insists on it."""
    audit = access.audit_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return audits.answer_alternative(audit=audit, accept=payload.accept, acting_user=request.auth)


@router.post("/terminations/{code}/estimate", response=TerminationOut)
def termination_estimate(request: AuthedRequest, code: UUID, payload: EstimateIn) -> Any:
    """What return or destruction will cost, where the controller pays."""
    t = access.termination_for(request.auth, code, write=True)
    require_staff(request.auth)
    return termination.set_end_cost_estimate(termination=t, amount=payload.amount, acting_user=request.auth)


@router.put("/terminations/{code}/retention", response=TerminationOut)
def termination_retention(request: AuthedRequest, code: UUID, payload: RetentionIn) -> Any:
    """The data kept under a legal retention duty: what, on which legal basis, until when."""
    t = access.termination_for(request.auth, code, write=True)
    require_staff(request.auth)
    items = [item.dict() for item in payload.items]
    return termination.set_retention(termination=t, items=items, acting_user=request.auth)


@router.post("/terminations/{code}/choice", response=TerminationOut)
def termination_choose(request: AuthedRequest, code: UUID, payload: ChoiceIn) -> Any:
    t = access.termination_for(request.auth, code, write=True)
    require_controller_user(request.auth)
    return termination.choose_end_way(termination=t, choice=payload.choice, acting_user=request.auth)


@router.post("/terminations/{code}/destructions", response={201: DestructionOut})
def termination_destroy(request: AuthedRequest, code: UUID, payload: DestructionIn) -> tuple[int, Any]:
    t = access.termination_for(request.auth, code, write=True)
    require_staff(request.auth)
    return 201, termination.confirm_destruction(termination=t, acting_user=request.auth, **payload.dict())


@router.post("/terminations/{code}/certificate", response=TerminationOut)
def termination_certify(request: AuthedRequest, code: UUID) -> Any:
    t = access.termination_for(request.auth, code, write=True)
    require_staff(request.auth)
    return termination.issue_certificate(termination=t, acting_user=request.auth)


@router.get(
    "/terminations/{code}/certificate",
    openapi_extra=uploads.download_doc("The certificate of destruction or return", "application/pdf"),
)
def termination_certificate(request: AuthedRequest, code: UUID) -> HttpResponseBase:
    t = access.termination_for(request.auth, code)
    return uploads.download(
        t.certificate, filename=f"certificate-{t.agreement.reference}.pdf", content_type="application/pdf"
    )


@router.post("/terminations/{code}/returned-files", response={201: ReturnedOut, **UPLOAD_ERRORS})
def termination_return_file(request: AuthedRequest, code: UUID, file: File[UploadedFile]) -> Status[Any]:
    """Add one file of the data package the controller gets back (multipart ``file``); its SHA-256
    goes on the certificate."""
    t = access.termination_for(request.auth, code, write=True)
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
    item = access.returned_file_for(request.auth, code)
    return uploads.download(item.file, filename=item.name)


# -- the Art. 30(2) record ----------


@router.get(
    "/ropa",
    openapi_extra={
        "responses": {
            200: {"description": "The record", "content": {t: {} for t in ropa.CONTENT_TYPES.values()}}
        }
    },
)
def ropa_export(
    request: AuthedRequest, format: Literal["csv", "xlsx", "pdf", "jsonld"] = "jsonld"
) -> HttpResponse:  # noqa: A002
    """The processor's record (staff), or the controller's own extract (controller users)."""
    from art28.parties.access import membership_of

    m = membership_of(request.auth)
    if m is None:
        from django.http import Http404

        raise Http404
    content = ropa.export(processor=m.processor, fmt=format, agreements=visible_agreements(request.auth))
    response = HttpResponse(content, content_type=ropa.CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="art30-record.{format}"'
    return response
