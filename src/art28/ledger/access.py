"""Access helper of the ledger page: the events of the user's own processor.

Views ask here instead of querying themselves (tests/test_architecture.py checks this).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from art28.ledger.models import Event
from art28.parties.access import membership_of


def ledger_events(user: Any) -> QuerySet[Event]:
    """The ledger events of the user's own processor, newest first (nothing for outsiders).
    Indexed on (processor, seq): a page from a seq is a seek (``core.pagination.keyset_page``)."""
    m = membership_of(user)
    if m is None or not m.is_processor_side:
        return Event.objects.none()
    return Event.objects.filter(processor_id_ref=m.processor_id).order_by("-seq")
