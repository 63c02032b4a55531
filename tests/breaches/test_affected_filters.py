"""A breach's affected agreements and notices: counted above the lists, and filterable by
controller, agreement or KvK number and by state (kept in, left out, not yet notified)."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from art28.breaches.services import adjust_affected

pytestmark = pytest.mark.django_db


def _shown(client, incident, language: str = "en", **query) -> str:
    client.cookies["django_language"] = language
    response = client.get(reverse("breaches:incident_detail", args=[incident.code]), query)
    assert response.status_code == 200
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _leave_out_b(incident, admin_user, controller_b):
    row = incident.affected.get(agreement__controller=controller_b)
    adjust_affected(
        incident=incident,
        exclude={str(row.code): "Their data is not in this bucket."},
        acting_user=admin_user,
    )
    row.refresh_from_db()
    assert row.included is False


def test_it_counts_the_affected_agreements_above_both_lists(
    client, login, admin_user, incident, controller_b
):
    _leave_out_b(incident, admin_user, controller_b)
    login(client, admin_user)
    for tab in ("affected", "notices"):
        page = _shown(client, incident, tab=tab)
        assert "2 affected agreements: 1 included, 1 left out, 0 notified" in page
    assert "2 geraakte overeenkomsten: 1 meegenomen, 1 weggelaten, 0 geïnformeerd" in _shown(
        client, incident, "nl", tab="notices"
    )


def test_it_filters_by_controller_and_by_state(
    client, login, admin_user, incident, controller_a, controller_b
):
    _leave_out_b(incident, admin_user, controller_b)
    login(client, admin_user)
    page = _shown(client, incident, tab="notices", q=controller_a.name)
    assert controller_a.name in page and controller_b.name not in page
    assert "1 agreement matches" in page
    page = _shown(client, incident, tab="affected", show="left_out")
    assert controller_b.name in page
    assert controller_a.name not in page
    page = _shown(client, incident, tab="affected", show="not_notified")
    assert controller_a.name in page and controller_b.name not in page
    page = _shown(client, incident, tab="affected", q="no such client")
    assert "No affected agreement matches these filters." in page
    assert "0 agreements match" in page
    # the counts stay those of the whole breach, whatever the filter
    assert "2 affected agreements: 1 included, 1 left out, 0 notified" in page


def test_staff_count_only_their_own_controllers(client, login, staff_a, incident, controller_b):
    login(client, staff_a)
    page = _shown(client, incident, tab="affected")
    assert "1 affected agreement: 1 included, 0 left out, 0 notified" in page
    assert controller_b.name not in page
