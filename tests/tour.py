"""What the browser tour (``tests/test_tour.py``) looks for on every page, as plain functions.

Each check takes what the browser read from a page (its visible text nodes) and returns the
problems found, as short readable lines. ``tests/test_tour_checks.py`` shows each one
catching what it is for, without a browser.

The rules, so a failure can be read and a false alarm argued with:

* **UUID**: the 8-4-4-4-12 hex pattern anywhere in the visible text (text nodes of visible
  elements, the page title, placeholders and the values of visible text inputs).
* **Raw enum value**: every ``TextChoices`` value of the project whose English label differs
  from it, plus the analyzer's keys (``d_subprocessors``, ``return_or_delete``, …, from
  ``art28.reviews.labels`` and ``art28.reviews.report``). A value with an underscore is
  flagged wherever it stands as a word; a one-word value (``general``, ``access``) is flagged
  only where it is the whole of a text node, as a raw value sits in a table cell or a badge
  (a one-word value is also an English word, and English pages use those words in
  sentences). On an English page a one-word value that is itself a msgid of the catalogue
  ("active", "none", "signed") is a word the interface means to show, and is not flagged.
  Texts that are the data of the world (a user named "admin") are not values. Values of
  one or two letters (``nl``, ``en``) are not checked: ``en`` is Dutch.
* **English on a Dutch page** (text the page marks ``lang="en"`` excepted): the msgids of
  the nl catalogue (the compiled ``django.mo``, which is what Django shows) whose
  translation differs from them. Placeholders
  (``%(name)s``, ``{name}``) and HTML tags split a msgid into fragments; a fragment counts
  when it has at least two words and at least eight letters, and is found as whole words,
  case-sensitive, and not in brackets of its own (a Dutch text may give the English term
  after its own: "modelcontractbepalingen (standard contractual clauses)"). A fragment that
  also occurs in a Dutch translation is skipped: it is a name or a term both languages use
  (a product name, "Art. 28").
* **Overflow**: ``document.documentElement.scrollWidth > clientWidth`` at 1366×900.
* **Slow**: the document's ``responseEnd - requestStart`` (navigation timing) over 500 ms,
  measured up to twice more when over (the first render of a template compiles it, and
  other work on a shared machine adds noise); the lowest figure counts. Screenshots and
  the checks run after the timing, outside it.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from pathlib import Path

UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
MO = Path(__file__).resolve().parents[1] / "src/art28/locale/nl/LC_MESSAGES/django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>")
SLOW_MS = 500.0
# The analyzer's own keys and values that must never be shown as they are (issue 12).
ANALYZER_KEYS = ("general", "return_or_delete", "controller_unless_noncompliant", "d_subprocessors")


@cache
def nl_catalogue() -> dict[str, str]:
    """msgid -> Dutch msgstr of the compiled nl catalogue (singular forms only)."""
    with MO.open("rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    return {k: v for k, v in catalog.items() if isinstance(k, str) and k}


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_][\w'’-]*", text))


@cache
def english_fragments() -> tuple[str, ...]:
    """The English texts that must not show on a Dutch page (see the module docstring)."""
    catalogue = nl_catalogue()
    dutch = "\n".join(catalogue.values())
    found: set[str] = set()
    for msgid, msgstr in catalogue.items():
        if msgid == msgstr:
            continue
        for part in PLACEHOLDER.split(msgid):
            part = " ".join(part.split()).strip(" .,:;()-–")
            if _words(part) < 2 or sum(c.isalpha() for c in part) < 8:
                continue
            if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", dutch):
                continue
            found.add(part)
    return tuple(sorted(found, key=len, reverse=True))


@cache
def enum_values() -> dict[str, str]:
    """Raw value -> where it comes from, for every value that differs from its label."""
    from django.db import models
    from django.utils import translation

    from art28.reviews import labels, report

    values: dict[str, str] = {}

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("art28."):
                with translation.override("en"):
                    for value, label in sub.choices:
                        if str(value) != str(label):
                            values.setdefault(str(value), f"{sub.__module__}.{sub.__name__}")
            walk(sub)

    walk(models.TextChoices)
    for source, keys in (("reviews.labels.VALUES", labels.VALUES),
                         ("reviews.labels.PLAYBOOK", labels.PLAYBOOK),
                         ("reviews.report.CHECKLIST_LABELS", report.CHECKLIST_LABELS)):
        for key in keys:
            values.setdefault(key, source)
    for key in ANALYZER_KEYS:
        values.setdefault(key, "issue 12")
    return {v: s for v, s in values.items() if len(v) > 2}


def find_uuids(texts: list[str]) -> list[str]:
    return sorted({f"UUID on screen: {m.group(0)}" for t in texts for m in UUID.finditer(t)})


def find_raw_values(texts: list[str], values: dict[str, str], *, language: str = "nl",
                    data: frozenset[str] = frozenset()) -> list[str]:
    found: set[str] = set()
    whole = {" ".join(t.split()) for t in texts} - data
    if language == "en":  # "active", "none": English words the catalogue itself shows
        values = {v: s for v, s in values.items() if "_" in v or v not in nl_catalogue()}
    joined = "\n".join(texts)
    for value, source in values.items():
        if "_" in value or not value.isalpha():
            m = re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", joined)
            if m:
                found.add(f"raw value {value!r} ({source}) in «{_around(joined, value)}»")
        elif value in whole:
            found.add(f"raw value {value!r} ({source})")
    return sorted(found)


def _around(text: str, found: str, width: int = 50) -> str:
    i = text.find(found)
    return " ".join(text[max(0, i - width):i + len(found) + width].split())


def find_english(texts: list[str], fragments: tuple[str, ...]) -> list[str]:
    text = " ".join(" ".join(t.split()) for t in texts)
    # "(standard contractual clauses)" right after the Dutch term is a gloss, not a lapse.
    hits = [f for f in fragments if f in text and re.search(rf"(?<![\w(]){re.escape(f)}(?![\w)])", text)]
    # A shorter fragment inside a longer one already reported says nothing new.
    kept = [f for f in hits if not any(f != g and f in g for g in hits)]
    return [f"English on a Dutch page: {f!r} in «{_around(text, f)}»" for f in sorted(kept)]


def check_page(*, texts: list[str], language: str, overflow: tuple[int, int],
               server_ms: float, langs: list[str] | None = None,
               data: frozenset[str] = frozenset()) -> list[str]:
    """Every problem of one page as the tour read it.

    ``langs`` holds each text's language (its closest ``lang`` attribute): English text
    that the page itself marks as English (a preview of the English e-mail) is not a
    missing translation. ``data``: texts that are the world's own data (a user called
    "admin"), not raw values.
    """
    problems = find_uuids(texts) + find_raw_values(texts, enum_values(), language=language, data=data)
    if language == "nl":
        langs = langs or [""] * len(texts)
        dutch = [t for t, lang in zip(texts, langs, strict=True) if not lang or lang.startswith("nl")]
        problems += find_english(dutch, english_fragments())
    scroll, client = overflow
    if scroll > client:
        problems.append(f"horizontal overflow: {scroll} px wide in a {client} px window")
    if server_ms > SLOW_MS:
        problems.append(f"slow: the server took {server_ms:.0f} ms (limit {SLOW_MS:.0f} ms)")
    return problems
