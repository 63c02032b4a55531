"""Staff console: controllers list, detail, create and edit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.parties.models import Controller

pytestmark = pytest.mark.django_db

ORG = {"name": "Bakkerij Korrel", "address": "Markt 2", "postcode": "3511 AB", "city": "Utrecht",
       "country": "NL", "kvk": "12345678", "language": "nl"}


def test_it_lists_only_assigned_controllers(client, login, staff_a, controller_a, controller_b):
    login(client, staff_a)
    page = client.get(reverse("parties:controller_list")).content.decode()
    assert controller_a.name in page and controller_b.name not in page


def test_it_searches_by_name_and_kvk(client, login, admin_user, controller_a, controller_b):
    login(client, admin_user)
    page = client.get(reverse("parties:controller_list"), {"q": "zonne"}).content.decode()
    assert controller_a.name in page and controller_b.name not in page
    page = client.get(reverse("parties:controller_list"), {"q": controller_b.kvk},
                      HTTP_HX_REQUEST="true").content.decode()
    assert controller_b.name in page and "<html" not in page  # the htmx partial


def test_it_paginates_the_list(client, login, admin_user, make_controller):
    for _ in range(30):
        make_controller()
    login(client, admin_user)
    response = client.get(reverse("parties:controller_list"), {"page": 2})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 5


def test_it_shows_the_detail(client, login, staff_a, controller_a, make_agreement):
    agreement = make_agreement(controller_a)
    login(client, staff_a)
    url = reverse("parties:controller_detail", args=[controller_a.code])
    page = client.get(url).content.decode()
    assert controller_a.kvk in page
    # Contacts and agreements are tabs of the controller's page.
    assert controller_a.contacts.first().email in client.get(url + "?tab=contacts").content.decode()
    assert agreement.reference in client.get(url + "?tab=agreements").content.decode()


def test_outsider_gets_404_on_the_detail(client, login, staff_none, user_b, controller_a):
    login(client, staff_none)
    assert client.get(reverse("parties:controller_detail", args=[controller_a.code])).status_code == 404
    login(client, user_b)
    assert client.get(reverse("parties:controller_detail", args=[controller_a.code])).status_code == 404


def test_it_creates_a_controller(client, login, admin_user, actions):
    login(client, admin_user)
    response = client.post(reverse("parties:controller_create"), ORG)
    controller = Controller.objects.get(kvk="12345678")
    assert response.url == reverse("parties:controller_detail", args=[controller.code])
    assert controller.postcode == "3511 AB"
    assert actions()[-1] == "controller.created"


@pytest.mark.parametrize(("field", "value"), [("kvk", "1234"), ("postcode", "0123 AB"),
                                              ("name", "")])
def test_it_shows_bad_input_next_to_the_field(client, login, admin_user, field, value):
    login(client, admin_user)
    response = client.post(reverse("parties:controller_create"), {**ORG, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert b"field-error" in response.content
    assert not Controller.objects.filter(name=ORG["name"]).exists()


def test_read_only_cannot_create(client, login, staff_readonly):
    login(client, staff_readonly)
    assert client.post(reverse("parties:controller_create"), ORG).status_code == 403
    assert not Controller.objects.filter(kvk="12345678").exists()


def test_it_edits_a_controller(client, login, staff_a, controller_a, actions):
    login(client, staff_a)
    url = reverse("parties:controller_edit", args=[controller_a.code])
    assert client.get(url).status_code == 200
    client.post(url, {**ORG, "kvk": controller_a.kvk, "city": "Amersfoort"})
    controller_a.refresh_from_db()
    assert controller_a.city == "Amersfoort"
    assert actions()[-1] == "controller.updated"


def test_read_only_cannot_edit(client, login, staff_readonly, controller_a):
    login(client, staff_readonly)
    url = reverse("parties:controller_edit", args=[controller_a.code])
    assert client.get(url).status_code == 403
    assert client.post(url, {**ORG, "city": "Elders"}).status_code == 403
    controller_a.refresh_from_db()
    assert controller_a.city == "Utrecht"


def test_outsider_gets_404_on_edit(client, login, staff_none, controller_a):
    login(client, staff_none)
    url = reverse("parties:controller_edit", args=[controller_a.code])
    assert client.post(url, {**ORG, "city": "Elders"}).status_code == 404
    controller_a.refresh_from_db()
    assert controller_a.city == "Utrecht"
