"""The processor's record of processing activities (Art. 30(2)), built from the data.

Per controller and agreement: the parties and contacts, the categories of processing,
the sub-processors and transfers outside the EEA with their safeguards, and the
technical and organisational measures. Exported as CSV, XLSX, PDF and JSON-LD (W3C DPV).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from art28.agreements import pdf
from art28.agreements.labels import TRANSFER_POLICIES, label
from art28.agreements.models import AgreementQuerySet, AgreementVersion, VersionStatus
from art28.core.countries import country_name
from art28.core.csv import csv_stream, safe_cell
from art28.measures.services import current_catalogue
from art28.parties.models import Processor
from art28.records.lines import COLUMNS as HEADER
from art28.records.lines import (
    HEADINGS,
    SEP,
    headings,
    record_lines,
    record_parts,
    safeguard,
    subprocessors_cell,
    transfers_cell,
)
from art28.records.lines import contact as _contact
from art28.records.lines import measure as _measure
from art28.records.pdfjoin import PdfJoin

# ``shown`` below: the versions the reader may see (``agreements.access.shown_versions(user)``),
# all when None (the processor's side, the command line). Each line is the binding version among
# them, so a controller's extract never shows a draft: it shows the version sent to it or signed.
Shown = QuerySet[AgreementVersion] | None

DPV = "https://w3id.org/dpv#"
DCT = "http://purl.org/dc/terms/"
FORMATS = ("csv", "xlsx", "pdf", "jsonld")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonld": "application/ld+json",
}
TYPST = Path(__file__).parent / "typst"


@dataclass
class Entry:
    """One line of the record: one controller's agreement."""

    controller: str
    controller_code: str
    controller_kvk: str
    controller_country: str
    controller_contact: str
    agreement: str
    version: int
    status: str
    processor: str
    processor_contact: str
    subject_matter: str
    nature: str
    purposes: list[str] = field(default_factory=list)
    data_categories: list[str] = field(default_factory=list)
    special_categories: list[str] = field(default_factory=list)
    data_subjects: list[str] = field(default_factory=list)
    subprocessors: list[dict[str, Any]] = field(default_factory=list)
    transfer_policy: str = ""
    measures: list[dict[str, str]] = field(default_factory=list)


def build_record(*, processor: Processor, agreements: AgreementQuerySet | None = None,
                 shown: Shown = None, language: str | None = None) -> list[Entry]:
    """The record for every active agreement (or those given), controller by controller."""
    return list(iter_record(processor=processor, agreements=agreements, shown=shown, language=language))


def iter_record(*, processor: Processor, agreements: AgreementQuerySet | None = None,
                keys: list[int] | None = None, shown: Shown = None,
                language: str | None = None) -> Iterator[Entry]:
    """``build_record`` one entry at a time, from the same queries as the tabular exports
    (``lines.record_parts``): no model instances and no whole terms, whatever their number;
    ``keys`` (from ``record_keys``): only those entries."""
    catalogue = current_catalogue(processor)
    for x in record_parts(processor=processor, agreements=agreements, keys=keys, shown=shown,
                          language=language):
        measures = [{"kind": m.get("kind"), "text": m.get("text"), "text_nl": m.get("text_nl"),
                     "text_en": m.get("text_en")}
                    for m in (x.measures if isinstance(x.measures, list) else [])] or (
            catalogue.measures if catalogue else []
        )
        p = x.processing
        yield Entry(
            controller=x.controller,
            controller_code=str(x.controller_code),
            controller_kvk=x.controller_kvk,
            controller_country=x.controller_country,
            controller_contact=_contact({"contact": x.controller_contact}),
            agreement=x.agreement,
            version=x.version,
            status=x.status,
            processor=x.processor.get("name") or x.processor_name,
            processor_contact=_contact(x.processor),
            subject_matter=p.get("subject_matter") or "",
            nature=p.get("nature") or "",
            purposes=list(p.get("purposes") or []),
            data_categories=list(p.get("data_categories") or []),
            special_categories=list(p.get("special_categories") or []),
            data_subjects=list(p.get("data_subject_categories") or []),
            subprocessors=x.subprocessors,
            transfer_policy=x.transfers.get("outside_eea") or "",
            measures=measures,
        )


CHUNK = 500


def _flat(entry: Entry, language: str = "en") -> list[str]:
    """One line of the record as text, values in words in ``language`` (the active language
    must be ``language``: each export switches to it once, not once per line)."""
    row = asdict(entry)
    row["controller_country"] = country_name(entry.controller_country)
    row["subprocessors"] = subprocessors_cell(entry.subprocessors)
    row["transfers"] = transfers_cell(entry.subprocessors)
    row["status"] = label(dict(VersionStatus.choices), entry.status)
    row["measures"] = SEP.join(_measure(m, language) for m in entry.measures)
    row["transfer_policy"] = label(TRANSFER_POLICIES, entry.transfer_policy) if entry.transfer_policy else ""
    for key in ("purposes", "data_categories", "special_categories", "data_subjects"):
        row[key] = SEP.join(row[key])
    return [str(row[c]) for c in HEADER]


def _chunks(lines: Iterator[list[str]], language: str) -> Iterator[list[list[str]]]:
    """The lines a chunk at a time, each read in ``language`` (switched per chunk, not per
    line, and never left on between chunks: a streamed response yields in between)."""
    while True:
        with translation.override(language):
            chunk = list(islice(lines, CHUNK))
        if not chunk:
            return
        yield chunk


def csv_chunks(*, processor: Processor, agreements: AgreementQuerySet | None = None,
               language: str = "en", shown: Shown = None) -> Iterator[bytes]:
    """The record as CSV in pieces of about 64 kB (for a streaming response)."""
    lines = record_lines(processor=processor, agreements=agreements, language=language, shown=shown)
    buffer: list[bytes] = []
    size = 0
    rows = (line for chunk in _chunks(lines, language) for line in chunk)
    for part in csv_stream(headings(language), rows):
        buffer.append(part)
        size += len(part)
        if size >= 1 << 16:
            yield b"".join(buffer)
            buffer, size = [], 0
    yield b"".join(buffer)


def _xlsx_cell(value: str) -> str:
    # XML 1.0 cannot hold most control characters; one old value must not break the whole
    # export, so each becomes U+FFFD, visibly marking where it was.
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", safe_cell(value))


def xlsx_chunks(lines: Iterable[list[str]], *, language: str = "en") -> Iterator[bytes]:
    """The record's lines as a workbook written row by row (openpyxl's write-only mode) into a
    temporary file, then sent from it in pieces: memory stays flat however many agreements
    there are. A workbook is a zip file, complete only once written, so its first piece comes
    when the last row is in. The header row is in words in ``language``."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Art. 30(2)")
    sheet.append(headings(language))
    cell = lru_cache(maxsize=4096)(_xlsx_cell)  # most cells repeat from line to line
    for line in lines:
        sheet.append([cell(v) for v in line])
    with tempfile.TemporaryFile() as out:
        book.save(out)
        yield from _sent_from(out)


def spooled(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """``pieces`` written whole to a temporary file, then sent from it. Nothing goes out before the
    last piece is made, so a failure half-way (typst, the database) is an error response, never a
    cut-off PDF or JSON file behind a success; memory stays flat all the same."""
    with tempfile.TemporaryFile() as out:
        for piece in pieces:
            out.write(piece)
        yield from _sent_from(out)


def _sent_from(out: IO[bytes]) -> Iterator[bytes]:
    out.seek(0)
    while piece := out.read(PIECE):
        yield piece


PIECE = 64 * 1024


# Entries per typst document. typst keeps what it laid out for its last 10 or so compilations,
# so its memory levels off at about 10 parts' worth: 100 entries a part keep that near 150 MB
# (250: 400 MB; the whole record at once: 2 GB at 10,000 agreements) at the same CPU time.
PDF_ENTRIES = 100


def _pdf_doc(entries: Iterable[Entry], *, processor: Processor, language: str, head: bool) -> dict[str, Any]:
    """The typst document of ``entries``; ``head``: the record's title and subtitle above them."""
    with translation.override(language):
        return {
            "title": _("Record of processing activities (Art. 30(2) GDPR)"),
            "language": language,
            "subtitle": _("%(p)s as processor, %(d)s")
            % {"p": processor.name, "d": formats.date_format(timezone.localdate(), "j F Y")}
            if head else None,
            "entries": [_pdf_entry(e, language) for e in entries],
        }


def pdf_chunks(entries: Iterable[Entry], *, processor: Processor, language: str = "en") -> Iterator[bytes]:
    """The record as a PDF in pieces: typst renders ``PDF_ENTRIES`` entries at a time and
    ``pdfjoin.PdfJoin`` writes each part's pages out as soon as it is rendered, so neither the
    entries nor the pages are all held at once. A record of one part is typst's PDF as it is."""
    entries = iter(entries)
    part = list(islice(entries, PDF_ENTRIES))
    following = list(islice(entries, PDF_ENTRIES))
    if not following:
        yield pdf.render("ropa", _pdf_doc(part, processor=processor, language=language, head=True),
                         folder=TYPST)
        return
    join = PdfJoin()
    head = True
    while part:
        join.add(pdf.render("ropa", _pdf_doc(part, processor=processor, language=language, head=head),
                            folder=TYPST))
        yield join.take()
        part, following, head = following, list(islice(entries, PDF_ENTRIES)), False
    yield join.finish()


def _pdf_entry(e: Entry, language: str) -> dict[str, Any]:
    values = dict(zip(HEADER, _flat(e, language), strict=True))
    # The same words as the tabular exports' headers.
    controller = (f"{e.controller} ({values['controller_country']}, KvK {e.controller_kvk})"
                  if e.controller_kvk else f"{e.controller} ({values['controller_country']})")
    keys = ("controller_contact", "processor_contact", "subject_matter", "nature", "purposes",
            "data_categories", "special_categories", "data_subjects", "subprocessors", "transfers",
            "transfer_policy", "measures")
    rows = [[HEADINGS["controller"], controller],
            *([HEADINGS[k], values[k]] for k in keys)]
    return {
        "heading": f"{e.controller} — {e.agreement} v{e.version}",
        "rows": [[str(a), b or "—"] for a, b in rows],
    }


def _in(language: str, words: Any, *args: Any) -> str:
    """``words(*args)`` said in ``language`` (a streamed export yields between entries, so the
    language is switched only around the words, never left on)."""
    with translation.override(language):
        return str(words(*args))


def _jsonld_entry(e: Entry, language: str = "en") -> dict[str, Any]:
    """One entry of the record's graph, with W3C Data Privacy Vocabulary terms."""
    return {
        "@id": f"urn:art28:agreement:{e.agreement}",
        "@type": "dpv:PersonalDataHandling",
        "dpv:hasDataController": {
            "@type": "dpv:DataController",
            "dpv:hasName": e.controller,
            "@id": f"urn:uuid:{e.controller_code}",
        },
        "dpv:hasDataProcessor": {"@type": "dpv:DataProcessor", "dpv:hasName": e.processor},
        "dpv:hasPurpose": [{"@type": "dpv:Purpose", "dct:description": x} for x in e.purposes],
        "dpv:hasPersonalData": [
            {"@type": "dpv:PersonalData", "dpv:hasName": x} for x in e.data_categories
        ]
        + [{"@type": "dpv:SensitivePersonalData", "dpv:hasName": x} for x in e.special_categories],
        "dpv:hasDataSubject": [{"@type": "dpv:DataSubject", "dpv:hasName": x} for x in e.data_subjects],
        "dpv:hasRecipient": [
            {"@type": "dpv:DataSubProcessor", "dpv:hasName": s["name"], "dpv:hasCountry": s["country"]}
            for s in e.subprocessors
        ],
        "dpv:hasTechnicalOrganisationalMeasure": [
            {
                "@type": "dpv:TechnicalMeasure"
                if m["kind"] == "technical"
                else "dpv:OrganisationalMeasure",
                "dct:description": m["text"],
            }
            for m in e.measures
        ],
        "dpv:hasProcessing": [{"@type": "dpv:Processing", "dct:description": x} for x in [e.nature] if x]
        + [
            {
                "@type": "dpv:Transfer",
                "dpv:hasRecipient": {"@type": "dpv:DataSubProcessor", "dpv:hasName": s["name"]},
                "dpv:hasCountry": c,
                "dpv:hasTechnicalOrganisationalMeasure": {
                    "@type": "dpv:Safeguard",
                    # The same for a register row and a row of the terms: the mechanisms as the
                    # schema's values, and in words in the export's language.
                    "dct:type": s.get("codes", []),
                    "dct:description": _in(language, safeguard, s),
                },
            }
            for s in e.subprocessors
            for c in s["outside_eea"]
        ],
    }


def jsonld_chunks(entries: Iterable[Entry], *, processor: Processor, language: str = "en") -> Iterator[bytes]:
    """The record with W3C Data Privacy Vocabulary terms, as pieces of about 64 kB: the head
    (``@context``, the processor) before the first entry is read, then the graph entry by entry
    as ``entries`` yields them, then the tail. Joined, the pieces are the bytes
    ``json.dumps(document, ensure_ascii=False, indent=2)`` gives for the whole document."""
    head = json.dumps({"@context": {"dpv": DPV, "dct": DCT}, "@id": f"urn:uuid:{processor.code}:ropa",
                       "dpv:hasDataProcessor": processor.name}, ensure_ascii=False, indent=2)
    # ``head`` ends in "\n}": the graph goes in before that brace, at json.dumps's indent.
    yield f'{head[:-2]},\n  "@graph": ['.encode()
    buffer: list[bytes] = []
    size = 0
    separator = "\n    "
    for e in entries:
        # JSON text holds no raw line ends, so every line end is one of json.dumps's own.
        part = (separator + json.dumps(_jsonld_entry(e, language), ensure_ascii=False, indent=2)
                .replace("\n", "\n    ")).encode()
        separator = ",\n    "
        buffer.append(part)
        size += len(part)
        if size >= 1 << 16:
            yield b"".join(buffer)
            buffer, size = [], 0
    buffer.append(b"]\n}" if separator == "\n    " else b"\n  ]\n}")
    yield b"".join(buffer)


def jsonld_page(*, processor: Processor, page: dict[str, Any], shown: Shown = None,
                language: str = "en") -> bytes:
    """One page of the record as a JSON-LD document (the API's list of it). ``page`` is a page of
    ``record_keys`` as the API's lists answer (``items``, ``count``, ``page``, ``pages``); its
    entries go under ``items``, which the context makes the document's ``@graph``, so the page is
    both a list like the others and a JSON-LD document with the whole record's head."""
    entries = iter_record(processor=processor, keys=list(page["items"]), shown=shown, language=language)
    doc = {"@context": {"dpv": DPV, "dct": DCT, "items": "@graph"}, "@id": f"urn:uuid:{processor.code}:ropa",
           "dpv:hasDataProcessor": processor.name, **page,
           "items": [_jsonld_entry(e, language) for e in entries]}
    return json.dumps(doc, ensure_ascii=False).encode()


def export(
    *, processor: Processor, fmt: str, agreements: AgreementQuerySet | None = None, language: str = "en",
    shown: Shown = None,
) -> bytes:
    """The record in ``fmt`` (csv, xlsx, pdf, jsonld)."""
    content = export_stream(processor=processor, fmt=fmt, agreements=agreements, language=language,
                            shown=shown)
    return content if isinstance(content, bytes) else b"".join(content)


def export_stream(
    *, processor: Processor, fmt: str, agreements: AgreementQuerySet | None = None, language: str = "en",
    shown: Shown = None,
) -> bytes | Iterator[bytes]:
    """The record in ``fmt`` as pieces to stream, memory flat in the number of agreements: the CSV
    read and sent as it goes; the workbook, the PDF and the JSON-LD written as they go into a
    temporary file and sent from it once complete (a failure half-way is an error, not a cut-off
    file)."""
    if fmt == "csv":
        return csv_chunks(processor=processor, agreements=agreements, language=language, shown=shown)
    if fmt == "xlsx":
        lines = record_lines(processor=processor, agreements=agreements, language=language, shown=shown)
        return xlsx_chunks((line for chunk in _chunks(lines, language) for line in chunk), language=language)
    if fmt == "pdf":
        return spooled(pdf_chunks(iter_record(processor=processor, agreements=agreements, shown=shown,
                                              language=language),
                                  processor=processor, language=language))
    if fmt == "jsonld":
        return spooled(jsonld_chunks(iter_record(processor=processor, agreements=agreements, shown=shown,
                                                 language=language),
                                     processor=processor, language=language))
    raise ValueError(f"unknown format {fmt!r}")
