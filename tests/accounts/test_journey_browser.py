"""From an empty install to a running processor, in Chromium, every step through the UI.

The database holds only the migrations and what ``art28 createadmin`` made; e-mails are read
from a real SMTP server (aiosmtpd) on loopback after the outbox is drained. After each step the
list of what is due (staff home, portal home) shows or no longer shows the step's item.
"""

from __future__ import annotations

import re
from base64 import b32decode
from datetime import datetime, timedelta
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PW = "correct horse battery 1"
STAFF_PW = "a sturdy passphrase 42"
SIGNER_PW = "another sturdy phrase 7"
DESK_PW = "breach desk phrase 99"
SHOTS = Path("/tmp/art28-accounts-shots")


def _code(page) -> str:
    from django_otp.oath import totp

    secret = page.inner_text("#totp-secret").strip()
    return f"{totp(b32decode(secret)):06d}"


def _mail_link(smtp_server, address: str, kind: str) -> str:
    from art28.notices.services import drain

    drain()
    # The newest e-mail to that address with such a link: a first notice comes with an invitation.
    found = [m.group(1) for mail in reversed(smtp_server.to(address))
             for m in [re.search(rf"(http://\S+/{kind}/\S+/)", mail["text"])] if m]
    return found[0]


def _due(page, url: str) -> str:
    """The text of the "what is due" list on a home page (staff or portal)."""
    page.goto(url)
    return page.inner_text("section.due")


def _enrol(page, shot: str) -> None:
    page.wait_for_selector("#qr svg")
    page.screenshot(path=str(SHOTS / shot), full_page=True)
    page.fill("input[name=token]", _code(page))
    page.click("button[type=submit].primary")
    page.wait_for_selector("#recovery-codes")
    assert page.locator("#recovery-codes li").count() == 10
    page.click("#codes-done")
    page.wait_for_load_state()


def test_a_new_install_runs_from_createadmin_to_a_countersigned_agreement(
        live_server, smtp_server, monkeypatch, settings, browser):
    from django.core.management import call_command

    from art28.agreements.models import AgreementVersion, VersionStatus
    from art28.parties.models import Controller, Membership

    SHOTS.mkdir(exist_ok=True)
    settings.BASE_URL = live_server.url
    monkeypatch.setattr("getpass.getpass", lambda prompt="": ADMIN_PW)
    call_command("createadmin", "boss", email="boss@wolkenrand.example",
                 processor_name="Wolkenrand Hosting B.V.", kvk="87654321")
    base = live_server.url
    admin = browser.new_page(locale="en-GB")
    admin.goto(f"{base}/login/")
    admin.fill("input[name=username]", "boss")
    admin.fill("input[name=password]", ADMIN_PW)
    admin.click("button[type=submit].primary")
    admin.wait_for_url(f"{base}/login/code/setup/")
    _enrol(admin, "admin-enrol-en.png")
    assert admin.url.endswith("/staff/")

    # The admin invites a staff member, who accepts in Dutch and enrols.
    admin.goto(f"{base}/staff/team/invite/")
    admin.fill("input[name=email]", "jan@wolkenrand.example")
    admin.select_option("select[name=role]", "staff")
    admin.click("button[type=submit].primary")
    admin.wait_for_url(f"{base}/staff/team/")
    admin.screenshot(path=str(SHOTS / "team-en.png"), full_page=True)
    link = _mail_link(smtp_server, "jan@wolkenrand.example", "invite")
    staff = browser.new_context(locale="nl-NL").new_page()
    staff.goto(link)
    assert "Kies uw wachtwoord" in staff.content()
    staff.screenshot(path=str(SHOTS / "invitation-nl.png"), full_page=True)
    staff.fill("input[name=password1]", "password")
    staff.fill("input[name=password2]", "password")
    staff.click("button[type=submit].primary")
    staff.wait_for_selector(".field-error")  # the validators refuse; nothing is made
    staff.screenshot(path=str(SHOTS / "password-refused-nl.png"), full_page=True)
    assert not Membership.objects.filter(user__username="jan@wolkenrand.example").exists()
    staff.fill("input[name=password1]", STAFF_PW)
    staff.fill("input[name=password2]", STAFF_PW)
    staff.click("button[type=submit].primary")
    staff.wait_for_url(f"{base}/login/code/setup/")
    _enrol(staff, "staff-enrol-nl.png")

    # The admin adds a controller with a signatory, assigns the staff member.
    admin.goto(f"{base}/staff/controllers/new/")
    for name, value in {"name": "Tandartspraktijk Zonnebloem", "address": "Dorpsstraat 1",
                        "postcode": "3581 KP", "city": "Utrecht", "kvk": "12345678"}.items():
        admin.fill(f"input[name={name}]", value)
    admin.click("button[type=submit].primary")
    admin.wait_for_url(re.compile(r".*/staff/controllers/[0-9a-f-]{36}/$"))
    controller = Controller.objects.get()
    admin.goto(f"{base}/staff/controllers/{controller.code}/contacts/new/")
    admin.fill("input[name=name]", "Sanne Jansen")
    admin.fill("input[name=function]", "Praktijkmanager")
    admin.fill("input[name=email]", "sanne@zonnebloem.example")
    for box in ("is_signatory", "is_privacy_contact", "is_breach_recipient"):
        admin.check(f"input[name={box}]")
    admin.click("button[type=submit].primary")
    admin.wait_for_load_state()
    admin.goto(f"{base}/staff/controllers/{controller.code}/")
    admin.click("#portal-access")
    admin.click("form[action$='/staff/'] button:has-text('Assign')")
    admin.wait_for_load_state()
    admin.screenshot(path=str(SHOTS / "portal-access-en.png"), full_page=True)
    jan = Membership.objects.get(user__username="jan@wolkenrand.example")
    assert list(jan.assigned_controllers.all()) == [controller]
    staff.goto(f"{base}/staff/controllers/")
    assert "Tandartspraktijk Zonnebloem" in staff.content()

    # Our profile: the contact person and breach desk printed in every agreement.
    admin.goto(f"{base}/staff/processor/")
    admin.fill("input[name=contact_name]", "Joost Brandsma")
    admin.fill("input[name=contact_email]", "joost@wolkenrand.example")
    admin.fill("input[name=breach_email]", "datalek@wolkenrand.example")
    admin.fill("input[name=breach_phone]", "+31 20 555 0199")
    admin.click("form button[type=submit].primary")
    admin.wait_for_load_state()

    # A draft agreement, sent for signature. A new install has no security measures
    # yet, so the send page asks for a reason to send without Annex III.
    admin.goto(f"{base}/staff/controllers/{controller.code}/agreements/new/")
    admin.fill("textarea[name=processing__data_categories]", "Naam en adres\nGezondheidsgegevens")
    admin.click("button[type=submit].primary")
    admin.wait_for_url(re.compile(r".*/staff/agreements/[0-9a-f-]{36}/$"))
    admin.click("a:has-text('Send for signature')")
    assert "Annex III" in admin.content()
    admin.fill("textarea[name=override_reason]", "Annex III follows after the security review.")
    admin.click("button[type=submit].primary")
    admin.wait_for_load_state()
    version = AgreementVersion.objects.get()
    assert version.status == VersionStatus.SENT
    reference = version.agreement.reference
    assert f"{reference}: the controller signs" in _due(admin, f"{base}/staff/")

    # The signatory follows the invitation in the signature e-mail and signs.
    link = _mail_link(smtp_server, "sanne@zonnebloem.example", "invite")
    signer = browser.new_context(locale="en-GB").new_page()
    signer.goto(link)
    signer.fill("input[name=password1]", SIGNER_PW)
    signer.fill("input[name=password2]", SIGNER_PW)
    signer.click("button[type=submit].primary")
    signer.wait_for_url(f"{base}/portal/agreements/{version.agreement.code}/")
    assert f"Sign {reference}" in _due(signer, f"{base}/portal/")
    signer.goto(f"{base}/portal/agreements/{version.agreement.code}/")
    signer.fill("input[name=name]", "Sanne Jansen")
    signer.fill("input[name=function]", "Praktijkmanager")
    signer.check("input[name=confirmed]")
    signer.click("form[action*='/accept/'] button[type=submit]")
    signer.wait_for_load_state()
    assert "You accepted the agreement" in signer.content()
    assert reference not in _due(signer, f"{base}/portal/")
    assert f"{reference}: we countersign" in _due(admin, f"{base}/staff/")
    signer.goto(f"{base}/portal/team/")
    signer.screenshot(path=str(SHOTS / "portal-colleagues-en.png"), full_page=True)

    # The admin countersigns.
    admin.goto(f"{base}/staff/agreements/{version.agreement.code}/")
    admin.fill("form[action*='/countersign/'] input[name=name]", "Bas Baas")
    admin.fill("form[action*='/countersign/'] input[name=function]", "Directeur")
    admin.check("form[action*='/countersign/'] input[name=confirmed]")
    admin.click("form[action*='/countersign/'] button[type=submit]")
    admin.wait_for_load_state()
    version.refresh_from_db()
    assert version.status == VersionStatus.SIGNED
    assert Membership.objects.get(user__username="sanne@zonnebloem.example").controller == controller
    assert reference not in _due(admin, f"{base}/staff/")
    admin.screenshot(path=str(SHOTS / "nothing-due-en.png"), full_page=True)

    _breach(base, browser, smtp_server, admin=admin, staff=staff, controller=controller,
            reference=reference)
    _subprocessor_change(base, smtp_server, admin=admin, staff=staff, signer=signer,
                         reference=reference)


def _breach(base, browser, smtp_server, *, admin, staff, controller, reference) -> None:
    """Staff record a breach and notify; the breach desk, new to art28, acknowledges."""
    from art28.breaches.models import Incident

    # The controller's breach desk: a contact of its own, without a login yet.
    admin.goto(f"{base}/staff/controllers/{controller.code}/contacts/new/")
    admin.fill("input[name=name]", "Piet Bakker")
    admin.fill("input[name=function]", "ICT")
    admin.fill("input[name=email]", "datalek@zonnebloem.example")
    admin.check("input[name=is_breach_recipient]")
    admin.click("button[type=submit].primary")
    admin.wait_for_load_state()

    staff.goto(f"{base}/breaches/new/")
    staff.fill("input[name=title]", "Laptop gestolen")
    staff.fill("textarea[name=data_categories]", "Naam en adres")
    staff.click("button[type=submit].primary")
    staff.wait_for_url(re.compile(r".*/breaches/[0-9a-f-]{36}/$"))
    incident = Incident.objects.get()
    staff.goto(f"{base}/breaches/{incident.code}/?tab=affected")  # the page's sections are tabs
    assert reference in staff.inner_text("table.table")  # the agreement it touches
    due = _due(staff, f"{base}/staff/")
    assert f"{reference}" in due and incident.reference in due
    staff.screenshot(path=str(SHOTS / "breach-due-nl.png"), full_page=True)

    staff.goto(f"{base}/breaches/{incident.code}/?tab=notices")
    staff.click("form[action*='/notices/'] button[type=submit]")
    staff.wait_for_selector("button[name=confirm]")
    staff.screenshot(path=str(SHOTS / "breach-preview-nl.png"), full_page=True)
    staff.click("button[name=confirm]")
    staff.wait_for_url(re.compile(rf".*/breaches/{incident.code}/(\?tab=notices)?$"))
    assert incident.reference not in _due(staff, f"{base}/staff/")

    # The notice's own link is the desk's invitation: a password, then the notice itself.
    link = _mail_link(smtp_server, "datalek@zonnebloem.example", "invite")
    assert "next=/breaches/portal/" in link
    desk = browser.new_context(locale="nl-NL").new_page()
    desk.goto(link)
    desk.fill("input[name=password1]", DESK_PW)
    desk.fill("input[name=password2]", DESK_PW)
    desk.click("button[type=submit].primary")
    desk.wait_for_url(re.compile(r".*/breaches/portal/[0-9a-f-]{36}/$"))
    notice = desk.url
    assert incident.reference in _due(desk, f"{base}/portal/")
    desk.screenshot(path=str(SHOTS / "portal-due-breach-nl.png"), full_page=True)
    desk.goto(notice)
    desk.click("form[action$='/acknowledge/'] button[type=submit]")
    desk.wait_for_selector("#acknowledged")
    desk.screenshot(path=str(SHOTS / "breach-acknowledged-nl.png"), full_page=True)
    assert incident.reference not in _due(desk, f"{base}/portal/")


def _subprocessor_change(base, smtp_server, *, admin, staff, signer, reference) -> None:
    """The admin proposes a sub-processor; the client objects; staff resolve the objection."""
    from art28.subprocessors.models import ChangeAgreement, ClockStatus

    admin.goto(f"{base}/subprocessors/new/")
    for name, value in {"name": "Mailwolk B.V.", "address": "Stationsplein 2, Zwolle",
                        "country": "NL", "service": "E-mail hosting",
                        "data_categories": "Naam en adres", "locations": "NL"}.items():
        admin.fill(f"input[name={name}]", value)
    admin.click("button[type=submit].primary")
    admin.wait_for_url(re.compile(r".*/subprocessors/[0-9a-f-]{36}/$"))
    admin.click("a:has-text('Propose a change')")
    admin.select_option("select[name=kind]", "add")
    # The agreement gives 30 days' notice: the change takes effect in six weeks.
    effective = (datetime.now() + timedelta(weeks=6)).strftime("%Y-%m-%dT%H:%M")
    admin.fill("input[name=effective_at]", effective)
    admin.fill("textarea[name=reason]", "Our new mail platform.")
    admin.click("button[type=submit].primary")
    admin.wait_for_selector("button[name=edit]")
    admin.screenshot(path=str(SHOTS / "change-preview-en.png"), full_page=True)
    admin.click("button[type=submit].primary")
    admin.wait_for_url(re.compile(r".*/subprocessors/changes/[0-9a-f-]{36}/$"))
    due = _due(admin, f"{base}/staff/")
    assert f"Objection window for Mailwolk B.V. under {reference}" in due

    link = _mail_link(smtp_server, "sanne@zonnebloem.example", r"subprocessors/portal/changes")
    assert f"Mailwolk B.V. under {reference}" in _due(signer, f"{base}/portal/")
    signer.goto(link)
    signer.fill("textarea[name=reason]", "Wij willen geen nieuwe partij voor patiëntgegevens.")
    signer.click("button[name=answer][value=object]")
    signer.wait_for_load_state()
    assert ChangeAgreement.objects.get().status == ClockStatus.OBJECTED
    assert "Mailwolk" not in _due(signer, f"{base}/portal/")

    # Staff follow the row of the list to the change and resolve the objection.
    _due(staff, f"{base}/staff/")
    staff.screenshot(path=str(SHOTS / "objection-due-nl.png"), full_page=True)
    staff.click("section.due a:has-text('Mailwolk')")
    staff.wait_for_url(re.compile(r".*/subprocessors/changes/[0-9a-f-]{36}/$"))
    staff.select_option("select[name=outcome]", "withdraw")
    staff.fill("input[name=note]", "We blijven voor u bij de huidige partij.")
    staff.click("form[action$='/resolve/'] button[type=submit]")
    staff.wait_for_load_state()
    assert ChangeAgreement.objects.get().resolved_at is not None
    assert "Mailwolk" not in _due(staff, f"{base}/staff/")
    assert "Mailwolk" not in _due(signer, f"{base}/portal/")
