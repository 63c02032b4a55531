"""Withdrawing a whole change, and telling the controllers that were told of it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.ledger.services import record_event
from art28.notices.models import NoticeKind
from art28.notices.recipients import notice_recipients, recipients_missing
from art28.notices.services import About, NoticeDraft, queue_notices
from art28.subprocessors.models import (
    FINAL,
    Basis,
    ChangeAgreement,
    ChangeKind,
    ChangeStatus,
    ClockStatus,
    LinkStatus,
    SubprocessorChange,
    TrustEvent,
)
from art28.subprocessors.services.changes import _plain, clock_link, local_text
from art28.subprocessors.services.links import set_link
from art28.subprocessors.services.preview import WithdrawPreview, render_examples
from art28.subprocessors.services.trust import announce_change


def _open_clocks(change: SubprocessorChange) -> list[ChangeAgreement]:
    return list(
        change.clocks.exclude(status__in=FINAL)
        .select_related("agreement", "agreement__controller")
        .annotate(told_in=F("notice__language"))
        .order_by("agreement__reference", "pk")
    )


def _drafts(change: SubprocessorChange, clocks: list[ChangeAgreement], note: str) -> list[NoticeDraft]:
    """One notice per clock whose controller was told of the change (it has a notice)."""
    told = [c for c in clocks if c.notice_id is not None]
    recipients = notice_recipients(
        NoticeKind.SUBPROCESSOR_CHANGE_UPDATE, {c.agreement.controller_id for c in told}
    )
    shared = {
        "processor": change.processor.name,
        "kind": ChangeKind(change.kind),
        "subprocessor": _plain(change.subprocessor),
        "replaces": _plain(change.replaces),
        "note": note,
    }
    drafts = []
    for clock in told:
        language = clock.told_in or clock.agreement.controller.language  # type: ignore[attr-defined]  # annotated above
        drafts.append(NoticeDraft(
            controller=clock.agreement.controller,
            kind=NoticeKind.SUBPROCESSOR_CHANGE_UPDATE,
            about=About("changeclock", f"{clock.code}:withdrawn"),
            template="subprocessor_change_withdrawn",
            context={**shared, "reference": clock.agreement.reference,
                     "effective_at": local_text(clock.takes_effect_at, language)},
            recipients=recipients[clock.agreement.controller_id],
            link=clock_link(clock),
            language=language,
        ))
    return drafts


def preview_withdrawal(*, change: SubprocessorChange, note: str = "") -> WithdrawPreview:
    """Who a withdrawal tells and what it says; which agreements it leaves alone. Saves nothing."""
    clocks = _open_clocks(change)
    drafts = _drafts(change, clocks, note)
    labels = dict(ClockStatus.choices)
    settled = (
        change.clocks.filter(status__in=FINAL).values("status").annotate(n=Count("pk")).order_by("status")
    )
    return WithdrawPreview(
        told=len(drafts),
        recipients=len({r.lower() for d in drafts for r in d.recipients}),
        messages=render_examples(drafts, [d.context["reference"] for d in drafts]),
        not_told=[(str(labels.get(row["status"], row["status"])), row["n"]) for row in settled],
        unreachable=recipients_missing(
            NoticeKind.SUBPROCESSOR_CHANGE_UPDATE, {d.controller.pk for d in drafts if d.controller}
        ),
    )


@transaction.atomic
def withdraw_change(*, change: SubprocessorChange, acting_user: Any, note: str = "") -> SubprocessorChange:
    """Withdraw the whole change for every agreement where it has not taken effect, and tell
    each controller that was told of it (a notice through the outbox)."""
    change = SubprocessorChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.OPEN:
        raise ValidationError(_("This change is %(s)s.") % {"s": change.get_status_display()})
    now = timezone.now()
    open_clocks = _open_clocks(change)
    for clock in open_clocks:
        clock.status, clock.resolved_at, clock.resolution = ClockStatus.WITHDRAWN, now, note
        if change.adds:
            set_link(
                subprocessor=change.subprocessor,
                agreement=clock.agreement,
                status=LinkStatus.WITHDRAWN,
                basis=Basis.PROCESSOR,
                at=now,
                change=change,
            )
    ChangeAgreement.objects.bulk_update(open_clocks, ["status", "resolved_at", "resolution"], batch_size=1000)
    change.status = ChangeStatus.WITHDRAWN
    change.save(update_fields=["status"])
    notices = queue_notices(_drafts(change, open_clocks, note))
    record_event(
        action="subprocessor.change_withdrawn",
        obj=change,
        acting_user=acting_user,
        data={"agreements": len(open_clocks), "note": note, "told": len(notices)},
        processor_id=change.processor_id,
    )
    announce_change(change, TrustEvent.WITHDRAWN)
    return change
