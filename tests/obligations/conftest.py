"""Fixtures for the obligations list: everything made through the services, from an empty database."""

from __future__ import annotations

import pytest
from django.utils import translation

GENERAL = {"subprocessors": {"authorisation": "general", "notice_days": 14, "objection_days": 14,
                             "business_days": False},
           "transfers": {"outside_eea": "with_safeguards"}}
TERMS_24 = {"breach": {"notice_hours": 24, "content": ["nature"]}, **GENERAL}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def kinds():
    """``kinds(user)``: the (kind, controller name) pairs of the user's list."""
    from art28.obligations.collect import open_obligations

    return lambda user, **kw: {(o.kind, o.controller) for o in open_obligations(user, **kw)}


@pytest.fixture
def signed_pair(make_agreement, controller_a, controller_b):
    """A signed agreement for A and for B (24 h breach notice, objection window 14 days)."""
    from django.utils import timezone

    from art28.notices.models import Delivery

    a = make_agreement(controller_a, state="signed", terms=TERMS_24)
    b = make_agreement(controller_b, state="signed", terms=TERMS_24)
    Delivery.objects.update(status="sent", sent_at=timezone.now())  # the signing mail went out
    return a, b


@pytest.fixture
def subprocessor(signed_pair, processor, admin_user):
    import time_machine

    from art28.subprocessors.services import register_subprocessor

    with time_machine.travel("2025-01-01 00:00Z", tick=False):
        return register_subprocessor(
            processor=processor, acting_user=admin_user, named_in_agreements=True,
            agreements=list(signed_pair),
            data={"name": "Backupkluis GmbH", "country": "DE", "service": "Backups", "scope_all": False})
