"""Routers stay small enough to read: one module per domain or use case (a package when a domain
has several), and their request and response bodies in ``api/schemas/<domain>.py``."""

from __future__ import annotations

import ast
from pathlib import Path

import art28

ROUTERS = Path(art28.__file__).parent / "api" / "routers"
MAX_LINES = 400


def test_it_keeps_every_router_module_under_400_lines():
    long = {p.relative_to(ROUTERS).as_posix(): n for p in ROUTERS.rglob("*.py")
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_it_defines_no_schema_in_a_router_module():
    classes = [f"{p.relative_to(ROUTERS).as_posix()}:{node.name}" for p in ROUTERS.rglob("*.py")
               for node in ast.walk(ast.parse(p.read_text())) if isinstance(node, ast.ClassDef)]
    assert classes == []
