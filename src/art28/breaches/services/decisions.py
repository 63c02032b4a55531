"""The register's verdicts: not notified (with the reasoning), and closing an incident."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from art28.breaches.models import Decision, Incident, IncidentStatus
from art28.breaches.services.common import rows_for
from art28.core.ledger_scope import ledger_scope
from art28.ledger.services import record_event


def _reasoning(text: str) -> str:
    text = (text or "").strip()
    if len(text) < 10:
        raise ValidationError({"reasoning": [_("Write down the reasoning (at least a sentence).")]})
    return text


def _decides_only_for_visible(incident: Incident, acting_user: Any) -> None:
    """Deciding or closing for controllers one may not see would stop their clocks unseen."""
    waiting = incident.affected.included().filter(notified_at__isnull=True)
    if waiting.exclude(pk__in=rows_for(incident, acting_user).values("pk")).exists():
        raise ValidationError(_("Controllers you are not assigned to still wait for a notice about "
                                "this incident; an administrator decides for them."))


def record_no_notice(*, incident: Incident, reasoning: str, acting_user: Any) -> Incident:
    """Record that no controller is notified, and why (e.g. no personal data was involved)."""
    reasoning = _reasoning(reasoning)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if not incident.is_open:
            raise ValidationError(_("This incident is closed."))
        if incident.notices_went_out():
            raise ValidationError(_("Controllers have already been notified of this incident, so "
                                    "\"no notice needed\" can no longer be recorded."))
        _decides_only_for_visible(incident, acting_user)
        incident.decision, incident.decision_reasoning = Decision.NOT_NOTIFIED, reasoning
        incident.save(update_fields=["decision", "decision_reasoning"])
        record_event(action="breach.not_notified", obj=incident, acting_user=acting_user,
                     data={"reasoning": reasoning}, **ledger_scope(incident.processor_id))
    return incident


def close_incident(*, incident: Incident, reasoning: str, acting_user: Any) -> Incident:
    """Close the incident; its row stays in the register for good."""
    reasoning = _reasoning(reasoning)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if not incident.is_open:
            raise ValidationError(_("This incident is already closed."))
        if incident.decision == Decision.UNDECIDED:
            raise ValidationError(_("Notify the affected controllers or record why not, before closing."))
        _decides_only_for_visible(incident, acting_user)
        waiting = incident.affected.included().filter(notified_at__isnull=True).count()
        if incident.decision == Decision.NOTIFY and waiting:
            raise ValidationError(_("%(n)s affected controllers have not been notified yet.")
                                  % {"n": waiting})
        incident.status, incident.closed_at = IncidentStatus.CLOSED, timezone.now()
        if incident.decision_reasoning:
            incident.decision_reasoning += "\n\n"
        incident.decision_reasoning += reasoning
        incident.save(update_fields=["status", "closed_at", "decision_reasoning"])
        record_event(action="breach.closed", obj=incident, acting_user=acting_user,
                     data={"reasoning": reasoning}, **ledger_scope(incident.processor_id))
    return incident
