"""Templates ask a model (``is_open``) or show ``{% status_badge %}``; they never compare a status,
a kind, a cost rule or a finding's severity to a string literal, which silently goes false when a
value is renamed (and puts an enum value in a template)."""

from __future__ import annotations

import re
from pathlib import Path

import art28

ROOT = Path(art28.__file__).parent
# What a template must not compare to a literal: statuses and kinds, and the terms' value sets.
FIELDS = "status|kind|stage|event|outcome|role|cost|severity|scope|choice"
COMPARISON = re.compile(
    rf"""\b({FIELDS})\s*(==|!=)\s*['"]"""  # x.status == "open"
    rf"""|['"]\s*(==|!=)\s*[\w.]*({FIELDS})\b"""  # "open" == x.status
    rf"""|\b({FIELDS})\s+(not\s+)?in\s+['"(\[]""",  # x.status in "open closed"
)


def _templates() -> list[Path]:
    return sorted(p for pattern in ("*.html", "*.txt") for p in ROOT.glob(f"**/templates/**/{pattern}"))


def test_it_finds_the_templates() -> None:
    assert len(_templates()) > 100


def test_it_finds_no_status_compared_to_a_string() -> None:
    offenders = [f"{path.relative_to(ROOT)}:{n}: {line.strip()[:120]}"
                 for path in _templates()
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if COMPARISON.search(line)]
    assert not offenders, "compare through a model property (is_open) instead:\n" + "\n".join(offenders)


def test_it_would_catch_a_comparison() -> None:
    for line in ('{% if a.status == "sent" %}', "{% if 'open' != t.status %}", '{% if x.status in "a b" %}',
                 '{% if kind == "remove" %}', '{% if terms.cost == "controller" %}',
                 "{% if f.severity == 'error' %}", '{% elif terms.scope == "full" %}'):
        assert COMPARISON.search(line), line
    assert not COMPARISON.search("{% if a.is_open %}{{ a.get_status_display }}{% status_badge a %}")
    assert not COMPARISON.search("{% if kind.is_removal %}{{ c.get_kind_display }}")
