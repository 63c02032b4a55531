"""The Art. 30(2) exports (CSV, XLSX, API) neutralise formulas typed into controllers and terms."""

from __future__ import annotations

import csv
import io

import pytest

from art28.records import services as ropa

NAME = '\t=HYPERLINK("http://evil.example","Klant")'  # a tab first: the old check missed it
PURPOSE = "@SUM(1+1)"
SUBJECT = "-2+3 hosting"


@pytest.fixture
def hostile(make_controller, make_agreement):
    controller = make_controller(NAME)
    make_agreement(controller, state="signed", terms={"processing": {"purposes": [PURPOSE],
                                                                     "subject_matter": SUBJECT}})
    return controller


def _row(data: bytes) -> dict[str, str]:
    [row] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    return row


@pytest.mark.django_db
def test_it_neutralises_formulas_in_the_csv(processor, hostile):
    row = _row(ropa.export(processor=processor, fmt="csv"))
    assert row["Controller"] == "'" + NAME and row["Purposes"] == "'" + PURPOSE
    assert row["Subject matter"] == "'" + SUBJECT


@pytest.mark.django_db
def test_it_neutralises_formulas_in_the_xlsx(processor, hostile):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(ropa.export(processor=processor, fmt="xlsx"))).active
    values = [c.value for c in sheet[2]]
    assert "'" + NAME in values and "'" + PURPOSE in values
    assert not [v for v in values if isinstance(v, str) and v[:1] in "=+-@\t\r"]


@pytest.mark.django_db
def test_it_neutralises_formulas_in_the_api_export(client, admin_user, hostile):
    from tests.api.conftest import Api

    row = _row(Api(client).get("/ropa?format=csv", as_=admin_user).getvalue())
    assert row["Controller"] == "'" + NAME and row["Purposes"] == "'" + PURPOSE
