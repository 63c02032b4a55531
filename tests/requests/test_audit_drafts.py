"""An audit request reads the terms sent to the controller, never the processor's draft: after a
sent agreement is amended, the portal's audit page states the notice period that was sent, and
the request is checked against it (the draft's longer period is neither shown nor applied)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from art28.agreements import services
from art28.agreements.models import VersionStatus
from art28.requests.models import AuditRequest, AuditStatus
from art28.requests.services import audits

pytestmark = pytest.mark.django_db
MONDAY = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def amended(controller_a, make_agreement, admin_user):
    """Version 1 (20 days' notice) sent and now superseded; version 2 (75 days) a draft."""
    with time_machine.travel(MONDAY, tick=False):
        agreement = make_agreement(controller_a, state="sent", terms={"audit": {"notice_days": 20}})
        draft = services.update_terms(agreement=agreement, terms={"audit": {"notice_days": 75}},
                                      acting_user=admin_user)
    assert list(agreement.versions.order_by("number").values_list("status", flat=True)) == [
        VersionStatus.SUPERSEDED, VersionStatus.DRAFT]
    assert draft.terms["audit"]["notice_days"] == 75
    return agreement


def test_it_states_the_sent_notice_period_on_the_portal_page(client, login, user_a, amended):
    with time_machine.travel(MONDAY, tick=False):
        page = login(client, user_a).get(reverse("requests:portal_audit_request", args=[amended.code]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "asks for 20 days' notice" in text and "June 21, 2026" in text
    assert "75 days" not in text and "August 15, 2026" not in text


def test_it_checks_the_request_against_the_sent_notice_period(user_a, amended):
    with time_machine.travel(MONDAY, tick=False):
        audit = audits.request_audit(agreement=amended, scope_text="De hostingomgeving",
                                     starts_on=date(2026, 6, 22), ends_on=date(2026, 6, 23),
                                     auditor="Controle & Co", acting_user=user_a)
    assert AuditRequest.objects.get(pk=audit.pk).notice_days == 20


@pytest.fixture
def reports_sent(controller_a, make_agreement, admin_user):
    """Version 1 (reports only) sent and now superseded; version 2 (a full audit) a draft."""
    with time_machine.travel(MONDAY, tick=False):
        agreement = make_agreement(controller_a, state="sent",
                                   terms={"audit": {"scope": "reports_only", "notice_days": 0}})
        services.update_terms(agreement=agreement, terms={"audit": {"scope": "full", "notice_days": 0}},
                              acting_user=admin_user)
    assert agreement.binding.dpa_terms.audit.scope == "full"  # the draft, which the controller never saw
    return agreement


def test_the_audit_outcome_follows_the_sent_scope_not_the_draft(reports_sent, user_a, staff_a, refused):
    with time_machine.travel(MONDAY, tick=False):
        audit = audits.request_audit(agreement=reports_sent, scope_text="Back-ups en toegangsbeheer",
                                     starts_on=date(2026, 6, 8), ends_on=date(2026, 6, 9),
                                     auditor="Keurmeesters B.V.", acting_user=user_a)
        # Under the sent terms the processor offers reports; it cannot schedule an inspection.
        refused(lambda: audits.schedule_audit(audit=audit, cost_estimate=Decimal(0), acting_user=staff_a),
                "reports only")
        audit = audits.offer_alternative(audit=audit, alternative="ISAE 3402 type II, 2026",
                                         report=("isae.pdf", b"%PDF isae"), acting_user=staff_a)
        assert AuditRequest.objects.get(pk=audit.pk).status == AuditStatus.ALTERNATIVE_OFFERED
        # The controller cannot insist on the inspection that only the draft would give it.
        refused(lambda: audits.answer_alternative(audit=audit, accept=False, acting_user=user_a),
                "inspection cannot be demanded")
    assert AuditRequest.objects.get(pk=audit.pk).status == AuditStatus.ALTERNATIVE_OFFERED
