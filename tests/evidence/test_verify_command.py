"""`art28 verify FILE.pdf`: exit 0 with the evidence in words when everything holds, else name what not."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from art28.documents import seal
from art28.evidence.sealing import current_sealer
from art28.ledger.models import Event
from tests.evidence.conftest import flip

pytestmark = pytest.mark.django_db


def verify(tmp_path, data: bytes, *args: str) -> tuple[int, str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = io.StringIO()
    try:
        call_command("verify", str(path), *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


def test_it_says_who_accepted_which_version_when_and_from_where(tmp_path, signed_pdf):
    version, pdf = signed_pdf
    code, out = verify(tmp_path, pdf, "--lang", "en")
    assert code == 0, out
    assert f"Version 1 of agreement {version.agreement.reference}" in out
    assert "Accepted for Tandartspraktijk Zonnebloem by Sanne Jansen (Praktijkmanager)" in out
    assert "from address 127.0.0.1" in out and version.document_sha256 in out
    assert "Countersigned for Wolkenrand Hosting B.V. by Iris de Vries (FG)" in out
    assert "Sealed by Wolkenrand Hosting B.V." in out and "self-signed" in out
    assert "is intact and linked into the chain" in out and "VERIFIED" in out


def test_it_answers_in_dutch(tmp_path, signed_pdf):
    code, out = verify(tmp_path, signed_pdf[1], "--lang", "nl")
    translation.activate("en")
    assert code == 0 and "Geaccepteerd namens Tandartspraktijk Zonnebloem door Sanne Jansen" in out


def test_it_refuses_a_pdf_with_one_byte_changed(tmp_path, signed_pdf):
    code, out = verify(tmp_path, flip(signed_pdf[1]))
    assert code == 1 and "seal-broken" in out and "not-issued-by-art28" in out


def test_it_names_an_edit_saved_after_the_seal(tmp_path, signed_pdf):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf[1]))
    kids = writer.root["/Pages"]["/Kids"]
    kids[0]["/Rotate"] = generic.NumberObject(90)
    writer.mark_update(kids.raw_get(0))
    out = io.BytesIO()
    writer.write(out)
    code, text = verify(tmp_path, out.getvalue())
    assert code == 1 and "changed-after-sealing" in text
    # The sealed part is still recognised: the answer says which agreement it was.
    assert "Sanne Jansen" in text


def test_it_refuses_a_pdf_art28_never_issued_even_with_its_own_seal(tmp_path, signed_pdf):
    from art28 import documents
    from art28.terms.demo import CLIENTS, demo_terms

    other = documents.render_pdf(demo_terms(CLIENTS[1]), reference="DPA-FAKE v1", version="2026.1")
    forged = seal.seal_pdf(other, current_sealer()).pdf
    code, out = verify(tmp_path, forged)
    assert code == 1 and "not-issued-by-art28" in out and "seal-broken" not in out


def test_it_refuses_a_seal_by_a_certificate_art28_did_not_use(tmp_path, signed_pdf):
    stranger = seal.load_sealer(seal.make_self_signed_p12(name="Wolkenrand Hosting B.V."), "")
    code, out = verify(tmp_path, seal.seal_pdf(_blank_pdf(), stranger).pdf)
    assert code == 1 and "unknown-certificate" in out


def test_it_refuses_when_the_ledger_entry_was_altered(tmp_path, signed_pdf):
    version, pdf = signed_pdf
    Event.objects.filter(action="agreement.signed").update(actor_label="someone else")
    code, out = verify(tmp_path, pdf)
    assert code == 1 and "ledger-entry-broken" in out


def test_it_refuses_a_file_that_is_not_a_pdf(tmp_path, seal_key):
    code, out = verify(tmp_path, b"PK\x03\x04 a zip, not a PDF")
    assert code == 2 and "not-a-pdf" in out


def test_it_refuses_a_file_over_the_upload_limit_without_reading_it(tmp_path, seal_key, settings):
    settings.ART28_MAX_UPLOAD_MB = 1
    code, out = verify(tmp_path, b"%PDF-1.7\n" + b"0" * (1024 * 1024))
    assert code == 2 and "too-large" in out


def test_it_exits_2_for_a_missing_file(tmp_path, seal_key):
    with pytest.raises(CommandError) as exc:
        call_command("verify", str(tmp_path / "nope.pdf"), stdout=io.StringIO())
    assert exc.value.returncode == 2


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(200, 200)
    writer.write(out)
    return out.getvalue()


def test_it_verifies_a_breach_register_export(tmp_path, seal_key, client, login, admin_user):
    login(client, admin_user)
    pdf = client.get("/breaches/register.pdf").content
    code, out = verify(tmp_path, pdf)
    assert code == 0, out
    assert "export of the breach register" in out and "breaches.register_exported by admin" in out


def test_it_verifies_a_certificate_of_destruction(tmp_path, seal_key, make_agreement, controller_a, staff_a):
    from art28.agreements.services import termination as svc

    t = svc.terminate_agreement(agreement=make_agreement(controller_a, state="signed",
                                                         terms={"end": {"choice": "delete"}}),
                                reason="agreement", acting_user=staff_a)
    svc.confirm_destruction(termination=t, target_kind="system", target="PMS", method="Crypto-erase",
                            acting_user=staff_a)
    t = svc.issue_certificate(termination=t, acting_user=staff_a)
    with t.certificate.open("rb") as fh:
        code, out = verify(tmp_path, fh.read())
    assert code == 0, out
    assert f"for agreement {t.agreement.reference}, issued by Wolkenrand Hosting B.V. to " in out


def test_it_refuses_a_pdf_rewritten_by_another_program(tmp_path, signed_pdf):
    from pypdf import PdfReader, PdfWriter

    writer, out = PdfWriter(clone_from=PdfReader(io.BytesIO(signed_pdf[1]))), io.BytesIO()
    writer.write(out)
    code, text = verify(tmp_path, out.getvalue())
    assert code == 1 and "seal-broken" in text and "not-issued-by-art28" in text
