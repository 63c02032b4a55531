"""Transfer bans, limited audit scopes and the end choice in other companies' wording.

The sample clauses are written for these tests; they are deliberately worded unlike
art28's own standard terms, so that the rules are general and not tuned to our text.
"""

# Sample sentences read better on one line.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from art28.analyzer import analyze


def _analyze(text: str, lang: str | None = None):
    return analyze(text.encode(), filename="sample.txt", lang=lang)


@pytest.mark.parametrize(
    "text",
    [
        "Artikel 6 Doorgifte\n6.1 De leverancier geeft de persoonsgegevens in geen geval door aan een land buiten de EER.",
        "Artikel 6 Locatie\n6.1 Opdrachtnemer geeft geen gegevens door naar derde landen buiten de Europese Unie en slaat ze alleen op in Nederland.",
        "Artikel 6 Doorgifte\n6.1 Opdrachtnemer verstrekt geen persoonsgegevens aan partijen buiten de EER.",
    ],
)
def test_it_reads_a_dutch_transfer_ban(text):
    assert _analyze(text, "nl").terms.transfers.outside_eea == "prohibited"


def test_it_keeps_a_dutch_transfer_with_consent_as_consent():
    text = "Artikel 6 Doorgifte\n6.1 Opdrachtnemer geeft geen persoonsgegevens door aan landen buiten de EER, tenzij de opdrachtgever daar vooraf schriftelijk toestemming voor geeft."
    assert _analyze(text, "nl").terms.transfers.outside_eea == "with_consent"


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        # A cost sentence names both actions whatever the choice: it does not make one.
        (
            "12. Termination\n12.1 On termination of the Agreement the Supplier shall erase all Customer personal data within 60 days.\n"
            "12.2 Returning or erasing the data is free of charge.",
            "delete",
        ),
        (
            "12. Termination\n12.1 On termination of the Agreement the Supplier shall hand over all personal data to the Customer and thereafter delete the remaining copies.\n"
            "12.2 The Customer shall reimburse the costs of returning or deleting the data.",
            "return",
        ),
        # The certificate that the data "have been returned or deleted" does not make a choice either.
        (
            "12. Termination\n12.1 Upon expiry, the Supplier shall return all personal data to the Customer.\n"
            "12.2 The Supplier shall certify in writing that the data have been returned or deleted.",
            "return",
        ),
        # The choice stated with the cost is still a choice.
        (
            "12. Termination\n12.1 Upon termination the Supplier shall, at the Customer's option, return or delete all personal data at no extra cost.",
            "return_or_delete",
        ),
        # Nothing but the cost sentence: it is all the document says.
        (
            "12. Termination\n12.1 On termination the Supplier returns or deletes the data free of charge.",
            "return_or_delete",
        ),
        (
            "Artikel 12 Einde\n12.1 Na beëindiging van de overeenkomst draagt Opdrachtnemer alle persoonsgegevens over aan Opdrachtgever (teruggave) en verwijdert hij vervolgens de kopieën.",
            "return",
        ),
        (
            "Artikel 12 Einde\n12.1 Na beëindiging vernietigt Opdrachtnemer de persoonsgegevens binnen 30 dagen.\n12.2 De kosten van teruggave of vernietiging zijn voor Opdrachtnemer.",
            "delete",
        ),
    ],
)
def test_it_reads_the_end_choice_from_the_clause_that_makes_it(text, choice):
    assert _analyze(text).terms.end.choice == choice


AUDIT_GRANT = "9. Audits\n9.1 The Supplier makes available all information necessary to demonstrate compliance with this DPA and allows for audits, including inspections, by the Customer or its auditor.\n"



def test_purposes_in_a_security_clause_are_not_the_end_of_processing():
    # "doeleinden" holds "einde"; the harms named there are no deletion at the end.
    text = (
        "Artikel 5 Beveiliging\n5.1 Leverancier kiest zijn maatregelen naar de aard en doeleinden van de verwerking "
        "en tegen vernietiging of verlies van de persoonsgegevens.\n"
        "Artikel 9 Einde\n9.1 Na afloop van de overeenkomst retourneert Leverancier alle persoonsgegevens aan Klant."
    )
    analysis = _analyze(text, "nl")
    assert analysis.terms.end.choice == "return"
    assert all("doeleinden" not in e.quote for e in analysis.evidence["end.choice"])

def test_a_later_security_limit_narrows_the_general_audit_clause():
    a = _analyze(
        AUDIT_GRANT + "9.2 Any audit shall be restricted to the security measures described in Schedule 2."
    )
    assert a.terms.audit.scope == "security"
    assert a.art28["h_audits"].status == "partial"
    assert any("restricted to the security measures" in e.quote for e in a.art28["h_audits"].evidence)


def test_audits_of_the_security_measures_without_a_limit_stay_full():
    a = _analyze(AUDIT_GRANT + "9.2 Audits may also test the technical and organisational measures.")
    assert a.terms.audit.scope == "full"
    assert a.art28["h_audits"].status == "present"


def test_reports_first_with_an_inspection_fallback_reads_as_reports_but_keeps_inspections():
    a = _analyze(
        AUDIT_GRANT
        + "9.2 The Supplier shall primarily satisfy audit requests by providing its current SOC 2 report.\n"
        "9.3 If the Customer reasonably finds that report insufficient, it may carry out an on-site inspection."
    )
    assert a.terms.audit.scope == "reports_only"
    assert a.art28["h_audits"].status == "present"


def test_reports_instead_of_audits_without_any_inspection_is_partial():
    text = "9. Audits\n9.1 The Supplier shall provide its ISO 27001 certificate and audit reports, which the Customer accepts as sufficient in lieu of any audit."
    a = _analyze(text)
    assert a.terms.audit.scope == "reports_only"
    assert a.art28["h_audits"].status == "partial"


def test_reports_beside_an_unconditional_audit_right_stay_full():
    a = _analyze(
        AUDIT_GRANT
        + "9.2 The Supplier will also provide summaries of its third-party audit reports on request.\n"
        "9.3 The Customer may conduct an on-site audit once a year on 30 days' notice."
    )
    assert a.terms.audit.scope == "full"
    assert a.art28["h_audits"].status == "present"
