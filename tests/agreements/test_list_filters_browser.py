"""The agreements list and the breach register with their filters, in Chromium (nl), with screenshots.

Screenshots go to $ART28_SCREENSHOTS when set (the lead's review), else to the test's tmp dir.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.parties.test_profile_browser import _staff_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lists_filter_in_the_browser(live_server, admin_user, make_agreement, make_controller,
                                     controller_a, controller_b, tmp_path, browser):
    shots = Path(os.environ.get("ART28_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    a = make_agreement(controller_a, state="sent")
    b = make_agreement(controller_b)
    for _ in range(26):
        make_agreement(make_controller())
    page = _staff_page(browser, live_server.url, "admin", "nl-NL")
    page.goto(f"{live_server.url}/staff/agreements/")
    assert "Pagina 1 van 2" in page.content()
    page.fill("input[name=q]", "Zonnebloem")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**q=Zonnebloem**")
    text = page.inner_text("main") if page.query_selector("main") else page.inner_text("body")
    assert a.reference in text and b.reference not in text and "Filters wissen" in text
    page.screenshot(path=str(shots / "agreement-list-filtered-nl.png"), full_page=True)
    page.goto(f"{live_server.url}/subprocessors/changes/?q=geen&status=open")
    page.screenshot(path=str(shots / "change-list-filtered-nl.png"), full_page=True)
    page.goto(f"{live_server.url}/breaches/?controller=Harbour")
    assert page.input_value("input[name=controller]") == "Harbour"
    page.screenshot(path=str(shots / "incident-list-filtered-nl.png"), full_page=True)
