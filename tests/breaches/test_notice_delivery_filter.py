"""The notices tab of a breach: where each controller's notices stand (delivery failed,
waiting to be sent, sent, no notice yet), counted in words and filterable, together with the
search on controller, agreement or KvK number."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from art28.breaches.services import adjust_affected, send_notices
from art28.notices.models import Delivery, DeliveryStatus
from art28.notices.services import drain

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(incident, admin_user, make_controller, make_agreement, settings):
    """Four agreements on the incident, one in each state: A's notice sent, B's failed, C's
    waiting for the worker, D not told yet."""
    c = make_agreement(make_controller("Cactus Kwekerij"), state="signed")
    d = make_agreement(make_controller("Duinzicht Camping"), state="signed")
    adjust_affected(incident=incident, add=[c, d], acting_user=admin_user)
    rows = {r.agreement.controller.name: r for r in incident.affected.select_related("agreement__controller")}
    a, b = "Tandartspraktijk Zonnebloem", "Harbour Analytics Ltd"

    def notify(name):
        send_notices(incident=incident, stage="initial", acting_user=admin_user,
                     affected_codes=[str(rows[name].code)])

    notify(a)
    drain()  # the test mail backend takes it: sent
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    settings.ART28_DELIVERY_MAX_ATTEMPTS = 1
    notify(b)
    drain()  # nobody listens on port 9: failed at the only attempt
    notify("Cactus Kwekerij")  # no worker ran since: waiting
    return rows


def _page(client, incident, language="en", **query):
    client.cookies["django_language"] = language
    response = client.get(reverse("breaches:incident_detail", args=[incident.code]),
                          {"tab": "notices", **query})
    assert response.status_code == 200
    return response


def _text(response) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _rows(response) -> list[str]:
    return [a.agreement.controller.name for a in response.context["affected"]]


def test_it_counts_the_agreements_in_each_delivery_state_in_words(client, login, admin_user, incident,
                                                                  states):
    row_b = states["Harbour Analytics Ltd"]
    assert set(Delivery.objects.filter(notice__incident_notice__affected=row_b)
               .values_list("status", flat=True)) == {DeliveryStatus.FAILED}
    login(client, admin_user)
    page = _text(_page(client, incident))
    assert ("Where the notices stand: Delivery failed: 1 · Waiting to be sent: 1 · Sent: 1 · "
            "No notice yet: 1") in page
    assert ("Stand van de meldingen: Bezorging mislukt: 1 · Wacht op verzending: 1 · Verstuurd: 1 · "
            "Nog geen melding: 1") in _text(_page(client, incident, "nl"))


@pytest.mark.parametrize("state, shown", [
    ("failed", ["Harbour Analytics Ltd"]), ("waiting", ["Cactus Kwekerij"]),
    ("sent", ["Tandartspraktijk Zonnebloem"]), ("none", ["Duinzicht Camping"]),
])
def test_it_filters_by_delivery_state(client, login, admin_user, incident, states, state, shown):
    login(client, admin_user)
    response = _page(client, incident, delivery=state)
    assert _rows(response) == shown
    assert "1 agreement matches" in _text(response)


def test_the_state_combines_with_the_search_and_its_links_keep_it(client, login, admin_user, incident,
                                                                  states):
    login(client, admin_user)
    kvk = states["Harbour Analytics Ltd"].agreement.controller.kvk
    assert _rows(_page(client, incident, delivery="failed", q=kvk)) == ["Harbour Analytics Ltd"]
    response = _page(client, incident, delivery="sent", q=kvk)
    assert _rows(response) == [] and "0 agreements match" in _text(response)
    # The states counted are those of the agreements the search keeps.
    assert "Delivery failed: 1 · Waiting to be sent: 0 · Sent: 0 · No notice yet: 0" in _text(response)
    links = re.findall(r'<a href="\?([^"]+)"[^>]*>Waiting to be sent', response.content.decode())
    assert links and f"q={kvk}" in html.unescape(links[0]) and "delivery=waiting" in html.unescape(links[0])


def test_an_unknown_state_is_named_and_left_out(client, login, admin_user, incident, states):
    login(client, admin_user)
    before = sorted(Delivery.objects.values_list("pk", "status"))
    response = _page(client, incident, delivery="bounced")
    page = _text(response)
    assert "Some filters could not be used; the list is shown without them:" in page
    assert "Choose a delivery state from the list." in page
    assert len(_rows(response)) == 4
    assert sorted(Delivery.objects.values_list("pk", "status")) == before


def test_staff_count_only_their_own_controllers(client, login, staff_a, incident, states):
    login(client, staff_a)
    page = _text(_page(client, incident))
    assert "Delivery failed: 0 · Waiting to be sent: 0 · Sent: 1 · No notice yet: 0" in page
    assert _rows(_page(client, incident, delivery="failed")) == []
