"""The one check every uploaded file passes, in the web forms and in the API alike.

A file is refused, before anything is stored, when it is empty, when it is larger than
``ART28_MAX_UPLOAD_MB``, when its extension is not one the upload accepts, or when its
content is not what its extension claims (a ``.pdf`` that is HTML, a ``.txt`` that is an
SVG). The refusal is a ``ValidationError`` with a translated message and a code
(``empty``, ``too_large``, ``type``, ``content``) the API turns into 422 or 413.

Django only; no art28 app imports: ``core`` sits below every app.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SNIFF_BYTES = 64 * 1024

# Markup a browser would render or run if the file were ever shown inline.
_ACTIVE_MARKUP = re.compile(rb"(?i)<\s*(!doctype\s+html|html|svg|script|iframe|body|object|embed)\b")


def _pdf(head: bytes) -> bool:  # as the analyzer reads it: the marker may follow some junk
    return head.startswith(b"%PDF") or b"%PDF-" in head[:1024]


def _zip(head: bytes) -> bool:  # docx, xlsx, odt, ods, zip
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))


def _ole(head: bytes) -> bool:  # Outlook .msg
    return head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def _png(head: bytes) -> bool:
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _jpeg(head: bytes) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def _text(head: bytes) -> bool:
    """Plain text in any common encoding, and no markup a browser would act on."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM: decode before looking
        try:
            head = head.decode("utf-16", errors="ignore").encode("utf-8")
        except UnicodeError:
            return False
    return b"\x00" not in head and not _ACTIVE_MARKUP.search(head)


def _mail(head: bytes) -> bool:
    """An RFC 5322 message: header lines first (its HTML part is only ever downloaded)."""
    return b"\x00" not in head and re.match(rb"(?:[!-9;-~]+:[^\r\n]*\r?\n)+", head) is not None


def _html(head: bytes) -> bool:
    """An HTML document for the analyzer to read (never served back inline)."""
    return b"\x00" not in head


#: extension → how its content is recognised.
SNIFFERS: dict[str, Callable[[bytes], bool]] = {
    "pdf": _pdf, "docx": _zip, "xlsx": _zip, "odt": _zip, "ods": _zip, "zip": _zip,
    "msg": _ole, "png": _png, "jpg": _jpeg, "jpeg": _jpeg, "eml": _mail,
    "txt": _text, "md": _text, "markdown": _text, "csv": _text, "json": _text, "xml": _text,
    "html": _html, "htm": _html,
}


@dataclass(frozen=True)
class Accept:
    """What one upload takes: file extensions (without the dot), optionally a smaller size limit."""

    extensions: tuple[str, ...]
    max_bytes: int | None = None

    def __post_init__(self) -> None:
        unknown = set(self.extensions) - set(SNIFFERS)
        if unknown:
            raise ValueError(f"no content check for {sorted(unknown)}")


AGREEMENT = Accept(("pdf", "docx"))
PDF = Accept(("pdf",))
ANALYSIS = Accept(("pdf", "docx", "txt", "md", "markdown", "html", "htm"))
CSV_IMPORT = Accept(("csv", "txt"))
PLAYBOOK = Accept(("json",), max_bytes=64 * 1024)
EVIDENCE = Accept(("pdf", "docx", "xlsx", "odt", "ods", "txt", "csv", "json", "xml", "eml", "msg",
                   "png", "jpg", "jpeg", "zip"))


def max_upload_bytes() -> int:
    return settings.ART28_MAX_UPLOAD_MB * 1024 * 1024


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB.") % {"mb": settings.ART28_MAX_UPLOAD_MB}


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def check_upload(name: str, size: int, head: bytes, accept: Accept, *, allow_empty: bool = False) -> None:
    """Raise a ValidationError (code ``empty``, ``too_large``, ``type`` or ``content``) unless
    a file called ``name`` of ``size`` bytes starting with ``head`` may be taken."""
    if accept.max_bytes is not None and size > accept.max_bytes:
        raise _refuse(_("The file is larger than %(kb)s kB.") % {"kb": accept.max_bytes // 1024}, "too_large")
    if size > max_upload_bytes():
        raise _refuse(too_large_message(), "too_large")
    if not size and not allow_empty:
        raise _refuse(_("The file is empty."), "empty")
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    if extension not in accept.extensions:
        raise _refuse(_("This type of file is not accepted here. Accepted: %(types)s.")
                      % {"types": ", ".join(f".{e}" for e in accept.extensions)}, "type")
    if size and not SNIFFERS[extension](head[:SNIFF_BYTES]):
        raise _refuse(_("The content of the file is not what its name (.%(ext)s) says.") % {"ext": extension},
                      "content")


def check_file(file: Any, accept: Accept, *, allow_empty: bool = False) -> None:
    """``check_upload`` for an uploaded file object (Django's or django-ninja's); leaves it
    positioned at its start."""
    head = _head(file)
    size = file.size if file.size is not None else len(head)
    check_upload(file.name or "", size, head, accept, allow_empty=allow_empty)


def _head(file: IO[bytes]) -> bytes:
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    return head


def posted_file(request: Any, name: str, accept: Accept | None = None) -> tuple[str, bytes] | None:
    """The file posted as ``name`` as ``(name, content)``, the form services take files in, once it
    passed ``check_file`` (``EVIDENCE`` unless ``accept`` is given); a ValidationError under
    ``name`` otherwise; None when nothing was posted."""
    f = request.FILES.get(name)
    if not f:
        return None
    try:
        check_file(f, accept or EVIDENCE)
    except ValidationError as exc:
        raise ValidationError({name: exc}) from None
    return f.name, f.read()
