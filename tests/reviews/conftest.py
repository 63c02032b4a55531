"""Documents for the review tests: art28's own rendered agreements and hostile files."""

from __future__ import annotations

import io
import zipfile

import pytest

from art28.documents import render_docx, render_pdf
from art28.terms.demo import CLIENTS, demo_terms
from tests.conftest import row_counts


@pytest.fixture(scope="session")
def nl_pdf() -> bytes:
    """A Dutch agreement with 24 h breach notice and specific authorisation."""
    return render_pdf(demo_terms(CLIENTS[0]), reference="DPA-2019-0007")


@pytest.fixture(scope="session")
def en_docx() -> bytes:
    """An English agreement with 48 h breach notice and general authorisation."""
    return render_docx(demo_terms(CLIENTS[2]), reference="DPA-2019-0008")


def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return buf.getvalue()




@pytest.fixture(scope="session")
def bomb() -> bytes:
    return zip_bomb()


def counts() -> dict[str, int]:
    from art28.agreements.models import Agreement, AgreementVersion
    from art28.ledger.models import Event
    from art28.reviews.models import Review

    return row_counts(Review, Agreement, AgreementVersion, Event)
