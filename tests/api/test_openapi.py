"""The OpenAPI document loads, is well-formed and lists every route; the docs page renders."""

from __future__ import annotations

from django.urls import get_resolver

EXPECTED = {
    ("get", "/api/v1/controllers"), ("post", "/api/v1/controllers"),
    ("get", "/api/v1/controllers/{code}"), ("patch", "/api/v1/controllers/{code}"),
    ("get", "/api/v1/controllers/{code}/contacts"), ("post", "/api/v1/controllers/{code}/contacts"),
    ("patch", "/api/v1/controllers/{code}/contacts/{contact_code}"),
    ("delete", "/api/v1/controllers/{code}/contacts/{contact_code}"),
    ("get", "/api/v1/agreements"), ("post", "/api/v1/agreements"),
    ("get", "/api/v1/agreements/{code}"), ("patch", "/api/v1/agreements/{code}/terms"),
    ("get", "/api/v1/agreements/{code}/versions"),
    ("get", "/api/v1/agreements/{code}/versions/{number}"),
    ("get", "/api/v1/agreements/{code}/versions/{number}/document"),
    ("get", "/api/v1/agreements/{code}/versions/{number}/signed"),
    ("post", "/api/v1/agreements/{code}/versions/{number}/send"),
    ("post", "/api/v1/agreements/{code}/versions/{number}/accept"),
    ("post", "/api/v1/agreements/{code}/versions/{number}/countersign"),
    ("get", "/api/v1/tokens"), ("post", "/api/v1/tokens"), ("delete", "/api/v1/tokens/{code}"),
}


def _operations(schema: dict) -> set[tuple[str, str]]:
    return {(method, path) for path, ops in schema["paths"].items() for method in ops}


def test_it_serves_an_openapi_document_listing_every_route(client, db):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    schema = r.json()
    assert schema["openapi"].startswith("3.")
    assert EXPECTED <= _operations(schema)  # other domains add their own routes


def test_it_documents_bearer_auth_on_every_operation(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert op.get("security") == [{"TokenAuth": []}], (method, path)


def test_it_resolves_every_schema_reference(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    refs = set()

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.add(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    names = set(schema["components"]["schemas"])
    assert {r.rsplit("/", 1)[1] for r in refs} <= names


def test_it_uses_no_integer_ids_in_paths(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path, ops in schema["paths"].items():
        for op in ops.values():
            for param in op.get("parameters", []):
                if param["in"] == "path" and param["name"] == "code":
                    assert param["schema"].get("format") == "uuid", path


def test_it_renders_the_docs_page(client, db):
    assert client.get("/api/v1/docs").status_code == 200
    assert get_resolver().resolve("/api/v1/openapi.json")
