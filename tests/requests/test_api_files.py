"""The requests API's file routes: multipart uploads into the same services as the console, and
downloads of what is stored. Each works, read-only is denied, an outsider gets 404, a file over
ART28_MAX_UPLOAD_MB gives 413, an empty one 422, and a refusal leaves nothing behind."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from art28.agreements import models as am
from art28.agreements.services import termination
from art28.documents import pdf_text
from art28.notices.models import Notice, NoticeKind
from art28.requests import models as m
from art28.requests.services import audits, data_subject
from tests.api.conftest import Api
from tests.requests.conftest import counts, last_event

pytestmark = pytest.mark.django_db

CONTENT = b"From: privacy@example.nl\r\nSubject: instruction\r\n\r\nPlease keep the logs for 90 days.\r\n"


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def user_a_ro(processor, controller_a):
    from tests.conftest import _user

    return _user(
        "user_a_ro", role="controller_user", processor=processor, controller=controller_a, read_only=True
    )


@pytest.fixture
def objs(make_agreement, controller_a, staff_a, user_a):
    """One object per upload route, each in the state its service accepts."""
    a = make_agreement(controller_a, state="signed", terms={"audit": {"scope": "security", "notice_days": 0}})
    dsr = data_subject.record_data_subject_request(
        agreement=a, kind="erasure", requester="P", details="Erase", channel="phone", acting_user=staff_a
    )
    task = data_subject.ask_task(request=dsr, action="delete", instructions="Delete", acting_user=user_a)
    day = timezone.localdate() + timedelta(days=2)

    def audit() -> m.AuditRequest:
        return audits.request_audit(
            agreement=a,
            scope_text="Access control",
            starts_on=day,
            ends_on=day,
            auditor="A",
            acting_user=user_a,
        )

    offered, scheduled = audit(), audit()
    scheduled = audits.schedule_audit(audit=scheduled, cost_estimate=Decimal("900.00"), acting_user=staff_a)
    ended = make_agreement(controller_a, state="signed")
    t = termination.terminate_agreement(agreement=ended, reason="agreement", acting_user=staff_a)
    t = termination.choose_end_way(termination=t, choice="return", acting_user=user_a)
    return {"agreement": a, "task": task, "offered": offered, "scheduled": scheduled, "termination": t}


@dataclass
class Upload:
    """One upload route: its path, the object it is on, its form fields and the file's field."""

    path: str
    key: str
    fields: dict[str, str]
    file_field: str
    status: int

    def url(self, objs: dict[str, Any]) -> str:
        return self.path.format(objs[self.key].code)


UPLOADS = {
    "mailed_instruction": Upload(
        "/agreements/{}/mailed-instructions",
        "agreement",
        {
            "text": "Keep the logs for 90 days",
            "author_name": "S. Jansen",
            "given_at": "2026-01-05T10:00:00+01:00",
        },
        "mail",
        201,
    ),
    "task_evidence": Upload(
        "/request-tasks/{}/evidence-file", "task", {"evidence": "Deleted from CRM"}, "evidence_file", 200
    ),
    "audit_alternative": Upload(
        "/audits/{}/alternative", "offered", {"alternative": "ISO 27001 certificate"}, "report", 200
    ),
    "audit_complete": Upload(
        "/audits/{}/complete", "scheduled", {"noncompliance_found": "true"}, "report", 200
    ),
    "returned_file": Upload("/terminations/{}/returned-files", "termination", {}, "file", 201),
}


def _send(api: Api, up: Upload, objs, user, content: bytes = CONTENT, name: str = "upload.eml"):
    data = {**up.fields, up.file_field: SimpleUploadedFile(name, content)}
    headers = {"Authorization": f"Bearer {api.token(user)}"} if user is not None else {}
    return api.client.post("/api/v1" + up.url(objs), data, headers=headers)


def _files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _refused(api: Api, up: Upload, objs, user, status: int, **kw):
    """The call fails with ``status`` and no row or stored file is left behind."""
    if user is not None:
        api.token(user)
    rows, files = counts(), _files()
    response = _send(api, up, objs, user, **kw)
    assert response.status_code == status, response.content
    assert counts() == rows
    assert _files() == files
    return response


def _stored(up: Upload, objs) -> tuple[Any, str]:
    """The stored file and the SHA-256 the service recorded for it."""
    if up.key == "agreement":
        i = m.Instruction.objects.get(source="email")
        return i.mail, i.mail_sha256
    if up.key == "task":
        task = m.RequestTask.objects.get()
        return task.evidence_file, task.evidence_sha256
    if up.key == "termination":
        item = am.ReturnedFile.objects.get()
        return item.file, item.sha256
    audit = m.AuditRequest.objects.get(pk=objs[up.key].pk)
    return audit.report, audit.report_sha256


EXPECTED = {
    # route: (ledger action, kind of notice the service queues, or None)
    "mailed_instruction": ("instruction.recorded", None),
    "task_evidence": ("dsr.task_done", NoticeKind.DATA_SUBJECT_REQUEST),
    "audit_alternative": ("audit.alternative_offered", NoticeKind.AUDIT_UPDATE),
    "audit_complete": ("audit.completed", NoticeKind.AUDIT_UPDATE),
    "returned_file": ("termination.file_returned", None),
}


@pytest.mark.parametrize("route", list(UPLOADS))
def test_it_stores_the_upload_with_its_hash_event_and_notice(route, objs, api, staff_a):
    up = UPLOADS[route]
    action, notice_kind = EXPECTED[route]
    notices = Notice.objects.count()
    response = _send(api, up, objs, staff_a)
    assert response.status_code == up.status, response.content
    field, sha256 = _stored(up, objs)
    assert sha256 == hashlib.sha256(CONTENT).hexdigest()
    with field.open("rb") as fh:
        assert fh.read() == CONTENT
    event = last_event()
    assert event.action == action and sha256 in str(event.data)
    if notice_kind is None:
        assert Notice.objects.count() == notices
    else:
        assert Notice.objects.count() == notices + 1
        assert Notice.objects.order_by("-id").first().kind == notice_kind


def test_it_answers_with_the_objects_new_state(objs, api, staff_a):
    sha = hashlib.sha256(CONTENT).hexdigest()
    body = _send(api, UPLOADS["audit_complete"], objs, staff_a).json()
    assert (body["status"], body["report_sha256"], body["noncompliance_found"]) == ("completed", sha, True)
    assert body["cost_bearer"]
    body = _send(api, UPLOADS["task_evidence"], objs, staff_a).json()
    assert (body["status"], body["evidence_sha256"]) == ("done", sha)
    body = _send(api, UPLOADS["mailed_instruction"], objs, staff_a).json()
    assert (body["source"], body["author_name"], body["mail_sha256"]) == ("email", "S. Jansen", sha)
    body = _send(api, UPLOADS["returned_file"], objs, staff_a, name="export.csv").json()
    assert (body["name"], body["sha256"], body["size"]) == ("export.csv", sha, len(CONTENT))
    assert body["code"] == str(am.ReturnedFile.objects.get().code)


@pytest.mark.parametrize("route", list(UPLOADS))
def test_it_denies_read_only_controller_users_outsiders_and_anonymous_callers(
    route, objs, api, staff_readonly, staff_none, user_a, user_b
):
    up = UPLOADS[route]
    for user, status in ((staff_readonly, 403), (user_a, 403), (staff_none, 404), (user_b, 404), (None, 401)):
        _refused(api, up, objs, user, status)


@pytest.mark.parametrize("route", list(UPLOADS))
def test_it_refuses_a_file_over_the_limit_with_413(route, objs, api, staff_a, settings):
    settings.ART28_MAX_UPLOAD_MB = 1
    up = UPLOADS[route]
    response = _refused(api, up, objs, staff_a, 413, content=b"x" * (1024 * 1024 + 1))
    detail = response.json()["detail"][0]
    assert (detail["type"], detail["loc"]) == ("too_large", [up.file_field]) and "1 MB" in detail["msg"]


@pytest.mark.parametrize("route", list(UPLOADS))
def test_it_refuses_an_empty_file_with_422(route, objs, api, staff_a):
    up = UPLOADS[route]
    detail = _refused(api, up, objs, staff_a, 422, content=b"").json()["detail"][0]
    assert (detail["type"], detail["loc"]) == ("empty", [up.file_field])


def test_it_refuses_what_the_service_refuses_and_keeps_nothing(
    objs, api, staff_a, user_a, make_agreement, controller_a
):
    # A full audit cannot be answered with reports.
    full = make_agreement(controller_a, state="signed", terms={"audit": {"scope": "full", "notice_days": 0}})
    day = timezone.localdate() + timedelta(days=2)
    audit = audits.request_audit(
        agreement=full, scope_text="All", starts_on=day, ends_on=day, auditor="A", acting_user=user_a
    )
    objs["full"] = audit
    up = Upload("/audits/{}/alternative", "full", {"alternative": "SOC 2"}, "report", 200)
    assert "full audit" in _refused(api, up, objs, staff_a, 422).json()["detail"][0]["msg"]
    # A blank text is a field error, with the file not kept.
    up = Upload(
        "/agreements/{}/mailed-instructions",
        "agreement",
        {**UPLOADS["mailed_instruction"].fields, "author_name": " "},
        "mail",
        201,
    )
    assert _refused(api, up, objs, staff_a, 422).json()["detail"][0]["loc"] == ["author_name"]
    # The same file name twice in one data package.
    assert _send(api, UPLOADS["returned_file"], objs, staff_a, name="export.csv").status_code == 201
    r = _refused(api, UPLOADS["returned_file"], objs, staff_a, 422, name="export.csv")
    assert "already in the package" in r.json()["detail"][0]["msg"]
    # A task is done only once.
    assert _send(api, UPLOADS["task_evidence"], objs, staff_a).status_code == 200
    assert (
        "already done"
        in _refused(api, UPLOADS["task_evidence"], objs, staff_a, 422).json()["detail"][0]["msg"]
    )


def test_it_needs_the_form_fields(objs, api, staff_a):
    up = UPLOADS["mailed_instruction"]
    up = Upload(up.path, up.key, {"text": "x"}, up.file_field, up.status)
    locs = {tuple(d["loc"]) for d in _refused(api, up, objs, staff_a, 422).json()["detail"]}
    assert ("form", "author_name") in locs and ("form", "given_at") in locs


# -- downloads ----------


def _get(api: Api, path: str, user):
    headers = {"Authorization": f"Bearer {api.token(user)}"} if user is not None else {}
    return api.client.get("/api/v1" + path, headers=headers)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


DOWNLOADS = [
    # route that uploads, path of the download, who on the controller side may have it
    ("task_evidence", "/request-tasks/{}/evidence-file", "task", True),
    ("audit_alternative", "/audits/{}/report", "offered", True),
    ("audit_complete", "/audits/{}/report", "scheduled", True),
    ("mailed_instruction", "/instructions/{}/mail", "instruction", False),
]


@pytest.mark.parametrize(("route", "path", "key", "controller_may"), DOWNLOADS)
def test_it_downloads_stored_files_for_who_may_see_them(
    route, path, key, controller_may, objs, api, staff_a, user_a, user_b, staff_none
):
    assert _send(api, UPLOADS[route], objs, staff_a, name="upload.eml").status_code == UPLOADS[route].status
    objs["instruction"] = m.Instruction.objects.filter(source="email").first()
    url = path.format(objs[key].code)
    response = _get(api, url, staff_a)
    assert response.status_code == 200 and _body(response) == CONTENT
    assert 'filename="upload.eml"' in response["Content-Disposition"]
    if controller_may:
        assert _body(_get(api, url, user_a)) == CONTENT
    else:
        assert _get(api, url, user_a).status_code == 403
    assert _get(api, url, user_b).status_code == 404
    assert _get(api, url, staff_none).status_code == 404
    assert _get(api, url, None).status_code == 401


def test_it_gives_404_where_nothing_is_stored(objs, api, staff_a):
    assert _get(api, f"/audits/{objs['offered'].code}/report", staff_a).status_code == 404
    assert _get(api, f"/request-tasks/{objs['task'].code}/evidence-file", staff_a).status_code == 404
    assert _get(api, f"/terminations/{objs['termination'].code}/certificate", staff_a).status_code == 404


def test_it_returns_files_and_certifies_them_with_their_hashes(
    objs, api, staff_a, user_a, user_b, staff_none
):
    t = objs["termination"]
    package = b"patient_id,name\n1042,J. de Boer\n"
    r = _send(api, UPLOADS["returned_file"], objs, staff_a, content=package, name="export.csv")
    item = r.json()
    assert item["sha256"] == hashlib.sha256(package).hexdigest()
    url = f"/returned-files/{item['code']}"
    for user in (staff_a, user_a):
        response = _get(api, url, user)
        assert _body(response) == package and 'filename="export.csv"' in response["Content-Disposition"]
    assert _get(api, url, user_b).status_code == 404 and _get(api, url, staff_none).status_code == 404
    assert _get(api, url, None).status_code == 401
    body = {"target_kind": "system", "target": "Database", "method": "Crypto-erase"}
    assert api.post(f"/terminations/{t.code}/destructions", as_=staff_a, json=body).status_code == 201
    done = api.post(f"/terminations/{t.code}/certificate", as_=staff_a).json()
    assert done["returned"][0]["code"] == item["code"]
    for user in (staff_a, user_a):
        response = _get(api, f"/terminations/{t.code}/certificate", user)
        pdf = _body(response)
        assert response["Content-Type"] == "application/pdf"
        assert hashlib.sha256(pdf).hexdigest() == done["certificate_sha256"]
        assert item["sha256"] in " ".join(pdf_text(pdf).split())
    assert _get(api, f"/terminations/{t.code}/certificate", user_b).status_code == 404
    assert _get(api, f"/terminations/{t.code}/certificate", None).status_code == 401


def test_it_documents_the_file_routes(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/agreements/{code}/mailed-instructions",
        "/request-tasks/{code}/evidence-file",
        "/audits/{code}/alternative",
        "/audits/{code}/complete",
        "/terminations/{code}/returned-files",
    ):
        op = schema["paths"]["/api/v1" + path]["post"]
        assert "multipart/form-data" in op["requestBody"]["content"]
        assert {"413", "422"} <= set(op["responses"])
    certificate = schema["paths"]["/api/v1/terminations/{code}/certificate"]
    assert "application/pdf" in certificate["get"]["responses"]["200"]["content"] and "post" in certificate
    for path in (
        "/request-tasks/{code}/evidence-file",
        "/audits/{code}/report",
        "/instructions/{code}/mail",
        "/returned-files/{code}",
    ):
        assert "get" in schema["paths"]["/api/v1" + path]


HTML = b"<html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.mark.parametrize("route", list(UPLOADS))
@pytest.mark.parametrize(("name", "content", "code"), [
    ("page.html", HTML, "type"), ("logo.svg", SVG, "type"), ("notes.txt", SVG, "content"),
    ("report.pdf", HTML, "content"),
])
def test_it_refuses_a_file_of_the_wrong_type_with_422(route, name, content, code, objs, api, staff_a):
    up = UPLOADS[route]
    detail = _refused(api, up, objs, staff_a, 422, content=content, name=name).json()["detail"][0]
    assert (detail["type"], detail["loc"]) == (code, [up.file_field]) and detail["msg"]
