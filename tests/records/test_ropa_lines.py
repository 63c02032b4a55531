"""The record is read in SQL (``records.lines``); the CSV is byte for byte the file ``main`` wrote,
the workbook holds the same cells and the entries of the PDF and JSON-LD are equal to ``main``'s
(its code kept here as the reference), for a record built through the services with every
kind of line in it."""

from __future__ import annotations

import io

import pytest
from django.utils import translation

from art28.core.csv import csv_bytes
from art28.records import services as ropa
from art28.records.lines import COLUMNS, headings, record_lines

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


def _main_entries(processor) -> list[ropa.Entry]:
    """The record's entries as ``build_record`` made them on ``main`` before it read them in
    SQL (its code, kept here unchanged as the reference): agreements with their prefetched
    versions and links, each binding version's whole terms decoded."""
    from django.db.models import Prefetch
    from django.utils import timezone

    from art28.agreements.models import Agreement, AgreementVersion, VersionStatus
    from art28.measures.services import current_catalogue
    from art28.subprocessors.models import AgreementSubprocessor, LinkStatus, Subprocessor
    from art28.subprocessors.services.queries import subprocessor_rows

    def part(terms: dict, name: str) -> dict:
        value = terms.get(name)
        return value if isinstance(value, dict) else {}

    now = timezone.now()
    links = (AgreementSubprocessor.objects.at(now).filter(status=LinkStatus.AUTHORISED)
             .order_by("subprocessor__name").only("id", "agreement_id", "subprocessor_id"))
    versions = (AgreementVersion.objects.order_by("-number")
                .only("id", "agreement_id", "number", "status", "terms"))
    qs = (Agreement.objects.filter(controller__processor=processor).active()
          .select_related("controller__processor").order_by("controller__name", "reference")
          .prefetch_related(Prefetch("versions", queryset=versions, to_attr="versions_newest_first"),
                            Prefetch("subprocessor_links", queryset=links, to_attr="authorised_links")))
    catalogue = current_catalogue(processor)
    register = {sp.pk: sp for sp in Subprocessor.objects.filter(processor=processor)}
    entries = []
    for agreement in qs:
        version = next((v for v in agreement.versions_newest_first if v.status == VersionStatus.SIGNED),
                       agreement.versions_newest_first[0])
        ids = tuple(link.subprocessor_id for link in agreement.authorised_links)
        subprocessors = subprocessor_rows([register[i] for i in ids] if ids else [], binding=version)
        terms = version.terms or {}
        p, proc = part(terms, "processing"), part(terms, "processor")
        measures = [{"kind": m.get("kind"), "text": m.get("text"), "text_nl": m.get("text_nl"),
                     "text_en": m.get("text_en")}
                    for m in part(terms, "security").get("measures") or []] or (
            catalogue.measures if catalogue else [])
        entries.append(ropa.Entry(
            controller=agreement.controller.name, controller_code=str(agreement.controller.code),
            controller_kvk=agreement.controller.kvk, controller_country=agreement.controller.country,
            controller_contact=ropa._contact(part(terms, "controller")), agreement=agreement.reference,
            version=version.number, status=version.status,
            processor=proc.get("name") or agreement.controller.processor.name,
            processor_contact=ropa._contact(proc), subject_matter=p.get("subject_matter") or "",
            nature=p.get("nature") or "", purposes=list(p.get("purposes") or []),
            data_categories=list(p.get("data_categories") or []),
            special_categories=list(p.get("special_categories") or []),
            data_subjects=list(p.get("data_subject_categories") or []), subprocessors=subprocessors,
            transfer_policy=part(terms, "transfers").get("outside_eea") or "", measures=measures))
    return entries


def _today(processor, language: str) -> bytes:
    """The CSV as ``to_csv`` wrote it on ``main``, from ``main``'s entries."""
    with translation.override(language):
        return csv_bytes(headings(language), (ropa._flat(e, language) for e in _main_entries(processor)))


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
def test_the_entries_of_the_pdf_and_json_ld_are_those_main_made(processor, varied, language):
    with translation.override(language):
        assert ropa.build_record(processor=processor) == _main_entries(processor)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_workbook_holds_the_same_lines(processor, varied, language):
    from openpyxl import load_workbook

    with translation.override(language):
        before = [[ropa._xlsx_cell(v) for v in ropa._flat(e, language)] for e in _main_entries(processor)]
    book = load_workbook(io.BytesIO(ropa.export(processor=processor, fmt="xlsx", language=language)))
    header, *lines = [[v or "" for v in row] for row in book.active.values]
    assert header == headings(language) and ropa.HEADER == COLUMNS and lines == before


def test_the_lines_follow_the_visible_agreements_and_leave_the_language_as_it_was(processor, varied):
    from art28.agreements.models import Agreement

    one = Agreement.objects.filter(controller__name="Analytics Ltd")
    with translation.override("en"):
        lines = list(record_lines(processor=processor, agreements=one, language="en"))
        assert translation.get_language() == "en"
    assert [line[0] for line in lines] == ["Analytics Ltd"]
    assert lines[0][ropa.HEADER.index("measures")] == "Technical: Daily backups"  # the catalogue's
    assert lines[0][ropa.HEADER.index("subprocessors")] == (
        "Alpha Mail (United States): Dienst Alpha Mail; Rekenhal SG (Singapore): Dienst Rekenhal SG; "
        "Zeta Opslag (Netherlands): Dienst Zeta Opslag")
    with translation.override("nl"):
        chunks = ropa.csv_chunks(processor=processor, agreements=one, language="en")
        next(chunks)
        assert translation.get_language() == "nl"  # not left in English between chunks
