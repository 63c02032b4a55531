"""Data subject requests: logged, forwarded to the controller, and the tasks it asks for."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.accounts.services import queue_with_invitations
from art28.agreements.models import Agreement
from art28.core.ledger_scope import ledger_scope
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.notices.models import Audience, NoticeKind
from art28.notices.services import About, NoticeDraft, queue_notice
from art28.requests.models import (
    DataSubjectRequest,
    DsrStatus,
    RequestTask,
    RightKind,
    TaskAction,
    TaskStatus,
)
from art28.requests.services.common import (
    controller_recipients,
    portal_url,
    processor_recipients,
    require_open,
    require_text,
    staff_url,
    store,
)
from art28.terms import clocks


def forward_deadline(received_at: datetime) -> datetime:
    """When the processor must have passed the request on: the end of the next working day."""
    return clocks.next_business_day_end(received_at)


@transaction.atomic
def record_data_subject_request(
    *,
    agreement: Agreement,
    kind: str,
    requester: str,
    details: str,
    channel: str,
    acting_user: Any,
    received_at: datetime | None = None,
) -> DataSubjectRequest:
    """Log a request that reached the processor and forward it to the controller at once."""
    agreement = Agreement.objects.select_for_update().select_related("controller").get(pk=agreement.pk)
    require_open(agreement)
    now = timezone.now()
    received_at = received_at or now
    errors: dict[str, str] = {}
    if kind not in RightKind.values:
        errors["kind"] = _("Choose the right the data subject exercises.")
    requester = require_text(errors, "requester", requester, _("Say who the data subject is."))
    details = require_text(errors, "details", details, _("Describe what the data subject asks."))
    channel = require_text(errors, "channel", channel, _("Say how the request reached you."))
    if received_at > now:
        errors["received_at"] = _("The request cannot have been received in the future.")
    if errors:
        raise ValidationError(errors)
    dsr = DataSubjectRequest.objects.create(
        agreement=agreement,
        kind=kind,
        requester=requester,
        details=details,
        channel=channel,
        received_at=received_at,
        forward_by=forward_deadline(received_at),
        forwarded_at=now,
        created_by=user_or_none(acting_user),
    )
    controller = agreement.controller
    queue_with_invitations(NoticeDraft(
        controller=controller,
        kind=NoticeKind.DATA_SUBJECT_REQUEST,
        about=About("datasubjectrequest", str(dsr.code)),
        template="dsr_forwarded",
        recipients=controller_recipients(controller),
        link=portal_url("portal_dsr", dsr.code),
        deadline=dsr.answer_due,
        context={
            "reference": agreement.reference,
            "kind": RightKind(dsr.kind).label,  # lazy: in the notice's language
            "requester": requester,
            "details": details,
            "received_at": received_at,
            "answer_due": dsr.answer_due,
            "processor": controller.processor.name,
        },
    ), processor=controller.processor, acting_user=acting_user)
    record_event(
        action="dsr.forwarded",
        obj=dsr,
        acting_user=acting_user,
        data={
            "agreement": agreement.reference,
            "kind": kind,
            "received_at": received_at.isoformat(),
            "forward_by": dsr.forward_by.isoformat(),
            "late": dsr.forwarded_late,
        },
        **ledger_scope(agreement=agreement),
    )
    return dsr


@transaction.atomic
def extend_answer_period(*, request: DataSubjectRequest, reason: str, acting_user: Any) -> DataSubjectRequest:
    """The controller extends its answer period by two months (Art. 12(3)), once, with a reason."""
    dsr = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if dsr.extended_at:
        raise ValidationError(_("The answer period has already been extended."))
    if dsr.status == DsrStatus.CLOSED:
        raise ValidationError(_("This request is closed."))
    reason = require_text(errors := dict[str, str](), "reason", reason,
                          _("Give the reason for the extension."))
    if errors:
        raise ValidationError(errors)
    if timezone.now() > dsr.answer_due:
        raise ValidationError(_("The month to answer has passed; it can no longer be extended."))
    dsr.extended_at, dsr.extension_reason = timezone.now(), reason
    dsr.save(update_fields=["extended_at", "extension_reason"])
    record_event(
        action="dsr.extended",
        obj=dsr,
        acting_user=acting_user,
        data={"answer_due": dsr.answer_due.isoformat()},
        **ledger_scope(agreement=dsr.agreement),
    )
    return dsr


@transaction.atomic
def ask_task(*, request: DataSubjectRequest, action: str, instructions: str, acting_user: Any) -> RequestTask:
    """The controller asks the processor to search, correct, delete (...) for this request."""
    dsr = (
        DataSubjectRequest.objects.select_for_update()
        .select_related("agreement__controller__processor")
        .get(pk=request.pk)
    )
    errors: dict[str, str] = {}
    if action not in TaskAction.values:
        errors["action"] = _("Choose what the processor should do.")
    instructions = require_text(errors, "instructions", instructions, _("Say what exactly should be done."))
    if dsr.status == DsrStatus.CLOSED:
        errors["__all__"] = _("This request is closed.")
    if errors:
        raise ValidationError(errors)
    task = RequestTask.objects.create(
        request=dsr, action=action, instructions=instructions, asked_by=user_or_none(acting_user)
    )
    controller = dsr.agreement.controller
    queue_notice(
        controller=controller,
        kind=NoticeKind.DATA_SUBJECT_REQUEST,
        audience=Audience.PROCESSOR,
        about=About("requesttask", str(task.code)),
        template="dsr_task_asked",
        recipients=processor_recipients(controller),
        link=staff_url("dsr_detail", dsr.code),
        language=controller.processor.language,
        context={
            "reference": dsr.agreement.reference,
            "action": TaskAction(task.action).label,
            "instructions": instructions,
            "answer_due": dsr.answer_due,
        },
    )
    record_event(
        action="dsr.task_asked",
        obj=task,
        acting_user=acting_user,
        data={"request": str(dsr.code), "action": action},
        **ledger_scope(agreement=dsr.agreement),
    )
    return task


@transaction.atomic
def complete_task(
    *, task: RequestTask, evidence: str, acting_user: Any, evidence_file: tuple[str, bytes] | None = None
) -> RequestTask:
    """Staff report the task done, with evidence; the controller is told."""
    task = (
        RequestTask.objects.select_for_update()
        .select_related("request__agreement__controller__processor")
        .get(pk=task.pk)
    )
    if task.status == TaskStatus.DONE:
        raise ValidationError(_("This task is already done."))
    evidence = require_text(errors := dict[str, str](), "evidence", evidence,
                            _("Describe what was done, as evidence."))
    if errors:
        raise ValidationError(errors)
    if evidence_file:
        task.evidence_sha256 = store(task, "evidence_file", evidence_file[0], evidence_file[1])
    task.status, task.evidence = TaskStatus.DONE, evidence
    task.done_at, task.done_by = timezone.now(), user_or_none(acting_user)
    task.save()
    dsr = task.request
    controller = dsr.agreement.controller
    queue_with_invitations(NoticeDraft(
        controller=controller,
        kind=NoticeKind.DATA_SUBJECT_REQUEST,
        about=About("requesttask", str(task.code)),
        template="dsr_task_done",
        recipients=controller_recipients(controller),
        link=portal_url("portal_dsr", dsr.code),
        context={
            "reference": dsr.agreement.reference,
            "action": TaskAction(task.action).label,
            "evidence": evidence,
            "sha256": task.evidence_sha256,
        },
    ), processor=controller.processor, acting_user=acting_user)
    record_event(
        action="dsr.task_done",
        obj=task,
        acting_user=acting_user,
        data={"request": str(dsr.code), "evidence_sha256": task.evidence_sha256},
        **ledger_scope(agreement=dsr.agreement),
    )
    return task


@transaction.atomic
def close_request(*, request: DataSubjectRequest, acting_user: Any) -> DataSubjectRequest:
    """The controller has answered the data subject; no open task may remain."""
    dsr = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if dsr.status == DsrStatus.CLOSED:
        raise ValidationError(_("This request is already closed."))
    if dsr.tasks.filter(status=TaskStatus.OPEN).exists():
        raise ValidationError(_("A task for this request is still open."))
    dsr.status, dsr.closed_at = DsrStatus.CLOSED, timezone.now()
    dsr.save(update_fields=["status", "closed_at"])
    record_event(
        action="dsr.closed",
        obj=dsr,
        acting_user=acting_user,
        data={"on_time": dsr.closed_at <= dsr.answer_due},
        **ledger_scope(agreement=dsr.agreement),
    )
    return dsr
