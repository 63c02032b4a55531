"""GET /api/v1/obligations: the same list, filtered and paginated."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import Api


@pytest.fixture
def api(client, db):
    return Api(client)


@pytest.fixture
def three(make_agreement, controller_a, controller_b, admin_user):
    from art28.requests.services import authority

    a = make_agreement(controller_a, state="signed")
    make_agreement(controller_a, state="sent")
    make_agreement(controller_b, state="sent")
    authority.record_authority_request(
        agreement=a, authority_kind="tax", authority="Belastingdienst", legal_basis="Art. 53 AWR",
        description="Invoices", respond_by=timezone.now() + timedelta(days=2), acting_user=admin_user)


def test_it_lists_filters_and_pages(api, three, admin_user, controller_a):
    body = api.get("/obligations", as_=admin_user).json()
    assert body["count"] == 3
    assert [i["kind"] for i in body["items"]] == ["authority_request", "signature", "signature"]
    assert body["items"][0]["kind_label"] == "Authority request to pass on"
    assert body["items"][0]["url"].startswith("/requests/staff/authority/")

    body = api.get(f"/obligations?controller={controller_a.code}&kind=signature", as_=admin_user).json()
    assert [(i["kind"], i["controller"]) for i in body["items"]] == [("signature", controller_a.name)]

    soon = (timezone.now() + timedelta(days=1)).isoformat().replace("+", "%2B")
    assert api.get(f"/obligations?due_before={soon}", as_=admin_user).json()["count"] == 0
    # The authority request (2 days) and the two agreements to sign (ART28_SIGNATURE_DAYS).
    assert api.get("/obligations?due_before=2099-01-01T00:00", as_=admin_user).json()["count"] == 3
    week = (timezone.now() + timedelta(days=7)).isoformat().replace("+", "%2B")
    assert api.get(f"/obligations?due_before={week}", as_=admin_user).json()["count"] == 1

    page = api.get("/obligations?page=2&page_size=2", as_=admin_user).json()
    assert (page["count"], page["page"], page["pages"], len(page["items"])) == (3, 2, 2, 1)
    assert api.get("/obligations?kind=nonsense", as_=admin_user).status_code == 422


def test_it_shows_staff_and_controllers_only_their_own(api, three, staff_a, staff_none, user_b, controller_b):
    assert {i["controller"] for i in api.get("/obligations", as_=staff_a).json()["items"]} == {
        "Tandartspraktijk Zonnebloem"}
    assert api.get("/obligations", as_=staff_none).json()["count"] == 0
    assert api.get(f"/obligations?controller={controller_b.code}", as_=staff_a).json()["count"] == 0
    mine = api.get("/obligations", as_=user_b).json()["items"]
    assert [(i["kind"], i["controller"]) for i in mine] == [("to_sign", "Harbour Analytics Ltd")]
    assert api.get("/obligations").status_code == 401
