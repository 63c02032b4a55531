"""Termination: the end, return or destruction, retention, the certificate with hashes."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine

from art28.agreements.models import EndWay, TerminationStatus
from art28.agreements.services import termination as svc
from art28.documents import pdf_text
from art28.notices.models import Notice, NoticeKind
from tests.requests.conftest import _english, last_event  # noqa: F401 - the requests app's autouse English

pytestmark = pytest.mark.django_db
SUBS = {"subprocessors": {"named": [{"name": "Backup Vault GmbH", "country": "DE", "service": "Backups"}]}}


def _end(agreement, user, **kw):
    return svc.terminate_agreement(
        agreement=agreement, reason=kw.pop("reason", "agreement"), acting_user=user, **kw
    )


def test_it_refuses_to_terminate_an_unsigned_agreement(make_agreement, controller_a, staff_a, refused):
    agreement = make_agreement(controller_a, state="accepted")
    refused(lambda: _end(agreement, staff_a), "never signed")


def test_it_refuses_to_terminate_twice(signed_a, staff_a, refused):
    _end(signed_a, staff_a)
    refused(lambda: _end(signed_a, staff_a), "already ended")


def test_it_ends_the_agreement_with_its_deadline_and_notice(
    signed_a, staff_a, controller_a, smtp_server, deliver
):
    # 30 days after a moment in winter, across the DST change: same local time of day.
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=UTC), tick=False):
        t = _end(signed_a, staff_a, reason="main_contract")
    signed_a.refresh_from_db()
    assert signed_a.ended_at == t.ended_at == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
    assert t.complete_by == datetime(2026, 4, 9, 8, 0, tzinfo=UTC)
    assert (t.choice, t.choice_fixed, t.controller_pays, t.surviving) == (
        EndWay.DELETE,
        False,
        False,
        ["confidentiality"],
    )
    assert last_event().action == "agreement.ended"
    assert Notice.objects.get(kind=NoticeKind.TERMINATION).deadline == t.complete_by
    deliver()
    assert any("beëindigd" in m["subject"] for m in smtp_server.to(controller_a.contacts.get().email))


def test_it_keeps_a_choice_the_terms_fix(make_agreement, controller_a, staff_a, user_a, refused):
    agreement = make_agreement(controller_a, state="signed", terms={"end": {"choice": "delete"}})
    t = _end(agreement, staff_a)
    assert t.choice_fixed
    refused(lambda: svc.choose_end_way(termination=t, choice="return", acting_user=user_a), "only")


def test_it_asks_an_estimate_only_when_the_controller_pays(make_agreement, controller_a, staff_a, refused):
    t = _end(make_agreement(controller_a, state="signed", terms={"end": {"cost": "controller"}}), staff_a)
    t = svc.set_end_cost_estimate(termination=t, amount=Decimal("350.00"), acting_user=staff_a)
    assert t.cost_estimate == Decimal("350.00")
    assert Notice.objects.filter(about_code=f"{t.code}:estimate").exists()


def test_it_refuses_a_destruction_confirmed_twice(signed_a, staff_a, refused):
    t = _end(signed_a, staff_a)
    svc.confirm_destruction(
        termination=t, target_kind="system", target="PMS database", method="DROP + shred", acting_user=staff_a
    )
    refused(
        lambda: svc.confirm_destruction(
            termination=t, target_kind="system", target="PMS database", method="again", acting_user=staff_a
        ),
        "already confirmed",
    )


def test_it_returns_destroys_and_certifies_with_hashes(
    make_agreement, controller_a, staff_a, user_a, smtp_server, deliver, refused
):
    agreement = make_agreement(controller_a, state="signed", terms=SUBS)
    t = _end(agreement, staff_a)
    t = svc.choose_end_way(termination=t, choice="return", acting_user=user_a)
    package = b"patient_id,name\n1042,J. de Boer\n"
    item = svc.add_returned_file(termination=t, name="export.csv", content=package, acting_user=staff_a)
    assert item.sha256 == hashlib.sha256(package).hexdigest()
    refused(lambda: svc.choose_end_way(termination=t, choice="delete", acting_user=user_a), "started")
    svc.confirm_destruction(
        termination=t, target_kind="system", target="PMS database", method="Crypto-erase", acting_user=staff_a
    )
    refused(lambda: svc.issue_certificate(termination=t, acting_user=staff_a), "Backup Vault GmbH")
    svc.confirm_destruction(
        termination=t,
        target_kind="subprocessor",
        target="Backup Vault GmbH",
        method="Deletion confirmed in writing",
        acting_user=staff_a,
    )
    svc.set_retention(
        termination=t,
        items=[{"data": "Invoices", "basis": "Art. 52 AWR", "until": "2033-12-31"}],
        acting_user=staff_a,
    )
    t = svc.issue_certificate(termination=t, acting_user=staff_a)
    assert t.status == TerminationStatus.CERTIFIED
    content = t.certificate.read()
    assert hashlib.sha256(content).hexdigest() == t.certificate_sha256
    text = " ".join(pdf_text(content).split())
    for expected in (item.sha256, "export.csv", "Backup Vault GmbH", "Art. 52 AWR", agreement.reference):
        assert expected in text
    deliver()
    assert any("Verklaring" in m["subject"] for m in smtp_server.to(controller_a.contacts.get().email))
    refused(
        lambda: svc.confirm_destruction(
            termination=t, target_kind="system", target="Mail", method="x", acting_user=staff_a
        ),
        "closed",
    )


def test_it_refuses_a_returned_file_when_destruction_was_chosen(signed_a, staff_a, refused):
    t = _end(signed_a, staff_a)
    refused(
        lambda: svc.add_returned_file(termination=t, name="a.csv", content=b"x", acting_user=staff_a),
        "nothing to return",
    )
