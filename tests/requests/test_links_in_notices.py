"""Every link in every e-mail works for its recipient: a privacy contact without a login who is
told about an authority request, a data subject request, an audit or a change of security
measures finds an invitation in that e-mail; it sets a password and opens the page told about.
Read from a real SMTP server (aiosmtpd)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from art28.accounts.models import Invitation
from art28.notices.models import Notice
from art28.parties.models import Contact
from art28.requests.services import audits, authority, data_subject
from tests.mail_links import accept, invitation_path

NEW = "privacy@zonnebloem.example"


@pytest.fixture
def contact(controller_a):
    controller_a.contacts.update(is_privacy_contact=False)  # the new person alone hears of it
    return Contact.objects.create(controller=controller_a, name="Fleur Smit", email=NEW,
                                  is_privacy_contact=True)


def _lands_on(client, smtp_server, url: str) -> None:
    landed = accept(client, invitation_path(smtp_server, NEW))
    assert landed == url
    assert client.get(landed).status_code == 200
    assert not Notice.objects.filter(kind="invitation").exists()  # no separate mail
    assert Invitation.objects.get(email=NEW).user.membership.controller.contacts.filter(email=NEW).exists()


def test_an_authority_request(client, smtp_server, contact, signed_a, staff_a):
    req = authority.record_authority_request(
        agreement=signed_a, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
        description="Invoices 2025", respond_by=timezone.now() + timedelta(days=14), acting_user=staff_a)
    _lands_on(client, smtp_server, reverse("requests:portal_authority", args=[req.code]))


def test_a_data_subject_request(client, smtp_server, contact, signed_a, staff_a):
    dsr = data_subject.record_data_subject_request(
        agreement=signed_a, kind="erasure", requester="P. Jansen", details="Delete me",
        channel="e-mail", acting_user=staff_a)
    _lands_on(client, smtp_server, reverse("requests:portal_dsr", args=[dsr.code]))


def test_a_scheduled_audit(client, smtp_server, contact, signed_a, user_a, admin_user):
    audit = audits.request_audit(
        agreement=signed_a, scope_text="All", starts_on=timezone.localdate() + timedelta(days=40),
        ends_on=timezone.localdate() + timedelta(days=41), auditor="Audit & Co", acting_user=user_a)
    audits.schedule_audit(audit=audit, cost_estimate=1000, acting_user=admin_user)
    _lands_on(client, smtp_server, reverse("requests:portal_audit", args=[audit.code]))


def test_a_change_of_security_measures(client, smtp_server, contact, signed_a, processor, admin_user):
    from art28.measures import services as measures

    measures.publish_measures(
        processor=processor, summary="Keys per client", substantial=True, acting_user=admin_user,
        measures=[{"kind": "technical", "text": "Disk encryption with per-customer keys"}])
    _lands_on(client, smtp_server, reverse("agreements:portal_agreement", args=[signed_a.code]))


def test_a_person_with_a_login_keeps_the_plain_link(smtp_server, signed_a, staff_a, user_a):
    from art28.notices.services import drain

    Contact.objects.create(controller=signed_a.controller, name="User A", email=user_a.email,
                           is_privacy_contact=True)
    authority.record_authority_request(
        agreement=signed_a, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
        description="Invoices 2025", respond_by=timezone.now() + timedelta(days=14), acting_user=staff_a)
    drain()
    [mail] = smtp_server.to(user_a.email)
    assert "/invite/" not in mail["text"] and "/requests/portal/" in mail["text"]
    assert not Invitation.objects.filter(email__iexact=user_a.email).exists()
