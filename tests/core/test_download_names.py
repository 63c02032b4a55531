"""Every download has a name a person recognises: the agreement's reference and version, the
reviewed document's name, what the file is and the day it was made — never a UUID."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse

from art28.documents import render_pdf
from art28.reviews import services as reviews
from art28.terms.demo import CLIENTS, demo_terms
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
TODAY = "2026-03-02"


def _name(response) -> str:
    assert response.status_code == 200, response.status_code
    header = response["Content-Disposition"]
    assert header.startswith("attachment;") and not UUID.search(header)
    return re.search(r'filename="([^"]+)"', header)[1]


@pytest.fixture
def signed(make_agreement, controller_a):
    return make_agreement(controller_a, state="signed")


@time_machine.travel("2026-03-02 10:00 +0100", tick=False)
def test_it_names_the_console_downloads(client, login, staff_a, signed):
    version = signed.versions.get(number=1)
    ref = signed.reference
    login(client, staff_a)
    get = lambda name, *args: client.get(reverse(name, args=args))  # noqa: E731
    assert _name(get("agreements:version_pdf", version.code)) == f"{ref}-v1.pdf"
    assert _name(get("agreements:version_docx", version.code)) == f"{ref}-v1.docx"
    assert _name(get("agreements:version_signed_pdf", version.code)) == f"{ref}-v1-signed.pdf"
    assert _name(get("breaches:register_csv")) == f"breach-register-{TODAY}.csv"
    assert _name(get("breaches:register_pdf")) == f"breach-register-{TODAY}.pdf"
    assert _name(get("records:ropa_download", "xlsx")) == f"art30-record-{TODAY}.xlsx"
    assert _name(get("records:ropa_download", "jsonld")) == f"art30-record-{TODAY}.jsonld"
    document = render_pdf(demo_terms(CLIENTS[0]), reference="DPA-2019-0007")
    review = reviews.review_document(processor=staff_a.membership.processor, data=document,
                                     filename="Plausible DPA (2024).pdf", acting_user=staff_a)
    assert _name(get("reviews:review_pdf", review.code)) == "review-plausible-dpa-2024.pdf"


@time_machine.travel("2026-03-02 10:00 +0100", tick=False)
def test_it_names_the_portal_downloads(client, login, user_a, signed):
    version = signed.versions.get(number=1)
    login(client, user_a)
    get = lambda name, *args: client.get(reverse(name, args=args))  # noqa: E731
    assert _name(get("agreements:portal_version_pdf", version.code)) == f"{signed.reference}-v1.pdf"
    assert _name(get("agreements:portal_signed_pdf", version.code)) == f"{signed.reference}-v1-signed.pdf"
    assert _name(get("breaches:portal_register_csv")) == f"breach-register-{TODAY}.csv"
    assert _name(get("records:portal_ropa", "csv")) == f"art30-extract-{TODAY}.csv"
    assert _name(get("subprocessors:portal_download", signed.code, "pdf")) == \
        f"subprocessors-{signed.reference}.pdf"


@time_machine.travel("2026-03-02 10:00 +0100", tick=False)
def test_it_names_the_api_downloads(client, staff_a, user_a, signed):
    api = Api(client)
    base = f"/agreements/{signed.code}/versions/1"
    assert _name(api.get(base + "/document?format=pdf", as_=staff_a)) == f"{signed.reference}-v1.pdf"
    assert _name(api.get(base + "/document?format=docx", as_=staff_a)) == f"{signed.reference}-v1.docx"
    assert _name(api.get(base + "/signed", as_=staff_a)) == f"{signed.reference}-v1-signed.pdf"
    assert _name(api.get("/breaches/register.csv", as_=staff_a)) == f"breach-register-{TODAY}.csv"
    assert _name(api.get("/ropa?format=xlsx", as_=staff_a)) == f"art30-record-{TODAY}.xlsx"
    assert _name(api.get("/ropa?format=csv", as_=user_a)) == f"art30-extract-{TODAY}.csv"
