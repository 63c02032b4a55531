"""The rows a fan-out writes are the rows it wrote before the queue was made fast.

A small breach fan-out and a small sub-processor change, built through the services with
the clock frozen, are dumped table by table (notices, deliveries, breach notices, clocks,
invitations, links, ledger events) with every random value (codes, tokens) replaced by a
placeholder in order of first appearance and every id by its row's place or its name. The
dump must equal ``fanout_rows.json``, written by the code before the change (on branch
``queue``: ``ART28_WRITE_FANOUT_ROWS=1`` rewrites it, on purpose only).
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import models, transaction

FIXTURE = Path(__file__).with_name("fanout_rows.json")
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
GENERAL = {"subprocessors": {"authorisation": "general", "notice_days": 30, "objection_days": 14,
                             "business_days": False}, "transfers": {"outside_eea": "with_safeguards"}}
SPECIFIC = {"subprocessors": {"authorisation": "specific", "notice_days": 30}}
RANDOM = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|[0-9a-f]{64}"
                    r"|(?<=/invite/)[A-Za-z0-9_-]{43}")


def _people(processor):
    """Six clients: nl and en, a webhook, two breach recipients, a contact with a login, a
    contact with an open invitation of this processor, one without any breach recipient."""
    from art28.accounts.services import create_invitation
    from art28.parties.models import Contact, Controller

    out = []
    for i in range(6):
        c = Controller.objects.create(processor=processor, name=f"Klant & Zn <{i}>", kvk=f"{61000000 + i}",
                                      language="nl" if i % 2 else "en", country="NL",
                                      webhook_url="https://hook.example/in" if i == 1 else "")
        Contact.objects.create(controller=c, name=f"DPO {i}", email=f"dpo{i}@klant{i}.example",
                               is_breach_recipient=i != 5, is_privacy_contact=True, is_signatory=True)
        if i == 2:
            Contact.objects.create(controller=c, name="Tweede", email=f"Second{i}@Klant{i}.example",
                                   is_breach_recipient=True)
        out.append(c)
    get_user_model().objects.create_user(username="dpo3@klant3.example", email="dpo3@klant3.example")
    create_invitation(processor=processor, email="dpo4@klant4.example", role="client", controller=out[4],
                      acting_user="seed")
    return out


def _breach(processor, controllers):
    from art28.agreements.models import Agreement, AgreementVersion
    from art28.breaches.services import open_incident, send_notices
    from art28.subprocessors.models import AgreementSubprocessor, Subprocessor
    from art28.terms.defaults import standard_terms

    sp = Subprocessor.objects.create(processor=processor, name="Kluis GmbH", country="DE", service="backup",
                                     status="active")
    for i, c in enumerate(controllers):
        a = Agreement.objects.create(controller=c, reference=f"R-{i}")
        terms = standard_terms(language=c.language, notice_hours=24 + i).model_dump(mode="json")
        AgreementVersion.objects.create(agreement=a, number=1, status="signed", language=c.language,
                                        standard_version="2026.1", terms=terms,
                                        signed_at=NOW - timedelta(days=9))
        AgreementSubprocessor.objects.create(subprocessor=sp, agreement=a, status="authorised", basis="named",
                                             since=NOW - timedelta(days=9))
    incident = open_incident(processor=processor, acting_user="bench", subprocessors=[sp], facts={
        "title": "Kluis <open> & lek", "aware_at": NOW - timedelta(hours=1), "confidentiality": True,
        "description": "Een bucket was leesbaar.", "data_categories": ["naam"], "subjects_approx": 12})
    send_notices(incident=incident, stage="initial", acting_user="bench", message="Zie 'bijlage' & <meer>")


def _change(processor, controllers):
    from art28.agreements.models import AgreementVersion
    from art28.agreements.services import create_agreement
    from art28.subprocessors.services import propose_change, register_subprocessor

    with transaction.atomic():
        created = [create_agreement(controller=c, acting_user="seed", terms=SPECIFIC if i == 0 else GENERAL)
                   for i, c in enumerate(controllers)]
        # As if sent, not signed (sending renders and mails documents, not what is compared here): a
        # change tells them with unsigned agreements included; a draft never sent is never told.
        AgreementVersion.objects.filter(agreement__in=created).update(status="sent")
    sp = register_subprocessor(processor=processor, acting_user="seed", data={
        "name": "Rekenhal GmbH", "country": "DE", "address": "Hauptstrasse 1, Frankfurt",
        "service": "Hosting", "locations": ["DE"], "data_categories": ["klantgegevens"]})
    propose_change(processor=processor, kind="add", subprocessor=sp, acting_user="bench",
                   effective_at=NOW + timedelta(days=40), include_unsigned=True, reason="Tweede & <hal>")


def _tables():
    from art28.accounts.models import Invitation
    from art28.breaches.models import AffectedAgreement, IncidentNotice
    from art28.ledger.models import Event
    from art28.notices.models import Delivery, Notice
    from art28.subprocessors.models import AgreementSubprocessor, ChangeAgreement

    return [Notice, Delivery, AffectedAgreement, IncidentNotice, ChangeAgreement, AgreementSubprocessor,
            Invitation, Event]


def _dump() -> dict[str, list[dict[str, Any]]]:
    from art28.parties.models import Controller, Processor

    tables = _tables()
    # The ledger's plain id references, as places too: PostgreSQL's sequences go on counting
    # across the tests of one run, so raw ids differ from run to run.
    id_refs = {"processor_id_ref": Processor, "controller_id_ref": Controller}
    places = {m: {pk: i for i, pk in enumerate(m.objects.order_by("pk").values_list("pk", flat=True))}
              for m in [*tables, Processor, Controller]}
    fk_places = {m: places[m] for m in tables}  # other keys show as their target's name
    randoms: dict[str, str] = {}

    def scrub(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        if isinstance(value, datetime):
            return value.isoformat()
        text = str(value) if value is not None and not isinstance(value, bool | int | float) else value
        if isinstance(text, str):
            return RANDOM.sub(lambda m: randoms.setdefault(m.group(0).replace("-", ""), f"<r{len(randoms)}>"),
                              text)
        return text

    out: dict[str, list[dict[str, Any]]] = {}
    for model in tables:
        rows = []
        for obj in model.objects.order_by("pk"):
            row: dict[str, Any] = {}
            for field in model._meta.concrete_fields:
                if field.primary_key or field.name in {"hash", "prev_hash", "seq"}:
                    continue
                value = getattr(obj, field.attname)
                if field.name in id_refs and value is not None:
                    value = f"{id_refs[field.name].__name__}#{places[id_refs[field.name]][value]}"
                elif isinstance(field, models.ForeignKey) and value is not None:
                    target = field.related_model
                    value = (f"{target.__name__}#{fk_places[target][value]}" if target in fk_places
                             else str(getattr(obj, field.name)))
                row[field.name] = scrub(value)
            rows.append(row)
        out[model.__name__] = rows
    return out


@pytest.mark.django_db
def test_a_fan_out_writes_the_same_rows_as_before(processor):
    with time_machine.travel(NOW, tick=False):
        controllers = _people(processor)
        _breach(processor, controllers)
        _change(processor, controllers)
    dump = _dump()
    assert len(dump["Notice"]) >= 12 and len(dump["Delivery"]) >= 12
    if os.environ.get("ART28_WRITE_FANOUT_ROWS"):
        FIXTURE.write_text(json.dumps(dump, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    expected = json.loads(FIXTURE.read_text())
    for table, rows in expected.items():
        assert dump[table] == rows, table
