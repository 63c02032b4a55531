"""Ledger events as sentences a privacy officer reads: "Agreement DPA-2026-0002 signed by anna".

The ledger stores machine facts (an action code, an object's type and code, JSON data); the
page shows none of them. Each event type family (the part of the action before the dot) has
one table of translatable sentences here. The name of the object and the link to it come from
the room that owns the object: it registers a *subject finder* for its object types in its
``AppConfig.ready()`` (the ledger ranks below every room, so it cannot look them up itself).
An action nobody described falls back to a generic sentence, never to the raw code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from art28.ledger.models import Event


@dataclass(frozen=True)
class Subject:
    """What an event is about, as the page shows it: a name and, if the viewer may open it, a link."""

    label: str
    url: str = ""


@dataclass(frozen=True)
class Line:
    event: Event
    text: str
    url: str


# (object codes, processor id) -> the subjects found, by code. Codes of other tenants are
# simply not found, so a finder filters on the processor.
SubjectFinder = Callable[[Collection[str], int], dict[str, Subject]]

_finders: dict[str, SubjectFinder] = {}


def register_subjects(object_type: str, finder: SubjectFinder) -> None:
    """Let the ledger name (and link) objects of ``object_type``; called from ``ready()``."""
    _finders[object_type] = finder


L = gettext_lazy

# One table per family. %(subject)s is the object's name, %(actor)s who did it.
FAMILIES: dict[str, dict[str, Promise]] = {
    "account": {
        "account.assigned": L("%(actor)s assigned a team member to controller %(subject)s"),
        "account.unassigned": L("%(actor)s took a team member off controller %(subject)s"),
        "account.deactivated": L("%(actor)s deactivated the account of %(subject)s"),
        "account.invitation_accepted": L("%(subject)s accepted an invitation"),
        "account.invitation_resent": L("%(actor)s sent an invitation again to %(subject)s"),
        "account.invitation_revoked": L("%(actor)s revoked the invitation of %(subject)s"),
        "account.invited": L("%(actor)s invited %(subject)s"),
        "account.invited_with_notice": L(
            "%(actor)s sent personal invitations with a notice to recipients without a login"),
        "account.password_set": L("%(subject)s set a password"),
        "account.reactivated": L("%(actor)s reactivated the account of %(subject)s"),
        "account.recovery_codes_made": L("%(actor)s made new recovery codes"),
        "account.role_changed": L("%(actor)s changed the role of %(subject)s"),
        "account.second_factor_reset": L("%(actor)s reset the second factor of %(subject)s"),
    },
    "auth": {
        "auth.totp_enrolled": L("%(actor)s set up an authenticator app"),
    },
    "member": {
        "member.created": L("%(actor)s added %(subject)s to the team"),
    },
    "api_token": {
        "api_token.created": L("%(actor)s created the API token %(subject)s"),
        "api_token.revoked": L("%(actor)s revoked the API token %(subject)s"),
    },
    "processor": {
        "processor.created": L("Organisation %(subject)s created by %(actor)s"),
        "processor.updated": L("Organisation profile of %(subject)s changed by %(actor)s"),
    },
    "controller": {
        "controller.created": L("Controller %(subject)s added by %(actor)s"),
        "controller.updated": L("Controller %(subject)s changed by %(actor)s"),
    },
    "contact": {
        "contact.added": L("Contact person %(subject)s added by %(actor)s"),
        "contact.updated": L("Contact person %(subject)s changed by %(actor)s"),
        "contact.removed": L("Contact person %(subject)s removed by %(actor)s"),
    },
    "agreement": {
        "agreement.created": L("Agreement %(subject)s drawn up by %(actor)s"),
        "agreement.imported": L("Agreement %(subject)s imported by %(actor)s"),
        "agreement.terms_changed": L("Terms of agreement %(subject)s changed by %(actor)s"),
        "agreement.sent": L("Agreement %(subject)s sent for signature by %(actor)s"),
        "agreement.accepted": L("Agreement %(subject)s accepted by %(actor)s"),
        "agreement.signed": L("Agreement %(subject)s signed by %(actor)s"),
        "agreement.ended": L("Agreement %(subject)s ended by %(actor)s"),
    },
    "termination": {
        "termination.chosen": L("Return or deletion chosen for %(subject)s by %(actor)s"),
        "termination.estimated": L("Cost of returning the data of %(subject)s estimated by %(actor)s"),
        "termination.file_returned": L("A file of %(subject)s returned by %(actor)s"),
        "termination.destroyed": L("Destruction of data of %(subject)s recorded by %(actor)s"),
        "termination.retention": L("Data of %(subject)s kept by legal obligation, recorded by %(actor)s"),
        "termination.certified": L("Certificate of return or deletion for %(subject)s issued by %(actor)s"),
    },
    "subprocessor": {
        "subprocessor.registered": L("Sub-processor %(subject)s registered by %(actor)s"),
        "subprocessor.updated": L("Sub-processor %(subject)s changed by %(actor)s"),
        "subprocessor.annex_synced": L("Annex IV of %(subject)s brought up to date by %(actor)s"),
        "subprocessor.change_proposed": L("Sub-processor change %(subject)s proposed by %(actor)s"),
        "subprocessor.change_withdrawn": L("Sub-processor change %(subject)s withdrawn by %(actor)s"),
        "subprocessor.change_consented": L("Consent to %(subject)s given by %(actor)s"),
        "subprocessor.change_refused": L("Consent to %(subject)s refused by %(actor)s"),
        "subprocessor.change_objected": L("Objection to %(subject)s made by %(actor)s"),
        "subprocessor.objection_resolved": L("Objection to %(subject)s resolved by %(actor)s"),
        "subprocessor.change_agreement_ended": L("Agreement ended after an objection to %(subject)s"),
        "subprocessor.window_passed": L("Objection period for %(subject)s passed without objection"),
        "subprocessor.change_in_effect": L("Sub-processor change %(subject)s took effect"),
    },
    "trust": {
        "trust.statement_published": L("Public sub-processor page published by %(actor)s"),
        "trust.subscriber_removed": L("A subscriber to the public page removed by %(actor)s"),
        "trust.subscribers_exported": L("Subscribers to the public page exported by %(actor)s"),
        "trust.subscription_confirmed": L("A subscription to the public page was confirmed"),
        "trust.subscription_expired": L("An unconfirmed subscription to the public page expired"),
        "trust.subscription_requested": L("A subscription to the public page was requested"),
        "trust.unsubscribed": L("A subscriber left the public page's mailing list"),
    },
    "breach": {
        "breach.opened": L("Incident %(subject)s opened by %(actor)s"),
        "breach.updated": L("Incident %(subject)s changed by %(actor)s"),
        "breach.affected_adjusted": L("Affected agreements of incident %(subject)s adjusted by %(actor)s"),
        "breach.notice_initial": L("First notice of incident %(subject)s sent by %(actor)s"),
        "breach.notice_follow_up": L("Follow-up notice of incident %(subject)s sent by %(actor)s"),
        "breach.notice_final": L("Final notice of incident %(subject)s sent by %(actor)s"),
        "breach.notice_acknowledged": L("Notice of incident %(subject)s acknowledged by %(actor)s"),
        "breach.severity_assessed": L("Severity of incident %(subject)s assessed by %(actor)s"),
        "breach.not_notified": L("Incident %(subject)s recorded as not to be notified by %(actor)s"),
        "breach.closed": L("Incident %(subject)s closed by %(actor)s"),
    },
    "breaches": {
        "breaches.register_exported": L("Breach register exported by %(actor)s"),
    },
    "dsr": {
        "dsr.forwarded": L("Data subject request under %(subject)s forwarded by %(actor)s"),
        "dsr.extended": L("Answer period of data subject request under %(subject)s extended by %(actor)s"),
        "dsr.task_asked": L("Help with data subject request under %(subject)s asked by %(actor)s"),
        "dsr.task_done": L("Help with data subject request under %(subject)s given by %(actor)s"),
        "dsr.closed": L("Data subject request under %(subject)s closed by %(actor)s"),
    },
    "instruction": {
        "instruction.given": L("Instruction under %(subject)s given by %(actor)s"),
        "instruction.recorded": L("Instruction under %(subject)s recorded by %(actor)s"),
        "instruction.confirmed": L("Instruction under %(subject)s confirmed by %(actor)s"),
        "instruction.withdrawn": L("Instruction under %(subject)s withdrawn by %(actor)s"),
        "instruction.flagged": L("Instruction under %(subject)s flagged as possibly unlawful by %(actor)s"),
    },
    "authority": {
        "authority.recorded": L("Request from an authority under %(subject)s recorded by %(actor)s"),
        "authority.objected": L("Objection to the authority request under %(subject)s made by %(actor)s"),
        "authority.closed": L("Authority request under %(subject)s closed by %(actor)s"),
    },
    "audit": {
        "audit.requested": L("Audit under %(subject)s requested by %(actor)s"),
        "audit.scheduled": L("Audit under %(subject)s scheduled by %(actor)s"),
        "audit.alternative_offered": L("An alternative to audit under %(subject)s offered by %(actor)s"),
        "audit.alternative_accepted": L("The alternative to audit under %(subject)s accepted by %(actor)s"),
        "audit.alternative_declined": L("The alternative to audit under %(subject)s declined by %(actor)s"),
        "audit.completed": L("Audit under %(subject)s completed, recorded by %(actor)s"),
    },
    "measures": {
        "measures.published": L("Security measures published by %(actor)s"),
    },
    "review": {
        "review.created": L("Agreement review %(subject)s made by %(actor)s"),
        "review.imported": L("Terms of a sub-processor imported from review %(subject)s by %(actor)s"),
        "review.playbook_changed": L("Review playbook changed by %(actor)s"),
    },
    "obligations": {
        "obligations.digest_set": L("E-mail digest settings changed by %(actor)s"),
        "obligations.feed_rotated": L("Calendar feed link renewed by %(actor)s"),
    },
    "outbox": {
        "outbox.retried": L("A failed notice sent again by %(actor)s"),
    },
    "ledger": {
        "ledger.check_requested": L("Verification of the ledger asked for by %(actor)s"),
    },
}

GENERIC = L("%(actor)s recorded a change to %(subject)s")

# What an object is called when its room gave no name for it (or it no longer exists).
NOUNS: dict[str, Promise] = {
    "agreement": L("an agreement"),
    "incident": L("an incident"),
    "subprocessor": L("a sub-processor"),
    "subprocessorchange": L("a sub-processor change"),
    "changeclock": L("a sub-processor change"),
    "controller": L("a controller"),
    "contact": L("a contact person"),
    "user": L("a team member"),
    "invitation": L("an invitation"),
    "review": L("a review"),
}
SOMETHING = L("a record")


def sentence(action: str) -> Promise | None:
    """The sentence of ``action``, or None when no family describes it."""
    return FAMILIES.get(action.split(".", 1)[0], {}).get(action)


def _actor(event: Event) -> str:
    label = event.actor_label or ""
    return _("the system") if label in ("", "system") else label


def _subjects(events: Iterable[Event], processor_id: int) -> dict[tuple[str, str], Subject]:
    codes: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e.object_type in _finders and e.object_code:
            codes[e.object_type].add(e.object_code)
    found: dict[tuple[str, str], Subject] = {}
    for object_type, wanted in codes.items():
        for code, subject in _finders[object_type](wanted, processor_id).items():
            found[(object_type, code)] = subject
    return found


def _fallback_label(event: Event) -> str:
    data: dict[str, Any] = event.data if isinstance(event.data, dict) else {}
    # An invitation is known by the address it went to ("invited ann@example.org", not "invited
    # an invitation").
    for key in ("reference", "name", "username", "agreement", "incident", "email"):
        value = data.get(key)
        if isinstance(value, str) and value and not _looks_internal(value):
            return value
    return str(NOUNS.get(event.object_type, SOMETHING))


def _looks_internal(value: str) -> bool:
    return len(value) >= 32 and all(c in "0123456789abcdef-" for c in value.lower())


def describe(events: Iterable[Event], processor_id: int) -> list[Line]:
    """Each event as a sentence in the active language, with a link to its object if any."""
    events = list(events)
    subjects = _subjects(events, processor_id)
    lines = []
    for e in events:
        subject = subjects.get((e.object_type, e.object_code)) or Subject(_fallback_label(e))
        text = str(sentence(e.action) or GENERIC) % {"actor": _actor(e), "subject": subject.label}
        lines.append(Line(event=e, text=text[:1].upper() + text[1:] if text.startswith(_("the system"))
                          else text, url=subject.url))
    return lines
