"""Demo data: a fictional Dutch processor, its staff and four clients, through the services."""

from __future__ import annotations

import binascii

from django.db import transaction

from art28.agreements import services as agreements
from art28.parties import services as parties
from art28.parties.models import Processor, Role
from art28.terms import demo

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


def _client(processor: Processor, client: demo.DemoClient):  # type: ignore[no-untyped-def]
    party = client.party
    contact = {**party.contact.model_dump(), "is_signatory": True, "is_privacy_contact": True,
               "is_breach_recipient": True}
    controller = parties.create_controller(
        processor=processor, acting_user=ACTOR, contacts=[contact],
        data={"name": party.name, "address": party.address, "postcode": party.postcode,
              "city": party.city, "country": party.country, "kvk": party.kvk or "",
              "language": client.language})
    parties.create_member(processor=processor, username=client.login, email=party.contact.email,
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
