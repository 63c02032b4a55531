"""More of our own phrasings for the core requirements: instructions, the legal duty notice,
confidentiality, security measures and their risks, security assistance, the alert on an
unlawful instruction.

Each sentence was written for this test from general knowledge of how data processing
agreements put these duties (no sentence of the seeds or the corpus); each was read as
missing or partial before the rule it tests was widened. The negatives keep the wider rules
from taking another party's duty or an unrelated sentence.
"""

# Sample sentences read better on one line.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from art28.analyzer.patterns import normalize
from tests.analyzer.phrasing_rounds import round_checks
from tests.analyzer.test_requirement_phrasings import present_cases, sentence_status

# key -> (English sentences that state it, Dutch sentences that state it)
PRESENT: dict[str, tuple[list[str], list[str]]] = {
    "documented_instructions": (
        ["We will only process your personal data as you instruct us."],
        [
            "Opdrachtnemer volgt de instructies van Opdrachtgever op.",
            "Verwerker neemt de instructies van Verwerkingsverantwoordelijke in acht.",
        ],
    ),
    "legal_requirement_notice": (
        [
            "The Supplier shall notify the Customer in advance of any statutory obligation that requires it to process the personal data in any other way, unless notifying is prohibited by law.",
            "Should applicable law oblige the Processor to process personal data beyond the instructions, the Processor shall first inform the Controller, to the extent legally permitted.",
            "Unless prohibited by law, the Processor shall inform the Controller beforehand where it is legally compelled to process the personal data other than as instructed.",
        ],
        [
            "Is Verwerker krachtens Unierecht tot verwerking gehouden, dan brengt hij Verwerkingsverantwoordelijke voorafgaand daaraan op de hoogte van die wettelijke verplichting, behalve als de wet dat verbiedt.",
            "Verwerker stelt Verwerkingsverantwoordelijke voorafgaand aan de verwerking op de hoogte van een wettelijke verplichting tot verwerking, tenzij de wet dit verbiedt.",
        ],
    ),
    "confidentiality": (
        [
            "The Supplier shall ensure that its personnel are subject to a duty of confidence with respect to the personal data.",
            "Contractor's staff members shall keep the personal data secret.",
        ],
        [],
    ),
    "security_measures": (
        [
            "Contractor shall secure the personal data by means of appropriate technical and organisational measures.",
            "We ensure a level of security that matches the risk of the processing.",
            "The Processor shall protect the personal data with appropriate technical and organisational measures.",
            "The Processor shall adequately secure the personal data.",
            "The Processor shall process the personal data securely and in accordance with the security measures in Appendix 2.",
        ],
        [
            "Opdrachtnemer zal de persoonsgegevens adequaat beveiligen.",
            "Verwerker beveiligt de persoonsgegevens op passende wijze.",
            "Verwerker zorgt voor een passend beveiligingsniveau.",
            "Verwerker zal zorg dragen voor passende technische en organisatorische maatregelen ter beveiliging van de persoonsgegevens.",
            "Verwerker spant zich in om de persoonsgegevens te beveiligen tegen verlies of enige vorm van onrechtmatige verwerking.",
        ],
    ),
    "security_risks": (
        [
            "The Controller and the Processor agree that the security measures protect the personal data against accidental loss, destruction and unauthorised access.",
        ],
        [
            "Verwerker treft maatregelen om te voorkomen dat persoonsgegevens verloren gaan of onbevoegd worden ingezien, gewijzigd of verstrekt.",
            "Verwerker beschermt de persoonsgegevens tegen verlies, beschadiging en onbevoegde kennisneming.",
            "De Verwerkingsverantwoordelijke en de Verwerker komen overeen dat de beveiligingsmaatregelen de persoonsgegevens beschermen tegen verlies, vernietiging en onbevoegde toegang.",
        ],
    ),
    "assist_security": (
        ["The Processor shall cooperate with the Controller in ensuring that appropriate security measures are in place."],
        [
            "Verwerker ondersteunt Verwerkingsverantwoordelijke bij het treffen van passende beveiligingsmaatregelen.",
            "Verwerker verleent bijstand bij het nakomen van de verplichtingen van Verwerkingsverantwoordelijke met betrekking tot informatiebeveiliging.",
        ],
    ),
    "instruction_infringement_alert": (
        [
            "We will let you know without delay if we think an instruction you give us violates data protection law.",
            "The Processor shall draw the Controller's attention to any instruction which, in the Processor's reasonable opinion, contravenes data protection legislation.",
            "The Processor will immediately advise the Controller if an instruction, in its view, conflicts with applicable data protection law.",
            "The Processor shall point out to the Controller any instruction that it considers unlawful.",
        ],
        [
            "Verwerker wijst Verwerkingsverantwoordelijke erop als een instructie naar zijn oordeel in strijd is met de AVG.",
            "Mocht Verwerker van mening zijn dat een instructie de AVG schendt, dan informeert hij Verwerkingsverantwoordelijke daar onmiddellijk over.",
        ],
    ),
}

# A second round of probing, mostly Dutch.
SECOND: dict[str, tuple[list[str], list[str]]] = {
    "documented_instructions": (
        [],
        [
            "Verwerker verwerkt de persoonsgegevens uitsluitend ten behoeve van Verwerkingsverantwoordelijke.",
            "Verwerker zal de persoonsgegevens niet voor andere doeleinden verwerken dan door Verwerkingsverantwoordelijke zijn vastgesteld.",
            "Verwerker verwerkt de persoonsgegevens enkel in het kader van de Overeenkomst.",
        ],
    ),
    "security_measures": (
        ["The Processor shall take appropriate measures to protect the personal data."],
        [
            "Verwerker neemt maatregelen ter bescherming van de persoonsgegevens.",
            "Verwerker treft adequate maatregelen om de persoonsgegevens te beveiligen.",
        ],
    ),
    "security_risks": (
        ["Our security programme is designed to prevent accidental or unlawful destruction, loss, alteration, unauthorised disclosure of, or access to your data."],
        [],
    ),
    "assist_security": ([], ["Verwerker zal Opdrachtgever ondersteunen bij het beveiligen van de persoonsgegevens."]),
}
for _key, (_en, _nl) in SECOND.items():
    PRESENT[_key][0].extend(_en)
    PRESENT[_key][1].extend(_nl)

# key -> sentences near the wider wording that must not count (another party, the wrong thing).
NOT_PRESENT: dict[str, list[tuple[str, bool]]] = {
    "documented_instructions": [("The Controller shall pay the fees as the Processor directs.", False)],
    "legal_requirement_notice": [
        ("Before the processing starts, the Controller shall inform the Processor of any legal obligation that applies to the data.", False)
    ],
    "confidentiality": [("The Processor shall keep its trade secrets from its staff.", False)],
    "assist_security": [("The Controller shall assist the Processor in securing the data.", False)],
    "security_measures": [
        ("The Controller shall secure its own systems with appropriate technical and organisational measures.", False),
        ("De Verwerkingsverantwoordelijke beveiligt zijn eigen systemen op passende wijze.", True),
        ("The Controller shall take measures to protect its own account credentials.", False),
    ],
    "security_risks": [
        ("The Controller and its affiliates shall protect their systems against accidental loss, destruction and unauthorised access with appropriate measures.", False),
        ("Verwerker meldt het de Verwerkingsverantwoordelijke als persoonsgegevens verloren gaan of onbevoegd worden ingezien.", True),
    ],
    "instruction_infringement_alert": [
        ("The Processor shall advise the Controller on how to give its instructions.", False),
        ("The Processor will let the Controller know when an instruction has been carried out.", False),
    ],
}


_status = sentence_status


@pytest.mark.parametrize(("key", "sentence", "dutch"), present_cases(PRESENT))
def test_it_reads_the_wider_wording_as_present(key: str, sentence: str, dutch: bool) -> None:
    assert _status(sentence, key, dutch) == "present", f"{key}: {sentence}"


@pytest.mark.parametrize(
    ("key", "sentence", "dutch"),
    [
        pytest.param(key, sentence, dutch, id=f"{key}-{i}")
        for key, cases in NOT_PRESENT.items()
        for i, (sentence, dutch) in enumerate(cases)
    ],
)
def test_it_does_not_take_a_near_miss_for_the_requirement(key: str, sentence: str, dutch: bool) -> None:
    assert _status(sentence, key, dutch) != "present", f"{key}: {sentence}"


def test_it_keeps_dutch_in_acht_nemen_a_phrase_and_acht_dagen_a_number() -> None:
    assert normalize("neemt de instructies in acht") == "neemt de instructies in acht"
    assert normalize("worden buiten acht gelaten") == "worden buiten acht gelaten"
    assert normalize("in acht dagen, binnen acht uur") == "in 8 dagen, binnen 8 uur"


def test_it_reads_a_clause_of_both_parties_as_binding_the_processor_too() -> None:
    sentence = "The Controller and the Processor agree that the security measures protect the personal data against accidental loss, destruction and unauthorised access."
    alone = "The Controller agrees that its own security measures protect the personal data against accidental loss, destruction and unauthorised access."
    assert _status(sentence, "security_risks", dutch=False) == "present"
    assert _status(alone, "security_risks", dutch=False) != "present"


# A fourth round, collected from the ways public agreements, the Commission's clauses
# (2021/915 and 2021/914) and the GDPR itself put these duties, each written anew (other
# parties: Vendor/Company, Provider/Customer, Leverancier/Afnemer, the data importer/exporter).
# UNSEEN_WIDENED was read as missing or partial before the rules were widened for it;
# UNSEEN_KEPT was already read right and stays so the wider rules keep it.
UNSEEN_WIDENED: dict[str, tuple[list[str], list[str]]] = {
    "legal_requirement_notice": (
        [
            "If a court order or statute obliges the Vendor to process Company personal data beyond the Company's instructions, the Vendor shall first tell the Company, unless the law forbids it.",
            "Where we are legally obliged to process your data for another purpose, we will let you know about that obligation before processing, if the law allows us to.",
            "If the data importer is subject to a legal requirement to process the personal data other than on instructions, it shall inform the data exporter of that requirement before processing unless prohibited by law.",
            "Contractor shall promptly inform the Client, to the extent legally permitted, before it processes any personal data because a law requires it to.",
            "If Provider receives a legally binding request from a public authority to disclose Customer personal data, Provider shall notify Customer before disclosing it, unless such notice is legally prohibited.",
            "If Contractor is compelled by a subpoena or similar legal process to disclose personal data, Contractor shall give the Client prompt notice so that the Client may seek a protective order, unless legally prohibited.",
            "If the Vendor believes it is legally required to process the data other than as instructed, it shall let the Company know before doing so, where the law allows.",
        ],
        [
            "Rust op Opdrachtnemer een wettelijke plicht om de gegevens te verwerken, dan meldt hij dat eerst aan Opdrachtgever, voor zover de wet dat toestaat.",
            "Indien Leverancier door een wettelijk voorschrift of een bevel van een overheidsinstantie verplicht is persoonsgegevens te verstrekken, stelt hij Afnemer daarvan vooraf op de hoogte, tenzij dit wettelijk verboden is.",
            "Verwerker informeert Verwerkingsverantwoordelijke vóór de verwerking over een wettelijk voorschrift dat hem tot verwerking verplicht, tenzij dat voorschrift dit verbiedt.",
        ],
    ),
}

UNSEEN_KEPT: dict[str, tuple[list[str], list[str]]] = {
    "legal_requirement_notice": (
        [
            "The Supplier shall notify the Customer in advance of any legal obligation under Union or Member State law to process the personal data otherwise than on instructions, unless such notice is prohibited on important grounds of public interest.",
            "Where the processing is required by applicable law, the Processor shall inform the Controller of that legal requirement before processing, unless that law prohibits it.",
            "The Vendor shall inform the Company in advance if it is legally required to process the personal data other than under the Company's instructions, unless the applicable law forbids such notice.",
            "If applicable law requires the Processor to process personal data other than on the Controller's instructions, the Processor will inform the Controller of this before processing, except where the law prohibits it.",
            "Should EU or national law require us to process your personal data for another purpose, we will tell you before doing so, unless that law prevents us.",
            "Where processing is required by law, the Controller shall be informed of that legal requirement before processing, unless the law prohibits it.",
            "The Controller will be notified in advance of any legal requirement to process the personal data, unless such notice is prohibited by law.",
            "The Processor shall act only on the Controller's written instructions unless national law requires otherwise, in which case it shall tell the Controller of that requirement before it processes the data, unless the law forbids that.",
            "Where a law to which the Supplier is subject requires further processing, the Supplier shall notify the Customer of that requirement before the processing begins, unless the law prohibits notice on important grounds of public interest.",
            "The Processor processes the personal data only on documented instructions, unless Union or Member State law to which it is subject requires it to do so; in such a case, the Processor shall inform the Controller of that legal requirement before processing, unless that law prohibits such information on important grounds of public interest.",
        ],
        [
            "Wanneer een wettelijk voorschrift Leverancier verplicht om persoonsgegevens anders dan volgens de instructies te verwerken, informeert Leverancier Afnemer daarover vooraf, tenzij dat niet is toegestaan.",
            "Verwerker stelt Verwerkingsverantwoordelijke vooraf in kennis van een wettelijke verplichting om persoonsgegevens te verwerken, behalve wanneer de wet zo'n kennisgeving verbiedt.",
            "Indien een rechterlijk bevel of een wet Datawolk verplicht de gegevens te verwerken, informeert Datawolk Meel daar voorafgaand aan de verwerking over, tenzij de wet dit verbiedt.",
            "Als de wet Verwerker verplicht de gegevens voor een ander doel te verwerken, informeert Verwerker Verwerkingsverantwoordelijke daarover voordat hij dat doet, tenzij de wet dat niet toestaat.",
            "Verwerker handelt uitsluitend op schriftelijke instructie, tenzij een wettelijk voorschrift hem tot verwerking verplicht; in dat geval meldt hij dat voorschrift vooraf aan Verwerkingsverantwoordelijke, tenzij de wet dat verbiedt.",
            "Verwerker verwerkt uitsluitend op instructie, behalve als hij op grond van een wettelijke bepaling tot verwerking verplicht is; in dat geval stelt hij Verwerkingsverantwoordelijke vóór de verwerking op de hoogte, tenzij de wet dat verbiedt.",
        ],
    ),
}

# key -> (what it is, text, Dutch?) that mentions the subject but must not count.
UNSEEN_NOT: dict[str, list[tuple[str, str, bool]]] = {
    "legal_requirement_notice": [
        (
            "other party",
            "The Customer shall inform the Supplier before any processing that the law requires of the Customer itself.",
            False,
        ),
        ("no law", "The Processor shall notify the Controller before the processing begins.", False),
        (
            "opposite",
            "The Supplier is not obliged to inform the Customer of any legal requirement to disclose the personal data.",
            False,
        ),
        (
            "other party",
            "Afnemer stelt Leverancier vooraf op de hoogte van een wettelijke verplichting die op Afnemer rust.",
            True,
        ),
        ("heading", "Verwerking op grond van een wettelijke plicht", True),
    ],
}


(
    test_it_reads_the_widened_fourth_round_wordings_as_present,
    test_it_keeps_reading_the_collected_fourth_round_wordings_as_present,
    test_it_does_not_read_a_near_miss_of_the_fourth_round_as_present,
) = round_checks(UNSEEN_WIDENED, UNSEEN_KEPT, UNSEEN_NOT)
