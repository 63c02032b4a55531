"""The console's review pages: upload, report (HTML, PDF), list; hostile uploads save nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from art28.documents import pdf_text
from art28.ledger.models import Event
from art28.reviews.models import Review
from tests.reviews.conftest import counts

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, name: str, **extra):
    return client.post(reverse("reviews:review_create"),
                       {"file": SimpleUploadedFile(name, data), **extra})


def test_it_reviews_an_uploaded_agreement(client, login, staff_a, nl_pdf):
    login(client, staff_a)
    response = _upload(client, nl_pdf, "oud-contract.pdf")
    review = Review.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:review_detail", args=[review.code])
    assert review.filename == "oud-contract.pdf" and review.size == len(nl_pdf)
    assert review.language == "nl" and review.uploaded_by == staff_a and not review.document
    assert review.result["terms"]["breach"]["notice_hours"] == 24
    event = Event.objects.get(action="review.created")
    assert event.data["sha256"] == review.sha256 and event.data["import"] is False


def test_it_shows_the_report_with_quotes(client, login, staff_a, nl_pdf):
    login(client, staff_a)
    _upload(client, nl_pdf, "contract.pdf")
    review = Review.objects.get()
    html = client.get(reverse("reviews:review_detail", args=[review.code])).content.decode()
    quote = review.result["evidence"]["breach.notice_hours"][0]["quote"]
    assert "<mark>" in html and quote[:60] in html.replace("&quot;", '"').replace("&#x27;", "'")
    assert 'id="check-h_audits"' in html and "badge-present" in html
    assert "Melding datalek (uren)" in html or "Breach notice (hours)" in html


def test_it_shows_the_report_in_english(client, login, staff_a, nl_pdf):
    login(client, staff_a)
    _upload(client, nl_pdf, "contract.pdf")
    review = Review.objects.get()
    html = client.get(reverse("reviews:review_detail", args=[review.code]),
                      headers={"accept-language": "en"}).content.decode()
    assert "Breach notice (hours)" in html


def test_it_lists_playbook_deviations(client, login, admin_user, nl_pdf):
    from art28.reviews import services

    services.set_playbook(processor=admin_user.membership.processor, positions={"breach_max_hours": 12},
                          acting_user=admin_user)
    login(client, admin_user)
    _upload(client, nl_pdf, "contract.pdf")
    review = Review.objects.get()
    assert [c["ok"] for c in review.result["playbook"]] == [False]
    html = client.get(reverse("reviews:review_detail", args=[review.code])).content.decode()
    assert "badge-deviation" in html and "12" in html
    assert Event.objects.filter(action="review.playbook_changed").count() == 1


def test_it_takes_a_playbook_file_for_one_review(client, login, staff_a, nl_pdf):
    login(client, staff_a)
    _upload(client, nl_pdf, "contract.pdf",
            playbook=SimpleUploadedFile("pb.json", b'{"breach_max_hours": 48}'))
    assert Review.objects.get().result["playbook"][0]["ok"] is True


def test_it_downloads_the_report_as_pdf_with_the_checklist(client, login, staff_a, en_docx):
    login(client, staff_a)
    _upload(client, en_docx, "contract.docx")
    review = Review.objects.get()
    response = client.get(reverse("reviews:review_pdf", args=[review.code]),
                          headers={"accept-language": "en"})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Article 28(3) checklist" in text
    assert "(h) Information and audits" in text and "present" in text
    assert "contract.docx" in text


def test_it_lists_past_reviews_paginated(client, login, admin_user, staff_a, nl_pdf):
    from art28.reviews import services

    for n in range(27):
        services.review_document(processor=admin_user.membership.processor, data=f"Agreement {n}.".encode(),
                                 filename=f"doc{n}.txt", acting_user=admin_user)
    login(client, admin_user)
    first = client.get(reverse("reviews:review_list")).content.decode()
    second = client.get(reverse("reviews:review_list") + "?page=2").content.decode()
    assert first.count("doc") >= 25 and "doc26.txt" in first and "doc0.txt" in second
    # staff see only their own uploads (and imports for their controllers)
    login(client, staff_a)
    assert "doc0.txt" not in client.get(reverse("reviews:review_list")).content.decode()


@pytest.mark.parametrize("kind", ["empty", "random", "zip_bomb", "image_only"])
def test_it_refuses_hostile_files_on_the_form(client, login, staff_a, bomb, kind):
    data, name, message = {
        "empty": (b"", "empty.pdf", "empty"),
        "random": (bytes(range(256)) * 40, "random.bin", "not accepted"),
        "zip_bomb": (bomb, "bomb.docx", "zip bomb"),
        "image_only": (b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "scan.pdf", ""),
    }[kind]
    login(client, staff_a)
    before = counts()
    response = _upload(client, data, name)
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert errors and message in " ".join(errors)
    assert counts() == before


def test_it_refuses_a_file_over_the_upload_limit(client, login, staff_a, settings):
    settings.ART28_MAX_UPLOAD_MB = 1
    login(client, staff_a)
    before = counts()
    response = _upload(client, b"a" * (1024 * 1024 + 1), "big.txt")
    assert response.status_code == 400
    assert "1 MB" in response.context["form"].errors["file"][0]
    assert counts() == before


def test_it_denies_uploads_to_read_only_staff(client, login, staff_readonly, nl_pdf):
    login(client, staff_readonly)
    assert _upload(client, nl_pdf, "c.pdf").status_code == 403
    assert not Review.objects.exists()


def test_it_hides_reviews_from_outsiders(client, login, admin_user, staff_none, user_a, nl_pdf):
    from art28.reviews import services

    review = services.review_document(processor=admin_user.membership.processor, data=nl_pdf,
                                      filename="c.pdf", acting_user=admin_user)
    for outsider in (staff_none, user_a):
        login(client, outsider)
        for name in ("reviews:review_detail", "reviews:review_pdf"):
            assert client.get(reverse(name, args=[review.code])).status_code == 404
    login(client, user_a)
    assert client.get(reverse("reviews:review_list")).status_code == 404
    assert client.get(reverse("reviews:review_create")).status_code == 404


def test_it_lets_read_only_staff_read_reviews_of_their_controllers(client, login, admin_user,
                                                                     staff_readonly, controller_a, nl_pdf):
    from art28.reviews import services

    review = services.review_document(processor=admin_user.membership.processor, data=nl_pdf,
                                      filename="c.pdf", acting_user=admin_user, controller=controller_a)
    login(client, staff_readonly)
    assert client.get(reverse("reviews:review_detail", args=[review.code])).status_code == 200
    assert client.get(reverse("reviews:review_pdf", args=[review.code])).status_code == 200
