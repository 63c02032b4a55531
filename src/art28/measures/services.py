"""The versioned catalogue of technical and organisational measures (Art. 32, Annex III).

A substantial change is pushed into every active agreement: ``security.measures`` of its
terms is replaced through ``agreements.services.update_terms``, which edits a draft in
place and gives a signed agreement a new version (Annex III re-rendered, its own
acceptance). Controllers whose binding terms promise notice of such changes
(``security.change_notice``) are told, with the new version to review. A change that is
not substantial (wording, a clarification) only becomes a new catalogue version; the
agreements pick it up with the next substantial change.
"""

from __future__ import annotations

from typing import Any

import pydantic
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from art28.accounts.services import queue_with_invitations
from art28.agreements import services as agreements
from art28.agreements.models import Agreement, MeasureKindLabel
from art28.agreements.services.common import controller_recipients
from art28.core.urls import absolute_url
from art28.core.users import user_or_none
from art28.ledger.services import record_event
from art28.measures.models import MeasureCatalogue
from art28.notices.models import NoticeKind
from art28.notices.services import About, NoticeDraft, schedule_drain
from art28.parties.models import Processor
from art28.terms.schema import Measure


def current_catalogue(processor: Processor) -> MeasureCatalogue | None:
    return MeasureCatalogue.objects.filter(processor=processor).order_by("-number").first()


def _texts(item: dict[str, Any]) -> dict[str, Any]:
    """The Dutch and English texts of one measure; a lone ``text`` is Dutch (the register is Dutch-first)."""
    dutch = str(item.get("text_nl") or "").strip()
    english = str(item.get("text_en") or "").strip()
    if not dutch and not english:
        dutch = str(item.get("text") or "").strip()
    return {
        "kind": item.get("kind"),
        "text": dutch or english,
        "text_nl": dutch or None,
        "text_en": english or None,
    }


def bilingual(measures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The catalogue's measures with their kind's label and each language's text ("" when missing)."""
    labels = dict(MeasureKindLabel.choices)
    return [
        {**_texts(m), "label": labels.get(m.get("kind", ""), m.get("kind", ""))}
        for m in measures
    ]


def _clean(measures: list[dict[str, Any]]) -> list[dict[str, str]]:
    cleaned = []
    for i, item in enumerate(measures):
        try:
            measure = Measure.model_validate(_texts(item))
        except pydantic.ValidationError:
            raise ValidationError(
                {f"measures.{i}": _("Each measure needs a kind (technical or organisational) and a text.")}
            ) from None
        if not measure.text:
            raise ValidationError({f"measures.{i}": _("A measure needs a text.")})
        cleaned.append(measure.model_dump(mode="json"))
    if not cleaned:
        raise ValidationError({"measures": _("List at least one measure.")})
    return cleaned


@transaction.atomic
def publish_measures(
    *, processor: Processor, measures: list[dict[str, Any]], summary: str, substantial: bool, acting_user: Any
) -> MeasureCatalogue:
    """Publish a new version of the catalogue; a substantial one updates agreements and tells controllers."""
    processor = Processor.objects.select_for_update().get(pk=processor.pk)
    cleaned = _clean(measures)
    if not (summary or "").strip():
        raise ValidationError({"summary": _("Say what changed.")})
    number = (MeasureCatalogue.objects.filter(processor=processor).aggregate(n=Max("number"))["n"] or 0) + 1
    catalogue = MeasureCatalogue.objects.create(
        processor=processor,
        number=number,
        measures=cleaned,
        summary=summary.strip(),
        substantial=substantial,
        created_by=user_or_none(acting_user),
    )
    if substantial:
        _push(catalogue, acting_user)
    record_event(
        action="measures.published",
        obj=catalogue,
        acting_user=acting_user,
        processor_id=processor.pk,
        data={
            "number": number,
            "substantial": substantial,
            "measures": len(cleaned),
            "agreements_updated": catalogue.agreements_updated,
            "controllers_notified": catalogue.controllers_notified,
        },
    )
    return catalogue


def _push(catalogue: MeasureCatalogue, acting_user: Any) -> None:
    active = (
        Agreement.objects.active()
        .select_related("controller")
        .filter(controller__processor=catalogue.processor)
        .order_by("pk")
    )
    updated = notified = 0
    for agreement in active:
        binding = agreement.binding.dpa_terms.security
        if [m.model_dump(mode="json") for m in binding.measures] == catalogue.measures:
            continue
        version = agreements.update_terms(
            agreement=agreement, terms={"security": {"measures": catalogue.measures}}, acting_user=acting_user
        )
        updated += 1
        if binding.change_notice:
            _notify(catalogue, agreement, version.number, acting_user)
            notified += 1
    if notified:
        schedule_drain()  # one drain for the whole fan-out
    catalogue.agreements_updated, catalogue.controllers_notified = updated, notified
    catalogue.save(update_fields=["agreements_updated", "controllers_notified"])


def _notify(catalogue: MeasureCatalogue, agreement: Agreement, version: int, acting_user: Any) -> None:
    controller = agreement.controller
    queue_with_invitations(NoticeDraft(
        controller=controller,
        kind=NoticeKind.MEASURES_CHANGED,
        about=About("agreement", str(agreement.code)),
        template="measures_changed",
        recipients=controller_recipients(controller),
        link=absolute_url("agreements:portal_agreement", agreement.code),
        context={
            "reference": agreement.reference,
            "summary": catalogue.summary,
            "catalogue": catalogue.number,
            "version": version,
            "measures": catalogue.measures,
            "processor": catalogue.processor.name,
        },
    ), processor=controller.processor, acting_user=acting_user, schedule=False)
