"""The record is read in three queries (``lines._rows``); they see the database at one moment, so
a controller renamed while the record streams is neither listed twice nor left out.

PostgreSQL only: a second connection must write while the first holds its read open, which the
SQLite test database (in memory, shared cache, locked per table) refuses; CI runs this file on
PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection, connections

from art28.records import lines

pytestmark = pytest.mark.django_db(transaction=True)
POSTGRESQL_ONLY = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a second writer")


def _rename_elsewhere(controller_id: int, name: str) -> None:
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:  # autocommit: committed when it returns
            cursor.execute("UPDATE parties_controller SET name = %s WHERE id = %s", [name, controller_id])
    finally:
        other.close()


@POSTGRESQL_ONLY
@pytest.mark.parametrize(("renamed", "to"), [(0, "Zz Laatste B.V."), (3, "Aa Eerste B.V.")])
def test_a_rename_while_the_record_streams_neither_doubles_nor_drops_a_line(
        processor, make_controller, make_agreement, monkeypatch, renamed, to):
    monkeypatch.setattr(lines, "FIRST", 2)  # the first query ends after two lines
    controllers = [make_controller(f"{c} Klant B.V.") for c in "ABCD"]
    for c in controllers:
        make_agreement(c, state="signed")
    record = lines.record_lines(processor=processor, language="nl")
    head = [next(record), next(record)]
    # Moves a controller already listed to the end, or one not yet listed to the front.
    _rename_elsewhere(controllers[renamed].pk, to)
    names = [line[0] for line in [*head, *record]]
    assert names == [f"{c} Klant B.V." for c in "ABCD"]
    # The next read sees the new name.
    assert to in [line[0] for line in lines.record_lines(processor=processor, language="nl")]


def _in_transaction() -> bool:
    if connection.vendor == "postgresql":
        return connection.in_atomic_block
    return connection.connection.in_transaction  # SQLite: the deferred read transaction


@pytest.mark.parametrize("read_to_the_end", [True, False])
def test_the_reads_hold_a_transaction_only_while_the_record_streams(
        processor, make_controller, make_agreement, monkeypatch, read_to_the_end):
    monkeypatch.setattr(lines, "FIRST", 2)
    for c in "ABC":
        make_agreement(make_controller(f"{c} Klant B.V."), state="signed")
    record = lines.record_lines(processor=processor, language="nl")
    next(record)
    assert _in_transaction()
    if read_to_the_end:
        assert len(list(record)) == 2
    else:
        record.close()  # the client went away
    assert not _in_transaction()
    # The connection writes again as before (on SQLite: no lock is left behind).
    make_agreement(make_controller("D Klant B.V."), state="signed")
    assert len(list(lines.record_lines(processor=processor, language="nl"))) == 4


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's transaction mode")
def test_on_sqlite_the_stream_takes_no_write_lock(processor, make_controller, make_agreement, monkeypatch):
    """This project's SQLite begins a transaction IMMEDIATE (the write lock) for its writers; the
    record's reads begin theirs DEFERRED, so writers go on while a download streams."""
    monkeypatch.setattr(lines, "FIRST", 2)
    for c in "ABC":
        make_agreement(make_controller(f"{c} Klant B.V."), state="signed")
    statements: list[str] = []
    connection.ensure_connection()
    connection.connection.set_trace_callback(statements.append)  # what SQLite itself runs
    try:
        assert len(list(lines.record_lines(processor=processor, language="nl"))) == 3
    finally:
        connection.connection.set_trace_callback(None)
    begins = [s for s in statements if s.upper().startswith("BEGIN")]
    assert begins == ["BEGIN DEFERRED"]
