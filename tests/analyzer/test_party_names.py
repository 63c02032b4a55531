"""A party's name as the agreement writes it: no capitalised word from the sentence around it,
and every word of a name that has several. Company names and sentences are made up for this test."""

# Agreement sentences read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from art28.analyzer import analyze
from art28.analyzer.extract_parties import ENTITY


def _terms(opening: str, lang: str):
    return analyze(f"1. Parties\n{opening}\n".encode(), filename="sample.txt", lang=lang).terms


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Under this addendum the Services Kleurdoos Cloud Ltd provides are hosted in Ireland.", "Kleurdoos Cloud Ltd"),
        ("The Customer Zeilmaker B.V. signs this order.", "Zeilmaker B.V."),
        ("If Kleurdoos Cloud Ltd stops trading, the data are returned.", "Kleurdoos Cloud Ltd"),
        ("Voor de Diensten Kleurdoos Hosting B.V. gebruikt, gelden deze voorwaarden.", "Kleurdoos Hosting B.V."),
        # Real names of several words stay whole, a defined term inside them included.
        ("Support comes from Tegelwerk Cloud Services Ltd in Dublin.", "Tegelwerk Cloud Services Ltd"),
        ("De Boer Netwerken B.V. levert de hosting.", "De Boer Netwerken B.V."),
        ("The hosting is done by Van der Linden Data Solutions B.V. in Delft.", "Van der Linden Data Solutions B.V."),
        ("Stichting Beheer Schoolgegevens Stichting is the school board's foundation.", "Stichting Beheer Schoolgegevens Stichting"),
    ],
)
def test_it_reads_the_company_name_without_the_word_before_it(text: str, name: str) -> None:
    assert ENTITY.findall(text) == [name]


@pytest.mark.parametrize(
    ("lang", "opening", "processor", "controller"),
    [
        (
            "en",
            'To deliver the Services Kleurdoos Cloud Ltd (the "Processor") processes personal data for Zeilmaker B.V. (the "Controller").',
            "Kleurdoos Cloud Ltd",
            "Zeilmaker B.V.",
        ),
        (
            "en",
            'In providing the Services Kleurdoos Cloud Ltd processes personal data on behalf of Zeilmaker B.V. (the "Controller").',
            "Kleurdoos Cloud Ltd",
            "Zeilmaker B.V.",
        ),
        (
            "nl",
            "Voor de levering van de Dienst Kleurdoos Hosting B.V. (hierna: “Verwerker”) verwerkt persoonsgegevens voor Zeilmaker B.V. (hierna: “Verwerkingsverantwoordelijke”).",
            "Kleurdoos Hosting B.V.",
            "Zeilmaker B.V.",
        ),
        (
            "en",
            'Tegelwerk Cloud Services Ltd (the "Processor") processes personal data on behalf of Zeilmaker B.V. (the "Controller").',
            "Tegelwerk Cloud Services Ltd",
            "Zeilmaker B.V.",
        ),
        (
            "nl",
            "Deze overeenkomst wordt gesloten tussen Stichting Beheer Schoolgegevens (hierna: “Verwerkingsverantwoordelijke”) en De Boer Netwerken B.V. (hierna: “Verwerker”).",
            "De Boer Netwerken B.V.",
            "Stichting Beheer Schoolgegevens",
        ),
    ],
)
def test_it_names_each_party_as_the_agreement_does(lang: str, opening: str, processor: str, controller: str) -> None:
    terms = _terms(opening, lang)
    assert terms.processor.name == processor
    assert terms.controller.name == controller


# A role word alone on a line opens that party's block in the opening and the signatures, but
# not where it heads a clause or a definition: the company named under it is someone else.
@pytest.mark.parametrize(
    ("text", "processor", "controller"),
    [
        (
            "Data Processing Addendum\nThis addendum forms part of the agreement between the Customer and Kleurdoos Cloud Ltd.\n"
            "3. Processor\n3.1 The Processor uses Backupkluis GmbH for off-site backups.\n",
            "Kleurdoos Cloud Ltd",
            None,
        ),
        (
            "Verwerkersovereenkomst\nDeze verwerkersovereenkomst hoort bij de overeenkomst tussen de Klant en Kleurdoos Hosting B.V.\n"
            "Verwerker\nVerwerker laat de back-ups bewaren door Backupkluis GmbH in Frankfurt.\n",
            "Kleurdoos Hosting B.V.",
            None,
        ),
        (
            "Data Processing Addendum\n1. Definitions\nController\nthe customer that has signed an order form with Kleurdoos Cloud Ltd.\n"
            "Processor\nKleurdoos Cloud Ltd and its affiliates.\n",
            "Kleurdoos Cloud Ltd",
            None,
        ),
    ],
)
def test_a_role_line_over_a_clause_opens_no_party_block(text: str, processor: str, controller: str | None) -> None:
    terms = analyze(text.encode(), filename="sample.txt").terms
    assert terms.processor.name == processor
    assert terms.controller.name == controller


@pytest.mark.parametrize(
    "text",
    [
        "Data Processing Addendum\nParties\nController\nZeilmaker B.V.\nStationsweg 1, Delft\nProcessor\nKleurdoos Cloud Ltd\n2 Quay Street, Dublin\n",
        "1. Scope\nThis addendum applies to all processing.\nSigned\nController\nName: Piet Zeilmaker\nCompany: Zeilmaker B.V.\n"
        "Processor\nName: Ann Byrne\nCompany: Kleurdoos Cloud Ltd\n",
    ],
)
def test_a_role_line_over_a_partys_details_still_opens_its_block(text: str) -> None:
    terms = analyze(text.encode(), filename="sample.txt").terms
    assert terms.processor.name == "Kleurdoos Cloud Ltd"
    assert terms.controller.name == "Zeilmaker B.V."
