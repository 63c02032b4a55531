"""The staff home's list in Chromium, in Dutch and English: no codes or raw values on screen,
and no Content-Security-Policy violation from the timeline."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
RAW = ("breach_notice", "authority_request", "data_subject_request", "delivery_failed", "due-overdue",
       "due-day", "processor_staff")


@pytest.mark.parametrize("language, heading", [("nl", "Wat moet er gebeuren"), ("en", "What is due")])
def test_the_list_reads_well_in_the_browser(live_server, client, login, admin_user, make_agreement,
                                            controller_a, controller_b, tmp_path, language, heading, browser):
    from art28.requests.services import authority

    a = make_agreement(controller_a, state="signed")
    make_agreement(controller_b, state="sent")
    now = timezone.now()
    for hours in (-3, 20, 24 * 4, 24 * 20):
        with time_machine.travel(now - timedelta(days=1), tick=False):  # received yesterday
            authority.record_authority_request(
                agreement=a, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
                description="Invoices", respond_by=now + timedelta(hours=hours), acting_user=admin_user)
    login(client, admin_user)
    session = client.cookies["sessionid"].value
    context = browser.new_context(viewport={"width": 1280, "height": 1100})
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url},
                         {"name": "django_language", "value": language, "url": live_server.url}])
    violations: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and violations.append(m.text))
    page.goto(f"{live_server.url}/staff/")
    page.wait_for_load_state("networkidle")
    shot = os.environ.get("ART28_SCREENSHOTS") or str(tmp_path)
    page.screenshot(path=f"{shot}/obligations-{language}.png", full_page=True)
    text = page.inner_text("main")
    assert heading in text
    # The four requests (the overdue one on today; the one in 20 days) and the agreement to sign
    # (due ART28_SIGNATURE_DAYS after sending).
    assert page.locator("svg .tl-mark").count() == 5
    assert page.locator("tr.due-overdue").count() == 1
    assert not violations, violations
    # Each filter's name sits above its box, the kind's as the others' (not beside it).
    labels = page.locator("form.due-filters label")
    assert labels.count() >= 2  # controller, kind (and assignee when there are staff)
    for i in range(labels.count()):
        label = labels.nth(i)
        box, control = label.bounding_box(), label.locator("input, select").bounding_box()
        assert control["y"] >= box["y"] + 12 and abs(control["x"] - box["x"]) < 2, label.inner_text()
    assert not UUID.search(text), UUID.search(text)
    words = set(re.findall(r"[\w-]+", text))
    assert not [raw for raw in RAW if raw in words], [raw for raw in RAW if raw in words]
