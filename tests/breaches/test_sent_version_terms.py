"""A breach's clocks and notice follow the version the controller was sent, not a later draft."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import timezone

from art28.agreements.models import VersionStatus
from art28.agreements.services import update_terms
from art28.breaches.models import AffectedAgreement
from art28.breaches.services import open_incident, send_notices
from art28.terms.clocks import add_hours

SENT_24 = {
    "language": "en",
    "breach": {"notice_hours": 24, "content": ["nature", "contact"]},
    "processing": {"data_categories": ["client names"], "subject_matter": "payroll hosting"},
}
DRAFT_48 = {"breach": {"notice_hours": 48, "content": ["nature", "contact"]}}
ONLY_DRAFT_36 = {
    "language": "en",
    "breach": {"notice_hours": 36, "content": ["nature"]},
    "processing": {"data_categories": ["client names"], "subject_matter": "payroll hosting"},
}


@pytest.fixture
def sent_then_drafted(make_agreement, controller_a, admin_user):
    """Version 1 (24 hours) went to the controller; version 2 (48 hours) is still the processor's."""
    agreement = make_agreement(controller_a, state="sent", terms=SENT_24)
    update_terms(agreement=agreement, terms=DRAFT_48, acting_user=admin_user)
    statuses = dict(agreement.versions.values_list("number", "status"))
    assert statuses[2] == VersionStatus.DRAFT and statuses[1] != VersionStatus.DRAFT
    return agreement


@pytest.fixture
def never_sent(make_agreement, controller_b):
    return make_agreement(controller_b, state="draft", terms=ONLY_DRAFT_36)


@pytest.fixture
def shared_incident(sent_then_drafted, never_sent, processor, admin_user):
    from art28.subprocessors.services import register_subprocessor

    with time_machine.travel("2025-01-01 00:00Z", tick=False):
        sp = register_subprocessor(
            processor=processor,
            acting_user=admin_user,
            named_in_agreements=True,
            agreements=[sent_then_drafted, never_sent],
            data={
                "name": "Loonrekenhal BV",
                "country": "NL",
                "service": "Payslip printing",
                "scope_all": False,
            },
        )
    return open_incident(
        processor=processor,
        acting_user=admin_user,
        subprocessors=[sp],
        facts={
            "title": "Payslips sent to the wrong tenant",
            "aware_at": timezone.now(),
            "confidentiality": True,
            "data_categories": ["client names"],
            "description": "A print batch went to another customer.",
        },
    )


@pytest.mark.django_db
def test_the_clock_and_notice_use_the_sent_version_not_the_draft(
    shared_incident, sent_then_drafted, admin_user
):
    row = AffectedAgreement.objects.get(incident=shared_incident, agreement=sent_then_drafted)
    assert row.notice_hours == 24
    assert row.deadline == add_hours(shared_incident.aware_at, 24)
    sent = send_notices(incident=shared_incident, stage="initial", acting_user=admin_user)
    body = next(n.notice.body_text for n in sent if n.affected.agreement_id == sent_then_drafted.pk)
    assert "24 hours" in body and "48 hours" not in body


@pytest.mark.django_db
def test_an_agreement_never_sent_is_still_included_with_its_draft_figures(shared_incident, never_sent):
    row = AffectedAgreement.objects.get(incident=shared_incident, agreement=never_sent)
    assert row.included and row.notice_hours == 36
    assert row.deadline == add_hours(shared_incident.aware_at, 36)
