"""A review speaks in words: the page and its PDF show none of the analyzer's internal keys
(``d_subprocessors``, ``return_or_delete``, ``controller_unless_noncompliant``, ``general``),
in Dutch and in English, for art28's own agreements and the shared real ones."""

from __future__ import annotations

import html
import re
from enum import StrEnum
from pathlib import Path

import pytest
from django.urls import reverse

from art28.analyzer.checklist import CHECKLIST_KEYS
from art28.analyzer.report import FIELDS
from art28.documents import pdf_text
from art28.reviews import services
from art28.reviews.labels import PLAYBOOK
from art28.terms import schema

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "dpas"
ENUMS = {m.value for e in vars(schema).values()
         if isinstance(e, type) and issubclass(e, StrEnum) and e is not StrEnum for m in e}
# Keys that are no word of any language: they must never show, whatever the document says.
SNAKE = sorted({*CHECKLIST_KEYS, *PLAYBOOK, *FIELDS, *(v for v in ENUMS if "_" in v)})
# Values that are English words: on a Dutch page of a Dutch document they betray a raw value.
ENGLISH = ["general", "specific", "prohibited", "shared", "adequacy", "derogation", "error", "warning",
           "reports only", "with consent"]
PLAYBOOK_POSITIONS = {"breach_max_hours": 24, "audit_scope_full": True,
                      "subprocessor_authorisation": ["specific"], "data_in_eea": True,
                      "end_deadline_max_days": 30, "governing_law": ["NL"]}


def _visible(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _shown(client, review, language: str) -> tuple[str, str]:
    client.cookies["django_language"] = language
    page = client.get(reverse("reviews:review_detail", args=[review.code]), HTTP_ACCEPT_LANGUAGE=language)
    pdf = client.get(reverse("reviews:review_pdf", args=[review.code]), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200 and pdf.status_code == 200
    return _visible(page.content.decode()), pdf_text(pdf.content)


def _leaks(text: str) -> list[str]:
    return [k for k in SNAKE if re.search(rf"(?<![\w.]){re.escape(k)}(?![\w])", text)]


def _english(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"\b{w}\b", text)]


def _review(staff, data: bytes, name: str):
    return services.review_document(processor=staff.membership.processor, data=data, filename=name,
                                    playbook=PLAYBOOK_POSITIONS, acting_user=staff)


def test_it_shows_art28s_own_agreements_in_words(client, login, staff_a, en_docx, nl_pdf):
    login(client, staff_a)
    english = _review(staff_a, en_docx, "dpa.docx")
    assert english.result["terms"]["subprocessors"]["authorisation"] == "general"
    for language in ("nl", "en"):
        for text in _shown(client, english, language):
            assert _leaks(text) == []
    page, pdf = _shown(client, english, "nl")
    assert "algemene schriftelijke toestemming" in page and "algemene schriftelijke toestemming" in pdf
    dutch = _review(staff_a, nl_pdf, "contract.pdf")
    for text in _shown(client, dutch, "nl"):
        assert _leaks(text) == [] and _english(text) == []
    page, _pdf = _shown(client, dutch, "en")
    assert "prior specific authorisation" in page


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")) or ["(none)"])
def test_it_shows_the_shared_real_agreements_in_words(client, login, staff_a, name):
    if not CORPUS.is_dir():
        pytest.skip(f"the shared reference agreements are not at {CORPUS}")
    login(client, staff_a)
    review = _review(staff_a, (CORPUS / name).read_bytes(), name)
    for language in ("nl", "en"):
        page, pdf = _shown(client, review, language)
        assert _leaks(page) == [] and _leaks(pdf) == [], (language, _leaks(page), _leaks(pdf))
        if language == "nl" and review.language == "nl":
            assert _english(page) == [] and _english(pdf) == []


# An agreement of our own wording: no data types or data subjects named, Dutch law, and a party
# sentence without an article number (its quote has no place to show).
SHORT_NL = (
    b"Verwerkersovereenkomst\n\n"
    b"tussen Molen De Wieken B.V., hierna \"Opdrachtgever\", "
    b"en Serverhuis Oost B.V., hierna \"Opdrachtnemer\".\n\n"
    b"Artikel 1 Instructies\n"
    b"Opdrachtnemer verwerkt de persoonsgegevens alleen op schriftelijke instructie van Opdrachtgever.\n\n"
    b"Artikel 2 Recht\n"
    b"Op deze overeenkomst is Nederlands recht van toepassing.\n"
)


def _term_row(page: str, path: str) -> str:
    row = re.search(rf'<tr id="term-{re.escape(path)}">(.*?)</tr>', page, flags=re.S)
    assert row, path
    return _visible(row.group(1))


def test_it_says_plural_details_in_the_plural(client, login, staff_a):
    login(client, staff_a)
    review = _review(staff_a, SHORT_NL, "kort.txt")
    assert review.result["art28"]["details_data_types"]["status"] == "missing"
    page, pdf = _shown(client, review, "nl")
    for text in (page, pdf):
        assert "de soorten persoonsgegevens zijn niet beschreven" in text
        assert "de categorieën betrokkenen zijn niet beschreven" in text
        assert "het doel is niet beschreven" in text
        assert "persoonsgegevens is niet" not in text and "betrokkenen is niet" not in text
    page, _pdf = _shown(client, review, "en")
    assert "the types of personal data are not described" in page
    assert "the types of personal data is not" not in page


def test_it_names_the_governing_law_as_a_country(client, login, staff_a):
    login(client, staff_a)
    review = _review(staff_a, SHORT_NL, "kort.txt")
    assert review.result["terms"]["law"]["governing_law"] == "NL"
    for language, name in (("nl", "Nederland"), ("en", "Netherlands")):
        client.cookies["django_language"] = language
        page = client.get(reverse("reviews:review_detail", args=[review.code])).content.decode()
        row = _term_row(page, "law.governing_law")
        assert name in row and not re.search(r"\bNL\b", row)
        shown, pdf = _shown(client, review, language)
        assert re.search(rf"(Toepasselijk recht|Governing law)\s+{name}", pdf)
        # the playbook line too: the position and the agreement by the country's name
        said = {"nl": "Toepasselijk recht: playbook Nederland, overeenkomst Nederland",
                "en": "Governing law: playbook Netherlands, agreement Netherlands"}[language]
        assert said in " ".join(shown.split()) and said in " ".join(pdf.split())


def test_its_pdf_leads_with_the_requirements_in_the_readers_words(client, login, staff_a):
    login(client, staff_a)
    review = _review(staff_a, SHORT_NL, "kort.txt")
    _page, pdf = _shown(client, review, "nl")
    flat = " ".join(pdf.split())
    assert "taal Nederlands" in flat and "taal nl " not in flat
    assert "[-]" not in pdf
    # the party sentence has no article: its quote stands without an empty place in brackets
    assert "Molen De Wieken B.V." in pdf
    assert flat.index("ontbrekende eerst") < flat.index("Wat de overeenkomst bepaalt")
    _page, pdf = _shown(client, review, "en")
    flat = " ".join(pdf.split())
    assert "language Dutch" in flat
    assert flat.index("gaps first") < flat.index("What the agreement says")


# Our own wording: two breach deadlines and two laws, each in its own clause.
TWO_OF_EACH = (
    b"Verwerkersovereenkomst\n\n"
    b"tussen Bakkerij Het Korenaar B.V., hierna \"Opdrachtgever\", "
    b"en Rekencentrum Zuid B.V., hierna \"Opdrachtnemer\".\n\n"
    b"Artikel 4 Datalekken\n"
    b"4.1 Opdrachtnemer meldt een datalek binnen 24 uur aan Opdrachtgever.\n"
    b"4.2 Opdrachtnemer meldt een datalek binnen 36 uur aan Opdrachtgever.\n\n"
    b"Artikel 8 Recht\n"
    b"8.1 Op deze overeenkomst is Duits recht van toepassing.\n"
    b"8.2 Op deze overeenkomst is Nederlands recht van toepassing.\n"
)


@pytest.mark.parametrize(("language", "laws", "hours"), [
    ("nl", "Tegenstrijdigheid: het document noemt 2 verschillende toepasselijke rechtsstelsels: "
           "Duitsland (8.1); Nederland (8.2).",
     "Tegenstrijdigheid: het document noemt 2 verschillende meldtermijnen voor datalekken: "
     "24 (4.1); 36 (4.2)."),
    ("en", "Contradiction: the document states 2 different governing laws: Germany (8.1); Netherlands (8.2).",
     "Contradiction: the document states 2 different breach notice periods: 24 (4.1); 36 (4.2)."),
])
def test_it_says_contradictions_in_the_pages_language_with_countries_by_name(
        client, login, staff_a, language, laws, hours):
    login(client, staff_a)
    review = _review(staff_a, TWO_OF_EACH, "twee.txt")
    assert {f["field"] for f in review.result["findings"] if f["text"].startswith("Contradiction")} == {
        "law.governing_law", "breach.notice_hours"}
    for text in _shown(client, review, language):
        said = " ".join(text.split())
        assert laws in said and hours in said
        assert "DE (8.1)" not in said and "NL (8.2)" not in said and "Read as DE" not in said
        if language == "nl":
            assert "Contradiction" not in said and "Read as" not in said
