"""Sending breach notices shows first what will go out, and needs a confirmation (issue 12, item 2)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from art28.breaches.models import AffectedAgreement, IncidentNotice
from art28.breaches.services import adjust_affected, preview_notices, send_notices
from art28.ledger.models import Event
from art28.notices.models import Delivery, Notice
from tests.api.conftest import Api


def _nothing_sent():
    assert not IncidentNotice.objects.exists()
    assert not Notice.objects.filter(kind="breach_notice").exists()
    assert not Event.objects.filter(action__startswith="breach.notice_").exists()
    assert not AffectedAgreement.objects.filter(notified_at__isnull=False).exists()


@pytest.fixture
def one_left_out(incident, admin_user, agreements, make_controller, make_agreement):
    """A (nl) and a third controller (en) in; B left out with a reason."""
    from tests.breaches.conftest import TERMS_UNDUE

    b = incident.affected.get(agreement=agreements[1])
    third = make_agreement(make_controller("Harbour Freight Ltd", language="en"), state="signed",
                           terms=TERMS_UNDUE)
    adjust_affected(incident=incident, exclude={str(b.code): "Its data is in another bucket"}, add=[third],
                    acting_user=admin_user)
    return b, third


@pytest.mark.django_db
def test_it_previews_recipients_messages_and_left_out_rows_without_sending(incident, admin_user,
                                                                          agreements, one_left_out):
    b, third = one_left_out
    preview = preview_notices(incident=incident, stage="initial", message="Check your backups",
                              acting_user=admin_user)
    assert preview["controllers"] == 2 and preview["recipients"] == 2
    assert {m["language"] for m in preview["messages"]} == {"nl", "en"}
    en = next(m for m in preview["messages"] if m["language"] == "en")
    assert "Check your backups" in en["text"] and incident.reference in en["subject"]
    assert preview["left_out"] == [{"controller": agreements[1].controller.name,
                                    "agreement": agreements[1].reference,
                                    "reason": "Its data is in another bucket"}]
    _nothing_sent()


@pytest.mark.django_db
def test_it_refuses_a_confirmation_for_another_list_than_previewed(incident, admin_user, one_left_out):
    with pytest.raises(ValidationError):
        send_notices(incident=incident, stage="initial", acting_user=admin_user, expected=3)
    _nothing_sent()
    assert len(send_notices(incident=incident, stage="initial", acting_user=admin_user, expected=2)) == 2


@pytest.mark.django_db
def test_it_shows_the_preview_on_the_web_before_sending(client, login, admin_user, incident, agreements,
                                                       one_left_out):
    login(client, admin_user)
    url = reverse("breaches:notices_send", args=[incident.code])
    r = client.post(url, {"stage": "initial", "message": "Check your backups"})
    page = r.content.decode()
    assert r.status_code == 200
    assert "Its data is in another bucket" in page and "Check your backups" in page
    assert 'name="confirm"' in page and 'name="expected" value="2"' in page
    _nothing_sent()
    r = client.post(url, {"stage": "initial", "message": "Check your backups", "confirm": "1",
                          "expected": "2"})
    assert r.status_code == 302
    sent = IncidentNotice.objects.all()
    assert len(sent) == 2 and agreements[1].pk not in {n.affected.agreement_id for n in sent}
    assert Delivery.objects.filter(notice__kind="breach_notice").count() == 2
    assert Event.objects.get(action="breach.notice_initial").data["controllers"] == 2


@pytest.mark.django_db
def test_it_previews_over_the_api_without_sending(client, admin_user, incident, one_left_out):
    api = Api(client)
    r = api.post(f"/breaches/{incident.code}/notices/preview", as_=admin_user,
                 json={"stage": "initial", "message": "Check your backups"})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["controllers"] == 2 and body["left_out"][0]["reason"] == "Its data is in another bucket"
    assert {m["language"] for m in body["messages"]} == {"nl", "en"}
    _nothing_sent()
    # The send operation takes the previewed count as a confirmation; a different list is refused.
    r = api.post(f"/breaches/{incident.code}/notices", as_=admin_user,
                 json={"stage": "initial", "expected": 5})
    assert r.status_code == 422
    _nothing_sent()


@pytest.mark.django_db
def test_it_previews_only_the_controllers_the_sender_may_see(client, login, staff_a, admin_user, incident,
                                                            agreements):
    b = incident.affected.get(agreement=agreements[1])
    adjust_affected(incident=incident, exclude={str(b.code): "Secret reason about B"}, acting_user=admin_user)
    login(client, staff_a)
    r = client.post(reverse("breaches:notices_send", args=[incident.code]), {"stage": "initial"})
    page = r.content.decode()
    assert r.status_code == 200 and agreements[0].reference in page
    for mark in (agreements[1].reference, agreements[1].controller.name, "Secret reason about B"):
        assert mark not in page
    _nothing_sent()
