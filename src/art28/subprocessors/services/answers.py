"""The controller's answer, the processor's resolution of an objection, and activation.

Every step is one transaction with its ledger event; a sub-processor becomes authorised
for an agreement only in ``activate_due_changes``: after consent, or after a window that
passed without objection, and never before the effective date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from art28.agreements.access import controller_binding
from art28.agreements.models import Agreement, EndReason
from art28.agreements.services.termination import terminate_agreement
from art28.core.ledger_scope import ledger_scope
from art28.core.localtime import local_minute
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.notices.models import NoticeKind
from art28.notices.recipients import notify_staff_of_answer
from art28.notices.services import About, queue_notice
from art28.subprocessors.models import (
    FINAL,
    READY,
    AgreementSubprocessor,
    Basis,
    ChangeAgreement,
    ChangeKind,
    ChangeStatus,
    ClockStatus,
    LinkStatus,
    Mode,
    ObjectionOutcome,
    Subprocessor,
    SubprocessorChange,
    SubprocessorStatus,
    TrustEvent,
)
from art28.subprocessors.services.changes import (
    clock_link,
    propose_change,
    recipients_by_controller,
    staff_change_link,
)
from art28.subprocessors.services.links import set_link
from art28.subprocessors.services.trust import announce_change


class Answer:
    CONSENT = "consent"
    REFUSE = "refuse"
    OBJECT = "object"
    ALL = (CONSENT, REFUSE, OBJECT)


def _locked(clock: ChangeAgreement) -> ChangeAgreement:
    return (
        ChangeAgreement.objects.select_for_update()
        .select_related("change", "change__subprocessor", "agreement", "agreement__controller")
        .get(pk=clock.pk)
    )


@transaction.atomic
def answer_change(
    *, clock: ChangeAgreement, answer: str, acting_user: Any, reason: str = ""
) -> ChangeAgreement:
    """The controller consents, refuses (consent procedure) or objects with a reason (window)."""
    clock = _locked(clock)
    now = timezone.now()
    _check_answer(clock, answer, reason, now)
    if answer == Answer.OBJECT and clock.mode == Mode.CONSENT:
        answer = Answer.REFUSE  # an objection to a consent request is a refusal
    status, link_status, basis = {
        Answer.CONSENT: (ClockStatus.CONSENTED, None, None),
        Answer.REFUSE: (ClockStatus.REFUSED, LinkStatus.REFUSED, Basis.REFUSAL),
        Answer.OBJECT: (ClockStatus.OBJECTED, LinkStatus.OBJECTED, Basis.OBJECTION),
    }[answer]
    clock.status, clock.answered_at, clock.answered_by, clock.reason = (
        status,
        now,
        user_or_none(acting_user),
        reason.strip(),
    )
    clock.save(update_fields=["status", "answered_at", "answered_by", "reason"])
    if link_status is not None and basis is not None:  # both or neither, by the table above
        set_link(
            subprocessor=clock.change.subprocessor,
            agreement=clock.agreement,
            status=link_status,
            basis=basis,
            at=now,
            change=clock.change,
        )
    record_event(
        action=f"subprocessor.change_{status}",
        obj=("changeclock", clock.code),
        acting_user=acting_user,
        data={
            "change": str(clock.change.code),
            "agreement": clock.agreement.reference,
            "reason": clock.reason,
        },
        **ledger_scope(clock.change.processor_id, clock.agreement.controller_id),
    )
    _tell_staff(clock, status)
    _maybe_complete(clock.change)
    return clock


ANSWER_WORDS = {
    ClockStatus.CONSENTED: gettext_lazy("consent to a sub-processor change"),
    ClockStatus.REFUSED: gettext_lazy("refusal of a sub-processor change"),
    ClockStatus.OBJECTED: gettext_lazy("objection to a sub-processor change"),
}


def _tell_staff(clock: ChangeAgreement, status: ClockStatus) -> None:
    """The staff who answer for this controller hear of its answer, not only the ledger."""
    notify_staff_of_answer(
        controller=clock.agreement.controller,
        about=About("changeclock", f"{clock.code}:{status}"),
        what=ANSWER_WORDS[status],
        reference=clock.agreement.reference,
        subject=clock.change.subprocessor.name,
        detail=clock.reason,
        link=staff_change_link(clock.change),
    )


def _check_answer(clock: ChangeAgreement, answer: str, reason: str, now: datetime) -> None:
    if answer not in Answer.ALL:
        raise ValidationError({"answer": _("Answer consent, refuse or object.")})
    if not clock.answerable:
        raise ValidationError(
            _("This change was already answered or settled: %(s)s.") % {"s": clock.get_status_display()}
        )
    if clock.mode == Mode.OBJECTION and clock.objection_deadline and now > clock.objection_deadline:
        raise ValidationError(
            _("The objection window closed on %(d)s.")
            % {"d": local_minute(clock.objection_deadline)}
        )
    if answer == Answer.REFUSE and clock.mode == Mode.OBJECTION:
        raise ValidationError({"answer": _("Under a general authorisation you object, with a reason.")})
    if answer in (Answer.OBJECT, Answer.REFUSE) and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for your objection or refusal.")})


@transaction.atomic
def resolve_objection(
    *,
    clock: ChangeAgreement,
    outcome: str,
    acting_user: Any,
    note: str = "",
    alternative: Subprocessor | None = None,
    effective_at: datetime | None = None,
) -> ChangeAgreement:
    """Settle an open objection: withdraw the change for this controller, offer an
    alternative sub-processor (a new change for this agreement alone), or end the agreement."""
    clock = _locked(clock)
    if clock.status != ClockStatus.OBJECTED:
        raise ValidationError(
            _("Only an open objection can be resolved; this one is %(s)s.")
            % {"s": clock.get_status_display()}
        )
    if outcome not in ObjectionOutcome.values:
        raise ValidationError({"outcome": _("Choose how the objection is settled.")})
    outcome = ObjectionOutcome(outcome)
    now = timezone.now()
    new_change = None
    if outcome == ObjectionOutcome.ALTERNATIVE:
        new_change = _offer_alternative(clock, alternative, effective_at, acting_user)
    if outcome == ObjectionOutcome.AGREEMENT_ENDED:
        _end_agreement(clock.agreement, clock, acting_user)
    status = {
        ObjectionOutcome.WITHDRAW: ClockStatus.WITHDRAWN,
        ObjectionOutcome.ALTERNATIVE: ClockStatus.ALTERNATIVE,
        ObjectionOutcome.AGREEMENT_ENDED: ClockStatus.AGREEMENT_ENDED,
    }[outcome]
    clock.status, clock.resolved_at, clock.resolution, clock.alternative = (
        status,
        now,
        note.strip(),
        alternative,
    )
    clock.save(update_fields=["status", "resolved_at", "resolution", "alternative"])
    basis = Basis.AGREEMENT_ENDED if outcome == ObjectionOutcome.AGREEMENT_ENDED else Basis.PROCESSOR
    set_link(
        subprocessor=clock.change.subprocessor,
        agreement=clock.agreement,
        status=LinkStatus.WITHDRAWN,
        basis=basis,
        at=now,
        change=clock.change,
    )
    record_event(
        action="subprocessor.objection_resolved",
        obj=("changeclock", clock.code),
        acting_user=acting_user,
        data={
            "outcome": outcome,
            "note": clock.resolution,
            "agreement": clock.agreement.reference,
            "alternative": alternative.name if alternative else None,
            "new_change": str(new_change.code) if new_change else None,
        },
        **ledger_scope(clock.change.processor_id, clock.agreement.controller_id),
    )
    _notify_update(clock, outcome)
    _maybe_complete(clock.change)
    return clock


def _offer_alternative(
    clock: ChangeAgreement, alternative: Subprocessor | None, effective_at: datetime | None, acting_user: Any
) -> SubprocessorChange:
    if alternative is None or alternative.pk == clock.change.subprocessor_id:
        raise ValidationError({"alternative": _("Choose the alternative sub-processor.")})
    return propose_change(
        processor=clock.change.processor,
        kind=ChangeKind.ADD,
        subprocessor=alternative,
        effective_at=effective_at or clock.change.effective_at,
        acting_user=acting_user,
        agreements=[clock.agreement],
        reason=_("Offered as an alternative after your objection."),
        # The controller who objected is told of the alternative whatever its agreement's state.
        include_unsigned=True,
        allow_unreachable=True,
    )


def _end_agreement(agreement: Agreement, clock: ChangeAgreement, acting_user: Any) -> None:
    """End the agreement through the termination workflow: return or destruction follows."""
    terminate_agreement(
        agreement=agreement, reason=EndReason.AGREEMENT, acting_user=acting_user,
        note=_("Ended after the controller objected to sub-processor %(name)s.")
        % {"name": clock.change.subprocessor.name})


def _notify_update(clock: ChangeAgreement, outcome: str) -> None:
    controller = clock.agreement.controller
    recipients = recipients_by_controller([controller.pk])[controller.pk]
    queue_notice(
        controller=controller,
        kind=NoticeKind.SUBPROCESSOR_CHANGE_UPDATE,
        about=About("changeclock", f"{clock.code}"),
        template="subprocessor_change_update",
        context={
            "outcome": outcome,
            "subprocessor": clock.change.subprocessor,
            "alternative": clock.alternative,
            "note": clock.resolution,
            "reference": clock.agreement.reference,
            "processor": clock.change.processor.name,
        },
        recipients=recipients,
        link=clock_link(clock),
        # The language of the terms the controller was given; a draft counts only if none was sent.
        language=(controller_binding(clock.agreement) or clock.agreement.binding).language,
    )


def _maybe_complete(change: SubprocessorChange) -> None:
    if change.status == ChangeStatus.OPEN and not change.clocks.exclude(status__in=FINAL).exists():
        SubprocessorChange.objects.filter(pk=change.pk).update(status=ChangeStatus.COMPLETED)


def activate_due_changes(now: datetime | None = None) -> dict[str, int]:
    """Close passed windows, put due changes into effect, settle clocks of ended agreements.

    Each clock is handled in its own transaction, so one failure holds up nothing else;
    a clock already handled by another worker is skipped (its status is re-read under lock).
    """
    now = now or timezone.now()
    counts = {"cleared": 0, "activated": 0, "ended": 0}
    ended = (
        ChangeAgreement.objects.pending().filter(agreement__ended_at__lte=now).values_list("pk", flat=True)
    )
    for pk in list(ended):
        counts["ended"] += _step(pk, now, _settle_ended)
    windows = ChangeAgreement.objects.filter(status=ClockStatus.WINDOW_OPEN, objection_deadline__lte=now)
    for pk in list(windows.values_list("pk", flat=True)):
        counts["cleared"] += _step(pk, now, _clear_window)
    due = ChangeAgreement.objects.filter(status__in=READY, takes_effect_at__lte=now)
    for pk in list(due.values_list("pk", flat=True)):
        counts["activated"] += _step(pk, now, _activate)
    return counts


def _step(pk: int, now: datetime, fn: Callable[[ChangeAgreement, datetime], bool]) -> int:
    with transaction.atomic():
        clock = _locked(ChangeAgreement(pk=pk))
        return int(fn(clock, now))


def _settle_ended(clock: ChangeAgreement, now: datetime) -> bool:
    if clock.status in FINAL:
        return False
    clock.status, clock.resolved_at = ClockStatus.AGREEMENT_ENDED, now
    clock.save(update_fields=["status", "resolved_at"])
    if clock.change.adds:
        set_link(
            subprocessor=clock.change.subprocessor,
            agreement=clock.agreement,
            status=LinkStatus.WITHDRAWN,
            basis=Basis.AGREEMENT_ENDED,
            at=now,
            change=clock.change,
        )
    record_event(
        action="subprocessor.change_agreement_ended",
        obj=("changeclock", clock.code),
        acting_user=None,
        data={"agreement": clock.agreement.reference},
        **ledger_scope(clock.change.processor_id, clock.agreement.controller_id),
    )
    _maybe_complete(clock.change)
    return True


def _clear_window(clock: ChangeAgreement, now: datetime) -> bool:
    deadline = clock.objection_deadline
    if clock.status != ClockStatus.WINDOW_OPEN:
        return False
    assert deadline is not None  # an open window always has its deadline
    if deadline > now:
        return False
    clock.status = ClockStatus.CLEARED
    clock.save(update_fields=["status"])
    record_event(
        action="subprocessor.window_passed",
        obj=("changeclock", clock.code),
        acting_user=None,
        data={"agreement": clock.agreement.reference, "deadline": deadline.isoformat()},
        **ledger_scope(clock.change.processor_id, clock.agreement.controller_id),
    )
    return True


def _activate(clock: ChangeAgreement, now: datetime) -> bool:
    if clock.status not in READY:
        return False
    effect = clock.takes_effect_at
    assert effect is not None  # a clock ready to take effect has its date
    if effect > now:
        return False
    change = clock.change
    since = max(effect, clock.answered_at or effect)
    if change.kind == ChangeKind.REMOVE:
        set_link(
            subprocessor=change.subprocessor,
            agreement=clock.agreement,
            status=LinkStatus.REMOVED,
            basis=Basis.CHANGE,
            at=since,
            change=change,
        )
    else:
        basis = Basis.CONSENT if clock.status == ClockStatus.CONSENTED else Basis.NO_OBJECTION
        set_link(
            subprocessor=change.subprocessor,
            agreement=clock.agreement,
            status=LinkStatus.AUTHORISED,
            basis=basis,
            at=since,
            change=change,
        )
        if change.replaces is not None:  # loads nothing when replaces_id is empty
            set_link(
                subprocessor=change.replaces,
                agreement=clock.agreement,
                status=LinkStatus.REMOVED,
                basis=Basis.CHANGE,
                at=since,
                change=change,
            )
    clock.status = ClockStatus.ACTIVE
    clock.save(update_fields=["status"])
    record_event(
        action="subprocessor.change_in_effect",
        obj=("changeclock", clock.code),
        acting_user=None,
        data={
            "agreement": clock.agreement.reference,
            "kind": change.kind,
            "subprocessor": change.subprocessor.name,
            "since": since.isoformat(),
        },
        **ledger_scope(clock.change.processor_id, clock.agreement.controller_id),
    )
    _update_statuses(change)
    _maybe_complete(change)
    announce_change(change, TrustEvent.ACTIVATED)  # once per change, however many clocks activate
    return True


def _update_statuses(change: SubprocessorChange) -> None:
    for sp in filter(None, [change.subprocessor, change.replaces]):
        authorised = AgreementSubprocessor.objects.open().filter(
            subprocessor=sp, status=LinkStatus.AUTHORISED
        )
        pending = AgreementSubprocessor.objects.open().filter(subprocessor=sp, status=LinkStatus.PENDING)
        status = (
            SubprocessorStatus.ACTIVE
            if authorised.exists()
            else SubprocessorStatus.PROPOSED
            if pending.exists()
            else SubprocessorStatus.RETIRED
        )
        if sp.status != status:
            Subprocessor.objects.filter(pk=sp.pk).update(status=status)


class NotAuthorised(PermissionDenied):
    """The sub-processor may not (yet) be used for this agreement; the message says why."""


def assert_may_use(subprocessor: Subprocessor, agreement: Agreement, *, at: datetime | None = None) -> None:
    """Refuse any use of ``subprocessor`` for ``agreement`` that is not authorised at ``at``."""
    at = at or timezone.now()
    link = AgreementSubprocessor.objects.at(at).filter(subprocessor=subprocessor, agreement=agreement).first()
    if link is not None and link.status == LinkStatus.AUTHORISED:
        return
    if link is None:
        raise NotAuthorised(
            _("%(sp)s is not authorised for %(ref)s.") % {"sp": subprocessor.name, "ref": agreement.reference}
        )
    clock = (
        ChangeAgreement.objects.filter(change=link.change, agreement=agreement).first()
        if link.change_id
        else None
    )
    detail = clock.get_status_display() if clock else link.get_status_display()
    raise NotAuthorised(
        _("%(sp)s may not be used for %(ref)s yet: %(why)s.")
        % {"sp": subprocessor.name, "ref": agreement.reference, "why": detail}
    )
