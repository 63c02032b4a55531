"""Intake: open an incident with little known, complete its facts in phases."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.breaches.models import Incident
from art28.breaches.services.affected import recompute_deadlines, sync_affected
from art28.core.ledger_scope import ledger_scope
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.parties.models import Processor

DATETIME_FIELDS = ("aware_at", "occurred_at", "ended_at", "subprocessor_aware_at",
                   "subprocessor_reported_at")
TEXT_FIELDS = ("title", "discovery", "description", "consequences", "measures_taken",
               "measures_proposed", "contact_name", "contact_email", "contact_phone")
LIST_FIELDS = ("systems", "services", "data_categories", "subject_categories")
INT_FIELDS = ("subjects_approx", "records_approx")
BOOL_FIELDS = ("confidentiality", "integrity", "availability", "encrypted", "malicious", "cross_border")
FACT_FIELDS = DATETIME_FIELDS + TEXT_FIELDS + LIST_FIELDS + INT_FIELDS + BOOL_FIELDS
# A change in these may change which agreements the incident touches.
SCOPE_FIELDS = ("services", "data_categories")


def _clean_value(name: str, value: Any) -> Any:
    if name in DATETIME_FIELDS:
        if value is None:
            return None
        if not isinstance(value, datetime) or timezone.is_naive(value):
            raise ValidationError(_("Give a date and time with its time zone."))
        return value
    if name in INT_FIELDS:
        if value in (None, ""):
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(_("Give a whole number."))
        if value < 0:
            raise ValidationError(_("A number of people or records cannot be negative."))
        return value
    if name in LIST_FIELDS:
        items = value.splitlines() if isinstance(value, str) else list(value or [])
        return [str(v).strip() for v in items if str(v).strip()]
    if name in BOOL_FIELDS:
        return bool(value)
    return ("" if value is None else str(value)).strip()


def clean_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Each given fact checked and normalised; unknown keys and bad values raise."""
    cleaned, errors = {}, {}
    for name, value in facts.items():
        if name not in FACT_FIELDS:
            errors[name] = [_("Unknown fact.")]
            continue
        try:
            cleaned[name] = _clean_value(name, value)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_timeline(incident: Incident) -> None:
    now, errors = timezone.now(), {}
    for name in DATETIME_FIELDS:
        moment = getattr(incident, name)
        if moment is not None and moment > now:
            errors[name] = [_("This moment lies in the future.")]
    def before(a: str, b: str, msg: str) -> None:
        x, y = getattr(incident, a), getattr(incident, b)
        if x and y and x > y and b not in errors:
            errors.setdefault(b, []).append(msg)
    before("occurred_at", "aware_at", _("We cannot have become aware before the breach started."))
    before("occurred_at", "ended_at", _("The breach cannot end before it started."))
    before("subprocessor_aware_at", "subprocessor_reported_at",
           _("The sub-processor cannot tell us before it became aware itself."))
    if errors:
        raise ValidationError(errors)


def _validate(incident: Incident) -> None:
    if not incident.title:
        raise ValidationError({"title": [_("Give the incident a short title.")]})
    if incident.aware_at is None:
        raise ValidationError({"aware_at": [_("When did we become aware of it?")]})
    _check_timeline(incident)
    incident.full_clean(exclude=["processor", "handler", "reference"])


def _next_reference(processor: Processor) -> str:
    year = timezone.now().year
    n = Incident.objects.filter(reference__startswith=f"BR-{year}-").count() + 1
    while Incident.objects.filter(reference=f"BR-{year}-{n:04d}").exists():
        n += 1
    return f"BR-{year}-{n:04d}"


def open_incident(*, processor: Processor, facts: dict[str, Any], acting_user: Any,
                  subprocessors: list | None = None) -> Incident:
    """Record a new incident; only a title and when we became aware are needed to start.

    Derives the agreements it touches (for review) and starts their clocks.
    """
    cleaned = clean_facts(facts)
    with transaction.atomic():
        incident = Incident(processor=processor, handler=user_or_none(acting_user), **cleaned)
        incident.reference = _next_reference(processor)
        _validate(incident)
        incident.save()
        if subprocessors:
            incident.subprocessors.set(subprocessors)
        affected = sync_affected(incident)
        record_event(action="breach.opened", obj=incident, acting_user=acting_user,
                     data={"reference": incident.reference, "aware_at": incident.aware_at,
                           "facts": sorted(cleaned), "affected": affected},
                     **ledger_scope(incident.processor_id))
    return incident


def update_incident(*, incident: Incident, facts: dict[str, Any], acting_user: Any,
                    subprocessors: list | None = None) -> Incident:
    """Complete or correct an open incident's facts (the next phase of the intake)."""
    cleaned = clean_facts(facts)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if not incident.is_open:
            raise ValidationError(_("This incident is closed; its facts can no longer change."))
        changed = {k: v for k, v in cleaned.items() if getattr(incident, k) != v}
        for name, value in changed.items():
            setattr(incident, name, value)
        _validate(incident)
        incident.updated_at = timezone.now()
        incident.save()
        rescope = bool(set(changed) & set(SCOPE_FIELDS))
        if subprocessors is not None and set(subprocessors) != set(incident.subprocessors.all()):
            incident.subprocessors.set(subprocessors)
            changed["subprocessors"] = sorted(s.name for s in subprocessors)
            rescope = True
        if rescope:
            sync_affected(incident)
        if "aware_at" in changed:
            recompute_deadlines(incident)
        record_event(action="breach.updated", obj=incident, acting_user=acting_user,
                     data={"changed": changed}, **ledger_scope(incident.processor_id))
    return incident
