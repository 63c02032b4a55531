"""The Art. 30(2) record's CSV and XLSX: headers in words in the export's language, no code."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.utils import translation

from art28.records import services as ropa

pytestmark = pytest.mark.django_db

HEADERS = {
    "en": ["Controller", "KvK number", "Country", "Controller's contact", "Agreement", "Version", "Status",
           "Processor", "Processor's contact", "Subject matter", "Nature", "Purposes", "Personal data",
           "Special categories", "Data subjects", "Sub-processors", "Transfers outside the EEA",
           "Transfer policy", "Security measures"],
    "nl": ["Verwerkingsverantwoordelijke", "KvK-nummer", "Land",
           "Contactpersoon van de verwerkingsverantwoordelijke", "Overeenkomst", "Versie", "Status",
           "Verwerker", "Contactpersoon van de verwerker", "Onderwerp", "Aard", "Doeleinden",
           "Persoonsgegevens", "Bijzondere categorieën", "Betrokkenen", "Subverwerkers",
           "Doorgifte buiten de EER", "Beleid voor doorgifte", "Beveiligingsmaatregelen"],
}
UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE)
TERMS = {"processing": {"subject_matter": "Hosting", "purposes": ["Patient administration"]},
         "subprocessors": {"named": [{"name": "Mailer Inc", "country": "US", "service": "E-mail"}]}}


@pytest.fixture
def signed(make_agreement, controller_a, controller_b):
    make_agreement(controller_a, state="signed", terms=TERMS)
    make_agreement(controller_b, state="signed", terms=TERMS)
    return controller_a, controller_b


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.values]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("fmt", "read"), [("csv", _csv), ("xlsx", _xlsx)])
def test_it_heads_each_column_in_words_in_the_export_s_language(processor, signed, language, fmt, read):
    # The page's language is the other one: the header follows the export's, as its cells do.
    other = "en" if language == "nl" else "nl"
    with translation.override(other):
        header, *lines = read(ropa.export(processor=processor, fmt=fmt, language=language))
    assert header == HEADERS[language]
    assert len(lines) == 2 and all(len(line) == len(header) for line in lines)
    assert {line[0] for line in lines} == {c.name for c in signed}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("fmt", "read"), [("csv", _csv), ("xlsx", _xlsx)])
def test_no_cell_is_a_code(processor, signed, language, fmt, read):
    rows = read(ropa.export(processor=processor, fmt=fmt, language=language))
    assert [cell for row in rows for cell in row if UUID.search(cell)] == []
    text = "\n".join(cell for row in rows for cell in row)
    assert not [c for c in signed if str(c.code) in text or c.code.hex in text]


def test_the_api_csv_is_headed_in_the_language_asked(client, admin_user, signed):
    from tests.api.conftest import Api

    content = Api(client).get("/ropa?format=csv&language=nl", as_=admin_user).getvalue()
    header, *lines = _csv(content)
    assert header == HEADERS["nl"] and len(lines) == 2
    assert not UUID.search(content.decode("utf-8-sig"))


def test_the_json_ld_keeps_the_controller_s_id(processor, signed):
    text = ropa.export(processor=processor, fmt="jsonld").decode()
    assert all(f"urn:uuid:{c.code}" in text for c in signed)
