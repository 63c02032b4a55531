"""Every flow end to end once in Chromium: the controller's steps in the portal, staff in the console."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from art28.agreements import models as am
from art28.notices.services import drain
from art28.requests import models as m
from art28.requests.services import audits, authority, data_subject

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery 1"


def _page(browser, base: str, username: str, *, staff: bool = False):
    page = browser.new_page(accept_downloads=True, locale="en-GB")
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    if staff:
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        page.wait_for_url("**/login/code/")
        device = TOTPDevice.objects.get(user__username=username)
        page.fill("input[name=token]", f"{totp(device.bin_key, step=device.step, t0=device.t0):06d}")
        page.click("button[type=submit].primary")
        page.wait_for_url(f"{base}/staff/")
    else:
        page.wait_for_url(f"{base}/portal/")
    return page


def _submit(page, form_id: str) -> None:
    page.click(f"#{form_id} button[type=submit]")
    page.wait_for_load_state()


def _download(page, selector: str, tmp_path, name: str) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    target = tmp_path / name
    info.value.save_as(target)
    return target.read_bytes()


def test_it_runs_a_data_subject_request_and_an_authority_request(
    live_server, browser, make_agreement, controller_a, staff_a, user_a, smtp_server
):
    agreement = make_agreement(controller_a, state="signed")
    dsr = data_subject.record_data_subject_request(
        agreement=agreement,
        kind="erasure",
        requester="J. de Boer",
        details="Delete my file",
        channel="letter",
        acting_user=staff_a,
    )
    req = authority.record_authority_request(
        agreement=agreement,
        authority_kind="police",
        authority="Politie Utrecht",
        legal_basis="Art. 126nd Sv",
        description="Appointments",
        respond_by=timezone.now() + timedelta(days=7),
        acting_user=staff_a,
    )
    page = _page(browser, live_server.url, "user_a")
    page.goto(f"{live_server.url}/requests/portal/")
    page.click(f"a[href='/requests/portal/dsr/{dsr.code}/']")
    page.select_option("#task-form select[name=action]", "delete")
    page.fill("#task-form textarea[name=instructions]", "Delete J. de Boer from the PMS and backups")
    _submit(page, "task-form")
    assert "Delete J. de Boer from the PMS" in page.content()
    task = m.RequestTask.objects.get()
    data_subject.complete_task(task=task, evidence="Deleted; backup purge 2026-06-01", acting_user=staff_a)
    page.reload()
    assert "Deleted; backup purge" in page.content()
    _submit(page, "close-form")
    assert m.DataSubjectRequest.objects.get().status == "closed"
    page.goto(f"{live_server.url}/requests/portal/authority/{req.code}/")
    page.fill("#objection-form textarea[name=objection]", "Ask for a court order first")
    _submit(page, "objection-form")
    assert m.AuthorityRequest.objects.get().objection == "Ask for a court order first"
    drain()
    subjects = [msg["subject"] for msg in smtp_server.to(controller_a.contacts.get().email)]
    assert any("doorgestuurd" in s for s in subjects) and any("uitgevoerd" in s for s in subjects)
    assert any("overheid" in s for s in subjects)


def test_it_runs_an_instruction_flagged_and_confirmed(
    live_server, browser, make_agreement, controller_a, staff_a, user_a, smtp_server
):
    agreement = make_agreement(controller_a, state="signed")
    portal = _page(browser, live_server.url, "user_a")
    portal.goto(f"{live_server.url}/requests/portal/")
    portal.fill("form.instruction-form textarea[name=text]", "Send the waiting list to the municipality")
    portal.click("form.instruction-form button[type=submit]")
    portal.wait_for_load_state()
    instruction = m.Instruction.objects.get()
    assert (instruction.author_name, instruction.source) == ("user_a", "portal")
    console = _page(browser, live_server.url, "staff_a", staff=True)
    console.goto(f"{live_server.url}/requests/staff/agreements/{agreement.code}/")
    console.fill("form.flag-form input[name=reason]", "No legal basis for sharing health data")
    console.click("form.flag-form button[type=submit]")
    console.wait_for_load_state()
    assert m.Instruction.objects.get().status == "held"
    drain()
    assert any("AVG" in msg["subject"] for msg in smtp_server.to(controller_a.contacts.get().email))
    portal.goto(f"{live_server.url}/requests/portal/instructions/{instruction.code}/")
    portal.select_option("#resolve-form select[name=confirm]", "yes")
    portal.fill("#resolve-form textarea[name=note]", "Required by the youth care act")
    _submit(portal, "resolve-form")
    assert m.Instruction.objects.get().status == "confirmed"


def test_it_runs_an_audit_to_the_report(
    live_server, browser, make_agreement, controller_a, staff_a, user_a, smtp_server, tmp_path
):
    agreement = make_agreement(controller_a, state="signed")
    page = _page(browser, live_server.url, "user_a")
    page.goto(f"{live_server.url}/requests/portal/agreements/{agreement.code}/audits/")
    assert "14 days" in page.content()
    page.fill("#audit-form textarea[name=scope]", "Backups and access control")
    page.fill("#audit-form input[name=starts_on]", "2020-01-06")  # in the past: refused
    page.fill("#audit-form input[name=ends_on]", "2020-01-07")
    page.fill("#audit-form input[name=auditor]", "Audit & Co")
    _submit(page, "audit-form")
    assert "in the past" in page.content() and not m.AuditRequest.objects.exists()
    start = timezone.localdate() + timedelta(days=30)
    page.fill("#audit-form input[name=starts_on]", start.isoformat())
    page.fill("#audit-form input[name=ends_on]", (start + timedelta(days=1)).isoformat())
    _submit(page, "audit-form")
    audit = m.AuditRequest.objects.get()
    audits.schedule_audit(audit=audit, cost_estimate=1800, acting_user=staff_a)
    audits.complete_audit(
        audit=audit,
        report=("report.pdf", b"%PDF-1.7 audit report"),
        noncompliance_found=True,
        acting_user=staff_a,
    )
    page.goto(f"{live_server.url}/requests/portal/audits/{audit.code}/")
    assert "Processor" in page.inner_text("#result")
    assert _download(page, "#report-link", tmp_path, "report.pdf") == b"%PDF-1.7 audit report"
    drain()
    assert any("afgerond" in msg["subject"] for msg in smtp_server.to(controller_a.contacts.get().email))


def test_it_publishes_measures_and_ends_an_agreement_with_a_certificate(
    live_server, browser, make_agreement, controller_a, admin_user, user_a, smtp_server, tmp_path
):
    agreement = make_agreement(controller_a, state="signed")
    console = _page(browser, live_server.url, "admin", staff=True)
    console.goto(f"{live_server.url}/requests/staff/measures/")
    console.fill(
        "#measures-form textarea[name=measures]", "T: Encrypted backups\nO: Yearly awareness training"
    )
    console.fill("#measures-form textarea[name=summary]", "Backups now encrypted")
    console.check("#measures-form input[name=substantial]")
    _submit(console, "measures-form")
    agreement.refresh_from_db()
    assert agreement.latest.number == 2 and agreement.in_force.number == 1
    assert "Encrypted backups" in console.inner_text("#current-measures")
    # End the agreement in the console; the signed version 1 is what ends.
    console.goto(f"{live_server.url}/requests/staff/agreements/{agreement.code}/")
    console.select_option("#terminate-form select[name=reason]", "main_contract")
    _submit(console, "terminate-form")
    t = am.Termination.objects.get()
    portal = _page(browser, live_server.url, "user_a")
    portal.goto(f"{live_server.url}/requests/portal/terminations/{t.code}/")
    portal.select_option("#choice-form select[name=choice]", "return")
    _submit(portal, "choice-form")
    console.goto(f"{live_server.url}/requests/staff/terminations/{t.code}/")
    package = tmp_path / "patients.csv"
    package.write_bytes(b"id,name\n1,J. de Boer\n")
    console.set_input_files("#file-form input[name=file]", str(package))
    _submit(console, "file-form")
    console.fill("#destruction-form input[name=target]", "Practice database")
    console.fill("#destruction-form input[name=method]", "Crypto-erase of the volume")
    _submit(console, "destruction-form")
    console.fill("#destruction-form input[name=target]", "Practice database")
    console.fill("#destruction-form input[name=method]", "again")
    _submit(console, "destruction-form")
    assert "already confirmed" in console.content() and am.Destruction.objects.count() == 1
    _submit(console, "certificate-form")
    t.refresh_from_db()
    assert t.status == "certified"
    portal.goto(f"{live_server.url}/requests/portal/terminations/{t.code}/")
    pdf = _download(portal, "#certificate-link", tmp_path, "certificate.pdf")
    assert hashlib.sha256(pdf).hexdigest() == t.certificate_sha256
    from art28.documents import pdf_text

    assert hashlib.sha256(package.read_bytes()).hexdigest() in " ".join(pdf_text(pdf).split())
    drain()
    subjects = [msg["subject"] for msg in smtp_server.to(controller_a.contacts.get().email)]
    assert any("beveiligingsmaatregelen" in s for s in subjects)
    assert any("beëindigd" in s for s in subjects) and any("Verklaring" in s for s in subjects)


def test_it_downloads_the_record_in_console_and_portal(
    live_server, browser, make_agreement, controller_a, controller_b, admin_user, user_a, tmp_path
):
    make_agreement(controller_a, state="signed")
    make_agreement(controller_b, state="signed")
    console = _page(browser, live_server.url, "admin", staff=True)
    console.goto(f"{live_server.url}/requests/staff/")
    xlsx = _download(console, "a[href='/requests/staff/ropa.xlsx']", tmp_path, "record.xlsx")
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx)).active.values)
    assert len(rows) == 3
    portal = _page(browser, live_server.url, "user_a")
    portal.goto(f"{live_server.url}/requests/portal/")
    extract = _download(portal, "a[href='/requests/portal/ropa.csv']", tmp_path, "extract.csv")
    own = list(csv.DictReader(io.StringIO(extract.decode("utf-8-sig"))))
    assert [r["Controller"] for r in own] == ["Tandartspraktijk Zonnebloem"]
