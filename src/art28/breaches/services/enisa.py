"""ENISA's method for the severity of a personal data breach (2013): SE = DPC × EI + CB.

Pure functions: a suggestion from the facts a controller was told, each factor with its
reason, and what the score suggests. It never decides; the controller does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

EI_VALUES = (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal("1"))
DPC_MIN, DPC_MAX = Decimal("1"), Decimal("4")
CB_MAX = Decimal("2")

# Words (nl and en) that put a data category in one of ENISA's four DPC classes.
_SENSITIVE = ("health", "medical", "gezondheid", "medisch", "patiënt", "patient", "biometr",
              "genetic", "genetisch", "religio", "geloof", "ethnic", "etnisch", "political",
              "politiek", "sexual", "seksu", "criminal", "strafrecht", "union", "vakbond", "bsn",
              "citizen service number", "passport", "paspoort")
_FINANCIAL = ("financ", "bank", "iban", "credit", "salar", "salaris", "payment", "betaal", "income",
              "inkomen")
_BEHAVIOURAL = ("location", "locatie", "behaviour", "gedrag", "browsing", "surf", "traffic", "verkeer",
                "preference", "voorkeur", "habit", "camera", "log")


@dataclass(frozen=True)
class Factor:
    value: Decimal
    reason: str


@dataclass(frozen=True)
class Severity:
    dpc: Factor
    ei: Factor
    cb: Factor

    @property
    def score(self) -> Decimal:
        return self.dpc.value * self.ei.value + self.cb.value

    @property
    def level(self) -> str:
        return level_of(self.score)

    def as_dict(self) -> dict:
        return {"dpc": _f(self.dpc), "ei": _f(self.ei), "cb": _f(self.cb), "score": str(self.score),
                "level": self.level, "level_label": str(LEVEL_LABELS[self.level]),
                "advice": advice(self.level)}


def _f(factor: Factor) -> dict:
    return {**asdict(factor), "value": str(factor.value)}


def level_of(score: Decimal) -> str:
    """low < 2 ≤ medium < 3 ≤ high < 4 ≤ very high."""
    if score < 2:
        return "low"
    if score < 3:
        return "medium"
    if score < 4:
        return "high"
    return "very_high"


LEVEL_LABELS = {"low": pgettext_lazy("severity", "low"), "medium": pgettext_lazy("severity", "medium"),
                "high": pgettext_lazy("severity", "high"),
                "very_high": pgettext_lazy("severity", "very high")}


def advice(level: str) -> dict:
    """What the level suggests under Art. 33 and 34, with the reason; a suggestion only."""
    authority = level != "low"
    subjects = level in ("high", "very_high")
    return {
        "notify_authority": authority,
        "authority_reason": (
            _("A risk to the people concerned cannot be ruled out, so Article 33 suggests telling "
              "the supervisory authority within 72 hours.") if authority else
            _("The breach seems unlikely to result in a risk; Article 33 then allows not notifying, "
              "but record the breach and this reasoning in your own register.")),
        "notify_subjects": subjects,
        "subjects_reason": (
            _("The severity suggests a high risk, so Article 34 suggests telling the people "
              "concerned without undue delay (unless e.g. the data was unintelligible to others).")
            if subjects else
            _("The severity does not suggest a high risk, so Article 34 does not require telling "
              "the people concerned; reconsider when new facts arrive.")),
        "disclaimer": _("This is a suggestion computed from the stated factors. The controller "
                        "decides, and remains responsible for the decision."),
    }


def _matches(categories: list[str], words: tuple[str, ...]) -> list[str]:
    return [c for c in categories if any(w in c.lower() for w in words)]


# What agreements write in a special-categories field when there are none.
_NONE_STATED = {"", "-", "geen", "none", "n.v.t.", "nvt", "n/a", "not applicable", "niet van toepassing"}


def stated_special(values: list[str] | None) -> list[str]:
    """The special categories an agreement states, without the ways of saying 'none'."""
    return [v.strip() for v in values or [] if isinstance(v, str) and v.strip().lower() not in _NONE_STATED]


def suggest_dpc(categories: list[str], special: list[str] | None = None) -> Factor:
    """DPC from the incident's categories; the special categories the controller's agreement
    states count as sensitive data whatever their wording (Art. 9 and 10 data are sensitive)."""
    special = stated_special(special)
    if special:
        return Factor(Decimal(4), _("Basic score 4 for sensitive data: the agreement states special "
                                    "categories of personal data (%(s)s), and the notice does not rule "
                                    "them out.") % {"s": ", ".join(special)})
    for value, words, label in ((4, _SENSITIVE, _("sensitive data")),
                                (3, _FINANCIAL, _("financial data")),
                                (2, _BEHAVIOURAL, _("behavioural data"))):
        hits = _matches(categories, words)
        if hits:
            return Factor(Decimal(value), _("Basic score %(v)s for %(label)s: %(hits)s.")
                          % {"v": value, "label": label, "hits": ", ".join(hits)})
    if not categories:
        return Factor(Decimal(1), _("No data categories were stated yet; basic score 1 (simple data) "
                                    "until they are known."))
    return Factor(Decimal(1), _("Basic score 1 for simple data: %(c)s.") % {"c": ", ".join(categories)})


def suggest_ei(*, encrypted: bool, categories: list[str]) -> Factor:
    if encrypted:
        return Factor(Decimal("0.25"), _("The data was encrypted or otherwise unintelligible: "
                                         "identification is negligible, provided the key was not "
                                         "compromised."))
    return Factor(Decimal("1"), _("Unencrypted data that may include names or contact details: "
                                  "assume people can be identified directly (maximum)."))


def suggest_cb(*, confidentiality: bool, integrity: bool, availability: bool, malicious: bool) -> Factor:
    parts: list[tuple[Decimal, str]] = []
    if confidentiality:
        parts.append((Decimal("0.5"), _("loss of confidentiality to an unknown number of recipients "
                                        "(+0.5; +0.25 when the recipients are known and trusted)")))
    if integrity:
        parts.append((Decimal("0.25"), _("loss of integrity, data can be restored (+0.25)")))
    if availability:
        parts.append((Decimal("0.25"), _("loss of availability, temporary (+0.25)")))
    if malicious:
        parts.append((Decimal("0.5"), _("malicious intent (+0.5)")))
    if not parts:
        return Factor(Decimal(0), _("No loss of confidentiality, integrity or availability stated yet."))
    return Factor(sum((v for v, _r in parts), Decimal(0)), "; ".join(r for _v, r in parts) + ".")


def suggest(facts: dict, special: list[str] | None = None) -> Severity:
    """A first assessment from the facts of a breach notice (keys as in ``notice_facts``) and
    the special categories stated in the controller's agreement."""
    categories = list(facts.get("data_categories") or [])
    nature = set(facts.get("nature") or [])
    return Severity(
        dpc=suggest_dpc(categories, special),
        ei=suggest_ei(encrypted=bool(facts.get("encrypted")), categories=categories),
        cb=suggest_cb(confidentiality="confidentiality" in nature, integrity="integrity" in nature,
                      availability="availability" in nature, malicious=bool(facts.get("malicious"))),
    )
