"""A Dutch user reads why a value was refused in Dutch: forms and API alike."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from tests.api.conftest import api  # noqa: F401  (the bearer-token client)

pytestmark = pytest.mark.django_db

ORGANISATION = {"name": "Bakkerij", "address": "Dorpsstraat 1", "city": "Utrecht",
                "country": "NL", "language": "nl", "postcode": "12 AB", "kvk": "123"}


def _page(response) -> str:
    return html.unescape(response.content.decode())


def test_it_refuses_the_controller_form_in_dutch(client, login, admin_user):
    client.cookies["django_language"] = "nl"
    login(client, admin_user)
    page = _page(client.post(reverse("parties:controller_create"), ORGANISATION))
    assert "Een KvK-nummer heeft precies 8 cijfers; ingevuld is '123'" in page
    assert "Een Nederlandse postcode ziet eruit als '1234 AB'; ingevuld is '12 AB'" in page
    assert "must have exactly" not in page and "must look like" not in page


def test_it_refuses_the_processor_profile_in_dutch(client, login, admin_user):
    login(client, admin_user)
    response = client.post(reverse("parties:processor_edit"),
                           {**ORGANISATION, "postcode": "", "kvk": "", "default_notice_hours": "36",
                            "contact_name": "Ann",
                            "contact_email": "geen-adres"},
                           HTTP_ACCEPT_LANGUAGE="nl")
    page = _page(response)
    assert "geen geldig e-mailadres: 'geen-adres'" in page
    assert "not a valid e-mail" not in page
    page = _page(client.post(reverse("parties:processor_edit"), {**ORGANISATION, "country": "XX",
                                                            "default_notice_hours": "36"},
                             HTTP_ACCEPT_LANGUAGE="nl"))
    assert "onbekende landcode 'XX'" in page and "unknown country" not in page


def test_it_answers_the_api_in_dutch(api, admin_user):  # noqa: F811
    response = api.post("/controllers", as_=admin_user, json=ORGANISATION,
                        headers={"Accept-Language": "nl"})
    assert response.status_code == 422
    messages = {tuple(i["loc"]): i["msg"] for i in response.json()["detail"]}
    assert messages[("kvk",)] == "Een KvK-nummer heeft precies 8 cijfers; ingevuld is '123'"
    assert messages[("postcode",)].startswith("Een Nederlandse postcode")


def test_it_says_the_schema_errors_of_the_api_in_dutch(api, admin_user):  # noqa: F811
    response = api.post("/controllers", as_=admin_user, json={"country": "NL"},
                        headers={"Accept-Language": "nl"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Dit veld is verplicht."


def test_it_still_answers_in_english(api, admin_user):  # noqa: F811
    response = api.post("/controllers", as_=admin_user, json=ORGANISATION,
                        headers={"Accept-Language": "en"})
    messages = {tuple(i["loc"]): i["msg"] for i in response.json()["detail"]}
    assert messages[("kvk",)] == "KvK number must have exactly 8 digits, got '123'"
