"""Notices: per controller, in the agreement's language, with the facts its agreement requires;
e-mail, portal and signed webhook; follow-ups keep earlier versions; late sends marked late."""

import base64
import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.utils import timezone

from art28.breaches.models import IncidentNotice
from art28.breaches.services import acknowledge_notice, send_notices, update_incident
from art28.ledger.models import Event
from art28.notices.models import Delivery, DeliveryStatus, Notice
from art28.notices.services import drain


@pytest.mark.django_db(transaction=True)
def test_it_mails_each_controller_in_its_language_with_its_required_facts(incident, admin_user,
                                                                        agreements, smtp_server):
    update_incident(incident=incident, acting_user=admin_user,
                    facts={"subjects_approx": 340, "consequences": "Phishing risk",
                           "measures_taken": "Closed"})
    sent = send_notices(incident=incident, stage="initial", acting_user=admin_user)
    assert len(sent) == 2 and drain() == 2
    def mail_to(agreement):
        return smtp_server.to(agreement.controller.contacts.get(is_breach_recipient=True).email)[0]

    nl = mail_to(agreements[0])  # controller A: Dutch, 24 h, nature + numbers + contact
    en = mail_to(agreements[1])  # controller B: English, "without undue delay", all facts
    assert nl["subject"].startswith("Datalek BR-") and "24 uur" in nl["text"]
    assert "340" in nl["text"] and "iris@wolkenrand.example" in nl["text"]
    assert "Phishing risk" not in nl["text"]  # its agreement does not ask for consequences
    assert en["subject"].startswith("Personal data breach") and "Phishing risk" in en["text"]
    assert "Closed" in en["text"] and "48 hours" in en["text"]
    a = IncidentNotice.objects.get(affected__agreement=agreements[0])
    assert set(a.facts) >= {"nature", "subjects_approx", "contact"} and "consequences" not in a.facts
    assert a.notice.deadline == a.affected.deadline and not a.is_late()
    assert Event.objects.filter(action="breach.notice_initial").get().data["controllers"] == 2
    assert {m["message_id"] for m in smtp_server.messages} == {
        d.message_id for d in Delivery.objects.filter(notice__kind="breach_notice")}


@pytest.mark.django_db
def test_it_keeps_earlier_versions_when_following_up(incident, admin_user, agreements):
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    update_incident(incident=incident, acting_user=admin_user, facts={"subjects_approx": 99})
    send_notices(incident=incident, stage="follow_up", acting_user=admin_user, message="Numbers known now.")
    send_notices(incident=incident, stage="final", acting_user=admin_user)
    versions = list(IncidentNotice.objects.filter(affected__agreement=agreements[0]).order_by("number"))
    assert [(v.stage, v.number) for v in versions] == [("initial", 1), ("follow_up", 2), ("final", 3)]
    assert versions[0].facts["subjects_approx"] is None and versions[1].facts["subjects_approx"] == 99
    assert "Numbers known now." in versions[1].notice.body_text
    assert versions[1].notice.subject.startswith("Aanvulling 2")
    assert Notice.objects.filter(kind="breach_notice").count() == 6


@pytest.mark.django_db(transaction=True)
def test_it_marks_a_notice_delivered_after_the_deadline_late(incident, admin_user, agreements, smtp_server):
    smtp_server.stop()
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    drain()  # mail server down: pending
    a = IncidentNotice.objects.get(affected__agreement=agreements[0])
    assert not a.is_late()
    smtp_server.start()
    with time_machine.travel(incident.aware_at + timedelta(hours=25), tick=False):
        assert drain() == 2
        a = IncidentNotice.objects.get(pk=a.pk)
        b = IncidentNotice.objects.get(affected__agreement=agreements[1])
        assert a.is_late() and not a.queued_late  # queued in time, delivered after 24 h
        assert not b.is_late()  # 48 hours: still in time


@pytest.mark.django_db
def test_it_marks_a_notice_queued_after_the_deadline_late(incident, admin_user, agreements):
    with time_machine.travel(incident.aware_at + timedelta(hours=30), tick=False):
        send_notices(incident=incident, stage="initial", acting_user=admin_user)
    a = IncidentNotice.objects.get(affected__agreement=agreements[0])
    assert a.queued_late and a.is_late() and a.affected.notified_late
    assert Event.objects.get(action="breach.notice_initial").data["queued_after_deadline"] == 1


@pytest.mark.django_db(transaction=True)
def test_it_waits_while_smtp_is_down_and_delivers_when_back(incident, admin_user, smtp_server, settings):
    smtp_server.stop()
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert drain() == 0
        breach = Delivery.objects.filter(notice__kind="breach_notice")
        assert set(breach.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
        assert all(d.attempts == 1 and d.last_error for d in breach)
        clock.shift(timedelta(seconds=settings.ART28_DELIVERY_BACKOFF_SECONDS + 1))
        assert drain() == 0  # still down: second attempt, the wait doubles
        d = breach.first()
        assert d.attempts == 2 and d.next_attempt_at == timezone.now() + timedelta(
            seconds=2 * settings.ART28_DELIVERY_BACKOFF_SECONDS)
        smtp_server.start()
        clock.shift(timedelta(seconds=2 * settings.ART28_DELIVERY_BACKOFF_SECONDS + 1))
        assert drain() == 2
    assert len(smtp_server.messages) == 2
    assert set(breach.values_list("status", flat=True)) == {DeliveryStatus.SENT}


class _Hook(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers["content-length"]))
        self.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.django_db(transaction=True)
def test_it_posts_a_signed_webhook(incident, admin_user, controller_b, smtp_server):
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()
    controller_b.webhook_url = f"http://127.0.0.1:{server.server_port}/hook"
    controller_b.webhook_secret = secret
    controller_b.save()
    try:
        send_notices(incident=incident, stage="initial", acting_user=admin_user)
        assert drain() == 3
    finally:
        server.shutdown()
    headers, body = _Hook.received[-1]
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(b"k" * 24, signed, hashlib.sha256).digest()).decode()
    assert headers["webhook-signature"] == f"v1,{expected}"
    payload = json.loads(body)
    assert payload["type"] == "breach_notice" and payload["data"]["about"]["type"] == "incidentnotice"


@pytest.mark.django_db
def test_it_records_the_first_acknowledgement_only(incident, admin_user, user_a, agreements):
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    item = IncidentNotice.objects.get(affected__agreement=agreements[0])
    acknowledge_notice(incident_notice=item, acting_user=user_a)
    first = Notice.objects.get(pk=item.notice_id).acknowledged_at
    acknowledge_notice(incident_notice=IncidentNotice.objects.get(pk=item.pk), acting_user=user_a)
    assert Notice.objects.get(pk=item.notice_id).acknowledged_at == first is not None
    assert Event.objects.filter(action="breach.notice_acknowledged").count() == 1
    assert IncidentNotice.objects.get(pk=item.pk).acknowledged_by == user_a


def test_it_sends_to_breach_contacts_else_to_privacy_contacts(incident, admin_user, agreements,
                                                            controller_a, controller_b):
    from art28.parties.models import Contact

    # A has a breach-notice recipient besides its signer; B has only a privacy contact.
    Contact.objects.create(controller=controller_a, name="Security desk", email="sec@a.example",
                           is_breach_recipient=True)
    controller_b.contacts.update(is_breach_recipient=False, is_privacy_contact=False)
    Contact.objects.create(controller=controller_b, name="DPO", email="dpo@b.example",
                           is_privacy_contact=True)
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    to = {n.affected.agreement.controller_id: sorted(n.notice.deliveries.filter(channel="email")
                                                     .values_list("recipient", flat=True))
          for n in IncidentNotice.objects.select_related("affected__agreement", "notice")}
    signer_a = controller_a.signatories().get().email
    assert to[controller_a.pk] == sorted([signer_a, "sec@a.example"])
    assert to[controller_b.pk] == ["dpo@b.example"]
