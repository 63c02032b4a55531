"""The record is read in three queries: the keys of its first ``lines.FIRST`` lines, those lines,
then the rest in one query from where they ended. The CSV is the same bytes wherever the first
part ends, its first line comes before the rest is read, and the staff download streams it."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from art28.records import lines
from art28.records import services as ropa
from tests.records.test_ropa_lines import varied  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("first", [1, 2, 5, 6])
def test_the_csv_is_the_same_wherever_the_first_part_ends(processor, varied, monkeypatch, first):  # noqa: F811
    with CaptureQueriesContext(connection) as whole_queries:
        whole = ropa.export(processor=processor, fmt="csv")
    monkeypatch.setattr(lines, "FIRST", first)
    with CaptureQueriesContext(connection) as sliced_queries:
        sliced = ropa.export(processor=processor, fmt="csv")
    assert sliced == whole
    # Six lines: the first part holds them all by default; otherwise one more query reads the rest.
    assert len(sliced_queries.captured_queries) == len(whole_queries.captured_queries) + 1
    rows = _rows(sliced)
    # "'@": the CSV's guard against a cell read as a formula.
    assert [(r["Controller"], r["Status"]) for r in rows] == [
        ("'@Draft B.V.", "Draft"), ("Analytics Ltd", "Draft"), ("Gewijzigd", "Signed"),
        ("Verzonden", "Awaiting the controller's signature"), ("Zonnebloem", "Signed"),
        ("Zonnebloem", "Signed")]
    by_controller = {r["Controller"]: r for r in rows}
    assert by_controller["Gewijzigd"]["Nature"] == "v1"  # the signed version binds, not the newer draft
    assert by_controller["Verzonden"]["Transfer policy"] == "Prohibited"
    assert by_controller["Analytics Ltd"]["Sub-processors"] == (
        "Alpha Mail (United States): Dienst Alpha Mail; Rekenhal SG (Singapore): Dienst Rekenhal SG; "
        "Zeta Opslag (Netherlands): Dienst Zeta Opslag")
    assert rows[4]["Agreement"] < rows[5]["Agreement"]  # same controller: by reference


def test_the_first_line_is_read_before_the_rest(processor, varied, monkeypatch):  # noqa: F811
    monkeypatch.setattr(lines, "FIRST", 2)
    read = lines.record_lines(processor=processor, language="en")
    with CaptureQueriesContext(connection) as queries:
        first = next(read)
        at_first = len(queries.captured_queries)
        rest = list(read)
    assert first[0] == "@Draft B.V." and len(rest) == 5
    assert len(queries.captured_queries) == at_first + 1  # the rest, after it


def test_the_staff_download_streams_the_rows(processor, varied, client, login, admin_user,  # noqa: F811
                                             monkeypatch):
    monkeypatch.setattr(lines, "FIRST", 4)
    response = login(client, admin_user).get(reverse("records:ropa_download", args=["csv"]))
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    content = response.getvalue()
    assert content == ropa.export(processor=processor, fmt="csv")
    rows = _rows(content)
    assert len(rows) == 6 and rows[0]["Controller"] == "'@Draft B.V."  # a formula's guard
    assert rows[-1]["Security measures"].startswith("Technical: ")
