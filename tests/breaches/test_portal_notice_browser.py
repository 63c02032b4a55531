"""The controller's breach page in Chromium, in Dutch and English: the countdown bar, the copy
button of a draft section, no horizontal overflow, with screenshots.

Screenshots go to $ART28_SCREENSHOTS when set (the lead's review), else to the test's tmp dir.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery 1"


@pytest.mark.parametrize(("locale", "lang", "texts"), [
    ("nl-NL", "nl", ("Uw 72 uur", "Wat u moet doen", "Gekopieerd", "Contactgegevens")),
    ("en-GB", "en", ("Your 72 hours", "What you need to do", "Copied", "Contact details")),
])
def test_it_shows_the_breach_page_and_copies_a_section(live_server, admin_user, user_b, processor,
                                                      subprocessor, agreements, tmp_path, browser,
                                                      locale, lang, texts):
    from art28.breaches.models import IncidentNotice
    from art28.breaches.services import open_incident, send_notices

    now = timezone.now()
    incident = open_incident(processor=processor, acting_user=admin_user, subprocessors=[subprocessor],
                             facts={"title": "Backup bucket readable", "aware_at": now - timedelta(hours=32),
                                    "confidentiality": True, "data_categories": ["naam", "e-mail"],
                                    "subjects_approx": 1200, "description": "A bucket was public."})
    with time_machine.travel(now - timedelta(hours=30)):
        send_notices(incident=incident, stage="initial", acting_user=admin_user)
    item = IncidentNotice.objects.get(affected__agreement=agreements[1])
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    link = f"{live_server.url}/breaches/portal/{item.code}/"
    page.goto(link)
    page.fill("input[name=username]", "user_b")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(link)
    assert texts[0] in page.content() and texts[1] in page.content() and texts[3] in page.content()
    assert page.locator("progress.clock-bar").get_attribute("value") == "41"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shots = Path(os.environ.get("ART28_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"portal-breach-{lang}.png"), full_page=True)
    button = page.locator("#draft-people button.copy, #draft-data button.copy").first
    button.click()
    page.wait_for_function(f"document.querySelector('#draft-data button.copy').textContent === '{texts[2]}'")
    copied = page.evaluate("navigator.clipboard.readText()")
    grouped = {"nl": "1.200", "en": "1,200"}[lang]  # the reader's thousands separator
    assert grouped in copied and copied.splitlines()[0].startswith("4.")
    context.close()
