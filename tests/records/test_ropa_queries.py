"""The Art. 30(2) record reads the same few queries for 5 agreements as for 50 (no query per
agreement), and its workbook is written row by row."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from art28.records import services as ropa

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_agreements(processor):
    """``add(n)``: n more agreements in bulk, alternating a signed one linked to a sub-processor
    in the register and a draft whose terms name their own."""
    from art28.agreements.models import Agreement, AgreementVersion
    from art28.parties.models import Controller
    from art28.subprocessors.models import AgreementSubprocessor, Subprocessor

    sp = Subprocessor.objects.create(processor=processor, name="Registerkluis GmbH", country="DE",
                                     service="backup", status="active")
    named = {"subprocessors": {"named": [{"name": "Genoemd Inc", "country": "US", "service": "mail"}]},
             "processing": {"subject_matter": "Hosting"}}
    made = [0]

    def add(n: int) -> None:
        start, made[0] = made[0], made[0] + n
        controllers = Controller.objects.bulk_create(
            Controller(processor=processor, name=f"Klant {i:03d}", kvk=f"{50000000 + i}", language="en")
            for i in range(start, start + n))
        agreements = Agreement.objects.bulk_create(
            Agreement(controller=c, reference=f"R-{i:03d}") for i, c in enumerate(controllers, start))
        AgreementVersion.objects.bulk_create(
            AgreementVersion(agreement=a, number=1, status="signed" if i % 2 == 0 else "draft", language="en",
                             standard_version="2026.1", terms=named) for i, a in enumerate(agreements, start))
        AgreementSubprocessor.objects.bulk_create(
            AgreementSubprocessor(subprocessor=sp, agreement=a, status="authorised", basis="named",
                                  since=timezone.now() - timedelta(days=1))
            for i, a in enumerate(agreements, start) if i % 2 == 0)
    return add


def _xlsx_queries(processor) -> tuple[int, list[tuple]]:
    from openpyxl import load_workbook

    with CaptureQueriesContext(connection) as ctx:
        content = ropa.export(processor=processor, fmt="xlsx")
    rows = list(load_workbook(io.BytesIO(content), read_only=True).active.values)
    return len(ctx.captured_queries), rows


def test_it_reads_the_record_in_the_same_number_of_queries_for_5_and_50_agreements(processor,
                                                                                   add_agreements):
    add_agreements(5)
    few, rows = _xlsx_queries(processor)
    assert len(rows) == 1 + 5
    add_agreements(45)
    many, rows = _xlsx_queries(processor)
    assert len(rows) == 1 + 50 and many == few
    header = list(rows[0])
    by_ref = {r[header.index("Agreement")]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    # Signed and in the register: the register's sub-processor; a draft: its terms' named list.
    assert by_ref["R-000"]["Sub-processors"] == "Registerkluis GmbH (Germany): backup"
    assert by_ref["R-049"]["Sub-processors"] == "Genoemd Inc (United States): mail"
    assert by_ref["R-049"]["Status"] == "Draft" and by_ref["R-048"]["Status"] == "Signed"  # in words


def test_it_keeps_the_query_count_flat_for_the_csv_too(processor, add_agreements):
    add_agreements(5)
    with CaptureQueriesContext(connection) as few:
        ropa.export(processor=processor, fmt="csv")
    add_agreements(45)
    with CaptureQueriesContext(connection) as many:
        content = ropa.export(processor=processor, fmt="csv")
    assert len(many.captured_queries) == len(few.captured_queries)
    assert content.decode("utf-8-sig").count("R-0") == 50
