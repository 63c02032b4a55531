"""Reading documents as they come and understanding what a clause says (issue 15, items 2 and 3).

Every sentence here is written for these tests; none comes from a real agreement.
"""

# Sample sentences read better on one line.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from art28.analyzer import analyze
from tests.analyzer.builders import make_pdf


def _terms(text: str, lang: str | None = None):
    return analyze(text.encode(), filename="sample.txt", lang=lang).terms


# --- 2. Read documents as they come -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        (
            "8. Datalekken\n8.1 Opdrachtnemer stelt Opdrachtgever van elk datalek op de hoogte binnen\n24 uur nadat het is ontdekt.\n",
            24,
        ),
        (
            "8. Breaches\n8.1 The Supplier tells the Customer about every personal data breach it finds within\n36 hours of finding it.\n",
            36,
        ),
        (
            "8. Breaches\n8.1 The Supplier reports each breach of security to the Customer within forty-eight\n(48) hours after becoming aware of it.\n",
            48,
        ),
    ],
)
def test_it_joins_a_notice_period_broken_over_a_line(text, hours):
    assert _terms(text).breach.notice_hours == hours


@pytest.mark.parametrize(
    "text",
    [
        # The authority's 72 hours after the processor's 48, in one sentence and wrapped.
        "9. Security incidents\n9.1 Contractor informs Client of a data breach within 48\nhours, so that Client is able to report it to the supervisory authority within 72 hours.\n",
        # The authority's deadline first, the processor's second.
        "9. Security incidents\n9.1 Client must report certain breaches to the supervisory authority within 72 hours. To make that possible Contractor informs Client of every breach within 48 hours.\n",
        # Dutch, the same order.
        "9. Datalekken\n9.1 Opdrachtgever meldt een datalek binnen 72 uur aan de Autoriteit Persoonsgegevens. Opdrachtnemer stelt Opdrachtgever daarom binnen 48 uur na ontdekking van een datalek op de hoogte.\n",
    ],
)
def test_it_takes_the_processors_deadline_not_the_authoritys(text):
    assert _terms(text).breach.notice_hours == 48


def test_it_reads_a_hard_wrapped_pdf_with_the_deadline_on_the_next_line():
    lines = [
        "7. Notification of breaches",
        "7.1 The Processor reports to the Controller every breach of security that touches",
        "the Controller's data without undue delay and in any event within",
        "24 hours, so that the Controller can meet the 72 hours that the supervisory",
        "authority allows for its own notification under the Regulation.",
    ]
    terms = analyze(make_pdf(lines), filename="wrapped.pdf").terms
    assert terms.breach.notice_hours == 24
    assert terms.breach.undue_delay is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "6. Processing only within the EU/EEA\n6.1 The Processor may transfer personal data to a country outside the EEA only where the standard contractual clauses adopted by the European Commission have been concluded with the recipient.\n",
            "with_safeguards",
        ),
        (
            "6. Verwerking uitsluitend binnen de EER\n6.1 Opdrachtnemer mag persoonsgegevens doorgeven aan een ontvanger buiten de EER als met die ontvanger de standaardcontractbepalingen van de Europese Commissie zijn gesloten.\n",
            "with_safeguards",
        ),
    ],
)
def test_a_heading_does_not_overrule_the_body_on_transfers(text, expected):
    assert _terms(text).transfers.outside_eea == expected


def test_a_heading_counts_when_no_clause_under_it_speaks():
    text = "6. Processing only within the EU/EEA\n6.1 The Processor keeps a record of where it stores the data.\n"
    assert _terms(text).transfers.outside_eea == "prohibited"


def test_it_reads_a_sub_processor_table_row_by_row():
    text = (
        "5. Sub-processors\n"
        "5.1 The Supplier uses the following sub-processors:\n\n"
        "| Sub-processor | Purpose | Location |\n"
        "|---|---|---|\n"
        "| Wolkenbak B.V. | Hosting of the application servers and of the nightly backups | Netherlands |\n"
        "| Postduif Ltd | Sending of transactional e-mail to end users | Ireland |\n"
    )
    names = [n.name for n in _terms(text).subprocessors.named]
    assert names == ["Wolkenbak B.V.", "Postduif Ltd"]


def test_it_reads_a_docx_sub_processor_table_without_taking_cell_fragments_as_names():
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("4. Subverwerkers")
    document.add_paragraph("4.1 Opdrachtnemer schakelt de volgende subverwerkers in:")
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("Subverwerker", "Dienst", "Vestiging"),
        ("Rekenhal B.V.", "Opslag van de database, ook van de reservekopieën die elke nacht worden gemaakt", "Nederland"),
        ("Briefpost GmbH", "Versturen van e-mail met een melding aan gebruikers", "Duitsland"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    names = [n.name for n in analyze(buffer.getvalue(), filename="t.docx").terms.subprocessors.named]
    assert names == ["Rekenhal B.V.", "Briefpost GmbH"]


# --- 3. Understand what the clause says --------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Supplier engages no sub-processors without the prior written consent of the Customer.",
        "No sub-processor may be engaged without prior written consent of the Client.",
        "Opdrachtnemer schakelt geen subverwerkers in zonder voorafgaande schriftelijke toestemming van Opdrachtgever.",
    ],
)
def test_no_sub_processors_without_consent_is_a_permission_with_a_condition(sentence):
    terms = _terms(f"5. Sub-processors\n5.1 {sentence}\n")
    assert terms.subprocessors.authorisation == "specific"


def test_a_plain_ban_on_sub_processors_stays_a_ban():
    terms = _terms("5. Sub-processors\n5.1 The Supplier shall not engage any sub-processor.\n")
    assert terms.subprocessors.authorisation == "none"


@pytest.mark.parametrize(
    "sentence",
    [
        "We may not transfer your data to a country outside the EEA without your permission.",
        "Opdrachtnemer geeft geen persoonsgegevens door naar een land buiten de EER zonder toestemming van Opdrachtgever.",
        "The Contractor shall not transfer personal data to a third country unless the Client has agreed to it in writing.",
    ],
)
def test_no_transfer_without_permission_is_a_permission_with_a_condition(sentence):
    assert _terms(f"6. Transfers\n6.1 {sentence}\n").transfers.outside_eea == "with_consent"


@pytest.mark.parametrize(
    ("parties", "processor", "controller"),
    [
        ('This agreement is made between Tuinpad B.V. ("you") and Zaaigoed B.V. ("we", "us").', "Zaaigoed B.V.", "Tuinpad B.V."),
        ('Between Kleihuis GmbH (the "Contractor") and Bakkerij Roos B.V. (the "Client").', "Kleihuis GmbH", "Bakkerij Roos B.V."),
        ('Between Lampenwinkel B.V. (the "Customer") and Stroomlijn Ltd (the "Supplier").', "Stroomlijn Ltd", "Lampenwinkel B.V."),
        ("Tussen Fietsenmaker Spaak B.V., hierna te noemen: Opdrachtgever, en Rekenkamer Noord B.V., hierna te noemen: Opdrachtnemer.", "Rekenkamer Noord B.V.", "Fietsenmaker Spaak B.V."),
        ('Between Bloemhof B.V. (the "Controller") and Datastal B.V. (hereinafter "Datastal").', "Datastal B.V.", "Bloemhof B.V."),
    ],
)
def test_it_recognises_the_parties_however_they_are_named(parties, processor, controller):
    terms = _terms(f"1. Parties\n{parties}\n")
    assert terms.processor.name == processor
    assert terms.controller.name == controller


@pytest.mark.parametrize(
    ("parties", "cost_sentence"),
    [
        ('Between Bloemhof B.V. (the "Controller") and Datastal B.V. (hereinafter "Datastal").', "Datastal bears the costs of each audit."),
        ('This agreement is made between Tuinpad B.V. ("you") and Zaaigoed B.V. ("we", "us").', "We bear the costs of each audit."),
        ("Tussen Fietsenmaker Spaak B.V., hierna te noemen: Opdrachtgever, en Rekenkamer Noord B.V., hierna te noemen: Opdrachtnemer.", "De kosten van een audit komen voor rekening van Opdrachtnemer."),
    ],
)
def test_a_clause_about_the_processor_by_its_short_name_or_pronoun_is_read_as_the_processor(parties, cost_sentence):
    text = f"1. Parties\n{parties}\n10. Audit\n10.1 The controller may audit once a year.\n10.2 {cost_sentence}\n"
    assert _terms(text).audit.cost == "processor"


@pytest.mark.parametrize(
    ("sentences", "days"),
    [
        ("The Supplier tells the Customer about a new sub-processor at least 20 days in advance. The Customer may object within this period.", 20),
        ("Opdrachtnemer meldt een nieuwe subverwerker ten minste 25 dagen vooraf aan Opdrachtgever. Opdrachtgever kan binnen deze termijn bezwaar maken.", 25),
    ],
)
def test_within_this_period_refers_back_to_the_period_just_named(sentences, days):
    terms = _terms(f"5. Sub-processors\n5.1 {sentences}\n")
    assert terms.subprocessors.objection_days == days


@pytest.mark.parametrize(
    "sentence",
    [
        "The Customer may object to a new sub-processor within thirty (30) days.",
        "The Customer may object to a new sub-processor within thirty days.",
        "The Customer may object to a new sub-processor within 30 days.",
        "Opdrachtgever kan binnen dertig dagen bezwaar maken tegen een nieuwe subverwerker.",
        "Opdrachtgever kan binnen dertig (30) dagen bezwaar maken tegen een nieuwe subverwerker.",
        "Opdrachtgever kan binnen 30 dagen bezwaar maken tegen een nieuwe subverwerker.",
    ],
)
def test_numbers_come_as_digits_words_or_both(sentence):
    assert _terms(f"5. Sub-processors\n5.1 {sentence}\n").subprocessors.objection_days == 30


@pytest.mark.parametrize(
    "sentence",
    [
        "Opdrachtnemer meldt een datalek zo spoedig mogelijk aan Opdrachtgever.",
        "Opdrachtnemer informeert Opdrachtgever onverwijld over een datalek.",
        "Opdrachtnemer stelt Opdrachtgever zonder onnodige vertraging op de hoogte van een datalek.",
        "Opdrachtnemer brengt Opdrachtgever onmiddellijk op de hoogte van een inbreuk in verband met persoonsgegevens.",
    ],
)
def test_dutch_ways_of_saying_without_undue_delay(sentence):
    terms = _terms(f"8. Datalekken\n8.1 {sentence}\n")
    assert terms.breach.undue_delay is True
    assert terms.breach.notice_hours is None


def test_a_clause_without_a_deadline_for_the_controller_leaves_the_hours_unknown():
    text = (
        "8. Breaches\n8.1 The Supplier informs the Customer of a breach without undue delay.\n"
        "8.2 The Customer notifies the supervisory authority within 72 hours where the law requires it.\n"
    )
    terms = _terms(text)
    assert terms.breach.undue_delay is True
    assert terms.breach.notice_hours is None


def test_a_processor_notifying_the_authority_itself_is_not_the_notice_to_the_controller():
    text = (
        "8. Breaches\n8.1 If there is a suspected breach, it must be notified immediately to the other party.\n"
        "8.2 In the event of a breach we notify the national data protection authority within 72 hours after becoming aware of it.\n"
    )
    terms = _terms(text)
    assert terms.breach.notice_hours is None
    assert terms.breach.undue_delay is True


# --- Phrasings found while scoring the unseen set (sentences of our own) -----------------


def test_a_deadline_in_the_next_sentence_of_the_breach_clause_counts():
    text = (
        "9. Reporting\n9.1 The Supplier informs the Customer at once of each breach of security. "
        "Suspicions are reported as well. That report is sent within 12 hours at the latest.\n"
    )
    assert _terms(text).breach.notice_hours == 12


def test_the_hours_given_to_a_data_protection_agency_are_not_the_controllers():
    text = "9. Breaches\n9.1 We tell the data protection agency of a breach within 72 hours of learning of it.\n"
    assert _terms(text).breach.notice_hours is None


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("The Customer gives at least 2 weeks' notice of an audit.", 14),
        ("Opdrachtgever kondigt een audit ten minste drie weken vooraf aan.", 21),
    ],
)
def test_weeks_are_read_as_days(sentence, days):
    assert _terms(f"10. Audit\n10.1 The Customer may audit the Supplier.\n10.2 {sentence}\n").audit.notice_days == days


def test_a_law_set_out_in_the_main_agreement_is_not_replaced_by_the_clauses_law():
    text = (
        "12. Law\n12.1 This addendum is governed by the law set out in the main agreement, except that the "
        "standard contractual clauses are governed by the law of Ireland.\n"
    )
    assert _terms(text).law.governing_law is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Engaging further subcontractors is permitted; the Client is told of each one beforehand.",
        "We are allowed to have third parties process data for us as sub-processor.",
    ],
)
def test_permitted_sub_processing_is_a_general_authorisation(sentence):
    assert _terms(f"5. Sub-processors\n5.1 {sentence}\n").subprocessors.authorisation == "general"


def test_comparable_obligations_on_sub_processors_are_a_flow_down():
    text = "5. Subcontracting\n5.1 Each subcontractor is bound by data protection obligations comparable to those in this contract.\n"
    assert _terms(text).subprocessors.flow_down is True


def test_a_closed_list_of_sub_processors_is_a_specific_authorisation():
    text = "5. Subverwerkers\n5.1 Opdrachtnemer zet geen subverwerkers in anders dan: Wolkenbak B.V. en Postduif Ltd.\n"
    assert _terms(text).subprocessors.authorisation == "specific"


def test_a_transfer_with_the_agreement_of_the_client_is_with_consent():
    text = "6. Transfers\n6.1 A transfer to a third country takes place only with the agreement of the Client.\n"
    assert _terms(text).transfers.outside_eea == "with_consent"


def test_within_the_eea_where_possible_is_not_a_ban():
    text = (
        "6. Doorgifte\n6.1 Opdrachtnemer verwerkt de gegevens waar mogelijk binnen de EER.\n"
        "6.2 Doorgifte buiten de EER gebeurt alleen met passende waarborgen.\n"
    )
    assert _terms(text).transfers.outside_eea == "with_safeguards"


def test_dutch_separable_verb_allows_audits():
    text = "10. Audit\n10.1 Opdrachtnemer staat audits door Opdrachtgever eenmaal per jaar toe.\n"
    assert _terms(text).audit.allowed is True


def test_no_on_site_audit_and_written_questions_are_an_audit_by_reports():
    text = (
        "10. Audit\n10.1 The Supplier answers reasonable written questions about its compliance.\n"
        "10.2 The Supplier does not host on-site audits; an audit is conducted by written request.\n"
    )
    assert _terms(text).audit.scope == "reports_only"


@pytest.mark.parametrize(
    ("sentence", "cost"),
    [
        ("Each audit takes place at your own expense.", "controller"),
        # The costs "incurred by us" are ours to spend, yours to pay.
        ("You reimburse the reasonable costs incurred by us for an audit.", "controller"),
    ],
)
def test_the_payer_of_an_audit_by_possessive_and_not_the_party_that_incurs_costs(sentence, cost):
    text = f'1. Parties\nBetween Tuinpad B.V. ("you") and Zaaigoed B.V. ("we").\n10. Audit\n10.1 You may audit us once a year.\n10.2 {sentence}\n'
    assert _terms(text).audit.cost == cost


@pytest.mark.parametrize(
    ("parties", "name"),
    [
        ('This contract is made between the customer of zaaigoed GmbH, referred to as "client", and zaaigoed GmbH, referred to as "contractor".', "zaaigoed GmbH"),
        ("Deze voorwaarden gelden tussen RekenRap (Verwerker) en de Gebruiker (Verwerkingsverantwoordelijke).", "RekenRap"),
    ],
)
def test_a_party_without_capital_or_legal_form_is_found_by_its_role(parties, name):
    terms = _terms(f"1. Partijen / Parties\n{parties}\n")
    assert terms.processor.name == name
    assert terms.controller.name is None


def test_two_list_items_joined_by_or_are_a_choice_between_return_and_delete():
    text = (
        "11. Einde\n11.1 Na het einde van de overeenkomst zal Opdrachtnemer, naar keuze van Opdrachtgever:\n"
        "- alle persoonsgegevens teruggeven in een leesbaar bestand, of\n"
        "- alle persoonsgegevens verwijderen uit zijn systemen.\n"
    )
    assert _terms(text).end.choice == "return_or_delete"


def test_until_termination_of_the_main_contract_ties_the_term_to_it():
    text = "2. Duration\n2.1 This contract runs for an indefinite period until termination of this contract or the main contract.\n"
    terms = _terms(text)
    assert terms.term.indefinite is True
    assert terms.term.tied_to_main_agreement is True


def _pdf_with_cells(rows: list[tuple[str, ...]], xs: tuple[int, ...]) -> bytes:
    """A one-page PDF whose lines place each cell at its own x position (a table without rules)."""
    parts = []
    y = 780
    for row in rows:
        for x, cell in zip(xs, row, strict=True):
            if cell:
                escaped = cell.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                parts.append(f"BT /F1 10 Tf {x} {y} Td ({escaped}) Tj ET")
        y -= 14
    stream = " ".join(parts).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_it_reads_a_pdf_table_row_by_row_with_a_wrapped_cell():
    rows = [
        ("5. Sub-processors", "", ""),
        ("Sub-processor", "Service", "Location"),
        ("Wolkenbak B.V.", "Hosting of the application servers and", "Netherlands"),
        ("", "of the nightly backups", ""),
        ("Postduif Ltd", "Sending of transactional e-mail", "Ireland"),
    ]
    data = _pdf_with_cells(rows, (50, 200, 450))
    named = analyze(data, filename="table.pdf").terms.subprocessors.named
    assert [n.name for n in named] == ["Wolkenbak B.V.", "Postduif Ltd"]
    assert named[0].country == "NL" and named[1].country == "IE"
    assert named[0].service == "Hosting of the application servers and of the nightly backups"


@pytest.mark.parametrize(
    ("sentence", "hours"),
    [
        ("Opdrachtnemer meldt een datalek binnen achtenveertig uur aan Opdrachtgever.", 48),
        ("Opdrachtnemer meldt een datalek binnen vierentwintig (24) uur aan Opdrachtgever.", 24),
        ("The Supplier reports a breach to the Customer within twenty-four (24) hours.", 24),
        ("The Supplier reports a breach to the Customer within thirty-six hours.", 36),
    ],
)
def test_notice_hours_come_as_digits_words_or_both(sentence, hours):
    assert _terms(f"8. Breaches / Datalekken\n8.1 {sentence}\n").breach.notice_hours == hours
