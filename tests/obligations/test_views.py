"""The staff home's list and timeline, in Dutch and English, filtered, paged, need-to-know."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def due(make_agreement, controller_a, controller_b, admin_user):
    from art28.requests.services import authority

    a = make_agreement(controller_a, state="signed")
    make_agreement(controller_b, state="sent")
    return authority.record_authority_request(
        agreement=a, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
        description="Invoices", respond_by=timezone.now() + timedelta(hours=5, minutes=30),
        acting_user=admin_user)


def _visible_text(html: str) -> str:
    """The page without tags and attribute values (links carry codes on purpose)."""
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("language, words", [("en", ["What is due", "Authority request to pass on",
                                                     "5 hours", "Awaiting the controller"]),
                                              ("nl", ["Wat moet er gebeuren", "Verzoek van een autoriteit",
                                                      "5 uur", "Wacht op ondertekening door"])])
def test_it_shows_the_list_with_its_timeline(client, login, admin_user, due, language, words):
    login(client, admin_user)
    client.cookies["django_language"] = language
    html = client.get("/staff/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for word in words:
        assert word in html, word
    assert '<rect class="tl-mark due-day"' in html  # due within a day: its colour class
    assert 'class="due-left due-day"' in html
    assert f"/requests/staff/authority/{due.code}/" in html
    text = _visible_text(html)
    assert not UUID.search(text)
    assert "authority_request" not in text and "due-day" not in text


def test_it_filters_by_controller_search_kind_and_assignee(client, login, admin_user, staff_a, due):
    login(client, admin_user)
    html = client.get("/staff/?q=Harbour").content.decode()
    assert "Harbour Analytics Ltd" in html and "Belastingdienst" not in html
    html = client.get("/staff/?kind=authority_request").content.decode()
    assert "Belastingdienst" in html and "Harbour Analytics Ltd</td>" not in html
    html = client.get(f"/staff/?assignee={staff_a.username}").content.decode()
    assert "Belastingdienst" in html and "Harbour Analytics Ltd</td>" not in html


def test_it_pages_the_list(client, login, admin_user, make_agreement, controller_a):
    for _ in range(27):
        make_agreement(controller_a, state="sent")
    login(client, admin_user)
    first = client.get("/staff/").content.decode()
    # The rows of the list (the timeline above it marks every deadline of the next 30 days).
    assert _rows(first).count("the controller signs") == 25
    second = client.get("/staff/?page=2").content.decode()
    assert _rows(second).count("the controller signs") == 2


def _rows(html: str) -> str:
    return html[html.index('<table class="table due-list">'):]


def test_staff_see_only_their_clients(client, login, staff_a, staff_none, due):
    login(client, staff_a)
    html = client.get("/staff/").content.decode()
    assert "Belastingdienst" in html and "Harbour Analytics Ltd" not in html
    login(client, staff_none)
    html = client.get("/staff/").content.decode()
    assert "Belastingdienst" not in html and "Nothing is due." in html


def test_the_portal_home_shows_the_controllers_own_list(client, login, user_a, user_b, make_agreement,
                                                        controller_a, controller_b):
    a = make_agreement(controller_a, state="sent")
    make_agreement(controller_b, state="sent")
    login(client, user_a)
    html = client.get("/portal/").content.decode()
    assert "Agreement to sign" in html and f"/portal/agreements/{a.code}/" in html
    assert "Harbour Analytics Ltd" not in html
    assert 'name="assignee"' not in html and 'name="q"' not in html  # no staff filters in the portal
