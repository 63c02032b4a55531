"""A ninja router whose operation ids do not follow its routes from module to module."""

from __future__ import annotations

from typing import Any

import ninja

# The module that held the routes of requests, measures, termination and the record.
REQUESTS_IDS = "art28.api.routers.requests"


class Router(ninja.Router):
    """ninja names an operation ``<module>_<function>``; clients generated from the OpenAPI
    document call it by that name. The routes once in ``api/routers/requests.py`` live in
    several modules now and keep the ids they had: ``ids_from=REQUESTS_IDS`` gives
    ``art28_api_routers_requests_<function>``. ``tests/api/test_openapi_snapshot.py`` holds
    every id."""

    def __init__(self, *, ids_from: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ids_from = ids_from

    def add_api_operation(self, path: str, methods: list[str], view_func: Any, *,
                          operation_id: str | None = None, **kwargs: Any) -> None:
        operation_id = operation_id or f"{self.ids_from}_{view_func.__name__}".replace(".", "_")
        super().add_api_operation(path, methods, view_func, operation_id=operation_id, **kwargs)
