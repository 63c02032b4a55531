"""Once a controller was sent a notice, "no notice needed" is neither offered on the decision
tab nor accepted by the service, the web form or the API: the decision stays "notify"."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from art28.breaches.models import Incident
from art28.breaches.services import record_no_notice, send_notices
from art28.ledger.models import Event
from tests.api.conftest import Api

REASONING = "Only test data was in the bucket, no personal data at all."
BUTTON = "Record: no notice needed"
pytestmark = pytest.mark.django_db


def _decision_tab(client, incident) -> str:
    url = reverse("breaches:incident_detail", args=[incident.code]) + "?tab=decision"
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.fixture
def notified_a(incident, agreements, admin_user):
    """The initial notice went to controller A only; B still waits."""
    a = incident.affected.get(agreement=agreements[0])
    send_notices(incident=incident, stage="initial", acting_user=admin_user, affected_codes=[str(a.code)])
    return Incident.objects.get(pk=incident.pk)


def test_it_offers_no_notice_before_any_notice(client, login, admin_user, incident):
    login(client, admin_user)
    page = _decision_tab(client, incident)
    assert BUTTON in page and "Close the incident" in page


def test_it_no_longer_offers_no_notice_once_notices_went_out(client, login, admin_user, notified_a):
    login(client, admin_user)
    page = _decision_tab(client, notified_a)
    assert BUTTON not in page
    assert "Close the incident" in page  # closing stays possible


def test_the_service_refuses_no_notice_after_notices(admin_user, notified_a):
    with pytest.raises(ValidationError) as exc:
        record_no_notice(incident=notified_a, reasoning=REASONING, acting_user=admin_user)
    assert "already been notified" in " ".join(exc.value.messages)
    notified_a.refresh_from_db()
    assert notified_a.decision == "notify" and notified_a.decision_reasoning == ""
    assert not Event.objects.filter(action="breach.not_notified").exists()


def test_the_service_refuses_even_when_the_notified_rows_clock_was_reset(admin_user, notified_a):
    """Fail safe: a notice sent counts, whatever the row's own marker says."""
    notified_a.affected.update(notified_at=None)
    Incident.objects.filter(pk=notified_a.pk).update(decision="undecided")
    with pytest.raises(ValidationError):
        record_no_notice(incident=Incident.objects.get(pk=notified_a.pk), reasoning=REASONING,
                         acting_user=admin_user)
    assert Incident.objects.get(pk=notified_a.pk).decision == "undecided"


def test_the_form_and_the_api_refuse_with_a_clear_message(client, login, admin_user, notified_a):
    login(client, admin_user)
    r = client.post(reverse("breaches:incident_no_notice", args=[notified_a.code]) + "?tab=decision",
                    {"reasoning": REASONING}, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    assert "already been notified" in r.content.decode()
    r = Api(client).post(f"/breaches/{notified_a.code}/no-notice", as_=admin_user,
                         json={"reasoning": REASONING})
    assert r.status_code == 422 and "already been notified" in r.content.decode()
    notified_a.refresh_from_db()
    assert notified_a.decision == "notify" and not Event.objects.filter(action="breach.not_notified").exists()
