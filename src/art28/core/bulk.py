"""Insert many rows of one model in a few statements, without the ORM's per-row work.

``bulk_create`` prepares every field of every instance through the query compiler (about
half the CPU time of a 10,000-notice fan-out). ``insert_rows`` takes plain tuples in the
order of the fields named, picks each column's conversion once, converts only the columns
that need it (a datetime, a UUID, JSON), and sends one multi-row ``INSERT`` per chunk, on
SQLite (on PostgreSQL: ``COPY``). No default is filled in and no ``pre_save`` runs: the caller gives
every column (``missing`` fields are refused), so the rows are exactly the ones it built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.db import connections, models

# Columns whose Python value is what the database driver takes as it is.
_PLAIN = {"CharField", "TextField", "EmailField", "SlugField", "URLField", "BooleanField",
          "IntegerField", "BigIntegerField", "SmallIntegerField", "PositiveIntegerField",
          "PositiveSmallIntegerField", "PositiveBigIntegerField", "AutoField", "BigAutoField"}
# Rows per statement: large enough that statements are few, small enough for any driver's
# parameter limit (PostgreSQL: 65,535; the SQLite of this project: 250,000).
ROWS_PER_STATEMENT = 1000
MAX_PARAMS = 30000


def _converter(field: models.Field, alias: str) -> Callable[[Any], Any] | None:
    """How a Python value of ``field`` becomes a database value; None when it is one already."""
    kind = field.get_internal_type()
    if field.is_relation:
        target = field.target_field  # type: ignore[attr-defined]  # a ForeignKey's
        return None if target.get_internal_type() in _PLAIN else _prepare(field, alias)
    if kind in _PLAIN:
        return None
    if kind == "DateTimeField" or kind == "DateField":
        return _memo(_prepare(field, alias))  # a fan-out shares a few moments between its rows
    return _prepare(field, alias)


def _prepare(field: models.Field, alias: str) -> Callable[[Any], Any]:
    connection = connections[alias]
    return lambda value: None if value is None else field.get_db_prep_save(value, connection)


def _memo(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    seen: dict[Any, Any] = {}

    def one(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            out = seen[value] = convert(value)
            return out

    return one


def _converted(rows: Iterable[Sequence[Any]], convert: list[tuple[int, Callable[[Any], Any]]],
               at: int, keys: list[Any]) -> Iterator[Sequence[Any]]:
    """Each row with the columns that need it converted; its key (column ``at``, if any) is
    appended to ``keys`` as the database will hold it."""
    for row in rows:
        if convert:
            row = list(row)
            for i, c in convert:
                row[i] = c(row[i])
        if at >= 0:
            keys.append(row[at])
        yield row


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field]:
    fields = [model._meta.get_field(name) for name in names]
    concrete = {f.name for f in model._meta.concrete_fields if not f.primary_key}
    missing = concrete - set(names)
    if missing:
        raise ValueError(f"insert_rows into {model.__name__} needs every column; missing: {sorted(missing)}")
    return fields  # type: ignore[return-value]  # get_field of a concrete column is a Field


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]], *,
                key: str | None = None, using: str = "default") -> list[int]:
    """Insert ``rows`` (tuples of values for the fields ``names``, foreign keys as ids) into
    ``model``'s table; with ``key`` (a unique field among ``names``), return the new primary
    keys in the order of ``rows``. Runs in the caller's transaction."""
    connection = connections[using]
    fields = _fields(model, names)
    convert = [(i, c) for i, f in enumerate(fields) if (c := _converter(f, using)) is not None]
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(str(model._meta.pk.column))
    columns = ", ".join(quote(str(f.column)) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per = max(1, min(ROWS_PER_STATEMENT, MAX_PARAMS // len(fields)))
    at = names.index(key) if key is not None else -1
    if key is not None and not isinstance(fields[at], models.UUIDField):
        raise ValueError(f"insert_rows returns ids by a UUID key, not by {key}")
    back = f" RETURNING {quote(str(fields[at].column))}, {pk}" if key is not None else ""
    keys: list[Any] = []
    ids: dict[Any, int] = {}
    chunk: list[Any] = []
    count = 0

    def flush() -> None:
        if not count:
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * count)}{back}"
        with connection.cursor() as cursor:
            cursor.execute(sql, chunk)
            if key is not None:
                ids.update(cursor.fetchall())

    if connection.vendor == "postgresql":
        return _copy(connection, model, fields, rows, convert, at)
    for row in _converted(rows, convert, at, keys):
        chunk.extend(row)
        count += 1
        if count == per:
            flush()
            chunk, count = [], 0
    flush()
    return [ids[k] for k in keys]


def _copy(connection: Any, model: type[models.Model], fields: list[models.Field],
          rows: Iterable[Sequence[Any]], convert: list[tuple[int, Callable[[Any], Any]]],
          at: int) -> list[int]:
    """PostgreSQL: the rows through ``COPY … FROM STDIN`` (psycopg parses no placeholders of a
    statement with thousands of them, and writes each row in C), then the new ids by key in
    one query with a single parameter."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(str(f.column)) for f in fields)
    keys: list[Any] = []
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in _converted(rows, convert, at, keys):
                copy.write_row(row)
        if at < 0:
            return []
        column, pk = quote(str(fields[at].column)), quote(str(model._meta.pk.column))
        # The keys are UUIDs (checked in insert_rows): one comma-separated text, one parameter.
        cursor.execute(f"SELECT {column}, {pk} FROM {table} "
                       f"WHERE {column} = ANY(string_to_array(%s, ',')::uuid[])", [",".join(map(str, keys))])
        ids = dict(cursor.fetchall())
    return [ids[k] for k in keys]


def mark_saved(objs: Iterable[models.Model], ids: Iterable[int], *, using: str = "default") -> None:
    """Give instances inserted by ``insert_rows`` (in the same order) their new primary keys
    and the state of saved rows, so the ORM treats them as any row it read."""
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk, obj._state.adding, obj._state.db = pk, False, using
