"""Writing to and verifying the ledger."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from art28.core.users import user_or_none
from art28.ledger.models import (
    GENESIS,
    HASHED_FIELDS,
    ChainCheck,
    ChainHead,
    CheckStatus,
    Event,
    canonical_payload,
)
from art28.ledger.signals import chain_check_requested


class LedgerError(RuntimeError):
    pass


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return getattr(actor, "username", str(actor))


def _jsonable(data: dict) -> dict:
    # Round-trip so what we hash is exactly what the JSON column gives back later.
    return json.loads(json.dumps(data, default=str))


def record_event(*, action: str, obj: Any, acting_user: Any, data: dict | None = None,
                 processor_id: int | None = None, controller_id: int | None = None) -> Event:
    """Append one event to the chain. Must run inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise LedgerError("ledger events are written inside the state change's transaction")
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    event = Event(
        seq=head.last_seq + 1,
        at=timezone.now(),
        actor=user_or_none(acting_user),
        actor_label=_actor_label(acting_user),
        action=action,
        object_type=type(obj).__name__.lower() if not isinstance(obj, tuple) else obj[0],
        object_code=str(getattr(obj, "code", "")) if not isinstance(obj, tuple) else str(obj[1]),
        processor_id_ref=processor_id,
        controller_id_ref=controller_id,
        data=_jsonable(data or {}),
        prev_hash=head.last_hash,
    )
    event.hash = event.compute_hash()
    event.save()
    head.last_seq, head.last_hash = event.seq, event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify_chain(*, batch: int = 2000, processor_id: int | None = None) -> VerifyResult:
    """Recompute every hash in order; report the first event that does not fit.

    The chain is one for all tenants, so it is always checked whole. Given ``processor_id``,
    ``checked`` counts only that processor's events, and a break at another tenant's event
    (or at a missing one) is reported without its number: one tenant learns nothing of
    another's activity.
    """
    def mine(ref: int | None) -> bool:
        return processor_id is None or ref == processor_id

    # Plain tuples streamed from the database, not model instances: at 100,000 events the
    # per-row model overhead would cost more than the hashing itself.
    rows = Event.objects.order_by("seq").values_list(*HASHED_FIELDS, "hash").iterator(chunk_size=batch)
    prev, expected_seq, total, checked = GENESIS, 1, 0, 0
    sha256 = hashlib.sha256
    for row in rows:
        seq, processor_ref, prev_hash, stored = row[0], row[7], row[10], row[11]
        if seq != expected_seq:
            return VerifyResult(False, checked, expected_seq if processor_id is None else None,
                                "event missing from the chain")
        reason = ("does not link to the event before it" if prev_hash != prev else
                  "content does not match its hash"
                  if sha256(canonical_payload(*row[:11])).hexdigest() != stored else "")
        if reason:
            return VerifyResult(False, checked, seq if mine(processor_ref) else None, reason)
        prev, expected_seq, total = stored, expected_seq + 1, total + 1
        checked += mine(processor_ref)
    head = ChainHead.objects.filter(pk=1).first()
    if head and head.last_seq != total:
        return VerifyResult(False, checked, total + 1 if processor_id is None else None,
                            "the chain ends before its recorded head")
    return VerifyResult(True, checked)


def request_chain_check(*, processor_id: int, acting_user: Any) -> ChainCheck:
    """Queue a verification of the chain for one processor's admin; the worker runs it."""
    with transaction.atomic():
        check = ChainCheck.objects.create(processor_id_ref=processor_id, requested_at=timezone.now(),
                                          requested_by=_actor_label(acting_user))
        record_event(action="ledger.check_requested", obj=("chaincheck", check.pk), acting_user=acting_user,
                     processor_id=processor_id)
        chain_check_requested.send(sender=ChainCheck, check_id=check.pk)
    return check


def run_chain_check(check_id: int) -> ChainCheck:
    """Verify the chain for a queued check and store what was found."""
    check = ChainCheck.objects.get(pk=check_id)
    ChainCheck.objects.filter(pk=check_id).update(status=CheckStatus.RUNNING)
    result = verify_chain(processor_id=check.processor_id_ref)
    ChainCheck.objects.filter(pk=check_id).update(
        status=CheckStatus.DONE, finished_at=timezone.now(), ok=result.ok, checked=result.checked,
        broken_seq=result.broken_seq, reason=result.reason)
    return ChainCheck.objects.get(pk=check_id)


def latest_chain_check(processor_id: int) -> ChainCheck | None:
    """The processor's most recent check (queued, running or done), if any."""
    return ChainCheck.objects.filter(processor_id_ref=processor_id).first()
