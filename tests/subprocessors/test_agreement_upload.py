"""The sub-processor's agreement file (new and edit) passes the one upload check: nothing is
saved when it is too large or not a PDF or DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from art28.ledger.models import Event
from art28.subprocessors.models import Subprocessor

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
FORM = {"name": "Mail Noord B.V.", "country": "nl", "service": "Mail", "transfer_mechanism": "none",
        "scope_all": "on", "locations": "NL"}
BAD = {
    "html": ("agreement.html", b"<html><body><script>alert(1)</script></body></html>"),
    "svg": ("agreement.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    "html_named_pdf": ("agreement.pdf", b"<html><script>alert(1)</script></html>"),
}


def _files(settings) -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _state(settings):
    return (list(Subprocessor.objects.values_list("name", "agreement_sha256")), Event.objects.count(),
            _files(settings))


def _post(client, url, name, content):
    return client.post(url, {**FORM, "agreement_file": SimpleUploadedFile(name, content)})


@pytest.fixture
def existing(make_subprocessor):
    return make_subprocessor("Rekenhal Amsterdam B.V.")


@pytest.fixture(params=["new", "edit"])
def url(request, existing):
    return "/subprocessors/new/" if request.param == "new" else f"/subprocessors/{existing.code}/edit/"


@pytest.mark.parametrize("bad", list(BAD))
def test_it_refuses_a_file_of_the_wrong_type_and_saves_nothing(client, login, admin_user, url, bad, settings):
    login(client, admin_user)
    before = _state(settings)
    response = _post(client, url, *BAD[bad])
    assert response.status_code == 400
    assert "not" in " ".join(response.context["form"].errors["agreement_file"])
    assert _state(settings) == before


def test_it_refuses_a_file_over_the_upload_limit_and_saves_nothing(client, login, admin_user, url, settings):
    settings.ART28_MAX_UPLOAD_MB = 1
    login(client, admin_user)
    before = _state(settings)
    response = _post(client, url, "agreement.pdf", PDF + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "1 MB" in response.context["form"].errors["agreement_file"][0]
    assert _state(settings) == before


def test_it_takes_a_pdf(client, login, admin_user, url, settings):
    login(client, admin_user)
    response = _post(client, url, "agreement.pdf", PDF)
    assert response.status_code == 302
    sp = Subprocessor.objects.get(name="Mail Noord B.V.")
    with sp.agreement_file.open("rb") as fh:
        assert fh.read() == PDF
