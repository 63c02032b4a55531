"""Several reads that must see the database at one moment: a record read in three queries, for one.

``snapshot()`` opens a transaction in which every query sees the data as they were at its first
read: on PostgreSQL at ``REPEATABLE READ`` (``READ COMMITTED``, the default, gives each statement
its own moment), on SQLite any read transaction does (WAL mode keeps the snapshot for it). Inside
a transaction that is already open (a request's, a test's) it adds nothing: isolation can only be
chosen before a transaction's first query, and that transaction's own rules then hold.
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
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield
