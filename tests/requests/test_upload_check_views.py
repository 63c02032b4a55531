"""Every file upload of the console (instruction mail, task evidence, audit reports, returned
files) passes the one upload check: too large or the wrong type is refused and nothing is saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.requests.conftest import counts

pytestmark = pytest.mark.django_db

HTML = b"<html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'

# view name, world key, form fields, the file's field
UPLOADS = [
    ("instruction_record", "agreement", {"text": "Stop newsletters", "author_name": "Sanne",
                                         "given_at": "2026-01-05T10:00"}, "mail"),
    ("task_done", "task", {"evidence": "Found 3"}, "evidence_file"),
    ("audit_alternative", "audit", {"alternative": "ISO 27001 certificate"}, "report"),
    ("audit_complete", "audit", {"noncompliance_found": "on"}, "report"),
    ("agreements:termination_file", "termination", {}, "file"),
]


def _files(settings) -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _refused(client, world, view, key, fields, field, name, content, settings) -> str:
    before, files = counts(), _files(settings)
    url = reverse(view if ":" in view else f"requests:{view}", args=[world[key].code])
    response = client.post(url, {**fields, field: SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert counts() == before and _files(settings) == files
    return " ".join(response.context["errors"])


@pytest.mark.parametrize(("view", "key", "fields", "field"), UPLOADS)
@pytest.mark.parametrize(("name", "content"), [("page.html", HTML), ("logo.svg", SVG), ("notes.txt", SVG)])
def test_it_refuses_the_wrong_type(world, client, login, staff_a, settings, view, key, fields, field,
                                   name, content):
    login(client, staff_a)
    errors = _refused(client, world, view, key, fields, field, name, content, settings)
    assert "not accepted" in errors or "not what its name" in errors


@pytest.mark.parametrize(("view", "key", "fields", "field"), UPLOADS)
def test_it_refuses_a_file_over_the_limit(world, client, login, staff_a, settings, view, key, fields, field):
    settings.ART28_MAX_UPLOAD_MB = 1
    login(client, staff_a)
    errors = _refused(client, world, view, key, fields, field, "big.pdf", b"%PDF-1.7\n" + b"0" * 1024 * 1024,
                      settings)
    assert "1 MB" in errors
