"""The controller's side of a breach notice: acknowledgement, its own 72-hour clock, a
draft notification to the supervisory authority, and an ENISA severity assessment."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from art28.agreements.access import controller_binding
from art28.breaches.models import AffectedAgreement, IncidentNotice, SeverityAssessment, Stage
from art28.breaches.services import enisa
from art28.core.ledger_scope import ledger_scope
from art28.core.urls import absolute_url
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.notices.models import Notice
from art28.notices.recipients import notify_staff_of_answer
from art28.notices.services import About
from art28.terms.clocks import add_hours
from art28.terms.facts import CONTROLLER_AUTHORITY_HOURS


def acknowledge_notice(*, incident_notice: IncidentNotice, acting_user: Any) -> IncidentNotice:
    """The controller confirms receipt; the first acknowledgement counts, later ones change nothing."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=incident_notice.notice_id)
        if notice.acknowledged_at is not None:
            return incident_notice
        notice.acknowledged_at = timezone.now()
        notice.save(update_fields=["acknowledged_at"])
        incident_notice.acknowledged_by = user_or_none(acting_user)
        incident_notice.save(update_fields=["acknowledged_by"])
        incident_notice.notice = notice
        affected = incident_notice.affected
        record_event(action="breach.notice_acknowledged", obj=incident_notice, acting_user=acting_user,
                     data={"incident": affected.incident.reference, "stage": incident_notice.stage,
                           "number": incident_notice.number},
                     **ledger_scope(affected.incident.processor_id, affected.agreement.controller_id))
        _tell_staff(incident_notice)
    return incident_notice


def _tell_staff(incident_notice: IncidentNotice) -> None:
    # The staff answering for this controller learn it has read the notice, not only the ledger.
    affected = incident_notice.affected
    incident = affected.incident
    notify_staff_of_answer(
        controller=affected.agreement.controller,
        about=About("incidentnotice", f"{incident_notice.code}:acknowledged"),
        what=gettext_lazy("acknowledgement of a breach notice"),
        reference=affected.agreement.reference,
        subject=f"{incident.reference} {incident.title}".strip(),
        link=absolute_url("breaches:incident_detail", incident.code),
    )


def authority_clock(affected: AffectedAgreement) -> tuple[datetime, datetime] | None:
    """(start, deadline) of the controller's 72 hours: they run from our first notice."""
    first = affected.notices.filter(stage=Stage.INITIAL).first()
    if first is None:
        return None
    return first.created_at, add_hours(first.created_at, CONTROLLER_AUTHORITY_HOURS)


def latest_facts(affected: AffectedAgreement) -> dict[str, Any]:
    """What the controller has been told so far: the facts of its latest notice."""
    last = affected.notices.order_by("-number").first()
    return dict(last.facts) if last else {}


def special_categories(affected: AffectedAgreement) -> list[str]:
    """The special categories of personal data stated in the affected agreement's terms as the
    controller was given them (signed, else the last sent: never the processor's draft, which
    the controller's suggestion and authority draft would otherwise show it)."""
    version = controller_binding(affected.agreement)
    processing = (version.terms or {}).get("processing") or {} if version else {}
    return enisa.stated_special(processing.get("special_categories"))


def severity(affected: AffectedAgreement) -> enisa.Severity:
    """The controller's saved assessment, or the suggestion from the facts it was told."""
    saved = SeverityAssessment.objects.filter(affected=affected).first()
    if saved is None:
        # The notice carries only the facts the agreement asks for, often without categories:
        # what the agreement itself says it processes counts too.
        return enisa.suggest(latest_facts(affected), special_categories(affected))
    return enisa.Severity(dpc=enisa.Factor(saved.dpc, saved.dpc_reason),
                          ei=enisa.Factor(saved.ei, saved.ei_reason),
                          cb=enisa.Factor(saved.cb, saved.cb_reason))


def _decimal(name: str, value: Any, errors: dict) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[name] = [_("Give a number.")]
        return None


def _check_factors(values: dict[str, Any]) -> dict[str, Decimal]:
    errors: dict[str, list[str]] = {}
    out = {k: _decimal(k, values.get(k), errors) for k in ("dpc", "ei", "cb")}
    if out["dpc"] is not None and not enisa.DPC_MIN <= out["dpc"] <= enisa.DPC_MAX:
        errors["dpc"] = [_("DPC runs from 1 to 4.")]
    if out["ei"] is not None and out["ei"] not in enisa.EI_VALUES:
        errors["ei"] = [_("EI is 0.25, 0.5, 0.75 or 1.")]
    if out["cb"] is not None and not Decimal(0) <= out["cb"] <= enisa.CB_MAX:
        errors["cb"] = [_("CB runs from 0 to 2.")]
    for k in ("dpc", "ei", "cb"):
        if not str(values.get(f"{k}_reason") or "").strip():
            errors[f"{k}_reason"] = [_("Give the reason for this factor.")]
    if errors:
        raise ValidationError(errors)
    return {k: v for k, v in out.items() if v is not None}  # all three, as none was refused


def save_assessment(*, affected: AffectedAgreement, values: dict[str, Any],
                    acting_user: Any) -> enisa.Severity:
    """Store the controller's own factors and reasons (the suggestion only pre-fills them)."""
    numbers = _check_factors(values)
    with transaction.atomic():
        row, _created = SeverityAssessment.objects.select_for_update().get_or_create(
            affected=affected, defaults={**numbers, "dpc_reason": "-", "ei_reason": "-", "cb_reason": "-"})
        for k in ("dpc", "ei", "cb"):
            setattr(row, k, numbers[k])
            setattr(row, f"{k}_reason", str(values[f"{k}_reason"]).strip())
        row.updated_at, row.updated_by = timezone.now(), user_or_none(acting_user)
        row.save()
        result = severity(affected)
        record_event(action="breach.severity_assessed", obj=("affectedagreement", affected.code),
                     acting_user=acting_user, data={"score": str(result.score), "level": result.level},
                     **ledger_scope(affected.incident.processor_id, affected.agreement.controller_id))
    return result
