"""A controller left without a breach-notice recipient gets a warning, not a block."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.ledger.models import Event

pytestmark = pytest.mark.django_db

WARNING = "has no breach-notice recipient"
CONTACT = {"name": "Signer", "function": "Directeur", "email": "signer@client.example",
           "phone": "", "mobile": "", "is_signatory": "on", "is_privacy_contact": "on"}


def test_the_page_warns_when_an_edit_leaves_nobody(client, login, staff_a, controller_a):
    contact = controller_a.contacts.get()
    login(client, staff_a)
    response = client.post(reverse("parties:contact_edit", args=[contact.code]), CONTACT, follow=True,
                           HTTP_ACCEPT_LANGUAGE="en")
    contact.refresh_from_db()
    assert not contact.is_breach_recipient  # saved: a warning, not a block
    assert Event.objects.order_by("-seq").first().action == "contact.updated"
    assert WARNING in response.content.decode()
    assert WARNING in client.get(reverse("parties:controller_detail", args=[controller_a.code]),
                                 HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_remove_page_warns_before_and_after(client, login, staff_a, controller_a):
    contact = controller_a.contacts.get()
    login(client, staff_a)
    url = reverse("parties:contact_remove", args=[contact.code])
    client.cookies["django_language"] = "nl"
    assert "heeft geen ontvanger van datalekmeldingen" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert not controller_a.contacts.exists()
    assert "heeft geen ontvanger van datalekmeldingen" in response.content.decode()


def test_no_warning_while_someone_is_left(client, login, staff_a, controller_a):
    contact = controller_a.contacts.get()
    controller_a.contacts.create(name="Desk", email="desk@client.example", is_breach_recipient=True)
    login(client, staff_a)
    response = client.post(reverse("parties:contact_edit", args=[contact.code]), CONTACT, follow=True,
                           HTTP_ACCEPT_LANGUAGE="en")
    assert WARNING not in response.content.decode()
