"""The change form's effective date is optional: a given date is checked against the notice
period every affected agreement sets, a missing one becomes the earliest date they all allow.
The same in the staff form and the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from art28.ledger.models import Event
from art28.subprocessors.models import ChangeAgreement, SubprocessorChange

AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime(2026, 3, 20, 9, 30, 15, tzinfo=UTC)  # a Friday; summer time starts on 29 March


@pytest.fixture
def api(client, db):
    from tests.api.conftest import Api

    return Api(client)


def _form(sp, **extra):
    return {"kind": "add", "subprocessor": sp.code, **extra}


def test_the_form_without_a_date_takes_the_earliest_the_agreements_allow(
        client, login, admin_user, make_subprocessor, general_agreement):
    login(client, admin_user)
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        preview = client.post("/subprocessors/changes/new/", _form(sp))
        assert preview.status_code == 200 and not SubprocessorChange.objects.exists()
        done = client.post("/subprocessors/changes/new/", _form(sp, confirm="True"))
    assert done.status_code == 302
    change = SubprocessorChange.objects.get()
    # 14 days' notice from 10:30:15 CET, at the same hour on the clock (now CEST), to the next
    # whole minute.
    assert change.effective_at == datetime(2026, 4, 3, 10, 31, tzinfo=AMS)
    clock = ChangeAgreement.objects.get(change=change)
    assert clock.agreement == general_agreement
    event = Event.objects.get(action="subprocessor.change_proposed")
    assert event.data["effective_at"] == change.effective_at.isoformat()


def test_a_given_date_inside_the_notice_period_is_refused_with_the_earliest_date(
        client, login, admin_user, make_subprocessor, general_agreement):
    login(client, admin_user)
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        too_soon = datetime(2026, 4, 2, 12, 0, tzinfo=AMS).strftime("%Y-%m-%dT%H:%M")
        response = client.post("/subprocessors/changes/new/",
                               _form(sp, effective_at=too_soon, confirm="True"))
    page = response.content.decode()
    assert response.status_code == 400 and not SubprocessorChange.objects.exists()
    assert "The effective date is sooner than these agreements allow" in page
    assert general_agreement.reference in page and "2026-04-03 10:30" in page  # the local hour kept


def test_a_given_date_after_the_notice_period_is_kept_to_the_minute(
        client, login, admin_user, make_subprocessor, general_agreement):
    login(client, admin_user)
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        given = "2026-04-10T16:45"  # Amsterdam summer time
        preview = client.post("/subprocessors/changes/new/", _form(sp, effective_at=given))
        assert preview.status_code == 200
        done = client.post("/subprocessors/changes/new/", _form(sp, effective_at=given, confirm="True"))
    assert done.status_code == 302
    assert SubprocessorChange.objects.get().effective_at == datetime(2026, 4, 10, 14, 45, tzinfo=UTC)


def test_a_date_in_the_past_is_refused_in_dutch(client, login, admin_user, make_subprocessor,
                                                general_agreement):
    login(client, admin_user)
    client.cookies["django_language"] = "nl"
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        response = client.post("/subprocessors/changes/new/", _form(sp, effective_at="2026-03-19T10:00"))
    assert response.status_code == 400 and not SubprocessorChange.objects.exists()
    assert "De ingangsdatum moet in de toekomst liggen." in response.content.decode()


def test_the_api_takes_the_earliest_date_or_checks_the_given_one(
        api, admin_user, make_subprocessor, general_agreement):
    with time_machine.travel(T0, tick=False):
        sp = make_subprocessor()
        body = {"kind": "add", "subprocessor": str(sp.code)}
        plan = api.post("/subprocessor-changes/plan", as_=admin_user, json=body).json()
        assert plan["blocking"] == []
        assert plan["items"][0]["earliest_effective"].startswith("2026-04-03T08:30:15")
        assert plan["items"][0]["takes_effect_at"].startswith("2026-04-03T08:31:00")
        soon = {**body, "effective_at": (T0 + timedelta(days=13)).isoformat()}
        refused = api.unchanged("post", "/subprocessor-changes", as_=admin_user, json=soon)
        assert refused.status_code in (400, 422) and general_agreement.reference in refused.content.decode()
        made = api.post("/subprocessor-changes", as_=admin_user, json=body)
    assert made.status_code == 201, made.content
    assert SubprocessorChange.objects.get().effective_at == datetime(2026, 4, 3, 8, 31, tzinfo=UTC)
