"""The staff breach pages show moments as people read them elsewhere ("28 November 2026, 14:43"):
to the minute, in the reader's language, without seconds or the zone's name."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from art28.breaches.services import open_incident, send_notices

pytestmark = pytest.mark.django_db

AWARE = datetime(2026, 11, 28, 13, 43, 21, tzinfo=UTC)  # 14:43:21 in Amsterdam
SENT = datetime(2026, 11, 28, 14, 5, 9, tzinfo=UTC)  # 15:05:09
SECONDS = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")


@pytest.fixture
def notified(subprocessor, processor, admin_user, agreements):
    with time_machine.travel(AWARE, tick=False):
        incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                                 facts={"title": "Backup bucket readable", "aware_at": AWARE,
                                        "occurred_at": AWARE, "confidentiality": True})
    with time_machine.travel(SENT, tick=False):
        send_notices(incident=incident, stage="initial", acting_user=admin_user)
    return incident


def _text(client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    with time_machine.travel(SENT, tick=False):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize("language, aware, deadline, sent", [
    ("nl", "28 november 2026, 14:43", "29 november 2026, 14:43", "28 november 2026, 15:05"),
    ("en", "28 November 2026, 14:43", "29 November 2026, 14:43", "28 November 2026, 15:05")])
def test_the_incident_page_shows_times_to_the_minute(client, login, admin_user, notified,
                                                     language, aware, deadline, sent):
    login(client, admin_user)
    url = reverse("breaches:incident_detail", args=[notified.code])
    overview = _text(client, url, language)
    affected = _text(client, url + "?tab=affected", language)
    notices = _text(client, url + "?tab=notices", language)
    listing = _text(client, reverse("breaches:incident_list"), language)
    assert overview.count(aware) == 2  # aware, and when the breach started
    assert deadline in affected and deadline in notices  # agreement A: 24 hours
    assert sent in notices and aware in listing
    for page in (overview, affected, notices, listing):
        assert "Europe/Amsterdam" not in page and not SECONDS.search(page), SECONDS.search(page)
