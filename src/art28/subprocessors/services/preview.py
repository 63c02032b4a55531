"""What a mass send would do, shown before it is done: recipients, the messages as rendered
in each language, the agreements left out and why, the clients nobody would hear from.

Read-only: ``preview_change`` runs the same selection as ``propose_change``, so what the
preview shows is what the proposal sends.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from art28.agreements.models import Agreement
from art28.notices.services import NoticeDraft, render_email
from art28.parties.models import Controller, Processor
from art28.subprocessors.models import Mode, Subprocessor, SubprocessorChange
from art28.subprocessors.services.changes import (
    LeftOutReason,
    _clock,
    _notice_draft,
    _shared_context,
    _transfer_text,
    clock_link,
    recipients_by_controller,
    select_targets,
)
from art28.subprocessors.services.plan import PlanItem


@dataclass
class Message:
    """One message as a recipient reads it (rendered for one example agreement)."""

    language: str
    subject: str
    text: str
    reference: str
    count: int


@dataclass
class LeftOut:
    reference: str
    controller: str
    reason: str
    reason_label: str


@dataclass
class ChangePreview:
    agreements: int
    recipients: int
    consent: int
    objection: int
    inform: int
    messages: list[Message]
    left_out: list[LeftOut]
    unreachable: list[Controller]
    include_unsigned: bool


@dataclass
class WithdrawPreview:
    told: int
    recipients: int
    messages: list[Message]
    not_told: list[tuple[str, int]] = field(default_factory=list)
    unreachable: list[Controller] = field(default_factory=list)


def render_examples(drafts: list[NoticeDraft], references: list[str]) -> list[Message]:
    """One rendered message per (language, template), with how many notices it stands for."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, draft in enumerate(drafts):
        groups.setdefault((draft.language or "nl", draft.template), []).append(i)
    out = []
    for (language, template), indexes in sorted(groups.items()):
        draft = drafts[indexes[0]]
        with translation.override(language):
            # Each client's link is its own; the preview names it instead of showing a code.
            link = str(_("[the link to this client's own page in the portal]"))
        subject, text, _html = render_email(
            template, language, {**draft.context, "link": link, "controller": draft.controller}
        )
        out.append(Message(language, subject, text, references[indexes[0]], len(indexes)))
    return out


def preview_change(
    *,
    processor: Processor,
    kind: str,
    subprocessor: Subprocessor,
    effective_at: datetime | None,
    replaces: Subprocessor | None = None,
    reason: str = "",
    agreements: list[Agreement] | None = None,
    split: bool = False,
    include_unsigned: bool = False,
) -> ChangePreview:
    """What ``propose_change`` with the same arguments would send; saves nothing.

    Raises the same ``ValidationError`` as the proposal for input it would refuse, except
    unreachable clients, which the preview lists instead."""
    now = timezone.now()
    sel = select_targets(
        processor=processor, kind=kind, subprocessor=subprocessor, effective_at=effective_at,
        replaces=replaces, agreements=agreements, split=split, include_unsigned=include_unsigned,
        now=now,
    )
    change = SubprocessorChange(
        processor=processor, kind=kind, subprocessor=subprocessor, replaces=replaces,
        # An unsaved preview, with the date the proposal would get (given or the earliest).
        effective_at=sel.effective_at, reason=reason, created_at=now,
    )
    recipients = recipients_by_controller(sorted({i.agreement.controller_id for i in sel.items}))
    examples = _examples(change, sel.items, recipients, now)
    labels = dict(LeftOutReason.choices)
    return ChangePreview(
        agreements=len(sel.items),
        recipients=len({r.lower() for emails in recipients.values() for r in emails}),
        consent=sum(i.mode == Mode.CONSENT for i in sel.items),
        objection=sum(i.mode == Mode.OBJECTION for i in sel.items),
        inform=sum(i.mode == Mode.INFORM for i in sel.items),
        messages=examples,
        left_out=[
            LeftOut(i.agreement.reference, i.agreement.controller.name, why, str(labels[why]))
            for i, why in sel.left_out
        ],
        unreachable=sel.unreachable,
        include_unsigned=include_unsigned,
    )


def _examples(
    change: SubprocessorChange, items: list[PlanItem], recipients: dict[int, list[str]], now: datetime
) -> list[Message]:
    # Only the first item of each (language, procedure) is rendered: the preview of a change
    # to 10,000 clients renders a handful of messages, not 10,000.
    firsts: dict[tuple[str, str, bool], PlanItem] = {}
    counts: dict[tuple[str, str, bool], int] = {}
    for item in items:
        key = (item.language, item.mode, item.transfer_consent)
        firsts.setdefault(key, item)
        counts[key] = counts.get(key, 0) + 1
    drafts, refs, weights = [], [], []
    for key, item in firsts.items():
        clock = _clock(change, item, now)
        clock.code = uuid.uuid4()
        drafts.append(_notice_draft(
            change, clock, item, recipients[item.agreement.controller_id], _transfer_text(change, item),
            _shared_context(change, item.language), clock_link(clock),
        ))
        refs.append(item.agreement.reference)
        weights.append(counts[key])
    messages = []
    for draft, ref, weight in zip(drafts, refs, weights, strict=True):
        (message,) = render_examples([draft], [ref])
        message.count = weight
        messages.append(message)
    return sorted(messages, key=lambda m: (m.language, m.subject))
