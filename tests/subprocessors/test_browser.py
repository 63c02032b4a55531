"""Consent and objection end to end: the notice arrives at a real SMTP server, the controller
follows its link in Chromium and answers in one step."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery 1"


@pytest.fixture
def change(processor, admin_user, make_subprocessor, general_agreement, specific_agreement, smtp_server):
    from art28.notices.services import drain
    from art28.subprocessors import services

    sp = make_subprocessor("Rekenhal Amsterdam B.V.")
    proposed = services.propose_change(
        processor=processor,
        kind="add",
        subprocessor=sp,
        effective_at=timezone.now() + timedelta(days=30),
        acting_user=admin_user,
        reason="More capacity",
    )
    drain()  # the invitations of the signed agreements go too
    return proposed


def _notice(mailbox, address: str) -> dict:
    (message,) = [m for m in mailbox.to(address) if "Rekenhal Amsterdam" in m["subject"]]
    return message


def _link(mailbox, address: str) -> str:
    message = _notice(mailbox, address)
    # A contact without a login gets the link inside a personal invitation (…/invite/…?next=…);
    # the user with a login opens the change page it names.
    return re.search(r"/subprocessors/portal/changes/[0-9a-f-]+/", message["text"]).group(0)


def _answer_in_browser(browser, base: str, username: str, path: str, answer: str, reason: str = "") -> str:
    page = browser.new_page(locale="en-GB")
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/portal/")
    page.goto(base + path)
    if reason:
        page.fill("textarea[name=reason]", reason)
    page.click(f"button[name=answer][value={answer}]")
    page.wait_for_load_state()
    return page.inner_text("#clock-status")


def test_the_controller_consents_in_the_browser(
    live_server, change, smtp_server, user_b, controller_b, specific_agreement, browser
):
    from art28.subprocessors.models import ChangeAgreement, ClockStatus

    contact = controller_b.contacts.get()
    message = _notice(smtp_server, contact.email)
    assert "consent" in message["subject"] and "Rekenhal Amsterdam" in message["subject"]
    path = re.sub(r"^https?://[^/]+", "", _link(smtp_server, contact.email))
    status = _answer_in_browser(browser, live_server.url, "user_b", path, "consent")
    assert status == "Consented"
    clock = ChangeAgreement.objects.get(agreement=specific_agreement)
    assert clock.status == ClockStatus.CONSENTED and clock.answered_by == user_b


def test_the_controller_objects_in_the_browser(
    live_server, change, smtp_server, user_a, controller_a, general_agreement, browser
):
    from art28.ledger.models import Event
    from art28.subprocessors.models import ChangeAgreement, ClockStatus

    contact = controller_a.contacts.get()
    message = _notice(smtp_server, contact.email)
    assert "bezwaar tot" in message["subject"]  # controller A reads Dutch
    assert message["message_id"].endswith("@art28>")
    path = re.sub(r"^https?://[^/]+", "", _link(smtp_server, contact.email))
    status = _answer_in_browser(
        browser, live_server.url, "user_a", path, "object", "Our data stays in the Netherlands"
    )
    assert status == "Objected"
    clock = ChangeAgreement.objects.get(agreement=general_agreement)
    assert clock.status == ClockStatus.OBJECTED and clock.reason == "Our data stays in the Netherlands"
    assert Event.objects.filter(action="subprocessor.change_objected", actor=user_a).count() == 1
