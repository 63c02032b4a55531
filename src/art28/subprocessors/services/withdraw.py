"""Withdrawing a whole change, and telling the controllers that were told of it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.ledger.services import record_event
from art28.notices.models import NoticeKind
from art28.notices.recipients import notice_recipients
from art28.notices.services import About, NoticeDraft, queue_notices
from art28.parties.models import Contact, Controller
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
    """Who a withdrawal tells and what it says; which agreements it leaves alone. Saves nothing.

    Counted in the database, however many clients were told: one message is rendered per
    language, for the first agreement in that language (the others differ only in their
    names, references and dates)."""
    # No ordering in the counts and subqueries: sorting 10,000 joined rows only to count them
    # or to test membership cost most of this preview's time.
    open_told = change.clocks.exclude(status__in=FINAL).filter(notice__isnull=False).order_by()
    told = open_told.annotate(told_lang=Coalesce("notice__language", "agreement__controller__language"))
    # One grouped pass: the clients told per language and the first reference in each (a MIN,
    # not a sort of every told clock); then only that language's clocks with that reference.
    groups = told.values("told_lang").annotate(n=Count("pk"), first=Min("agreement__reference"))
    per_language = {row["told_lang"]: row["n"] for row in groups}
    firsts = {row["told_lang"]: row["first"] for row in groups}
    samples: list[ChangeAgreement] = []
    for language in sorted(per_language):
        first = (told.filter(told_lang=language, agreement__reference=firsts[language])
                 .select_related("agreement", "agreement__controller")
                 .annotate(told_in=F("notice__language")).order_by("pk").first())
        if first is not None:
            samples.append(first)
    drafts = _drafts(change, samples, note)
    messages = render_examples(drafts, [d.context["reference"] for d in drafts])
    for message in messages:
        message.count = per_language.get(message.language, message.count)
    controllers = open_told.values("agreement__controller_id")
    contacts = Contact.objects.filter(controller_id__in=Subquery(controllers))
    has_privacy = Contact.objects.filter(controller_id=OuterRef("controller_id"), is_privacy_contact=True)
    # The same addresses as notice_recipients: privacy contacts, else the signatories.
    addresses = (contacts.annotate(has_privacy=Exists(has_privacy))
                 .filter(Q(is_privacy_contact=True) | Q(is_signatory=True, has_privacy=False))
                 .annotate(address=Lower("email"))
                 .values("address").distinct().count())
    reachable = Contact.objects.filter(Q(is_privacy_contact=True) | Q(is_signatory=True),
                                       controller_id=OuterRef("pk"))
    unreachable = (Controller.objects.filter(pk__in=Subquery(controllers), webhook_url="")
                   .exclude(Exists(reachable)).only("pk", "code", "name", "processor_id"))
    labels = dict(ClockStatus.choices)
    settled = (
        change.clocks.filter(status__in=FINAL).values("status").annotate(n=Count("pk")).order_by("status")
    )
    return WithdrawPreview(
        told=sum(per_language.values()),
        recipients=addresses,
        messages=messages,
        not_told=[(str(labels.get(row["status"], row["status"])), row["n"]) for row in settled],
        unreachable=sorted(unreachable, key=lambda c: (c.name.lower(), c.pk)),
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
