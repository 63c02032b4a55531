"""Documented instructions (Art. 28(3)(a)) and the alert when one may infringe the GDPR."""

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
from art28.notices.models import NoticeKind
from art28.notices.services import About, NoticeDraft
from art28.requests.models import Instruction, InstructionSource, InstructionStatus
from art28.requests.services.common import (
    controller_recipients,
    portal_url,
    require_open,
    require_text,
    store,
)


def _author(acting_user: Any) -> str:
    user = user_or_none(acting_user)
    return (user.get_full_name() or user.get_username()) if user else str(acting_user or "system")


@transaction.atomic
def give_instruction(
    *, agreement: Agreement, text: str, acting_user: Any, source: str = InstructionSource.PORTAL
) -> Instruction:
    """The controller gives an instruction itself (portal or API); it takes effect at once."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require_open(agreement)
    text = require_text(errors := dict[str, str](), "text", text, _("Write the instruction."))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    instruction = Instruction.objects.create(
        agreement=agreement,
        text=text,
        author_name=_author(acting_user),
        given_at=now,
        source=source,
        created_by=user_or_none(acting_user),
    )
    record_event(
        action="instruction.given",
        obj=instruction,
        acting_user=acting_user,
        data={"agreement": agreement.reference, "source": source, "text": text},
        **ledger_scope(agreement=agreement),
    )
    return instruction


@transaction.atomic
def record_mailed_instruction(
    *,
    agreement: Agreement,
    text: str,
    author_name: str,
    given_at: datetime,
    mail: tuple[str, bytes] | None,
    acting_user: Any,
) -> Instruction:
    """Staff record an instruction the controller sent by e-mail, with the mail itself attached."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    require_open(agreement)
    errors: dict[str, str] = {}
    text = require_text(errors, "text", text, _("Copy the instruction from the e-mail."))
    author_name = require_text(errors, "author_name", author_name, _("Who at the controller sent it?"))
    if not mail or not mail[1]:
        errors["mail"] = _("Attach the e-mail (.eml or PDF) the instruction came in.")
    if given_at > timezone.now():
        errors["given_at"] = _("The e-mail cannot have been sent in the future.")
    if errors:
        raise ValidationError(errors)
    assert mail is not None  # refused above when missing
    instruction = Instruction(
        agreement=agreement,
        text=text,
        author_name=author_name,
        given_at=given_at,
        source=InstructionSource.EMAIL,
        created_by=user_or_none(acting_user),
    )
    instruction.mail_sha256 = store(instruction, "mail", mail[0], mail[1])
    instruction.save()
    record_event(
        action="instruction.recorded",
        obj=instruction,
        acting_user=acting_user,
        data={
            "agreement": agreement.reference,
            "author": author_name,
            "text": text,
            "mail_sha256": instruction.mail_sha256,
        },
        **ledger_scope(agreement=agreement),
    )
    return instruction


@transaction.atomic
def flag_instruction(*, instruction: Instruction, reason: str, acting_user: Any) -> Instruction:
    """Staff think the instruction may infringe the GDPR: hold it and tell the controller at once."""
    instruction = (
        Instruction.objects.select_for_update()
        .select_related("agreement__controller__processor")
        .get(pk=instruction.pk)
    )
    if instruction.status != InstructionStatus.IN_EFFECT:
        raise ValidationError(
            _("Only an instruction in effect can be flagged; this one is %(s)s.")
            % {"s": instruction.get_status_display()}
        )
    reason = require_text(errors := dict[str, str](), "reason", reason,
                          _("Explain why the instruction may be unlawful."))
    if errors:
        raise ValidationError(errors)
    instruction.status, instruction.flag_reason = InstructionStatus.HELD, reason
    instruction.flagged_at, instruction.flagged_by = timezone.now(), user_or_none(acting_user)
    instruction.save()
    controller = instruction.agreement.controller
    queue_with_invitations(NoticeDraft(
        controller=controller,
        kind=NoticeKind.INSTRUCTION_FLAGGED,
        about=About("instruction", str(instruction.code)),
        template="instruction_flagged",
        recipients=controller_recipients(controller),
        link=portal_url("portal_instruction", instruction.code),
        context={
            "reference": instruction.agreement.reference,
            "text": instruction.text,
            "reason": reason,
            "processor": controller.processor.name,
        },
    ), processor=controller.processor, acting_user=acting_user)
    record_event(
        action="instruction.flagged",
        obj=instruction,
        acting_user=acting_user,
        data={"reason": reason},
        **ledger_scope(agreement=instruction.agreement),
    )
    return instruction


@transaction.atomic
def resolve_instruction(
    *, instruction: Instruction, confirm: bool, note: str, acting_user: Any
) -> Instruction:
    """The controller confirms a held instruction (it is then followed) or withdraws it."""
    instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
    if instruction.status != InstructionStatus.HELD:
        raise ValidationError(_("Only a held instruction can be confirmed or withdrawn."))
    instruction.status = InstructionStatus.CONFIRMED if confirm else InstructionStatus.WITHDRAWN
    instruction.resolved_at, instruction.resolution_note = timezone.now(), (note or "").strip()
    instruction.save(update_fields=["status", "resolved_at", "resolution_note"])
    record_event(
        action="instruction.confirmed" if confirm else "instruction.withdrawn",
        obj=instruction,
        acting_user=acting_user,
        data={"note": instruction.resolution_note},
        **ledger_scope(agreement=instruction.agreement),
    )
    return instruction
