"""One error shape for the whole API, the same as ninja's own 422:

``{"detail": [{"type": ..., "loc": [...], "msg": ...}]}`` for bad input (422), and
``{"detail": "..."}`` for 401, 403 and 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationErrorContext
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from art28.core.validation import pydantic_message


class NotAnObject(ValueError):
    """A JSON body that is valid JSON but no object (a bare number, list, string or null)."""


class ObjectParser(Parser):
    """Every JSON body of this API is an object. Without this check a body of ``5`` passes a
    schema whose fields are all optional (a PATCH) and the request succeeds doing nothing."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise NotAnObject
        return data


def validation_details(exc: ValidationError) -> list[dict[str, Any]]:
    """Django's ValidationError as ninja-style items.

    ``loc`` is the field path (``["kvk"]``, ``["breach", "notice_hours"]``), or ``[]``
    when the error is about the request as a whole (e.g. a version that cannot be accepted).
    """
    if not hasattr(exc, "error_dict"):
        return [_item([], msg) for msg in exc.messages]
    return [_item([] if field == "__all__" else field.split("."), msg)
            for field, messages in exc.message_dict.items() for msg in messages]


def _item(loc: list[str], msg: str) -> dict[str, Any]:
    return {"type": "value_error", "loc": loc, "msg": msg}


ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"anyOf": [
        {"type": "string"},
        {"type": "array", "items": {"type": "object", "properties": {
            "type": {"type": "string"}, "loc": {"type": "array"}, "msg": {"type": "string"}}}},
    ]}},
    "required": ["detail"],
}
_MEANING = {
    400: "The body is not JSON.",
    401: "No valid token.",
    403: "Seen, but not yours to change (read-only, or the other side's action).",
    404: "No such object, or not visible to you.",
    413: "The file is larger than ART28_MAX_UPLOAD_MB.",
    422: "Invalid input; each item names the field.",
}


class DocumentedApi(NinjaAPI):
    """The OpenAPI document lists the error answers each operation can give, not only 2xx;
    a body that does not fit its schema is answered in the user's language."""

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> NinjaValidationError:
        # ninja's own loop, with each message said through pydantic_message.
        errors: list[dict[str, Any]] = []
        for context in error_contexts:
            flat = context.model.__ninja_flatten_map_reverse__
            for item in context.pydantic_validation_error.errors(include_url=False):
                error: dict[str, Any] = dict(item)
                error["msg"] = pydantic_message(error)
                error["loc"] = (context.model.__ninja_param_source__,
                                ) + flat.get(error["loc"], error["loc"])
                error.pop("input", None)
                if isinstance((error.get("ctx") or {}).get("error"), Exception):
                    error["ctx"] = {**error["ctx"], "error": str(error["ctx"]["error"])}
                errors.append(error)
        return NinjaValidationError(errors)

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> Any:
        """The document, built once per process for each path prefix: generating it walks every
        operation's schemas (a quarter of a second of CPU), and it changes only with the code.
        It does not depend on the request's language. Callers read it, never change it."""
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        cache: dict[str, Any] = self.__dict__.setdefault("_openapi_documents", {})
        if path_prefix not in cache:
            schema = super().get_openapi_schema(path_prefix=path_prefix)
            schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
            for operations in schema["paths"].values():
                for operation in operations.values():
                    _declare_errors(operation)
            cache[path_prefix] = schema
        return cache[path_prefix]


def _declare_errors(operation: dict[str, Any]) -> None:
    body = operation.get("requestBody", {}).get("content", {})
    # 404 too where the path has no code: a body names objects, and staff-only lists
    # answer 404 to a controller's users.
    codes = {401, 403, 404}
    if operation.get("parameters") or body:
        codes.add(422)
    if "application/json" in body:
        codes.add(400)
    if "multipart/form-data" in body:
        codes.add(413)
    responses = operation.setdefault("responses", {})
    for code in sorted(codes):
        if code not in responses and str(code) not in responses:
            responses[code] = {"description": _MEANING[code], "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Error"}}}}


def install(api: NinjaAPI) -> None:
    """Map the exceptions that services and access helpers raise onto JSON responses."""

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": validation_details(exc)}, status=422)

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja turns any failure of the parser into "400 Cannot parse request body".
        if isinstance(exc.__cause__, NotAnObject):
            item = _item(["body"], _("The request body must be a JSON object ({...})."))
            return api.create_response(request, {"detail": [item]}, status=422)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(PermissionDenied)
    def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, {"detail": "Forbidden"}, status=403)
