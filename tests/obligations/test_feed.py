"""The private calendar feed (parsed back with icalendar), its rotation, and the settings page."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import time_machine

from art28.ledger.models import Event


def _authority(agreement, user, respond_by):
    from art28.requests.services import authority

    return authority.record_authority_request(
        agreement=agreement, authority_kind="tax", authority="Belastingdienst; afdeling, FIOD",
        legal_basis="Art. 53 AWR", description="Invoices", respond_by=respond_by, acting_user=user)


def _feed_url(client, login, user) -> str:
    login(client, user)
    html = client.get("/obligations/calendar/").content.decode()
    start = html.index("http://testserver/obligations/feed/")
    return html[start:html.index('"', start)].removeprefix("http://testserver")


def test_the_feed_parses_back_with_each_deadline(client, login, staff_a, make_agreement, controller_a,
                                                 controller_b, admin_user):
    a = make_agreement(controller_a, state="signed")
    b = make_agreement(controller_b, state="signed")
    due = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST, just after the change to summer time
    with time_machine.travel(datetime(2026, 3, 20, tzinfo=UTC), tick=False):
        req = _authority(a, admin_user, due)
        _authority(b, admin_user, due)
        sent = make_agreement(controller_a, state="sent")  # due: the controller signs within 14 days
        url = _feed_url(client, login, staff_a)
        client.logout()
        response = client.get(url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = icalendar.Calendar.from_ical(response.content)
    events = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("authority_request-")]
    assert len(events) == 1  # B's request is not staff A's business
    signing = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("signature-")]
    assert [str(e["URL"]) for e in signing] == [f"http://testserver/staff/agreements/{sent.code}/"]
    event = events[0]
    assert event.decoded("DTSTART") == due
    assert str(event["UID"]) == f"authority_request-{req.code}@art28"
    assert str(event["SUMMARY"]) == ("Authority request to pass on: Belastingdienst; afdeling, FIOD about "
                                     f"{a.reference}")
    assert str(event["URL"]).endswith(f"/requests/staff/authority/{req.code}/")


def test_rotating_the_token_closes_the_old_address(client, login, staff_a, staff_readonly):
    old = _feed_url(client, login, staff_a)
    assert client.get(old).status_code == 200
    assert client.post("/obligations/calendar/rotate/").status_code == 302
    new = _feed_url(client, login, staff_a)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert Event.objects.filter(action="obligations.feed_rotated").count() == 1
    assert client.get("/obligations/feed/forged.ics").status_code == 404


def test_a_deactivated_users_feed_is_closed(client, login, staff_a):
    url = _feed_url(client, login, staff_a)
    staff_a.is_active = False
    staff_a.save()
    client.logout()
    assert client.get(url).status_code == 404


def test_controller_users_have_a_feed_of_their_own_side(client, login, user_a, make_agreement, controller_a):
    make_agreement(controller_a, state="sent")
    url = _feed_url(client, login, user_a)
    cal = icalendar.Calendar.from_ical(client.get(url).content)
    events = list(cal.walk("VEVENT"))  # the agreement to sign, due ART28_SIGNATURE_DAYS after sending
    assert [str(e["UID"]).split("-")[0] for e in events] == ["to_sign"]
    assert str(events[0]["URL"]).startswith("http://testserver/portal/agreements/")
