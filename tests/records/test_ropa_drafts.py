"""A controller's extract of the record never shows a draft's terms: amending a sent agreement
makes a draft the processor is still writing, and the controller keeps reading the version that
was sent to it (or signed), in the portal's downloads and through the API. The processor's own
record keeps showing the newest version (a draft included) when none is signed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from art28.agreements import services
from art28.agreements.models import AgreementVersion, VersionStatus
from art28.documents import pdf_text
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db

SENT_PURPOSE = "Afspraken plannen voor de praktijk"
DRAFT_PURPOSE = "Nog niet gedeeld conceptdoel"
DRAFT_NATURE = "Concepttekst die alleen de verwerker kent"


def _amend(agreement, admin_user, purpose: str, nature: str = "") -> AgreementVersion:
    processing = {"purposes": [purpose], **({"nature": nature} if nature else {})}
    return services.update_terms(agreement=agreement, terms={"processing": processing},
                                 acting_user=admin_user)


@pytest.fixture
def amended(controller_a, make_agreement, admin_user):
    """Controller A's agreement: version 1 sent (now superseded), version 2 a draft."""
    agreement = make_agreement(controller_a, terms={"processing": {"purposes": [SENT_PURPOSE]}})
    v1 = services.send_for_signature(version=agreement.latest, acting_user=admin_user)
    draft = _amend(agreement, admin_user, DRAFT_PURPOSE, DRAFT_NATURE)
    v1.refresh_from_db()
    assert (v1.status, draft.number, draft.status) == (VersionStatus.SUPERSEDED, 2, VersionStatus.DRAFT)
    return agreement


def _text(response, fmt: str) -> str:
    """A download's text: the PDF's words, the workbook's cells, the CSV or JSON as it is."""
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "pdf":
        return " ".join(pdf_text(content).split())
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content)).active
        return "\n".join("|".join(str(c or "") for c in row) for row in sheet.iter_rows(values_only=True))
    return content.decode()


def _portal(client, login, user, fmt: str) -> str:
    return _text(login(client, user).get(reverse("records:portal_ropa", args=[fmt])), fmt)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf", "jsonld"])
def test_it_gives_the_controller_the_sent_version_not_the_draft_in_the_portal(
        fmt, client, login, user_a, amended):
    text = _portal(client, login, user_a, fmt)
    assert SENT_PURPOSE in text
    assert DRAFT_PURPOSE not in text and DRAFT_NATURE not in text


def test_the_controller_s_csv_line_is_version_1_as_sent(client, login, user_a, amended):
    rows = list(csv.DictReader(io.StringIO(_portal(client, login, user_a, "csv"))))
    assert [(r["Agreement"], r["Version"], r["Purposes"]) for r in rows] == [
        (amended.reference, "1", SENT_PURPOSE)]


def test_it_gives_the_controller_the_sent_version_not_the_draft_over_the_api(client, user_a, amended):
    api = Api(client)
    page = json.loads(api.get("/ropa", as_=user_a).content)
    assert page["count"] == 1
    [item] = page["items"]
    assert [p["dct:description"] for p in item["dpv:hasPurpose"]] == [SENT_PURPOSE]
    for fmt, query in (("jsonld", "all=true"), ("csv", "format=csv"), ("xlsx", "format=xlsx"),
                       ("pdf", "format=pdf")):
        text = _text(api.get(f"/ropa?{query}", as_=user_a), fmt)
        assert SENT_PURPOSE in text, query
        assert DRAFT_PURPOSE not in text and DRAFT_NATURE not in text, query


def test_the_controller_sees_the_last_version_sent_to_it(client, user_a, admin_user, amended):
    """Version 2 sent, then amended again: version 3 is a draft, version 2 (superseded) was the
    last sent, so that is the one the controller reads (its purpose was a draft's once, sent since)."""
    services.send_for_signature(version=amended.latest, acting_user=admin_user)
    _amend(amended, admin_user, "Derde versie, nog concept")
    assert list(amended.versions.order_by("number").values_list("status", flat=True)) == [
        VersionStatus.SUPERSEDED, VersionStatus.SUPERSEDED, VersionStatus.DRAFT]
    [item] = json.loads(Api(client).get("/ropa", as_=user_a).content)["items"]
    assert [p["dct:description"] for p in item["dpv:hasPurpose"]] == [DRAFT_PURPOSE]


def test_a_signed_version_stays_what_the_controller_sees_while_a_draft_exists(
        client, user_a, admin_user, controller_a, make_agreement):
    agreement = make_agreement(controller_a, state="signed",
                               terms={"processing": {"purposes": [SENT_PURPOSE]}})
    _amend(agreement, admin_user, DRAFT_PURPOSE)
    [item] = json.loads(Api(client).get("/ropa", as_=user_a).content)["items"]
    assert [p["dct:description"] for p in item["dpv:hasPurpose"]] == [SENT_PURPOSE]


def test_an_agreement_with_only_a_draft_is_not_in_the_controller_s_extract(
        client, user_a, controller_a, make_agreement):
    make_agreement(controller_a, terms={"processing": {"purposes": [DRAFT_PURPOSE]}})
    page = json.loads(Api(client).get("/ropa", as_=user_a).content)
    assert (page["count"], page["items"]) == (0, [])


def test_the_processor_s_record_still_shows_the_newest_version_the_draft(
        client, login, admin_user, staff_a, amended):
    """No version is signed: the processor's record reads the newest version, the draft, as
    before (its record states what it processes now, paperwork or not)."""
    for user in (admin_user, staff_a):
        response = login(client, user).get(reverse("records:ropa_download", args=["csv"]))
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert [(r["Version"], r["Purposes"]) for r in rows] == [("2", DRAFT_PURPOSE)]
