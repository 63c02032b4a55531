"""The facts "documented instructions only", "staff bound to confidentiality" and "warns of an
unlawful instruction" agree with their requirements of Article 28(3), so the review page cannot
contradict itself.

Every sentence was written for this test. The "present" ones are wordings the older fact
patterns missed (and the requirement rules catch); the "not stated" ones are wordings the
older fact patterns took as the fact while the requirement rules rightly refuse them: a
heading, a definition, the controller's own duty, the opposite.
"""

# Sample sentences read better on one line.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from art28.analyzer import analyze
from art28.analyzer.analysis import Analysis
from art28.analyzer.extract_misc import FROM_REQUIREMENT

OPENING = {
    "en": "This agreement is concluded between Tuinhuis Groen B.V. (the “Controller”) and Rekenhal Nord B.V. (the “Processor”).\n\n",
    "nl": "Deze overeenkomst is gesloten tussen Tuinhuis Groen B.V. (de “Verwerkingsverantwoordelijke”) en Rekenhal Nord B.V. (de “Verwerker”).\n\n",
}
HEAD = {"en": "4. Duties of the parties\n", "nl": "4. Plichten van partijen\n"}
INSTRUCTIONS = "instructions.documented_only"
CONFIDENTIALITY = "confidentiality.staff_bound"
ALERT = "instructions.infringement_alert"


def _analyse(body: str, lang: str) -> Analysis:
    return analyze(f"{OPENING[lang]}{body}".encode(), filename="sample.txt", lang=lang)


def _fact(analysis: Analysis, path: str) -> bool | None:
    group, leaf = path.split(".")
    value = getattr(getattr(analysis.terms, group), leaf)
    assert isinstance(value, bool | None)
    return value


def _clause(sentence: str, lang: str) -> str:
    return f"{HEAD[lang]}4.1 {sentence}\n"


STATED = [
    pytest.param(INSTRUCTIONS, "en", "The Processor handles the personal data strictly in line with the instructions it receives from the Controller.", id="instructions-en-strictly"),
    pytest.param(INSTRUCTIONS, "en", "Rekenhal Nord will never use the personal data for its own purposes.", id="instructions-en-own-purposes"),
    pytest.param(INSTRUCTIONS, "nl", "Verwerker neemt bij elke verwerking de aanwijzingen van Verwerkingsverantwoordelijke in acht.", id="instructions-nl-aanwijzingen"),
    pytest.param(INSTRUCTIONS, "nl", "Verwerker gebruikt de persoonsgegevens niet voor eigen doeleinden.", id="instructions-nl-eigen-doeleinden"),
    pytest.param(CONFIDENTIALITY, "en", "The Processor makes sure that everyone with access to the personal data treats it as confidential.", id="confidentiality-en-everyone"),
    pytest.param(CONFIDENTIALITY, "en", "The Processor shall see to it that its workers keep the personal data secret.", id="confidentiality-en-secret"),
    pytest.param(CONFIDENTIALITY, "nl", "Verwerker zorgt ervoor dat alle personen die de persoonsgegevens verwerken tot geheimhouding verplicht zijn.", id="confidentiality-nl-personen"),
    pytest.param(CONFIDENTIALITY, "nl", "Verwerker legt iedereen die namens hem met de persoonsgegevens werkt een geheimhoudingsplicht op.", id="confidentiality-nl-iedereen"),
    pytest.param(ALERT, "en", "The Processor shall tell the Controller straight away if it thinks an instruction infringes data protection law.", id="alert-en"),
    pytest.param(ALERT, "nl", "Verwerker waarschuwt Verwerkingsverantwoordelijke direct als een instructie naar zijn oordeel in strijd is met de AVG.", id="alert-nl"),
]


@pytest.mark.parametrize(("path", "lang", "sentence"), STATED)
def test_it_states_the_fact_where_the_requirement_is_present(path: str, lang: str, sentence: str) -> None:
    analysis = _analyse(_clause(sentence, lang), lang)
    requirement = analysis.requirements[FROM_REQUIREMENT[path]]
    assert requirement.status == "present"
    assert _fact(analysis, path) is True
    # The same sentence as evidence for both.
    assert [e.quote for e in analysis.evidence[path]] == [e.quote for e in requirement.evidence]
    assert any(sentence in e.quote for e in analysis.evidence[path])


NOT_STATED = [
    # Headings: a title names the subject, it binds no one.
    pytest.param(INSTRUCTIONS, "en", "4. Processing only on documented instructions\n4.1 The parties have agreed the following.\n", id="instructions-en-heading"),
    pytest.param(CONFIDENTIALITY, "nl", "4. Geheimhouding door medewerkers\n4.1 Partijen spreken het volgende af.\n", id="confidentiality-nl-heading"),
    # Definitions.
    pytest.param(INSTRUCTIONS, "en", "1. Definitions\n1.1 “Instruction” means any documented instruction the Controller gives the Processor.\n", id="instructions-en-definition"),
    pytest.param(INSTRUCTIONS, "nl", "1. Begrippen\n1.1 “Instructie”: een schriftelijke instructie van Verwerkingsverantwoordelijke aan Verwerker.\n", id="instructions-nl-definition"),
    # The controller's own duties.
    pytest.param(INSTRUCTIONS, "en", _clause("The Controller shall only give instructions that comply with data protection law.", "en"), id="instructions-en-controller"),
    pytest.param(CONFIDENTIALITY, "en", _clause("The Controller shall ensure that its own employees keep their passwords confidential.", "en"), id="confidentiality-en-controller"),
    pytest.param(CONFIDENTIALITY, "nl", _clause("Verwerkingsverantwoordelijke zorgt ervoor dat haar eigen medewerkers hun wachtwoorden geheimhouden.", "nl"), id="confidentiality-nl-controller"),
    # The opposite.
    pytest.param(CONFIDENTIALITY, "en", _clause("The Processor's staff have no obligation to keep the personal data confidential.", "en"), id="confidentiality-en-opposite"),
    pytest.param(CONFIDENTIALITY, "nl", _clause("Verwerker is niet verplicht zijn medewerkers tot geheimhouding te verplichten.", "nl"), id="confidentiality-nl-opposite"),
    # The controller's warranty that its instructions are lawful is no alert by the processor.
    pytest.param(ALERT, "en", _clause("The Controller warrants that its instructions for the processing do not infringe any law or any right of a third party.", "en"), id="alert-en-controller-warranty"),
    pytest.param(ALERT, "nl", _clause("Verwerkingsverantwoordelijke staat ervoor in dat haar instructies niet in strijd zijn met de wet of met rechten van derden.", "nl"), id="alert-nl-controller-warranty"),
]


@pytest.mark.parametrize(("path", "lang", "body"), NOT_STATED)
def test_it_leaves_the_fact_unstated_where_the_requirement_is_not_present(path: str, lang: str, body: str) -> None:
    analysis = _analyse(body, lang)
    assert analysis.requirements[FROM_REQUIREMENT[path]].status != "present"
    assert _fact(analysis, path) is None
    assert path not in analysis.evidence


def test_it_keeps_the_checklist_the_fact_and_the_requirement_in_step() -> None:
    body = (
        "3. Instructions\n"
        "3.1 The Processor acts on the documented instructions of the Controller only.\n"
        "5. Confidentiality\n"
        "5.1 The Controller shall keep the price list of the Processor confidential towards third parties.\n"
    )
    analysis = _analyse(body, "en")
    assert analysis.requirements["documented_instructions"].status == "present"
    assert _fact(analysis, INSTRUCTIONS) is True
    assert analysis.art28["a_documented_instructions"].status == "present"
    assert analysis.requirements["confidentiality"].status == "missing"
    assert _fact(analysis, CONFIDENTIALITY) is None
    assert analysis.art28["b_confidentiality"].status == "missing"
