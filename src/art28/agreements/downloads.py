"""The files of an agreement version, as the web console, the portal and the API serve them.

One place decides which bytes a download is: the frozen PDF once a version was sent (the
file whose hash was accepted), the sealed PDF with its evidence page once signed, a fresh
rendering otherwise, and for an imported agreement always the original file as signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.db.models.fields.files import FieldFile

from art28.agreements import services
from art28.agreements.models import AgreementVersion

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES = {".pdf": PDF, ".docx": DOCX}


@dataclass(frozen=True)
class Download:
    data: bytes
    content_type: str
    filename: str


def _name(version: AgreementVersion, suffix: str) -> str:
    return f"{version.agreement.reference}-v{version.number}{suffix}"


def _read(field: FieldFile) -> bytes:
    with field.open("rb") as fh:
        return fh.read()


def _original(version: AgreementVersion) -> Download:
    suffix = PurePath(version.original_filename).suffix.lower() or ".pdf"
    return Download(_read(version.document), TYPES.get(suffix, "application/octet-stream"),
                    _name(version, f"-original{suffix}"))


def document(version: AgreementVersion, fmt: str = "pdf") -> Download:
    """The agreement as PDF (frozen once sent) or DOCX (with evidence once signed)."""
    if version.is_imported:
        return _original(version)
    if fmt == "docx":
        evidence = services.evidence_entries(version) if version.signed_document else None
        return Download(services.render_version_docx(version, evidence=evidence), DOCX,
                        _name(version, ".docx"))
    data = _read(version.document) if version.document else services.render_version_pdf(version)
    return Download(data, PDF, _name(version, ".pdf"))


def signed(version: AgreementVersion) -> Download | None:
    """The signed file: the sealed PDF with its evidence page (the original for imports)."""
    if not version.signed_document:
        return None
    if version.is_imported:
        return _original(version)
    return Download(_read(version.signed_document), PDF, _name(version, "-signed.pdf"))
