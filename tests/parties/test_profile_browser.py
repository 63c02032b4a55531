"""Our profile and the send guard in Chromium, in Dutch and English, with screenshots.

Screenshots go to $ART28_SCREENSHOTS when set (the lead's review), else to the test's tmp dir.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery 1"


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ART28_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _staff_page(browser, base: str, username: str, locale: str):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/login/code/")
    device = TOTPDevice.objects.get(user__username=username)
    page.fill("input[name=token]", f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/staff/")
    return page


@pytest.mark.parametrize(("locale", "lang", "texts"), [
    ("nl-NL", "nl", ("Ons profiel", "Meldpunt datalekken", "Bijlage III vermeldt geen",
                     "Toch versturen")),
    ("en-GB", "en", ("Our profile", "Data breach desk", "Annex III lists no security measures",
                     "Send anyway")),
])
def test_profile_and_send_guard_in_the_browser(live_server, admin_user, processor, controller_a,
                                               tmp_path, locale, lang, texts, browser):
    from art28.agreements import services
    from art28.agreements.models import VersionStatus
    from art28.ledger.models import Event

    shots = _shots(tmp_path)
    version = services.create_agreement(controller=controller_a, acting_user=admin_user,
                                        terms={"security": {"measures": []}}).latest
    page = _staff_page(browser, live_server.url, "admin", locale)
    page.goto(f"{live_server.url}/staff/processor/")
    assert texts[0] in page.content() and texts[1] in page.content()
    page.fill("input[name=contact_name]", "Joost Brandsma")
    page.fill("input[name=contact_email]", "joost@wolkenrand.example")
    page.fill("input[name=breach_email]", "datalek@wolkenrand.example")
    page.fill("input[name=breach_phone]", "+31 20 555 0199")
    page.click("form button[type=submit].primary")
    page.wait_for_load_state()
    page.screenshot(path=str(shots / f"profile-{lang}.png"), full_page=True)
    page.goto(f"{live_server.url}/staff/versions/{version.code}/send/")
    assert texts[2] in page.content() and texts[3] in page.content()
    page.screenshot(path=str(shots / f"send-guard-{lang}.png"), full_page=True)
    page.fill("textarea[name=override_reason]", "Annex III follows next week.")
    page.click("form button[type=submit].primary")
    page.wait_for_load_state()
    processor.refresh_from_db()
    assert processor.breach_desk_email == "datalek@wolkenrand.example"
    assert processor.contact_person().name == "Joost Brandsma"
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT
    assert version.terms["processor"]["contact"]["name"] == "Joost Brandsma"
    event = Event.objects.filter(action="agreement.sent").get()
    assert event.data["override"]["reason"] == "Annex III follows next week."
