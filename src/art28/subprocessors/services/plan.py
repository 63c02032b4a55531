"""Working out, per agreement, what a proposed change needs under that agreement's terms.

Read-only: ``plan_change`` is what the proposal form and the API show before anything is
saved, and what ``propose_change`` applies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from art28.agreements.access import controller_terms
from art28.agreements.models import Agreement
from art28.core.localtime import local_minute
from art28.subprocessors.models import ChangeKind, Mode, Subprocessor
from art28.subprocessors.services.transfers import TransferCheck, check_transfer
from art28.terms import clocks
from art28.terms.schema import Authorisation, DpaTerms, Subprocessors, Transfers


@dataclass
class PlanItem:
    """One agreement's procedure and dates for one change."""

    agreement: Agreement
    effective_at: datetime
    mode: str
    business_days: bool
    notice_days: int
    earliest_effective: datetime
    objection_deadline: datetime | None
    takes_effect_at: datetime
    transfer_consent: bool
    language: str

    @property
    def blocked(self) -> bool:
        return self.effective_at < self.earliest_effective


@dataclass
class Plan:
    items: list[PlanItem]
    transfer: TransferCheck | None

    @property
    def blocking(self) -> list[PlanItem]:
        return [i for i in self.items if i.blocked]

    @property
    def allowed(self) -> list[PlanItem]:
        return [i for i in self.items if not i.blocked]


def binding_sections(agreements: list[Agreement]) -> dict[int, tuple[Subprocessors, Transfers, str]]:
    """The sub-processor and transfer terms (and language) each agreement is bound by, in bulk.

    The terms the controller has (``controller_terms``: the newest signed version, else the
    newest sent to it, never the processor's unsent draft), else, for an agreement never sent,
    its newest draft. Only the two sections are read and validated, identical ones once.
    """
    cache: dict[str, tuple[Subprocessors, Transfers]] = {}
    out = {}
    parts = ("subprocessors", "transfers")
    for agreement_id, (language, terms) in controller_terms((a.pk for a in agreements), parts).items():
        raw = (terms.get("subprocessors") or {}, terms.get("transfers") or {})
        raw_key = json.dumps(raw, sort_keys=True)
        if raw_key not in cache:
            cache[raw_key] = (Subprocessors.model_validate(raw[0]), Transfers.model_validate(raw[1]))
        out[agreement_id] = (*cache[raw_key], language)
    return out


def _needs_consent(section: Subprocessors) -> bool:
    # "none" means no sub-processors without the controller's say; unknown is treated as strict.
    return section.authorisation != Authorisation.GENERAL


def plan_change(
    *,
    kind: str,
    subprocessor: Subprocessor,
    agreements: list[Agreement],
    effective_at: datetime,
    now: datetime,
) -> Plan:
    """The procedure per agreement; items whose terms need more notice are ``blocked``."""
    sections = binding_sections(agreements)
    transfer = check_transfer(subprocessor) if kind != ChangeKind.REMOVE else None
    if transfer is not None and not transfer.lawful:
        raise ValidationError({"subprocessor": transfer.summary})
    items = []
    for agreement in agreements:
        subs, transfers, language = sections[agreement.pk]
        items.append(_item(kind, subprocessor, agreement, subs, transfers, language, effective_at, now))
    return Plan(items, transfer)


def _item(
    kind: str,
    sp: Subprocessor,
    agreement: Agreement,
    subs: Subprocessors,
    transfers: Transfers,
    language: str,
    effective_at: datetime,
    now: datetime,
) -> PlanItem:
    business = bool(subs.business_days)
    if kind == ChangeKind.REMOVE:
        return PlanItem(
            agreement, effective_at, Mode.INFORM, business, 0, now, None, effective_at, False, language
        )
    transfer_consent = (
        sp.outside_eea and check_transfer(sp, DpaTerms(transfers=transfers)).needs_written_consent
    )
    if _needs_consent(subs) or transfer_consent:
        return PlanItem(
            agreement,
            effective_at,
            Mode.CONSENT,
            business,
            0,
            now,
            None,
            effective_at,
            transfer_consent,
            language,
        )
    notice_days = subs.notice_days or 0
    earliest = clocks.add_days(now, notice_days, business=business)
    deadline = clocks.add_days(now, subs.objection_days or 0, business=business)
    return PlanItem(
        agreement,
        effective_at,
        Mode.OBJECTION,
        business,
        notice_days,
        earliest,
        deadline,
        max(effective_at, deadline),
        False,
        language,
    )


def earliest_effective(
    *, kind: str, subprocessor: Subprocessor, agreements: list[Agreement], now: datetime
) -> datetime:
    """The first whole minute after ``now`` that every agreement's notice period allows: the
    effective date of a change proposed without one."""
    plan = plan_change(kind=kind, subprocessor=subprocessor, agreements=agreements, effective_at=now, now=now)
    earliest = max([now, *(i.earliest_effective for i in plan.items)])
    return earliest.replace(second=0, microsecond=0) + timedelta(minutes=1)


def blocking_message(plan: Plan) -> str:
    refs = ", ".join(
        f"{i.agreement.reference} ({_('earliest %(d)s') % {'d': local_minute(i.earliest_effective)}})"
        for i in plan.blocking[:50]
    )
    more = len(plan.blocking) - 50
    tail = _(" and %(n)d more") % {"n": more} if more > 0 else ""
    return _(
        "The effective date is sooner than these agreements allow: %(refs)s%(tail)s. Choose a later "
        "date, or split the change to go ahead with the agreements that allow it."
    ) % {"refs": refs, "tail": tail}

