"""Several reads that must see the database at one moment: a record read in three queries, for one.

``snapshot()`` opens a read-only transaction in which every query sees the data as they were at
its first read: on PostgreSQL at ``REPEATABLE READ`` (``READ COMMITTED``, the default, gives each
statement its own moment); on SQLite a deferred read transaction (WAL mode keeps its snapshot and
lets writers go on; ``transaction.atomic()`` would not do: this project's SQLite begins every
transaction ``IMMEDIATE``, which would hold the write lock while a download streams). Inside a
transaction that is already open (a request's, a test's) it adds nothing: isolation can only be
chosen before a transaction's first query, and that transaction's own rules then hold. Whatever
ends the reads (the last row, an error, a client that went away), the transaction is ended.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def snapshot() -> Iterator[None]:
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
        return
    connection.ensure_connection()
    if connection.vendor != "sqlite" or connection.connection.in_transaction:
        yield
        return
    raw = connection.connection
    raw.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        # Only reads were made: ending the transaction keeps or undoes nothing. Ended on the
        # connection it began on, if still open (a request's end may have closed it already).
        try:
            if raw.in_transaction:
                raw.execute("COMMIT")
        except Exception:  # noqa: BLE001 - a closed connection has no transaction to end
            pass
