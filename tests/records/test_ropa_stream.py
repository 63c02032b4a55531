"""The record's JSON-LD and PDF are streamed: read and written as they go, the JSON-LD byte for
byte the document it was built whole before (that code kept here as the reference), the PDF
rendered in parts whose pages are joined into one valid, tagged file with the same text."""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from art28.documents import pdf_text
from art28.records import services as ropa
from art28.records.lines import headings, safeguard
from tests.records.test_ropa_lines import varied  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _whole_jsonld(entries: list[ropa.Entry], processor) -> bytes:
    """The JSON-LD as ``records.services`` built it before it streamed: the whole graph in one
    document (the code as it was, kept as the reference)."""
    graph = [
        {
            "@id": f"urn:art28:agreement:{e.agreement}",
            "@type": "dpv:PersonalDataHandling",
            "dpv:hasDataController": {"@type": "dpv:DataController", "dpv:hasName": e.controller,
                                      "@id": f"urn:uuid:{e.controller_code}"},
            "dpv:hasDataProcessor": {"@type": "dpv:DataProcessor", "dpv:hasName": e.processor},
            "dpv:hasPurpose": [{"@type": "dpv:Purpose", "dct:description": x} for x in e.purposes],
            "dpv:hasPersonalData": [{"@type": "dpv:PersonalData", "dpv:hasName": x}
                                    for x in e.data_categories]
            + [{"@type": "dpv:SensitivePersonalData", "dpv:hasName": x} for x in e.special_categories],
            "dpv:hasDataSubject": [{"@type": "dpv:DataSubject", "dpv:hasName": x} for x in e.data_subjects],
            "dpv:hasRecipient": [{"@type": "dpv:DataSubProcessor", "dpv:hasName": s["name"],
                                  "dpv:hasCountry": s["country"]} for s in e.subprocessors],
            "dpv:hasTechnicalOrganisationalMeasure": [
                {"@type": "dpv:TechnicalMeasure" if m["kind"] == "technical" else "dpv:OrganisationalMeasure",
                 "dct:description": m["text"]} for m in e.measures],
            "dpv:hasProcessing": [{"@type": "dpv:Processing", "dct:description": x} for x in [e.nature] if x]
            + [{"@type": "dpv:Transfer",
                "dpv:hasRecipient": {"@type": "dpv:DataSubProcessor", "dpv:hasName": s["name"]},
                "dpv:hasCountry": c,
                "dpv:hasTechnicalOrganisationalMeasure": {"@type": "dpv:Safeguard",
                                                          "dct:type": s.get("codes", []),
                                                          "dct:description": safeguard(s)}}
               for s in e.subprocessors for c in s["outside_eea"]],
        }
        for e in entries
    ]
    doc = {"@context": {"dpv": ropa.DPV, "dct": ropa.DCT}, "@id": f"urn:uuid:{processor.code}:ropa",
           "dpv:hasDataProcessor": processor.name, "@graph": graph}
    return json.dumps(doc, ensure_ascii=False, indent=2).encode()


class Counted:
    """The entries, counting how many were read."""

    def __init__(self, entries: list[ropa.Entry]) -> None:
        self.entries, self.read = entries, 0

    def __iter__(self) -> Iterator[ropa.Entry]:
        for e in self.entries:
            self.read += 1
            yield e


def test_it_streams_the_json_ld_byte_for_byte_as_the_whole_document(processor, varied):  # noqa: F811
    entries = ropa.build_record(processor=processor)
    assert len(entries) == 6
    streamed = ropa.export_stream(processor=processor, fmt="jsonld")
    assert not isinstance(streamed, bytes)
    content = b"".join(streamed)
    assert content == _whole_jsonld(entries, processor)
    assert json.loads(content)["@graph"][0]["dpv:hasDataController"]["dpv:hasName"] == "@Draft B.V."


def test_it_streams_an_empty_record_s_json_ld_as_the_whole_document(processor):
    assert ropa.export(processor=processor, fmt="jsonld") == _whole_jsonld([], processor)


def test_it_sends_the_json_ld_head_before_reading_an_entry_in_small_pieces(processor, varied):  # noqa: F811
    entries = Counted(ropa.build_record(processor=processor) * 200)  # 1,200 entries, about 2 MB
    pieces = ropa.jsonld_chunks(entries, processor=processor)
    head = next(pieces)
    assert entries.read == 0 and head.startswith(b'{\n  "@context"') and head.endswith(b'"@graph": [')
    rest = list(pieces)
    assert len(rest) > 10 and max(len(p) for p in rest) < 2 * (1 << 16)
    assert head + b"".join(rest) == _whole_jsonld(entries.entries, processor)


def _text(content: bytes) -> str:
    return " ".join(pdf_text(content).split())


def test_it_sends_a_record_of_one_part_as_typst_s_own_pdf(processor, varied):  # noqa: F811
    content = ropa.export(processor=processor, fmt="pdf")
    reader = PdfReader(io.BytesIO(content))
    assert "Typst" in str(reader.metadata.creator) and len(reader.pages) >= 1
    text = _text(content)
    assert text.startswith("Record of processing activities (Art. 30(2) GDPR)")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_it_joins_a_record_of_many_parts_into_one_pdf_with_the_same_text(
        processor, varied, monkeypatch, tmp_path, language):  # noqa: F811
    whole = ropa.export(processor=processor, fmt="pdf", language=language)
    monkeypatch.setattr(ropa, "PDF_ENTRIES", 2)  # 6 entries: 3 parts
    entries = Counted(ropa.build_record(processor=processor, language=language))
    pieces = ropa.pdf_chunks(entries, processor=processor, language=language)
    first = next(pieces)
    assert first.startswith(b"%PDF-1.7") and entries.read == 4  # the first part out, the second read
    content = first + b"".join(pieces)
    assert entries.read == 6

    # The same words in the same order, the title once at the top.
    assert _text(content) == _text(whole)
    title = "Verwerkingsregister (art. 30 lid 2 AVG)" if language == "nl" else (
        "Record of processing activities (Art. 30(2) GDPR)")
    assert _text(content).count(title) == 1 or title not in _text(whole)
    headings = [e.controller for e in entries.entries]
    positions = [_text(content).index(f"{h} —") for h in dict.fromkeys(headings)]
    assert positions == sorted(positions)

    # A valid file (strict parser, poppler), its title, language and tags kept, one page tree.
    reader = PdfReader(io.BytesIO(content), strict=True)
    assert len(reader.pages) >= 3 and reader.metadata.title == PdfReader(io.BytesIO(whole)).metadata.title
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language and root["/MarkInfo"]["/Marked"]
    tree = root["/StructTreeRoot"]
    [document] = [tree["/K"][0].get_object()]
    assert document["/S"] == "/Document" and len(document["/K"]) > 6
    keys = list(tree["/ParentTree"]["/Nums"])[::2]
    assert sorted(p["/StructParents"] for p in reader.pages) == keys == list(range(len(reader.pages)))
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert f"<xmpTPg:NPages>{len(reader.pages)}</xmpTPg:NPages>" in xmp
    path = tmp_path / "record.pdf"
    path.write_bytes(content)
    poppler = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    assert poppler.stderr == "" and " ".join(poppler.stdout.split()).count(headings[-1]) >= 1


def test_it_refuses_to_join_what_typst_did_not_write():
    from art28.records.pdfjoin import PdfError, PdfJoin

    join = PdfJoin()
    with pytest.raises(PdfError):
        join.add(b"%PDF-1.7\nnot a file typst wrote\n%%EOF")
    assert join.kids == [] and join.take().startswith(b"%PDF-1.7")


def test_it_sends_the_workbook_in_pieces_from_its_temporary_file(processor, varied, monkeypatch):  # noqa: F811
    from openpyxl import load_workbook

    monkeypatch.setattr(ropa, "PIECE", 1024)  # a small record still comes in several pieces
    pieces = list(ropa.export_stream(processor=processor, fmt="xlsx"))
    assert len(pieces) > 1 and all(len(p) <= 1024 for p in pieces)
    sheet = load_workbook(io.BytesIO(b"".join(pieces))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == headings("en")
    assert len(rows) - 1 == len(ropa.build_record(processor=processor)) > 0


def test_a_pdf_that_fails_half_way_sends_nothing(processor, varied, monkeypatch):  # noqa: F811
    from art28.agreements import pdf as typst

    assert len(ropa.build_record(processor=processor)) >= 2
    monkeypatch.setattr(ropa, "PDF_ENTRIES", 1)  # one entry a part: the second part fails
    render, calls = typst.render, []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("typst failed")
        return render(*args, **kwargs)

    monkeypatch.setattr(ropa.pdf, "render", failing)
    # Not one piece before the failure: the response becomes an error, not a cut-off PDF.
    with pytest.raises(RuntimeError, match="typst failed"):
        next(iter(ropa.export_stream(processor=processor, fmt="pdf")))
