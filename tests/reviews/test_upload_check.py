"""The analyzer's uploads (review, playbook, staged import, API analysis) pass the one upload
check: the wrong type or too large is refused and nothing is saved."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.reviews.conftest import counts

pytestmark = pytest.mark.django_db
HTML = b"<html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
PDF = b"%PDF-1.7\n"


@pytest.mark.parametrize(("name", "content"), [("logo.svg", SVG), ("notes.txt", SVG), ("dpa.pdf", HTML)])
def test_the_review_form_refuses_the_wrong_type(client, login, staff_a, name, content):
    login(client, staff_a)
    before = counts()
    response = client.post(reverse("reviews:review_create"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and response.context["form"].errors["file"]
    assert counts() == before


def test_the_review_form_refuses_a_playbook_of_the_wrong_type(client, login, staff_a, nl_pdf):
    login(client, staff_a)
    before = counts()
    response = client.post(reverse("reviews:review_create"), {
        "file": SimpleUploadedFile("dpa.pdf", nl_pdf), "playbook": SimpleUploadedFile("pb.svg", SVG)})
    assert response.status_code == 400 and response.context["form"].errors["playbook"]
    assert counts() == before


@pytest.mark.parametrize(("name", "content"), [("dpa.html", HTML), ("dpa.svg", SVG), ("dpa.docx", HTML)])
def test_the_import_form_refuses_the_wrong_type(client, login, staff_a, controller_a, name, content):
    login(client, staff_a)
    before = counts()
    response = client.post(reverse("reviews:import_create"),
                           {"controller": controller_a.pk, "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and response.context["form"].errors["file"]
    assert counts() == before


def test_the_import_form_refuses_a_file_over_the_limit(client, login, staff_a, controller_a, settings):
    settings.ART28_MAX_UPLOAD_MB = 1
    login(client, staff_a)
    before = counts()
    response = client.post(reverse("reviews:import_create"), {
        "controller": controller_a.pk, "file": SimpleUploadedFile("dpa.pdf", PDF + b"0" * 1024 * 1024)})
    assert "1 MB" in response.context["form"].errors["file"][0]
    assert counts() == before


@pytest.mark.parametrize(("name", "content", "code"),
                         [("logo.svg", SVG, "type"), ("dpa.pdf", HTML, "content")])
def test_the_api_refuses_the_wrong_type(client, staff_a, name, content, code):
    from tests.api.conftest import Api

    token = Api(client).token(staff_a)
    before = counts()
    response = client.post("/api/v1/analyses", {"file": SimpleUploadedFile(name, content)},
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == code
    assert counts() == before
