"""Files in the API: multipart uploads checked against one size limit, and stored files sent back.

A file over ``ART28_MAX_UPLOAD_MB`` gives 413, an empty one 422, both in the API's error
shape ``{"detail": [{"type", "loc", "msg"}]}`` with ``type`` ``too_large`` or ``empty``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from ninja import Schema, Status
from ninja.files import UploadedFile


class ErrorItem(Schema):
    type: str
    loc: list[str]
    msg: str


class UploadError(Schema):
    detail: list[ErrorItem]


#: The extra ``response=`` entries of a route that takes a file.
UPLOAD_ERRORS: dict[int, Any] = {413: UploadError, 422: UploadError}


def max_upload_bytes() -> int:
    return settings.ART28_MAX_UPLOAD_MB * 1024 * 1024


def refusal(file: UploadedFile, *, field: str, allow_empty: bool = False) -> Status[dict[str, Any]] | None:
    """The 413/422 answer for a file that is too large (or empty), or None when it may go on.

    ``allow_empty`` leaves an empty file to the service (the analyzer has its own reason for it).
    """
    if file.size is not None and file.size > max_upload_bytes():
        msg = _("The file is larger than %(mb)s MB.") % {"mb": settings.ART28_MAX_UPLOAD_MB}
        return Status(413, {"detail": [{"type": "too_large", "loc": [field], "msg": msg}]})
    if not allow_empty and not file.size:
        return Status(422, {"detail": [{"type": "empty", "loc": [field], "msg": _("The file is empty.")}]})
    return None


def received(file: UploadedFile) -> tuple[str, bytes]:
    """``(name, content)``, the form the services take files in."""
    return file.name or "upload", file.read()


def download(field: FieldFile | None, *, filename: str = "",
             content_type: str = "application/octet-stream") -> FileResponse:
    """A stored file as an attachment; 404 when nothing is stored."""
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, content_type=content_type,
                        filename=filename or field.name.rsplit("/", 1)[-1])


def download_doc(description: str, content_type: str = "application/octet-stream") -> dict[str, Any]:
    """``openapi_extra`` for a route that answers with a file instead of JSON."""
    return {"responses": {200: {"description": description, "content": {content_type: {}}}}}
