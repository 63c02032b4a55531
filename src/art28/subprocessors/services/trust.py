"""The public trust page: what it shows, what the processor publishes about its security,
and the announcements of sub-processor changes to its subscribers.

The announce_* hooks run inside the change's own transaction (called from the change
services), so an announcement exists exactly when the change does. The contractual notices
per agreement are separate and unchanged; subscribers get a public announcement only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from art28.core.urls import absolute_url
from art28.ledger.services import record_event
from art28.notices import subscribers
from art28.parties.models import Processor
from art28.parties.text import check_text
from art28.subprocessors.models import (
    ChangeStatus,
    LinkStatus,
    Subprocessor,
    SubprocessorChange,
    SubprocessorStatus,
    TrustEvent,
    TrustStatement,
)

TEMPLATE = "trust_announcement"


def page_link(processor_id: int | None = None, code: Any = None) -> str:
    if code is None:
        assert processor_id is not None  # one of the two is always given
        code = Processor.objects.filter(pk=processor_id).values_list("code", flat=True).get()
    return absolute_url("subprocessors:public", code)


def announce_change(change: SubprocessorChange, event: TrustEvent) -> int:
    """Announce that ``change`` was proposed, took effect ("activated") or was withdrawn.
    Idempotent: the activation of each agreement's clock calls it, one announcement results."""
    if not settings.ART28_PUBLIC_SUBPROCESSOR_PAGE:
        return 0  # no public page, no followers: the contractual notices are unaffected
    event = TrustEvent(event)
    event_code = f"change:{change.code}:{event.value}"
    if subscribers.is_announced(change.processor_id, event_code):
        return 0
    context = {"event": event, "change": change, "subprocessor": change.subprocessor,
               "replaces": change.replaces, "processor_name": _name(change.processor_id)}
    return subscribers.announce(processor=Processor(pk=change.processor_id), template=TEMPLATE,
                                event=event_code, context=context,
                                link=page_link(change.processor_id))


def _name(processor_id: int) -> str:
    return Processor.objects.filter(pk=processor_id).values_list("name", flat=True).get()


def statement_of(processor: Processor) -> TrustStatement:
    return TrustStatement.objects.filter(processor=processor).first() or TrustStatement(processor=processor)


@transaction.atomic
def publish_trust_statement(*, processor: Processor, measures: str, certifications: str,
                            substantial: bool, acting_user: Any) -> TrustStatement:
    """Change what the trust page says about security measures and certifications.

    ``substantial``: the processor judges the change substantial, so subscribers are told.
    """
    data = {"measures": (measures or "").strip(), "certifications": (certifications or "").strip()}
    errors: dict[str, Any] = {}
    check_text(TrustStatement, data, data.keys(), errors)
    if errors:
        raise ValidationError(errors)
    statement = TrustStatement.objects.select_for_update().filter(processor=processor).first() \
        or TrustStatement(processor=processor)
    statement.measures, statement.certifications = data["measures"], data["certifications"]
    statement.updated_at = timezone.now()
    statement.save()
    record_event(action="trust.statement_published", obj=("truststatement", str(processor.code)),
                 acting_user=acting_user, data={**data, "substantial": substantial},
                 processor_id=processor.pk)
    if substantial:
        subscribers.announce(processor=processor, template=TEMPLATE,
                             event=f"measures:{statement.updated_at.isoformat()}",
                             context={"event": TrustEvent.MEASURES, "statement": statement,
                                      "processor_name": processor.name},
                             link=page_link(code=processor.code))
    return statement


def public_register(processor: Processor) -> list[Subprocessor]:
    """The sub-processors in use, each with ``since``: when it was first authorised."""
    firsts = Min("links__since", filter=Q(links__status=LinkStatus.AUTHORISED))
    return list(Subprocessor.objects.filter(processor=processor, status=SubprocessorStatus.ACTIVE)
                .annotate(since=firsts).order_by("name"))


def public_history(processor: Processor, limit: int = 50) -> QuerySet[SubprocessorChange]:
    """Changes that took effect or were withdrawn, newest first."""
    return (SubprocessorChange.objects.filter(processor=processor)
            .exclude(status=ChangeStatus.OPEN, effective_at__gt=timezone.now())
            .select_related("subprocessor", "replaces").order_by("-effective_at")[:limit])


def retired(processor: Processor) -> QuerySet[Subprocessor]:
    return Subprocessor.objects.filter(processor=processor, status=SubprocessorStatus.RETIRED).annotate(
        until=Min("links__until", filter=Q(links__status=LinkStatus.REMOVED)))

