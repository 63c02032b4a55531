"""Agreements as documents: art28's own standard terms (nl, en) rendered to PDF, DOCX, HTML.

Pure Python, no Django. Every renderer draws from one ``AgreementDocument`` built by
``build_document``, so the PDF, the DOCX and the preview say the same thing.
"""

from __future__ import annotations

from art28.documents.build import build_document, with_evidence
from art28.documents.diff import Change, diff_terms, standard_terms_change
from art28.documents.docx import compile_docx
from art28.documents.extract import docx_text, pdf_text
from art28.documents.html import document_html
from art28.documents.model import AgreementDocument, DocumentError, EvidenceEntry
from art28.documents.pdf import compile_pdf
from art28.documents.standard import CURRENT_VERSION, available_versions
from art28.terms.schema import DpaTerms

__all__ = [
    "CURRENT_VERSION",
    "AgreementDocument",
    "Change",
    "DocumentError",
    "EvidenceEntry",
    "available_versions",
    "build_document",
    "diff_terms",
    "docx_text",
    "pdf_text",
    "render_docx",
    "render_html",
    "render_pdf",
    "standard_terms_change",
]


def render_pdf(terms: DpaTerms, *, reference: str, version: str | None = None,
               evidence: list[EvidenceEntry] | None = None) -> bytes:
    """The agreement as PDF; with ``evidence`` it ends with an evidence-of-acceptance page."""
    doc = with_evidence(build_document(terms, reference=reference, version=version), evidence)
    return compile_pdf(doc)


def render_docx(terms: DpaTerms, *, reference: str, version: str | None = None,
                evidence: list[EvidenceEntry] | None = None) -> bytes:
    """The agreement as DOCX, from the same document as the PDF."""
    doc = with_evidence(build_document(terms, reference=reference, version=version), evidence)
    return compile_docx(doc)


def render_html(terms: DpaTerms, *, reference: str, version: str | None = None) -> str:
    """An escaped HTML fragment of the agreement for an in-app preview."""
    return document_html(build_document(terms, reference=reference, version=version))
