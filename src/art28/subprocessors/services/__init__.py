"""Services of the sub-processor register. Import from here; the modules are an implementation detail."""

from art28.subprocessors.services.queries import (
    agreements_using,
    authorised_subprocessors,
    history,
    is_authorised,
    links_at,
)
from art28.subprocessors.services.register import register_subprocessor, update_subprocessor

__all__ = [
    "agreements_using",
    "authorised_subprocessors",
    "history",
    "is_authorised",
    "links_at",
    "register_subprocessor",
    "update_subprocessor",
]
