"""Staff console: the processor's profile page."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROFILE = {"name": "Wolkenrand Hosting B.V.", "address": "Keizersgracht 1001",
           "postcode": "1017 AB", "city": "Amsterdam", "country": "NL", "kvk": "87654321",
           "language": "nl", "default_notice_hours": "24"}


def test_it_edits_the_processor_profile(client, login, admin_user, processor, actions):
    login(client, admin_user)
    client.post(reverse("parties:processor_edit"), {**PROFILE, "city": "Haarlem"})
    processor.refresh_from_db()
    assert processor.city == "Haarlem" and processor.default_notice_hours == 24
    assert actions()[-1] == "processor.updated"


@pytest.mark.parametrize(("field", "value"), [("default_notice_hours", "73"),
                                              ("default_notice_hours", "0"), ("kvk", "12ab")])
def test_it_refuses_a_bad_profile(client, login, admin_user, processor, field, value):
    login(client, admin_user)
    response = client.post(reverse("parties:processor_edit"), {**PROFILE, field: value})
    assert response.context["form"].errors[field]
    processor.refresh_from_db()
    assert processor.default_notice_hours == 48


def test_only_admins_edit_the_profile(client, login, staff_a, staff_readonly, processor):
    for user in (staff_a, staff_readonly):
        login(client, user)
        assert client.post(reverse("parties:processor_edit"),
                           {**PROFILE, "city": "Elders"}).status_code == 403
    processor.refresh_from_db()
    assert processor.city == "Amsterdam"


def test_the_profile_page_edits_the_contact_person_privacy_contact_and_breach_desk(
        client, login, admin_user, processor, controller_a, make_agreement, actions):
    draft = make_agreement(controller_a).latest
    login(client, admin_user)
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("parties:processor_edit")).content.decode()
    assert "Meldpunt datalekken" in page and 'value="Iris de Vries"' in page
    response = client.post(reverse("parties:processor_edit"), {
        **PROFILE, "contact_name": "Iris de Vries", "contact_function": "Directeur",
        "contact_email": "iris@wolkenrand.example", "privacy_name": "Femke Dijkstra",
        "privacy_email": "privacy@wolkenrand.example", "breach_email": "datalek@wolkenrand.example",
        "breach_phone": "+31 20 555 0199"})
    assert response.status_code == 302
    processor.refresh_from_db()
    assert processor.breach_desk_phone == "+31 20 555 0199"
    assert processor.privacy_contact().email == "privacy@wolkenrand.example"
    assert processor.contact_person().function == "Directeur"
    assert actions()[-1] == "processor.updated"
    draft.refresh_from_db()
    assert draft.terms["processor"]["breach_desk"]["email"] == "datalek@wolkenrand.example"
    assert draft.terms["processor"]["privacy_contact"]["name"] == "Femke Dijkstra"
