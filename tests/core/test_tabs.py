"""Tabs on the pages of one object: server-rendered links, the open tab marked aria-current."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TAB = re.compile(r'<nav class="tabs"[^>]*>.*?</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


def _tabs(html: str) -> list[tuple[str, bool, str]]:
    """(address, open, label) of each tab on the page."""
    [nav] = TAB.findall(html)
    return [(url.replace("&amp;", "&"), bool(cur), label) for url, cur, label in LINK.findall(nav)]


def _open(html: str) -> list[str]:
    return [label for _url, current, label in _tabs(html) if current]


def test_it_marks_the_open_tab_of_a_controller(client, login, admin_user, controller_a, make_agreement):
    agreement = make_agreement(controller_a)
    login(client, admin_user)
    url = reverse("parties:controller_detail", args=[controller_a.code])
    client.cookies["django_language"] = "en"
    first = client.get(url).content.decode()
    assert [label for _u, _c, label in _tabs(first)] == ["Details", "Contacts", "Agreements", "Portal access"]
    assert _open(first) == ["Details"] and controller_a.kvk in first and agreement.reference not in first
    agreements = client.get(url + "?tab=agreements").content.decode()
    assert _open(agreements) == ["Agreements"] and agreement.reference in agreements
    # An unknown tab opens the first one, and the portal access page is a tab of the same set.
    assert _open(client.get(url + "?tab=nonsense").content.decode()) == ["Details"]
    access = client.get(reverse("accounts:controller_access", args=[controller_a.code])).content.decode()
    assert _open(access) == ["Portal access"]
    assert (url + "?tab=contacts", False, "Contacts") in _tabs(access)


def test_it_shows_an_agreements_annexes_as_a_tab_in_dutch(
    client, login, admin_user, controller_a, make_agreement
):
    agreement = make_agreement(controller_a, terms={"security": {"measures": [
        {"kind": "technical", "text": "Versleuteling", "text_nl": "Versleuteling", "text_en": "Encryption"},
        {"kind": "organisational", "text": "Training", "text_en": "Training", "text_nl": None}]}})
    login(client, admin_user)
    client.cookies["django_language"] = "nl"
    url = reverse("agreements:agreement_detail", args=[agreement.code])
    page = client.get(url + "?tab=annexes").content.decode()
    assert _open(page) == ["Bijlagen III en IV"]
    assert "Versleuteling" in page and "Encryption" not in page
    # The measure without a Dutch text is printed in English, and staff see that it is.
    assert page.count('class="tag warn"') == 1
    document = client.get(url).content.decode()
    assert _open(document) == ["Document"] and "Versleuteling" not in document


def test_it_puts_a_subprocessors_agreements_on_their_own_tab(
    client, login, admin_user, processor, controller_a, make_agreement
):
    from art28.subprocessors.services.register import register_subprocessor

    signed_a = make_agreement(controller_a, state="signed")
    sp = register_subprocessor(processor=processor, acting_user=admin_user, named_in_agreements=True,
                               data={"name": "Rekenhal B.V.", "country": "NL", "service": "Rekenkracht",
                                     "locations": ["NL"]})
    login(client, admin_user)
    url = reverse("subprocessors:detail", args=[sp.code])
    details, links = client.get(url).content.decode(), client.get(url + "?tab=agreements").content.decode()
    assert signed_a.reference not in details and signed_a.reference in links
    assert _open(links) == [_tabs(links)[1][2]]
