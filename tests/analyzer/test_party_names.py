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
