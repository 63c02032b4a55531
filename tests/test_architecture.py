"""The layering rules of DESIGN.md and STYLE.md, checked over the source's syntax tree.

Three rules, each failing with ``file:line: rule: what was found``:

**views-query-through-access** — views (``views.py``, ``views/``), API routers
(``api/routers/``) and commands (``cli.py``, ``management/commands/``) build no ORM query
of their own. Every lookup and every narrowing of rows goes through a named helper in
the app's ``access.py`` (tenant isolation and need-to-know), a named QuerySet method
(``.active()``, ``.pending()``), or a service. Found by syntax, so precisely:

* a model manager: ``<anything>.objects`` (also ``_default_manager``, ``_base_manager``);
* ``get_object_or_404`` / ``get_list_or_404``;
* a call of a QuerySet method that selects rows or computes from them: ``filter``,
  ``exclude``, ``get`` with keyword arguments (``dict.get`` takes none), ``annotate``,
  ``aggregate``, ``alias``, ``values`` with arguments, ``values_list``, ``in_bulk``,
  ``raw``, ``extra``, ``union``, ``intersection``, ``difference``, ``select_for_update``,
  ``get_or_create``, ``update_or_create``, ``bulk_create``, ``bulk_update``.

Allowed in those modules, because they change neither which rows nor which values the
user sees: ordering and loading (``order_by``, ``select_related``, ``prefetch_related``,
``distinct``, ``only``, ``defer``), evaluation (iteration, slicing, ``count``, ``exists``,
``first``, pagination), and reading a relation of an object an access helper returned
(``controller.contacts.all()``). The syntax cannot tell a relation whose rows carry their
own need-to-know (an incident's affected agreements); that is the permission tests' job.
Route decorators (``@router.get("/x", response=...)``) are not calls on a QuerySet.

**services-below-views** — no services module (``services.py``, ``services/``) imports a
views module (``art28.<app>.views``, ``art28.<app>.views.<name>``, also as
``from art28.<app> import views``): services sit below the pages; what both need lives in
``art28.core`` or in the owning app below them.

**pure-packages-without-django** — ``terms``, ``documents`` and ``analyzer`` import no
Django, and no other art28 package (which would bring Django in): ``art28 check`` and the
renderer run without it.

A violation that would need a larger redesign goes in ``ALLOWED`` with its reason.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "art28"

QUERY_METHODS = frozenset({
    "filter", "exclude", "annotate", "aggregate", "alias", "values_list", "in_bulk", "raw",
    "extra", "union", "intersection", "difference", "select_for_update", "get_or_create",
    "update_or_create", "bulk_create", "bulk_update",
})
MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})
PURE = ("terms", "documents", "analyzer")

VIEWS_RULE = "views-query-through-access"
SERVICES_RULE = "services-below-views"
PURE_RULE = "pure-packages-without-django"

# (path under src/art28, enclosing function or class, rule) -> why it stays for now. Empty: every
# exception has been moved into an access helper. An entry that stops matching anything turns
# stale and test_it_lists_only_allowed_exceptions_that_still_exist says to remove it.
ALLOWED: dict[tuple[str, str, str], str] = {}


def _rel(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def _modules() -> Iterator[Path]:
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def is_view_layer(rel: str) -> bool:
    parts = rel.split("/")
    return (parts[-1] in ("views.py", "cli.py") or "views" in parts[:-1]
            or rel.startswith("api/routers/")
            or ("management" in parts[:-1] and "commands" in parts[:-1]))


def is_services(rel: str) -> bool:
    parts = rel.split("/")
    return parts[-1] == "services.py" or "services" in parts[:-1]


def is_views_module(module: str) -> bool:
    """An art28 views module or package: ``art28.breaches.views``, ``art28.agreements.views.staff``."""
    parts = module.split(".")
    return parts[0] == "art28" and "views" in parts[1:]


def _scopes(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node's enclosing function or class (dotted), '' at module level."""
    owner: dict[ast.AST, str] = {}

    def walk(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = name
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner = f"{name}.{child.name}" if name else child.name
            owner[child] = inner
            walk(child, inner)

    walk(tree, "")
    return owner


def _decorators(tree: ast.AST) -> set[ast.AST]:
    inside: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for deco in node.decorator_list:
                inside.update(ast.walk(deco))
    return inside


def _query_found(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
        return f"model manager .{node.attr}"
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name) and func.id in SHORTCUTS:
        return f"{func.id}()"
    if not isinstance(func, ast.Attribute):
        return None
    if func.attr in SHORTCUTS:
        return f"{func.attr}()"
    if func.attr in QUERY_METHODS:
        return f".{func.attr}()"
    if func.attr == "get" and node.keywords:
        return ".get() with a lookup"
    if func.attr == "values" and (node.args or node.keywords):
        return ".values() with fields"
    return None


def view_layer_queries(path: Path, rel: str) -> Iterator[tuple[int, str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    owner, skip = _scopes(tree), _decorators(tree)
    for node in ast.walk(tree):
        if node in skip:
            continue
        found = _query_found(node)
        if found:
            yield node.lineno, owner.get(node, ""), found


def _imports(tree: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved by the caller's package below
                yield node, "." * node.level + (node.module or "")
            else:
                yield node, node.module or ""


def _absolute(rel: str, name: str) -> str:
    if not name.startswith("."):
        return name
    level = len(name) - len(name.lstrip("."))
    package = ["art28", *rel.split("/")[:-1]]
    base = package[: len(package) - (level - 1)]
    rest = name.lstrip(".")
    return ".".join(base + ([rest] if rest else []))


def import_violations(path: Path, rel: str) -> Iterator[tuple[int, str, str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    owner = _scopes(tree)
    top = rel.split("/")[0]
    for node, name in _imports(tree):
        module = _absolute(rel, name)
        where = owner.get(node, "")
        names = [module]
        if isinstance(node, ast.ImportFrom):  # also `from art28.x import views`
            names += [f"{module}.{alias.name}" for alias in node.names]
        views = next((n for n in names if is_views_module(n)), None)
        if is_services(rel) and views:
            yield node.lineno, where, SERVICES_RULE, f"imports {views}"
        if top in PURE:
            if module == "django" or module.startswith("django."):
                yield node.lineno, where, PURE_RULE, f"imports {module}"
            elif module.startswith("art28.") and module.split(".")[1] not in PURE:
                yield node.lineno, where, PURE_RULE, f"imports {module} (which brings Django)"


@cache
def violations() -> tuple[list[str], set[tuple[str, str, str]]]:
    found: list[tuple[str, int, str]] = []
    used: set[tuple[str, str, str]] = set()

    def report(rel: str, line: int, where: str, rule: str, what: str) -> None:
        key = (rel, where, rule)
        if key in ALLOWED:
            used.add(key)
            return
        found.append((rel, line, f"src/art28/{rel}:{line}: {rule}: {what} in {where or 'module'}"))

    for path in _modules():
        rel = _rel(path)
        if is_view_layer(rel):
            seen: set[int] = set()
            for line, where, what in view_layer_queries(path, rel):
                if line not in seen:  # one report per line: a chain is one query
                    seen.add(line)
                    report(rel, line, where, VIEWS_RULE, what)
        for line, where, rule, what in import_violations(path, rel):
            report(rel, line, where, rule, what)
    return [message for _, _, message in sorted(found)], used


def test_it_keeps_queries_in_access_helpers_services_below_web_and_pure_packages_pure():
    found, _ = violations()
    assert not found, "architecture rules broken (see tests/test_architecture.py):\n" + "\n".join(found)


def test_it_lists_only_allowed_exceptions_that_still_exist():
    _, used = violations()
    stale = sorted(set(ALLOWED) - used)
    assert not stale, f"ALLOWED entries that no longer match anything, remove them: {stale}"


def test_it_catches_each_kind_of_violation(tmp_path):
    """The checker itself: each forbidden form is found, the allowed forms are not."""
    source = (
        "from django.shortcuts import get_object_or_404\n"
        "@router.get('/x', response=Out)\n"
        "def view(request, code):\n"
        "    a = Agreement.objects\n"
        "    b = visible(request.user).filter(code=code)\n"
        "    c = incident.affected.get(code=code)\n"
        "    d = get_object_or_404(Agreement, code=code)\n"
        "    e = qs.values('status')\n"
        "    ok = visible(request.user).order_by('name').select_related('x').first()\n"
        "    ok2 = request.GET.get('q', '') or {}.values() or controller.contacts.all()\n"
    )
    path = tmp_path / "views.py"
    path.write_text(source)
    lines = sorted({line for line, _, _ in view_layer_queries(path, "x/views.py")})
    assert lines == [4, 5, 6, 7, 8]
    assert is_view_layer("api/routers/x.py") and is_view_layer("ops/management/commands/demo.py")
    assert is_view_layer("requests/views/staff.py") and not is_view_layer("breaches/access.py")
    assert is_services("breaches/services/export.py") and not is_services("agreements/views/staff.py")
    assert _absolute("breaches/services/export.py", "...agreements.views") == "art28.agreements.views"
    assert is_views_module("art28.agreements.views.staff") and not is_views_module("django.views.decorators")


def test_it_catches_web_imports_in_services_and_django_in_pure_packages(tmp_path):
    services = tmp_path / "services.py"
    services.write_text("from art28.core.localtime import local_time\n"
                        "def f():\n    from ...agreements.views.documents import preview_html\n"
                        "from art28.agreements import views\n"
                        "from django.views.decorators.http import require_POST\n"
                        "import art28.breaches.views\n")
    found = import_violations(services, "breaches/services/x.py")
    assert sorted((line, rule) for line, _, rule, _ in found) \
        == [(3, SERVICES_RULE), (4, SERVICES_RULE), (6, SERVICES_RULE)]
    pure = tmp_path / "pure.py"
    pure.write_text("import django.conf\nfrom art28.terms import facts\nfrom art28.parties.models import X\n"
                    "from ..ledger import services\n")
    assert [(line, rule) for line, _, rule, _ in import_violations(pure, "analyzer/x.py")] \
        == [(1, PURE_RULE), (3, PURE_RULE), (4, PURE_RULE)]
