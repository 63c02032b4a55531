"""The sub-processor list CSV (portal and API) neutralises formulas typed into the register."""

from __future__ import annotations

import csv
import io

import pytest

NAME = '=HYPERLINK("http://evil.example","Rekenhal")'
ADDRESS = "@SUM(1+1)*cmd|' /C calc'!A0"
SERVICE = "+1+1 hosting"


@pytest.fixture
def hostile(make_subprocessor, general_agreement):
    return make_subprocessor(NAME, address=ADDRESS, service=SERVICE, named=True)


def _row(content: bytes) -> dict[str, str]:
    [row] = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    return row


def _assert_neutralised(row: dict[str, str]) -> None:
    assert row["Name"] == "'" + NAME
    assert row["Address"] == "'" + ADDRESS
    assert row["Service"] == "'" + SERVICE


def test_it_neutralises_formulas_in_the_portal_csv(client, login, user_a, hostile, general_agreement):
    login(client, user_a)
    r = client.get(f"/subprocessors/portal/agreements/{general_agreement.code}/list.csv")
    assert r.status_code == 200
    _assert_neutralised(_row(r.content))


def test_it_neutralises_formulas_in_the_api_csv(client, user_a, hostile, general_agreement):
    from tests.api.conftest import Api

    r = Api(client).get(f"/agreements/{general_agreement.code}/subprocessors/export?format=csv", as_=user_a)
    assert r.status_code == 200
    _assert_neutralised(_row(r.content))
