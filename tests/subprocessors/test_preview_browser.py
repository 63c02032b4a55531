"""The preview of a sub-processor change and of its withdrawal, in Chromium, in nl and en:
nothing goes out before the confirmation, and the screens are saved under
``var/test-artefacts/`` for review."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts" / "preview"
TEXT = {
    "nl": ("Controleren voor verzenden", "Bevestigen en verzenden",
           "Bevestigen: intrekken en hen informeren"),
    "en": ("Check before sending", "Confirm and send", "Confirm: withdraw and tell them"),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_preview_pages_in_the_browser(
    live_server, client, login, admin_user, make_subprocessor, general_agreement, specific_agreement,
    make_agreement, make_controller, language, browser
):
    from art28.subprocessors.models import SubprocessorChange

    unsigned = make_agreement(make_controller("Bakkerij Krent"))
    nobody = make_controller("Fietsenmakerij Spaak")
    make_agreement(nobody, state="signed")
    nobody.contacts.all().delete()  # signed once; its only contact has left since
    sp = make_subprocessor(scope_all=True)
    login(client, admin_user)
    session = client.cookies["sessionid"].value
    title, confirm, withdraw = TEXT[language]
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    when = (timezone.localtime() + timedelta(days=40)).strftime("%Y-%m-%dT%H:%M")
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_cookies([
        {"name": "sessionid", "value": session, "url": live_server.url},
        {"name": "django_language", "value": language, "url": live_server.url},
    ])
    page = context.new_page()
    page.goto(f"{live_server.url}/subprocessors/changes/new/")
    page.select_option("select[name=kind]", "add")
    page.select_option("select[name=subprocessor]", str(sp.code))  # chosen by name from the register
    page.fill("input[name=effective_at]", when)
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    assert title in page.inner_text("h1")
    body = page.inner_text("main") if page.query_selector("main") else page.inner_text("body")
    assert unsigned.reference in body and "Fietsenmakerij Spaak" in body
    page.screenshot(path=str(ARTEFACTS / f"change_preview_{language}.png"), full_page=True)
    assert not SubprocessorChange.objects.exists()
    page.check("input[name=allow_unreachable]")
    page.click(f"button:has-text('{confirm}')")
    page.wait_for_load_state()
    change = SubprocessorChange.objects.get()
    assert change.clocks.count() == 3  # the unsigned agreement is left out
    page.goto(f"{live_server.url}/subprocessors/changes/{change.code}/withdraw/")
    assert page.query_selector(f"button:has-text('{withdraw}')") is not None
    page.screenshot(path=str(ARTEFACTS / f"change_withdraw_{language}.png"), full_page=True)
