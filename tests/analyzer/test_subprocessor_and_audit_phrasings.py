"""More of our own phrasings for sub-processors, deletion at the end, compliance information
and audits (Article 28(2), (3)(g), (3)(h) and (4)).

Every sentence was written for this test from general knowledge of data processing agreements
(none from the seeds or the corpus). Each stands alone in a clause under a neutral heading,
after a preamble naming the parties (see ``test_requirement_phrasings``).
"""

# Sample sentences read better on one line.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from art28.analyzer import analyze
from tests.analyzer.test_requirement_phrasings import (
    PREAMBLE_EN,
    PREAMBLE_NL,
    _document,
    _status,
    present_cases,
    sentence_status,
)

# key -> (English sentences that state it, Dutch sentences that state it)
PRESENT: dict[str, tuple[list[str], list[str]]] = {
    "subprocessor_authorisation": (
        [
            "The Processor may subcontract its obligations under this agreement to third parties.",
            "The Processor may engage third parties to process the personal data on its behalf.",
            "The Controller hereby agrees to the engagement of the sub-processors listed in Annex 2.",
            "The Controller agrees to the use of the sub-processors named in Schedule 3.",
            "The Processor shall respect the conditions referred to in paragraphs 2 and 4 of Article 28 GDPR for engaging another processor.",
            "The Processor shall comply with the conditions of Article 28(2) and (4) GDPR when engaging another processor.",
            "The Processor is entitled to use further processors provided that the Controller is informed in advance.",
            "The Processor may use third-party processors for the provision of the services.",
            "The Processor may involve subcontractors in the processing.",
        ],
        [
            "Verwerker is gerechtigd om bij de uitvoering van de overeenkomst derden in te schakelen.",
            "Verwerker mag bij de verwerking gebruikmaken van subverwerkers.",
            "Verwerker eerbiedigt de in artikel 28 lid 2 en lid 4 AVG bedoelde voorwaarden voor het in dienst nemen van een andere verwerker.",
            "Verwerkingsverantwoordelijke stemt in met de inzet van de subverwerkers die in bijlage 2 staan.",
            "Verwerker mag subverwerkers inzetten, mits hij Verwerkingsverantwoordelijke daarover vooraf informeert.",
        ],
    ),
    "subprocessor_changes_objection": (
        [
            "The Processor will post any new sub-processor on its website at least 30 days before it is engaged; the Controller may object during this period.",
            "The Processor shall notify the Controller in writing of the identity of any proposed sub-processor before it begins processing, and the Controller may refuse its consent.",
        ],
        [
            "Verwerker publiceert een nieuwe subverwerker ten minste 30 dagen voordat deze wordt ingeschakeld op zijn website; Verwerkingsverantwoordelijke kan in die periode bezwaar maken.",
            "Verwerker informeert Verwerkingsverantwoordelijke vooraf over een beoogde subverwerker, waarna Verwerkingsverantwoordelijke bezwaar kan maken.",
        ],
    ),
    "delete_or_return": (
        [
            "After the termination of the services, Processor will purge all personal data from its systems.",
        ],
        [
            "Bij het eindigen van de verwerkersovereenkomst draagt Verwerker alle persoonsgegevens over aan Verwerkingsverantwoordelijke en verwijdert hij alle kopieën.",
            "Na het beëindigen van de opdracht worden alle persoonsgegevens door Verwerker gewist.",
        ],
    ),
    "compliance_information": (
        [
            "The Controller may request from the Processor all information necessary to demonstrate compliance with this agreement.",
            "The Controller is entitled to request information from the Processor to verify that the Processor complies with this agreement.",
            "The Controller may request a copy of the Processor's most recent SOC 2 report.",
            "The Processor shall respond to the Controller's reasonable requests for information about its processing of the personal data.",
            "The Processor shall answer the Controller's written questions about the security of the processing.",
        ],
        [
            "Verwerkingsverantwoordelijke kan Verwerker verzoeken om alle informatie die nodig is om aan te tonen dat Verwerker deze overeenkomst naleeft.",
            "Verwerkingsverantwoordelijke kan Verwerker verzoeken om een kopie van de meest recente ISAE 3402-verklaring.",
            "Verwerker beantwoordt vragen van Verwerkingsverantwoordelijke over de verwerking van de persoonsgegevens binnen een redelijke termijn.",
        ],
    ),
    "audits_inspections": (
        [
            "The Controller or its auditor shall have the right to review the Processor's compliance with this agreement on site.",
            "The Processor shall give the Controller access to its premises, systems and records so that the Controller can verify compliance with this agreement.",
        ],
        [
            "Verwerker stelt Verwerkingsverantwoordelijke in staat audits, waaronder inspecties, uit te voeren en draagt daaraan bij.",
            "Verwerkingsverantwoordelijke heeft het recht de naleving van deze overeenkomst te (laten) controleren.",
            "Verwerker verleent medewerking aan een onderzoek door of namens Verwerkingsverantwoordelijke naar de naleving van deze overeenkomst.",
            "Opdrachtgever mag één keer per jaar een onafhankelijke deskundige de naleving laten toetsen.",
        ],
    ),
    "subprocessor_same_obligations": (
        [
            "The Processor makes sure each sub-processor complies with the obligations that bind the Processor under this agreement.",
            "The Processor shall respect the conditions referred to in paragraphs 2 and 4 of Article 28 GDPR for engaging another processor.",
        ],
        [
            "Verwerker verplicht de door hem ingeschakelde subverwerkers tot naleving van deze verwerkersovereenkomst.",
            "Verwerker eerbiedigt de in artikel 28 lid 2 en lid 4 AVG bedoelde voorwaarden voor het in dienst nemen van een andere verwerker.",
        ],
    ),
    "subprocessor_liability": (
        [
            "The Processor is accountable to the Controller for any failure of a sub-processor to meet its obligations.",
            "The Processor remains responsible for the compliance of its sub-processors with this agreement.",
            "The Processor shall be responsible for the acts and omissions of any sub-processor as if they were its own.",
            "The Processor shall comply with the conditions of Article 28(2) and (4) GDPR when engaging another processor.",
        ],
        [
            "Verwerker staat er jegens Verwerkingsverantwoordelijke voor in dat de ingeschakelde derden hun verplichtingen nakomen.",
            "Verwerker blijft volledig verantwoordelijk voor de door de subverwerker verrichte verwerkingen.",
            "Verwerker is jegens Verwerkingsverantwoordelijke volledig aansprakelijk voor het handelen en nalaten van door hem ingeschakelde derden.",
        ],
    ),
}

# key -> (what it is, a text that mentions the subject but must not count)
NOT_PRESENT: dict[str, list[tuple[str, str]]] = {
    "subprocessor_authorisation": [
        ("disclosure ban", "The Processor shall not disclose personal data to third parties unless required by law."),
    ],
    "compliance_information": [
        ("controller's own duty", "The Controller shall provide the Processor with the information needed to demonstrate compliance."),
        (
            "request about a sub-processor",
            "The Controller may request that the Processor audits a sub-processor and provides a copy of the audit report.",
        ),
    ],
    "subprocessor_liability": [
        ("a duty, not liability", "The Processor shall be responsible for ensuring that each sub-processor signs a written agreement."),
        ("a duty, not liability", "The Processor shall be responsible for selecting its sub-processors with care."),
        ("the controller's name", "De Verwerker informeert de Verwerkingsverantwoordelijke over elke nieuwe subverwerker."),
        ("'in voor' inside a word", "Verwerker zorgt ervoor dat in voorkomende gevallen een subverwerker wordt ingeschakeld."),
        ("the sub-processor's own", "Each sub-processor is responsible for its own compliance with the GDPR."),
    ],
}


@pytest.mark.parametrize(("key", "sentence", "dutch"), present_cases(PRESENT))
def test_it_counts_a_sentence_that_states_the_requirement(key: str, sentence: str, dutch: bool) -> None:
    assert sentence_status(sentence, key, dutch) == "present", sentence


@pytest.mark.parametrize(
    ("key", "kind", "text"),
    [
        pytest.param(key, kind, text, id=f"{key}-{i}")
        for key, cases in NOT_PRESENT.items()
        for i, (kind, text) in enumerate(cases)
    ],
)
def test_it_does_not_count_a_sentence_that_does_not_state_it(key: str, kind: str, text: str) -> None:
    dutch = text.startswith(("De ", "Verwerker"))
    assert _status(_document(text, dutch), key, "nl" if dutch else "en") != "present", f"{kind}: {text}"


# Article 28(3)(h): audits limited to the security measures are partial, but only where the
# clause that grants the audit says so; information on the security measures given under the
# audit heading does not narrow a general audit right.
AUDIT_DOCUMENTS = [
    pytest.param(
        "en",
        "7. Audits\n7.1 The Processor shall make available to the Controller, under the audit terms below, information on its security measures.\n"
        "7.2 The Controller may carry out an on-site inspection at the Processor once a year.\n",
        "present",
        id="en-information-on-security-then-a-general-audit",
    ),
    pytest.param(
        "nl",
        "7. Audits\n7.1 Verwerker stelt Verwerkingsverantwoordelijke, volgens de auditregeling hieronder, informatie over zijn beveiligingsmaatregelen ter beschikking.\n"
        "7.2 Verwerkingsverantwoordelijke mag eenmaal per jaar een audit laten uitvoeren bij Verwerker.\n",
        "present",
        id="nl-information-on-security-then-a-general-audit",
    ),
    pytest.param(
        "en",
        "7. Audits\n7.1 The Controller may audit only the technical and organisational measures of the Processor, once a year.\n",
        "partial",
        id="en-audit-limited-to-security",
    ),
    pytest.param(
        "nl",
        "7. Audits\n7.1 Verwerkingsverantwoordelijke mag een audit laten uitvoeren die beperkt is tot de technische en organisatorische maatregelen van Verwerker.\n",
        "partial",
        id="nl-audit-limited-to-security",
    ),
    pytest.param(
        "en",
        "7. Audits\n7.1 The Controller may carry out an on-site inspection at the Processor once a year.\n"
        "7.2 Such an inspection covers only the security measures of the Processor.\n",
        "partial",
        id="en-the-limit-in-a-sentence-of-its-own",
    ),
]


@pytest.mark.parametrize(("lang", "body", "expected"), AUDIT_DOCUMENTS)
def test_it_reads_an_audit_as_limited_only_from_the_clause_that_grants_it(lang: str, body: str, expected: str) -> None:
    text = (PREAMBLE_NL if lang == "nl" else PREAMBLE_EN) + body
    analysis = analyze(text.encode(), filename="sample.txt", lang=lang)
    item = analysis.requirements["audits_inspections"]
    assert analysis.terms.audit.scope == "security"
    assert item.status == expected
    if expected == "partial":
        assert item.note == {"en": "audits limited to the security measures", "nl": "audits beperkt tot de beveiligingsmaatregelen"}
