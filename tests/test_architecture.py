"""The layering rules of DESIGN.md and STYLE.md (explained in docs/architecture.md), checked over
the source's syntax tree.

Seven rules, each failing with ``file:line: rule: what was found``:

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

**rooms-point-down** — dependencies point one way (DESIGN.md, "Layout"). Every room (a
top-level package or module of ``art28``) has a rank in ``RANKS``, and a room imports only
rooms of its own rank or lower:

* 0 — ``core`` (the shared kit), ``conf`` and the pure packages ``terms``, ``documents``,
  ``analyzer``;
* 1 — ``ledger``, and the seal of ``evidence`` (``evidence.models``, ``evidence.sealing``):
  agreements, termination and the breach export seal their PDFs with it;
* 2 — ``notices``, ``parties``, ``accounts``; and the parts of the page kit and of the ledger
  that know who is signed in as what (``core.decorators``, ``core.context``, the ledger's
  page: ``ledger.access``, ``ledger.views``, ``ledger.urls``), since a membership lives in
  ``parties``;
* 3 — ``agreements``, and the controllers' pages (``parties.views``, ``parties.urls``),
  which list a controller's agreements;
* 4 — the domain apps: ``subprocessors``, ``breaches``, ``requests``, ``measures``,
  ``records``, ``reviews``;
* 5 — what reads across the domain apps or serves them: ``obligations`` (what is due, from
  every app), ``evidence`` (``verify`` recognises every app's documents), ``api``, ``ops``,
  ``cli``, ``urls``, ``settings``, ``wsgi``.

A lower room that must set off something in a higher one sends a signal (the receiver is
connected in the higher app's ``AppConfig.ready()``) or takes the function as an argument.

**rooms-without-cycles** — rooms of the same rank may import each other one way only:
``breaches`` may use ``subprocessors``' register, but then ``subprocessors`` may not use
``breaches``. Same-rank imports stay allowed because forbidding them would force one rank
per app (eleven ranks where six say what matters) or copies of shared code; what makes
them safe is that they form no cycle, found by a search over the graph of rooms (every
import counts, at module level or not).

**modules-without-cycles** — no two modules import each other, directly or round a longer
loop, through their module-level imports: a cycle works only by the accident of which
module is imported first. Split what both sides need into a third module.

**imports-at-module-level** — no ``import art28…`` inside a function: an import hidden in a
function dodges a cycle that the two rules above would find. Allowed: in
``AppConfig.ready()`` (the app registry must be ready before models load, and that is
where receivers get connected) and under ``if TYPE_CHECKING:``.

A violation that would need a larger redesign goes in ``ALLOWED`` with its reason; an import
excused there is left out of the graphs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
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
RANK_RULE = "rooms-point-down"
CYCLE_RULE = "rooms-without-cycles"
MODULE_CYCLE_RULE = "modules-without-cycles"
LATE_RULE = "imports-at-module-level"

# Room (a package or module under art28, or a module inside one: the longest match wins) -> rank.
# Rooms listed before they exist (measures, records) are where issue 14 puts them.
RANKS: dict[str, int] = {
    "__init__": 0, "core": 0, "conf": 0, "terms": 0, "documents": 0, "analyzer": 0,
    "ledger": 1, "evidence.models": 1, "evidence.sealing": 1,
    "notices": 2, "parties": 2, "accounts": 2,
    # The page kit's guards and context know who is signed in as what: a membership (parties).
    "core.decorators": 2, "core.context": 2,
    # The ledger's own page shows what the signed-in user may see (parties' rules).
    "ledger.access": 2, "ledger.views": 2, "ledger.urls": 2,
    "agreements": 3,
    # A controller's page lists its agreements.
    "parties.views": 3, "parties.urls": 3,
    "subprocessors": 4, "breaches": 4, "requests": 4, "measures": 4, "records": 4, "reviews": 4,
    "obligations": 5, "evidence": 5, "api": 5, "ops": 5, "cli": 5, "urls": 5, "settings": 5,
    "wsgi": 5,
}

# (path under src/art28, enclosing function or class, rule) -> why it stays for now. An entry that
# stops matching anything turns stale and test_it_lists_only_allowed_exceptions_that_still_exist
# says to remove it.
ALLOWED: dict[tuple[str, str, str], str] = {
    ("cli.py", "main", LATE_RULE):
        "start-up speed, no cycle: only `art28 check` needs the analyzer (pydantic, python-docx, "
        "pypdfium2: about 2.5 s to import here); serve, worker and every manage command skip it",
}


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


def module_name(rel: str) -> str:
    """``evidence/sealing.py`` -> ``art28.evidence.sealing``; a package is its ``__init__``."""
    parts = ["art28", *rel.removesuffix(".py").split("/")]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(dotted: str) -> bool:
    path = SRC.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def room_of(dotted: str) -> str | None:
    """The ranked room of a module: ``art28.evidence.sealing.x`` -> ``evidence.sealing``."""
    parts = dotted.split(".")
    if parts[0] != "art28":
        return None
    if len(parts) == 1:
        return "__init__"
    for n in range(len(parts) - 1, 0, -1):
        if ".".join(parts[1:n + 1]) in RANKS:
            return ".".join(parts[1:n + 1])
    return parts[1]


@dataclass(frozen=True)
class Import:
    """One art28 module named by an import statement, and where the statement stands."""

    target: str  # the module: ``from art28.x import y`` names art28.x.y when that is a module
    line: int
    where: str  # enclosing function or class, '' at module level
    in_function: bool
    type_checking: bool


def art28_imports(tree: ast.AST, rel: str) -> Iterator[Import]:
    def targets(node: ast.Import | ast.ImportFrom) -> list[str]:
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        base = _absolute(rel, "." * node.level + (node.module or ""))
        found = [f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base for a in node.names]
        return list(dict.fromkeys(found))

    def walk(node: ast.AST, where: str, in_function: bool, type_checking: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            inner, func, checking = where, in_function, type_checking
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner = f"{where}.{child.name}" if where else child.name
                func = in_function or not isinstance(child, ast.ClassDef)
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                checking = True
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in targets(child):
                    if target == "art28" or target.startswith("art28."):
                        yield Import(target, child.lineno, where, in_function, type_checking)
            yield from walk(child, inner, func, checking)

    yield from walk(tree, "", False, False)


def is_ready(rel: str, where: str) -> bool:
    return rel.split("/")[-1] == "apps.py" and where.count(".") == 1 and where.endswith(".ready")


def late_import_violations(path: Path, rel: str) -> Iterator[tuple[int, str, str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for imp in art28_imports(tree, rel):
        if imp.in_function and not imp.type_checking and not is_ready(rel, imp.where):
            yield imp.line, imp.where, LATE_RULE, f"imports {imp.target} inside a function"


def loaded_by(module: str, target: str) -> list[str]:
    """The modules an import of ``target`` runs: it, and the ``__init__`` of each package
    above it that ``module`` is not inside of (those have started already). A package's
    ``__init__`` that re-exports its modules thus closes a cycle with an outsider that one
    of those modules imports at module level, as Python would on a fresh start."""
    parts = target.split(".")
    found = [".".join(parts[:n]) for n in range(2, len(parts) + 1)]
    return [t for t in found if t != module and not module.startswith(f"{t}.") and _is_module(t)]


def rank_violation(rel: str, target: str) -> str | None:
    mine, theirs = room_of(module_name(rel)), room_of(target)
    if theirs is None or theirs == mine:
        return None
    assert mine in RANKS and theirs in RANKS, f"rank the room in RANKS: {mine}, {theirs}"
    if RANKS[theirs] > RANKS[mine]:
        return f"imports {target} (rank {RANKS[theirs]}) from {mine} (rank {RANKS[mine]})"
    return None


Edge = tuple[str, int, str]  # (rel, line, where) of the import that makes it


def find_cycles(edges: dict[str, dict[str, Edge]]) -> list[list[tuple[str, str, Edge]]]:
    """One cycle per strongly connected component of the graph (Tarjan), as its edges."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, {})):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return [_one_cycle(component, edges) for component in components]


def _one_cycle(component: list[str], edges: dict[str, dict[str, Edge]]) -> list[tuple[str, str, Edge]]:
    """The shortest way round from the component's first node back to it (breadth first)."""
    start, members = component[0], set(component)
    came: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(edges.get(node, {})):
            if nxt not in members or nxt in came:
                continue
            came[nxt] = node
            if nxt == start:
                queue = []
                break
            queue.append(nxt)
    path, node = [start], start
    while True:
        node = came[node]
        path.append(node)
        if node == start:
            break
    path.reverse()
    return [(a, b, edges[a][b]) for a, b in zip(path, path[1:], strict=False)]


def _describe(cycle: list[tuple[str, str, Edge]]) -> str:
    hops = ", ".join(f"{a} -> {b} (src/art28/{rel}:{line})" for a, b, (rel, line, _) in cycle)
    return f"import cycle: {hops}"


@cache
def violations() -> tuple[list[str], set[tuple[str, str, str]]]:
    found: list[tuple[str, int, str]] = []
    used: set[tuple[str, str, str]] = set()
    rooms: dict[str, dict[str, Edge]] = {}
    modules: dict[str, dict[str, Edge]] = {}

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
        excused: set[tuple[str, str]] = set()
        for line, where, rule, what in late_import_violations(path, rel):
            if (rel, where, rule) in ALLOWED:
                excused.add((rel, where))
            report(rel, line, where, rule, what)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for imp in art28_imports(tree, rel):
            what = rank_violation(rel, imp.target)
            if what:
                report(rel, imp.line, imp.where, RANK_RULE, what)
            if (rel, imp.where) in excused:
                continue
            mine, theirs = room_of(module_name(rel)), room_of(imp.target)
            if theirs and theirs != mine:
                rooms.setdefault(mine or "", {}).setdefault(theirs, (rel, imp.line, imp.where))
            if not imp.in_function and not imp.type_checking:
                for target in loaded_by(module_name(rel), imp.target):
                    modules.setdefault(module_name(rel), {}).setdefault(target, (rel, imp.line, imp.where))
    for rule, graph in ((CYCLE_RULE, rooms), (MODULE_CYCLE_RULE, modules)):
        for cycle in find_cycles(graph):
            rel, line, where = cycle[0][2]
            report(rel, line, where, rule, _describe(cycle))
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


def test_it_ranks_every_room():
    unranked = sorted({room_of(module_name(_rel(path))) for path in _modules()} - set(RANKS))
    assert not unranked, f"give each room a rank in RANKS (tests/test_architecture.py): {unranked}"


def test_it_catches_upward_imports_and_allows_downward_ones():
    assert rank_violation("agreements/services.py", "art28.subprocessors.services.annex") \
        == "imports art28.subprocessors.services.annex (rank 4) from agreements (rank 3)"
    assert rank_violation("evidence/sealing.py", "art28.evidence.verify")  # the seal sits low
    # Where termination goes (issue 14): the register calls it downwards.
    assert rank_violation("subprocessors/services/answers.py",
                          "art28.agreements.services.termination") is None
    assert rank_violation("evidence/verify.py", "art28.requests.models") is None
    assert rank_violation("breaches/services/affected.py", "art28.subprocessors.services") is None
    assert rank_violation("ledger/services.py", "art28.parties.access")  # the chain sits low
    assert rank_violation("ledger/views.py", "art28.parties.access") is None  # its page does not


def test_it_catches_imports_inside_functions_except_in_ready_and_for_type_checking(tmp_path):
    source = (
        "from typing import TYPE_CHECKING\n"
        "from art28.ledger.services import record_event\n"
        "if TYPE_CHECKING:\n    from art28.parties.models import Processor\n"
        "class AConfig:\n"
        "    def ready(self):\n        from art28.notices import periodic\n"
        "def f():\n    import json\n    from ..ledger import tasks\n"
        "    if TYPE_CHECKING:\n        from art28.agreements.models import Agreement\n"
        "class B:\n    def m(self):\n        import art28.terms\n"
    )
    path = tmp_path / "apps.py"
    path.write_text(source)
    found = [(line, where) for line, where, _, _ in late_import_violations(path, "notices/apps.py")]
    assert found == [(10, "f"), (15, "B.m")]
    elsewhere = [where for _, where, _, _ in late_import_violations(path, "notices/services.py")]
    assert elsewhere == ["AConfig.ready", "f", "B.m"]  # ready() counts only in apps.py


def test_it_finds_one_cycle_per_tangle_and_the_package_init_in_it():
    edge = ("x.py", 1, "")
    graph = {"a": {"b": edge}, "b": {"c": edge, "a": edge}, "c": {"a": edge}, "d": {"a": edge},
             "e": {"f": edge}}
    cycles = find_cycles(graph)
    assert [[(a, b) for a, b, _ in cycle] for cycle in cycles] == [[("a", "b"), ("b", "a")]]
    assert find_cycles({"a": {"b": edge}, "b": {"c": edge}}) == []
    # An outsider importing one module of a package runs the package's __init__ first ...
    assert loaded_by("art28.subprocessors.tasks", "art28.subprocessors.services.changes") \
        == ["art28.subprocessors.services", "art28.subprocessors.services.changes"]
    # ... which a module inside the package has already started.
    assert loaded_by("art28.subprocessors.services.answers", "art28.subprocessors.services.changes") \
        == ["art28.subprocessors.services.changes"]
    assert room_of("art28.evidence.sealing") == "evidence.sealing"
    assert room_of("art28.evidence.verify") == "evidence"
