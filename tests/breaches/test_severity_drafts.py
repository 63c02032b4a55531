"""The controller's severity suggestion and authority draft read the special categories of the
terms it was given, never those of the processor's draft: an agreement sent without special
categories, then amended into a draft that adds one, shows none to the controller."""

import copy

import pytest
from django.urls import reverse
from django.utils import timezone

from art28.agreements import services as agreements
from art28.breaches.models import IncidentNotice
from art28.breaches.services import authority_draft, open_incident, send_notices, severity
from tests.breaches.conftest import TERMS_24

DRAFTED = "Erfelijkheidsgegevens uit het concept"


@pytest.fixture
def notice_after_amendment(processor, admin_user, make_agreement, controller_a):
    terms = copy.deepcopy(TERMS_24)
    terms["processing"]["special_categories"] = []
    agreement = make_agreement(controller_a, state="sent", terms=terms)
    agreements.update_terms(agreement=agreement, terms={"processing": {"special_categories": [DRAFTED]}},
                            acting_user=admin_user)
    assert agreement.versions.get(number=2).terms["processing"]["special_categories"] == [DRAFTED]
    incident = open_incident(processor=processor, acting_user=admin_user,
                             facts={"title": "Practice system exposed", "aware_at": timezone.now(),
                                    "confidentiality": True, "services": ["praktijksysteem"],
                                    "data_categories": ["NAW-gegevens"]})
    send_notices(incident=incident, stage="initial", acting_user=admin_user)
    return IncidentNotice.objects.get(affected__agreement=agreement)


@pytest.mark.django_db
def test_the_suggestion_ignores_the_draft_s_special_categories(notice_after_amendment):
    result = severity(notice_after_amendment.affected)
    assert DRAFTED not in result.dpc.reason
    assert result.dpc.value < 4


@pytest.mark.django_db
def test_the_portal_page_and_authority_draft_do_not_show_them(client, login, user_a, notice_after_amendment):
    page = login(client, user_a).get(reverse("breaches:portal_notice", args=[notice_after_amendment.code]))
    assert page.status_code == 200 and DRAFTED not in page.content.decode()
    assert DRAFTED not in str(authority_draft(notice_after_amendment.affected))
