"""The append-only, hash-chained record of every state change."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from art28.core.status import Tone, status_tones

GENESIS = "0" * 64


# The fields the hash covers, in the order canonical_payload takes them: verification reads
# these as plain tuples (no model instance per event).
HASHED_FIELDS = ("seq", "code", "at", "actor_label", "action", "object_type", "object_code",
                 "processor_id_ref", "controller_id_ref", "data", "prev_hash")

_encode = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode


def canonical_payload(seq: int, code: uuid.UUID, at: datetime, actor: str, action: str,
                      object_type: str, object_code: str, processor: int | None,
                      controller: int | None, data: object, prev: str) -> bytes:
    """The canonical bytes an event's hash covers (sorted keys, compact, UTF-8)."""
    return _encode({
        "seq": seq, "code": str(code), "at": at.isoformat(), "actor": actor, "action": action,
        "object_type": object_type, "object_code": object_code, "processor": processor,
        "controller": controller, "data": data, "prev": prev,
    }).encode()


class ChainHead(models.Model):
    """One row that every append locks, so the chain stays a single line on any database."""

    last_hash = models.CharField(max_length=64, default=GENESIS)
    last_seq = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"head #{self.last_seq}"


class Event(models.Model):
    seq = models.BigIntegerField(unique=True, verbose_name=_("sequence"))
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField(verbose_name=_("time"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=200, verbose_name=_("actor"))
    action = models.CharField(max_length=80, verbose_name=_("action"))
    object_type = models.CharField(max_length=80)
    object_code = models.CharField(max_length=64)
    # Scopes for need-to-know filtering and a controller's own extract.
    processor_id_ref = models.BigIntegerField(null=True, db_index=True)
    controller_id_ref = models.BigIntegerField(null=True, db_index=True)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        # The ledger page reads a processor's events newest first, a page at a time from a seq:
        # an index seek, whatever the size of the ledger. The page's filters (client, kind,
        # days) and its count read the columns they test from the index itself, never the
        # wide rows: 9-22 ms instead of 22-72 ms at 104,000 events for a rare match.
        indexes = [models.Index(fields=["processor_id_ref", "seq", "controller_id_ref", "action", "at"],
                                name="ledger_event_page_filters")]
        verbose_name = _("ledger event")
        verbose_name_plural = _("ledger events")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_code}"

    def payload(self) -> bytes:
        """The canonical bytes the hash covers."""
        return canonical_payload(self.seq, self.code, self.at, self.actor_label, self.action,
                                 self.object_type, self.object_code, self.processor_id_ref,
                                 self.controller_id_ref, self.data, self.prev_hash)

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload()).hexdigest()


@status_tones(RUNNING=Tone.ACTIVE, DONE=Tone.DONE)
class CheckStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")


class ChainCheck(models.Model):
    """One verification of the chain, asked for on the ledger page and run by the worker:
    recomputing every hash takes seconds at 100,000 events, too long for a page view."""

    processor_id_ref = models.BigIntegerField(db_index=True)
    requested_by = models.CharField(max_length=200)
    requested_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=CheckStatus.choices, default=CheckStatus.QUEUED)
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(null=True)
    checked = models.BigIntegerField(default=0)
    broken_seq = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("chain check")
        verbose_name_plural = _("chain checks")

    def __str__(self) -> str:
        return f"check {self.pk}: {self.status}"
