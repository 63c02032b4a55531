"""The kinds of event a privacy officer filters the ledger by, in words.

A kind groups one or more families of actions (the part of an action before the dot, as in
``describe.FAMILIES``). The page offers the kinds by name; the key is only the query string's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    families: tuple[str, ...]

    def condition(self) -> Q:
        """Events of this kind: their action starts with one of the families."""
        condition = Q()
        for family in self.families:
            condition |= Q(action__startswith=f"{family}.")
        return condition


KINDS: tuple[Kind, ...] = (
    Kind("agreements", _("Agreements and signatures"), ("agreement",)),
    Kind("end", _("End of agreements: return and deletion"), ("termination",)),
    Kind("clients", _("Clients and contact persons"), ("controller", "contact")),
    Kind("breaches", _("Incidents and breach notices"), ("breach", "breaches")),
    Kind("subprocessors", _("Sub-processors and their changes"), ("subprocessor",)),
    Kind("trust", _("Public sub-processor page"), ("trust",)),
    Kind("dsr", _("Data subject requests"), ("dsr",)),
    Kind("instructions", _("Instructions"), ("instruction",)),
    Kind("authorities", _("Requests from authorities"), ("authority",)),
    Kind("audits", _("Audits"), ("audit",)),
    Kind("measures", _("Security measures"), ("measures",)),
    Kind("reviews", _("Reviews of agreements"), ("review",)),
    Kind("team", _("Team, logins and API tokens"), ("account", "auth", "member", "api_token")),
    Kind("organisation", _("Your organisation's profile"), ("processor",)),
    Kind("notices", _("Notices sent again, digests and calendar links"), ("outbox", "obligations")),
    Kind("ledger", _("Verification of the ledger"), ("ledger",)),
)

BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}


def kind_choices() -> list[tuple[str, Promise]]:
    """The kinds for a select: key and name."""
    return [(kind.key, kind.label) for kind in KINDS]
