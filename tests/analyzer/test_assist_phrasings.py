"""More wordings of the assistance duties of Article 28(3)(e) and (f), our own sentences.

Each sentence was written for this test from general knowledge of data processing agreements
(none from the seeds or the corpus). Each sentence that must count failed before the rule it
tests was widened; the ones that must not count guard the widened rules (and the reading of
whose clause a sentence is) against reading too much. They stand alone under a neutral
heading after a preamble that names the parties, as in ``test_requirement_phrasings``.
"""

# Sample sentences read better on one line.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from art28.analyzer.context import Context
from art28.analyzer.patterns import normalize
from art28.analyzer.requirements import subject
from art28.analyzer.text import sentences
from tests.analyzer.phrasing_rounds import round_checks
from tests.analyzer.test_requirement_phrasings import (
    _document,
    _status,
    present_cases,
    sentence_status,
)

# key -> (English sentences that state it, Dutch sentences that state it)
PRESENT: dict[str, tuple[list[str], list[str]]] = {
    "assist_data_subject_requests": (
        [
            # Article 28(3)(e) in its own words: measures for the controller's duty, no verb of help.
            "Taking into account the nature of the processing, the Processor shall have appropriate technical and organisational measures in place, insofar as possible, for the fulfilment of the Controller's obligation to respond to requests for exercising data subject rights.",
            "Processor shall provide Controller with the functionality to correct, delete or export personal data so that Controller can respond to data subject requests.",
            "We will assist you with subject access requests.",
            "The Processor shall, at the Controller's request, give the Controller the data it needs to answer a subject access request.",
            "The Processor shall help the Controller to fulfil its obligations towards data subjects under the GDPR.",
            "Processor shall deliver any documentation reasonably required for Controller to answer requests from data subjects.",
        ],
        [
            "Verwerker zorgt voor passende technische en organisatorische maatregelen zodat Verwerkingsverantwoordelijke kan voldoen aan zijn verplichting om verzoeken van betrokkenen te beantwoorden.",
            "Verwerker stelt Verwerkingsverantwoordelijke in staat om verzoeken van betrokkenen tijdig af te handelen.",
            "Verwerker helpt Verwerkingsverantwoordelijke bij het nakomen van diens verplichtingen jegens betrokkenen.",
            "Verwerker helpt Verwerkingsverantwoordelijke bij het afhandelen van inzageverzoeken.",
            "Verwerker zal op eerste verzoek alle informatie verschaffen die Verwerkingsverantwoordelijke nodig heeft om verzoeken van betrokkenen te beantwoorden.",
        ],
    ),
    "assist_prior_consultation": (
        [
            "The Processor will participate in any prior consultation of the supervisory authority.",
            "The Processor shall reasonably assist the Customer with consultations with the competent data protection agency.",
            "Should the Controller need to consult the supervisory authority, the Processor shall cooperate.",
            "Processor shall deliver any documentation reasonably required for Controller's consultation of the regulator.",
        ],
        [
            "Verwerker ondersteunt Verwerkingsverantwoordelijke wanneer deze de Autoriteit Persoonsgegevens moet raadplegen.",
            "Verwerker neemt op verzoek deel aan een voorafgaande raadpleging van de Autoriteit Persoonsgegevens.",
            "Indien Verwerkingsverantwoordelijke de toezichthouder moet raadplegen, verstrekt Verwerker de daarvoor benodigde informatie.",
            "Verwerker zal op eerste verzoek alle informatie verschaffen die Verwerkingsverantwoordelijke nodig heeft voor een voorafgaande raadpleging.",
        ],
    ),
    "assist_breach_notification": (
        [
            "The Processor shall provide the Controller with such information as the Controller may reasonably require to comply with its obligations under Article 33 GDPR.",
            # A breach notice given so that the controller can make its own notification.
            "We will tell you of any breach affecting your data without undue delay so that you can meet your duty to report it to the supervisory authority.",
            "Processor will notify Controller of a Personal Data Breach promptly in order to allow Controller to notify the competent supervisory authority within 72 hours.",
        ],
        [
            "Verwerker zal Verwerkingsverantwoordelijke ondersteunen bij het nakomen van de meldplicht datalekken.",
            "Verwerker ondersteunt Verwerkingsverantwoordelijke bij het voldoen aan de wettelijke meldplicht.",
            "Verwerker verstrekt alle informatie die nodig is zodat Verwerkingsverantwoordelijke de melding aan de toezichthouder kan doen.",
            "Verwerker meldt een datalek binnen 24 uur aan Verwerkingsverantwoordelijke, zodat Verwerkingsverantwoordelijke tijdig aan haar meldplicht kan voldoen.",
            "Verwerker informeert Verwerkingsverantwoordelijke onverwijld over een inbreuk, zodat deze de melding aan de Autoriteit Persoonsgegevens binnen 72 uur kan doen.",
        ],
    ),
    "assist_breach_communication": (
        [
            "The Processor shall assist the Controller with notifications to affected data subjects.",
            "The Processor shall provide the Controller with all information needed to inform the data subjects concerned.",
            "Where the Controller must inform data subjects of a breach, the Processor shall assist it.",
        ],
        [
            "Verwerker ondersteunt Verwerkingsverantwoordelijke bij het informeren van betrokkenen.",
            "Verwerker verleent medewerking aan een melding aan de betrokkenen.",
            "Indien Verwerkingsverantwoordelijke betrokkenen over het datalek moet informeren, verleent Verwerker daaraan medewerking.",
        ],
    ),
    "assist_dpia": (
        [
            "We will work closely with you on every data protection impact assessment you undertake.",
            "The Processor will participate in data protection impact assessments at the Controller's request.",
            "The Processor shall assist the Controller in assessing the impact of the processing on the protection of personal data.",
            "Processor shall deliver any documentation reasonably required for Controller's data protection impact assessments.",
        ],
        [
            "Op verzoek van Verwerkingsverantwoordelijke verleent Verwerker bijstand bij een beoordeling van de gevolgen voor de gegevensbescherming.",
            "Verwerker neemt op verzoek van Verwerkingsverantwoordelijke deel aan een DPIA.",
            "Verwerker zal op eerste verzoek alle informatie verschaffen die Verwerkingsverantwoordelijke nodig heeft voor een gegevensbeschermingseffectbeoordeling.",
        ],
    ),
}

# key -> sentences that mention the subject but state another duty.
NOT_PRESENT: dict[str, list[str]] = {
    "assist_breach_notification": [
        # A notice with a deadline alone tells the controller; it does not help it notify (partial).
        "Datawolk will tell Meel of every breach involving its data within forty-eight hours at the latest.",
    ],
    "assist_dpia": [
        "The Processor shall assist the Controller with any transfer impact assessment required for transfers to third countries.",
    ],
    "assist_breach_communication": [
        "The Processor shall help the Controller to provide information to data subjects under Articles 13 and 14 GDPR.",
        "The Processor shall assist the Controller in informing data subjects about the processing in its privacy notice.",
        "The Processor shall tell the Controller of any request it receives from a data subject.",
    ],
    "assist_data_subject_requests": [
        "The Controller shall respond to the requests of data subjects with the tools of the service.",
    ],
}

@pytest.mark.parametrize(("key", "sentence", "dutch"), present_cases(PRESENT))
def test_it_counts_a_sentence_that_states_the_assistance(key: str, sentence: str, dutch: bool) -> None:
    assert sentence_status(sentence, key, dutch) == "present", sentence


@pytest.mark.parametrize(
    ("key", "sentence"), [pytest.param(k, s, id=f"{k}-{i}") for k, group in NOT_PRESENT.items() for i, s in enumerate(group)]
)
def test_it_does_not_count_another_duty(key: str, sentence: str) -> None:
    assert _status(_document(sentence, False), key, "en") != "present", sentence


def _subject(text: str, lang: str = "en") -> str | None:
    ctx = Context(sentences("The processor and the controller agree."), lang)  # type: ignore[arg-type]
    return subject(normalize(text), ctx)


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # A modal inside an opening condition does not decide whose clause it is.
        ("Where the Controller must inform data subjects of a breach, the Processor shall assist it.", "processor"),
        ("If the Controller wishes to audit, the Controller shall give thirty days' notice.", "controller"),
        ("If the Processor is required by law to process the data, it shall inform the Controller first.", "processor"),
        # "that" still hands the sentence to the clause it introduces.
        ("The Controller acknowledges that where the Processor must delete the data, it may keep a backup.", "processor"),
        # A subordinate clause without its comma: the party the sentence opened with.
        ("Verwerkingsverantwoordelijke bepaalt wanneer Verwerker de gegevens moet verwijderen.", "controller"),
        ("Verwerker verstrekt de informatie zodat Verwerkingsverantwoordelijke de melding aan de toezichthouder kan doen.", "processor"),
    ],
)
def test_it_reads_the_party_of_the_main_clause(text: str, party: str) -> None:
    assert _subject(text) == party


# Found in review: the condition rule must not skip the main clause's own party, and a bare
# "when"/"wanneer" must not hand over a clause of another party that is joined on after it.
REVIEW = [
    ("security_measures", "missing", False,
     "Where required the Controller shall put suitable technical and organisational security measures in place for its own systems, taking into account the state of the art."),
    ("delete_or_return", "missing", False,
     "If the agreement ends the Controller shall delete all the personal data, unless Union law requires storage of the personal data."),
    ("confidentiality", "missing", False,
     "Where applicable the Controller shall make sure that its own employees with access to the data are bound to confidentiality, as the law requires."),
    ("confidentiality", "present", False,
     "Where staff handle the data the Processor shall make sure that they are bound to secrecy, and the Controller may ask for proof of it."),
    ("instruction_infringement_alert", "present", True,
     "Indien een opdracht volgens Verwerker in strijd is met de AVG zal Verwerker de Verwerkingsverantwoordelijke onmiddellijk waarschuwen, en de Verwerkingsverantwoordelijke moet de opdracht dan heroverwegen."),
    ("instruction_infringement_alert", "present", False,
     "The Controller stays responsible when it gives instructions and the Processor shall immediately inform the Controller if, in its view, an instruction breaches the GDPR."),
    ("confidentiality", "present", False,
     "The Controller decides when access is needed and the Processor shall ensure that everyone it authorises is bound to confidentiality."),
]


@pytest.mark.parametrize(("key", "status", "dutch", "sentence"), REVIEW, ids=[f"{k}-{s}-{i}" for i, (k, s, _, _) in enumerate(REVIEW)])
def test_it_reads_a_condition_or_a_joined_clause_as_its_own_party(key: str, status: str, dutch: bool, sentence: str) -> None:
    assert sentence_status(sentence, key, dutch) == status, sentence


def test_als_before_a_role_word_is_not_a_condition() -> None:
    assert _subject("Als verwerker zal Wolkdienst de persoonsgegevens uitsluitend verwerken volgens de instructies, tenzij de wet anders bepaalt.", "nl") == "processor"


# A fourth round, collected from the ways public agreements, the Commission's clauses
# (2021/915 and 2021/914) and the GDPR itself put these duties, each written anew (other
# parties: Vendor/Company, Provider/Customer, Leverancier/Afnemer, the data importer/exporter).
# UNSEEN_WIDENED was read as missing or partial before the rules were widened for it;
# UNSEEN_KEPT was already read right and stays so the wider rules keep it.
UNSEEN_WIDENED: dict[str, tuple[list[str], list[str]]] = {
    "assist_data_subject_requests": (
        [
            "We will give you the help you reasonably need to handle requests from people who want to see, correct or delete their data.",
            "The Processor shall enable the Controller to comply with requests for access, rectification, erasure, restriction, portability or objection.",
            "The Processor shall provide the Controller with the means to rectify, erase or export the personal data of a data subject.",
            "The Supplier shall, at the Customer's request, correct, delete or block personal data so that the Customer can honour data subject requests.",
        ],
        [
            "Opdrachtnemer verleent Opdrachtgever op verzoek alle redelijke hulp bij het nakomen van verzoeken van betrokkenen.",
            "Verwerker corrigeert of verwijdert op verzoek van Verwerkingsverantwoordelijke persoonsgegevens, zodat Verwerkingsverantwoordelijke aan verzoeken van betrokkenen kan voldoen.",
        ],
    ),
    "assist_dpia": (
        [
            "Where Customer makes its own assessment of the likely impact of the planned processing on the protection of personal data, Supplier shall give it reasonable help.",
            "Should the Customer be required to perform a data protection impact assessment, the Supplier shall provide the input the Customer reasonably needs.",
        ],
        [
            "Opdrachtnemer draagt bij aan de gegevensbeschermingseffectbeoordelingen die Opdrachtgever moet uitvoeren.",
        ],
    ),
    "assist_prior_consultation": (
        [],
        [
            "Opdrachtnemer draagt bij aan een voorafgaande raadpleging van de Autoriteit Persoonsgegevens door Opdrachtgever.",
        ],
    ),
}

UNSEEN_KEPT: dict[str, tuple[list[str], list[str]]] = {
    "assist_data_subject_requests": (
        [
            "Taking into account the nature of the processing, the Vendor shall help the Company, as far as possible, to fulfil its obligation to respond to requests from individuals exercising their rights under the GDPR.",
            "The Supplier shall forward to the Customer without delay any request it receives from a data subject and shall help the Customer to answer it.",
            "The data importer shall help the data exporter meet its duty to answer the requests by which data subjects exercise their rights.",
            "Where a data subject invokes a right under the GDPR, Contractor shall provide the Client with all reasonable cooperation.",
            "Provider will provide Customer with reasonable cooperation and assistance in relation to requests from data subjects, to the extent Customer cannot fulfil them through the Services.",
            "The Vendor shall, at the Company's cost, give the Company the assistance it reasonably needs to meet its duties towards individuals who exercise their rights under the data protection rules.",
            "Bearing in mind what the processing involves, Supplier shall help Customer through suitable technical and organisational measures, as far as possible, to fulfil Customer's duty to answer data subject requests.",
            "The Processor shall help the Controller meet its obligations to respond to requests of data subjects by appropriate technical and organisational measures.",
            "We will assist you, through the functions of the service, in fulfilling requests of individuals to exercise their rights.",
            "Reasonable assistance will be provided to you in responding to requests from data subjects.",
            "Requests from data subjects shall be handled with the Processor's assistance.",
            "Where the Controller cannot itself answer a request of a data subject through the service, the Processor shall help it do so.",
            "The Provider will give the Customer commercially reasonable cooperation and assistance in handling a data subject's request, to the extent the Customer cannot handle it through the service.",
            "The Processor shall support the Controller in safeguarding the rights of data subjects.",
        ],
        [
            "Leverancier helpt Afnemer zoveel mogelijk om te kunnen voldoen aan verzoeken van betrokkenen die hun rechten uitoefenen.",
            "Verwerker werkt mee wanneer Verwerkingsverantwoordelijke een verzoek van een betrokkene om inzage, rectificatie of wissing moet afhandelen.",
            "Indien een betrokkene een van zijn rechten uitoefent, ondersteunt Datawolk Meel bij de afhandeling daarvan.",
            "Verwerker verleent Verwerkingsverantwoordelijke alle redelijke medewerking om te voldoen aan een verzoek van een betrokkene.",
            "Leverancier assisteert Afnemer bij het afhandelen van verzoeken van betrokkenen tot uitoefening van hun rechten.",
            "Verwerker helpt Verwerkingsverantwoordelijke met passende technische en organisatorische maatregelen om verzoeken van betrokkenen te beantwoorden.",
            "Verwerker ondersteunt Verwerkingsverantwoordelijke bij het waarborgen van de rechten van betrokkenen.",
        ],
    ),
    "assist_dpia": (
        [
            "The Vendor shall provide reasonable assistance to the Company where the Company carries out a data protection impact assessment of the processing.",
            "Upon request, the Supplier shall give the Customer the information it needs for a privacy impact assessment.",
            "We will cooperate with you where you must assess the impact of the processing on the protection of personal data.",
            "The data importer shall assist the data exporter in ensuring compliance with its obligations regarding data protection impact assessments, taking into account the information available to the data importer.",
            "Contractor shall reasonably cooperate with the Client in preparing any impact assessment that Article 35 GDPR requires.",
            "Where the Controller decides to carry out a DPIA, the Processor shall make available the necessary information.",
            "Upon request, Provider shall give Customer reasonable cooperation for any data protection impact assessment Customer is required to perform regarding the Services.",
            "The Vendor shall provide information to the Company which the Company needs to complete a privacy impact assessment for the processing.",
            "Processor shall, considering the nature of the processing and the information it has, assist Controller with its obligations under Articles 35 and 36 GDPR.",
            "The Processor shall give the Controller appropriate cooperation so that the Controller can carry out any data protection impact assessment it must carry out.",
            "We will support you, where needed, in carrying out data protection impact assessments related to the services.",
            "The Supplier shall, on request, help the Customer to evaluate the impact of the processing on data protection.",
            "Where required, assistance shall be given to the Customer for data protection impact assessments.",
            "Reasonable assistance with data protection impact assessments will be provided to you upon request.",
            "Where necessary and on request, the Vendor shall help the Company to meet the obligations that follow from carrying out data protection impact assessments.",
            "The Supplier shall give all reasonable assistance to the Customer with the conduct of privacy impact assessments.",
            "The Processor shall assist the Controller in fulfilling its duty to assess the impact of the processing where a high risk is likely.",
            "At the Controller's request, the Processor will contribute to the preparation of data protection impact assessments.",
            "The Provider shall provide reasonable cooperation and assistance to the Customer in connection with any data protection impact assessment relating to the services.",
        ],
        [
            "Leverancier helpt Afnemer bij het uitvoeren van een gegevensbeschermingseffectbeoordeling als Afnemer daarom vraagt.",
            "Indien Verwerkingsverantwoordelijke een DPIA uitvoert, verleent Verwerker daaraan zijn medewerking.",
            "Opdrachtnemer verstrekt Opdrachtgever de informatie die nodig is voor een privacy impact assessment.",
            "Datawolk ondersteunt Meel bij het beoordelen van de gevolgen van de verwerking voor de bescherming van persoonsgegevens.",
            "Verwerker helpt Verwerkingsverantwoordelijke bij het verrichten van een gegevensbeschermingseffectbeoordeling en een eventuele voorafgaande raadpleging.",
            "Leverancier verleent Afnemer op verzoek redelijke medewerking bij het opstellen van een DPIA.",
            "Verwerker werkt op verzoek mee aan een door Verwerkingsverantwoordelijke uit te voeren gegevensbeschermingseffectbeoordeling.",
            "Verwerker verleent op verzoek van Verwerkingsverantwoordelijke medewerking aan het opstellen van een data protection impact assessment (DPIA).",
        ],
    ),
    "assist_prior_consultation": (
        [
            "The Vendor shall provide reasonable assistance to the Company where the Company must consult the supervisory authority before processing.",
            "The data importer shall assist the data exporter in consulting the competent supervisory authority prior to processing where an impact assessment indicates a high risk.",
            "We will support you in any consultation with a data protection authority that your impact assessment requires.",
            "Contractor shall give the Client the information it needs for a prior consultation under Article 36 GDPR.",
            "Upon request, the Supplier shall cooperate with the Customer in its prior consultations with the regulator.",
            "Upon request, Provider shall give Customer reasonable cooperation in its prior consultations with supervisory authorities concerning the Services.",
            "Processor shall, considering the nature of the processing and the information it has, assist Controller with its obligations under Articles 35 and 36 GDPR.",
            "Where Customer must consult a supervisory authority before the processing begins, the Vendor shall provide it with reasonable assistance.",
            "The Processor shall give the Controller appropriate cooperation so that the Controller can consult the supervisory authority where Article 36 GDPR requires it.",
            "We will support you in any prior consultation of the regulator that relates to the services.",
            "Reasonable assistance with prior consultations of the supervisory authority will be provided to you upon request.",
            "Where necessary and on request, the Vendor shall help the Company to meet the obligations that follow from the prior consultation of the supervisory authority.",
            "The Processor shall assist the Controller in fulfilling its duty to consult the competent authority before processing that a DPIA shows to be high-risk.",
            "At the Controller's request, the Processor will contribute to any prior consultation with the data protection authority.",
            "The Provider shall provide reasonable cooperation and assistance to the Customer in connection with any consultation of a supervisory authority relating to the services.",
        ],
        [
            "Leverancier verleent Afnemer bijstand wanneer Afnemer vooraf de Autoriteit Persoonsgegevens moet raadplegen.",
            "Verwerker verstrekt Verwerkingsverantwoordelijke de informatie die deze nodig heeft voor een voorafgaande raadpleging van de toezichthouder.",
            "Opdrachtnemer werkt mee aan een raadpleging van de toezichthoudende autoriteit door Opdrachtgever.",
            "Datawolk helpt Meel bij het nakomen van de verplichtingen van artikel 36 AVG.",
            "Verwerker helpt Verwerkingsverantwoordelijke bij het verrichten van een gegevensbeschermingseffectbeoordeling en een eventuele voorafgaande raadpleging.",
            "Leverancier verleent Afnemer medewerking bij een voorafgaande raadpleging van de toezichthouder.",
            "Verwerker werkt op verzoek mee aan een voorafgaande raadpleging van de Autoriteit Persoonsgegevens door Verwerkingsverantwoordelijke.",
            "Verwerker ondersteunt Verwerkingsverantwoordelijke indien deze op grond van artikel 36 AVG de toezichthouder moet raadplegen.",
        ],
    ),
}

# key -> (what it is, text, Dutch?) that mentions the subject but must not count.
UNSEEN_NOT: dict[str, list[tuple[str, str, bool]]] = {
    "assist_data_subject_requests": [
        ("other party", "Opdrachtgever handelt verzoeken van betrokkenen zelf af.", True),
        (
            "opposite",
            "The Vendor has no obligation to help the Company with requests from data subjects.",
            False,
        ),
        # One right alone may be the controller's own request; "persons" alone may be an authority's.
        (
            "one right",
            "The Processor shall assist the Controller with requests for deletion of its user accounts.",
            False,
        ),
        (
            "authority",
            "The Processor shall help the Controller to handle requests from persons acting for a public authority.",
            False,
        ),
        (
            "other party",
            "The Controller shall correct or delete the personal data itself so that it can answer the requests of data subjects.",
            False,
        ),
    ],
    "assist_dpia": [
        ("other party", "The Company shall carry out any data protection impact assessment itself.", False),
        ("heading", "Gegevensbeschermingseffectbeoordeling", True),
    ],
    "assist_prior_consultation": [
        (
            "other party",
            "Verwerkingsverantwoordelijke raadpleegt zelf de toezichthouder wanneer dat nodig is.",
            True,
        ),
        ("heading", "Prior Consultation with the Supervisory Authority", False),
    ],
}


(
    test_it_reads_the_widened_fourth_round_wordings_as_present,
    test_it_keeps_reading_the_collected_fourth_round_wordings_as_present,
    test_it_does_not_read_a_near_miss_of_the_fourth_round_as_present,
) = round_checks(UNSEEN_WIDENED, UNSEEN_KEPT, UNSEEN_NOT)
