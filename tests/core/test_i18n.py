"""The interface speaks Dutch and English: from the browser, and switchable."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_follows_the_browser_language(client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Inloggen" in page and 'lang="nl"' in page
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in" in page and 'lang="en"' in page


def test_it_switches_language(client, user_a, login, controller_a, make_agreement):
    make_agreement(controller_a, state="sent")
    login(client, user_a)
    client.post(reverse("set_language"), {"language": "nl", "next": "/portal/"},
                HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(reverse("obligations:portal_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Uw verwerkersovereenkomsten" in page and "Wacht op ondertekening" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/portal/"})
    page = client.get(reverse("obligations:portal_home")).content.decode()
    assert "Your data processing agreements" in page


def test_service_errors_are_translated(client, login, admin_user):
    client.cookies["django_language"] = "nl"
    login(client, admin_user)
    response = client.post(reverse("parties:processor_edit"),
                           {"name": "X", "country": "NL", "language": "nl",
                            "default_notice_hours": "0"})
    assert "De meldtermijn moet tussen 1 en 72 uur liggen." in response.content.decode()
