"""Staff console: a controller's contacts (add, edit, remove with confirmation)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.parties.models import Contact

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Piet Bos", "function": "FG", "email": "piet@zonnebloem.example",
           "phone": "030 1234567", "is_breach_recipient": "on"}


def test_it_adds_a_contact(client, login, staff_a, controller_a, actions):
    login(client, staff_a)
    client.post(reverse("parties:contact_add", args=[controller_a.code]), CONTACT)
    contact = Contact.objects.get(email="piet@zonnebloem.example")
    assert contact.controller == controller_a and contact.is_breach_recipient
    assert not contact.is_signatory
    assert actions()[-1] == "contact.added"


def test_it_rejects_a_bad_email(client, login, staff_a, controller_a):
    login(client, staff_a)
    response = client.post(reverse("parties:contact_add", args=[controller_a.code]),
                           {**CONTACT, "email": "not-an-address"})
    assert response.context["form"].errors["email"]
    assert not Contact.objects.filter(name="Piet Bos").exists()


def test_it_edits_a_contact(client, login, staff_a, controller_a, actions):
    contact = controller_a.contacts.first()
    login(client, staff_a)
    client.post(reverse("parties:contact_edit", args=[contact.code]), {**CONTACT, "is_signatory": "on"})
    contact.refresh_from_db()
    assert contact.name == "Piet Bos" and contact.is_signatory
    assert actions()[-1] == "contact.updated"


def test_it_asks_before_removing_a_contact(client, login, staff_a, controller_a, actions):
    contact = controller_a.contacts.first()
    login(client, staff_a)
    url = reverse("parties:contact_remove", args=[contact.code])
    page = client.get(url)
    assert contact.email in page.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()
    client.post(url)
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert actions()[-1] == "contact.removed"


def test_read_only_is_denied(client, login, staff_readonly, controller_a):
    contact = controller_a.contacts.first()
    login(client, staff_readonly)
    assert client.post(reverse("parties:contact_add", args=[controller_a.code]), CONTACT).status_code == 403
    assert client.post(reverse("parties:contact_edit", args=[contact.code]), CONTACT).status_code == 403
    assert client.post(reverse("parties:contact_remove", args=[contact.code])).status_code == 403
    assert list(controller_a.contacts.values_list("pk", flat=True)) == [contact.pk]
    contact.refresh_from_db()
    assert contact.name != "Piet Bos"


def test_outsider_gets_404(client, login, staff_none, user_b, controller_a):
    contact = controller_a.contacts.first()
    for user in (staff_none, user_b):
        login(client, user)
        assert client.post(reverse("parties:contact_add", args=[controller_a.code]),
                           CONTACT).status_code == 404
        assert client.get(reverse("parties:contact_edit", args=[contact.code])).status_code == 404
        assert client.post(reverse("parties:contact_remove", args=[contact.code])).status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()
