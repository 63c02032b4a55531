"""The review page and its PDF list each requirement in words, gaps first, with its quote."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from art28.documents import pdf_text
from art28.reviews.models import Review

pytestmark = pytest.mark.django_db

# Own wording: one requirement stated, the rest missing.
ONE_CLAUSE = (
    b"Data processing agreement\n\n"
    b"8. Assistance\n"
    b"8.1 The Processor assists the Controller with any data protection impact assessment "
    b"it has to carry out.\n"
)


def _review(client, login, user) -> Review:
    login(client, user)
    client.post(reverse("reviews:review_create"), {"file": SimpleUploadedFile("one-clause.txt", ONE_CLAUSE)})
    return Review.objects.get()


def _requirements_table(html: str) -> str:
    return html.split('<table class="table requirements">')[1].split("</table>")[0]


def test_it_lists_the_requirements_gaps_first_with_the_quote(client, login, staff_a):
    review = _review(client, login, staff_a)
    assert review.result["requirements"]["assist_dpia"]["status"] == "present"
    html = client.get(reverse("reviews:review_detail", args=[review.code]),
                      headers={"accept-language": "en"}).content.decode()
    table = _requirements_table(html)
    assert "Assistance with data protection impact assessments" in table
    assert "Prior authorisation of sub-processors" in table
    # Gaps first: every missing requirement comes before the one that is present.
    assert table.rindex("badge-missing") < table.index("badge-present")
    assert 'id="req-assist_dpia"' in table
    row = table.split('id="req-assist_dpia"')[1].split("</tr>")[0]
    assert "<mark>" in row and "data protection impact assessment it has to carry out" in row


def test_it_shows_the_requirements_in_dutch(client, login, staff_a):
    review = _review(client, login, staff_a)
    html = client.get(reverse("reviews:review_detail", args=[review.code]),
                      headers={"accept-language": "nl"}).content.decode()
    assert "Eisen van artikel 28 lid 2–4 en 32 lid 2, ontbrekende eerst" in html
    table = _requirements_table(html)
    assert "Bijstand bij gegevensbeschermingseffectbeoordelingen" in table
    assert "geen regel dat subverwerkers alleen met voorafgaande" in table


def test_the_pdf_lists_the_requirements(client, login, staff_a):
    review = _review(client, login, staff_a)
    response = client.get(reverse("reviews:review_pdf", args=[review.code]),
                          headers={"accept-language": "en"})
    text = " ".join(pdf_text(response.content).split())
    assert "Requirements of Article 28(2)–(4) and 32(2), gaps first" in text
    assert "Assistance with data protection impact assessments (28(3)(f), 35)" in text
    assert text.index("Prior authorisation of sub-processors") < text.index(
        "Assistance with data protection impact assessments")


def test_a_review_stored_before_the_requirement_list_still_shows(client, login, staff_a):
    review = _review(client, login, staff_a)
    review.result.pop("requirements")
    review.save()
    response = client.get(reverse("reviews:review_detail", args=[review.code]))
    assert response.status_code == 200 and 'class="table requirements"' not in response.content.decode()
