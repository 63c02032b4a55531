"""The public trust page and its followers: double opt-in over real SMTP, the Atom feed, signed
webhooks on loopback, one announcement per event, staff's view of subscribers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from xml.etree import ElementTree as ET

import pytest
import time_machine

from art28.ledger.models import Event
from art28.notices.models import Delivery, DeliveryStatus, Notice, Subscriber, SubscriberStatus
from art28.notices.services import drain
from art28.subprocessors import services

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _public(settings):
    settings.ART28_PUBLIC_SUBPROCESSOR_PAGE = True


def _subscribe(client, processor, email="reader@example.org", **extra):
    data = {"channel": "email", "email": email, "language": "en", "url": "", **extra}
    return client.post(f"/subprocessors/public/{processor.code}/subscribe/", data)


def _link(text: str, part: str) -> str:
    return re.search(rf"http://testserver(/subprocessors/public/{part}/[^/\s]+/)", text).group(1)


def _propose(processor, sp, admin_user, days=20):
    return services.propose_change(processor=processor, kind="add", subprocessor=sp,
                                   effective_at=T0 + timedelta(days=days), acting_user=admin_user)


def test_it_runs_the_double_opt_in_end_to_end_over_smtp(
        client, smtp_server, processor, admin_user, make_subprocessor, general_agreement):
    with time_machine.travel(T0, tick=False):
        assert _subscribe(client, processor).status_code == 200
        drain()
        [confirmation] = smtp_server.to("reader@example.org")
        assert str(confirmation["msg"]["List-Unsubscribe"]).strip().startswith("<http://testserver/")
        confirm = _link(confirmation["text"], "confirm")
        assert client.get(confirm).status_code == 200  # a mail scanner's GET confirms nothing
        assert Subscriber.objects.get().status == SubscriberStatus.PENDING
        assert client.post(confirm).status_code == 200
        assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED
        reused = client.post(confirm)
        assert reused.status_code == 400 and "already used" in reused.content.decode()

        _propose(processor, make_subprocessor(), admin_user)
        drain()
    announcement = smtp_server.to("reader@example.org")[-1]
    assert "intended sub-processor change: Rekenhal Amsterdam" in announcement["subject"]
    assert "told through their portal" in announcement["text"]
    assert announcement["msg"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<http://testserver(\S+)>", announcement["msg"]["List-Unsubscribe"]).group(1)
    assert unsubscribe in announcement["text"]

    # RFC 8058: the mail program POSTs this body, without our form's CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(unsubscribe, "List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.filter(recipient="reader@example.org").exists()
    event = Event.objects.get(action="trust.unsubscribed")
    assert "reader@example.org" not in json.dumps(event.data)


def test_it_keeps_one_row_for_an_address_subscribed_twice(client, processor):
    with time_machine.travel(T0, tick=False):
        _subscribe(client, processor)
        _subscribe(client, processor)  # within ten minutes: no second mail
        assert Delivery.objects.count() == 1
    with time_machine.travel(T0 + timedelta(minutes=11), tick=False):
        _subscribe(client, processor, email="  Reader@Example.org ")
    assert Subscriber.objects.count() == 1
    first, second = [d.notice.body_text for d in Delivery.objects.order_by("pk")]
    old, new = _link(first, "confirm"), _link(second, "confirm")
    with time_machine.travel(T0 + timedelta(minutes=12), tick=False):
        assert client.post(old).status_code == 400  # the newer link replaced it
        assert client.post(new).status_code == 200
    with time_machine.travel(T0 + timedelta(minutes=30), tick=False):
        _subscribe(client, processor)  # confirmed already: no new row, no new mail
    assert Subscriber.objects.count() == 1 and Delivery.objects.count() == 2


def test_it_refuses_an_expired_link_and_forgets_the_address(client, processor):
    with time_machine.travel(T0, tick=False):
        _subscribe(client, processor)
    link = _link(Delivery.objects.get().notice.body_text, "confirm")
    with time_machine.travel(T0 + timedelta(hours=49), tick=False):
        response = client.post(link)
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert not Subscriber.objects.exists() and not Delivery.objects.exists()


def test_it_refuses_a_bad_address_and_saves_nothing(client, processor):
    response = _subscribe(client, processor, email="not an address")
    assert response.status_code == 400 and "valid e-mail" in response.content.decode()
    response = _subscribe(client, processor, channel="webhook", url="file:///etc/passwd")
    assert response.status_code == 400
    assert not Subscriber.objects.exists() and not Notice.objects.exists()


def _confirmed(processor, n=3, language="en", channel="email", url=""):
    from art28.notices.subscribers import confirm, subscribe

    subs = []
    for i in range(n):
        subscribe(processor=processor, channel=channel, email=f"r{i}@example.org", url=url,
                  language=language)
        sub = Subscriber.objects.get(email=f"r{i}@example.org", url=url)
        token = re.search(r"/confirm/([^/\s]+)/", Delivery.objects.filter(subscriber=sub)
                          .latest("pk").notice.body_text).group(1)
        subs.append(confirm(token=token))
    return subs


def test_it_announces_each_event_once_whatever_calls_it(processor, admin_user, make_subprocessor,
                                                        make_agreement, controller_a, controller_b):
    from art28.subprocessors.services.trust import announce_change
    from tests.subprocessors.conftest import GENERAL

    make_agreement(controller_a, state="signed", terms=GENERAL)
    make_agreement(controller_b, state="signed", terms=GENERAL)
    _confirmed(processor, 3)
    with time_machine.travel(T0, tick=False):
        change = _propose(processor, make_subprocessor(), admin_user)
        assert announce_change(change, "proposed") == 0  # a repeated hook queues nothing
    with time_machine.travel(T0 + timedelta(days=21), tick=False):
        services.activate_due_changes()  # two clocks activate: one announcement
    announced = Notice.objects.filter(audience="subscribers", kind="trust_announcement")
    assert sorted(announced.values_list("about_code", "language")) == sorted(
        (f"change:{change.code}:{e}", lang) for e in ("proposed", "activated") for lang in ("nl", "en"))
    per_notice = Delivery.objects.filter(notice__in=announced).values_list("notice__about_code", "recipient")
    assert len(per_notice) == len(set(per_notice)) == 6  # 3 subscribers × 2 events, once each


def test_the_atom_feed_parses_back_and_answers_304(client, processor, admin_user, make_subprocessor,
                                                     general_agreement):
    with time_machine.travel(T0, tick=False):
        change = _propose(processor, make_subprocessor(), admin_user)
        services.withdraw_change(change=change, acting_user=admin_user)
    url = f"/subprocessors/public/{processor.code}/feed.atom?lang=nl"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == [f"{processor.name}: wijziging subverwerker ingetrokken: Rekenhal Amsterdam B.V.",
                      f"{processor.name}: voorgenomen wijziging subverwerker: Rekenhal Amsterdam B.V."]
    etag = response["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH=f'W/"x", {etag}').status_code == 304
    for bogus in ('"nope"', "garbage;;\u00e9", "W/", ",,,", '"' + "a" * 5000 + '"'):
        assert client.get(url, HTTP_IF_NONE_MATCH=bogus).status_code == 200


class _Receiver(BaseHTTPRequestHandler):
    received: list = []
    secret = ""

    def do_POST(self):  # noqa: N802 - http.server's hook name
        body = self.rfile.read(int(self.headers["content-length"]))
        key = base64.b64decode(self.secret.removeprefix("whsec_"))
        signed = f"{self.headers['webhook-id']}.{self.headers['webhook-timestamp']}.".encode() + body
        expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        ok = hmac.compare_digest(expected, self.headers["webhook-signature"])
        self.received.append((ok, json.loads(body)))
        self.send_response(204 if ok else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_webhook_subscriber_receives_a_signed_announcement(processor, admin_user, make_subprocessor,
                                                              general_agreement):
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/hook"
        [sub] = _confirmed(processor, 1, channel="webhook", url=url)
        _Receiver.secret, _Receiver.received = sub.secret, []
        with time_machine.travel(T0, tick=False):
            _propose(processor, make_subprocessor(), admin_user)
        drain()
    finally:
        server.shutdown()
    [(ok, payload)] = _Receiver.received
    assert ok and payload["type"] == "trust_announcement"
    assert "Rekenhal Amsterdam" in payload["data"]["subject"]
    assert Delivery.objects.get(channel="webhook").status == DeliveryStatus.SENT


def test_a_webhook_down_is_retried_then_failed_and_shown_to_staff(
        client, login, settings, processor, admin_user, make_subprocessor, general_agreement):
    settings.ART28_DELIVERY_MAX_ATTEMPTS = 3
    _confirmed(processor, 1, channel="webhook", url="http://127.0.0.1:9/down")  # discard port: refused
    with time_machine.travel(T0, tick=False):
        _propose(processor, make_subprocessor(), admin_user)
        drain()
    delivery = Delivery.objects.get(channel="webhook")
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    first_retry = delivery.next_attempt_at
    with time_machine.travel(first_retry, tick=False):
        drain()
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at - first_retry > first_retry - T0  # backoff
    with time_machine.travel(delivery.next_attempt_at, tick=False):
        drain()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    login(client, admin_user)
    page = client.get("/subprocessors/trust/subscribers/").content.decode()
    assert "Failed deliveries" in page and "http://127.0.0.1:9/down" in page


def test_staff_count_export_and_remove_subscribers(client, login, processor, admin_user, staff_a):
    subs = _confirmed(processor, 2)
    login(client, staff_a)
    assert client.get("/subprocessors/trust/subscribers/").status_code == 403
    assert client.post(f"/subprocessors/trust/subscribers/{subs[0].code}/remove/").status_code == 403
    login(client, admin_user)
    page = client.get("/subprocessors/trust/subscribers/").content.decode()
    assert "2 confirmed (2 by e-mail, 0 by webhook)" in page
    export = client.get("/subprocessors/trust/subscribers/export.csv")
    rows = export.content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("channel,email") and any("r1@example.org" in r for r in rows)
    assert Event.objects.filter(action="trust.subscribers_exported").exists()
    response = client.post(f"/subprocessors/trust/subscribers/{subs[0].code}/remove/")
    assert response.status_code == 302
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["r1@example.org"]
    assert not Delivery.objects.filter(recipient="r0@example.org").exists()
    event = Event.objects.get(action="trust.subscriber_removed")
    assert "r0@example.org" not in json.dumps(event.data)


def test_another_processors_admin_cannot_remove_our_subscriber(client, login, processor):
    from art28.parties.models import Processor
    from tests.conftest import _user

    [sub] = _confirmed(processor, 1)
    other = Processor.objects.create(name="Ander B.V.", country="NL", kvk="11112222")
    login(client, _user("other-admin", role="processor_admin", processor=other))
    assert client.post(f"/subprocessors/trust/subscribers/{sub.code}/remove/").status_code == 404
    assert Subscriber.objects.filter(pk=sub.pk).exists()


def test_the_admin_publishes_measures_and_a_substantial_change_is_announced(
        client, login, processor, admin_user, staff_readonly):
    _confirmed(processor, 1)
    login(client, staff_readonly)
    assert client.post("/subprocessors/trust/", {"measures": "x"}).status_code == 403
    login(client, admin_user)
    response = client.post("/subprocessors/trust/", {
        "measures": "Encryption at rest and in transit.", "certifications": "ISO/IEC 27001:2022\nNEN 7510",
        "substantial": "on"})
    assert response.status_code == 302
    assert Event.objects.get(action="trust.statement_published").data["substantial"] is True
    [delivery] = Delivery.objects.filter(notice__kind="trust_announcement")
    assert "security measures changed" in delivery.notice.subject
    client.logout()
    page = client.get(f"/subprocessors/public/{processor.code}/").content.decode()
    assert "Encryption at rest and in transit." in page and "<li>NEN 7510</li>" in page
    assert "told of every change through their portal" in page


def test_the_trust_page_shows_register_history_and_changes_in_dutch(
        client, processor, admin_user, make_subprocessor, general_agreement):
    make_subprocessor("Oude Hal B.V.", named=True)
    with time_machine.travel(T0, tick=False):
        _propose(processor, make_subprocessor("Nieuwe Hal GmbH", country="DE"), admin_user)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        page = client.get(f"/subprocessors/public/{processor.code}/", HTTP_ACCEPT_LANGUAGE="nl")
    html = page.content.decode()
    assert "Subverwerkers in gebruik" in html and "Oude Hal B.V." in html
    assert "Aangekondigde wijzigingen" in html and "Nieuwe Hal GmbH" in html and "22 maart 2026" in html
    assert 'data-label="Doorgiftegrondslag"' in html  # the phone layout labels each cell


def test_staff_never_see_a_confirmation_link(client, processor, admin_user):
    from art28.notices.access import staff_notices

    _subscribe(client, processor)
    assert Notice.objects.filter(kind="trust_confirmation").exists()
    assert not staff_notices(admin_user).filter(kind="trust_confirmation").exists()


def test_nothing_is_announced_while_the_public_page_is_off(settings, processor, admin_user,
                                                          make_subprocessor, general_agreement):
    settings.ART28_PUBLIC_SUBPROCESSOR_PAGE = False
    with time_machine.travel(T0, tick=False):
        _propose(processor, make_subprocessor(), admin_user)
    assert not Notice.objects.filter(audience="subscribers").exists()
    assert Notice.objects.filter(audience="controller").exists()  # the contractual notice stands


@pytest.mark.parametrize("page", ["/subprocessors/trust/subscribers/", "/subprocessors/trust/"])
def test_staff_pages_say_when_the_public_page_is_off_and_never_link_to_a_404(
        settings, client, login, processor, admin_user, page):
    public = f"/subprocessors/public/{processor.code}/"
    login(client, admin_user)
    on = client.get(page).content.decode()
    assert 'id="public-off"' not in on
    settings.ART28_PUBLIC_SUBPROCESSOR_PAGE = False
    off = client.get(page).content.decode()
    assert 'id="public-off"' in off and public not in off
    assert client.get(public).status_code == 404
