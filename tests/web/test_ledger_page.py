"""The ledger page: one hash chain for every tenant, but an admin sees only its own share."""

from __future__ import annotations

import pytest
from django.urls import reverse

from art28.ledger.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_processor():
    """A second tenant with a client and an agreement of its own: events in the same chain."""
    from art28.agreements import services as agreements
    from art28.parties import services as parties

    other = parties.create_processor(
        data={"name": "Andere Verwerker B.V.", "address": "Stationsplein 2", "postcode": "3511 ED",
              "city": "Utrecht", "country": "NL", "kvk": "11223344", "language": "nl"},
        acting_user="pytest")
    admin = parties.create_member(processor=other, username="other_admin", email="o@other.example",
                                  password="correct horse battery 1", role="processor_admin",
                                  acting_user="pytest", totp_key="00" * 20)
    for n in range(3):
        client = parties.create_controller(
            processor=other, data={"name": f"Hun Klant {n} B.V.", "address": "Markt 1",
                                   "postcode": "3511 AB", "city": "Utrecht", "country": "NL",
                                   "kvk": f"5566770{n}", "language": "nl"}, acting_user=admin)
        agreements.create_agreement(controller=client, acting_user=admin)
    return other


def test_it_counts_only_the_admins_own_events(client, login, admin_user, controller_a,
                                              make_agreement, other_processor):
    make_agreement(controller_a, state="sent")
    own = Event.objects.filter(processor_id_ref=admin_user.membership.processor_id).count()
    theirs = Event.objects.filter(processor_id_ref=other_processor.pk).count()
    assert own and theirs >= 6
    login(client, admin_user)
    response = client.get(reverse("web:ledger"), {"verify": "1"})
    assert response.context["result"].ok and response.context["result"].checked == own
    page = response.content.decode()
    assert f"it holds {own} events of your organisation" in page
    assert str(Event.objects.count()) + " events" not in page


def test_it_does_not_number_a_break_in_another_tenants_events(client, login, admin_user,
                                                               controller_a, make_agreement,
                                                               other_processor):
    make_agreement(controller_a)
    theirs = Event.objects.filter(processor_id_ref=other_processor.pk).order_by("seq").last()
    Event.objects.filter(pk=theirs.pk).update(data={"tampered": True})
    login(client, admin_user)
    response = client.get(reverse("web:ledger"), {"verify": "1"})
    result = response.context["result"]
    assert not result.ok and result.broken_seq is None
    page = response.content.decode()
    assert "broken at an event outside your organisation" in page
    assert f"#{theirs.seq}:" not in page
