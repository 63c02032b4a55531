"""The one upload check: size from the setting, type by extension and by content."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from art28.core.uploads import AGREEMENT, ANALYSIS, CSV_IMPORT, EVIDENCE, PLAYBOOK, check_upload

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n"
DOCX = b"PK\x03\x04" + b"\x00" * 30
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


def code_of(name: str, data: bytes, accept, **kw) -> str | None:
    try:
        check_upload(name, len(data), data, accept, **kw)
    except ValidationError as exc:
        assert exc.messages[0]
        return exc.code
    return None


@pytest.mark.parametrize(("name", "data", "accept"), [
    ("dpa.pdf", PDF, AGREEMENT), ("dpa.DOCX", DOCX, AGREEMENT), ("dpa.txt", b"We notify.", ANALYSIS),
    ("dpa.html", HTML, ANALYSIS), ("klanten.csv", "Café;NL\n".encode("latin-1"), CSV_IMPORT),
    ("pb.json", b'{"breach_max_hours": 48}', PLAYBOOK),
    ("mail.eml", b"From: a@b.example\r\n\r\nHi", EVIDENCE),
    ("export.csv", b"id,name\n1,P\n", EVIDENCE), ("scan.png", b"\x89PNG\r\n\x1a\n....", EVIDENCE),
])
def test_it_takes_what_each_upload_accepts(name, data, accept):
    assert code_of(name, data, accept) is None


@pytest.mark.parametrize(("name", "data", "accept", "code"), [
    ("page.html", HTML, AGREEMENT, "type"),
    ("logo.svg", SVG, AGREEMENT, "type"),
    ("logo.svg", SVG, EVIDENCE, "type"),
    ("dpa", PDF, AGREEMENT, "type"),
    ("dpa.pdf", HTML, AGREEMENT, "content"),  # HTML named .pdf
    ("dpa.docx", PDF, AGREEMENT, "content"),
    ("notes.txt", SVG, EVIDENCE, "content"),  # SVG named .txt
    ("export.csv", HTML, EVIDENCE, "content"),
    ("mail.eml", HTML, EVIDENCE, "content"),
    ("data.json", b"\x00\x01binary", EVIDENCE, "content"),
    ("klanten.csv", b"<script>alert(1)</script>", CSV_IMPORT, "content"),
    ("empty.pdf", b"", AGREEMENT, "empty"),
])
def test_it_refuses_the_wrong_type_by_name_and_by_content(name, data, accept, code):
    assert code_of(name, data, accept) == code


def test_it_refuses_a_file_over_the_setting(settings):
    settings.ART28_MAX_UPLOAD_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    try:
        check_upload("dpa.pdf", len(big), big[:100], AGREEMENT)
    except ValidationError as exc:
        assert exc.code == "too_large" and "1 MB" in exc.messages[0]
    else:
        pytest.fail("a file over ART28_MAX_UPLOAD_MB was taken")
    settings.ART28_MAX_UPLOAD_MB = 2
    assert code_of("dpa.pdf", big, AGREEMENT) is None


def test_a_playbook_keeps_its_own_smaller_limit():
    assert code_of("pb.json", b"{}" + b" " * (64 * 1024), PLAYBOOK) == "too_large"


def test_it_speaks_dutch(settings):
    from django.utils import translation

    with translation.override("nl"):
        try:
            check_upload("page.html", len(HTML), HTML, AGREEMENT)
        except ValidationError as exc:
            assert "niet" in exc.messages[0] and ".pdf" in exc.messages[0]
