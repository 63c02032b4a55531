"""Which party is which: names, short names and role words in the opening of an agreement."""

# Agreement sentences read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import pytest

from art28.analyzer import analyze
from art28.analyzer.context import Context
from art28.analyzer.extract import run_extractors
from art28.analyzer.requirements import short_names
from art28.analyzer.text import sentences


def _analyze(text: str, lang: str | None = None):
    return analyze(text.encode(), filename="sample.txt", lang=lang)


@pytest.mark.parametrize(
    ("opening", "processor"),
    [
        # A company with a quoted short name of its own, then the customer by its role.
        (
            "This addendum is concluded between Vlotbrug Inc., a company from Ohio with its seat at 12 Harbour Lane, "
            'on behalf of its group companies (as defined below) ("Vlotbrug") and the Customer named in the order form ("Customer").',
            "Vlotbrug Inc.",
        ),
        (
            'This addendum belongs to the main terms between Kompasroos, Inc. and its affiliates ("Kompasroos") '
            "and the Customer in connection with the hosted services.",
            "Kompasroos, Inc.",
        ),
        (
            "This addendum supplements the terms of use between Meetlat Analytics and the customer.",
            "Meetlat Analytics",
        ),
        ("Deze verwerkersovereenkomst hoort bij de overeenkomst tussen de Klant en Rekenwolk.", "Rekenwolk"),
        (
            "Dit addendum wordt gesloten tussen Zandloper B.V. (“Zandloper”) en de klant die de dienst afneemt (“Klant”).",
            "Zandloper B.V.",
        ),
    ],
)
def test_it_takes_the_named_company_as_processor_when_the_customer_has_only_a_role(opening, processor):
    terms = _analyze(f"1. Parties\n{opening}\n").terms
    assert terms.processor.name == processor
    assert terms.controller.name is None


@pytest.mark.parametrize(
    "text",
    [
        # A role word further on in running text, after a closed parenthesis, is no label.
        "7. Sub-processors\n7.2 If, within ten (10) days after that notice, Customer objects to the new sub-processor, the parties talk it over.\n",
        # A choice between roles is no label either.
        "Annex 1\nRole (controller/processor): controller\nRole (controller/processor): processor\n",
        # A signature line for the customer names no company.
        "Ondertekening\nNamens Klant (Verwerkingsverantwoordelijke):\nHandtekening: ______\n",
    ],
)
def test_it_takes_no_name_from_a_role_word_in_running_text(text):
    terms = _analyze(text).terms
    assert terms.controller.name is None
    assert terms.processor.name is None


def test_a_signature_line_names_the_party_it_signs_for():
    text = "Ondertekening\nNamens Broodkorf B.V. (Verwerker):\nHandtekening: ______\n"
    assert _analyze(text).terms.processor.name == "Broodkorf B.V."


def test_a_role_heading_without_a_colon_starts_that_partys_block():
    text = (
        "Annex 1\nData exporter\nThe data exporter is the customer.\n"
        "Data importer\nThe data importer is Glasvezel Ltd.\nNature of the services\n"
    )
    terms = _analyze(text).terms
    assert terms.processor.name == "Glasvezel Ltd."
    assert terms.controller.name is None


@pytest.mark.parametrize(
    "opening",
    [
        'This addendum is made between Vlotbrug Inc., a company from Ohio (as defined below) ("Vlotbrug") and the Customer named in the order form ("Customer").',
        # No quoted short name: "Vlotbrug" is the first word of "Vlotbrug, Inc." (without its comma).
        "This addendum belongs to the main terms between Vlotbrug, Inc. and the Customer.",
    ],
)
def test_the_companys_short_name_binds_the_processor(opening):
    text = f"1. Parties\n{opening}\n2. Confidentiality\n2.1 At the Customer's request, Vlotbrug shall ensure that its staff are bound by a duty of confidentiality.\n"
    assert _analyze(text).requirements["confidentiality"].status == "present"


def test_a_defined_term_built_on_a_role_word_is_no_alias():
    text = (
        'This addendum is made between Bloemhof B.V. (the "Controller") and Datastal B.V. (the "Processor").\n'
        'Datastal may engage another processor ("Sub-processor") and keeps the data of the Controller ("Controller Data") apart.\n'
    )
    ctx = Context(sentences(text), "en")
    run_extractors(ctx)
    short_names(ctx)
    assert "Sub-processor" not in ctx.processor_names
    assert "Controller Data" not in ctx.controller_names


@pytest.mark.parametrize(
    ("opening", "processor", "controller"),
    [
        (
            'Wegwijzer Ltd processes personal data on behalf of Hoornblad B.V. (the "Controller").',
            "Wegwijzer Ltd",
            "Hoornblad B.V.",
        ),
        (
            "Wegwijzer B.V. verwerkt persoonsgegevens in opdracht van Hoornblad B.V. (hierna: Verwerkingsverantwoordelijke).",
            "Wegwijzer B.V.",
            "Hoornblad B.V.",
        ),
        (
            'Wegwijzer B.V. (hierna: "Wegwijzer") verwerkt persoonsgegevens namens de klant (hierna: "Klant").',
            "Wegwijzer B.V.",
            None,
        ),
        (
            'This agreement is between the Customer (as set out in the order) and Wegwijzer Ltd ("Wegwijzer").',
            "Wegwijzer Ltd",
            None,
        ),
    ],
)
def test_the_company_that_processes_for_the_other_is_the_processor(opening, processor, controller):
    terms = _analyze(f"1. Parties\n{opening}\n").terms
    assert terms.processor.name == processor
    assert terms.controller.name == controller


def test_a_signatory_acting_for_a_company_is_not_a_party():
    text = '1. Parties\nSigned by Jansen Beheer B.V. namens Wegwijzer B.V. (the "Supplier") for the services to the Customer.\n'
    terms = _analyze(text).terms
    assert terms.processor.name == "Wegwijzer B.V."
    assert terms.controller.name is None


@pytest.mark.parametrize(
    "text",
    [
        # A definition that mentions a transfer between a place and the supplier names no party.
        '1. Parties\nThis addendum is entered into by Kraanvogel Ltd ("Supplier") and the customer.\n'
        '2. Definitions\n"Onward Transfer" means a transfer of personal data between the United Kingdom and the Supplier or its sub-processors in another country.\n',
        "1. Partijen\nDeze verwerkersovereenkomst is gesloten met Kraanvogel B.V. (hierna: Verwerker).\n"
        "2. Begrippen\nDoorgifte: iedere verzending van persoonsgegevens tussen België en de leverancier buiten de EER.\n",
        # Running text without an agreement word before "between" names no party either.
        '1. Parties\nKraanvogel Ltd (the "Processor") provides the services.\n'
        "7. Transfers\n7.1 Data may move between Frankfurt and the supplier over an encrypted link.\n",
    ],
)
def test_a_place_between_the_supplier_and_another_is_not_the_controller(text):
    terms = _analyze(text).terms
    assert terms.processor.name in ("Kraanvogel Ltd", "Kraanvogel B.V.")
    assert terms.controller.name is None


def test_a_column_header_in_a_sub_processor_table_opens_no_party_block():
    text = (
        "1. Parties\nThis addendum forms part of the agreement between the parties.\n"
        "2. Processing\nThe processor processes personal data only on documented instructions.\n"
        "Annex 3 Approved sub-processors\nProvider\nHoutduif Hosting SARL\nLocation\nLuxembourg\nPurpose\nHosting\n"
    )
    terms = _analyze(text).terms
    assert terms.processor.name is None
    assert terms.controller.name is None


def test_a_role_heading_over_a_signature_still_opens_the_partys_block():
    text = (
        '1. Parties\nKraanvogel Ltd (the "Provider") and the Customer.\n'
        "5. Signatures\nCustomer\nSigned for Bakkerij Roos B.V.\nName: J. Jansen\n"
    )
    terms = _analyze(text).terms
    assert terms.processor.name == "Kraanvogel Ltd"
    assert terms.controller.name == "Bakkerij Roos B.V."


def test_an_explicit_role_later_in_the_sentence_beats_an_inferred_one():
    text = (
        "1. Parties\nZeilmaker B.V., which processes personal data on behalf of its group company "
        'Zeilmaker Retail B.V. (the "Controller"), and Wolkdienst B.V. (the "Processor").\n'
    )
    terms = _analyze(text).terms
    assert terms.processor.name == "Wolkdienst B.V."
    assert terms.controller.name == "Zeilmaker Retail B.V."
