"""Access helper of the ledger page: the events of the user's own processor.

Views ask here instead of querying themselves (tests/test_architecture.py checks this).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from art28.ledger.kinds import BY_KEY
from art28.ledger.models import Event
from art28.parties.access import membership_of, visible_controllers
from art28.parties.search import client_search


def ledger_events(user: Any) -> QuerySet[Event]:
    """The ledger events of the user's own processor, newest first (nothing for outsiders).
    Indexed on (processor, seq): a page from a seq is a seek (``core.pagination.keyset_page``)."""
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return Event.objects.none()
    return Event.objects.filter(processor_id_ref=m.processor_id).order_by("-seq")


def find_events(user: Any, *, q: str = "", kind: str = "", since: date | None = None,
                until: date | None = None) -> QuerySet[Event]:
    """``ledger_events`` narrowed; blanks do not filter. ``q`` keeps the events filed under a
    client whose name holds it, whose KvK number starts with it or one of whose agreements'
    references holds it (``client_search``); events of the organisation as a whole are filed
    under no client, so a search leaves them out. ``kind`` is a key of ``kinds.KINDS`` (an
    unknown key keeps nothing). ``since`` and ``until`` are whole days in the display zone,
    both included."""
    events = ledger_events(user)
    if q:
        clients = visible_controllers(user).filter(client_search(q, controller="", agreement="agreements"))
        events = events.filter(controller_id_ref__in=clients.values("pk"))
    if kind:
        events = events.filter(BY_KEY[kind].condition()) if kind in BY_KEY else events.none()
    if since is not None:
        events = events.filter(at__gte=_midnight(since))
    if until is not None:
        events = events.filter(at__lt=_midnight(until + timedelta(days=1)))
    return events


def _midnight(day: date) -> datetime:
    """The start of ``day`` in the display zone (a DST day starts at its own midnight)."""
    return timezone.make_aware(datetime.combine(day, time.min))
