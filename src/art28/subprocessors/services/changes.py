"""Proposing a change and fanning it out: one clock and one notice per affected agreement."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from art28.accounts.services import with_invitations
from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
from art28.core.bulk import insert_rows, mark_saved
from art28.core.countries import country_names
from art28.core.urls import absolute_url
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.notices.models import NoticeKind
from art28.notices.recipients import notice_recipients, recipients_missing
from art28.notices.services import About, NoticeDraft, queue_notice_ids
from art28.parties.models import Controller, Processor
from art28.subprocessors.models import (
    AgreementSubprocessor,
    Basis,
    ChangeAgreement,
    ChangeKind,
    ClockStatus,
    LinkStatus,
    Mode,
    Subprocessor,
    SubprocessorChange,
    SubprocessorStatus,
    TrustEvent,
)
from art28.subprocessors.services.plan import (
    Plan,
    PlanItem,
    blocking_message,
    earliest_effective,
    plan_change,
)
from art28.subprocessors.services.queries import agreements_using
from art28.subprocessors.services.transfers import check_transfer
from art28.subprocessors.services.trust import announce_change
from art28.subprocessors.signals import activation_due
from art28.terms.clocks import AMSTERDAM
from art28.terms.schema import DpaTerms, OutsideEea, Transfers


def clock_link(clock: ChangeAgreement) -> str:
    return absolute_url("subprocessors:portal_change", clock.code)


def staff_change_link(change: SubprocessorChange) -> str:
    return absolute_url("subprocessors:change_detail", change.code)


def affected_agreements(
    *,
    kind: str,
    subprocessor: Subprocessor,
    replaces: Subprocessor | None,
    agreements: list[Agreement] | None,
) -> list[Agreement]:
    """The agreements a change touches: those named, else those the register implies."""
    processor_id = subprocessor.processor_id
    if agreements is not None:
        wrong = [a.reference for a in agreements if a.controller.processor_id != processor_id]
        if wrong:
            raise ValidationError(
                {"agreements": _("Not agreements of this processor: %(r)s") % {"r": ", ".join(wrong)}}
            )
        found = [a for a in agreements if a.ended_at is None]
    elif kind == ChangeKind.REMOVE:
        found = list(
            agreements_using(subprocessor).filter(ended_at__isnull=True).select_related("controller")
            .order_by("pk")
        )
    elif kind == ChangeKind.REPLACE:
        assert replaces is not None
        found = list(agreements_using(replaces).filter(ended_at__isnull=True).select_related("controller")
                     .order_by("pk"))
    elif subprocessor.scope_all:
        # In the order they were made, on any database (clocks, links and notices follow it).
        found = list(
            Agreement.objects.active()
            .filter(controller__processor_id=processor_id)
            .select_related("controller")
            .order_by("pk")
        )
    else:
        raise ValidationError(
            {"agreements": _("This sub-processor is scoped: name the agreements it is for.")}
        )
    if kind != ChangeKind.REMOVE:
        taken = set(
            AgreementSubprocessor.objects.open()
            .filter(subprocessor=subprocessor, status__in=(LinkStatus.AUTHORISED, LinkStatus.PENDING))
            .values_list("agreement_id", flat=True)
        )
        found = [a for a in found if a.pk not in taken]
    return found


def _check_input(
    kind: str,
    subprocessor: Subprocessor,
    replaces: Subprocessor | None,
    effective_at: datetime | None,
    now: datetime,
) -> None:
    errors: dict[str, str] = {}
    if kind not in ChangeKind.values:
        errors["kind"] = _("Choose add, replace or remove.")
    if effective_at is not None and effective_at <= now:
        errors["effective_at"] = _("The effective date must lie in the future.")
    if kind == ChangeKind.REPLACE and (replaces is None or replaces.pk == subprocessor.pk):
        errors["replaces"] = _("Choose the sub-processor that is replaced (another one).")
    if replaces is not None and replaces.processor_id != subprocessor.processor_id:
        errors["replaces"] = _("Choose the sub-processor that is replaced (another one).")
    if kind != ChangeKind.REMOVE and subprocessor.status == SubprocessorStatus.RETIRED:
        errors["subprocessor"] = _("This sub-processor is no longer used; register it again first.")
    if errors:
        raise ValidationError(errors)


class LeftOutReason(models.TextChoices):
    """Why an affected agreement gets no notice of a change."""

    DATE = "date", gettext_lazy("its terms need a later effective date")
    UNSIGNED = "unsigned", gettext_lazy("not signed: only told when you include unsigned agreements")
    NOT_SENT = "not_sent", gettext_lazy("never sent to the client: its client cannot see it yet")


@dataclass
class Selection:
    """Who a proposed change goes to, who is left out (and why), who has nobody to tell."""

    plan: Plan
    items: list[PlanItem]
    left_out: list[tuple[PlanItem, str]]
    unreachable: list[Controller]
    effective_at: datetime  # as given, or the earliest date every agreement allows


def select_targets(
    *,
    processor: Processor,
    kind: str,
    subprocessor: Subprocessor,
    effective_at: datetime | None,
    replaces: Subprocessor | None = None,
    agreements: list[Agreement] | None = None,
    split: bool = False,
    include_unsigned: bool = False,
    now: datetime | None = None,
) -> Selection:
    """Read-only: the agreements a change would notify, as ``propose_change`` and its preview see it.

    Unsigned agreements are left out unless ``include_unsigned``: their controller has not
    agreed to anything yet, and a mass mailing about a draft is a surprise, not a notice.
    """
    now = now or timezone.now()
    if subprocessor.processor_id != processor.pk:
        raise ValidationError({"subprocessor": _("Not a sub-processor of this processor.")})
    _check_input(kind, subprocessor, replaces, effective_at, now)
    targets = affected_agreements(
        kind=kind, subprocessor=subprocessor, replaces=replaces, agreements=agreements
    )
    if not targets:
        raise ValidationError(_("This change touches no agreement: there is nothing to propose."))
    if effective_at is None:
        # No date given: the earliest one the notice periods of all these agreements allow.
        effective_at = earliest_effective(kind=kind, subprocessor=subprocessor, agreements=targets, now=now)
    plan = plan_change(
        kind=kind, subprocessor=subprocessor, agreements=targets, effective_at=effective_at, now=now
    )
    if plan.blocking and not (split and plan.allowed):
        raise ValidationError({"effective_at": blocking_message(plan)}, code="blocked")
    allowed_ids = [i.agreement.pk for i in plan.allowed]
    signed, sent = signed_ids(allowed_ids), sent_ids(allowed_ids)
    left_out = [(i, LeftOutReason.DATE.value) for i in plan.blocking]
    items = []
    for item in plan.allowed:
        if item.agreement.pk not in sent:
            # A draft the client never received: it cannot see the agreement, nor answer a
            # notice about it (its terms reach it with the agreement, sub-processors included).
            left_out.append((item, LeftOutReason.NOT_SENT.value))
        elif include_unsigned or item.agreement.pk in signed:
            items.append(item)
        else:
            left_out.append((item, LeftOutReason.UNSIGNED.value))
    if not items and not any(why == LeftOutReason.UNSIGNED for _i, why in left_out):
        raise ValidationError(
            _("None of the agreements this change touches has been sent to its client yet: there "
              "is nobody to tell. The agreements you send will name the sub-processors."),
            code="not_sent",
        )
    if not items:
        raise ValidationError(
            {"include_unsigned": _("None of the agreements this change touches is signed; include "
                                   "unsigned agreements to tell them anyway.")},
            code="unsigned",
        )
    unreachable = recipients_missing(
        NoticeKind.SUBPROCESSOR_CHANGE_NOTICE, {i.agreement.controller_id for i in items}
    )
    return Selection(plan, items, left_out, unreachable, effective_at)


def sent_ids(agreement_ids: list[int]) -> set[int]:
    """The agreements among ``agreement_ids`` sent to their client (a version that is no draft)."""
    found: set[int] = set()
    for chunk in range(0, len(agreement_ids), 5000):
        found.update(
            AgreementVersion.objects.filter(agreement_id__in=agreement_ids[chunk : chunk + 5000])
            .exclude(status=VersionStatus.DRAFT).values_list("agreement_id", flat=True)
        )
    return found


def signed_ids(agreement_ids: list[int]) -> set[int]:
    """The agreements among ``agreement_ids`` with a signed version."""
    found: set[int] = set()
    for chunk in range(0, len(agreement_ids), 5000):
        found.update(
            AgreementVersion.objects.filter(
                agreement_id__in=agreement_ids[chunk : chunk + 5000], status=VersionStatus.SIGNED
            ).values_list("agreement_id", flat=True)
        )
    return found


def unreachable_message(controllers: list[Controller]) -> str:
    names = ", ".join(c.name for c in controllers[:50])
    more = len(controllers) - 50
    tail = _(" and %(n)d more") % {"n": more} if more > 0 else ""
    return _(
        "These clients have no privacy contact, signatory or webhook, so nobody would receive the "
        "notice: %(names)s%(tail)s. Add a contact first, or confirm that you go on without telling them."
    ) % {"names": names, "tail": tail}


@transaction.atomic
def propose_change(
    *,
    processor: Processor,
    kind: str,
    subprocessor: Subprocessor,
    acting_user: Any,
    effective_at: datetime | None = None,
    replaces: Subprocessor | None = None,
    reason: str = "",
    agreements: list[Agreement] | None = None,
    split: bool = False,
    include_unsigned: bool = False,
    allow_unreachable: bool = False,
) -> SubprocessorChange:
    """Propose adding, replacing or removing a sub-processor from ``effective_at`` (without
    one: from the earliest date the notice periods of all affected agreements allow).

    For each affected agreement its terms decide: a consent request (specific authorisation,
    or a transfer the agreement only allows with written consent), or a notice with an
    objection window (general authorisation). If the date is sooner than some agreements
    allow, the proposal is refused listing them, unless ``split``: then it goes ahead for
    the agreements that allow it and leaves the others out.

    Unsigned agreements are left out unless ``include_unsigned``. A client no notice would
    reach (no privacy contact, signatory or webhook) makes the proposal refuse, listing
    them, unless ``allow_unreachable``; both choices are kept in the ledger event.
    """
    now = timezone.now()
    selection = select_targets(
        processor=processor, kind=kind, subprocessor=subprocessor, effective_at=effective_at,
        replaces=replaces, agreements=agreements, split=split, include_unsigned=include_unsigned,
        now=now,
    )
    if selection.unreachable and not allow_unreachable:
        raise ValidationError(
            {"allow_unreachable": unreachable_message(selection.unreachable)}, code="unreachable"
        )
    options = {"include_unsigned": include_unsigned, "allow_unreachable": allow_unreachable}
    return _create(
        processor, kind, subprocessor, replaces, selection.effective_at, reason, selection, now, acting_user,
        options,
    )


def _create(
    processor: Processor,
    kind: str,
    sp: Subprocessor,
    replaces: Subprocessor | None,
    effective_at: datetime,
    reason: str,
    selection: Selection,
    now: datetime,
    acting_user: Any,
    options: dict[str, bool],
) -> SubprocessorChange:
    change = SubprocessorChange.objects.create(
        processor=processor,
        kind=kind,
        subprocessor=sp,
        replaces=replaces,
        effective_at=effective_at,
        reason=reason,
        created_at=now,
        created_by=user_or_none(acting_user),
    )
    items = selection.items
    clocks = [_clock(change, item, now) for item in items]
    if change.adds:
        _open_pending_links(change, [i.agreement for i in items], now)
    _notify_all(change, clocks, items, acting_user)
    _insert_clocks(clocks)
    record_event(
        action="subprocessor.change_proposed",
        obj=change,
        acting_user=acting_user,
        data={
            "kind": kind,
            "subprocessor": sp.name,
            "replaces": replaces.name if replaces else None,
            "effective_at": effective_at.isoformat(),
            "agreements": len(items),
            "consent": sum(c.mode == Mode.CONSENT for c in clocks),
            "objection": sum(c.mode == Mode.OBJECTION for c in clocks),
            "left_out": [i.agreement.reference for i, why in selection.left_out if why == LeftOutReason.DATE],
            "left_out_unsigned": [
                i.agreement.reference for i, why in selection.left_out if why == LeftOutReason.UNSIGNED
            ],
            "left_out_not_sent": [
                i.agreement.reference for i, why in selection.left_out if why == LeftOutReason.NOT_SENT
            ],
            "unreachable": [c.name for c in selection.unreachable[:1000]],
            "unreachable_count": len(selection.unreachable),
            **options,
        },
        processor_id=processor.pk,
    )
    _schedule_activation({c.takes_effect_at for c in clocks} | {c.objection_deadline for c in clocks})
    announce_change(change, TrustEvent.PROPOSED)
    return change


def _clock(change: SubprocessorChange, item: PlanItem, now: datetime) -> ChangeAgreement:
    status = {
        Mode.CONSENT: ClockStatus.AWAITING_CONSENT,
        Mode.OBJECTION: ClockStatus.WINDOW_OPEN,
        Mode.INFORM: ClockStatus.CLEARED,
    }[item.mode]  # type: ignore[index]  # PlanItem.mode holds a Mode value as a str
    return ChangeAgreement(
        code=uuid.uuid4(),
        change=change,
        agreement=item.agreement,
        mode=item.mode,
        status=status,
        business_days=item.business_days,
        transfer_consent=item.transfer_consent,
        notified_at=now,
        objection_deadline=item.objection_deadline,
        takes_effect_at=item.takes_effect_at,
    )


_CLOCK_FIELDS = ("code", "change", "agreement", "mode", "status", "business_days", "transfer_consent",
                 "notified_at", "objection_deadline", "takes_effect_at", "answered_at", "answered_by",
                 "reason", "resolved_at", "resolution", "alternative", "notice")


def _insert_clocks(clocks: list[ChangeAgreement]) -> None:
    """The clocks as plain rows (no per-field work of the ORM); their ids set after."""
    mark_saved(clocks, insert_rows(ChangeAgreement, _CLOCK_FIELDS, [
        (c.code, c.change_id, c.agreement_id, c.mode, c.status, c.business_days, c.transfer_consent,
         c.notified_at, c.objection_deadline, c.takes_effect_at, None, None, "", None, "", None, c.notice_id)
        for c in clocks], key="code"))


def _open_pending_links(change: SubprocessorChange, agreements: list[Agreement], now: datetime) -> None:
    ids = {a.pk for a in agreements}
    # Earlier periods of this pair (refused, withdrawn, removed) end now; usually there are none.
    closing = [
        pk
        for pk, agreement_id in AgreementSubprocessor.objects.open()
        .filter(subprocessor=change.subprocessor)
        .values_list("pk", "agreement_id")
        if agreement_id in ids
    ]
    if closing:
        AgreementSubprocessor.objects.filter(pk__in=closing).update(until=now)
    insert_rows(
        AgreementSubprocessor,
        ("code", "subprocessor", "agreement", "status", "basis", "change", "since", "until"),
        [(uuid.uuid4(), change.subprocessor_id, pk, LinkStatus.PENDING.value, Basis.CHANGE.value, change.pk,
          now, None) for pk in sorted(ids)],  # a set's order follows the ids' values: sort them
    )


def recipients_by_controller(controller_ids: list[int]) -> dict[int, list[str]]:
    """Privacy contacts of each controller; its signatories where it has none."""
    return notice_recipients(NoticeKind.SUBPROCESSOR_CHANGE_NOTICE, controller_ids)


def _notify_all(change: SubprocessorChange, clocks: list[ChangeAgreement], items: list[PlanItem],
                acting_user: Any) -> None:
    controller_ids = sorted({i.agreement.controller_id for i in items})
    recipients = recipients_by_controller(controller_ids)
    explanations: dict[tuple[str, bool], str] = {}
    shared: dict[str, dict[str, Any]] = {}
    link_prefix = clock_link(ChangeAgreement(code=uuid.UUID(int=0))).replace(str(uuid.UUID(int=0)), "{}")
    drafts = []
    for clock, item in zip(clocks, items, strict=True):
        key = (item.language, item.transfer_consent)
        if key not in explanations:
            explanations[key] = _transfer_text(change, item)
        if item.language not in shared:
            shared[item.language] = _shared_context(change, item.language)
        drafts.append(_notice_draft(
            change,
            clock,
            item,
            recipients[item.agreement.controller_id],
            explanations[key],
            shared[item.language],
            link_prefix.format(clock.code),
        ))
    # Privacy contacts without a login find an invitation in the notice itself, so its
    # portal link works for them: it sets a password and opens the change.
    drafts = with_invitations(drafts, processor=change.processor, acting_user=acting_user)
    for clock, notice_id in zip(clocks, queue_notice_ids(drafts), strict=True):
        clock.notice_id = notice_id


def _plain(sp: Subprocessor | None) -> dict[str, str] | None:
    # Plain dicts: the same text as the model, rendered thousands of times without attribute lookups.
    if sp is None:
        return None
    return {"name": sp.name, "address": sp.address, "country": sp.country, "service": sp.service,
            "service_en": sp.service_en}


def _shared_context(change: SubprocessorChange, language: str) -> dict[str, Any]:
    return {
        "processor": change.processor.name,
        "kind": ChangeKind(change.kind),
        "subprocessor": _plain(change.subprocessor),
        "replaces": _plain(change.replaces),
        "effective_at": local_text(change.effective_at, language),
        "reason": change.reason,
        "locations": country_names(change.subprocessor.all_countries, language),
    }


@lru_cache(maxsize=4096)
def local_text(moment: datetime | None, language: str, fmt: str = "j F Y, H:i") -> str:
    """A moment as the controller reads it: Amsterdam time, month in its language."""
    if moment is None:
        return ""
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment, AMSTERDAM), fmt)


def _transfer_text(change: SubprocessorChange, item: PlanItem) -> str:
    if change.kind == ChangeKind.REMOVE:
        return ""
    policy = OutsideEea.WITH_CONSENT if item.transfer_consent else OutsideEea.ALLOWED
    check = check_transfer(
        change.subprocessor, DpaTerms(transfers=Transfers(outside_eea=policy)), language=item.language
    )
    return check.summary


def _notice_draft(
    change: SubprocessorChange,
    clock: ChangeAgreement,
    item: PlanItem,
    recipients: list[str],
    transfer_text: str,
    shared: dict[str, Any],
    link: str,
) -> NoticeDraft:
    consent = clock.mode == Mode.CONSENT
    kind = NoticeKind.SUBPROCESSOR_CONSENT_REQUEST if consent else NoticeKind.SUBPROCESSOR_CHANGE_NOTICE
    template = "subprocessor_consent_request" if consent else "subprocessor_change_notice"
    lang = item.language
    context = {
        **shared,
        "reference": item.agreement.reference,
        "mode": clock.mode,
        "objection_deadline": local_text(clock.objection_deadline, lang),
        "objection_day": local_text(clock.objection_deadline, lang, "j F Y"),
        "takes_effect_at": local_text(clock.takes_effect_at, lang),
        "business_days": clock.business_days,
        "transfer_text": transfer_text,
        "transfer_consent": clock.transfer_consent,
    }
    return NoticeDraft(
        controller=item.agreement.controller,
        kind=kind,
        about=About("changeclock", str(clock.code)),
        template=template,
        context=context,
        recipients=recipients,
        link=link,
        deadline=clock.objection_deadline,
        language=lang,
    )


def _schedule_activation(moments: set[datetime | None]) -> None:
    # The task imports these services; it hears of the moments rather than being imported.
    activation_due.send(sender=SubprocessorChange, moments=sorted(m for m in moments if m is not None))
