"""The OpenAPI document is a contract: moving code around must not change it.

``openapi_snapshot.json`` is the document as served at ``/api/v1/openapi.json``. Every path,
method, operation id, tag and schema name is pinned, and the whole document is compared too,
so a route that moves to another module (ninja names operations after their module) or a
schema that is renamed shows up here first.

A deliberate change of the API refreshes the snapshot::

    ART28_WRITE_OPENAPI_SNAPSHOT=1 .venv/bin/python -m pytest -q tests/api/test_openapi_snapshot.py

then review ``git diff tests/api/openapi_snapshot.json`` and commit it with the change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).with_name("openapi_snapshot.json")


def _served(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(schema: dict) -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    return {(method, path): (op["operationId"], tuple(op.get("tags", ())))
            for path, ops in schema["paths"].items() for method, op in ops.items()}


@pytest.fixture
def served(client, db) -> dict:
    schema = _served(client)
    if os.environ.get("ART28_WRITE_OPENAPI_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return schema


@pytest.fixture
def snapshot() -> dict:
    return json.loads(SNAPSHOT.read_text())


def test_it_keeps_every_path_method_operation_id_and_tag(served, snapshot):
    got, want = _operations(served), _operations(snapshot)
    assert sorted(set(want) - set(got)) == [], "operations gone"
    assert sorted(set(got) - set(want)) == [], "operations not in the snapshot"
    changed = {key: (want[key], got[key]) for key in want if want[key] != got[key]}
    assert changed == {}, "operation id or tags changed: (was, now)"


def test_it_keeps_every_schema_name(served, snapshot):
    assert sorted(served["components"]["schemas"]) == sorted(snapshot["components"]["schemas"])


def test_it_serves_the_document_of_the_snapshot(served, snapshot):
    differ = sorted(path for path, ops in snapshot["paths"].items() if served["paths"].get(path) != ops)
    assert differ == [], "these paths are documented differently"
    differ = sorted(name for name, schema in snapshot["components"]["schemas"].items()
                    if served["components"]["schemas"].get(name) != schema)
    assert differ == [], "these schemas changed"
    assert served == snapshot


def test_the_document_is_built_once_per_process(client, db):
    from art28.api.v1 import api

    assert api.get_openapi_schema() is api.get_openapi_schema()
    assert _served(client) == _served(client)
