"""Audits: notice period, dates in the past, cost rules, reports instead, the report copy."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from art28.notices.models import Audience, Notice, NoticeKind
from art28.requests.models import AuditStatus, CostBearer
from art28.requests.services import audits

pytestmark = pytest.mark.django_db
MONDAY = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def _ask(agreement, user, start, end=None):
    return audits.request_audit(
        agreement=agreement,
        scope_text="Hosting platform",
        starts_on=start,
        ends_on=end or start,
        auditor="Audit & Co",
        acting_user=user,
    )


def test_it_applies_the_notice_period(signed_a, user_a, refused):
    # Standard terms: 14 days' notice.
    with time_machine.travel(MONDAY, tick=False):
        refused(lambda: _ask(signed_a, user_a, date(2026, 6, 14)), "14 days")
        audit = _ask(signed_a, user_a, date(2026, 6, 15), date(2026, 6, 16))
    assert audit.notice_days == 14 and audit.cost_rule == "controller_unless_noncompliant"
    assert Notice.objects.get(about_code=f"{audit.code}:requested").audience == Audience.PROCESSOR


def test_it_refuses_an_audit_date_in_the_past(signed_a, user_a, refused):
    with time_machine.travel(MONDAY, tick=False):
        err = refused(lambda: _ask(signed_a, user_a, date(2026, 5, 31)), "in the past")
    assert "starts_on" in err.message_dict


def test_it_refuses_an_end_before_the_start(signed_a, user_a, refused):
    with time_machine.travel(MONDAY, tick=False):
        refused(lambda: _ask(signed_a, user_a, date(2026, 7, 1), date(2026, 6, 30)), "before the first day")


def test_it_refuses_an_audit_the_agreement_does_not_allow(make_agreement, controller_a, user_a, refused):
    agreement = make_agreement(controller_a, state="signed", terms={"audit": {"allowed": False}})
    refused(lambda: _ask(agreement, user_a, date(2030, 1, 1)), "does not provide")


@pytest.mark.parametrize(
    ("rule", "found", "bearer"),
    [
        ("controller_unless_noncompliant", False, CostBearer.CONTROLLER),
        ("controller_unless_noncompliant", True, CostBearer.PROCESSOR),
        ("controller", True, CostBearer.CONTROLLER),
        ("processor", False, CostBearer.PROCESSOR),
        ("shared", False, CostBearer.SHARED),
    ],
)
def test_it_applies_the_cost_rule(
    rule, found, bearer, make_agreement, controller_a, user_a, staff_a, smtp_server, deliver
):
    agreement = make_agreement(
        controller_a, state="signed", terms={"audit": {"cost": rule, "notice_days": 0}}
    )
    audit = _ask(agreement, user_a, date(2030, 1, 7))
    estimate = None if rule == "processor" else Decimal("2400.00")
    audit = audits.schedule_audit(audit=audit, cost_estimate=estimate, acting_user=staff_a)
    audit = audits.complete_audit(
        audit=audit, report=("report.pdf", b"%PDF-1.7 report"), noncompliance_found=found, acting_user=staff_a
    )
    assert (audit.status, audit.cost_bearer, audit.cost_estimate) == (AuditStatus.COMPLETED, bearer, estimate)
    assert audit.report.read() == b"%PDF-1.7 report"
    deliver()
    subjects = [m["subject"] for m in smtp_server.to(controller_a.contacts.get().email)]
    assert any("ingepland" in s for s in subjects) and any("afgerond" in s for s in subjects)


def test_it_needs_an_estimate_when_the_controller_may_pay(signed_a, user_a, staff_a, refused):
    with time_machine.travel(MONDAY, tick=False):
        audit = _ask(signed_a, user_a, date(2026, 7, 1))
    refused(
        lambda: audits.schedule_audit(audit=audit, cost_estimate=None, acting_user=staff_a), "cost estimate"
    )


def test_it_offers_reports_where_the_agreement_allows(make_agreement, controller_a, user_a, staff_a, refused):
    agreement = make_agreement(
        controller_a, state="signed", terms={"audit": {"scope": "security", "notice_days": 0}}
    )
    audit = _ask(agreement, user_a, date(2030, 1, 7))
    audit = audits.offer_alternative(
        audit=audit,
        alternative="ISO 27001 certificate 2026",
        report=("iso.pdf", b"%PDF iso"),
        acting_user=staff_a,
    )
    assert audit.status == AuditStatus.ALTERNATIVE_OFFERED
    assert Notice.objects.filter(
        kind=NoticeKind.AUDIT_UPDATE, about_code=f"{audit.code}:alternative"
    ).exists()
    audit = audits.answer_alternative(audit=audit, accept=False, acting_user=user_a)
    assert audit.status == AuditStatus.REQUESTED and not audit.report  # insists on the inspection


def test_it_refuses_reports_instead_of_a_full_audit(signed_a, user_a, staff_a, refused):
    with time_machine.travel(MONDAY, tick=False):
        audit = _ask(signed_a, user_a, date(2026, 7, 1))
    refused(
        lambda: audits.offer_alternative(
            audit=audit, alternative="SOC 2", report=("r.pdf", b"x"), acting_user=staff_a
        ),
        "full audit",
    )


def test_it_cannot_insist_when_the_agreement_gives_reports_only(
    make_agreement, controller_a, user_a, staff_a, refused
):
    agreement = make_agreement(
        controller_a, state="signed", terms={"audit": {"scope": "reports_only", "notice_days": 0}}
    )
    audit = _ask(agreement, user_a, date(2030, 1, 7))
    refused(
        lambda: audits.schedule_audit(audit=audit, cost_estimate=Decimal(1), acting_user=staff_a),
        "reports only",
    )
    audits.offer_alternative(
        audit=audit, alternative="SOC 2 type II", report=("soc2.pdf", b"%PDF"), acting_user=staff_a
    )
    refused(lambda: audits.answer_alternative(audit=audit, accept=False, acting_user=user_a), "reports only")
    assert (
        audits.answer_alternative(audit=audit, accept=True, acting_user=user_a).status
        == AuditStatus.COMPLETED
    )
