"""The console and portal views that hand out stored files or close something off: the audit's end,
the agreement's end (estimate, returned files, certificate), closing a data subject request.

Each: works (what is in the database, the ledger, the outbox, or the file sent), a read-only member
cannot write (403, nothing changed), an outsider gets 404, a POST-only view answers GET with 405.
Downloads change nothing, so read-only members may fetch them; only outsiders are refused.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from art28.agreements import models as am
from art28.agreements.services import termination
from art28.documents import pdf_text
from art28.notices.models import Delivery, Notice, NoticeKind
from art28.requests import models as m
from art28.requests.services import audits, data_subject, instructions
from art28.requests.services.common import controller_recipients
from tests.requests.conftest import counts, last_event

pytestmark = pytest.mark.django_db


def _u(name, code):
    return reverse(name if ":" in name else f"requests:{name}", args=[code])


def _notice(kind, about_code):
    notice = Notice.objects.get(kind=kind, about_code=about_code)
    return notice, sorted(Delivery.objects.filter(notice=notice).values_list("recipient", flat=True))


def _refused_writes(client, login, url, data, readonly, outsider):
    """A read-only member gets 403 and an outsider 404, and neither changes a row."""
    before = counts()
    assert login(client, readonly).post(url, data()).status_code == 403
    assert login(client, outsider).post(url, data()).status_code == 404
    assert counts() == before


def _download(client, login, user, url):
    response = login(client, user).get(url)
    assert response.status_code == 200, response.status_code
    return response


def _filename(field):
    return field.name.rsplit("/", 1)[-1]


# -- GET on a POST-only action ----------

POST_ONLY = [
    ("audit_complete", "audit"),
    ("agreements:termination_estimate", "termination"),
    ("agreements:termination_file", "termination"),
    ("agreements:termination_certificate", "termination"),
]
PORTAL_POST_ONLY = [("portal_dsr_close", "dsr"), ("portal_audit_answer", "audit")]


@pytest.mark.parametrize(("name", "key"), POST_ONLY)
def test_it_answers_get_on_staff_actions_with_405(name, key, world, client, login, staff_a):
    before = counts()
    assert login(client, staff_a).get(_u(name, world[key].code)).status_code == 405
    assert counts() == before


@pytest.mark.parametrize(("name", "key"), PORTAL_POST_ONLY)
def test_it_answers_get_on_portal_actions_with_405(name, key, world, client, login, user_a):
    before = counts()
    assert login(client, user_a).get(_u(name, world[key].code)).status_code == 405
    assert counts() == before


# -- instruction_mail ----------


def test_it_downloads_the_mail_an_instruction_came_in(
    world, client, login, staff_a, staff_readonly, staff_none, user_a
):
    mail = b"From: sanne@example.nl\r\nSubject: newsletters\r\n\r\nStop them.\r\n"
    instruction = instructions.record_mailed_instruction(
        agreement=world["agreement"],
        text="Stop newsletters",
        author_name="Sanne",
        given_at=timezone.now() - timedelta(hours=2),
        mail=("instruction.eml", mail),
        acting_user=staff_a,
    )
    url = _u("instruction_mail", instruction.code)
    response = _download(client, login, staff_a, url)
    assert response.content == mail
    assert hashlib.sha256(response.content).hexdigest() == instruction.mail_sha256
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="{_filename(instruction.mail)}"'
    assert _filename(instruction.mail).endswith(".eml")
    assert _download(client, login, staff_readonly, url).content == mail
    assert login(client, staff_none).get(url).status_code == 404
    assert login(client, user_a).get(url).status_code == 404  # the console is not the portal


def test_it_answers_404_for_an_instruction_without_a_mail(world, client, login, staff_a):
    assert login(client, staff_a).get(_u("instruction_mail", world["fresh"].code)).status_code == 404


# -- audits: complete, report (both sides), answer the offered reports ----------


@pytest.fixture
def scheduled(world, staff_a):
    return audits.schedule_audit(audit=world["audit"], cost_estimate=Decimal("1200"), acting_user=staff_a)


def test_it_completes_a_scheduled_audit_with_its_report(
    scheduled, client, login, staff_a, staff_readonly, staff_none
):
    url = _u("audit_complete", scheduled.code)

    def data():
        return {
            "report": SimpleUploadedFile("audit-report.pdf", b"%PDF-1.4 findings"),
            "noncompliance_found": "on",
        }

    _refused_writes(client, login, url, data, staff_readonly, staff_none)
    assert m.AuditRequest.objects.get(pk=scheduled.pk).status == m.AuditStatus.SCHEDULED

    response = login(client, staff_a).post(url, data())
    assert response.status_code == 302 and response["Location"] == _u("audit_detail", scheduled.code)
    audit = m.AuditRequest.objects.get(pk=scheduled.pk)
    assert audit.status == m.AuditStatus.COMPLETED and audit.completed_at
    assert audit.noncompliance_found is True
    assert audit.cost_bearer == m.CostBearer.PROCESSOR  # controller pays unless non-compliance is found
    sha = hashlib.sha256(b"%PDF-1.4 findings").hexdigest()
    assert audit.report_sha256 == sha
    with audit.report.open("rb") as fh:
        assert fh.read() == b"%PDF-1.4 findings"
    event = last_event("audit.completed")
    assert event.object_code == str(audit.code) and event.actor == staff_a
    assert event.data == {"report_sha256": sha, "noncompliance_found": True, "cost_bearer": "processor"}
    notice, recipients = _notice(NoticeKind.AUDIT_UPDATE, f"{audit.code}:completed")
    controller = audit.agreement.controller
    assert notice.controller == controller
    assert recipients == sorted(controller_recipients(controller)) and recipients


def test_it_refuses_to_complete_an_audit_not_scheduled_or_without_a_report(world, client, login, staff_a):
    audit = world["audit"]
    url = _u("audit_complete", audit.code)
    login(client, staff_a)
    before = counts()
    response = client.post(url, {"report": SimpleUploadedFile("r.pdf", b"%PDF")})
    assert response.status_code == 400
    assert response.context["errors"] == ["Only a scheduled audit can be completed."]
    assert counts() == before and not m.AuditRequest.objects.get(pk=audit.pk).report
    audits.schedule_audit(audit=audit, cost_estimate=Decimal("0"), acting_user=staff_a)
    before = counts()
    response = client.post(url, {"noncompliance_found": "on"})
    assert response.status_code == 400 and response.context["errors"] == ["Attach the audit report."]
    assert counts() == before
    audit.refresh_from_db()
    assert audit.status == m.AuditStatus.SCHEDULED and not audit.report and audit.report_sha256 == ""


@pytest.fixture
def completed(scheduled, staff_a):
    return audits.complete_audit(
        audit=scheduled,
        report=("report.pdf", b"%PDF-1.4 report"),
        noncompliance_found=False,
        acting_user=staff_a,
    )


def test_it_downloads_the_audit_report_on_both_sides(
    completed, client, login, staff_a, staff_readonly, staff_none, user_a, user_a_ro, user_b
):
    staff_url, portal_url = _u("audit_report", completed.code), _u("portal_audit_report", completed.code)
    response = _download(client, login, staff_a, staff_url)
    assert response.content == b"%PDF-1.4 report"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="{_filename(completed.report)}"'
    assert _download(client, login, staff_readonly, staff_url).content == b"%PDF-1.4 report"
    assert login(client, staff_none).get(staff_url).status_code == 404
    assert login(client, user_a).get(staff_url).status_code == 404

    response = _download(client, login, user_a, portal_url)
    assert response.content == b"%PDF-1.4 report"
    assert response["Content-Disposition"] == f'attachment; filename="{_filename(completed.report)}"'
    assert _download(client, login, user_a_ro, portal_url).content == b"%PDF-1.4 report"
    assert login(client, user_b).get(portal_url).status_code == 404
    assert login(client, staff_a).get(portal_url).status_code == 404


def test_it_answers_404_for_an_audit_report_not_yet_stored(world, client, login, staff_a, user_a):
    audit = world["audit"]
    assert login(client, staff_a).get(_u("audit_report", audit.code)).status_code == 404
    assert login(client, user_a).get(_u("portal_audit_report", audit.code)).status_code == 404


@pytest.fixture
def offered(make_agreement, controller_a, staff_a, user_a):
    """An audit answered with reports, under terms that let reports stand in for an inspection."""
    agreement = make_agreement(
        controller_a, state="signed", terms={"audit": {"notice_days": 0, "scope": "security"}}
    )
    audit = audits.request_audit(
        agreement=agreement,
        scope_text="Backups",
        starts_on=timezone.localdate() + timedelta(days=3),
        ends_on=timezone.localdate() + timedelta(days=4),
        auditor="Audit & Co",
        acting_user=user_a,
    )
    return audits.offer_alternative(
        audit=audit, alternative="ISO 27001 certificate", report=("iso.pdf", b"%PDF iso"), acting_user=staff_a
    )


def test_it_accepts_the_reports_offered_instead_of_an_audit(
    offered, client, login, user_a, user_a_ro, user_b
):
    url = _u("portal_audit_answer", offered.code)
    _refused_writes(client, login, url, lambda: {"accept": "yes"}, user_a_ro, user_b)
    notices = Notice.objects.count()
    response = login(client, user_a).post(url, {"accept": "yes"})
    assert response.status_code == 302 and response["Location"] == _u("portal_audit", offered.code)
    audit = m.AuditRequest.objects.get(pk=offered.pk)
    assert audit.status == m.AuditStatus.COMPLETED and audit.completed_at
    assert audit.alternative_accepted is True and audit.report_sha256 == offered.report_sha256
    event = last_event()
    assert event.action == "audit.alternative_accepted" and event.object_code == str(audit.code)
    assert event.actor == user_a
    assert Notice.objects.count() == notices  # the service tells no one


def test_it_insists_on_the_audit_and_drops_the_reports(offered, client, login, user_a):
    response = login(client, user_a).post(_u("portal_audit_answer", offered.code), {"accept": "no"})
    assert response.status_code == 302
    audit = m.AuditRequest.objects.get(pk=offered.pk)
    assert audit.status == m.AuditStatus.REQUESTED and audit.completed_at is None
    assert audit.alternative_accepted is False and not audit.report and audit.report_sha256 == ""
    assert last_event().action == "audit.alternative_declined"
    assert login(client, user_a).get(_u("portal_audit_report", audit.code)).status_code == 404


def test_it_refuses_an_answer_when_no_reports_are_offered(world, client, login, user_a):
    before = counts()
    response = login(client, user_a).post(_u("portal_audit_answer", world["audit"].code), {"accept": "yes"})
    assert response.status_code == 400 and response.context["errors"] == [
        "No reports are on offer for this audit."
    ]
    assert counts() == before


# -- data subject requests: close, evidence file ----------


def test_it_closes_a_request_once_its_tasks_are_done(
    world, client, login, staff_a, user_a, user_a_ro, user_b
):
    data_subject.complete_task(task=world["task"], evidence="Found 3 records", acting_user=staff_a)
    dsr = world["dsr"]
    url = _u("portal_dsr_close", dsr.code)
    _refused_writes(client, login, url, dict, user_a_ro, user_b)
    assert login(client, staff_a).post(url).status_code == 404  # the portal is not the console
    notices = Notice.objects.count()
    response = login(client, user_a).post(url)
    assert response.status_code == 302 and response["Location"] == _u("portal_dsr", dsr.code)
    dsr.refresh_from_db()
    assert dsr.status == m.DsrStatus.CLOSED and dsr.closed_at
    event = last_event("dsr.closed")
    assert event.object_code == str(dsr.code) and event.actor == user_a and event.data == {"on_time": True}
    assert Notice.objects.count() == notices


def test_it_refuses_to_close_a_request_with_an_open_task(world, client, login, user_a):
    before = counts()
    response = login(client, user_a).post(_u("portal_dsr_close", world["dsr"].code))
    assert response.status_code == 400 and response.context["errors"] == [
        "A task for this request is still open."
    ]
    assert counts() == before
    assert m.DataSubjectRequest.objects.get().status != m.DsrStatus.CLOSED


def test_it_downloads_a_tasks_evidence_in_the_portal(
    world, client, login, staff_a, user_a, user_a_ro, user_b
):
    task = data_subject.complete_task(
        task=world["task"],
        evidence="Exported",
        evidence_file=("found.csv", b"id,name\n1,P"),
        acting_user=staff_a,
    )
    url = _u("portal_task_evidence", task.code)
    response = _download(client, login, user_a, url)
    assert response.content == b"id,name\n1,P"
    assert hashlib.sha256(response.content).hexdigest() == task.evidence_sha256
    assert response["Content-Disposition"] == f'attachment; filename="{_filename(task.evidence_file)}"'
    assert _download(client, login, user_a_ro, url).content == b"id,name\n1,P"
    assert login(client, user_b).get(url).status_code == 404
    assert login(client, staff_a).get(url).status_code == 404


def test_it_answers_404_for_a_task_without_an_evidence_file(world, client, login, user_a):
    assert login(client, user_a).get(_u("portal_task_evidence", world["task"].code)).status_code == 404


# -- the agreement's end: estimate, returned files, certificate ----------


def test_it_sends_the_end_cost_estimate_when_the_controller_pays(
    make_agreement, controller_a, client, login, staff_a, staff_readonly, staff_none
):
    agreement = make_agreement(controller_a, state="signed", terms={"end": {"cost": "controller"}})
    t = termination.terminate_agreement(agreement=agreement, reason="agreement", acting_user=staff_a)
    url = _u("agreements:termination_estimate", t.code)
    _refused_writes(client, login, url, lambda: {"amount": "250.50"}, staff_readonly, staff_none)
    response = login(client, staff_a).post(url, {"amount": "250.50"})
    assert response.status_code == 302 and response["Location"] == _u("agreements:termination_detail", t.code)
    t.refresh_from_db()
    assert t.cost_estimate == Decimal("250.50")
    event = last_event("termination.estimated")
    assert event.object_code == str(t.code) and event.actor == staff_a
    assert Decimal(str(event.data["amount"])) == Decimal("250.50")
    notice, recipients = _notice(NoticeKind.TERMINATION, f"{t.code}:estimate")
    assert notice.controller == controller_a
    assert recipients == termination._recipients(agreement) and recipients


def test_it_refuses_an_estimate_when_the_processor_pays(world, client, login, staff_a):
    t = world["termination"]
    assert not t.controller_pays
    before = counts()
    response = login(client, staff_a).post(_u("agreements:termination_estimate", t.code), {"amount": "100"})
    assert response.status_code == 400
    assert response.context["errors"] == [
        "Under this agreement the processor bears the cost; no estimate is needed."
    ]
    assert counts() == before
    t.refresh_from_db()
    assert t.cost_estimate is None


@pytest.fixture
def returning(world, user_a):
    return termination.choose_end_way(termination=world["termination"], choice="return", acting_user=user_a)


def test_it_adds_a_file_to_the_returned_data_package(
    returning, client, login, staff_a, staff_readonly, staff_none
):
    t = returning
    url = _u("agreements:termination_file", t.code)

    def data():
        return {"file": SimpleUploadedFile("export.csv", b"id,name\n1,P. Jansen\n")}

    _refused_writes(client, login, url, data, staff_readonly, staff_none)
    notices = Notice.objects.count()
    response = login(client, staff_a).post(url, data())
    assert response.status_code == 302 and response["Location"] == _u("agreements:termination_detail", t.code)
    item = am.ReturnedFile.objects.get(termination=t)
    sha = hashlib.sha256(b"id,name\n1,P. Jansen\n").hexdigest()
    assert (item.name, item.size, item.sha256, item.added_by) == ("export.csv", 20, sha, staff_a)
    with item.file.open("rb") as fh:
        assert fh.read() == b"id,name\n1,P. Jansen\n"
    event = last_event("termination.file_returned")
    assert event.object_code == str(t.code)
    assert event.data == {"name": "export.csv", "sha256": sha, "size": 20}
    assert Notice.objects.count() == notices


def test_it_refuses_a_returned_file_when_the_data_is_destroyed(world, client, login, staff_a):
    t = world["termination"]
    assert t.choice == am.EndWay.DELETE
    before = counts()
    response = login(client, staff_a).post(
        _u("agreements:termination_file", t.code), {"file": SimpleUploadedFile("export.csv", b"1,2")}
    )
    assert response.status_code == 400
    assert response.context["errors"] == ["The controller chose destruction; there is nothing to return."]
    assert counts() == before


def _ready(t, staff):
    """All the certificate needs: the package, destruction in a system and at each sub-processor."""
    termination.add_returned_file(termination=t, name="export.csv", content=b"1,2", acting_user=staff)
    termination.confirm_destruction(
        termination=t, target_kind="system", target="Main DB", method="Wiped", acting_user=staff
    )
    for name in termination.subprocessors_of(t):
        termination.confirm_destruction(
            termination=t,
            target_kind="subprocessor",
            target=name,
            method="Confirmed in writing",
            acting_user=staff,
        )
    assert termination.missing_for_certificate(t) == []
    return t


def test_it_issues_the_certificate_once_everything_is_done(
    returning, client, login, staff_a, staff_readonly, staff_none
):
    t = _ready(returning, staff_a)
    url = _u("agreements:termination_certificate", t.code)
    _refused_writes(client, login, url, dict, staff_readonly, staff_none)
    response = login(client, staff_a).post(url)
    assert response.status_code == 302 and response["Location"] == _u("agreements:termination_detail", t.code)
    t.refresh_from_db()
    assert t.status == am.TerminationStatus.CERTIFIED and t.certified_at
    with t.certificate.open("rb") as fh:
        content = fh.read()
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == t.certificate_sha256
    text = pdf_text(content)
    assert t.agreement.reference in text and "export.csv" in text
    event = last_event("termination.certified")
    assert event.object_code == str(t.code) and event.actor == staff_a
    assert event.data == {
        "sha256": t.certificate_sha256,
        "returned": [{"name": "export.csv", "sha256": hashlib.sha256(b"1,2").hexdigest()}],
    }
    notice, recipients = _notice(NoticeKind.TERMINATION, f"{t.code}:certified")
    assert recipients == termination._recipients(t.agreement) and recipients
    # issued once: the termination is closed
    before = counts()
    again = client.post(url)
    assert again.status_code == 400
    assert again.context["errors"] == ["The certificate has been issued; this termination is closed."]
    assert counts() == before


def test_it_refuses_the_certificate_while_something_is_missing(world, client, login, staff_a):
    t = world["termination"]
    before = counts()
    response = login(client, staff_a).post(_u("agreements:termination_certificate", t.code))
    assert response.status_code == 400
    assert response.context["errors"][0].startswith("Not yet possible; still missing:")
    assert "destruction in at least one system" in response.context["errors"][0]
    assert counts() == before
    t.refresh_from_db()
    assert t.status != am.TerminationStatus.CERTIFIED and not t.certificate


def test_it_downloads_the_certificate_on_both_sides(
    returning, client, login, staff_a, staff_readonly, staff_none, user_a, user_a_ro, user_b
):
    t = termination.issue_certificate(termination=_ready(returning, staff_a), acting_user=staff_a)
    filename = f"certificate-{t.agreement.reference}.pdf"
    assert _filename(t.certificate) == filename
    staff_url = _u("agreements:certificate_pdf", t.code)
    portal_url = _u("agreements:portal_certificate", t.code)
    for user, url in (
        (staff_a, staff_url),
        (staff_readonly, staff_url),
        (user_a, portal_url),
        (user_a_ro, portal_url),
    ):
        response = _download(client, login, user, url)
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert hashlib.sha256(response.content).hexdigest() == t.certificate_sha256
    assert login(client, staff_none).get(staff_url).status_code == 404
    assert login(client, user_a).get(staff_url).status_code == 404
    assert login(client, user_b).get(portal_url).status_code == 404
    assert login(client, staff_a).get(portal_url).status_code == 404


def test_it_answers_404_for_a_certificate_not_yet_issued(world, client, login, staff_a, user_a):
    t = world["termination"]
    assert login(client, staff_a).get(_u("agreements:certificate_pdf", t.code)).status_code == 404
    assert login(client, user_a).get(_u("agreements:portal_certificate", t.code)).status_code == 404
