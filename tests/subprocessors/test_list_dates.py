"""The portal's sub-processor list (CSV and PDF) gives its dates in the reader's language,
as the pages do: "2 maart 2026, 10:00", never "2026-03-02 10:00"."""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)  # 10:00 in Amsterdam
NOW = datetime(2026, 11, 29, 3, 46, tzinfo=UTC)  # 04:46 in Amsterdam
pytestmark = pytest.mark.django_db


def _get(client, url, language):
    client.cookies["django_language"] = language
    with time_machine.travel(NOW, tick=False):
        return client.get(url, HTTP_ACCEPT_LANGUAGE=language)


@pytest.fixture
def portal(client, login, user_a, make_subprocessor, general_agreement):
    with time_machine.travel(T0, tick=False):
        make_subprocessor(named=True)
    login(client, user_a)
    return f"/subprocessors/portal/agreements/{general_agreement.code}/list"


@pytest.mark.parametrize(("language", "since"),
                         [("nl", "2 maart 2026, 10:00"), ("en", "2 March 2026, 10:00")])
def test_the_csv_gives_the_date_in_the_readers_language(client, portal, language, since):
    text = _get(client, f"{portal}.csv", language).content.decode("utf-8-sig")
    assert since in text
    assert "2026-03-02" not in text


@pytest.mark.parametrize(("language", "since", "stand"), [
    ("nl", "2 maart 2026, 10:00", "stand per 29 november 2026, 04:46"),
    ("en", "2 March 2026, 10:00", "situation on 29 November 2026, 04:46"),
])
def test_the_pdf_gives_the_dates_in_the_readers_language(client, portal, language, since, stand):
    pdf = _get(client, f"{portal}.pdf", language)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert stand in text and since in text
    assert "2026-11-29" not in text and "2026-03-02" not in text
