"""The tabular exports read their lines in SQL (``records.lines``); the file is byte for byte the
one the record's entries gave before (``build_record`` + ``_flat``, kept for the PDF and JSON-LD),
for a record built through the services with every kind of line in it."""

from __future__ import annotations

import io

import pytest
from django.utils import translation

from art28.core.csv import csv_bytes
from art28.records import services as ropa
from art28.records.lines import COLUMNS, record_lines

pytestmark = pytest.mark.django_db

RICH = {
    "controller": {"contact": {"name": "Sanne Jansen", "email": "sanne@zonnebloem.example",
                               "phone": "+31 30 1"}},
    "processor": {"name": "Wolkwerk B.V.", "contact": {"name": "Bas", "email": "bas@wolkwerk.example"}},
    "processing": {"subject_matter": "Praktijksoftware, \"hosting\"", "nature": "Opslag; beheer",
                   "purposes": ["Patiëntadministratie", '=HYPERLINK("x")'],
                   "data_categories": ["Naam", "Adres"],
                   "special_categories": ["Gezondheid"], "data_subject_categories": ["Patiënten"]},
    "security": {"measures": [{"kind": "technical", "text": "TLS", "text_nl": "TLS overal",
                               "text_en": "TLS everywhere"},
                              {"kind": "organisational", "text": "Screening van personeel"}]},
    "subprocessors": {"named": [{"name": "Backup Vault GmbH", "country": "DE", "service": "Backups"},
                                {"name": "Mailer Inc", "country": "US", "service": "E-mail",
                                 "service_nl": "E-mail (nl)", "service_en": "E-mail (en)"}]},
    "transfers": {"outside_eea": "with_safeguards", "mechanisms": ["scc"]},
}


def _today(processor, language: str) -> bytes:
    """The CSV as ``to_csv`` wrote it before the lines were read in SQL."""
    with translation.override(language):
        entries = ropa.build_record(processor=processor)
        return csv_bytes(ropa.HEADER, (ropa._flat(e, language) for e in entries))


@pytest.fixture
def varied(processor, make_controller, make_agreement, admin_user):
    """Lines of every kind: rich terms naming their sub-processors, the register's sub-processors
    (one outside the EEA), a draft only, a signed version with a newer draft, no measures (the
    catalogue's), a sent one, and a second agreement sharing everything with the first."""
    from art28.agreements.services import update_terms
    from art28.measures.services import publish_measures
    from art28.subprocessors.services import register_subprocessor

    publish_measures(processor=processor, acting_user=admin_user, summary="Eerste", substantial=False,
                     measures=[{"kind": "technical", "text_nl": "Back-ups dagelijks",
                                "text_en": "Daily backups"}])
    a = make_agreement(make_controller("Zonnebloem"), state="signed", terms=RICH)
    make_agreement(make_controller("Zonnebloem"), state="signed", terms=RICH)  # same name, other reference
    b = make_agreement(make_controller("Analytics Ltd", language="en"), state="draft",
                       terms={"processing": {"subject_matter": "Analytics"}, "security": {"measures": []}})
    make_agreement(make_controller("@Draft B.V."), state="draft", terms={"processing": {"nature": "Draft"}})
    make_agreement(make_controller("Verzonden"), state="sent",
                   terms={"transfers": {"outside_eea": "prohibited"}})
    amended = make_agreement(make_controller("Gewijzigd"), state="signed",
                             terms={"processing": {"nature": "v1"}})
    update_terms(agreement=amended, terms={"processing": {"nature": "v2"}}, acting_user=admin_user)
    for name, country, mechanism in (("Rekenhal SG", "SG", "scc"), ("Zeta Opslag", "NL", "none"),
                                     ("Alpha Mail", "US", "dpf")):
        register_subprocessor(processor=processor, acting_user=admin_user, agreements=[a, b],
                              named_in_agreements=True,
                              data={"name": name, "country": country, "service": f"Dienst {name}",
                                    "transfer_mechanism": mechanism, "safeguard_note": "Note",
                                    "scope_all": False})


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_csv_is_byte_for_byte_what_the_entries_gave(processor, varied, language):
    before = _today(processor, language)
    assert before.decode("utf-8-sig").count("\n") == 1 + 6  # the header and every agreement
    assert ropa.export(processor=processor, fmt="csv", language=language) == before
    assert b"".join(ropa.csv_chunks(processor=processor, language=language)) == before


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_workbook_holds_the_same_lines(processor, varied, language):
    from openpyxl import load_workbook

    with translation.override(language):
        before = [[ropa._xlsx_cell(v) for v in ropa._flat(e, language)]
                  for e in ropa.build_record(processor=processor)]
    book = load_workbook(io.BytesIO(ropa.export(processor=processor, fmt="xlsx", language=language)))
    header, *lines = [[v or "" for v in row] for row in book.active.values]
    assert header == ropa.HEADER == COLUMNS and lines == before


def test_the_lines_follow_the_visible_agreements_and_leave_the_language_as_it_was(processor, varied):
    from art28.agreements.models import Agreement

    one = Agreement.objects.filter(controller__name="Analytics Ltd")
    with translation.override("en"):
        lines = list(record_lines(processor=processor, agreements=one, language="en"))
        assert translation.get_language() == "en"
    assert [line[0] for line in lines] == ["Analytics Ltd"]
    assert lines[0][ropa.HEADER.index("measures")] == "Technical: Daily backups"  # the catalogue's
    assert lines[0][ropa.HEADER.index("subprocessors")] == (
        "Alpha Mail (US): Dienst Alpha Mail; Rekenhal SG (SG): Dienst Rekenhal SG; "
        "Zeta Opslag (NL): Dienst Zeta Opslag")
    with translation.override("nl"):
        chunks = ropa.csv_chunks(processor=processor, agreements=one, language="en")
        next(chunks)
        assert translation.get_language() == "nl"  # not left in English between chunks
