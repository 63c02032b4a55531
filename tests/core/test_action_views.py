"""No view keeps a private copy of the action pattern: saying what happened and putting a
service's errors on the form are :func:`art28.core.actions.run_action`'s job.

The check is by import, over the syntax tree of every views module (``views.py``, ``views/``)
outside ``core/``: such a module imports neither ``django.contrib.messages`` (in any form) nor
``apply_errors``. That is precise: a view cannot say "Saved." or list a refusal as a message
without the first, nor put a service's ValidationError on its form without the second, and no
view needs either for anything else (a page that only shows notices reads them in the base
template). A view may still catch a ValidationError to reword it for a field, as long as it
re-raises it for ``run_action`` to show.

``PENDING`` lists the view modules other helpers of issue 14 rewrite in the same round; remove
an entry once its views go through ``run_action``.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "art28"

# Path prefixes under src/art28 -> why they may still say things themselves for now.
PENDING: dict[str, str] = {}
FORBIDDEN = {"django.contrib.messages": "django.contrib.messages", "apply_errors": "apply_errors"}


def is_views_module(rel: str) -> bool:
    parts = rel.split("/")
    return parts[0] != "core" and (parts[-1] == "views.py" or "views" in parts[:-1])


def private_copies(source: str) -> list[tuple[int, str]]:
    """(line, what) for each import that lets a view say or place a result itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names
                      if a.name.startswith("django.contrib.messages")]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith("django.contrib.messages"):
                found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{a.name}") for a in node.names
                      if (module == "django.contrib" and a.name == "messages") or a.name == "apply_errors"]
    return found


def test_it_finds_no_view_that_says_or_places_a_service_result_itself():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if not is_views_module(rel) or any(rel.startswith(p) for p in PENDING):
            continue
        found += [f"src/art28/{rel}:{line}: imports {what}; go through art28.core.actions.run_action"
                  for line, what in private_copies(path.read_text(encoding="utf-8"))]
    assert not found, "private copies of the action pattern:\n" + "\n".join(found)


def test_it_catches_each_way_of_importing_what_the_pattern_needs():
    source = (
        "from django.contrib import messages\n"
        "import django.contrib.messages\n"
        "from django.contrib.messages import success\n"
        "from art28.web.forms import apply_errors\n"
        "from django.contrib import auth\n"
        "from art28.core.actions import run_action\n"
    )
    assert [line for line, _ in private_copies(source)] == [1, 2, 3, 4]
    assert is_views_module("breaches/views.py") and is_views_module("requests/views/staff.py")
    assert not is_views_module("core/views.py") and not is_views_module("breaches/services.py")
