"""The requests API: each endpoint works, read-only is denied, an outsider gets 404."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from art28.agreements import models as am
from art28.requests import models as m
from art28.requests.services import audits, authority, data_subject, instructions
from tests.api.conftest import Api
from tests.requests.conftest import counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def objs(make_agreement, controller_a, staff_a, user_a):
    a = make_agreement(controller_a, state="signed", terms={"audit": {"notice_days": 0}})
    dsr = data_subject.record_data_subject_request(
        agreement=a, kind="access", requester="P", details="Copy", channel="phone", acting_user=staff_a
    )
    task = data_subject.ask_task(request=dsr, action="search", instructions="Find", acting_user=user_a)
    instruction = instructions.give_instruction(agreement=a, text="Keep logs", acting_user=user_a)
    req = authority.record_authority_request(
        agreement=a,
        authority_kind="tax",
        authority="Belastingdienst",
        legal_basis="AWR",
        description="x",
        respond_by=timezone.now() + timedelta(days=9),
        acting_user=staff_a,
    )
    audit = audits.request_audit(
        agreement=a,
        scope_text="All",
        starts_on=timezone.localdate() + timedelta(days=2),
        ends_on=timezone.localdate() + timedelta(days=2),
        auditor="A",
        acting_user=user_a,
    )
    return {
        "agreement": a,
        "dsr": dsr,
        "task": task,
        "instruction": instruction,
        "authority": req,
        "audit": audit,
    }


GETS = [
    ("/data-subject-requests/{}", "dsr"),
    ("/instructions/{}", "instruction"),
    ("/authority-requests/{}", "authority"),
    ("/audits/{}", "audit"),
]


@pytest.mark.parametrize(("path", "key"), GETS)
def test_it_reads_objects_for_who_may_see_them(path, key, objs, api, staff_a, user_a, user_b, staff_none):
    url = path.format(objs[key].code)
    assert api.get(url, as_=staff_a).json()["code"] == str(objs[key].code)
    assert api.get(url, as_=user_a).status_code == 200
    assert api.get(url, as_=user_b).status_code == 404
    assert api.get(url, as_=staff_none).status_code == 404
    assert api.get(url).status_code == 401


STAFF = [
    (
        "/agreements/{}/data-subject-requests",
        "agreement",
        {"kind": "erasure", "requester": "Q", "details": "Erase", "channel": "web"},
        lambda: m.DataSubjectRequest.objects.count() == 2,
    ),
    (
        "/request-tasks/{}/done",
        "task",
        {"evidence": "Found 1"},
        lambda: m.RequestTask.objects.get().status == "done",
    ),
    (
        "/instructions/{}/flag",
        "instruction",
        {"text": "Unclear"},
        lambda: m.Instruction.objects.get().status == "held",
    ),
    (
        "/authority-requests/{}/close",
        "authority",
        {"text": "Nothing"},
        lambda: m.AuthorityRequest.objects.get().status == "closed",
    ),
    (
        "/audits/{}/schedule",
        "audit",
        {"cost_estimate": "900.00"},
        lambda: m.AuditRequest.objects.get().status == "scheduled",
    ),
    (
        "/agreements/{}/termination",
        "agreement",
        {"reason": "agreement"},
        lambda: am.Termination.objects.count() == 1,
    ),
]


@pytest.mark.parametrize(("path", "key", "body", "check"), STAFF)
def test_it_runs_staff_endpoints(
    path, key, body, check, objs, api, staff_a, staff_readonly, staff_none, user_a
):
    url = path.format(objs[key].code)
    for user, status in ((staff_readonly, 403), (staff_none, 404), (user_a, 403)):
        api.token(user)
        before = counts()
        assert api.post(url, as_=user, json=body).status_code == status
        assert counts() == before
    response = api.post(url, as_=staff_a, json=body)
    assert response.status_code in (200, 201), response.content
    assert check()


CONTROLLER = [
    (
        "/data-subject-requests/{}/tasks",
        "dsr",
        {"action": "delete", "instructions": "Delete"},
        lambda: m.RequestTask.objects.count() == 2,
    ),
    (
        "/data-subject-requests/{}/extend",
        "dsr",
        {"text": "Complex"},
        lambda: m.DataSubjectRequest.objects.get().extended_at,
    ),
    (
        "/agreements/{}/instructions",
        "agreement",
        {"text": "Stop mailings"},
        lambda: m.Instruction.objects.filter(source="api").exists(),
    ),
    (
        "/authority-requests/{}/objection",
        "authority",
        {"text": "Object"},
        lambda: m.AuthorityRequest.objects.get().objected_at,
    ),
    (
        "/agreements/{}/audits",
        "agreement",
        {"scope": "x", "starts_on": "2099-01-01", "ends_on": "2099-01-02", "auditor": "B"},
        lambda: m.AuditRequest.objects.count() == 2,
    ),
]


@pytest.mark.parametrize(("path", "key", "body", "check"), CONTROLLER)
def test_it_runs_controller_endpoints(path, key, body, check, objs, api, user_a, user_a_ro, user_b, staff_a):
    url = path.format(objs[key].code)
    for user, status in ((user_a_ro, 403), (user_b, 404), (staff_a, 403)):
        api.token(user)
        before = counts()
        assert api.post(url, as_=user, json=body).status_code == status
        assert counts() == before
    response = api.post(url, as_=user_a, json=body)
    assert response.status_code in (200, 201), response.content
    assert check()


def test_it_refuses_an_audit_in_the_past_with_a_field_error(objs, api, user_a):
    r = api.unchanged(
        "post",
        f"/agreements/{objs['agreement'].code}/audits",
        as_=user_a,
        json={"scope": "x", "starts_on": "2001-01-01", "ends_on": "2001-01-02", "auditor": "B"},
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["starts_on"]


def test_it_runs_a_termination_to_its_certificate(objs, api, staff_a, user_a):
    a = objs["agreement"]
    t = api.post(f"/agreements/{a.code}/termination", as_=staff_a, json={"reason": "main_contract"}).json()
    assert (
        api.post(
            f"/agreements/{a.code}/data-subject-requests",
            as_=staff_a,
            json={"kind": "access", "requester": "Q", "details": "x", "channel": "web"},
        ).status_code
        == 422
    )
    assert (
        api.post(f"/terminations/{t['code']}/choice", as_=user_a, json={"choice": "delete"}).status_code
        == 200
    )
    body = {"target_kind": "system", "target": "Database", "method": "wipe"}
    assert api.post(f"/terminations/{t['code']}/destructions", as_=staff_a, json=body).status_code == 201
    assert api.post(f"/terminations/{t['code']}/destructions", as_=staff_a, json=body).status_code == 422
    done = api.post(f"/terminations/{t['code']}/certificate", as_=staff_a).json()
    assert done["status"] == "certified" and len(done["certificate_sha256"]) == 64
    assert api.get(f"/terminations/{t['code']}", as_=user_a).json()["destructions"][0]["target"] == "Database"


def test_it_publishes_measures_as_admin(objs, api, admin_user, staff_a):
    body = {"measures": [{"kind": "technical", "text": "MFA"}], "summary": "MFA", "substantial": True}
    assert api.unchanged("post", "/measures", as_=staff_a, json=body).status_code == 403
    r = api.post("/measures", as_=admin_user, json=body)
    assert r.status_code == 201 and r.json()["agreements_updated"] == 1
    assert api.get("/measures", as_=staff_a).json()[0]["number"] == 1


def test_it_exports_the_record_or_the_controllers_extract(
    objs, api, admin_user, user_b, make_agreement, controller_b
):
    make_agreement(controller_b, state="signed")
    staff = api.get("/ropa?format=csv", as_=admin_user).getvalue().decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(staff)))) == 2
    own = list(
        csv.DictReader(io.StringIO(api.get("/ropa?format=csv", as_=user_b).getvalue().decode("utf-8-sig")))
    )
    assert [r["Controller"] for r in own] == ["Harbour Analytics Ltd"]
    extract = api.get("/ropa?format=jsonld&all=true", as_=user_b)  # the whole record, streamed
    doc = json.loads(extract.getvalue())
    assert extract.streaming and doc["@context"]["dpv"] == "https://w3id.org/dpv#"
    assert [g["dpv:hasDataController"]["dpv:hasName"] for g in doc["@graph"]] == ["Harbour Analytics Ltd"]


def test_it_lets_the_controller_answer_reports_offered_instead_of_an_audit(
    make_agreement, controller_a, api, staff_a, user_a, user_b
):
    a = make_agreement(controller_a, state="signed", terms={"audit": {"notice_days": 0, "scope": "security"}})
    audit = audits.request_audit(agreement=a, scope_text="Security", auditor="A", acting_user=user_a,
                                 starts_on=timezone.localdate() + timedelta(days=2),
                                 ends_on=timezone.localdate() + timedelta(days=2))
    audits.offer_alternative(audit=audit, alternative="ISO 27001 certificate",
                             report=("iso.pdf", b"%PDF-1.4 report"), acting_user=staff_a)
    url = f"/audits/{audit.code}/answer"
    assert api.unchanged("post", url, as_=staff_a, json={"accept": True}).status_code == 403
    assert api.unchanged("post", url, as_=user_b, json={"accept": True}).status_code == 404
    r = api.post(url, as_=user_a, json={"accept": True})
    assert r.status_code == 200 and r.json()["status"] == m.AuditRequest.objects.get(pk=audit.pk).status
    assert api.unchanged("post", url, as_=user_a, json={"accept": True}).status_code == 422


def test_it_sets_the_end_cost_estimate_and_the_retention_exceptions(
    make_agreement, controller_a, api, staff_a, staff_readonly, user_a
):
    a = make_agreement(controller_a, state="signed", terms={"end": {"cost": "controller"}})
    t = api.post(f"/agreements/{a.code}/termination", as_=staff_a, json={"reason": "agreement"}).json()
    est = f"/terminations/{t['code']}/estimate"
    assert api.unchanged("post", est, as_=user_a, json={"amount": "250.00"}).status_code == 403
    assert api.unchanged("post", est, as_=staff_readonly, json={"amount": "250.00"}).status_code == 403
    assert api.post(est, as_=staff_a, json={"amount": "250.00"}).status_code == 200
    assert str(am.Termination.objects.get(code=t["code"]).cost_estimate) == "250.00"
    ret = f"/terminations/{t['code']}/retention"
    bad = {"items": [{"data": "Invoices", "basis": ""}]}
    assert api.unchanged("put", ret, as_=staff_a, json=bad).status_code == 422
    good = {"items": [{"data": "Invoices", "basis": "Art. 52 AWR", "until": "2033-12-31"}]}
    assert api.call("put", ret, as_=staff_a, json=good).status_code == 200
    assert am.Termination.objects.get(code=t["code"]).retention == [
        {"data": "Invoices", "basis": "Art. 52 AWR", "until": "2033-12-31"}]
