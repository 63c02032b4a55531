"""The transfer check: may this sub-processor receive the data of this agreement, and how?

It explains itself in plain words, in Dutch or English, so the same result can be shown to
the processor's staff, to a controller in the portal, in a notice and in the API. The
sentences live here in both languages (not in the message catalogue) because notices are
rendered in the controller's language by the worker, whatever the catalogue holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from art28.core.countries import country_name, country_names
from art28.subprocessors.models import Subprocessor, TransferMechanism
from art28.terms import facts
from art28.terms.schema import DpaTerms, OutsideEea

# Mechanisms that are a documented safeguard of their own (Art. 46/47), as opposed to
# adequacy (Art. 45, nothing to document) or a derogation (Art. 49, exceptional only).
SAFEGUARDS = (TransferMechanism.SCC, TransferMechanism.BCR)
# Agreements that keep data in the EEA unless the controller agrees in writing.
WRITTEN_CONSENT_POLICIES = (OutsideEea.PROHIBITED, OutsideEea.WITH_CONSENT)

MECHANISM_NAMES = {
    "en": {"scc": "standard contractual clauses", "bcr": "binding corporate rules"},
    "nl": {"scc": "modelcontractbepalingen (SCC's)", "bcr": "bindende bedrijfsvoorschriften (BCR)"},
}

TEXT = {
    "inside": {
        "en": "All processing takes place inside the EEA ({countries}): no transfer rules apply.",
        "nl": "Alle verwerking vindt plaats binnen de EER ({countries}): er is geen sprake van doorgifte.",
    },
    "dpf": {
        "en": "{c}: allowed, because {sp} is certified under the EU-US Data Privacy Framework.",
        "nl": "{c}: toegestaan, omdat {sp} gecertificeerd is onder het EU-VS Data Privacy Framework.",
    },
    "adequate": {
        "en": "{c}: allowed, because the European Commission has decided that this country protects "
        "personal data adequately.",
        "nl": "{c}: toegestaan, omdat de Europese Commissie heeft besloten dat dit land persoonsgegevens "
        "voldoende beschermt.",
    },
    "dpf_missing": {
        "en": "{c}: the register says Data Privacy Framework, but {sp} is not marked as certified; without "
        "certification there is no adequacy.",
        "nl": "{c}: het register noemt het Data Privacy Framework, maar {sp} staat niet als gecertificeerd "
        "geregistreerd; zonder certificering is er geen passend beschermingsniveau.",
    },
    "safeguard_undocumented": {
        "en": "{c}: no adequacy decision; {m} are named but not documented. Record where they are signed.",
        "nl": "{c}: geen adequaatheidsbesluit; {m} worden genoemd maar zijn niet vastgelegd. Leg vast waar "
        "ze zijn ondertekend.",
    },
    "safeguard": {
        "en": "{c}: no adequacy decision, so the transfer relies on {m} ({note}).",
        "nl": "{c}: geen adequaatheidsbesluit, dus de doorgifte steunt op {m} ({note}).",
    },
    "derogation": {
        "en": "{c}: no adequacy decision and no safeguard. A derogation (Art. 49) only covers occasional "
        "transfers, not a sub-processor's regular work.",
        "nl": "{c}: geen adequaatheidsbesluit en geen waarborg. Een uitzondering (art. 49) dekt alleen "
        "incidentele doorgifte, niet het vaste werk van een subverwerker.",
    },
    "none": {
        "en": "{c}: no adequacy decision and no documented safeguard (standard contractual clauses "
        "or binding corporate rules). The data may not go there.",
        "nl": "{c}: geen adequaatheidsbesluit en geen vastgelegde waarborg (modelcontractbepalingen "
        "of bindende "
        "bedrijfsvoorschriften). De gegevens mogen daar niet heen.",
    },
    "written_consent": {
        "en": "This agreement keeps the data inside the EEA unless the controller agrees in writing, so "
        "explicit written consent is needed, even under a general authorisation.",
        "nl": "Deze overeenkomst houdt de gegevens binnen de EER, tenzij de verwerkingsverantwoordelijke "
        "schriftelijk instemt; daarom is uitdrukkelijke schriftelijke toestemming nodig, ook bij een "
        "algemene toestemming.",
    },
    "policy_unknown": {
        "en": "This agreement does not say whether data may leave the EEA, "
        "so written consent is asked to be safe.",
        "nl": "Deze overeenkomst zegt niet of gegevens de EER mogen verlaten; daarom wordt "
        "voor de zekerheid "
        "schriftelijke toestemming gevraagd.",
    },
    "policy_safeguards": {
        "en": "This agreement allows transfers only with a valid safeguard, which is missing.",
        "nl": "Deze overeenkomst staat doorgifte alleen toe met een geldige waarborg, en die ontbreekt.",
    },
}


def _t(key: str, language: str, **values: str) -> str:
    return TEXT[key]["nl" if language == "nl" else "en"].format(**values)


@dataclass
class TransferCheck:
    """The outcome: ``lawful`` (a valid basis exists) and whether written consent is needed."""

    lawful: bool
    needs_written_consent: bool
    countries_outside_eea: list[str]
    reasons: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return " ".join(self.reasons)


def _country_basis(sp: Subprocessor, country: str, lang: str) -> tuple[bool, str]:
    """Whether a transfer to ``country`` has a valid basis, and the sentence saying why."""
    name = country_name(country, lang)  # the sentence names the country; the facts know its code
    if facts.has_adequacy(country, dpf_certified=sp.dpf_certified):
        key = "dpf" if country in facts.ADEQUATE_ONLY_WITH_DPF else "adequate"
        return True, _t(key, lang, c=name, sp=sp.name)
    if country in facts.ADEQUATE_ONLY_WITH_DPF and sp.transfer_mechanism == TransferMechanism.DPF:
        return False, _t("dpf_missing", lang, c=name, sp=sp.name)
    if sp.transfer_mechanism in SAFEGUARDS:
        mechanism = MECHANISM_NAMES["nl" if lang == "nl" else "en"][sp.transfer_mechanism]
        if not sp.safeguard_note.strip():
            return False, _t("safeguard_undocumented", lang, c=name, m=mechanism)
        return True, _t("safeguard", lang, c=name, m=mechanism, note=sp.safeguard_note.strip())
    if sp.transfer_mechanism == TransferMechanism.DEROGATION:
        return False, _t("derogation", lang, c=name)
    return False, _t("none", lang, c=name)


def check_transfer(
    subprocessor: Subprocessor, terms: DpaTerms | None = None, *, language: str = "en"
) -> TransferCheck:
    """Check ``subprocessor``'s countries, and, with ``terms``, that agreement's transfer policy."""
    outside = [c for c in subprocessor.all_countries if not facts.in_eea(c)]
    if not outside:
        inside = country_names(subprocessor.all_countries, language)
        return TransferCheck(True, False, [], [_t("inside", language, countries=inside)])
    results = [_country_basis(subprocessor, c, language) for c in outside]
    lawful = all(ok for ok, _s in results)
    reasons = [s for _ok, s in results]
    needs_consent = False
    if terms is not None:
        lawful, needs_consent = _apply_policy(terms, lawful, reasons, language)
    return TransferCheck(lawful, needs_consent, outside, reasons)


def _apply_policy(terms: DpaTerms, lawful: bool, reasons: list[str], language: str) -> tuple[bool, bool]:
    policy = terms.transfers.outside_eea
    if policy in WRITTEN_CONSENT_POLICIES:
        reasons.append(_t("written_consent", language))
        return lawful, True
    if policy is None:
        reasons.append(_t("policy_unknown", language))
        return lawful, True
    if policy == OutsideEea.WITH_SAFEGUARDS and not lawful:
        reasons.append(_t("policy_safeguards", language))
    return lawful, False
