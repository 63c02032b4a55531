"""POST /api/v1/analyses and GET /api/v1/analyses/{code}."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from art28.ledger.models import Event
from art28.reviews.models import Review
from tests.reviews.conftest import counts

pytestmark = pytest.mark.django_db


_tokens: dict[int, str] = {}


@pytest.fixture(autouse=True)
def _fresh_tokens():
    _tokens.clear()
    yield
    _tokens.clear()


def _token(user) -> str:
    """One token per user and test (creating a token writes a ledger event)."""
    from art28.api.services import create_token

    if user.pk not in _tokens:
        _tokens[user.pk] = create_token(user=user, name="tests", acting_user=user)[1]
    return _tokens[user.pk]


def _post(client, user, data: bytes, name: str, **fields):
    headers = {"Authorization": f"Bearer {_token(user)}"} if user else {}
    return client.post("/api/v1/analyses", {"file": SimpleUploadedFile(name, data), **fields},
                       headers=headers)


def _get(client, user, code):
    return client.get(f"/api/v1/analyses/{code}", headers={"Authorization": f"Bearer {_token(user)}"})


def test_it_analyses_an_upload(client, staff_a, en_docx):
    response = _post(client, staff_a, en_docx, "dpa.docx")
    assert response.status_code == 201, response.content
    body = response.json()
    review = Review.objects.get()
    assert body["code"] == str(review.code) and body["language"] == "en"
    assert body["terms"]["breach"]["notice_hours"] == 48
    assert body["art28"]["h_audits"]["status"] == "present"
    assert body["evidence"]["breach.notice_hours"][0]["quote"]
    assert body["source"]["filename"] == "dpa.docx"
    assert Event.objects.filter(action="review.created").count() == 1


def test_it_forces_the_language(client, staff_a, en_docx):
    assert _post(client, staff_a, en_docx, "dpa.docx", lang="nl").json()["language"] == "nl"


def test_it_returns_a_stored_analysis(client, staff_a, en_docx):
    code = _post(client, staff_a, en_docx, "dpa.docx").json()["code"]
    response = _get(client, staff_a, code)
    assert response.status_code == 200 and response.json()["terms"]["breach"]["notice_hours"] == 48


# A .bin file is no type the analyzer takes: the upload check refuses it before it is read.
@pytest.mark.parametrize("kind,expected", [("empty", "empty"), ("random", "type"),
                                           ("zip_bomb", "archive_limits")])
def test_it_refuses_hostile_input_with_the_analyzers_reason(client, staff_a, bomb, kind, expected):
    data, name = {"empty": (b"", "e.pdf"), "random": (bytes(range(256)) * 40, "r.bin"),
                  "zip_bomb": (bomb, "b.docx")}[kind]
    _token(staff_a)
    before = counts()
    response = _post(client, staff_a, data, name)
    assert response.status_code == 422, response.content
    detail = response.json()["detail"][0]
    assert detail["type"] == expected and detail["loc"] == ["file"] and detail["msg"]
    assert counts() == before


def test_it_refuses_a_file_over_the_limit_with_413(client, staff_a, settings):
    settings.ART28_MAX_UPLOAD_MB = 1
    _token(staff_a)
    before = counts()
    response = _post(client, staff_a, b"a" * (1024 * 1024 + 1), "big.txt")
    assert response.status_code == 413
    assert response.json()["detail"][0]["type"] == "too_large"
    assert counts() == before


def test_it_denies_read_only_staff_and_controller_users(client, staff_readonly, user_a, en_docx):
    assert _post(client, staff_readonly, en_docx, "dpa.docx").status_code == 403
    assert _post(client, user_a, en_docx, "dpa.docx").status_code == 403
    assert _post(client, None, en_docx, "dpa.docx").status_code == 401
    assert not Review.objects.exists()


def test_it_hides_analyses_from_outsiders(client, staff_a, staff_none, user_a, en_docx):
    code = _post(client, staff_a, en_docx, "dpa.docx").json()["code"]
    assert _get(client, staff_none, code).status_code == 404
    assert _get(client, user_a, code).status_code == 404
