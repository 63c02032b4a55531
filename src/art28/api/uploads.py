"""Files in the API: multipart uploads through the one upload check, and stored files sent back.

The check is ``art28.core.uploads`` (the web forms use it too). A file over
``ART28_MAX_UPLOAD_MB`` gives 413; an empty file, a type the route does not take, or content
that is not what the name says gives 422; all in the API's error shape
``{"detail": [{"type", "loc", "msg"}]}`` with ``type`` ``too_large``, ``empty``, ``type`` or
``content``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from ninja import Schema, Status
from ninja.files import UploadedFile

from art28.core.downloads import stored_file
from art28.core.uploads import Accept, check_file


class ErrorItem(Schema):
    type: str
    loc: list[str]
    msg: str


class UploadError(Schema):
    detail: list[ErrorItem]


#: The extra ``response=`` entries of a route that takes a file.
UPLOAD_ERRORS: dict[int, Any] = {413: UploadError, 422: UploadError}


def refusal(file: UploadedFile, *, field: str, accept: Accept,
            allow_empty: bool = False) -> Status[dict[str, Any]] | None:
    """The 413/422 answer for a file the upload check refuses, or None when it may go on.

    ``allow_empty`` leaves an empty file to the service (the analyzer has its own reason for it).
    """
    try:
        check_file(file, accept, allow_empty=allow_empty)
    except ValidationError as exc:
        code = exc.code or "invalid"
        return Status(413 if code == "too_large" else 422,
                      {"detail": [{"type": code, "loc": [field], "msg": exc.messages[0]}]})
    return None


def received(file: UploadedFile) -> tuple[str, bytes]:
    """``(name, content)``, the form the services take files in."""
    return file.name or "upload", file.read()


def download(field: FieldFile | None, *, filename: str = "",
             content_type: str = "application/octet-stream") -> HttpResponse | FileResponse:
    """A stored file as an attachment, streamed; 404 when nothing is stored."""
    return stored_file(field, filename=filename, content_type=content_type)


def download_doc(description: str, *content_types: str) -> dict[str, Any]:
    """``openapi_extra`` for a route that answers with a file (of one of ``content_types``,
    default ``application/octet-stream``) instead of JSON."""
    types = content_types or ("application/octet-stream",)
    return {"responses": {200: {"description": description, "content": {t: {} for t in types}}}}
