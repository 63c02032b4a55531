"""Render a fan-out's e-mail once per (template, language) and fill in each notice's own values.

A fan-out of 10,000 notices mostly differs in a handful of values (the client's name, its
agreement's reference, its portal link). Rendering three templates 10,000 times costs
seconds; rendering them once with a marker in place of each varying value, and replacing the
markers, costs milliseconds. The result is the same text, byte for byte:

* only values printed as a plain ``{{ name }}`` or ``{{ name.attr }}`` (no filter, not used
  by any tag, no ``include``/``extends`` that might read them) are filled in; a template
  that uses a varying value any other way is rendered per notice, as before;
* each value is printed the way Django's variable node prints it (localised, escaped where
  the template escapes);
* the first notice of every group is also rendered in full and compared; on any difference
  the group is rendered per notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from django.template import engines
from django.template.base import Lexer, TokenType, Variable, VariableDoesNotExist
from django.utils.formats import localize
from django.utils.html import conditional_escape

OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters: no template or escaping produces them
_MARK = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")
_PLAIN = re.compile(r"^([A-Za-z_]\w*)((?:\.\w+)*)$")
# Tags that read only the variables they name (checked below), never the whole context.
_TAGS = {"if", "elif", "else", "endif", "for", "empty", "endfor", "autoescape", "endautoescape",
         "translate", "trans", "blocktranslate", "blocktrans", "plural", "endblocktranslate",
         "endblocktrans", "load", "comment", "endcomment", "with", "endwith"}


class Stand:
    """Stands in for a varying value while the stencil is rendered: prints as a marker
    naming the lookup path (``controller.name``)."""

    def __init__(self, path: str):
        self._path = path

    def __getitem__(self, key: object) -> Any:
        raise KeyError(key)

    def __getattr__(self, name: str) -> Stand:
        if name.startswith("_"):
            raise AttributeError(name)
        return Stand(f"{self._path}.{name}")

    def __str__(self) -> str:
        return f"{OPEN}{self._path}{CLOSE}"


@lru_cache(maxsize=256)
def _source(template_name: str) -> str:
    template = engines["django"].get_template(template_name)
    return template.template.source  # type: ignore[attr-defined]  # the Django backend's Template


@lru_cache(maxsize=1024)
def escaping(template_name: str, keys: frozenset[str]) -> dict[str, bool] | None:
    """For each plain ``{{ path }}`` of a key in ``keys``: whether it is printed escaped.

    None when the template uses one of ``keys`` in any other way (a filter, a tag) or has a
    tag that may read the context itself: then it cannot be stencilled."""
    autoescape = [engines["django"].engine.autoescape]  # type: ignore[attr-defined]
    found: dict[str, bool] = {}
    for token in Lexer(_source(template_name)).tokenize():
        contents = token.contents.strip()
        if token.token_type == TokenType.VAR:
            plain = _PLAIN.match(contents)
            if plain and plain.group(1) in keys:
                if found.setdefault(contents, autoescape[-1]) != autoescape[-1]:
                    return None  # printed escaped in one place and raw in another
            elif _mentions(contents, keys):
                return None
        elif token.token_type == TokenType.BLOCK:
            bits = contents.split()
            tag = bits[0] if bits else ""
            if tag not in _TAGS or _mentions(contents, keys):
                return None
            if tag == "autoescape":
                autoescape.append(bits[1:2] == ["on"])
            elif tag == "endautoescape" and len(autoescape) > 1:
                autoescape.pop()
    return found


def _mentions(contents: str, keys: frozenset[str]) -> bool:
    """Whether a tag reads one of ``keys`` as a variable (``x.reference`` does not read ``reference``)."""
    return any(re.search(rf"(?<![\w.]){re.escape(k)}\b", contents) for k in keys)


def printed(value: Any, escape: bool) -> str:
    """A value as Django's variable node prints it (``render_value_in_context``)."""
    value = localize(value)
    if escape:
        return str(conditional_escape(value if isinstance(value, str) else str(value)))
    return str(value)


_variable = lru_cache(maxsize=1024)(Variable)


def fill(stencil: str, context: dict, escape: dict[str, bool]) -> str:
    """The stencil with each marker replaced by the value it stands for in ``context``."""

    def one(match: re.Match) -> str:
        path = match.group(1)
        try:
            value = _variable(path).resolve(context)
        except VariableDoesNotExist:
            value = engines["django"].engine.string_if_invalid  # type: ignore[attr-defined]
        return printed(value, escape[path])

    return _MARK.sub(one, stencil)


def varying(contexts: Iterable[dict]) -> set[str] | None:
    """Keys whose value differs between the contexts; None if their keys differ."""
    it = iter(contexts)
    first = next(it)
    keys = set(first)
    out: set[str] = set()
    for ctx in it:
        if ctx.keys() != keys:
            return None
        for key in keys - out:
            value = ctx[key]
            if value is not first[key] and value != first[key]:
                out.add(key)
    return out


Renderer = Callable[[dict], tuple[str, ...]]


def render_group(contexts: list[dict], render: Renderer, templates: tuple[str, ...],
                 prepare: tuple[Callable[[dict], dict], ...]) -> list[tuple[str, ...]]:
    """Each context's rendered parts, as ``render(context)`` returns them.

    ``templates[i]`` is the template behind part ``i`` and ``prepare[i]`` turns a context
    into the one that template sees (as ``render`` does). Falls back to ``render`` per
    context whenever the stencil cannot be proven to give the same text."""
    if len(contexts) < 3:
        return [render(c) for c in contexts]
    keys = varying(contexts)
    if not keys:
        return [render(c) for c in contexts] if keys is None else [render(contexts[0])] * len(contexts)
    plans = [escaping(name, frozenset(keys)) for name in templates]
    if any(plan is None for plan in plans):
        return [render(c) for c in contexts]
    stand = {**contexts[0], **{k: Stand(k) for k in keys}}
    stencils = render(stand)
    out = [tuple(fill(s, prep(c), plan or {}) for s, prep, plan in zip(stencils, prepare, plans, strict=True))
           for c in contexts]
    if out[0] != render(contexts[0]):
        return [render(c) for c in contexts]
    return out
