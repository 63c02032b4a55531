"""The Art. 30(2) record: built from agreements, the register and measures; every export opened."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from art28.documents import pdf_text
from art28.records import services as ropa

pytestmark = pytest.mark.django_db
TERMS = {
    "processing": {
        "subject_matter": "Practice management software",
        "nature": "Hosting and support",
        "purposes": ["Patient administration"],
        "data_categories": ["Name", "Address"],
        "special_categories": ["Health data"],
        "data_subject_categories": ["Patients"],
    },
    "security": {
        "measures": [
            {"kind": "technical", "text": "TLS 1.3 everywhere"},
            {"kind": "organisational", "text": "Screening of staff"},
        ]
    },
    "subprocessors": {
        "named": [
            {"name": "Backup Vault GmbH", "country": "DE", "service": "Backups"},
            {"name": "Mailer Inc", "country": "US", "service": "E-mail"},
        ]
    },
}


@pytest.fixture
def record(make_agreement, controller_a, controller_b):
    a = make_agreement(controller_a, state="signed", terms=TERMS)
    b = make_agreement(controller_b, state="signed", terms={"processing": {"subject_matter": "Analytics"}})
    return a, b


def test_it_exports_csv_per_controller_with_transfers_and_measures(processor, record):
    rows = list(csv.DictReader(io.StringIO(ropa.export(processor=processor, fmt="csv").decode("utf-8-sig"))))
    assert [r["Controller"] for r in rows] == ["Harbour Analytics Ltd", "Tandartspraktijk Zonnebloem"]
    row = rows[1]
    assert row["Special categories"] == "Health data" and row["Data subjects"] == "Patients"
    transfers = row["Transfers outside the EEA"]
    assert "Mailer Inc → United States: Adequacy decision, Standard contractual clauses" in transfers
    assert "Backup Vault" not in transfers
    assert row["Security measures"] == "Technical: TLS 1.3 everywhere; Organisational: Screening of staff"


def test_it_exports_xlsx_that_reads_back(processor, record):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(ropa.export(processor=processor, fmt="xlsx"))).active
    values = list(sheet.values)
    assert values[0][:2] == ("Controller", "KvK number")
    assert {v[0] for v in values[1:]} == {"Harbour Analytics Ltd", "Tandartspraktijk Zonnebloem"}


def test_it_exports_a_pdf_with_each_controller(processor, record):
    text = " ".join(pdf_text(ropa.export(processor=processor, fmt="pdf")).split())
    assert "Tandartspraktijk Zonnebloem" in text and "Harbour Analytics Ltd" in text
    assert "Health data" in text and "Mailer Inc" in text


def test_it_exports_json_ld_with_dpv_terms(processor, record):
    doc = json.loads(ropa.export(processor=processor, fmt="jsonld"))
    assert doc["@context"]["dpv"] == "https://w3id.org/dpv#"
    [entry] = [
        g for g in doc["@graph"] if g["dpv:hasDataController"]["dpv:hasName"] == "Tandartspraktijk Zonnebloem"
    ]
    assert entry["@type"] == "dpv:PersonalDataHandling"
    assert {"@type": "dpv:SensitivePersonalData", "dpv:hasName": "Health data"} in entry[
        "dpv:hasPersonalData"
    ]
    transfers = [p for p in entry["dpv:hasProcessing"] if p["@type"] == "dpv:Transfer"]
    assert transfers[0]["dpv:hasCountry"] == "US"
    kinds = {m["@type"] for m in entry["dpv:hasTechnicalOrganisationalMeasure"]}
    assert kinds == {"dpv:TechnicalMeasure", "dpv:OrganisationalMeasure"}


def test_it_uses_the_sub_processor_register_where_it_has_links(processor, record, admin_user):
    from art28.subprocessors.services import register_subprocessor

    a, _b = record
    register_subprocessor(
        processor=processor,
        acting_user=admin_user,
        agreements=[a],
        named_in_agreements=True,
        data={
            "name": "Cloud Region SG",
            "country": "SG",
            "service": "Compute",
            "transfer_mechanism": "scc",
            "safeguard_note": "SCC module 3, 2026-01-10",
            "scope_all": False,
        },
    )
    [entry] = [e for e in ropa.build_record(processor=processor) if e.agreement == a.reference]
    assert [s["name"] for s in entry.subprocessors] == ["Cloud Region SG"]
    assert entry.subprocessors[0]["outside_eea"] == ["SG"]
    assert "SCC module 3" in entry.subprocessors[0]["safeguard"]
    # In JSON-LD a register row is said as a row of the terms is: the code, and the words.
    doc = json.loads(ropa.export(processor=processor, fmt="jsonld", language="nl"))
    [graph] = [g for g in doc["@graph"] if g["dpv:hasProcessing"] and any(
        p["@type"] == "dpv:Transfer" and p["dpv:hasCountry"] == "SG" for p in g["dpv:hasProcessing"])]
    [safeguard] = [p["dpv:hasTechnicalOrganisationalMeasure"] for p in graph["dpv:hasProcessing"]
                   if p["@type"] == "dpv:Transfer"]
    assert safeguard["dct:type"] == ["scc"]
    assert safeguard["dct:description"] == "Modelcontractbepalingen — SCC module 3, 2026-01-10"
    text = " ".join(pdf_text(ropa.export(processor=processor, fmt="pdf", language="nl")).split())
    assert "Modelcontractbepalingen" in text and "Standard contractual" not in text


def test_it_neutralises_spreadsheet_formulas(processor, make_agreement, controller_a):
    make_agreement(controller_a, state="signed", terms={"processing": {"purposes": ['=HYPERLINK("x")']}})
    row = next(csv.DictReader(io.StringIO(ropa.export(processor=processor, fmt="csv").decode("utf-8-sig"))))
    assert row["Purposes"].startswith("'=")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf", "jsonld"])
def test_it_writes_the_file_from_the_command_line(fmt, processor, record, tmp_path):
    out = tmp_path / f"record.{fmt}"
    call_command("ropa_export", "--format", fmt, "--out", str(out))
    content = out.read_bytes()
    assert content == ropa.export(processor=processor, fmt=fmt) or fmt in ("xlsx", "pdf")
    if fmt == "pdf":
        assert "Tandartspraktijk Zonnebloem" in pdf_text(content)


def test_it_maps_art28_ropa_export_to_the_command(processor, record, tmp_path):
    from art28.cli import _django_command

    assert _django_command(["ropa", "export", "--format", "csv", "--out", "x"])[0] == "ropa_export"


def test_it_reads_the_stored_terms_as_the_validated_terms_say(processor, record):
    """The record reads each binding version's terms as stored JSON (no DpaTerms per
    agreement); every field it takes from them equals what the validated terms give."""
    entries = {e.agreement: e for e in ropa.build_record(processor=processor)}
    for agreement in record:
        version = agreement.binding
        terms, e = version.dpa_terms, entries[agreement.reference]
        assert e.subject_matter == (terms.processing.subject_matter or "")
        assert e.nature == (terms.processing.nature or "")
        assert e.purposes == terms.processing.purposes
        assert e.data_categories == terms.processing.data_categories
        assert e.special_categories == terms.processing.special_categories
        assert e.data_subjects == terms.processing.data_subject_categories
        assert e.measures == ([m.model_dump(mode="json") for m in terms.security.measures]
                              or e.measures)
        assert e.transfer_policy == (terms.transfers.outside_eea or "")
        assert e.processor == (terms.processor.name or processor.name)
        assert [s["name"] for s in e.subprocessors] == [s.name for s in terms.subprocessors.named]
    rich = entries[record[0].reference]
    assert [m["text"] for m in rich.measures] == ["TLS 1.3 everywhere", "Screening of staff"]
    assert rich.subprocessors[1]["outside_eea"] == ["US"]


# The columns these tests read, as each export's header row says them.
HEADERS = {
    "nl": {"measures": "Beveiligingsmaatregelen", "transfer_policy": "Beleid voor doorgifte",
           "transfers": "Doorgifte buiten de EER"},
    "en": {"measures": "Security measures", "transfer_policy": "Transfer policy",
           "transfers": "Transfers outside the EEA"},
}
BILINGUAL = {**TERMS, "transfers": {"outside_eea": "with_safeguards"}, "security": {"measures": [
    {"kind": "technical", "text": "Versleuteling in rust", "text_nl": "Versleuteling in rust",
     "text_en": "Encryption at rest"},
    {"kind": "organisational", "text": "Screening van personeel", "text_nl": "Screening van personeel"},
]}}


@pytest.mark.parametrize(("language", "measures", "policy"), [
    ("nl", "Technisch: Versleuteling in rust; Organisatorisch: Screening van personeel",
     "Met passende waarborgen"),
    ("en", "Technical: Encryption at rest; Organisational: Screening van personeel",
     "With appropriate safeguards"),
])
def test_every_export_writes_the_kind_and_text_of_each_measure_in_its_language(
        processor, make_agreement, controller_a, language, measures, policy):
    """No ``[technical]`` and no ``with_safeguards``: the kind and the policy in words, the
    measure's text in the export's language (the other one's where the register has none)."""
    from openpyxl import load_workbook

    make_agreement(controller_a, state="signed", terms=BILINGUAL)
    [row] = csv.DictReader(io.StringIO(
        ropa.export(processor=processor, fmt="csv", language=language).decode("utf-8-sig")))
    words = HEADERS[language]
    assert (row[words["measures"]], row[words["transfer_policy"]]) == (measures, policy)
    assert row["Status"] == {"nl": "Ondertekend", "en": "Signed"}[language]
    sheet = load_workbook(io.BytesIO(ropa.export(processor=processor, fmt="xlsx", language=language))).active
    header, line = list(sheet.values)
    assert dict(zip(header, line, strict=True))[words["measures"]] == measures
    text = " ".join(pdf_text(ropa.export(processor=processor, fmt="pdf", language=language)).split())
    assert measures.split(";")[0] in text and policy in text
    assert "[technical]" not in text and "with_safeguards" not in text and "organisational" not in text


SAFEGUARDED = {**TERMS, "transfers": {"outside_eea": "with_safeguards", "mechanisms": ["scc", "bcr"]}}


@pytest.mark.parametrize(("language", "transfers"), [
    ("nl", "Mailer Inc → Verenigde Staten: Modelcontractbepalingen, Bindende bedrijfsvoorschriften"),
    ("en", "Mailer Inc → United States: Standard contractual clauses, Binding corporate rules"),
])
def test_the_exports_name_transfer_safeguards_in_words_and_json_ld_keeps_the_codes(
        processor, make_agreement, controller_a, language, transfers):
    """The terms' mechanisms ("scc", "bcr") are said in the export's language in the CSV, the
    workbook and the PDF; JSON-LD, read by machines, keeps the schema's values as ``dct:type``
    and says them in words as the description, in the export's language."""
    from openpyxl import load_workbook

    make_agreement(controller_a, state="signed", terms=SAFEGUARDED)
    [row] = csv.DictReader(io.StringIO(
        ropa.export(processor=processor, fmt="csv", language=language).decode("utf-8-sig")))
    assert row[HEADERS[language]["transfers"]] == transfers
    sheet = load_workbook(io.BytesIO(ropa.export(processor=processor, fmt="xlsx", language=language))).active
    header, line = list(sheet.values)
    assert dict(zip(header, line, strict=True))[HEADERS[language]["transfers"]] == transfers
    text = " ".join(pdf_text(ropa.export(processor=processor, fmt="pdf", language=language)).split())
    assert transfers.split(": ")[1].split(",")[0] in text and "scc" not in text
    doc = json.loads(ropa.export(processor=processor, fmt="jsonld", language=language))
    safeguards = [p["dpv:hasTechnicalOrganisationalMeasure"]
                  for g in doc["@graph"] for p in g["dpv:hasProcessing"] if p["@type"] == "dpv:Transfer"]
    assert [(g["dct:type"], g["dct:description"]) for g in safeguards] == [
        (["scc", "bcr"], transfers.split(": ")[1])]


@pytest.mark.parametrize("fmt", ["pdf", "jsonld"])
def test_a_register_row_is_said_in_the_export_language_not_the_readers(processor, record, admin_user, fmt):
    """The PDF and JSON-LD read the record's entries outside the export's language (they are
    streamed); the register's words (service, safeguard) still come in the export's language."""
    from django.utils import translation

    from art28.subprocessors.services import register_subprocessor

    a, _b = record
    register_subprocessor(
        processor=processor, acting_user=admin_user, agreements=[a], named_in_agreements=True,
        data={"name": "Wolkdienst UK", "country": "GB", "service": "Rekenkracht", "service_en": "Compute",
              "transfer_mechanism": "none", "scope_all": False},
    )
    with translation.override("en"):  # the reader's language
        content = ropa.export(processor=processor, fmt=fmt, language="nl")
    text = " ".join(pdf_text(content).split()) if fmt == "pdf" else content.decode()
    if fmt == "pdf":  # JSON-LD names no service
        assert "Rekenkracht" in text and "Compute" not in text
    assert "Niet nodig (binnen de EER)" in text and "None needed" not in text


@pytest.mark.parametrize(("language", "day"), [("nl", "2 maart 2026"), ("en", "2 March 2026")])
def test_the_pdf_dates_the_record_in_words_and_leaves_out_an_absent_kvk(
        processor, make_agreement, make_controller, language, day):
    import time_machine

    from art28.parties.models import Controller

    foreign = make_controller("Nordic Learning AB", language="en")
    Controller.objects.filter(pk=foreign.pk).update(kvk="", country="SE")
    foreign.refresh_from_db()
    make_agreement(foreign, state="signed", terms=TERMS)
    with time_machine.travel("2026-03-02 09:00Z", tick=False):
        text = " ".join(pdf_text(ropa.export(processor=processor, fmt="pdf", language=language)).split())
    assert day in text and "2026-03-02" not in text
    assert "Nordic Learning AB (" in text and "KvK —" not in text and "KvK -" not in text
