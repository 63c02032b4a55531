"""End to end in Chromium: staff record an incident and notify; the controller gets the mail
(a real SMTP server), opens the link, logs in and acknowledges."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery 1"


def test_it_records_notifies_and_gets_acknowledged(live_server, settings, admin_user, user_a,
                                                   subprocessor, agreements, smtp_server, browser):
    from art28.breaches.models import Incident, IncidentNotice
    from art28.notices.services import drain

    settings.BASE_URL = live_server.url
    staff = browser.new_page(locale="en-GB")
    _staff_log_in(staff, live_server.url, admin_user)
    staff.goto(f"{live_server.url}/breaches/new/")
    staff.fill("input[name=title]", "Backup bucket readable")
    staff.check(f"input[name=subprocessors][value='{subprocessor.pk}']")
    staff.check("input[name=confidentiality]")
    staff.fill("textarea[name=data_categories]", "naam\ne-mail")
    staff.fill("input[name=subjects_approx]", "250")
    staff.click("form.form button[type=submit]")
    staff.wait_for_url(re.compile(r"/breaches/[0-9a-f-]{36}/$"))
    staff.click("nav.tabs a[href$='?tab=notices']")  # the page's sections are tabs
    staff.wait_for_url(re.compile(r"\?tab=notices$"))
    assert "Tandartspraktijk Zonnebloem" in staff.content()
    staff.select_option("select[name=stage]", "initial")
    staff.click("form[action*='/notices/'] button[type=submit]")
    staff.wait_for_selector("button[name=confirm]")  # the preview first: nothing sent yet
    assert not IncidentNotice.objects.exists() and "Tandartspraktijk Zonnebloem" in staff.content()
    staff.click("button[name=confirm]")
    staff.wait_for_load_state()
    assert "2 notices queued" in staff.content()

    assert drain() == 2
    contact = agreements[0].controller.contacts.get(is_breach_recipient=True)
    mail = smtp_server.to(contact.email)[0]
    assert "Backup bucket readable" in mail["subject"] and "250" in mail["text"]
    # The breach desk has no login yet, so the mail's link is its personal invitation, which
    # opens the notice afterwards (tests/breaches/test_first_notice_invitation.py follows it);
    # here user_a, who has a login, opens the notice it names.
    assert "/invite/" in mail["text"]
    path = re.search(r"/breaches/portal/[^/\s]+/", mail["text"]).group(0)
    link = f"{live_server.url}{path}"

    portal = browser.new_page(locale="en-GB")
    portal.goto(link)  # not logged in: the login page, then back to the notice
    portal.fill("input[name=username]", "user_a")
    portal.fill("input[name=password]", PASSWORD)
    portal.click("button[type=submit].primary")
    portal.wait_for_url(link)
    assert "SE = DPC" in portal.content()
    portal.click("form[action$='/acknowledge/'] button[type=submit]")
    portal.wait_for_selector("#acknowledged")
    item = IncidentNotice.objects.get(affected__agreement=agreements[0])
    assert item.notice.acknowledged_at is not None and item.acknowledged_by == user_a
    assert Incident.objects.get().handler == admin_user


def _staff_log_in(page, base: str, user) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.goto(f"{base}/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(re.compile(r"/login/code/"))
    device = TOTPDevice.objects.get(user=user)
    page.fill("input[name=token]", f"{totp(device.bin_key):06d}")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/staff/")
