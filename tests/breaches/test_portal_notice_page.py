"""The controller's page of a breach notice: facts, Art. 33(3) contents, what to do, its own
72-hour countdown, and the authority draft (page, PDF, DOCX) in the AP report's sections."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from art28.breaches.models import IncidentNotice
from art28.breaches.services import authority_draft, countdown, open_incident, send_notices
from art28.documents import pdf_text
from art28.documents.extract import docx_text

AWARE = datetime(2026, 3, 27, 10, 0, tzinfo=UTC)
TOLD = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)  # 13:00 CET; the clocks go forward on 29 March
HOSTILE_TITLE = "<script>alert('t')</script> Bucket"
HOSTILE_TEXT = '<img src=x onerror="alert(1)"> & more'


@pytest.fixture
def item(subprocessor, processor, admin_user, agreements):
    """Controller B's initial notice (its agreement asks for every fact), sent at TOLD."""
    with time_machine.travel(AWARE, tick=False):
        incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                                 facts={"title": HOSTILE_TITLE, "aware_at": AWARE, "confidentiality": True,
                                        "description": HOSTILE_TEXT, "data_categories": ["naam", "e-mail"],
                                        "subjects_approx": 1200, "encrypted": False,
                                        "consequences": "Phishing mails possible"})
    with time_machine.travel(TOLD, tick=False):
        send_notices(incident=incident, stage="initial", acting_user=admin_user)
    return IncidentNotice.objects.get(affected__agreement=agreements[1])


def _page(client, login, user, item, language: str, at: datetime) -> str:
    login(client, user)
    client.cookies["django_language"] = language
    with time_machine.travel(at, tick=False):
        response = client.get(reverse("breaches:portal_notice", args=[item.code]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_it_counts_down_the_72_hours_across_the_change_to_summer_time(item):
    # 48 of the 72 hours gone, although the wall clock in Amsterdam moved 49 hours.
    clock = countdown(item.affected, datetime(2026, 3, 29, 12, 0, tzinfo=UTC))
    assert (clock.percent, clock.step, clock.hours_left, clock.minutes_left) == (66, 65, 24, 0)
    with translation.override("en"):
        # 13:00 CET + 72 h = 14:00 CEST; to the minute, never seconds
        assert clock.deadline_local == "30 March 2026, 14:00"
        assert clock.start_local == "27 March 2026, 13:00"
    with translation.override("nl"):
        assert clock.deadline_local == "30 maart 2026, 14:00"
    late = countdown(item.affected, datetime(2026, 3, 30, 12, 1, tzinfo=UTC))
    assert late.overdue and late.percent == 100 and late.hours_left == 0


@pytest.mark.django_db
def test_it_shows_the_notice_as_a_page_in_english(client, login, user_b, item):
    page = _page(client, login, user_b, item, "en", datetime(2026, 3, 29, 12, 0, tzinfo=UTC))
    assert '<progress max="100" value="66" class="clock-bar step-65"' in page
    assert "24 hours 0 minutes left" in page and "<strong>30 March 2026, 14:00</strong>" in page
    # To the minute outside the authority draft (a formal report: there the zone and second).
    shown = page.split('id="draft"')[0] + page.split("All notices about this breach")[1]
    assert "27 March 2026, 13:00" in shown and "14:00:00" not in shown and "13:00:00" not in shown
    for text in ("What you need to do", "Acknowledge receipt", "What a notification must contain",
                 "(b) Contact point", "1,200", "Phishing mails possible", "still open",
                 "Decide whether to inform the data subjects"):
        assert text in page, text
    for title in ("Contact details", "Timeline", "Nature of the breach", "Personal data and numbers",
                  "Data subjects", "Measures in place before the breach",
                  "Likely consequences for the people affected", "Follow-up"):
        assert title in page, title
    assert 'data-copy="draft-prior_measures"' in page and "breaches/copy.js" in page
    assert "<pre" not in page and "style=" not in page and "<script>" not in page


@pytest.mark.django_db
def test_it_shows_the_notice_as_a_page_in_dutch(client, login, user_b, item):
    page = _page(client, login, user_b, item, "nl", datetime(2026, 3, 30, 13, 0, tzinfo=UTC))
    for text in ("Uw 72 uur", "Wat u moet doen", "Ontvangst bevestigen", "Contactgegevens", "Tijdlijn",
                 "Aard van het datalek", "Persoonsgegevens en aantallen", "Betrokkenen",
                 "Maatregelen van vóór de inbreuk", "Vervolg", "Sectie kopiëren", "nog niet bekend",
                 "Uw 72 uur zijn verstreken om 30 maart 2026, 14:00"):
        assert text in page, text
    assert "What you need to do" not in page
    assert "27 maart 2026, 13:00" in page.split('id="draft"')[0]


@pytest.mark.django_db
def test_it_escapes_hostile_text_from_the_incident(client, login, user_b, item):
    page = _page(client, login, user_b, item, "en", TOLD)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more" in page


@pytest.mark.django_db
def test_it_downloads_the_draft_as_pdf_and_docx_with_every_section(client, login, user_b, item):
    login(client, user_b)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        titles = [s["title"] for s in authority_draft(item.affected)]
    pdf = client.get(reverse("breaches:portal_draft_pdf", args=[item.code]))
    docx = client.get(reverse("breaches:portal_draft_docx", args=[item.code]))
    reference = item.affected.incident.reference.lower()
    assert f'filename="{reference}-breach-report-draft-harbour-analytics' in pdf["Content-Disposition"]
    assert docx["Content-Disposition"].endswith('.docx"')
    for text in (pdf_text(b"".join(pdf)), docx_text(b"".join(docx))):
        flat = " ".join(text.split())
        for title in titles:
            assert title in flat, title
        for fact in (HOSTILE_TITLE, HOSTILE_TEXT, "1,200", "Phishing mails possible", "Backupkluis GmbH",
                     "30-03-2026 14:00:00"):
            assert fact in flat, fact
        assert "not yet known" in flat  # the breach's end was not told: the section says so


@pytest.mark.django_db
def test_it_keeps_the_draft_to_its_controller(client, login, user_a, item):
    for name in ("portal_notice", "portal_draft_pdf", "portal_draft_docx"):
        login(client, user_a)  # the other controller: not its notice
        assert client.get(reverse(f"breaches:{name}", args=[item.code])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "point", "other"), [("nl", ",", "."), ("en", ".", ",")])
def test_it_writes_the_severity_numbers_in_the_readers_notation(client, login, user_b, item, language,
                                                                point, other):
    import re

    page = _page(client, login, user_b, item, language, datetime(2026, 3, 27, 13, 0, tzinfo=UTC))
    formula = re.search(r"SE = DPC × EI \+ CB = (.*?)</p>", page).group(1)
    assert re.search(rf"\d{re.escape(point)}\d", formula), formula
    assert not re.search(rf"\d{re.escape(other)}\d", formula), formula
