"""The ledger page in words: every event type the services write has a sentence in nl and en,
and the page of the demo world shows no UUID, no JSON and no action code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from art28.breaches.models import Stage
from art28.ledger.describe import FAMILIES, sentence
from art28.ledger.models import Event
from art28.subprocessors.models import ClockStatus

SRC = Path(__file__).resolve().parents[2] / "src" / "art28"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# The f-strings services build an action from, and the values their placeholder takes.
EXPANSIONS = {
    "breach.notice_": list(Stage.values),
    "subprocessor.change_": [ClockStatus.CONSENTED, ClockStatus.REFUSED, ClockStatus.OBJECTED],
}


def _actions_in(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _actions_in(node.body) | _actions_in(node.orelse)
    if isinstance(node, ast.JoinedStr):
        head = node.values[0]
        assert isinstance(head, ast.Constant) and head.value in EXPANSIONS, ast.unparse(node)
        return {head.value + str(v) for v in EXPANSIONS[head.value]}
    raise AssertionError(f"an action the test cannot read: {ast.unparse(node)}")


def _called(node: ast.Call) -> str:
    return getattr(node.func, "id", getattr(node.func, "attr", ""))


def written_actions() -> set[str]:
    """Every action passed to record_event anywhere in the source, also through a helper
    that hands its own ``action`` argument on (``_forget(sub, action="trust.unsubscribed")``)."""
    trees = [ast.parse(path.read_text(), str(path)) for path in SRC.rglob("*.py")]
    found: set[str] = set()
    relays = {"record_event"}
    for tree in trees:
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef) or func.name == "record_event":
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Call) and _called(node) == "record_event" and any(
                        kw.arg == "action" and isinstance(kw.value, ast.Name) for kw in node.keywords):
                    relays.add(func.name)
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) in relays:
                for kw in node.keywords:
                    if kw.arg == "action" and not isinstance(kw.value, ast.Name):
                        found |= _actions_in(kw.value)
    return found


def test_it_finds_the_actions_the_services_write():
    actions = written_actions()
    assert {"agreement.signed", "breach.opened", "breach.notice_follow_up",
            "subprocessor.change_objected", "audit.alternative_declined", "trust.unsubscribed"} <= actions


@pytest.mark.parametrize("action", sorted(written_actions()))
def test_it_describes_every_written_action_in_dutch_and_english(action):
    text = sentence(action)
    assert text is not None, f"no sentence for {action}"
    with translation.override("en"):
        english = str(text)
    with translation.override("nl"):
        dutch = str(text)
    assert dutch != english, f"no Dutch for {action}: {english}"
    for words in (english, dutch):
        assert words % {"actor": "x", "subject": "y"}


def test_it_has_no_sentence_for_an_action_nobody_writes():
    described = {a for family in FAMILIES.values() for a in family}
    assert described - written_actions() == set()


@pytest.mark.django_db
def test_it_falls_back_to_a_readable_sentence_for_an_unknown_action(client, login, admin_user):
    from django.db import transaction

    from art28.ledger.services import record_event

    with transaction.atomic():
        record_event(action="something.new", obj=("widget", "0b7e0c55-8d0e-4f6e-9b1c-6a2f4c1d2e3f"),
                     acting_user=admin_user, data={"x": 1},
                     processor_id=admin_user.membership.processor_id)
    login(client, admin_user)
    page = client.get(reverse("ledger:ledger"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "recorded a change to a record" in page
    assert "something.new" not in page and "0b7e0c55" not in page


@pytest.fixture
def demo_world():
    from art28.ops import demo

    demo.load()


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.django_db
@pytest.mark.parametrize("language,signed", [("nl", "ondertekend door"), ("en", "signed by")])
def test_it_shows_the_demo_ledger_in_words(client, login, demo_world, language, signed):
    from django.contrib.auth.models import User

    login(client, User.objects.get(username="admin"))
    client.cookies["django_language"] = language
    codes = set(Event.objects.values_list("action", flat=True))
    text, links = "", []
    query: dict = {}
    for _ in range(1, 20):
        response = client.get(reverse("ledger:ledger"), query, HTTP_ACCEPT_LANGUAGE=language)
        html = response.content.decode()
        text += _visible(html)
        links += re.findall(r'<td><a href="([^"]+)">', html)
        if response.context["page"].older_query is None:
            break
        query = response.context["page"].older_query.dict()
    assert signed in text and "DPA-" in text
    assert not UUID.search(text)
    assert "{" not in text and "}" not in text
    assert [c for c in codes if c in text] == []
    assert links and all(client.get(url).status_code == 200 for url in set(links))
