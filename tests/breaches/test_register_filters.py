"""Search and filters of the breach register."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone


def _open(processor, admin_user, subprocessor, title):
    from art28.breaches.services import open_incident

    return open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                         facts={"title": title, "aware_at": timezone.now(), "confidentiality": True,
                                "data_categories": ["naam"], "description": "Test."})


def test_it_narrows_incidents_by_search_status_and_controller(client, login, admin_user, processor,
                                                              subprocessor, controller_a):
    one = _open(processor, admin_user, subprocessor, "Backup bucket readable")
    two = _open(processor, admin_user, subprocessor, "Laptop lost on the train")
    login(client, admin_user)
    url = reverse("breaches:incident_list")
    page = client.get(url, {"q": "laptop"}).content.decode()
    assert two.reference in page and one.reference not in page
    page = client.get(url, {"q": one.reference}).content.decode()
    assert one.reference in page and two.reference not in page
    page = client.get(url, {"status": "closed"}).content.decode()
    assert one.reference not in page and two.reference not in page
    page = client.get(url, {"controller": "Zonnebloem"}).content.decode()
    assert one.reference in page and two.reference in page
    page = client.get(url, {"controller": "Nobody by this name"}).content.decode()
    assert one.reference not in page
    # A link from a controller's page still carries its code; the box shows the name.
    page = client.get(url, {"controller": str(controller_a.code)}).content.decode()
    assert one.reference in page and f'value="{controller_a.name}"' in page


def test_it_shows_an_outsider_no_incident_through_search(client, login, incident, staff_none):
    login(client, staff_none)
    page = client.get(reverse("breaches:incident_list"), {"q": incident.reference}).content.decode()
    assert reverse("breaches:incident_detail", args=[incident.code]) not in page
    assert "No incidents recorded." in page
