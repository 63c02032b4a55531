"""A breach notice on the portal is named in the reader's language; the e-mail's own subject,
sent in the agreement's language, is shown as it was sent."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from art28.breaches.models import IncidentNotice
from art28.breaches.services import send_notices

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(incident, admin_user, agreements):
    """Initial, follow-up and final notices to both controllers (A's agreement is Dutch, B's English)."""
    for stage in ("initial", "follow_up", "final"):
        send_notices(incident=incident, stage=stage, acting_user=admin_user)
    return incident


def _get(client, login, user, language, name, *args):
    login(client, user)
    client.cookies["django_language"] = language
    response = client.get(reverse(f"breaches:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def _h1(page: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip()


def test_a_dutch_notice_reads_as_english_on_the_english_portal(client, login, user_a, notices, agreements):
    ref = notices.reference
    item = IncidentNotice.objects.get(affected__agreement=agreements[0], stage="initial")
    assert item.notice.subject.startswith(f"Datalek {ref}")  # sent in the agreement's language
    page = _get(client, login, user_a, "en", "portal_notice", item.code)
    assert _h1(page) == f"Personal data breach {ref}: Backup bucket readable"
    assert f"<title>Personal data breach {ref}: Backup bucket readable" in page
    # the e-mail's subject as sent, marked as Dutch text
    assert f'Subject of the e-mail: <span lang="nl">Datalek {ref}: Backup bucket readable</span>' in page
    assert page.count("Datalek") == 1


def test_an_english_notice_reads_as_dutch_on_the_dutch_portal(client, login, user_b, notices, agreements):
    ref = notices.reference
    by_stage = {n.stage: n for n in IncidentNotice.objects.filter(affected__agreement=agreements[1])}
    heading = {stage: _h1(_get(client, login, user_b, "nl", "portal_notice", n.code))
               for stage, n in by_stage.items()}
    assert heading == {"initial": f"Datalek {ref}: Backup bucket readable",
                       "follow_up": f"Aanvulling 2 op datalek {ref}: Backup bucket readable",
                       "final": f"Eindrapport datalek {ref}: Backup bucket readable"}
    page = _get(client, login, user_b, "nl", "portal_notice", by_stage["initial"].code)
    assert (f'Onderwerp van de e-mail: <span lang="en">Personal data breach {ref}: Backup bucket readable'
            '</span>') in page


def test_the_list_of_notices_names_them_in_the_readers_language(client, login, user_a, notices):
    ref = notices.reference
    page = _get(client, login, user_a, "en", "portal_notices")
    links = re.findall(r'<a href="[^"]*">([^<]*)</a>', page)
    assert f"Personal data breach {ref}: Backup bucket readable" in links
    assert f"Update 2 on personal data breach {ref}: Backup bucket readable" in links
    assert f"Final report on personal data breach {ref}: Backup bucket readable" in links
    assert "Datalek" not in page
