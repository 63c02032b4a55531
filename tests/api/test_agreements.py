"""Agreements over the API: issue, change terms, render, send, accept, countersign, download."""

from __future__ import annotations

import hashlib

import pytest

from art28.agreements.models import AgreementVersion
from tests.api.conftest import last_event


def _v(agreement, n: int = 1) -> str:
    return f"/agreements/{agreement.code}/versions/{n}"


def _sign_body(version) -> dict:
    return {"name": "Sanne Jansen", "function": "Praktijkmanager", "confirmed": True,
            "document_sha256": version.document_sha256}


# -- list, create, get ----------------------------------------------------------------------

def test_it_lists_agreements_paginated_and_filtered_by_status(api, admin_user, make_agreement,
                                                              controller_a, controller_b):
    draft, sent = make_agreement(controller_a), make_agreement(controller_b, state="sent")
    body = api.get("/agreements?page_size=1&page=2", as_=admin_user).json()
    assert (body["count"], body["page"], body["pages"]) == (2, 2, 2)
    body = api.get("/agreements?status=sent", as_=admin_user).json()
    assert [a["code"] for a in body["items"]] == [str(sent.code)]
    assert body["items"][0]["current"]["status"] == "sent"
    body = api.get("/agreements?status=draft", as_=admin_user).json()
    assert [a["code"] for a in body["items"]] == [str(draft.code)]
    assert api.get("/agreements?status=bogus", as_=admin_user).status_code == 422


def test_it_lists_only_what_the_user_may_see(api, staff_a, user_b, staff_none, make_agreement,
                                             controller_a, controller_b):
    # B's users see B's agreement once it was sent; a draft-only one is not theirs to see yet.
    a, b = make_agreement(controller_a), make_agreement(controller_b, state="sent")
    assert [x["code"] for x in api.get("/agreements", as_=staff_a).json()["items"]] == [str(a.code)]
    assert [x["code"] for x in api.get("/agreements", as_=user_b).json()["items"]] == [str(b.code)]
    assert api.get("/agreements", as_=staff_none).json()["count"] == 0
    assert api.get("/agreements").status_code == 401


def test_it_creates_an_agreement_with_a_terms_patch(api, staff_a, controller_a):
    from art28.agreements.models import Agreement

    r = api.post("/agreements", as_=staff_a, json={
        "controller": str(controller_a.code),
        "terms": {"language": "en", "breach": {"notice_hours": 24}}})
    assert r.status_code == 201, r.content
    agreement = Agreement.objects.get(code=r.json()["code"])
    version = agreement.latest
    assert (version.number, version.status, version.language) == (1, "draft", "en")
    assert version.terms["breach"]["notice_hours"] == 24
    # Fields the patch did not name keep the standard terms and the parties' details.
    assert version.terms["controller"]["kvk"] == controller_a.kvk
    assert version.terms["breach"]["content"]
    assert r.json()["current"]["number"] == 1 and r.json()["in_force"] is None
    event = last_event()
    assert (event.action, event.object_code, event.actor_id) == (
        "agreement.created", str(agreement.code), staff_a.pk)


def test_it_denies_creating_to_read_only_and_controller_users(api, staff_readonly, user_a,
                                                              controller_a):
    body = {"controller": str(controller_a.code)}
    assert api.unchanged("post", "/agreements", as_=staff_readonly, json=body).status_code == 403
    assert api.unchanged("post", "/agreements", as_=user_a, json=body).status_code == 403


def test_it_hides_the_controller_from_outsiders_when_creating(api, staff_none, user_b, controller_a):
    body = {"controller": str(controller_a.code)}
    assert api.unchanged("post", "/agreements", as_=staff_none, json=body).status_code == 404
    assert api.unchanged("post", "/agreements", as_=user_b, json=body).status_code == 404
    assert api.unchanged("post", "/agreements", json=body).status_code == 401


@pytest.mark.parametrize("terms,loc_end", [
    ({"breach": {"notice_hours": 0}}, "notice_hours"),
    ({"breach": {"notice_hours": 73}}, "notice_hours"),
    ({"language": "de"}, "language"),
    ({"controller": {"kvk": "123"}}, "kvk"),
    ({"controller": {"contact": {"email": "not-an-email"}}}, "email"),
    ({"breach": {"notice_hourz": 24}}, "notice_hourz"),
])
def test_it_rejects_bad_terms_and_saves_nothing(api, admin_user, controller_a, terms, loc_end):
    r = api.unchanged("post", "/agreements", as_=admin_user,
                      json={"controller": str(controller_a.code), "terms": terms})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == loc_end and r.json()["detail"][0]["msg"]


def test_it_gets_an_agreement_with_its_current_version(api, user_a, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="signed")
    body = api.get(f"/agreements/{agreement.code}", as_=user_a).json()
    assert body["reference"] == agreement.reference
    assert body["controller"] == {"code": str(controller_a.code), "name": controller_a.name}
    assert body["current"]["status"] == "signed" and body["in_force"] == 1
    assert body["current"]["document_sha256"] == agreement.latest.document_sha256


def test_it_hides_an_agreement_from_outsiders(api, staff_none, user_b, make_agreement, controller_a):
    agreement = make_agreement(controller_a)
    for outsider in (staff_none, user_b):
        for path in (f"/agreements/{agreement.code}", f"/agreements/{agreement.code}/versions",
                     _v(agreement), _v(agreement) + "/document"):
            assert api.get(path, as_=outsider).status_code == 404, path
    assert api.get(f"/agreements/{agreement.code}").status_code == 401


# -- terms and versions ----------------------------------------------------------------------

def test_it_edits_a_draft_in_place(api, staff_a, make_agreement, controller_a):
    agreement = make_agreement(controller_a)
    r = api.patch(f"/agreements/{agreement.code}/terms", as_=staff_a,
                  json={"breach": {"notice_hours": 36}})
    assert r.status_code == 200, r.content
    assert agreement.versions.count() == 1
    assert agreement.latest.terms["breach"]["notice_hours"] == 36
    assert last_event().action == "agreement.terms_changed"


def test_it_makes_a_new_version_when_signed_terms_change(api, admin_user, make_agreement,
                                                         controller_a):
    agreement = make_agreement(controller_a, state="signed")
    r = api.patch(f"/agreements/{agreement.code}/terms", as_=admin_user,
                  json={"breach": {"notice_hours": 12}})
    assert r.status_code == 200, r.content
    assert (r.json()["number"], r.json()["status"]) == (2, "draft")
    assert r.json()["changes"]
    statuses = dict(agreement.versions.values_list("number", "status"))
    assert statuses == {1: "signed", 2: "draft"}
    listed = api.get(f"/agreements/{agreement.code}/versions", as_=admin_user).json()
    assert [(v["number"], v["status"]) for v in listed] == [(1, "signed"), (2, "draft")]


def test_it_rejects_bad_terms_changes_and_changes_nothing(api, admin_user, make_agreement,
                                                          controller_a):
    agreement = make_agreement(controller_a)
    terms_before = agreement.latest.terms
    for bad in ({"breach": {"notice_hours": 100}}, {"language": "fr"}, {"nonsense": 1}):
        r = api.unchanged("patch", f"/agreements/{agreement.code}/terms", as_=admin_user, json=bad)
        assert r.status_code == 422
    assert agreement.latest.terms == terms_before


def test_it_moves_to_newer_standard_terms_and_never_back(api, admin_user, make_agreement, controller_a):
    older = make_agreement(controller_a, state="signed")
    AgreementVersion.objects.filter(agreement=older).update(standard_version="2026.1")
    r = api.patch(f"/agreements/{older.code}/terms?standard_version=2026.2", as_=admin_user, json={})
    assert r.status_code == 200, r.content
    assert (r.json()["number"], r.json()["standard_version"]) == (2, "2026.2")
    assert [c["path"] for c in r.json()["changes"]] == ["standard_version"]
    newest = make_agreement(controller_a, state="signed")  # on the current standard terms
    for bad in ("2026.1", "1999.1"):
        r = api.unchanged("patch", f"/agreements/{newest.code}/terms?standard_version={bad}",
                          as_=admin_user, json={"breach": {"notice_hours": 12}})
        assert r.status_code == 422 and bad in r.content.decode()
    assert newest.versions.count() == 1


def test_it_denies_terms_changes_to_read_only_controller_users_and_outsiders(
        api, staff_readonly, user_a, staff_none, make_agreement, controller_a):
    agreement = make_agreement(controller_a)
    path, body = f"/agreements/{agreement.code}/terms", {"breach": {"notice_hours": 24}}
    assert api.unchanged("patch", path, as_=staff_readonly, json=body).status_code == 403
    # A draft-only agreement does not exist for the controller's users yet: 404, not 403.
    assert api.unchanged("patch", path, as_=user_a, json=body).status_code == 404
    assert api.unchanged("patch", path, as_=staff_none, json=body).status_code == 404
    assert api.unchanged("patch", path, json=body).status_code == 401
    sent = make_agreement(controller_a, state="sent")
    assert api.unchanged("patch", f"/agreements/{sent.code}/terms", as_=user_a,
                         json=body).status_code == 403


def test_it_gets_a_version_with_terms_and_evidence(api, staff_a, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="accepted")
    body = api.get(_v(agreement), as_=staff_a).json()
    assert body["status"] == "accepted" and body["terms"]["language"] == "nl"
    assert [a["role"] for a in body["acceptances"]] == ["controller"]
    assert body["acceptances"][0]["document_sha256"] == body["document_sha256"]
    assert api.get(_v(agreement, 9), as_=staff_a).status_code == 404


# -- documents -------------------------------------------------------------------------------

def test_it_renders_pdf_and_docx(api, staff_a, make_agreement, controller_a):
    agreement = make_agreement(controller_a)
    r = api.get(_v(agreement) + "/document?format=pdf", as_=staff_a)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert f'filename="{agreement.reference}-v1.pdf"' in r["Content-Disposition"]
    r = api.get(_v(agreement) + "/document?format=docx", as_=staff_a)
    assert r.status_code == 200 and r["Content-Type"].endswith("wordprocessingml.document")
    assert r.content.startswith(b"PK")
    assert api.get(_v(agreement) + "/document?format=odt", as_=staff_a).status_code == 422


def test_it_serves_the_exact_pdf_whose_hash_is_accepted(api, user_a, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="sent")
    pdf = api.get(_v(agreement) + "/document", as_=user_a).content
    assert hashlib.sha256(pdf).hexdigest() == agreement.latest.document_sha256


def test_it_downloads_the_signed_pdf(api, user_a, staff_none, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="signed")
    r = api.get(_v(agreement) + "/signed", as_=user_a)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert hashlib.sha256(r.content).hexdigest() == agreement.latest.signed_document_sha256
    assert api.get(_v(agreement) + "/signed", as_=staff_none).status_code == 404
    assert api.get(_v(agreement) + "/signed").status_code == 401


def test_it_has_no_signed_pdf_before_signing(api, user_a, make_agreement, controller_a):
    agreement = make_agreement(controller_a, state="accepted")
    assert api.get(_v(agreement) + "/signed", as_=user_a).status_code == 404
