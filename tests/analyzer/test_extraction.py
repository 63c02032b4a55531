"""Extraction of terms, with evidence, from sample agreements written for these tests."""

# Sample sentences read better on one line.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from art28.analyzer import analyze
from tests.analyzer.samples import EN, NL


def _analyze(text: str, lang: str | None = None):
    return analyze(text.encode(), filename="sample.txt", lang=lang)


def test_it_extracts_the_dutch_sample():
    a = _analyze(NL)
    t = a.terms
    assert a.language == "nl"
    assert (t.processor.name, t.processor.kvk) == ("Wolkdienst B.V.", "87654321")
    assert (t.controller.name, t.controller.kvk) == ("Bakkerij Voorbeeld B.V.", "12345678")
    assert t.breach.notice_hours == 24 and t.breach.undue_delay is True
    assert t.subprocessors.authorisation == "general"
    assert (t.subprocessors.notice_days, t.subprocessors.objection_days) == (30, 14)
    assert t.subprocessors.business_days is False and t.subprocessors.flow_down is True
    assert t.transfers.outside_eea == "with_consent"
    assert (t.audit.allowed, t.audit.scope, t.audit.cost) == (True, "full", "controller_unless_noncompliant")
    assert (t.end.choice, t.end.deadline_days) == ("return_or_delete", 30)
    assert t.law.governing_law == "NL" and "Overijssel" in t.law.courts
    assert t.term.tied_to_main_agreement is True
    assert t.processing.purposes == ["orderafhandeling", "klantenservice", "facturatie"]


def test_it_extracts_the_english_sample():
    t = _analyze(EN).terms
    assert t.breach.notice_hours == 48 and t.breach.undue_delay is True
    assert t.subprocessors.authorisation == "specific"
    assert t.subprocessors.objection_days == 10 and t.subprocessors.business_days is True
    assert t.subprocessors.processor_liable is True
    assert t.transfers.mechanisms == ["adequacy", "scc"]
    assert t.audit.cost == "controller"
    assert (t.end.choice, t.end.deadline_days, t.end.certificate) == ("return_or_delete", 60, True)
    assert t.law.governing_law == "US-CA"
    assert t.processor.name == "Cloudcorp Inc." and t.controller.name == "Example Shop Ltd"


def test_it_gives_the_clause_and_exact_words_as_evidence():
    a = _analyze(NL)
    [quote] = a.evidence["breach.notice_hours"]
    assert quote.ref == "5.1"
    assert "binnen 24 uur na ontdekking" in quote.quote
    assert quote.quote in NL


@pytest.mark.parametrize(
    "sentence",
    [
        "Backups are kept for 72 hours and restored within 4 hours.",
        "Salts used for hashing are rotated every 24 hours.",
        "Log files are retained for 48 hours.",
        "The recovery time objective (RTO) is 12 hours for all data.",
        "Session cookies expire after 24 hours.",
        "Verwerker maakt elke 24 uur een back-up die 72 uur wordt bewaard.",
    ],
)
def test_it_does_not_take_backup_or_retention_hours_for_notice_hours(sentence):
    text = f"1. Security\n1.1 {sentence}\n2. Breaches\n2.1 The processor notifies any breach promptly.\n"
    assert _analyze(text).terms.breach.notice_hours is None


@pytest.mark.parametrize(
    ("sentence", "hours"),
    [
        ("Verwerker meldt een datalek binnen 24 uur na ontdekking.", 24),
        ("The Processor notifies the Controller of a breach within 48 hours of becoming aware of it.", 48),
        (
            "The Processor shall notify Customer of a Security Incident no later than seventy-two (72) hours.",
            72,
        ),
        ("Verwerker informeert Verantwoordelijke over een inbreuk uiterlijk binnen 36 uur.", 36),
    ],
)
def test_it_reads_plainly_written_notice_hours(sentence, hours):
    assert _analyze(f"7. Datalekken / breaches\n7.1 {sentence}\n").terms.breach.notice_hours == hours


def test_it_ignores_the_authoritys_72_hours():
    text = (
        "5.1 The Processor notifies the Controller of a breach within 24 hours, so that the Controller "
        "can inform the supervisory authority within 72 hours.\n"
    )
    assert _analyze(text).terms.breach.notice_hours == 24


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Verwerkingsverantwoordelijke geeft algemene schriftelijke toestemming voor subverwerkers.",
            "general",
        ),
        (
            "The Processor shall not engage a sub-processor without the specific prior written authorisation of the Controller.",
            "specific",
        ),
        (
            "Verwerker schakelt geen subverwerker in zonder voorafgaande schriftelijke toestemming van Verwerkingsverantwoordelijke.",
            "specific",
        ),
        (
            "Customer hereby grants general written authorisation for the engagement of sub-processors.",
            "general",
        ),
    ],
)
def test_it_reads_sub_processor_authorisation(sentence, expected):
    assert _analyze(f"6. Sub-processors\n6.1 {sentence}\n").terms.subprocessors.authorisation == expected


@pytest.mark.parametrize(
    ("sentence", "days", "business"),
    [
        ("De Verwerkingsverantwoordelijke kan bezwaar maken binnen 14 dagen.", 14, False),
        ("The Controller may object within 14 days of the notice of a new sub-processor.", 14, False),
        ("Customer may object to the new sub-processor within ten (10) business days.", 10, True),
        (
            "Verwerkingsverantwoordelijke kan binnen 5 werkdagen bezwaar maken tegen een nieuwe subverwerker.",
            5,
            True,
        ),
    ],
)
def test_it_reads_objection_periods(sentence, days, business):
    sub = _analyze(f"6. Subverwerkers / sub-processors\n6.1 {sentence}\n").terms.subprocessors
    assert (sub.objection_days, sub.business_days) == (days, business)


@pytest.mark.parametrize(
    ("sentence", "law"),
    [
        ("Op deze overeenkomst is Nederlands recht van toepassing.", "NL"),
        ("This agreement is governed by the laws of the Netherlands.", "NL"),
        ("This DPA is governed by the laws of the State of Delaware.", "US-DE"),
        ("This agreement shall be governed by Irish law.", "IE"),
        # The standard clauses' own law is not the agreement's (issue 15: the GitHub DPA read as NL).
        ("These Clauses shall be governed by the law of Germany.", None),
    ],
)
def test_it_reads_governing_law(sentence, law):
    assert _analyze(f"12. Law\n12.1 {sentence}\n").terms.law.governing_law == law


def test_it_leaves_law_unknown_for_the_member_state_formula():
    text = "17. Governing law\nGoverning law: that of the Member State where the exporter of the data has its seat.\n"
    assert _analyze(text).terms.law.governing_law is None


def test_it_reads_named_sub_processors_from_a_table_in_a_docx():
    from tests.analyzer.builders import make_docx

    data = make_docx(
        ["Annex 3 Sub-processors", "The processor uses the sub-processors listed above."],
        table=[
            ["Name", "Service", "Location"],
            ["Hostfirma GmbH", "Hosting", "Germany"],
            ["Mailzender Inc.", "E-mail", "United States"],
        ],
    )
    named = analyze(data, filename="dpa.docx").terms.subprocessors.named
    assert [(n.name, n.country) for n in named] == [("Hostfirma GmbH", "DE"), ("Mailzender Inc.", "US")]


def test_it_reports_two_objection_periods_as_a_contradiction():
    text = (
        "6. Sub-processors\n6.1 The Controller may object within 14 days.\n"
        "6.2 Any objection must be made within 30 days of the notice.\n"
    )
    a = _analyze(text)
    [finding] = [f for f in a.findings if f.field == "subprocessors.objection_days"]
    assert finding.severity == "error" and "Contradiction" in finding.text
    assert "14 (6.1)" in finding.text and "30 (6.2)" in finding.text


def test_it_reports_general_and_specific_consent_as_a_contradiction():
    text = (
        "6. Subverwerkers\n6.1 Verwerkingsverantwoordelijke geeft algemene schriftelijke toestemming voor subverwerkers.\n"
        "6.2 Voor iedere subverwerker is specifieke schriftelijke toestemming nodig.\n"
    )
    fields = [f.field for f in _analyze(text).findings if "Contradiction" in f.text]
    assert "subprocessors.authorisation" in fields


def test_it_reports_two_notice_hours_as_a_contradiction():
    text = "7. Breaches\n7.1 The Processor notifies a breach within 24 hours.\n7.2 Breaches are reported to the Controller within 48 hours.\n"
    a = _analyze(text)
    assert any(f.field == "breach.notice_hours" and f.severity == "error" for f in a.findings)


def test_it_detects_and_forces_the_language():
    assert _analyze(EN).language == "en"
    assert _analyze(NL).language == "nl"
    assert _analyze(EN, lang="nl").language == "nl"


def test_it_reads_a_pdf_text_layer_and_a_docx_in_document_order():
    from tests.analyzer.builders import make_docx, make_pdf

    pdf = make_pdf(
        [
            "Artikel 5 Datalekken",
            "5.1 Verwerker meldt een datalek binnen 24 uur na",
            "ontdekking aan Verwerkingsverantwoordelijke.",
        ]
    )
    assert analyze(pdf, filename="a.pdf").terms.breach.notice_hours == 24
    docx = make_docx(
        ["Artikel 12 Recht", "12.1 Op deze overeenkomst is Nederlands recht van toepassing."],
        table=[["Bijlage", "Tabel"]],
    )
    a = analyze(docx, filename="a.docx")
    assert a.terms.law.governing_law == "NL" and a.source.format == "docx"


def test_it_reads_html_without_scripts():
    html = (
        "<html><head><title>x</title><script>var breach = 'within 1 hours';</script></head><body>"
        "<h2>7. Breaches</h2><p>7.1 The Processor notifies the Controller of a breach within 48 hours.</p>"
        "<p>Governed by the laws of the Netherlands &amp; nothing else.</p></body></html>"
    )
    a = analyze(html.encode(), filename="dpa.html")
    assert a.source.format == "html"
    assert a.terms.breach.notice_hours == 48 and a.terms.law.governing_law == "NL"


def test_it_reads_utf16_text():
    a = analyze(NL.encode("utf-16"), filename="dpa.txt")
    assert a.terms.breach.notice_hours == 24
