"""403, 404, 500 and CSRF failures answer with the site's own page, in the user's language,
with its navigation and without a trace of what went wrong inside."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.core.error_urls import SECRET

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.error_urls")]

TEXT = {
    ("nl", 403): "Niet toegestaan",
    ("en", 403): "Not allowed",
    ("nl", 404): "Pagina niet gevonden",
    ("en", 404): "Page not found",
    ("nl", 500): "Er ging iets mis",
    ("en", 500): "Something went wrong",
}
PATHS = {403: "/forbidden/", 404: "/no-such-page/", 500: "/boom/"}


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def _no_internals(page: str) -> None:
    for leak in (SECRET, "Traceback", "RuntimeError", "PermissionDenied", "File \""):
        assert leak not in page


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("status", [403, 404, 500])
def test_it_shows_the_branded_page(status, lang, login, staff_a):
    client = Client(raise_request_exception=False)
    login(client, staff_a)
    response = client.get(PATHS[status], HTTP_ACCEPT_LANGUAGE=lang)
    page = response.content.decode()
    assert response.status_code == status
    assert TEXT[lang, status] in page and f'<html lang="{lang}">' in page
    assert reverse("breaches:incident_list") in page  # the staff navigation is there
    _no_internals(page)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_it_shows_the_404_page_to_a_visitor(lang):
    response = Client().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 404
    assert TEXT[lang, 404] in response.content.decode()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_it_shows_the_500_page_without_a_database(lang, login, staff_a, monkeypatch):
    client = Client(raise_request_exception=False)
    login(client, staff_a)

    def down(user):
        raise OperationalError("could not connect to server")

    # The navigation looks up the user's role: that is where a dead database shows first.
    monkeypatch.setattr("art28.core.context.membership_of", down)
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE=lang)
    page = response.content.decode()
    assert response.status_code == 500
    assert TEXT[lang, 500] in page and f'<html lang="{lang}">' in page
    assert "could not connect" not in page
    _no_internals(page)


@pytest.mark.parametrize(("lang", "text"), [("nl", "Het formulier is verlopen"),
                                            ("en", "The form has expired")])
def test_it_explains_a_csrf_failure(lang, text, login, staff_a):
    client = Client(enforce_csrf_checks=True)
    login(client, staff_a)
    response = client.post(reverse("accounts:logout"), HTTP_ACCEPT_LANGUAGE=lang)
    page = response.content.decode()
    assert response.status_code == 403
    assert text in page and f'<html lang="{lang}">' in page
    assert "CSRF" not in page
    _no_internals(page)
