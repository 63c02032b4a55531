"""A privacy contact without a login follows the personal link in a real sub-processor change
notice (read from aiosmtpd), sets a password and lands on the change page of that notice; the
shared copy in the portal inbox keeps the plain link. Empty database, everything through services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from art28.accounts.models import Invitation
from art28.agreements import services as agreements
from art28.notices.models import Notice, NoticeKind
from art28.notices.services import drain
from art28.parties import services as parties
from art28.parties.models import Role
from art28.subprocessors import services as subprocessors
from art28.subprocessors.models import ChangeAgreement, ChangeKind, ClockStatus, Mode
from tests.annex import with_measures
from tests.mail_links import accept, invitation_path

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday
NEW = "privacy@zonnebloem.example"
GENERAL = {"subprocessors": {"authorisation": "general", "notice_days": 14, "objection_days": 14,
                             "business_days": False},
           "transfers": {"outside_eea": "with_safeguards"}}


@pytest.fixture
def proposed(db):
    """A signed agreement under general authorisation, a new privacy contact, a proposed change."""
    processor = parties.create_processor(
        data={"name": "Wolkenrand Hosting B.V.", "address": "Keizersgracht 1001", "postcode": "1017 AB",
              "city": "Amsterdam", "country": "NL", "kvk": "87654321"},
        contact={"name": "Iris de Vries", "function": "FG", "email": "iris@wolkenrand.example"},
        acting_user="pytest")
    admin = parties.create_member(processor=processor, username="iris", email="iris@wolkenrand.example",
                                  password="Kompas-Zeilboot-2026", role=Role.PROCESSOR_ADMIN,
                                  acting_user="pytest", totp_key="00" * 20)
    controller = parties.create_controller(
        processor=processor, acting_user=admin,
        data={"name": "Tandartspraktijk Zonnebloem", "address": "Dorpsstraat 1", "postcode": "3581 KP",
              "city": "Utrecht", "country": "NL", "kvk": "12345678", "language": "nl"},
        contacts=[{"name": "Sanne Jansen", "function": "Praktijkmanager",
                   "email": "sanne@zonnebloem.example", "is_signatory": True}])
    agreement = agreements.create_agreement(controller=controller, acting_user=admin,
                                            terms=with_measures(GENERAL))
    version = agreements.send_for_signature(version=agreement.latest, acting_user=admin)
    agreements.accept_version(
        version=version, acting_user="pytest", document_sha256=version.document_sha256,
        signature=agreements.Signature(name="Sanne Jansen", function="Praktijkmanager", confirmed=True,
                                       ip="127.0.0.1", user_agent="pytest"))
    version.refresh_from_db()
    agreements.countersign_version(version=version, acting_user=admin, signature=agreements.Signature(
        name="Iris de Vries", function="FG", confirmed=True))
    parties.add_contact(controller=controller, acting_user=admin,
                        data={"name": "Fleur Smit", "email": NEW, "is_privacy_contact": True})
    with time_machine.travel(T0, tick=False):
        sp = subprocessors.register_subprocessor(
            processor=processor, acting_user=admin, named_in_agreements=False,
            data={"name": "Rekenhal Amsterdam B.V.", "country": "NL", "service": "Hosting",
                  "address": "Science Park 1", "data_categories": ["contact details"],
                  "locations": ["NL"]})
        drain()  # the signatory's mail about the agreement goes out before the change
        change = subprocessors.propose_change(processor=processor, kind=ChangeKind.ADD, subprocessor=sp,
                                              effective_at=T0 + timedelta(days=20), acting_user=admin)
    return ChangeAgreement.objects.get(change=change, agreement=agreement)


def test_the_contact_follows_the_link_in_the_mail_and_lands_on_the_change(client, smtp_server, proposed):
    clock = proposed
    assert (clock.mode, clock.status) == (Mode.OBJECTION, ClockStatus.WINDOW_OPEN)
    change_path = reverse("subprocessors:portal_change", args=[clock.code])
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        path = invitation_path(smtp_server, NEW)
        assert path.endswith(f"?next={change_path}")
        [mail] = smtp_server.to(NEW)
        assert "Rekenhal Amsterdam B.V." in mail["text"]
        assert not Notice.objects.filter(kind=NoticeKind.INVITATION).exists()  # no separate mail
        landed = accept(client, path)
        assert landed == change_path
        page = client.get(landed)
        inbox = client.get(reverse("notices:portal_notice", args=[proposed.notice.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Rekenhal Amsterdam B.V." in html and clock.agreement.reference in html
    assert 'name="answer" value="object"' in html  # the window is open: the contact can object
    user = Invitation.objects.get(email=NEW).user
    assert user.membership.controller == clock.agreement.controller and user.email == NEW
    # The shared copy (portal inbox) names the plain change page, never the personal link.
    notice = clock.notice
    assert notice.link.endswith(change_path) and "/invite/" not in notice.link
    assert "/invite/" not in notice.body_text and change_path in notice.body_text
    assert inbox.status_code == 200
    assert change_path in inbox.content.decode() and "/invite/" not in inbox.content.decode()
    # The link was used up: a second click says so and logs no one in.
    client.logout()
    assert client.get(path).status_code == 410
    assert client.get(change_path).status_code == 302

