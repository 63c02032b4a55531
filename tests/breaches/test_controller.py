"""The controller's side: its 72 hours from our notice, the authority draft, its own assessment."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from art28.breaches.models import IncidentNotice, SeverityAssessment
from art28.breaches.services import (
    authority_clock,
    authority_draft,
    save_assessment,
    send_notices,
    severity,
    update_incident,
)


@pytest.fixture
def notified(incident, admin_user, agreements):
    update_incident(incident=incident, acting_user=admin_user, facts={
        "subjects_approx": 800, "encrypted": False, "cross_border": True, "malicious": True,
        "data_categories": ["naam", "medische gegevens"], "consequences": "Identity fraud possible"})
    with time_machine.travel(incident.aware_at + timedelta(hours=20), tick=False):
        send_notices(incident=incident, stage="initial", acting_user=admin_user)
    return {n.affected.agreement_id: n.affected for n in IncidentNotice.objects.select_related("affected")}


@pytest.mark.django_db
def test_it_starts_the_72_hours_at_our_notice(notified, incident, agreements):
    start, deadline = authority_clock(notified[agreements[0].pk])
    assert start == incident.aware_at + timedelta(hours=20)
    assert deadline - start == timedelta(hours=72)


@pytest.mark.django_db
def test_it_prefills_the_authority_draft_from_what_the_controller_was_told(notified, agreements):
    with translation.override("en"):
        draft = {s["key"]: {i["question"]: i["answer"] for i in s["items"]}
                 for s in authority_draft(notified[agreements[1].pk])}
    assert list(draft) == ["contact", "timeline", "nature", "data", "subjects", "prior_measures",
                           "consequences", "follow_up"]
    assert draft["data"]["Approximate number of data subjects"] == "800"
    assert draft["data"]["Special categories or sensitive data"] == "medische gegevens"
    assert draft["prior_measures"]["Data encrypted or otherwise unintelligible"] == "no"
    assert draft["subjects"]["People in other EU member states affected"] == "yes"
    assert draft["consequences"]["Consequences"] == "Identity fraud possible"
    assert "Harbour Analytics" in draft["contact"]["Organisation (controller)"]
    # Moments read as local time, not as ISO strings; lost properties as words.
    told = draft["timeline"]["We (the controller) were told"]
    assert told.endswith("(Europe/Amsterdam)") and "T" not in told.split(" ")[0]
    assert "+00:00" not in draft["timeline"]["Processor became aware"]
    # Controller A's agreement does not ask for consequences: its draft says they are unknown.
    with translation.override("en"):
        a = {s["key"]: s for s in authority_draft(notified[agreements[0].pk])}
    assert a["consequences"]["items"][0]["answer"] == "not yet known"


@pytest.mark.django_db
def test_it_suggests_severity_and_keeps_the_controllers_own_factors(notified, agreements, user_b):
    affected = notified[agreements[1].pk]
    suggested = severity(affected)
    assert (suggested.dpc.value, suggested.ei.value, suggested.cb.value) == (4, 1, 1)
    assert suggested.level == "very_high" and suggested.as_dict()["advice"]["notify_subjects"]
    saved = save_assessment(affected=affected, acting_user=user_b, values={
        "dpc": "3", "dpc_reason": "Only appointment data", "ei": "0.5", "ei_reason": "Pseudonymised",
        "cb": "0.5", "cb_reason": "Unknown recipients"})
    assert saved.score == 2 and saved.level == "medium"
    assert severity(affected).dpc.reason == "Only appointment data"
    with pytest.raises(ValidationError) as exc:
        save_assessment(affected=affected, acting_user=user_b, values={
            "dpc": "5", "dpc_reason": "", "ei": "0.3", "ei_reason": "x", "cb": "-1", "cb_reason": "x"})
    assert set(exc.value.message_dict) == {"dpc", "dpc_reason", "ei", "cb"}
    assert SeverityAssessment.objects.get().dpc == 3
