"""A sub-processor's agreements tab: how many agreements use it, and a filter by agreement,
controller or KvK number and by status, so a list of thousands stays usable."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _shown(client, sp, language: str = "en", **query) -> str:
    client.cookies["django_language"] = language
    response = client.get(reverse("subprocessors:detail", args=[sp.code]), {"tab": "agreements", **query})
    assert response.status_code == 200
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def sp(make_subprocessor, general_agreement, specific_agreement):
    return make_subprocessor(named=True, agreements=[general_agreement, specific_agreement])


def test_it_counts_and_filters_the_agreements(client, login, admin_user, sp, controller_a, controller_b):
    assert sp.links.count() == 2
    login(client, admin_user)
    page = _shown(client, sp)
    assert "2 agreements use this sub-processor" in page
    assert controller_a.name in page and controller_b.name in page
    page = _shown(client, sp, q=controller_b.name)
    assert controller_b.name in page and controller_a.name not in page
    assert "1 agreement matches" in page and "2 agreements use this sub-processor" in page
    page = _shown(client, sp, status="objected")
    assert "No agreement matches these filters." in page and controller_a.name not in page
    page = _shown(client, sp, "nl", q="niemand")
    assert "2 overeenkomsten gebruiken deze subverwerker" in page
    assert "Geen overeenkomst voldoet aan deze filters." in page and "0 overeenkomsten voldoen" in page


def test_staff_count_only_the_agreements_they_may_see(client, login, staff_a, sp, controller_b):
    login(client, staff_a)
    page = _shown(client, sp)
    assert "1 agreement uses this sub-processor" in page
    assert controller_b.name not in page
