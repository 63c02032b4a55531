"""The PAdES seal, checked by pyHanko's own validator rather than by art28's reading of it."""

from __future__ import annotations

import io
import socket

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from art28 import documents
from art28.documents import seal
from art28.terms.demo import CLIENTS, demo_terms
from tests.tsa import loopback_tsa


@pytest.fixture(scope="module")
def sealer() -> seal.Sealer:
    return seal.load_sealer(seal.make_self_signed_p12(name="Wolkenrand Hosting B.V.", password="s3cret"),
                            "s3cret")


@pytest.fixture(scope="module")
def agreement_pdf() -> bytes:
    return documents.render_pdf(demo_terms(CLIENTS[0]), reference="DPA-TEST v1", version="2026.1")


def _validate(pdf: bytes, trust) -> object:  # type: ignore[no-untyped-def]
    sig = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    ctx = ValidationContext(trust_roots=trust)
    return validate_pdf_signature(sig, signer_validation_context=ctx, ts_validation_context=ctx)


def test_it_seals_so_that_pyhankos_validator_accepts_the_whole_file(sealer, agreement_pdf):
    sealed = seal.seal_pdf(agreement_pdf, sealer, reason="test")
    status = _validate(sealed.pdf, [sealer.certificate])
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["common_name"] == "Wolkenrand Hosting B.V."
    assert sealed.level == "B-B" and sealed.pdf.startswith(agreement_pdf[:8])


def test_it_refuses_the_sealed_pdf_with_one_byte_changed(sealer, agreement_pdf):
    sealed = seal.seal_pdf(agreement_pdf, sealer).pdf
    # A byte of the agreement itself, well inside the signed range.
    at = len(agreement_pdf) // 2
    tampered = sealed[:at] + bytes([sealed[at] ^ 0x01]) + sealed[at + 1:]
    status = _validate(tampered, [sealer.certificate])
    assert not status.intact
    assert seal.check_seal(tampered, trusted=[sealer.certificate]).problems == ["seal broken"]
    assert seal.check_seal(sealed, trusted=[sealer.certificate]).problems == []


def test_it_timestamps_through_an_rfc3161_server_on_loopback(sealer, agreement_pdf):
    with loopback_tsa() as tsa:
        stamped = seal.load_sealer(seal.make_self_signed_p12(name="Wolkenrand"), "", tsa_url=tsa.url)
        sealed = seal.seal_pdf(agreement_pdf, stamped)
        assert tsa.requests, "the TSA on loopback was never asked"
    status = _validate(sealed.pdf, [stamped.certificate, tsa.certificate])
    assert status.intact and status.valid
    assert status.timestamp_validity is not None and status.timestamp_validity.intact
    assert status.timestamp_validity.valid and status.timestamp_validity.trusted
    assert sealed.level in ("B-T", "B-LT")
    check = seal.check_seal(sealed.pdf, trusted=[stamped.certificate, tsa.certificate])
    assert check.timestamp is not None and check.timestamp.authority == "Loopback TSA"
    assert check.problems == [] and check.level == sealed.level


def test_it_refuses_to_seal_without_the_timestamp_it_was_told_to_get(agreement_pdf):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    stamped = seal.load_sealer(seal.make_self_signed_p12(name="Wolkenrand"), "",
                               tsa_url=f"http://127.0.0.1:{port}/tsa")
    with pytest.raises(seal.SealError):
        seal.seal_pdf(agreement_pdf, stamped)


def test_it_tells_an_edit_saved_after_the_seal(sealer, agreement_pdf):
    sealed = seal.seal_pdf(agreement_pdf, sealer).pdf
    # What a PDF editor's incremental save does: the seal's bytes stay, a page changes after them.
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    kids = writer.root["/Pages"]["/Kids"]
    kids[0]["/MediaBox"] = generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 300, 300)])
    writer.mark_update(kids.raw_get(0))
    out = io.BytesIO()
    writer.write(out)
    check = seal.check_seal(out.getvalue(), trusted=[sealer.certificate])
    assert check.problems == ["changed after sealing"]
    assert check.covered_sha256 == seal.covered_sha256(sealed)


def test_it_answers_on_files_that_are_not_pdfs(sealer):
    for junk in (b"", b"hello", b"%PDF-1.7\n" + b"\x00" * 100, b"%PDF-1.7\n1 0 obj <</Type /Catalog"):
        with pytest.raises(ValueError):
            seal.check_seal(junk, trusted=[sealer.certificate])


def test_it_refuses_a_wrong_password():
    with pytest.raises(seal.SealError):
        seal.load_sealer(seal.make_self_signed_p12(name="x", password="right"), "wrong")


def test_it_adds_long_term_validation_data_when_the_whole_chain_is_known(agreement_pdf):
    from cryptography import x509 as cx
    from cryptography.hazmat.primitives.serialization import NoEncryption, pkcs12

    with loopback_tsa() as tsa:
        # The PKCS#12 file carries the TSA's root too, so every certificate's status can be settled.
        key, cert, _ = pkcs12.load_key_and_certificates(seal.make_self_signed_p12(name="Wolkenrand"), None)
        p12 = pkcs12.serialize_key_and_certificates(
            b"seal", key, cert, [cx.load_der_x509_certificate(tsa.certificate.dump())], NoEncryption())
        sealed = seal.seal_pdf(agreement_pdf, seal.load_sealer(p12, "", tsa_url=tsa.url))
        assert len(tsa.requests) == 1
    assert sealed.level == "B-LT"
    reader = PdfFileReader(io.BytesIO(sealed.pdf))
    assert "/DSS" in reader.root
    status = _validate(sealed.pdf, [seal.load_sealer(p12, "").certificate, tsa.certificate])
    assert status.intact and status.valid and status.timestamp_validity.valid
    check = seal.check_seal(sealed.pdf, trusted=[seal.load_sealer(p12, "").certificate, tsa.certificate])
    assert check.problems == [] and check.level == "B-LT"


def test_it_stays_at_b_t_when_the_timestamps_chain_cannot_be_settled(agreement_pdf):
    with loopback_tsa() as tsa:
        sealed = seal.seal_pdf(agreement_pdf, seal.load_sealer(seal.make_self_signed_p12(name="W"), "",
                                                               tsa_url=tsa.url))
        assert len(tsa.requests) == 1
    assert sealed.level == "B-T" and "/DSS" not in PdfFileReader(io.BytesIO(sealed.pdf)).root


def test_poppler_pdfsig_accepts_the_seal_and_refuses_a_changed_byte(sealer, agreement_pdf, tmp_path):
    import shutil
    import subprocess

    if not shutil.which("pdfsig"):
        pytest.skip("pdfsig test skipped: poppler-utils is not installed (apt-get install poppler-utils)")
    sealed = seal.seal_pdf(agreement_pdf, sealer).pdf
    at = len(agreement_pdf) // 2
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(sealed)
    bad.write_bytes(sealed[:at] + bytes([sealed[at] ^ 0x01]) + sealed[at + 1:])

    def pdfsig(path) -> str:  # type: ignore[no-untyped-def]
        return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60).stdout

    assert "Signature is Valid." in pdfsig(good) and "Total document signed" in pdfsig(good)
    assert "Wolkenrand Hosting B.V." in pdfsig(good)
    assert "Signature is Valid." not in pdfsig(bad)
