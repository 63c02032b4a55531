"""diff_terms lists what changed between two versions, labelled in nl and en."""

from __future__ import annotations

from art28.documents import diff_terms
from art28.terms.demo import CLIENTS, demo_terms
from art28.terms.schema import Authorisation, NamedSubprocessor


def test_it_finds_nothing_between_equal_terms() -> None:
    assert diff_terms(demo_terms(CLIENTS[0]), demo_terms(CLIENTS[0])) == []


def test_it_lists_changed_paths_with_old_and_new_values() -> None:
    old = demo_terms(CLIENTS[0])
    new = old.model_copy(deep=True)
    new.breach.notice_hours = 12
    new.subprocessors.authorisation = Authorisation.GENERAL
    new.controller.contact.email = "nieuw@zonnebloem.example"
    changes = {c.path: c for c in diff_terms(old, new)}
    assert set(changes) == {"breach.notice_hours", "subprocessors.authorisation",
                            "controller.contact.email"}
    hours = changes["breach.notice_hours"]
    assert (hours.old, hours.new) == (24, 12)
    assert hours.label("nl") == "Datalekken – meldtermijn (uren)"
    assert hours.label("en") == "Personal data breaches – notice period (hours)"
    assert changes["subprocessors.authorisation"].new == "general"
    assert changes["controller.contact.email"].label_nl == (
        "Verwerkingsverantwoordelijke – e-mail contactpersoon")


def test_it_reports_a_changed_subprocessor_list_as_one_change() -> None:
    old = demo_terms(CLIENTS[2])
    new = old.model_copy(deep=True)
    new.subprocessors.named = [*new.subprocessors.named,
                               NamedSubprocessor(name="Mailer Oy", country="FI")]
    (change,) = diff_terms(old, new)
    assert change.path == "subprocessors.named"
    assert change.label_en == "Sub-processors – list (Annex IV)"
    assert len(change.new) == len(change.old) + 1
