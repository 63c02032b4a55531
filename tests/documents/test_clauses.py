"""Paragraphs switch with the terms; every option combination builds."""

from __future__ import annotations

import itertools

import pytest

from art28.documents import CURRENT_VERSION, DocumentError, available_versions, build_document
from art28.documents.standard import load_standard
from art28.terms.demo import CLIENTS, demo_terms
from art28.terms.schema import (
    AuditCost,
    Authorisation,
    DpaTerms,
    EndChoice,
    OutsideEea,
    Party,
)
from tests.documents.helpers import normalise, rendered_texts


def body(terms: DpaTerms) -> str:
    doc = build_document(terms, reference="R-1")
    return " ".join(p.text + " " + " ".join(p.items) for a in doc.articles for p in a.paragraphs)


def nl_terms() -> DpaTerms:
    return demo_terms(CLIENTS[0]).model_copy(deep=True)


def test_it_switches_between_specific_and_general_authorisation() -> None:
    specific, general = nl_terms(), nl_terms()
    specific.subprocessors.authorisation = Authorisation.SPECIFIC
    general.subprocessors.authorisation = Authorisation.GENERAL
    assert "specifieke schriftelijke toestemming" in body(specific)
    assert "algemene schriftelijke toestemming" not in body(specific)
    assert "algemene schriftelijke toestemming" in body(general)
    assert "binnen 14 dagen na ontvangst van de kennisgeving op redelijke gronden bezwaar" in (
        body(general))
    # ... and the rendered files follow, not only the model.
    assert "specifieke schriftelijke toestemming" in normalise(rendered_texts(specific)[0])
    assert "algemene schriftelijke toestemming" in normalise(rendered_texts(general)[1])


def test_it_counts_business_days_when_agreed() -> None:
    terms = demo_terms(CLIENTS[2]).model_copy(deep=True)
    terms.subprocessors.business_days = True
    assert "at least 30 business days before" in body(terms)
    assert "within 14 business days after receiving" in body(terms)
    terms.subprocessors.business_days = False
    assert "business days" not in body(terms)


@pytest.mark.parametrize(("cost", "phrase"), [
    (AuditCost.CONTROLLER, "The costs of an audit are borne by the Controller."),
    (AuditCost.PROCESSOR, "The costs of an audit are borne by the Processor."),
    (AuditCost.CONTROLLER_UNLESS_NONCOMPLIANT, "unless the audit shows that the Processor"),
    (AuditCost.SHARED, "shared equally"),
])
def test_it_states_the_agreed_audit_cost_rule(cost: AuditCost, phrase: str) -> None:
    terms = demo_terms(CLIENTS[2]).model_copy(deep=True)
    terms.audit.cost = cost
    text = body(terms)
    assert phrase in text
    others = {"shared equally", "borne by the Processor.", "unless the audit shows"} - {phrase}
    assert not any(o in text for o in others if o not in phrase)


@pytest.mark.parametrize(("choice", "present", "absent"), [
    (EndChoice.RETURN_OR_DELETE, "retourneren of vernietigen", "daarna alle bestaande"),
    (EndChoice.DELETE, "binnen 30 dagen vernietigen", "retourneren of vernietigen,"),
    (EndChoice.RETURN, "retourneren en daarna", "retourneren of vernietigen,"),
])
def test_it_follows_the_end_choice(choice: EndChoice, present: str, absent: str) -> None:
    terms = nl_terms()
    terms.end.choice = choice
    assert present in body(terms)
    assert absent not in body(terms)


def test_it_names_dutch_law_and_the_competent_court() -> None:
    text = body(nl_terms())
    assert "Nederlands recht" in text
    assert "bevoegde rechter: Rechtbank Amsterdam" in text


def test_it_covers_every_article_28_element_in_both_languages() -> None:
    for client in CLIENTS[0], CLIENTS[2]:
        keys = [a.key for a in build_document(demo_terms(client), reference="R").articles]
        assert keys == ["definitions", "scope", "instructions", "confidentiality", "security",
                        "subprocessors", "transfers", "data_subjects", "authority_requests",
                        "breach", "assistance", "audit", "liability", "term", "end",
                        "assignment", "amendments", "precedence", "law"]
    en = body(demo_terms(CLIENTS[2]))
    for phrase in ("documented instructions", "immediately inform the Controller",
                   "committed to confidentiality", "survive the termination", "Annex III",
                   "fully liable", "forwards the request", "unless the law forbids",
                   "Chapter V GDPR", "approximate number of data subjects",
                   "register of every personal data breach", "impact assessment (DPIA)",
                   "prior consultation", "audits, inspections included", "certificate",
                   "requires the Processor to keep", "exchange of e-mails"):
        assert phrase in en, phrase


def test_it_builds_every_combination_of_options() -> None:
    options = itertools.product(["nl", "en"], [*Authorisation, None], [*OutsideEea, None],
                                [*EndChoice, None], [*AuditCost, None])
    for language, auth, outside, end, cost in options:
        terms = demo_terms(CLIENTS[1]).model_copy(deep=True)
        terms.language = language
        terms.subprocessors.authorisation = auth
        terms.transfers.outside_eea = outside
        terms.end.choice = end
        terms.audit.cost = cost
        assert build_document(terms, reference="R").articles


def test_it_builds_from_minimal_terms_with_every_unknown_left_out() -> None:
    terms = DpaTerms(language="en", processor=Party(name="P B.V."), controller=Party(name="C"))
    doc = build_document(terms, reference="R")
    assert doc.parties[0].startswith("C, hereinafter")
    assert "without undue delay after becoming aware" in body(terms)


def test_it_refuses_an_unknown_version() -> None:
    with pytest.raises(DocumentError, match="1999.9"):
        build_document(nl_terms(), reference="R", version="1999.9")


def test_it_refuses_terms_without_language_or_party_names() -> None:
    terms = nl_terms()
    with pytest.raises(DocumentError, match="language"):
        build_document(terms.model_copy(update={"language": None}), reference="R")
    with pytest.raises(DocumentError, match="language"):
        build_document(terms.model_copy(update={"language": "de"}), reference="R")
    terms.controller.name = None
    with pytest.raises(DocumentError, match="controller"):
        build_document(terms, reference="R")
    assert issubclass(DocumentError, ValueError)


def test_it_lists_the_current_version() -> None:
    assert CURRENT_VERSION == "2026.2"
    assert CURRENT_VERSION in available_versions()
    assert build_document(nl_terms(), reference="R").version == CURRENT_VERSION


def test_it_keeps_nl_and_en_parallel() -> None:
    nl, en = load_standard(CURRENT_VERSION, "nl"), load_standard(CURRENT_VERSION, "en")
    assert [a["key"] for a in nl["articles"]] == [a["key"] for a in en["articles"]]
    for a_nl, a_en in zip(nl["articles"], en["articles"], strict=True):
        assert [p.get("when") for p in a_nl["paragraphs"]] == [
            p.get("when") for p in a_en["paragraphs"]], a_nl["key"]
    for key in ("labels", "annexes", "annex_text", "mechanisms", "laws"):
        assert nl[key].keys() == en[key].keys(), key
