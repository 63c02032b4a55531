"""Breach notices: one per affected controller, with the facts its agreement requires."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from art28.accounts.services import with_invitations
from art28.breaches.models import AffectedAgreement, Decision, Incident, IncidentNotice, Stage
from art28.breaches.services.common import rows_for
from art28.core.bulk import insert_rows, mark_saved
from art28.core.ledger_scope import ledger_scope
from art28.core.urls import absolute_url
from art28.ledger.services import record_event
from art28.notices.models import NoticeKind
from art28.notices.services import (
    About,
    HtmlFragment,
    NoticeDraft,
    queue_notice_ids,
    render_email,
    render_html_fragment,
)
from art28.parties.models import Contact
from art28.terms.schema import BreachContent

# Which incident facts each content item of an agreement's breach clause asks for.
CONTENT_FACTS: dict[str, tuple[str, ...]] = {
    BreachContent.NATURE: ("nature", "description", "malicious", "systems", "subprocessors"),
    BreachContent.CATEGORIES: ("data_categories", "subject_categories"),
    BreachContent.NUMBERS: ("subjects_approx", "records_approx"),
    BreachContent.CONTACT: ("contact",),
    BreachContent.CONSEQUENCES: ("consequences",),
    BreachContent.MEASURES: ("measures_taken", "measures_proposed", "encrypted"),
}
ALWAYS = ("reference", "title", "aware_at", "occurred_at", "ended_at", "cross_border")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def all_facts(incident: Incident, subprocessors: list[str] | None = None) -> dict[str, Any]:
    """Every fact a notice can carry, as JSON-safe values."""
    contact = {"name": incident.contact_name, "email": incident.contact_email,
               "phone": incident.contact_phone}
    if not any(contact.values()):
        person = incident.processor.contacts.first()
        contact = ({"name": person.name, "email": person.email, "phone": person.phone}
                   if person else contact)
    return {
        "reference": incident.reference, "title": incident.title,
        "aware_at": _iso(incident.aware_at), "occurred_at": _iso(incident.occurred_at),
        "ended_at": _iso(incident.ended_at), "cross_border": incident.cross_border,
        "nature": incident.nature, "description": incident.description,
        "malicious": incident.malicious, "systems": incident.systems,
        "subprocessors": subprocessors if subprocessors is not None
        else [s.name for s in incident.subprocessors.all()],
        "data_categories": incident.data_categories, "subject_categories": incident.subject_categories,
        "subjects_approx": incident.subjects_approx, "records_approx": incident.records_approx,
        "contact": contact, "consequences": incident.consequences,
        "measures_taken": incident.measures_taken, "measures_proposed": incident.measures_proposed,
        "encrypted": incident.encrypted,
    }


def notice_facts(facts: dict[str, Any], required: list[str]) -> dict[str, Any]:
    """The facts one agreement asks for (plus the identification every notice carries)."""
    keys = list(ALWAYS) + [k for item in required for k in CONTENT_FACTS.get(item, ())]
    return {k: facts[k] for k in dict.fromkeys(keys)}


def recipients_for(incident: Incident) -> dict[int, list[str]]:
    """Controller id → its breach-notice contacts (else its privacy contacts), for every
    controller the incident touches: one joined query, however large the fan-out."""
    touched = AffectedAgreement.objects.filter(incident=incident).values("agreement__controller_id")
    rows = (Contact.objects.filter(controller_id__in=models.Subquery(touched))
            .values_list("controller_id", "email", "is_breach_recipient", "is_privacy_contact"))
    breach: dict[int, list[str]] = {}
    privacy: dict[int, list[str]] = {}
    for controller_id, email, is_breach, is_privacy in rows:
        if is_breach:
            breach.setdefault(controller_id, []).append(email)
        elif is_privacy:
            privacy.setdefault(controller_id, []).append(email)
    return {cid: breach.get(cid) or privacy.get(cid, []) for cid in breach.keys() | privacy.keys()}


def _targets(incident: Incident, stage: str, codes: list[str] | None,
             acting_user: Any) -> list[AffectedAgreement]:
    # Need-to-know: only the rows of controllers the acting user may see are ever notified.
    mine = rows_for(incident, acting_user).included()
    # Only what a notice, its preview and its invitations read: thousands of rows, three
    # instances each, and no JSON of reasons parsed that nobody reads here.
    qs = mine.select_related("agreement__controller").only(
        "code", "language", "required_content", "deadline", "notice_hours", "notified_at", "incident",
        "agreement__reference", "agreement__controller__name", "agreement__controller__language",
        "agreement__controller__webhook_url", "agreement__controller__processor")
    if codes is not None:
        qs = qs.filter(code__in=codes)
        # Another controller's code is refused like a code that is not on the list at all.
        if rows_for(incident, acting_user).filter(code__in=codes).count() != len(set(map(str, codes))):
            raise ValidationError(_("Choose agreements from this incident's list, each once."))
    if stage == Stage.INITIAL:
        rows = list(qs.filter(notified_at__isnull=True))
        if not rows and not mine.exists():
            raise ValidationError(_("This incident touches no agreement, so there is nobody to notify. "
                                    "Record that no notice is needed, with the reasoning, instead."))
        if not rows:
            raise ValidationError(_("Every affected controller has had its initial notice; send a "
                                    "follow-up instead."))
        return rows
    rows = list(qs.filter(notified_at__isnull=False))
    if not rows:
        raise ValidationError(_("Send the initial notice before a follow-up or final notice."))
    return rows


def send_notices(*, incident: Incident, stage: str, acting_user: Any, message: str = "",
                 affected_codes: list[str] | None = None,
                 expected: int | None = None) -> list[IncidentNotice]:
    """Queue an initial, follow-up or final notice to every included affected controller
    (or the chosen ones): e-mail to its breach-notice contacts, its portal, its webhook.

    Only controllers ``acting_user`` may see are notified; the others keep their clocks
    running for the staff who may see them. ``expected`` is the number of controllers the
    sender confirmed in ``preview_notices``: when the list has changed since, nothing is sent."""
    if stage not in Stage.values:
        raise ValidationError({"stage": [_("Choose initial, follow-up or final.")]})
    with transaction.atomic():
        incident = Incident.objects.select_for_update().select_related("processor").get(pk=incident.pk)
        if not incident.is_open:
            raise ValidationError(_("This incident is closed; no further notices can be sent about it."))
        targets = _targets(incident, stage, affected_codes, acting_user)
        if expected is not None and expected != len(targets):
            raise ValidationError(ngettext(
                "The list changed since the preview: %(n)s controller would now be notified, "
                "the preview showed %(e)s. Look at the preview again.",
                "The list changed since the preview: %(n)s controllers would now be notified, "
                "the preview showed %(e)s. Look at the preview again.",
                len(targets)) % {"n": len(targets), "e": expected})
        facts = all_facts(incident)
        # An initial notice goes only to rows never notified: each is number 1, no query needed.
        numbers = {r.pk: 1 for r in targets} if stage == Stage.INITIAL else _next_numbers(targets)
        now = timezone.now()
        blocks: dict[tuple, tuple[str, HtmlFragment]] = {}
        link = _link_maker()
        recipients = recipients_for(incident)
        pairs = [_draft(incident, row, stage, numbers[row.pk], facts, message, now, blocks, link,
                        recipients.get(row.agreement.controller_id, []))
                 for row in targets]
        # One bulk insert for the whole fan-out; it also schedules enough drain tasks for
        # every running worker to take a share.
        # A recipient without a login finds an invitation in the notice itself; it opens the notice.
        notice_ids = queue_notice_ids(with_invitations([draft for draft, _item in pairs],
                                                       processor=incident.processor, acting_user=acting_user))
        created = [item for _draft, item in pairs]
        for item, notice_id in zip(created, notice_ids, strict=True):
            item.notice_id = notice_id
        _insert(created)
        if stage == Stage.INITIAL:
            _mark_notified(incident, targets, affected_codes, now, acting_user)
            if incident.decision != Decision.NOTIFY:
                incident.decision = Decision.NOTIFY
                incident.save(update_fields=["decision"])
        late = sum(1 for n in created if n.created_at > n.affected.deadline)
        record_event(action=f"breach.notice_{stage}", obj=incident, acting_user=acting_user,
                     data={"controllers": len(created), "queued_after_deadline": late,
                           "facts": sorted(k for k, v in facts.items() if v not in (None, "", []))},
                     **ledger_scope(incident.processor_id))
    return created


def _insert(created: list[IncidentNotice]) -> None:
    """The breach notices as plain rows (no per-field work of the ORM); their ids set after."""
    fields = ("code", "affected", "notice", "stage", "number", "facts", "message", "created_at",
              "acknowledged_by")
    mark_saved(created, insert_rows(IncidentNotice, fields, [
        (n.code, n.affected_id, n.notice_id, n.stage, n.number, n.facts, n.message, n.created_at, None)
        for n in created], key="code"))


def preview_notices(*, incident: Incident, stage: str, acting_user: Any, message: str = "",
                    affected_codes: list[str] | None = None) -> dict[str, Any]:
    """What ``send_notices`` would send, without sending or recording anything: how many
    controllers and e-mail addresses, the rendered message per language (one per set of
    facts the agreements ask for), the controllers with no e-mail recipient, and the
    agreements left out with their reasons. Same refusals as ``send_notices``."""
    if stage not in Stage.values:
        raise ValidationError({"stage": [_("Choose initial, follow-up or final.")]})
    if not incident.is_open:
        raise ValidationError(_("This incident is closed; no further notices can be sent about it."))
    targets = _targets(incident, stage, affected_codes, acting_user)
    facts, recipients = all_facts(incident), recipients_for(incident)
    now, link = timezone.now(), _link_maker()
    numbers = {r.pk: 1 for r in targets} if stage == Stage.INITIAL else _next_numbers(targets)
    variants: dict[tuple, dict[str, Any]] = {}
    addresses: set[str] = set()
    unreachable = []
    for row in targets:
        emails = recipients.get(row.agreement.controller_id, [])
        addresses |= {e.strip().lower() for e in emails if e and e.strip()}
        if not emails:
            unreachable.append(row.agreement.controller.name)
        key = (row.language, tuple(row.required_content))
        if key not in variants:
            variants[key] = _rendered(incident, row, stage, numbers[row.pk], facts, message, now, link,
                                      emails)
        variants[key]["controllers"] += 1
    left = rows_for(incident, acting_user).filter(included=False).select_related("agreement__controller")
    return {"stage": stage, "controllers": len(targets), "recipients": len(addresses),
            "without_recipient": sorted(unreachable),
            "messages": sorted(variants.values(), key=lambda v: (v["language"], -v["controllers"])),
            "left_out": [{"controller": r.agreement.controller.name, "agreement": r.agreement.reference,
                          "reason": r.exclusion_reason} for r in left.order_by("agreement__reference")]}


def _rendered(incident: Incident, row: AffectedAgreement, stage: str, number: int,
              facts: dict[str, Any], message: str, now: datetime, link: LinkMaker,
              emails: list[str]) -> dict[str, Any]:
    draft, _item = _draft(incident, row, stage, number, facts, message, now, {}, link, emails)
    subject, text, _html = render_email(draft.template, row.language,
                                        {**draft.context, "link": draft.link, "controller": draft.controller})
    return {"language": row.language, "required_content": list(row.required_content), "subject": subject,
            "text": text, "controllers": 0, "example": row.agreement.controller.name}


def _mark_notified(incident: Incident, targets: list[AffectedAgreement], codes: list[str] | None,
                   now: datetime, acting_user: Any) -> None:
    if codes is None:  # the same rows as ``targets``, without a long IN (...) list for a large fan-out
        rows_for(incident, acting_user).included().filter(notified_at__isnull=True).update(notified_at=now)
    else:
        AffectedAgreement.objects.filter(pk__in=[r.pk for r in targets]).update(notified_at=now)


def _next_numbers(targets: list[AffectedAgreement]) -> dict[int, int]:
    from django.db.models import Max

    last = dict(IncidentNotice.objects.filter(affected__in=targets).values("affected")
                .annotate(m=Max("number")).values_list("affected", "m"))
    return {row.pk: last.get(row.pk, 0) + 1 for row in targets}


def portal_link(code: uuid.UUID) -> str:
    return absolute_url("breaches:portal_notice", code)


#: Makes the portal link of a notice from its code.
LinkMaker = Callable[[uuid.UUID], str]


def _link_maker() -> LinkMaker:
    """portal_link without a URL reverse per notice (reverse costs ~0.5 ms; fan-outs are large)."""
    placeholder = uuid.UUID(int=0)
    template = portal_link(placeholder)
    return lambda code: template.replace(str(placeholder), str(code))


def facts_block(incident: Incident, facts: dict[str, Any], *, language: str, stage: str,
                number: int) -> tuple[str, HtmlFragment]:
    """The facts part of a notice in the notice's language: as text, and as escaped HTML."""
    context = {"facts": facts, "stage": Stage(stage), "number": number, "aware_at": incident.aware_at,
               "occurred_at": incident.occurred_at}
    with translation.override(language):
        text = render_to_string(f"notices/email/{language}/_breach_facts.txt", context)
        html = render_html_fragment(f"notices/email/{language}/_breach_facts.html", context)
    return str.__str__(text), html


def _draft(incident: Incident, row: AffectedAgreement, stage: str, number: int,
           facts: dict[str, Any], message: str, now: datetime,
           blocks: dict[tuple, tuple[str, HtmlFragment]],
           link: LinkMaker, recipients: list[str]) -> tuple[NoticeDraft, IncidentNotice]:
    code = uuid.uuid4()
    sent = notice_facts(facts, row.required_content)
    # Many controllers get the same facts: render that part once per language and content.
    key = (row.language, number, tuple(row.required_content))
    if key not in blocks:
        blocks[key] = facts_block(incident, sent, language=row.language, stage=stage, number=number)
    draft = NoticeDraft(
        controller=row.agreement.controller, kind=NoticeKind.BREACH_NOTICE,
        about=About("incidentnotice", str(code)), template="breach_notice",
        recipients=recipients, link=link(code), language=row.language,
        deadline=row.deadline if stage == Stage.INITIAL else None,
        context={"facts": sent, "stage": Stage(stage), "number": number, "message": message,
                 "processor": incident.processor.name, "agreement": row.agreement.reference,
                 "notice_hours": row.notice_hours, "facts_block": blocks[key][0],
                 "facts_html": blocks[key][1]})
    return draft, IncidentNotice(code=code, affected=row, stage=stage, number=number, facts=sent,
                                 message=message, created_at=now)
