"""The controller's severity suggestion reads the special categories of its own agreement
(issue 12, item 3): health data never comes out as 'no need to tell the people concerned'."""

import copy

import pytest
from django.urls import reverse
from django.utils import timezone

from art28.breaches.models import IncidentNotice
from art28.breaches.services import authority_draft, open_incident, send_notices, severity
from tests.breaches.conftest import TERMS_24


@pytest.fixture
def health_notice(processor, admin_user, make_agreement, controller_a):
    terms = copy.deepcopy(TERMS_24)
    terms["processing"]["special_categories"] = ["Gezondheidsgegevens (patiëntdossiers)"]
    agreement = make_agreement(controller_a, state="signed", terms=terms)
    incident = open_incident(processor=processor, acting_user=admin_user,
                             facts={"title": "Practice system exposed", "aware_at": timezone.now(),
                                    "confidentiality": True, "services": ["praktijksysteem"],
                                    "data_categories": ["NAW-gegevens"]})
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    return IncidentNotice.objects.get(affected__agreement=agreement)


@pytest.mark.django_db
def test_it_counts_the_agreements_special_categories(health_notice):
    # The agreement's breach clause does not ask for the categories, so the notice has none.
    assert "data_categories" not in health_notice.facts
    result = severity(health_notice.affected)
    assert result.dpc.value == 4 and "Gezondheidsgegevens" in result.dpc.reason
    assert result.level in ("high", "very_high")
    assert result.as_dict()["advice"]["notify_subjects"] is True


@pytest.mark.django_db
def test_it_shows_the_suggestion_on_the_portal_page(client, login, user_a, health_notice):
    login(client, user_a)
    page = client.get(reverse("breaches:portal_notice", args=[health_notice.code])).content.decode()
    assert "Gezondheidsgegevens (patiëntdossiers)" in page
    assert 'name="dpc" value="4' in page


@pytest.mark.django_db
def test_it_names_them_in_the_authority_draft(health_notice):
    data = next(s for s in authority_draft(health_notice.affected) if s["key"] == "data")
    assert "Gezondheidsgegevens (patiëntdossiers)" in str(data["items"][1]["answer"])
