"""The one way a file goes out as a download.

A file name may hold quotes, non-ASCII letters or a backslash (an agreement's reference, an
uploaded mail's name). Django's ``content_disposition_header`` escapes quotes and backslashes
and writes a non-ASCII name as RFC 6266's ``filename*=utf-8''...``, so no header is ever
hand-built.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath
from typing import overload

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify


@overload
def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse: ...


@overload
def attachment(content: Iterator[bytes] | Iterator[str], content_type: str,
               filename: str) -> StreamingHttpResponse: ...


def attachment(content: bytes | str | Iterator[bytes] | Iterator[str], content_type: str,
               filename: str) -> HttpResponse | StreamingHttpResponse:
    """``content`` as a download named ``filename``; an iterator of chunks is streamed.

    >>> attachment(b"%PDF", "application/pdf", 'Café "A".pdf')["Content-Disposition"]
    "attachment; filename*=utf-8''Caf%C3%A9%20%22A%22.pdf"
    """
    response: HttpResponse | StreamingHttpResponse
    if isinstance(content, str | bytes):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def stored_file(field: FieldFile | None, *, filename: str = "",
                content_type: str = "application/octet-stream",
                stream: bool = True) -> HttpResponse | FileResponse:
    """A stored file (a FileField's value) as a download under ``filename`` or its own name;
    404 when nothing is stored. ``stream=False`` sends it whole (a page's small evidence file)."""
    if not field:
        raise Http404
    if not stream:
        with field.open("rb") as fh:
            return attachment(fh.read(), content_type, filename or (field.name or "").rsplit("/", 1)[-1])
    return FileResponse(field.open("rb"), as_attachment=True, content_type=content_type,
                        filename=filename or (field.name or "").rsplit("/", 1)[-1])


def dated(stem: str, ext: str) -> str:
    """A download name with today's (local) date: ``dated("breach-register", "csv")`` gives
    ``breach-register-2026-03-01.csv``."""
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{ext}"


def named_after(prefix: str, document_name: str, ext: str) -> str:
    """A download named after a document a person gave it:

    >>> named_after("review", "Plausible DPA (2024).docx", "pdf")
    'review-plausible-dpa-2024.pdf'
    """
    stem = slugify(PurePath(document_name).stem) or "document"
    return f"{prefix}-{stem}.{ext}"
