"""Services of the sub-processor register. Import from here; the modules are an implementation detail."""

from art28.subprocessors.services.annex import register_named, sync_annex_iv
from art28.subprocessors.services.answers import (
    Answer,
    NotAuthorised,
    activate_due_changes,
    answer_change,
    assert_may_use,
    resolve_objection,
)
from art28.subprocessors.services.changes import (
    LeftOutReason,
    affected_agreements,
    clock_link,
    propose_change,
)
from art28.subprocessors.services.flowdown import Gap, compare, dashboard
from art28.subprocessors.services.plan import earliest_effective, plan_change
from art28.subprocessors.services.preview import ChangePreview, WithdrawPreview, preview_change
from art28.subprocessors.services.queries import (
    agreements_using,
    authorised_subprocessors,
    history,
    is_authorised,
    links_at,
)
from art28.subprocessors.services.register import register_subprocessor, update_subprocessor
from art28.subprocessors.services.transfers import TransferCheck, check_transfer
from art28.subprocessors.services.withdraw import preview_withdrawal, withdraw_change

__all__ = [
    "Gap",
    "compare",
    "dashboard",
    "register_named",
    "sync_annex_iv",
    "Answer",
    "ChangePreview",
    "LeftOutReason",
    "WithdrawPreview",
    "preview_change",
    "preview_withdrawal",
    "NotAuthorised",
    "TransferCheck",
    "activate_due_changes",
    "affected_agreements",
    "agreements_using",
    "answer_change",
    "assert_may_use",
    "authorised_subprocessors",
    "check_transfer",
    "clock_link",
    "earliest_effective",
    "history",
    "is_authorised",
    "links_at",
    "plan_change",
    "propose_change",
    "register_subprocessor",
    "resolve_objection",
    "update_subprocessor",
    "withdraw_change",
]
