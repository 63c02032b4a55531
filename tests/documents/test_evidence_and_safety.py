"""The evidence page, and user text that looks like markup stays plain text everywhere."""

from __future__ import annotations

import threading

from art28.documents import (
    EvidenceEntry,
    docx_text,
    pdf_text,
    render_docx,
    render_html,
    render_pdf,
)
from art28.terms.demo import CLIENTS, demo_terms
from art28.terms.schema import Measure, MeasureKind
from tests.documents.helpers import normalise

SHA = "3f" * 32
EVIDENCE = [
    EvidenceEntry(role="controller", name="Sanne Jansen", function="Praktijkmanager",
                  email="sanne@zonnebloem.example",
                  accepted_at="21-11-2026 14:03 (Europe/Amsterdam)",
                  ip="192.0.2.10", user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
                  document_sha256=SHA),
    EvidenceEntry(role="processor", name="Iris de Vries",
                  accepted_at="20-11-2026 09:00 (Europe/Amsterdam)",
                  ip="2001:db8::1", document_sha256=SHA),
]
HOSTILE = 'Evil #import "x" *bold* $x^2$ ] [ <script>alert(1)</script> & {{ title }} {%p if x %}'


def test_it_adds_the_evidence_page_only_when_evidence_is_given() -> None:
    terms = demo_terms(CLIENTS[0])
    plain_pdf = pdf_text(render_pdf(terms, reference="R"))
    plain_docx = docx_text(render_docx(terms, reference="R"))
    assert "Bewijs van aanvaarding" not in plain_pdf + plain_docx
    for text in (pdf_text(render_pdf(terms, reference="R", evidence=EVIDENCE)),
                 docx_text(render_docx(terms, reference="R", evidence=EVIDENCE))):
        flat = normalise(text)
        assert "Bewijs van aanvaarding" in flat
        for value in (SHA, "192.0.2.10", "2001:db8::1", "21-11-2026 14:03 (Europe/Amsterdam)",
                      "Firefox/140.0", "Verwerkingsverantwoordelijke: Sanne Jansen",
                      "Verwerker: Iris de Vries"):
            assert value in flat, value


def test_it_titles_the_evidence_page_in_english() -> None:
    text = pdf_text(render_pdf(demo_terms(CLIENTS[2]), reference="R", evidence=EVIDENCE[:1]))
    assert "Evidence of acceptance" in text
    assert "Controller: Sanne Jansen" in text


def hostile_terms():  # type: ignore[no-untyped-def]
    terms = demo_terms(CLIENTS[2]).model_copy(deep=True)
    terms.controller.name = HOSTILE
    terms.security.measures = [Measure(kind=MeasureKind.TECHNICAL, text=HOSTILE)]
    return terms


def test_it_prints_typst_and_jinja_markup_literally() -> None:
    terms = hostile_terms()
    for text in (pdf_text(render_pdf(terms, reference="R")),
                 docx_text(render_docx(terms, reference="R"))):
        assert normalise(text).count(HOSTILE) >= 3  # preamble, Annex I, signature, Annex III


def test_it_escapes_user_text_in_html() -> None:
    html = render_html(hostile_terms(), reference="<b>R</b>")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ title }}" in html
    assert "&lt;b&gt;R&lt;/b&gt;" in html
    assert html.startswith('<article class="dpa" lang="en">')


def test_it_renders_pdfs_from_several_threads_at_once() -> None:
    terms = [demo_terms(c) for c in CLIENTS]
    expected = [render_pdf(t, reference="R") for t in terms]
    results: dict[int, bytes] = {}

    def work(i: int) -> None:
        results[i] = render_pdf(terms[i % 4], reference="R")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[i] == expected[i % 4] for i in range(8))
