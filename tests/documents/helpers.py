"""Shared helpers for the documents tests."""

from __future__ import annotations

import re

from art28.documents import docx_text, pdf_text, render_docx, render_pdf
from art28.terms.demo import DemoClient
from art28.terms.schema import DpaTerms

FOOTER = re.compile(r"^(pagina \d+ van \d+|page \d+ of \d+)$", re.MULTILINE)


def client_id(client: DemoClient) -> str:
    return f"{client.login}-{client.language}"


def normalise(text: str) -> str:
    """One space between words and footers removed: what a reader sees, not the layout."""
    return " ".join(FOOTER.sub(" ", text).split())


def words(text: str) -> list[str]:
    """The words of a text, in order, without punctuation or list bullets."""
    return re.findall(r"[^\W_]+", FOOTER.sub(" ", text))


_cache: dict[tuple[str, str], tuple[str, str]] = {}


def rendered_texts(terms: DpaTerms, reference: str = "DPA-TEST-1") -> tuple[str, str]:
    """(PDF text, DOCX text) of the terms; cached because several tests read the same."""
    key = (terms.model_dump_json(), reference)
    if key not in _cache:
        _cache[key] = (pdf_text(render_pdf(terms, reference=reference)),
                       docx_text(render_docx(terms, reference=reference)))
    return _cache[key]
