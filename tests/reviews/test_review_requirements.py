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


TWO_CLAUSES = (
    b"Data processing agreement\n\n"
    b"8. Assistance\n"
    b"8.1 The Processor assists the Controller with any data protection impact assessment "
    b"it has to carry out and with any prior consultation of the supervisory authority.\n\n"
    b"9. End\n"
    b"9.1 At the end of the services the Processor deletes all personal data or returns it, "
    b"as the Controller chooses.\n"
)


def _two(client, login, user) -> Review:
    login(client, user)
    client.post(reverse("reviews:review_create"),
                {"file": SimpleUploadedFile("two-clauses.txt", TWO_CLAUSES)})
    return Review.objects.get()


def test_each_quote_links_to_its_place_in_the_document_view(client, login, staff_a):
    review = _two(client, login, staff_a)
    reqs = review.result["requirements"]
    dpia = reqs["assist_dpia"]["evidence"][0]
    end = reqs["delete_or_return"]["evidence"][0]
    html = client.get(reverse("reviews:review_detail", args=[review.code]),
                      headers={"accept-language": "en"}).content.decode()
    row = _requirements_table(html).split('id="req-assist_dpia"')[1].split("</tr>")[0]
    assert f'href="#s-{dpia["sentence"]}"' in row and f"line {dpia['line']}" in row
    view = html.split('<ol class="passages">')[1].split("</ol>")[0]
    # One entry per quoted sentence, in document order, highlighted, naming what it is quoted for.
    assert view.count(f'id="s-{dpia["sentence"]}"') == 1
    assert view.index(f'id="s-{dpia["sentence"]}"') < view.index(f'id="s-{end["sentence"]}"')
    place = view.split(f'id="s-{dpia["sentence"]}"')[1].split("</li>")[0]
    assert "<mark>8.1 The Processor assists the Controller with any data protection impact" in place
    assert 'href="#req-assist_dpia"' in place and 'href="#req-assist_prior_consultation"' in place
    assert "Assistance with data protection impact assessments" in place and "present" in place
    assert "The quoted sentences in document order" in html
    # No sentence that decides no requirement is listed: the gaps have no place to point to.
    assert 'href="#req-subprocessor_authorisation"' not in view


def test_the_document_view_is_in_dutch(client, login, staff_a):
    review = _two(client, login, staff_a)
    line = review.result["requirements"]["delete_or_return"]["evidence"][0]["line"]
    html = client.get(reverse("reviews:review_detail", args=[review.code]),
                      headers={"accept-language": "nl"}).content.decode()
    assert "De geciteerde zinnen in de volgorde van het document" in html
    view = html.split('<ol class="passages">')[1].split("</ol>")[0]
    assert f"regel {line}" in view and "Verwijdering of teruggave van de gegevens bij het einde" in view


def test_the_pdf_gives_each_quote_its_line_and_lists_the_quoted_sentences(client, login, staff_a):
    review = _two(client, login, staff_a)
    end = review.result["requirements"]["delete_or_return"]["evidence"][0]
    response = client.get(reverse("reviews:review_pdf", args=[review.code]),
                          headers={"accept-language": "en"})
    text = " ".join(pdf_text(response.content).split())
    assert f"line {end['line']}] 9.1 At the end of the services" in text
    assert "The quoted sentences in document order" in text
    after = text.split("The quoted sentences in document order")[1]
    assert after.index("8.1 The Processor assists") < after.index("9.1 At the end of the services")
    assert "Deletion or return of the data at the end (present)" in after


def test_a_stored_quote_without_a_place_still_shows(client, login, staff_a):
    review = _two(client, login, staff_a)
    for item in review.result["requirements"].values():
        for e in item["evidence"]:
            e.pop("sentence"), e.pop("line")
    review.save()
    html = client.get(reverse("reviews:review_detail", args=[review.code])).content.decode()
    assert '<ol class="passages">' not in html and "9.1 At the end of the services" in html
