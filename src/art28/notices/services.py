"""Queueing notices in the caller's transaction, and delivering them from the worker."""

from __future__ import annotations

import functools
import logging
import re
import smtplib
import socket
import threading
import uuid
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Union, cast

import psycopg
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address
from django.db import DatabaseError, connection, connections, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from art28.core.bulk import insert_rows, mark_saved
from art28.ledger.services import record_event
from art28.notices import mime, stencil
from art28.notices.models import Audience, Channel, Delivery, DeliveryStatus, Notice, Subscriber
from art28.notices.signals import drain_wanted
from art28.notices.webhooks import post_webhook
from art28.parties.models import Controller, Processor

log = logging.getLogger("art28.notices")
# Small batches: a drain claims one after another until nothing is due, so every worker
# keeps taking a share of a fan-out to its end instead of one worker holding its tail.
BATCH = 50


@dataclass(frozen=True)
class About:
    type: str
    code: str


def render_email(name: str, language: str, context: dict) -> tuple[str, str, str]:
    """Subject, text and HTML body of e-mail type ``name`` in ``language``."""
    with translation.override(language):
        return _render(name, language, context)


class HtmlFragment(SafeString):
    """HTML rendered from an ``.html`` template with autoescape on: the only pre-rendered
    value an e-mail's HTML part may paste as it is."""


def render_html_fragment(template_name: str, context: dict) -> HtmlFragment:
    """Render a partial for an e-mail's HTML part (rendered once, pasted into many mails)."""
    if not template_name.endswith(".html"):
        raise ValueError(f"an HTML fragment comes from an .html template, not {template_name}")
    return HtmlFragment(render_to_string(template_name, context))


def _escapable(value: object) -> object:
    # render_to_string returns SafeString even for a .txt template rendered with autoescape
    # off; such text pasted into HTML would reach the mail unescaped. Demote it to plain
    # text so the HTML template escapes it.
    if isinstance(value, SafeString) and not isinstance(value, HtmlFragment):
        return str.__str__(value)
    return value


def _render(name: str, language: str, context: dict) -> tuple[str, str, str]:
    subject, text, html = _render_raw(name, language, context)
    return _one_line(subject), text, html


def _one_line(subject: str) -> str:
    return " ".join(subject.split())


def _html_context(context: dict) -> dict:
    return {key: _escapable(value) for key, value in context.items()}


def _parts(name: str, language: str) -> tuple[str, str, str]:
    base = f"notices/email/{language}/{name}"
    return f"{base}_subject.txt", f"{base}_body.txt", f"{base}_body.html"


def _render_raw(name: str, language: str, context: dict) -> tuple[str, str, str]:
    subject, text, html = _parts(name, language)
    return (render_to_string(subject, context), render_to_string(text, context),
            render_to_string(html, _html_context(context)))


@dataclass(frozen=True)
class NoticeDraft:
    """One notice to queue: what it is about, its e-mail template and who receives it.

    A controller's notice names its ``controller``. A staff-only notice
    (``audience="processor"``) is stored for the ``processor`` alone (default: the
    controller's); a controller given with it serves the e-mail's wording and is stored as
    the notice's ``concerns``, so the staff assigned to that controller see it.
    """

    controller: Controller | None
    kind: str
    about: About
    template: str
    context: dict
    recipients: list[str]
    link: str = ""
    deadline: datetime | None = None
    language: str | None = None
    audience: str = Audience.CONTROLLER
    processor: Processor | None = None
    # E-mail address -> that recipient's own link in place of ``link`` (an invitation).
    personal_links: dict[str, str] = field(default_factory=dict)

    @property
    def processor_id(self) -> int:
        # The id, not the object: a fan-out of thousands must not load a processor each.
        if self.processor is not None:
            return self.processor.pk
        if self.controller is None:
            raise ValueError("a notice needs a controller or a processor")
        return self.controller.processor_id

    @property
    def stored_controller(self) -> Controller | None:
        """The controller the notice row names: none for a staff-only notice."""
        if self.audience != Audience.CONTROLLER:
            return None
        if self.controller is None:
            raise ValueError("a notice to a controller needs its controller")
        return self.controller

    @property
    def concerns(self) -> Controller | None:
        """For a staff-only notice written about one controller: that controller, so the
        staff assigned to it see the notice (and a failed delivery of it)."""
        return self.controller if self.audience == Audience.PROCESSOR else None


def queue_notice(*, controller: Controller | None, kind: str, about: About, template: str,
                 context: dict, recipients: list[str], link: str = "",
                 deadline: datetime | None = None, language: str | None = None,
                 schedule: bool = True, audience: str = Audience.CONTROLLER,
                 processor: Processor | None = None) -> Notice:
    """Write a notice and its deliveries; the worker sends them after commit.

    Must run inside the state change's transaction, so a rolled-back change never
    sends anything and a committed one is never lost.
    """
    draft = NoticeDraft(controller=controller, kind=kind, about=about, template=template,
                        context=context, recipients=recipients, link=link, deadline=deadline,
                        language=language, audience=audience, processor=processor)
    return queue_notices([draft], schedule=schedule)[0]


def queue_notices(drafts: list[NoticeDraft], *, schedule: bool = True) -> list[Notice]:
    """Queue many notices at once (a fan-out): rendered per language, inserted in bulk.

    Same guarantees as ``queue_notice``: inside the caller's transaction, one delivery per
    (notice, channel, recipient). A large fan-out enqueues several drain tasks, so every
    running worker takes a share.
    """
    rows, ids = _queue(drafts, schedule)
    notices = []
    for draft, row in zip(drafts, rows, strict=True):
        notice = Notice(**dict(zip(NOTICE_FIELDS, row, strict=True)))
        notice.controller, notice.concerns = draft.stored_controller, draft.concerns  # no query later
        notices.append(notice)
    mark_saved(notices, ids, using=connection.alias)
    return notices


def queue_notice_ids(drafts: list[NoticeDraft], *, schedule: bool = True) -> list[int]:
    """``queue_notices`` for a large fan-out whose caller needs only the new notices' ids
    (to link them from its own rows): no model instance is built."""
    return _queue(drafts, schedule)[1]


# The columns of a notice row and of a delivery row, in the order ``_queue`` builds them.
NOTICE_FIELDS = ("code", "processor_id", "controller_id", "concerns_id", "kind", "language", "subject",
                 "body_text", "body_html", "link", "about_type", "about_code", "deadline", "audience",
                 "created_at", "acknowledged_at")
DELIVERY_FIELDS = ("code", "notice_id", "channel", "recipient", "personal_link", "subscriber_id", "status",
                   "attempts", "next_attempt_at", "lease_until", "claim", "last_error", "sent_at")
_NOTICE_COLUMNS = tuple(name.removesuffix("_id") for name in NOTICE_FIELDS)
_DELIVERY_COLUMNS = tuple(name.removesuffix("_id") for name in DELIVERY_FIELDS)


def _queue(drafts: list[NoticeDraft], schedule: bool) -> tuple[list[tuple], list[int]]:
    """Render and insert the notices and their deliveries: plain rows (``core.bulk``), a few
    statements per thousand notices, no model instance and no query per notice."""
    if not connection.in_atomic_block:
        raise RuntimeError("notices are queued inside the state change's transaction")
    now = timezone.now()
    rows = [_notice_row(draft, *parts, now) for draft, parts in zip(drafts, _render_all(drafts), strict=True)]
    ids = insert_rows(Notice, _NOTICE_COLUMNS, rows, key="code")
    deliveries = [d for pk, draft in zip(ids, drafts, strict=True) for d in _delivery_rows(pk, draft, now)]
    insert_rows(Delivery, _DELIVERY_COLUMNS, deliveries)
    if schedule:
        schedule_drain(parallel=_parallel_drains(len(deliveries)))
    return rows, ids


def _render_all(drafts: list[NoticeDraft]) -> list[tuple[str, str, str, str]]:
    """(language, subject, text, HTML) of each draft."""
    out: list[tuple[str, str, str, str] | None] = [None] * len(drafts)
    groups: dict[tuple[str, str], list[int]] = {}
    for i, draft in enumerate(drafts):
        party = draft.controller or draft.processor
        assert party is not None  # a notice is to a controller or from a processor
        groups.setdefault((draft.language or party.language, draft.template), []).append(i)
    for (language, template), indexes in groups.items():
        with translation.override(language):  # one switch per language, not per notice
            # One render per (language, template); each notice's own values filled in.
            parts = stencil.render_group(
                [_context(drafts[i]) for i in indexes],
                functools.partial(_render_raw, template, language),
                _parts(template, language), (_same, _same, _html_context))
            for i, (subject, text, html) in zip(indexes, parts, strict=True):
                out[i] = (language, _one_line(subject), text, html)
    return cast(list[tuple[str, str, str, str]], out)  # every index was filled above


def _same(context: dict) -> dict:
    return context


def _context(draft: NoticeDraft) -> dict:
    return {**draft.context, "link": draft.link, "controller": draft.controller}


def _notice_row(draft: NoticeDraft, language: str, subject: str, text: str, html: str,
                now: datetime) -> tuple:
    stored, concerns = draft.stored_controller, draft.concerns
    return (uuid.uuid4(), draft.processor_id, stored.pk if stored else None,
            concerns.pk if concerns else None, draft.kind, language, subject, text, html, draft.link,
            draft.about.type, draft.about.code,
            draft.deadline, draft.audience, now, None)


def _delivery_rows(notice_id: int, draft: NoticeDraft, now: datetime) -> list[tuple]:
    unique = sorted({r.strip().lower() for r in draft.recipients if r and r.strip()})
    links, pending = draft.personal_links, DeliveryStatus.PENDING.value
    out = [(uuid.uuid4(), notice_id, Channel.EMAIL.value, r, links.get(r, ""), None, pending,
            0, now, None, None, "", None) for r in unique]
    if draft.audience == Audience.CONTROLLER and draft.controller and draft.controller.webhook_url:
        out.append((uuid.uuid4(), notice_id, Channel.WEBHOOK.value, draft.controller.webhook_url, "", None,
                    DeliveryStatus.PENDING.value, 0, now, None, None, "", None))
    return out


def _parallel_drains(deliveries: int) -> int:
    """One drain task per worker (``ART28_DELIVERY_WORKERS``), or per batch when there are
    fewer batches than workers: every worker is busy while a fan-out lasts."""
    return max(1, min(settings.ART28_DELIVERY_WORKERS, -(-deliveries // BATCH)))


def schedule_drain(run_after: datetime | None = None, *, parallel: int = 1) -> None:
    """Enqueue drain tasks (in the current transaction when there is one).

    Each drain claims batches under a lease until nothing is due, so ``parallel`` tasks
    let that many workers deliver one large fan-out side by side.
    """
    # The tasks import these services; they hear of the request rather than being imported.
    drain_wanted.send(sender=Delivery, run_after=run_after, parallel=parallel)


def _lease() -> timedelta:
    return timedelta(seconds=settings.ART28_DELIVERY_LEASE_SECONDS)


def claim_batch(limit: int = BATCH) -> tuple[uuid.UUID, list[int]]:
    """Mark up to ``limit`` due deliveries as ours for a lease; return our claim and their ids.

    The claim token, not the ids read, decides what is ours: two workers that read the same
    due rows (SQLite has no SKIP LOCKED) both update them, and only the later token holds.
    """
    now = timezone.now()
    token = uuid.uuid4()
    with transaction.atomic():
        qs = Delivery.objects.due(now).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("pk", flat=True)[:limit])
        Delivery.objects.due(now).filter(pk__in=ids).update(
            status=DeliveryStatus.SENDING, lease_until=now + _lease(), claim=token)
    return token, ids


def drain(limit_batches: int | None = None) -> int:
    """Deliver every due delivery, batch by batch, over one SMTP connection for the drain."""
    sent = batches = 0
    smtp = get_connection(fail_silently=False)  # opened at the first e-mail, kept while it works
    recorder = _recorder()
    try:
        while limit_batches is None or batches < limit_batches:
            token, mails, webhooks = _claim_mails()
            if not mails:
                break
            batches += 1
            sent += _deliver_mails(token, mails, webhooks, smtp, recorder)
    finally:
        _reset(smtp)
        if recorder is not None:
            recorder.submit(connections.close_all).result()  # the recorder thread's own connection
            recorder.shutdown()
    _reschedule_waiting()
    return sent


def _recorder() -> ThreadPoolExecutor | None:
    """On PostgreSQL, outside a transaction: one thread with a database connection of its own
    that records each message as sent while the next message's SMTP exchange is prepared
    (``_Staged``). Elsewhere (SQLite is in-process; a caller's transaction would be invisible
    to a second connection) every message is recorded in line."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="delivery-recorder")


def _heartbeat_seconds() -> float:
    """How often a living worker renews its claims: four times per lease, so one late or
    failed renewal never lets the lease run out."""
    return _lease().total_seconds() / 4


class _Claim:
    """A worker's hold on one batch: renewed by a heartbeat while the worker lives (however
    slow or frozen the mail server), re-checked before every message, so a second worker
    never sends what this one is still sending, and a dead worker's batch is free again one
    lease after its last heartbeat."""

    def __init__(self, token: uuid.UUID):
        self.token = token

    def ours(self) -> models.QuerySet:
        return Delivery.objects.filter(claim=self.token, status=DeliveryStatus.SENDING)

    def renew(self) -> int:
        """Push the lease of what is still ours one lease ahead; return how many rows."""
        return self.ours().update(lease_until=timezone.now() + _lease())

    def take(self, pk: int) -> bool:
        """Say whether delivery ``pk`` is still ours. A read, not a write: the heartbeat keeps
        the lease renewed, so a read just before the send is enough."""
        return self.ours().filter(pk=pk).exists()

    def sent(self, pk: int, attempts: int, then: int | None) -> bool:
        """Record delivery ``pk`` as sent (the mail server accepted it) and say whether
        ``then``, the next one of the batch, is still ours: one statement, so each message
        costs one round trip to PostgreSQL, and is recorded before the next is sent."""
        now = timezone.now()
        if then is None or connection.vendor != "postgresql":
            # SQLite is in-process (no round trip to save), and RETURNING needs SQLite 3.35.
            Delivery.objects.filter(pk=pk).update(status=DeliveryStatus.SENT, sent_at=now, lease_until=None,
                                                  claim=None, attempts=attempts, last_error="")
            return then is not None and self.take(then)
        if connection.connection is None:  # what ensure_connection() checks, once per thread
            connection.ensure_connection()
        # A prepared statement with its parameters bound by the server (Django's cursors
        # quote them into the text, which PostgreSQL then parses and plans again for every
        # message): less processor time per message for the worker and for PostgreSQL. The
        # cursor is kept for the connection (one per thread), not made per message.
        with connection.wrap_database_errors:
            cursor = _sent_cursor(connection.connection)
            cursor.execute(_sent_sql(), [_SENT, now, attempts, pk, then, self.token, _SENDING], prepare=True)
            row = cursor.fetchone()
        if row is None:  # the sent row is gone (its subscriber left meanwhile): ask apart
            return self.take(then)
        return bool(row[0])

    def release(self) -> None:
        """Give back what is still ours, due at once, when we stop early."""
        self.ours().update(status=DeliveryStatus.PENDING, lease_until=None, claim=None)


_SENT, _SENDING = DeliveryStatus.SENT.value, DeliveryStatus.SENDING.value
_PENDING = DeliveryStatus.PENDING.value
# The cursor ``_Claim.sent`` runs its statement with: one per thread, for the thread's
# current database connection (held by the thread, so it goes with the recorder thread).
_sent_cursors = threading.local()


def _sent_cursor(raw: psycopg.Connection) -> psycopg.Cursor:
    cursor: psycopg.Cursor | None = getattr(_sent_cursors, "cursor", None)
    if cursor is None or cursor.closed or cursor.connection is not raw:
        cursor = _sent_cursors.cursor = psycopg.Cursor(raw)
    return cursor


@functools.cache
def _sent_sql() -> str:
    """``_Claim.sent``'s statement on PostgreSQL: record one delivery as sent, and say whether
    the next is still ours. The sub-select is ``_Claim.ours()`` in SQL (claim and status):
    change both together."""
    meta, ops = Delivery._meta, connection.ops
    table, key = ops.quote_name(meta.db_table), ops.quote_name(cast(str, meta.pk.column))
    return (f"UPDATE {table} SET status = %s, sent_at = %s, lease_until = NULL, claim = NULL, "  # noqa: S608 - names from the model
            f"attempts = %s, last_error = '' WHERE {key} = %s RETURNING (SELECT COUNT(*) FROM {table} "
            f"WHERE {key} = %s AND claim = %s AND status = %s)")


class _Heartbeat:
    """Renews a claim's lease from a thread of its own every ``_heartbeat_seconds()``, for as
    long as the batch is being delivered. Time, not message count, drives it: a message that
    takes longer than a lease (slow or frozen mail server) keeps its claim, and a killed
    worker stops beating, so its batch is taken over one lease later."""

    def __init__(self, claim: _Claim):
        self.claim = claim
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{claim.token}", daemon=True)

    def _run(self) -> None:
        try:
            while not self._stop.wait(_heartbeat_seconds()):
                try:
                    self.claim.renew()
                except DatabaseError as exc:  # a busy database: the next beat tries again
                    log.warning("heartbeat of claim %s failed: %s", self.claim.token, exc)
        finally:
            connections.close_all()  # this thread's own connections only

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass(frozen=True)
class _Text:
    """A notice's part of its e-mails."""

    code: uuid.UUID
    subject: str
    body_text: str
    body_html: str
    link: str
    language: str


@dataclass(frozen=True)
class _Mail:
    """What sending one delivery needs: read for a whole batch in two queries, without
    model instances."""

    pk: int
    code: uuid.UUID
    channel: str
    recipient: str
    personal_link: str
    attempts: int
    unsubscribe_token: str | None
    notice: _Text

    @property
    def message_id(self) -> str:
        return f"<{self.code}@art28>"


def _load(ids: list[int]) -> tuple[list[_Mail], dict[int, Delivery]]:
    """The batch's mails in order, and its webhook deliveries as model instances."""
    rows = list(Delivery.objects.filter(pk__in=ids).order_by("pk").values_list(
        "pk", "code", "channel", "recipient", "personal_link", "attempts", "subscriber__unsubscribe_token",
        "notice_id"))
    texts = {row[0]: _Text(*row[1:]) for row in Notice.objects.filter(pk__in={row[-1] for row in rows})
             .values_list("pk", "code", "subject", "body_text", "body_html", "link", "language")}
    mails = [_Mail(*row[:-1], notice=texts[row[-1]]) for row in rows]
    return mails, _webhooks(mails)


def _webhooks(mails: list[_Mail]) -> dict[int, Delivery]:
    """The batch's webhook deliveries as model instances (a query only when there are any)."""
    ids = [mail.pk for mail in mails if mail.channel != Channel.EMAIL]
    if not ids:
        return {}
    return {d.pk: d for d in Delivery.objects.filter(pk__in=ids).select_related("notice", "subscriber")}


def _claim_mails(limit: int = BATCH) -> tuple[uuid.UUID, list[_Mail], dict[int, Delivery]]:
    """``claim_batch`` and ``_load`` together. On PostgreSQL one statement claims the batch and
    returns what its mails need (one round trip per batch instead of five, and no ORM
    compiling); elsewhere the two as they are."""
    if connection.vendor != "postgresql":
        token, ids = claim_batch(limit)
        return (token, *_load(ids))
    now, token = timezone.now(), uuid.uuid4()
    with connection.cursor() as cursor:
        cursor.execute(_claim_sql(), {"sending": _SENDING, "pending": _PENDING, "now": now,
                                      "lease": now + _lease(), "token": token, "limit": limit})
        rows = cursor.fetchall()
    texts: dict[int, _Text] = {}  # one per notice, however many of its mails the batch has
    mails = []
    for row in rows:
        text = texts.get(row[7])
        if text is None:
            text = texts[row[7]] = _Text(*row[8:])
        pk, code, channel, recipient, personal_link, attempts, unsubscribe_token = row[:7]
        mails.append(_Mail(pk, code, channel, recipient, personal_link, attempts, unsubscribe_token, text))
    return token, mails, _webhooks(mails)


@functools.cache
def _claim_sql() -> str:
    """``_claim_mails``'s statement on PostgreSQL: ``claim_batch`` (the due rows, oldest first,
    skipping those another worker is claiming; ``due()`` re-checked as the ORM update does)
    and ``_load`` (each mail's own columns, its subscriber's unsubscribe token and its notice's
    text) in SQL. Change them together.

    The rows are picked in a materialized CTE, not in ``WHERE id IN (SELECT … LIMIT … FOR
    UPDATE SKIP LOCKED)``: the planner may run such a sub-select again for each row it updates,
    each run skipping the rows the statement already took, and one claim then takes the whole
    queue."""
    quote = connection.ops.quote_name

    def table(model: type[models.Model]) -> str:
        return quote(model._meta.db_table)

    def col(name: str, model: type[models.Model] = Delivery) -> str:
        return quote(cast(str, cast(models.Field, model._meta.get_field(name)).column))

    pk, status, next_at, lease = col("id"), col("status"), col("next_attempt_at"), col("lease_until")
    due = (f"((d.{status} = %(pending)s AND d.{next_at} <= %(now)s) "
           f"OR (d.{status} = %(sending)s AND d.{lease} < %(now)s))")
    own = ", ".join(f"d.{col(name)}" for name in ("id", "code", "channel", "recipient", "personal_link",
                                                  "attempts", "subscriber", "notice"))
    mail = ", ".join(f"c.{col(name)}" for name in ("id", "code", "channel", "recipient", "personal_link",
                                                   "attempts"))
    text = ", ".join(f"n.{col(name, Notice)}" for name in ("code", "subject", "body_text", "body_html",
                                                         "link", "language"))
    return (  # noqa: S608 - names from the models, values as parameters
        f"WITH picked AS MATERIALIZED (SELECT d.{pk} FROM {table(Delivery)} d WHERE {due} "
        f"ORDER BY d.{next_at}, d.{pk} LIMIT %(limit)s FOR UPDATE SKIP LOCKED), "
        f"claimed AS (UPDATE {table(Delivery)} d SET {status} = %(sending)s, {lease} = %(lease)s, "
        f"{col('claim')} = %(token)s FROM picked WHERE d.{pk} = picked.{pk} AND {due} RETURNING {own}) "
        f"SELECT {mail}, s.{col('unsubscribe_token', Subscriber)}, c.{col('notice')}, {text} "
        f"FROM claimed c JOIN {table(Notice)} n ON n.{col('id', Notice)} = c.{col('notice')} "
        f"LEFT JOIN {table(Subscriber)} s ON s.{col('id', Subscriber)} = c.{col('subscriber')} "
        f"ORDER BY c.{pk}")


def _deliver_batch(token: uuid.UUID, ids: list[int], smtp: BaseEmailBackend | None = None,
                   recorder: Executor | None = None) -> int:
    """Send a batch claimed by ``claim_batch`` (``_deliver_mails`` with the batch loaded)."""
    mails, webhooks = _load(ids)  # read first: SQLite cursors see our own updates
    return _deliver_mails(token, mails, webhooks, smtp, recorder)


def _deliver_mails(token: uuid.UUID, mails: list[_Mail], webhooks: dict[int, Delivery],
                   smtp: BaseEmailBackend | None = None, recorder: Executor | None = None) -> int:
    """Send a claimed batch. Before each message the claim is re-checked (in the statement
    that records the previous one as sent), and the batch stops when another worker took it.

    With a ``recorder`` (PostgreSQL), that statement runs in the recorder's thread while this
    one already sends the next message's envelope and content to the mail server, all but
    the final ``.`` that makes the server accept it: the ``.`` is sent only once the
    previous message is recorded and the claim found still ours. So at any moment at most
    one message is accepted and not yet recorded (the one in flight), as without the
    overlap; a worker that dies with a message staged drops the connection before its
    ``.``, and a mail server discards such a message."""
    claim = _Claim(token)
    backend = smtp or get_connection(fail_silently=False)
    try:
        with _Heartbeat(claim):  # the lease stays ours while we live, however slow the server
            return _Batch(claim, backend, recorder, webhooks).run(mails)
    finally:
        if smtp is None:
            _reset(backend)


# What ``_Batch._early`` hands on: a message staged up to its final ".", the error staging it
# raised (counted once the message is known to be ours), or nothing staged.
_Early = Union["_Staged", Exception, None]


@dataclass
class _Batch:
    """The messages of one claim, sent one after another over one mail server connection."""

    claim: _Claim
    smtp: BaseEmailBackend
    recorder: Executor | None
    webhooks: dict[int, Delivery]

    def run(self, mails: list[_Mail]) -> int:
        """Send ``mails`` in order until the end or until the claim is lost; return how many
        were sent."""
        sent = 0
        # Whether the next delivery is still ours: known, or being answered by the recorder.
        ours: bool | Future[bool] = bool(mails) and self.claim.take(mails[0].pk)
        following = [*(mail.pk for mail in mails[1:]), None]
        try:
            for mail, then in zip(mails, following, strict=True):
                early = self._early(mail, ours)
                ours = self._still_ours(mail, ours, early)
                if not ours:
                    break
                ours, done = self._send(mail, early, then)
                sent += done
        finally:
            if isinstance(ours, Future):  # an error above: the last record still finishes first
                ours.exception()
        return sent

    def _early(self, mail: _Mail, ours: bool | Future[bool]) -> _Early:
        """While the previous message is being recorded, stage this one (an e-mail)."""
        if not isinstance(ours, Future) or mail.channel != Channel.EMAIL:
            return None
        try:
            self.smtp.open()
            return _stage(mail, self.smtp)
        except Exception as exc:  # noqa: BLE001 - counted later, once we know it is ours
            return exc

    def _still_ours(self, mail: _Mail, ours: bool | Future[bool], early: _Early) -> bool:
        try:
            known = _known(ours)
        except BaseException:
            if early is not None:
                _drop(self.smtp)  # never its final "." without the previous record
            raise
        if not known:
            # Our lease ran out and another worker took over: it sends the rest.
            if early is not None:
                _drop(self.smtp)  # dropped before its final ".": the server discards it
            log.warning("claim %s lost before delivery %s; stopping this batch", self.claim.token, mail.code)
            self.claim.release()
        return known

    def _send(self, mail: _Mail, early: _Early, then: int | None) -> tuple[bool | Future[bool], bool]:
        """Send ``mail`` and record it; return whether ``then`` (the next) is ours, or the
        recorder's answer to come, and whether ``mail`` was sent."""
        try:
            self._hand_over(mail, early)
        except Exception as exc:  # noqa: BLE001 - any failure is retried with backoff
            _failed(mail, exc)
            # A connection left inside a message's content has no QUIT to answer.
            (_drop if early is not None else _reset)(self.smtp)
            return then is not None and self.claim.take(then), False
        if self.recorder is not None and then is not None:
            return self.recorder.submit(self.claim.sent, mail.pk, mail.attempts + 1, then), True
        return self.claim.sent(mail.pk, mail.attempts + 1, then=then), True

    def _hand_over(self, mail: _Mail, early: _Early) -> None:
        if isinstance(early, Exception):
            raise early
        if early is not None:
            early.finish()
        elif mail.channel == Channel.EMAIL:
            self.smtp.open()  # no-op while open: one connection serves the drain
            _email(mail, self.smtp)
        else:
            post_webhook(self.webhooks[mail.pk])


def _known(ours: bool | Future[bool]) -> bool:
    return ours.result() if isinstance(ours, Future) else ours


def _drop(smtp: BaseEmailBackend) -> None:
    """Close the mail server connection without a QUIT: inside a message's content (after DATA,
    before its final ".") a QUIT would be read as more content and never answered, holding the
    worker for the whole SMTP timeout. The server discards the unfinished message."""
    client = getattr(smtp, "connection", None)
    if client is not None:
        try:
            client.close()
        except OSError:
            pass
        smtp.connection = None  # type: ignore[attr-defined]


def _reset(smtp: BaseEmailBackend) -> None:
    try:
        smtp.close()
    except Exception:  # noqa: BLE001 - a broken connection is dropped either way
        if hasattr(smtp, "connection"):
            smtp.connection = None


def _content(mail: _Mail) -> tuple[dict[str, str], str, str]:
    """Headers, text and HTML of a delivery's e-mail."""
    notice = mail.notice
    text, html = notice.body_text, notice.body_html
    headers = {"Message-ID": mail.message_id, "X-Art28-Notice": str(notice.code)}
    if mail.unsubscribe_token is not None:
        text, html = _with_unsubscribe(mail.unsubscribe_token, notice.language, headers, text, html)
    if mail.personal_link and notice.link:
        text, html = _with_personal_link(notice, mail.personal_link, text, html)
    return headers, text, html


def _email(mail: _Mail, smtp: BaseEmailBackend) -> None:
    staged = _stage(mail, smtp)
    if staged is not None:
        staged.finish()
        return
    headers, text, html = _content(mail)
    msg = EmailMultiAlternatives(mail.notice.subject, text, settings.DEFAULT_FROM_EMAIL,
                                 [mail.recipient], connection=smtp, headers=headers)
    if html:
        msg.attach_alternative(html, "text/html")
    msg.send()


def _dot_stuffed(raw: bytes) -> bytes:
    """Each line that starts with a "." gets another (RFC 5321, 4.5.2), as smtplib does with
    a regular expression (several times slower: it tries every position of the message)."""
    return (b"." + raw if raw.startswith(b".") else raw).replace(b"\n.", b"\n..")


class _Staged:
    """A message handed to the mail server up to, not including, the ``.`` that ends its
    content: nothing is delivered until ``finish``, and a connection dropped before it
    discards the message (RFC 5321, 4.1.1.4)."""

    def __init__(self, client: smtplib.SMTP):
        self.client = client

    def finish(self) -> None:
        self.client.send(b".\r\n")
        code, reply = self.client.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)


def _stage(mail: _Mail, smtp: BaseEmailBackend) -> _Staged | None:
    """What Django's SMTP backend does with the message it built (smtplib's ``sendmail``),
    minus the build and the final ``.``; ``None`` when Django must build and send it: another
    mail backend (a subclass may sign or rewrite in ``_send``), or a message ``mime.build``
    leaves to Django. The backend must be open."""
    if type(smtp) is not SmtpBackend or smtp.connection is None:
        return None
    headers, text, html = _content(mail)
    raw = mime.build(subject=mail.notice.subject, from_email=settings.DEFAULT_FROM_EMAIL, to=mail.recipient,
                     headers=headers, text=text, html=html)
    if raw is None:
        return None
    client = smtp.connection
    sender, recipient = settings.DEFAULT_FROM_EMAIL, mail.recipient
    client.ehlo_or_helo_if_needed()
    options = f" size={len(raw)}" if client.does_esmtp and client.has_extn("size") else ""
    # smtplib's mail() and rcpt() with the address as Django and smtplib write it (``_path``).
    client.putcmd("mail", f"FROM:{_path(sender)}{options}")
    code, reply = client.getreply()
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    client.putcmd("rcpt", f"TO:{_path(recipient)}")
    code, reply = client.getreply()
    if code not in (250, 251):
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    client.putcmd("data")
    code, reply = client.getreply()
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    if client.sock is not None:
        # The "." follows the content without a reply in between: without this, Nagle's
        # algorithm holds it back until the server's delayed acknowledgement (40 ms).
        client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    content = _dot_stuffed(raw)
    client.send(content if content.endswith(b"\r\n") else content + b"\r\n")
    return _Staged(client)


# A bare ASCII address (dot-atom local part, letter-digit-hyphen labels): Django's
# ``sanitize_address`` returns it as it is and smtplib's ``quoteaddr`` puts it in angle brackets,
# so both parses are skipped (every recipient of a fan-out is a different address, which a
# cache does not help).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_BARE_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})*\Z")


def _path(address: str) -> str:
    """An envelope address as MAIL and RCPT carry it: sanitized as Django sends it, quoted as
    smtplib's ``mail()`` and ``rcpt()`` quote it."""
    return f"<{address}>" if _BARE_ADDRESS.match(address) else _quoted(address)


@functools.lru_cache(maxsize=64)
def _quoted(address: str) -> str:
    return smtplib.quoteaddr(sanitize_address(address, settings.DEFAULT_CHARSET))


def unsubscribe_url(token: str) -> str:
    head, tail = _unsubscribe_template(settings.BASE_URL)
    return f"{head}{token}{tail}"


@functools.lru_cache(maxsize=8)
def _unsubscribe_template(base_url: str) -> tuple[str, str]:
    # One reverse() per process instead of one per mail of a fan-out.
    head, _token, tail = reverse("subprocessors:trust_unsubscribe", args=["TOKEN"]).rpartition("TOKEN")
    return base_url + head, tail


@functools.lru_cache(maxsize=8)
def _unsubscribe_line(language: str) -> str:
    # Once per language and process: a fan-out of thousands must not switch language per mail.
    with translation.override(language):
        return gettext("You receive this because you subscribed to this trust page. Unsubscribe:")


def _with_unsubscribe(token: str, language: str, headers: dict, text: str, html: str) -> tuple[str, str]:
    """A subscriber's mail: its own unsubscribe link in the body and in the RFC 2369/8058
    headers, so mail programs offer a one-click unsubscribe button."""
    url = unsubscribe_url(token)
    headers["List-Unsubscribe"] = f"<{url}>"
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    line = _unsubscribe_line(language)
    text = f"{text.rstrip()}\n\n-- \n{line} {url}\n"
    if html:
        html += format_html('<p><small>{} <a href="{}">{}</a></small></p>', line, url, url)
    return text, html


@functools.lru_cache(maxsize=8)
def _personal_link_line(language: str) -> str:
    with translation.override(language):
        return gettext("You have no login for our client portal yet. The link in this e-mail is your "
                       "own: on it you choose a password, and then it opens this page. It works once; "
                       "after that, log in with your e-mail address and password.")


def _with_personal_link(notice: _Text, own: str, text: str, html: str) -> tuple[str, str]:
    """A recipient without a login: their invitation in place of the notice's portal link,
    so the link works for them, with a line that says what it does."""
    line = _personal_link_line(notice.language)
    text = f"{text.replace(notice.link, own).rstrip()}\n\n{line}\n{own}\n"
    if html:
        # What format_html('<p>{} <a href="{}">{}</a></p>', line, own, own) makes, with each
        # value escaped once (the line once per language, the link once per notice).
        own_html = str(escape(own))
        html = html.replace(_escaped(notice.link), own_html).replace(notice.link, own_html)
        html += f'<p>{_escaped(line)} <a href="{own_html}">{own_html}</a></p>'
    return text, html


@functools.lru_cache(maxsize=64)
def _escaped(value: str) -> str:
    return str(escape(value))


def _failed(delivery: _Mail, exc: Exception) -> None:
    attempts = delivery.attempts + 1
    backoff = min(settings.ART28_DELIVERY_BACKOFF_SECONDS * 2 ** (attempts - 1), 3600)
    final = attempts >= settings.ART28_DELIVERY_MAX_ATTEMPTS
    log.warning("delivery %s attempt %s failed: %s", delivery.code, attempts, exc)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING, attempts=attempts,
        last_error=f"{type(exc).__name__}: {exc}"[:2000], lease_until=None, claim=None,
        next_attempt_at=timezone.now() + timedelta(seconds=backoff))


def _reschedule_waiting() -> None:
    """Wake up again when the next retry falls due, or when a batch another worker holds
    would run out of lease: if that worker died, its batch is taken over right then, one
    lease after its last heartbeat (while it lives, its heartbeat pushes the lease on and the
    drain finds nothing to take, and looks again at the new end of the lease)."""
    retry = (Delivery.objects.filter(status=DeliveryStatus.PENDING)
             .order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first())
    lease = (Delivery.objects.filter(status=DeliveryStatus.SENDING, lease_until__isnull=False)
             .order_by("lease_until").values_list("lease_until", flat=True).first())
    if lease is not None:
        lease += timedelta(seconds=1)  # a lease is free once it has passed, not at its end
    times = [t for t in (retry, lease) if t is not None]
    if times:
        with transaction.atomic():
            schedule_drain(run_after=max(min(times), timezone.now()))


def retry_failed(*, acting_user: Any) -> int:
    """Put failed deliveries back in the queue (after the mail server was fixed)."""
    with transaction.atomic():
        n = Delivery.objects.filter(status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), attempts=0)
        record_event(action="outbox.retried", obj=("outbox", "failed"), acting_user=acting_user,
                     data={"count": n})
        schedule_drain()
    return n
