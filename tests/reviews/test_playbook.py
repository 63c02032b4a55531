"""The processor's playbook: edited by its admin, used by every later review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.ledger.models import Event
from art28.reviews.models import Playbook

pytestmark = pytest.mark.django_db


def test_it_saves_the_admins_positions(client, login, admin_user):
    login(client, admin_user)
    response = client.post(reverse("reviews:playbook_edit"),
                           {"positions": '{"breach_max_hours": 48, "governing_law": ["NL"]}'})
    assert response.status_code == 302
    stored = Playbook.objects.get(processor=admin_user.membership.processor)
    assert stored.positions == {"breach_max_hours": 48, "governing_law": ["NL"]}
    assert Event.objects.get(action="review.playbook_changed").data["positions"] == stored.positions
    assert "breach_max_hours" in client.get(reverse("reviews:playbook_edit")).content.decode()


def test_it_refuses_an_invalid_playbook_and_saves_nothing(client, login, admin_user):
    login(client, admin_user)
    response = client.post(reverse("reviews:playbook_edit"), {"positions": '{"breach_hours": "soon"}'})
    assert response.status_code == 400 and "not valid" in response.content.decode()
    assert not Playbook.objects.exists() and not Event.objects.filter(action__startswith="review.").exists()


def test_it_is_for_the_admin_only(client, login, staff_a, user_a):
    login(client, staff_a)
    assert client.get(reverse("reviews:playbook_edit")).status_code == 403
    login(client, user_a)
    assert client.get(reverse("reviews:playbook_edit")).status_code == 404
    assert not Playbook.objects.exists()
