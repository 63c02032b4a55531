"""Who receives a notice, and who would receive it from nobody.

One place for the rule "which of a controller's contacts hears about this kind of notice",
so a fan-out, its preview and the check that nobody is left unreachable agree:

* breach notices go to the breach-notice recipients, else the privacy contacts;
* every other notice goes to the privacy contacts, else the signatories.

A controller with a webhook still gets the notice through it, so it is not unreachable.
Staff notices (an answer came in) go to the staff assigned to the controller, else to the
processor's admins.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from art28.notices.models import Audience, Notice, NoticeKind
from art28.notices.services import About, queue_notice
from art28.parties.models import Contact, Controller, Membership, Role

CHUNK = 5000


def notice_recipients(kind: str, controller_ids: Iterable[int]) -> dict[int, list[str]]:
    """Controller id → the e-mail addresses that receive a notice of ``kind`` (may be empty)."""
    ids = sorted(set(controller_ids))
    breach = kind == NoticeKind.BREACH_NOTICE
    first: dict[int, list[str]] = {}
    second: dict[int, list[str]] = {}
    for chunk in range(0, len(ids), CHUNK):
        rows = Contact.objects.filter(controller_id__in=ids[chunk : chunk + CHUNK]).values_list(
            "controller_id", "email", "is_breach_recipient", "is_privacy_contact", "is_signatory"
        )
        for cid, email, is_breach, is_privacy, is_signer in rows:
            if (is_breach if breach else is_privacy):
                first.setdefault(cid, []).append(email)
            if (is_privacy if breach else is_signer):
                second.setdefault(cid, []).append(email)
    return {cid: first.get(cid) or second.get(cid) or [] for cid in ids}


def recipients_missing(kind: str, controller_ids: Iterable[int]) -> list[Controller]:
    """The controllers (by name) that a notice of ``kind`` would reach nobody at: no contact
    for that kind of notice and no webhook. Read-only; for previews and refusals."""
    recipients = notice_recipients(kind, controller_ids)
    empty = [cid for cid, emails in recipients.items() if not emails]
    found: list[Controller] = []
    for chunk in range(0, len(empty), CHUNK):
        found += Controller.objects.filter(pk__in=empty[chunk : chunk + CHUNK], webhook_url="").only(
            "pk", "code", "name", "processor_id"
        )
    return sorted(found, key=lambda c: (c.name.lower(), c.pk))


def staff_recipients(processor_id: int, controller_id: int | None) -> list[str]:
    """The staff assigned to the controller (with write access), else the processor's admins."""
    members = Membership.objects.filter(
        processor_id=processor_id, role=Role.PROCESSOR_STAFF, read_only=False,
        assigned_controllers=controller_id,
    ).select_related("user")
    emails = {m.user.email for m in members if m.user.email}
    if not emails:
        admins = Membership.objects.filter(processor_id=processor_id, role=Role.PROCESSOR_ADMIN)
        emails = {m.user.email for m in admins.select_related("user") if m.user.email}
    return sorted(emails)


def notify_staff_of_answer(*, controller: Controller, about: About, what: Any, reference: str,
                           link: str, subject: str = "", detail: str = "") -> Notice:
    """Tell the staff who answer for ``controller`` that it answered (consent, objection,
    acknowledgement, audit request): a processor-level notice through the outbox, in the
    processor's language. ``what`` is a lazy translation, rendered in that language.

    Call inside the answer's transaction."""
    processor = controller.processor
    return queue_notice(
        controller=controller, processor=processor, audience=Audience.PROCESSOR,
        kind=NoticeKind.ANSWER_RECEIVED, about=about, template="staff_answer_received",
        recipients=staff_recipients(processor.pk, controller.pk), link=link,
        language=processor.language,
        context={"controller_name": controller.name, "what": what, "reference": reference,
                 "subject": subject, "detail": detail},
    )
