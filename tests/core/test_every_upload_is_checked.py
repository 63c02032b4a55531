"""Every upload goes through the one upload check: a new file field or API file parameter that
skips it fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import art28

SRC = Path(art28.__file__).parent


def _calls(node: ast.AST) -> set[str]:
    names = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Call):
            f = n.func
            names.add(f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", ""))
    return names


def test_every_api_route_that_takes_a_file_runs_the_upload_check():
    routes = []
    for path in (SRC / "api" / "routers").rglob("*.py"):
        for fn in ast.walk(ast.parse(path.read_text())):
            if isinstance(fn, ast.FunctionDef) and any(
                    a.annotation is not None and "File[" in ast.unparse(a.annotation) for a in fn.args.args):
                routes.append(fn.name)
                assert "refusal" in _calls(fn), f"{path.name}:{fn.name} takes a file without uploads.refusal"
    assert len(routes) >= 6


def _file_fields(cls: ast.ClassDef) -> list[str]:
    fields = []
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            if ast.unparse(stmt.value.func).endswith("FileField"):
                fields += [t.id for t in stmt.targets if isinstance(t, ast.Name)]
    return fields


def test_every_form_file_field_runs_the_upload_check():
    # The request and termination views read their files through one helper, which runs the
    # check itself; every other form checks its file field in its clean method.
    helper = ast.parse((SRC / "core" / "uploads.py").read_text())
    [upload] = [f for f in ast.walk(helper) if isinstance(f, ast.FunctionDef) and f.name == "posted_file"]
    assert "check_file" in _calls(upload)
    through_helper = {
        SRC / "requests" / "forms.py": list((SRC / "requests" / "views").glob("*.py")),
        SRC / "agreements" / "termination_forms.py": [SRC / "agreements" / "views" / "termination.py"],
    }
    checked = 0
    for path in [*SRC.rglob("forms.py"), *SRC.rglob("*_forms.py")]:
        views = "".join(p.read_text() for p in through_helper.get(path, []))
        for cls in ast.walk(ast.parse(path.read_text())):
            if not isinstance(cls, ast.ClassDef):
                continue
            cleaners = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
            for field in _file_fields(cls):
                checked += 1
                if path in through_helper:
                    assert f'posted_file(request, "{field}")' in views, (cls.name, field)
                else:
                    clean = cleaners.get(f"clean_{field}")
                    assert clean is not None and "check_file" in _calls(clean), (path, cls.name, field)
    assert checked >= 9
