"""The controller's side of a breach notice: acknowledgement, its own 72-hour clock, a
draft notification to the supervisory authority, and an ENISA severity assessment."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from art28.breaches.models import AffectedAgreement, Incident, IncidentNotice, SeverityAssessment, Stage
from art28.breaches.services import enisa
from art28.breaches.services.affected import binding_terms
from art28.core.ledger_scope import ledger_scope
from art28.core.localtime import local_time
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


def _known(value: Any) -> Any:
    return _("not yet known") if value in (None, "", []) else value


def _moment(value: datetime | str | None) -> str:
    """A moment as the controller reads it: Amsterdam time, not an ISO string."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return local_time(value) if value else _("not yet known")


def _nature(keys: list[str] | None) -> Any:
    labels = {k: cast(Field, Incident._meta.get_field(k)).verbose_name
              for k in ("confidentiality", "integrity", "availability")}
    return _known([str(labels.get(k, k)) for k in keys or []])


def authority_draft(affected: AffectedAgreement) -> list[dict[str, Any]]:
    """The questions of a notification to the supervisory authority (after the Dutch
    authority's form and the EDPB's template), prefilled from our notices. A draft: the
    controller checks, completes and files it itself."""
    facts, controller = latest_facts(affected), affected.agreement.controller
    clock = authority_clock(affected)
    contact = facts.get("contact") or {}
    sections = [
        ("reporter", _("Who reports"), [
            (_("Organisation (controller)"), f"{controller.name}, {controller.city}".strip(", ")),
            (_("Chamber of Commerce number"), _known(controller.kvk)),
            (_("Processor involved"), affected.incident.processor.name),
            (_("Processor's contact point"), _known(", ".join(v for v in contact.values() if v))),
        ]),
        ("timeline", _("Timeline"), [
            (_("Breach started"), _moment(facts.get("occurred_at"))),
            (_("Breach ended"), _moment(facts.get("ended_at"))),
            (_("Processor became aware"), _moment(facts.get("aware_at"))),
            (_("We (the controller) were told"), _moment(clock[0] if clock else None)),
            (_("Deadline for this notification (72 hours)"), _moment(clock[1] if clock else None)),
        ]),
        ("nature", _("What happened"), [
            (_("Summary"), _known(facts.get("title"))),
            (_("Description"), _known(facts.get("description"))),
            (_("Security properties lost"), _nature(facts.get("nature"))),
            (_("Deliberate (malicious) act"), _yes_no(facts.get("malicious"))),
            (_("Systems and sub-processors involved"),
             _known((facts.get("systems") or []) + (facts.get("subprocessors") or []))),
        ]),
        ("data", _("Personal data involved"), [
            (_("Categories of personal data"), _known(facts.get("data_categories"))),
            (_("Special categories or sensitive data"),
             _sensitive(facts.get("data_categories") or [], special_categories(affected))),
        ]),
        ("people", _("People affected"), [
            (_("Categories of data subjects"), _known(facts.get("subject_categories"))),
            (_("Approximate number of data subjects"), _known(facts.get("subjects_approx"))),
            (_("Approximate number of records"), _known(facts.get("records_approx"))),
        ]),
        ("prior_measures", _("Measures in place before the breach"), [
            (_("Data encrypted or otherwise unintelligible"), _yes_no(facts.get("encrypted"))),
        ]),
        ("consequences", _("Likely consequences for the people affected"), [
            (_("Consequences"), _known(facts.get("consequences"))),
        ]),
        ("follow_up", _("Measures and follow-up"), [
            (_("Measures taken"), _known(facts.get("measures_taken"))),
            (_("Measures proposed"), _known(facts.get("measures_proposed"))),
            (_("Data subjects informed"), _("to be decided by you (see the severity assessment)")),
        ]),
        ("cross_border", _("Cross-border"), [
            (_("People in other EU member states affected"), _yes_no(facts.get("cross_border"))),
        ]),
    ]
    return [{"key": key, "title": title, "items": [{"question": q, "answer": a} for q, a in items]}
            for key, title, items in sections]


def _yes_no(value: Any) -> str:
    if value is None:
        return _("not yet known")
    return _("yes") if value else _("no")


def _sensitive(categories: list[str], special: list[str]) -> str:
    hits = enisa._matches(categories, enisa._SENSITIVE)
    if special:
        hits += [_("%(c)s (stated in the agreement)") % {"c": c} for c in special if c not in hits]
    return ", ".join(hits) if hits else _("none stated")


def special_categories(affected: AffectedAgreement) -> list[str]:
    """The special categories of personal data stated in the affected agreement's binding terms."""
    binding = binding_terms([affected.agreement_id]).get(affected.agreement_id)
    processing = (binding[1] or {}).get("processing") or {} if binding else {}
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
