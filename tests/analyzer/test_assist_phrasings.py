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
from tests.analyzer.test_requirement_phrasings import _document, _status, present_cases, sentence_status

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
