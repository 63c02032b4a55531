"""``GET /api/v1/ropa``: the record's JSON-LD is a list paged like the API's other lists
(``page``, ``page_size`` at most 100; ``items``, ``count``, ``page``, ``pages``), ``all=true``
still downloads the whole record, and each user gets only the lines they may see."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import Api

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def record(make_controller, make_agreement, controller_a, controller_b):
    """Seven lines: one of controller A's, two of controller B's (signed, only sent), and four
    of other clients (two of them drafts)."""
    make_agreement(controller_a, state="signed")
    make_agreement(controller_b, state="signed")
    make_agreement(controller_b, state="sent")
    for i in range(4):
        make_agreement(make_controller(f"Bakkerij {i}"), state="signed" if i % 2 else "draft")


def _page(api, user, query: str = "") -> dict:
    response = api.get(f"/ropa?{query}", as_=user)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/ld+json"
    assert not response.has_header("Content-Disposition")  # a page of a list, not a download
    return json.loads(response.content)


def _whole(api, user) -> list[dict]:
    response = api.get("/ropa?all=true", as_=user)
    assert response.streaming and response["Content-Disposition"].startswith("attachment")
    return json.loads(response.getvalue())["@graph"]


def _walk(api, user, size: int) -> tuple[list[dict], list[dict]]:
    """Every page from the first, following the next page while there is one."""
    pages = [_page(api, user, f"page_size={size}")]
    while pages[-1]["page"] < pages[-1]["pages"]:
        pages.append(_page(api, user, f"page_size={size}&page={pages[-1]['page'] + 1}"))
    return pages, [item for p in pages for item in p["items"]]


def _controllers(items: list[dict]) -> list[str]:
    return [i["dpv:hasDataController"]["dpv:hasName"] for i in items]


def test_it_pages_the_record_and_reaches_every_entry_once_in_order(api, admin_user, record):
    pages, items = _walk(api, admin_user, 3)
    assert [(p["page"], p["pages"], p["count"], len(p["items"])) for p in pages] == [
        (1, 3, 7, 3), (2, 3, 7, 3), (3, 3, 7, 1)]
    whole = _whole(api, admin_user)
    # The pages together are the whole record's graph, entry for entry, in its order.
    assert items == whole and len({i["@id"] for i in items}) == 7
    assert _controllers(items) == sorted(_controllers(items))
    past = _page(api, admin_user, "page_size=3&page=4")
    assert past["items"] == [] and (past["count"], past["pages"]) == (7, 3)


def test_each_page_is_a_json_ld_document_with_the_record_s_head(api, admin_user, processor, record):
    page = _page(api, admin_user, "page_size=2")
    assert page["@context"] == {"dpv": "https://w3id.org/dpv#", "dct": "http://purl.org/dc/terms/",
                                "items": "@graph"}
    assert page["@id"] == f"urn:uuid:{processor.code}:ropa"
    assert page["dpv:hasDataProcessor"] == "Wolkenrand Hosting B.V."
    assert [i["@type"] for i in page["items"]] == ["dpv:PersonalDataHandling"] * 2


def test_it_bounds_the_page_size(api, admin_user, record):
    assert len(_page(api, admin_user)["items"]) == 7  # 20 by default
    assert _page(api, admin_user, "page_size=100")["pages"] == 1
    assert api.get("/ropa?page_size=101", as_=admin_user).status_code == 422
    assert api.get("/ropa?page_size=0", as_=admin_user).status_code == 422
    assert api.get("/ropa?page=0", as_=admin_user).status_code == 422


def test_a_controller_user_pages_only_its_own_sent_agreements(api, user_b, user_a, record):
    pages, items = _walk(api, user_b, 1)
    assert [p["count"] for p in pages] == [2, 2]
    assert _controllers(items) == ["Harbour Analytics Ltd"] * 2
    assert items == _whole(api, user_b)
    own = _page(api, user_a)
    assert own["count"] == 1 and _controllers(own["items"]) == ["Tandartspraktijk Zonnebloem"]


def test_staff_page_only_the_controllers_assigned_to_them(api, staff_a, staff_none, record):
    assigned = _page(api, staff_a)
    assert assigned["count"] == 1 and _controllers(assigned["items"]) == ["Tandartspraktijk Zonnebloem"]
    nothing = _page(api, staff_none)
    assert (nothing["count"], nothing["pages"], nothing["items"]) == (0, 0, [])


def test_a_user_of_no_organisation_gets_404(api, record, django_user_model):
    stranger = django_user_model.objects.create_user("stranger", "stranger@example.org", "x-long-password-1")
    assert api.get("/ropa", as_=stranger).status_code == 404


def test_a_page_reads_as_many_queries_for_7_lines_as_for_27(api, admin_user, record, make_controller,
                                                             make_agreement):
    api.token(admin_user)
    with CaptureQueriesContext(connection) as few:
        first = _page(api, admin_user, "page_size=5&page=2")
    for i in range(20):
        make_agreement(make_controller(f"Slagerij {i}"), state="draft")
    with CaptureQueriesContext(connection) as many:
        later = _page(api, admin_user, "page_size=5&page=2")
    assert (first["count"], later["count"]) == (7, 27) and len(later["items"]) == 5
    assert len(many.captured_queries) == len(few.captured_queries)
