"""Open notice clocks: the dashboard's rows and the 50 % / 80 % reminders to staff."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from art28.breaches.models import AffectedAgreement, AffectedQuerySet, Incident, IncidentStatus
from art28.core.urls import absolute_url
from art28.notices.models import Audience, NoticeKind
from art28.notices.services import About, queue_notice, schedule_drain
from art28.parties.models import Membership, Role

THRESHOLDS = ((80, "reminded_80_at"), (50, "reminded_50_at"))


def open_clocks(rows: AffectedQuerySet | None = None) -> AffectedQuerySet:
    """Included, not yet notified agreements of open incidents, soonest deadline first.

    ``rows`` narrows them (a user's ``breaches.access.visible_affected``); none: every one."""
    qs = (AffectedAgreement.objects.all() if rows is None else rows).open_clocks()
    return qs.select_related("incident__processor", "agreement__controller").order_by("deadline", "pk")


def left_out(rows: AffectedQuerySet | None = None) -> AffectedQuerySet:
    """Agreements of open incidents that staff left out, with their reasons: shown apart
    from the clocks, so a wrong exclusion is seen while there is still time."""
    qs = (AffectedAgreement.objects.all() if rows is None else rows).filter(
        included=False, incident__status=IncidentStatus.OPEN)
    return qs.select_related("incident", "agreement__controller").order_by("deadline", "pk")


def _staff_emails(incident: Incident, controller_ids: set[int]) -> list[str]:
    emails = set()
    if incident.handler and incident.handler.email:
        emails.add(incident.handler.email)
    members = Membership.objects.filter(processor_id=incident.processor_id, read_only=False,
                                        role=Role.PROCESSOR_STAFF,
                                        assigned_controllers__in=controller_ids).select_related("user")
    emails |= {m.user.email for m in members if m.user.email}
    if not emails:  # nobody assigned: the processor's admins answer for it
        admins = Membership.objects.filter(processor_id=incident.processor_id,
                                           role=Role.PROCESSOR_ADMIN).select_related("user")
        emails = {m.user.email for m in admins if m.user.email}
    return sorted(emails)


def send_reminders(now: datetime | None = None) -> int:
    """Remind the responsible staff once at 50 % and once at 80 % of each window.

    One reminder per incident, deadline and threshold (not per controller), so a breach
    touching ten thousand agreements sends a handful of reminders. Returns how many.
    """
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        # Locks the rows (PostgreSQL) so two ticks at once never remind twice.
        rows = list(open_clocks().select_for_update(of=("self",)))
        keyed = sorted(rows, key=lambda r: (r.incident_id, r.deadline))
        for (_incident_id, _deadline), group in groupby(keyed, key=lambda r: (r.incident_id, r.deadline)):
            sent += _remind_group(list(group), now)
        if sent:
            schedule_drain()
    return sent


def _remind_group(rows: list[AffectedAgreement], now: datetime) -> int:
    first = rows[0]
    for percent, field in THRESHOLDS:
        due = [r for r in rows if getattr(r, field) is None and r.elapsed_fraction(now) >= percent / 100]
        if not due:
            continue
        incident = first.incident
        recipients = _staff_emails(incident, {r.agreement.controller_id for r in due})
        # A staff-only, processor-level notice: it names no controller, so no portal shows it.
        queue_notice(controller=None, processor=incident.processor, kind=NoticeKind.BREACH_REMINDER,
                     about=About("incident-clock", f"{incident.code}:{first.deadline:%Y%m%d%H%M}:{percent}"),
                     template="breach_reminder", recipients=recipients, audience=Audience.PROCESSOR,
                     language=settings.LANGUAGE_CODE[:2], deadline=first.deadline, schedule=False,
                     link=absolute_url("breaches:incident_detail", incident.code),
                     context={"reference": incident.reference, "title": incident.title,
                              "percent": percent, "waiting": len(due), "deadline": first.deadline,
                              "hours": first.notice_hours})
        stamps = {"reminded_50_at": now} if percent == 50 else {"reminded_50_at": now, "reminded_80_at": now}
        for r in due:
            for name, value in stamps.items():
                if getattr(r, name) is None:
                    setattr(r, name, value)
        AffectedAgreement.objects.bulk_update(due, list(stamps), batch_size=1000)
        return 1
    return 0
