"""PDF and DOCX of every demo agreement, in both languages, say the same and say enough."""

from __future__ import annotations

from io import BytesIO

import docx
import pytest

from art28.documents import AgreementDocument, build_document, render_docx, render_pdf
from art28.terms.schema import DpaTerms
from tests.documents.helpers import normalise, rendered_texts, words


def reading_order(doc: AgreementDocument) -> list[str]:
    """Everything outside tables, in the order a reader meets it."""
    lines = [doc.title, doc.subtitle, doc.parties_intro, *doc.parties, doc.whereas,
             *doc.recitals, doc.agree]
    for article in doc.articles:
        lines.append(f"{article.label} – {article.heading}")
        for p in article.paragraphs:
            lines += [f"{p.number} {p.text}", *p.items]
    lines += [doc.signatures_heading, doc.signatures_intro]
    lines += [s.heading for s in doc.signatures]
    for annex in doc.annexes:
        lines.append(annex.title)
        for block in annex.blocks:
            lines += [block.text] if block.text else block.items
    return [normalise(line) for line in lines]


def assert_in_order(expected: list[str], text: str) -> None:
    position = 0
    for line in expected:
        found = text.find(line, position)
        assert found >= 0, f"missing or out of order: {line!r}"
        position = found + len(line)


def test_it_renders_every_paragraph_in_order_in_pdf_and_docx(demo: DpaTerms) -> None:
    pdf, docx_ = rendered_texts(demo)
    expected = reading_order(build_document(demo, reference="DPA-TEST-1"))
    assert_in_order(expected, normalise(pdf))
    assert_in_order(expected, normalise(docx_))


def test_it_puts_the_same_words_in_pdf_and_docx(demo: DpaTerms) -> None:
    pdf, docx_ = rendered_texts(demo)
    # Tables may wrap cells side by side in the PDF, so compare the words, not the lines.
    assert sorted(words(pdf)) == sorted(words(docx_))


def test_it_names_the_parties_and_their_kvk_numbers(demo: DpaTerms) -> None:
    for text in rendered_texts(demo):
        for party in (demo.processor, demo.controller):
            assert party.name in text
            if party.kvk:
                assert party.kvk in normalise(text)


def test_it_states_the_breach_notice_hours(demo: DpaTerms) -> None:
    hours = demo.breach.notice_hours
    phrase = f"binnen {hours} uur" if demo.language == "nl" else f"within {hours} hours"
    delay = "zonder onredelijke vertraging" if demo.language == "nl" else "without undue delay"
    for text in rendered_texts(demo):
        assert phrase in normalise(text)
        assert delay in normalise(text)


def test_it_has_all_four_annexes(demo: DpaTerms) -> None:
    titles = [a.title for a in build_document(demo, reference="DPA-TEST-1").annexes]
    assert [t.split(" – ")[0].split()[-1] for t in titles] == ["I", "II", "III", "IV"]
    for text in rendered_texts(demo):
        assert_in_order(titles, normalise(text))
        for measure in demo.security.measures:
            # The demo's register is in both languages: each agreement shows its own.
            assert getattr(measure, f"text_{demo.language}") in normalise(text)
        for sub in demo.subprocessors.named:
            assert sub.name in text
            assert getattr(sub, f"service_{demo.language}") in normalise(text)


def test_it_lists_each_signatory_with_contact_details(demo: DpaTerms) -> None:
    for text in rendered_texts(demo):
        flat = normalise(text)
        for party in (demo.processor, demo.controller):
            c = party.contact
            for value in (c.name, c.function, c.email, c.phone, c.mobile):
                if value:
                    assert value in flat


def test_it_numbers_pdf_pages_as_x_of_y(demo: DpaTerms) -> None:
    pdf, _ = rendered_texts(demo)
    label = "pagina {} van {}" if demo.language == "nl" else "page {} of {}"
    lines = pdf.splitlines()
    pages = sum(1 for line in lines if line.startswith(label.split(" ")[0] + " "))
    assert pages >= 5
    for n in range(1, pages + 1):
        assert label.format(n, pages) in lines


def test_it_puts_page_x_of_y_fields_in_the_docx_footer(demo: DpaTerms) -> None:
    document = docx.Document(BytesIO(render_docx(demo, reference="DPA-TEST-1")))
    footer = document.sections[0].footer.paragraphs[0]
    xml = footer._p.xml
    assert "PAGE" in xml and "NUMPAGES" in xml
    word = "pagina" if demo.language == "nl" else "page"
    assert footer.text.startswith(word)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_keeps_dutch_diacritics(language: str, demo: DpaTerms) -> None:
    terms = demo.model_copy(deep=True)
    terms.language = language
    terms.controller.contact.name = "Renée Ëlsbeth Çelik"
    terms.processing.subject_matter = "Hosting van het patiëntendossier"
    for text in rendered_texts(terms):
        assert "Renée Ëlsbeth Çelik" in text
        assert "patiëntendossier" in text
    if language == "nl":
        assert "één overeenkomst" in normalise(rendered_texts(terms)[0])


def test_it_renders_the_same_pdf_bytes_for_the_same_terms(demo: DpaTerms) -> None:
    first = render_pdf(demo, reference="DPA-TEST-1")
    assert render_pdf(demo, reference="DPA-TEST-1") == first
    assert first.startswith(b"%PDF-")
