"""Demo data: a fictional Dutch processor, its staff and four clients, through the services."""

from __future__ import annotations

import binascii
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from art28.agreements import services as agreements
from art28.agreements.models import Agreement
from art28.breaches.models import Stage
from art28.breaches.services.intake import open_incident
from art28.breaches.services.notify import send_notices
from art28.measures.services import publish_measures
from art28.parties import services as parties
from art28.parties.models import Controller, Processor, Role
from art28.requests.models import RightKind
from art28.requests.services.data_subject import record_data_subject_request
from art28.subprocessors.models import ChangeKind, Subprocessor
from art28.subprocessors.services.changes import propose_change
from art28.subprocessors.services.register import register_subprocessor
from art28.terms import demo
from art28.terms.schema import NamedSubprocessor

DEMO_PASSWORD = "demo-art28-wachtwoord"
# Fixed TOTP secrets so the demo's printed secrets stay valid across `art28 demo` runs.
TOTP_SECRETS = {"admin": b"art28-demo-admin-key", "staff": b"art28-demo-staff-key"}
ACTOR = "demo"


def totp_hex(username: str) -> str:
    return binascii.hexlify(TOTP_SECRETS[username]).decode()


def load() -> Processor:
    """Create the demo world; does nothing when it is already there."""
    existing = Processor.objects.filter(kvk=demo.PROCESSOR.kvk).first()
    if existing:
        return existing
    with transaction.atomic():
        processor = _processor()
        controllers = [_client(processor, client) for client in demo.CLIENTS]
        _daily_work(processor)
        parties.create_member(processor=processor, username="admin", email="admin@wolkenrand.example",
                              password=DEMO_PASSWORD, role=Role.PROCESSOR_ADMIN, acting_user=ACTOR,
                              totp_key=totp_hex("admin"))
        parties.create_member(processor=processor, username="staff", email="staff@wolkenrand.example",
                              password=DEMO_PASSWORD, role=Role.PROCESSOR_STAFF, acting_user=ACTOR,
                              assigned=controllers[:2], totp_key=totp_hex("staff"))
    return processor


def _processor() -> Processor:
    p = demo.PROCESSOR
    contact = p.contact.model_dump()
    return parties.create_processor(
        data={"name": p.name, "address": p.address, "postcode": p.postcode, "city": p.city,
              "country": p.country, "kvk": p.kvk, "language": "nl"},
        contact=contact, acting_user=ACTOR)


def _client(processor: Processor, client: demo.DemoClient) -> Controller:
    party = client.party
    contact = {**party.contact.model_dump(), "is_signatory": True, "is_privacy_contact": True,
               "is_breach_recipient": True}
    controller = parties.create_controller(
        processor=processor, acting_user=ACTOR, contacts=[contact],
        data={"name": party.name, "address": party.address, "postcode": party.postcode,
              "city": party.city, "country": party.country, "kvk": party.kvk or "",
              "language": client.language})
    parties.create_member(processor=processor, username=client.login, email=party.contact.email or "",
                          password=DEMO_PASSWORD, role=Role.CONTROLLER_USER, controller=controller,
                          acting_user=ACTOR)
    agreement = agreements.create_agreement(controller=controller, acting_user=ACTOR,
                                            terms=demo.demo_terms(client))
    version = agreements.send_for_signature(version=agreement.latest, acting_user=ACTOR)
    if client.signed:
        sig = agreements.Signature(name=party.contact.name or "", function=party.contact.function or "",
                                   confirmed=True, ip="127.0.0.1", user_agent="art28 demo",
                                   email=party.contact.email or "")
        agreements.accept_version(version=version, signature=sig, acting_user=ACTOR,
                                  document_sha256=version.document_sha256)
        own = demo.PROCESSOR.contact
        agreements.countersign_version(
            version=version, acting_user=ACTOR,
            signature=agreements.Signature(name=own.name or "", function=own.function or "",
                                           confirmed=True, ip="127.0.0.1", user_agent="art28 demo",
                                           email=own.email or ""))
    return controller


def _daily_work(processor: Processor) -> None:
    """What a processor's week looks like: a register, a change under way, a breach, a request."""

    registered = [_register(processor, named) for named in demo.SUBPROCESSORS]
    # The catalogue the agreements' Annex III came from, in Dutch and English.
    publish_measures(processor=processor, measures=[m.model_dump(mode="json") for m in demo.MEASURES],
                     summary="Eerste versie van de maatregelen.", substantial=False, acting_user=ACTOR)
    _propose_monitoring(processor)
    _breach_at(processor, backup=registered[1])
    dentist = Agreement.objects.get(controller__kvk=demo.CLIENTS[0].party.kvk)

    record_data_subject_request(agreement=dentist, kind=RightKind.ACCESS, requester="J. de Boer",
                                details="Asks for a copy of all data held about them.",
                                channel="e-mail", acting_user=ACTOR)


def _register(processor: Processor, named: NamedSubprocessor) -> Subprocessor:

    return register_subprocessor(
        processor=processor, acting_user=ACTOR, named_in_agreements=True,
        data={"name": named.name, "address": named.address, "country": named.country,
              "service": named.service_nl or named.service, "service_en": named.service_en or "",
              "locations": [named.country], "transfer_mechanism": "none",
              "data_categories": ["all customer data"], "scope_all": True})


def _propose_monitoring(processor: Processor) -> None:


    monitor = register_subprocessor(
        processor=processor, acting_user=ACTOR,
        data={"name": "Uptimewacht Inc.", "address": "100 Market Street, San Francisco",
              "country": "US", "service": "Bewaking van de beschikbaarheid",
              "service_en": "Uptime monitoring", "locations": ["US"],
              "transfer_mechanism": "dpf", "dpf_certified": True, "scope_all": True,
              "data_categories": ["server log data"]})
    propose_change(processor=processor, kind=ChangeKind.ADD, subprocessor=monitor, acting_user=ACTOR,
                   effective_at=timezone.now() + timedelta(days=45), split=True,
                   # The demo's staff chose to tell the clients still signing too (kept in the ledger).
                   include_unsigned=True,
                   reason="Round-the-clock monitoring of the hosting platform.")


def _breach_at(processor: Processor, *, backup: Subprocessor) -> None:


    incident = open_incident(
        processor=processor, acting_user=ACTOR, subprocessors=[backup],
        facts={"title": "Backup copy readable without a password",
               "aware_at": timezone.now(),  # the register starts today, so the breach does too
               "description": "One night's backup set was stored without encryption for 3 days.",
               "confidentiality": True, "subjects_approx": 120, "records_approx": 450,
               "consequences": "Unlikely misuse: the storage was not public, access logs show no downloads.",
               "measures_taken": "Backup re-encrypted, keys rotated, access logs reviewed.",
               "contact_name": demo.PROCESSOR.contact.name, "contact_email": demo.PROCESSOR.contact.email})
    send_notices(incident=incident, stage=Stage.INITIAL, acting_user=ACTOR)
