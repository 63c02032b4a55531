"""The processor's playbook: edited by its admin, used by every later review."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from art28.ledger.models import Event
from art28.reviews import services
from art28.reviews.models import Playbook

pytestmark = pytest.mark.django_db


def test_it_saves_the_admins_positions_from_the_fields(client, login, admin_user):
    login(client, admin_user)
    response = client.post(reverse("reviews:playbook_edit"),
                           {"breach_max_hours": "48", "governing_law": "nl, be", "audits_allowed": "true",
                            "data_in_eea": "unknown", "subprocessor_authorisation": ["general", "specific"],
                            "require_undue_delay": "on", "end_deadline_max_days": ""})
    assert response.status_code == 302
    stored = Playbook.objects.get(processor=admin_user.membership.processor)
    assert stored.positions == {"breach_max_hours": 48, "governing_law": ["NL", "BE"], "audits_allowed": True,
                                "require_undue_delay": True,
                                "subprocessor_authorisation": ["general", "specific"]}
    assert Event.objects.get(action="review.playbook_changed").data["positions"] == stored.positions


def test_the_page_shows_the_stored_positions_in_words(client, login, admin_user):
    services.set_playbook(processor=admin_user.membership.processor, acting_user=admin_user,
                          positions={"breach_max_hours": 12, "data_in_eea": True, "governing_law": ["NL"],
                                     "subprocessor_authorisation": ["specific"]})
    login(client, admin_user)
    page = client.get(reverse("reviews:playbook_edit"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="breach_max_hours" value="12"' in page and 'name="governing_law" value="NL"' in page
    assert '<option value="true" selected>The data must stay in the EEA</option>' in page
    assert re.search(r'<input[^>]*value="specific"[^>]*checked', page)
    assert not re.search(r'<input[^>]*value="general"[^>]*checked', page)
    main = page.split("<main", 1)[1]
    assert "<textarea" not in main and "breach_max_hours," not in main and "{" not in main


def test_emptying_every_field_clears_the_positions(client, login, admin_user):
    services.set_playbook(processor=admin_user.membership.processor, acting_user=admin_user,
                          positions={"breach_max_hours": 12})
    login(client, admin_user)
    assert client.post(reverse("reviews:playbook_edit"), {"audits_allowed": "unknown"}).status_code == 302
    assert Playbook.objects.get().positions == {}


@pytest.mark.parametrize(("data", "en"), [
    ({"breach_max_hours": "soon"}, "Enter a whole number"),
    ({"breach_max_hours": "100"}, "less than or equal to 72"),
    ({"governing_law": "NL, Narnia"}, "Narnia is not a country"),
    ({"subprocessor_authorisation": ["whatever"]}, "Select a valid choice"),
])
def test_it_refuses_a_bad_position_and_saves_nothing(client, login, admin_user, data, en):
    login(client, admin_user)
    response = client.post(reverse("reviews:playbook_edit"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and en in response.content.decode()
    assert not Playbook.objects.exists() and not Event.objects.filter(action__startswith="review.").exists()


def test_the_message_is_dutch_on_the_dutch_page(client, login, admin_user):
    login(client, admin_user)
    client.cookies["django_language"] = "nl"
    response = client.post(reverse("reviews:playbook_edit"), {"governing_law": "Narnia"},
                           HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    dutch = "Narnia is geen land: gebruik de code van twee letters, bijvoorbeeld NL."
    assert dutch in response.content.decode()


def test_it_is_for_the_admin_only(client, login, staff_a, user_a):
    login(client, staff_a)
    assert client.get(reverse("reviews:playbook_edit")).status_code == 403
    login(client, user_a)
    assert client.get(reverse("reviews:playbook_edit")).status_code == 404
    assert not Playbook.objects.exists()
