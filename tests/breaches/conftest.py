"""Breach fixtures: agreements that share a sub-processor, and an incident on it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

TERMS_24 = {"language": "nl", "breach": {"notice_hours": 24, "content": ["nature", "numbers", "contact"]},
            "processing": {"data_categories": ["naam", "e-mailadres", "medische gegevens"],
                           "subject_matter": "hosting van het praktijksysteem"}}
TERMS_UNDUE = {"language": "en", "breach": {"notice_hours": None, "undue_delay": True, "content": []},
               "processing": {"data_categories": ["name", "e-mail"], "subject_matter": "analytics platform"}}


@pytest.fixture
def agreements(make_agreement, controller_a, controller_b):
    """Controller A: signed, 24 hours, Dutch; controller B: signed, 'without undue delay', English."""
    a = make_agreement(controller_a, state="signed", terms=TERMS_24)
    b = make_agreement(controller_b, state="signed", terms=TERMS_UNDUE)
    # The signing invitations are not what these tests are about: count them as delivered.
    from art28.notices.models import Delivery

    Delivery.objects.update(status="sent", sent_at=timezone.now())
    return a, b


@pytest.fixture
def subprocessor(agreements, processor, admin_user):
    import time_machine

    from art28.subprocessors.services import register_subprocessor

    # Named in the agreements since long before any incident the tests record.
    with time_machine.travel("2025-01-01 00:00Z", tick=False):
        sp = register_subprocessor(processor=processor, acting_user=admin_user, named_in_agreements=True,
                                   agreements=list(agreements),
                                   data={"name": "Backupkluis GmbH", "country": "DE",
                                             "service": "Off-site backup storage", "scope_all": False})
    return sp


@pytest.fixture
def incident(subprocessor, processor, admin_user):
    from art28.breaches.services import open_incident

    return open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                         facts={"title": "Backup bucket readable", "aware_at": timezone.now(),
                                "confidentiality": True, "data_categories": ["naam", "e-mail"],
                                "description": "A storage bucket was public for two hours."})


@pytest.fixture
def later():
    return lambda **kw: timezone.now() + timedelta(**kw)
