"""Which bytes a download is, for generated, sent, signed and imported versions."""

import pytest

from art28.agreements import downloads
from art28.agreements.imports import import_signed_agreement
from art28.documents import render_docx
from art28.terms.demo import CLIENTS, demo_terms


def _bytes(field) -> bytes:
    with field.open("rb") as fh:
        return fh.read()


@pytest.mark.django_db
def test_it_serves_the_frozen_pdf_of_a_sent_version(controller_a, make_agreement):
    v = make_agreement(controller_a, state="sent").latest
    d = downloads.document(v)
    assert d.data == _bytes(v.document) and d.content_type == downloads.PDF
    assert d.filename.endswith("-v1.pdf") and downloads.signed(v) is None


@pytest.mark.django_db
def test_it_serves_the_sealed_pdf_once_signed(controller_a, make_agreement):
    v = make_agreement(controller_a, state="signed").latest
    assert downloads.signed(v).data == _bytes(v.signed_document)
    assert downloads.document(v, "docx").content_type == downloads.DOCX


@pytest.mark.django_db
def test_it_serves_an_imported_docx_as_the_original_word_file(controller_a, admin_user):
    data = render_docx(demo_terms(CLIENTS[0]), reference="OLD-1")
    terms = demo_terms(CLIENTS[0]).model_dump(mode="json")
    agreement = import_signed_agreement(controller=controller_a, data=data, filename="oud.docx",
                                        terms=terms, acting_user=admin_user)
    v = agreement.latest
    for d in (downloads.document(v), downloads.document(v, "docx"), downloads.signed(v)):
        assert d.data == data and d.content_type == downloads.DOCX and d.filename.endswith(".docx")
