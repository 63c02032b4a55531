"""On PostgreSQL a worker records message k as sent (in a recorder thread) while it already
hands message k+1 to the mail server, all but the final "." that makes the server accept it.
The "." waits for the record of k, whose statement also says whether k+1 is still ours: at
most one message is ever accepted and unrecorded, as when everything ran in line.

These tests run that path on SQLite with a recorder that runs each record when its answer is
asked for (after the next message is staged), against a real aiosmtpd server.
"""

from __future__ import annotations

import re
import smtplib
import time
import uuid
from concurrent.futures import Executor, Future
from datetime import timedelta

import pytest
from django.core.mail.message import sanitize_address
from django.db import DatabaseError
from django.utils import timezone

from art28.notices import mime, services
from art28.notices.models import Delivery, DeliveryStatus
from art28.notices.services import _deliver_batch, claim_batch, drain
from tests.notices.workers import queue


class _Later(Future):
    """A future whose work runs when its outcome is first asked for."""

    def __init__(self, fn, *args):
        super().__init__()
        self._call = (fn, args)

    def _run(self):
        if not self.done():
            fn, args = self._call
            try:
                self.set_result(fn(*args))
            except Exception as exc:  # noqa: BLE001 - kept as the future's outcome
                self.set_exception(exc)

    def result(self, timeout=None):
        self._run()
        return super().result(timeout)

    def exception(self, timeout=None):
        self._run()
        return super().exception(timeout)


class LateRecorder(Executor):
    """Runs each record only when the worker waits for it; the ``fail_at``-th one fails as
    a lost database connection would."""

    def __init__(self, fail_at: int | None = None):
        self.calls = 0
        self.fail_at = fail_at

    def submit(self, fn, /, *args, **kwargs):
        self.calls += 1
        if self.calls == self.fail_at:
            def fn(*args):
                raise DatabaseError("server closed the connection unexpectedly")
        return _Later(fn, *args)


@pytest.fixture
def staged(monkeypatch):
    """The recipients of the messages staged ahead of their record, in order."""
    seen: list[str] = []
    real = services._stage

    def spy(mail, smtp):
        out = real(mail, smtp)
        if out is not None:
            seen.append(mail.recipient)
        return out

    monkeypatch.setattr(services, "_stage", spy)
    return seen


def received(box) -> list[str]:
    time.sleep(0.3)  # whatever the server might still be taking
    return [m["to"][0] for m in box.messages]


@pytest.mark.django_db(transaction=True)
def test_with_a_recorder_every_message_is_sent_once_and_recorded(controller_a, smtp_server, staged):
    queue(controller_a, 5)
    token, ids = claim_batch()
    recorder = LateRecorder()

    assert _deliver_batch(token, ids, recorder=recorder) == 5
    assert received(smtp_server) == [f"r{i:03d}@x.example" for i in range(5)]
    assert recorder.calls == 4  # the last one of the batch is recorded in line
    assert set(Delivery.objects.values_list("status", "claim")) == {(DeliveryStatus.SENT, None)}
    assert staged == [f"r{i:03d}@x.example" for i in range(5)]


@pytest.mark.django_db(transaction=True)
def test_a_staged_message_of_a_batch_taken_over_is_dropped_before_its_final_dot(
        controller_a, smtp_server, staged, monkeypatch):
    queue(controller_a, 5)
    token, ids = claim_batch()
    theirs = uuid.uuid4()  # our lease ran out and another worker took the middle of the batch
    Delivery.objects.filter(pk__in=ids[2:4]).update(claim=theirs,
                                                    lease_until=timezone.now() + timedelta(minutes=5))
    # Inside a message's content a QUIT is read as content and never answered: the worker would
    # wait the whole SMTP timeout. The connection is closed without one.
    quits: list[object] = []
    monkeypatch.setattr(smtplib.SMTP, "quit", lambda self: quits.append(self))

    assert _deliver_batch(token, ids, recorder=LateRecorder()) == 2
    assert quits == []
    # The third message was handed over up to its "." before the record said it was theirs.
    assert "r002@x.example" in staged
    assert received(smtp_server) == ["r000@x.example", "r001@x.example"]
    assert set(Delivery.objects.filter(pk__in=ids[2:4]).values_list("claim", "status")) == {
        (theirs, DeliveryStatus.SENDING)}
    rest = Delivery.objects.get(pk=ids[4])
    assert rest.status == DeliveryStatus.PENDING and rest.claim is None
    assert drain() == 1 and received(smtp_server)[-1] == "r004@x.example"


@pytest.mark.django_db(transaction=True)
def test_when_a_record_fails_only_that_message_is_in_doubt_and_the_staged_one_is_not_sent(
        controller_a, smtp_server, staged):
    queue(controller_a, 5)
    token, ids = claim_batch()

    with pytest.raises(DatabaseError):
        _deliver_batch(token, ids, recorder=LateRecorder(fail_at=2))  # the record of r001 fails
    assert "r002@x.example" in staged
    assert received(smtp_server) == ["r000@x.example", "r001@x.example"]
    assert Delivery.objects.get(pk=ids[0]).status == DeliveryStatus.SENT
    assert set(Delivery.objects.filter(pk__in=ids[1:]).values_list("status", flat=True)) == {
        DeliveryStatus.SENDING}

    # Once the dead batch's lease has run out, the rest is sent: r001, the one in flight, twice.
    Delivery.objects.filter(pk__in=ids).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert drain() == 4
    assert sorted(received(smtp_server)) == sorted(
        ["r000@x.example", "r001@x.example", "r001@x.example", "r002@x.example", "r003@x.example",
         "r004@x.example"])


@pytest.mark.parametrize("address", [
    "dpo7@client7.example", "a.b+tag@sub-domain.example.nl", "o'brien@x.example",
    "x@y", "Anna <anna@x.example>", "anna@exämple.nl", "\"a b\"@x.example", "-a-@-x.example",
])
def test_the_envelope_path_is_what_django_and_smtplib_send(address):
    assert services._path(address) == smtplib.quoteaddr(sanitize_address(address, "utf-8"))


@pytest.mark.parametrize("body", [
    "short\nlines", "y" * 249, "y" * 250, "é" * 250, "a" * 200 + "\u2028" + "b" * 200,
    "a" * 300 + "\n" + "b", ("z" * 120 + "\r\n") * 20, "ü" * 400,
    "", "\n", "x" * 998, "x" * 999, "<p>" + "x" * 996 + "\n" + "y" * 10, ("a" * 300 + "\n") * 3 + "b" * 999,
    "é" * 499, "é" * 500, "é" * 300 + "\n" + "x" * 999, "x" * 260 + "\u2028" + "y" * 260,
])
def test_the_long_line_scan_agrees_with_djangos_test(body):
    limit = 998
    django = any(len(line) * 4 > limit and len(line.encode(errors="surrogateescape")) > limit
                 for line in body.splitlines())
    assert mime._has_long_lines(body) == django


@pytest.mark.parametrize("body", [
    "", "a", "a\nb", "a\r\nb\rc\n", "\r\r\n\n\r", "x\r", "\n\n", "é\r\nü\u2028z",
])
def test_line_ends_become_crlf_as_the_regular_expression_made_them(body):
    assert mime._crlf(body) == re.sub(r"\r\n|\r|\n", "\r\n", body)


@pytest.mark.parametrize("raw", [
    b"", b".", b".a\r\n.b\r\n", b"a\r\n..b\r\n.\r\n", b"a.b\r\nc\r.d", b"\n.\n.\n",
])
def test_dot_stuffing_is_smtplibs(raw):
    assert services._dot_stuffed(raw) == re.sub(rb"(?m)^\.", b"..", raw)
