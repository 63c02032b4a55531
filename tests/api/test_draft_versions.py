"""A controller's users see what was sent to them: never a draft version, never a draft-only
agreement, through the API as through the portal (issue 9, hole 4)."""

from __future__ import annotations

import pytest


@pytest.fixture
def signed_then_draft(make_agreement, controller_a, admin_user):
    """Version 1 signed with controller A, version 2 a draft the processor is still editing."""
    from art28.agreements import services

    agreement = make_agreement(controller_a, state="signed")
    services.update_terms(agreement=agreement, terms={"breach": {"notice_hours": 24}},
                          acting_user=admin_user)
    assert [v.status for v in agreement.versions.order_by("number")] == ["signed", "draft"]
    return agreement


def test_it_lists_only_sent_versions_to_the_controller(api, user_a, staff_a, signed_then_draft):
    code = signed_then_draft.code
    mine = api.get(f"/agreements/{code}/versions", as_=user_a)
    assert [v["number"] for v in mine.json()] == [1]
    assert [v["number"] for v in api.get(f"/agreements/{code}/versions", as_=staff_a).json()] == [1, 2]


def test_it_gives_the_controller_404_for_a_draft_version_and_its_document(api, user_a, staff_a,
                                                                          signed_then_draft):
    code = signed_then_draft.code
    assert api.get(f"/agreements/{code}/versions/2", as_=user_a).status_code == 404
    document = api.get(f"/agreements/{code}/versions/2/document", as_=user_a)
    assert document.status_code == 404
    assert not document.content.startswith(b"%PDF")
    assert api.get(f"/agreements/{code}/versions/1", as_=user_a).json()["status"] == "signed"
    assert api.get(f"/agreements/{code}/versions/2", as_=staff_a).json()["status"] == "draft"


def test_it_shows_the_controller_the_sent_version_as_current(api, user_a, signed_then_draft):
    body = api.get(f"/agreements/{signed_then_draft.code}", as_=user_a).json()
    assert body["current"]["number"] == 1
    listed = api.get("/agreements", as_=user_a).json()["items"]
    assert [(a["code"], a["current"]["number"]) for a in listed] == [(str(signed_then_draft.code), 1)]


def test_it_hides_a_draft_only_agreement_from_the_controller(api, client, login, user_a, staff_a,
                                                             controller_a, make_agreement):
    draft = make_agreement(controller_a)
    assert api.get("/agreements", as_=user_a).json() == {"items": [], "count": 0, "page": 1, "pages": 0}
    assert api.get(f"/agreements/{draft.code}", as_=user_a).status_code == 404
    assert api.get(f"/agreements/{draft.code}/versions", as_=user_a).status_code == 404
    assert api.get("/agreements", as_=staff_a).json()["count"] == 1
    page = login(client, user_a).get("/subprocessors/portal/")
    assert page.status_code == 200
    assert draft.reference not in page.content.decode()
