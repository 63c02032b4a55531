"""One copy of each shared helper: a new hand-made copy fails here with ``file:line: rule``.

Rules about the application's helpers look at ``src/``, the two about test helpers at
``tests/``. The helpers live once in ``art28.core`` (STYLE.md, "Where code goes") and, for tests, in
``tests/conftest.py``:

* **attachment** — no ``"Content-Disposition"`` string outside ``core/downloads.py``: a
  hand-built header does not escape quotes or non-ASCII letters in the file name.
* **absolute-url** — no ``BASE_URL + ...`` outside ``core/urls.py`` (``absolute_url``).
* **acting-user** — no ``isinstance(acting_user, str)`` outside ``core/users.py``
  (``user_or_none``), except where the system's wider view is meant (``ALLOWED``).
* **ledger-scope** — no dict literal with ``processor_id`` and ``controller_id`` keys outside
  ``core/ledger_scope.py``.
* **access-base** — no ``except ....DoesNotExist`` that raises ``Http404`` outside
  ``core/access.py`` (``get_or_404``, ``object_for``).
* **local-time** — no ``timezone.localtime(...).strftime(...)`` or ``.astimezone(AMSTERDAM)
  .strftime(...)`` outside ``core/localtime.py``.
* **browser** — no ``sync_playwright`` outside ``tests/conftest.py`` (the ``browser`` fixture).
* **row-counts** — no ``<model>.objects.count() for ...`` comprehension outside
  ``tests/conftest.py`` (``row_counts``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "art28"
TESTS = ROOT / "tests"

HOME = {
    "attachment": "src/art28/core/downloads.py",
    "absolute-url": "src/art28/core/urls.py",
    "acting-user": "src/art28/core/users.py",
    "ledger-scope": "src/art28/core/ledger_scope.py",
    "access-base": "src/art28/core/access.py",
    "local-time": "src/art28/core/localtime.py",
    "browser": "tests/conftest.py",
    "row-counts": "tests/conftest.py",
}
TEST_RULES = frozenset({"browser", "row-counts"})  # in tests/; the others in src/
# (path, rule) -> why it stays.
ALLOWED = {
    ("src/art28/breaches/services/common.py", "acting-user"):
        "rows_for: the system (None or a name) acts on every row; a person only on what it may see",
    ("src/art28/ledger/services.py", "acting-user"):
        "_actor_label: a name such as 'cli' is the ledger's label of who acted",
}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_str_check(node: ast.Call) -> bool:
    return (_name(node.func) == "isinstance" and len(node.args) == 2
            and _name(node.args[0]) in {"acting_user", "actor", "user"} and _name(node.args[1]) == "str")


def _local_strftime(node: ast.Call) -> bool:
    if _name(node.func) != "strftime" or not isinstance(node.func, ast.Attribute):
        return False
    inner = node.func.value
    if not isinstance(inner, ast.Call):
        return False
    if _name(inner.func) == "localtime":
        return True
    return _name(inner.func) == "astimezone" and any(_name(a) == "AMSTERDAM" for a in inner.args)


def _raises_404(handler: ast.ExceptHandler) -> bool:
    caught = [handler.type] if handler.type is not None else []
    if caught and isinstance(caught[0], ast.Tuple):
        caught = list(caught[0].elts)
    if not any(_name(c) == "DoesNotExist" for c in caught):
        return False
    return any(isinstance(n, ast.Raise) and n.exc is not None and "Http404" in ast.unparse(n.exc)
               for n in ast.walk(handler))


def found(tree: ast.AST) -> Iterator[tuple[int, str, str]]:
    """(line, rule, what) for every hand-made copy of a shared helper in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and node.value.lower() == "content-disposition":
            yield node.lineno, "attachment", "a hand-built Content-Disposition header"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) \
                and "BASE_URL" in {_name(node.left), _name(node.right)}:
            yield node.lineno, "absolute-url", ast.unparse(node)
        elif isinstance(node, ast.Call) and _is_str_check(node):
            yield node.lineno, "acting-user", ast.unparse(node)
        elif isinstance(node, ast.Call) and _local_strftime(node):
            yield node.lineno, "local-time", ast.unparse(node)
        elif isinstance(node, ast.Dict) and {"processor_id", "controller_id"} <= {
                k.value for k in node.keys if isinstance(k, ast.Constant)}:
            yield node.lineno, "ledger-scope", "a ledger scope dict"
        elif isinstance(node, ast.ExceptHandler) and _raises_404(node):
            yield node.lineno, "access-base", "get or 404 by hand"
        elif isinstance(node, ast.Name | ast.alias) and "sync_playwright" in {
                getattr(node, "id", None), getattr(node, "name", None)}:
            yield getattr(node, "lineno", 0), "browser", "a browser launched by hand"
        elif isinstance(node, ast.DictComp | ast.ListComp | ast.GeneratorExp) and "objects.count()" in \
                ast.unparse(node.value if isinstance(node, ast.DictComp) else node.elt):
            yield node.lineno, "row-counts", "rows counted by hand"


def copies() -> list[str]:
    out = []
    for path in sorted([*SRC.rglob("*.py"), *TESTS.rglob("*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "tests/core/test_one_copy.py":
            continue
        for line, rule, what in found(ast.parse(path.read_text(), filename=rel)):
            in_tests = rel.startswith("tests/")
            if (rule in TEST_RULES) == in_tests and HOME[rule] != rel and (rel, rule) not in ALLOWED:
                out.append(f"{rel}:{line}: {rule}: {what}")
    return out


def test_it_finds_no_copy_of_a_shared_helper():
    assert copies() == []


def test_it_catches_each_kind_of_copy():
    source = '''
import pytest
from playwright.sync_api import sync_playwright
def view():
    response["Content-Disposition"] = "attachment"
    link = settings.BASE_URL + reverse("x")
    user = None if isinstance(acting_user, str) else acting_user
    when = timezone.localtime(at).strftime("%Y")
    scope = {"processor_id": 1, "controller_id": 2}
    try:
        x = Model.objects.get(code=code)
    except (Model.DoesNotExist, ValueError):
        raise Http404 from None
    counts = {m: m.objects.count() for m in models}
'''
    rules = [rule for _line, rule, _what in found(ast.parse(source))]
    assert sorted(set(rules)) == sorted(HOME), rules


def test_it_lists_only_allowed_copies_that_still_exist():
    for (rel, rule), why in ALLOWED.items():
        hits = [r for _l, r, _w in found(ast.parse((ROOT / rel).read_text()))]
        assert rule in hits, f"{rel}: {rule} is allowed ({why}) but no longer found: drop the entry"
