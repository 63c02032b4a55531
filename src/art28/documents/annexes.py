"""The four annexes of the parameter part: parties, processing, measures, sub-processors."""

from __future__ import annotations

from typing import Any

from art28.documents.model import Annex, Block, Row
from art28.terms.countries import country_label
from art28.terms.schema import Contact, DpaTerms, MeasureKind, Party


def na(value: str | None, std: dict[str, Any]) -> str:
    """The value, or the document's word for "not stated"."""
    return value if value else std["labels"]["not_stated"]


def country_name(code: str | None, std: dict[str, Any]) -> str:
    """The country's name in the document's language, or its ISO code if we lack one."""
    if not code:
        return std["labels"]["not_stated"]
    return std["countries"].get(code) or country_label(code, std["language"]) or code


def build_annexes(terms: DpaTerms, std: dict[str, Any]) -> list[Annex]:
    """Annexes I to IV, in order."""
    return [
        _annex("parties", std, _parties_blocks(terms, std)),
        _annex("processing", std, _processing_blocks(terms, std)),
        _annex("measures", std, _measures_blocks(terms, std)),
        _annex("subprocessors", std, _subprocessor_blocks(terms, std)),
    ]


def _annex(key: str, std: dict[str, Any], blocks: list[Block]) -> Annex:
    spec = std["annexes"][key]
    return Annex(key=key, number=spec["number"], title=spec["title"], blocks=blocks)


def _kv(rows: list[tuple[str, str]]) -> Block:
    return Block(kind="kv", rows=[Row(cells=[k, v]) for k, v in rows])


def _parties_blocks(terms: DpaTerms, std: dict[str, Any]) -> list[Block]:
    blocks = []
    for role in ("controller", "processor"):
        blocks += [Block(kind="heading", text=std["roles"][role]), _party_table(
            getattr(terms, role), std)]
    return blocks


def _party_table(party: Party, std: dict[str, Any]) -> Block:
    labels, contact = std["labels"], party.contact
    place = " ".join(p for p in (party.postcode, party.city) if p)
    return _kv([
        (labels["name"], na(party.name, std)), (labels["address"], na(party.address, std)),
        (labels["postcode_city"], na(place, std)),
        (labels["country"], country_name(party.country, std)),
        (labels["kvk"], na(party.kvk, std)), (labels["contact"], na(contact.name, std)),
        (labels["function"], na(contact.function, std)),
        (labels["email"], na(contact.email, std)), (labels["phone"], na(contact.phone, std)),
        (labels["mobile"], na(contact.mobile, std)),
        *_optional_contact(labels["privacy_contact"], party.privacy_contact),
        *_optional_contact(labels["breach_desk"], party.breach_desk),
    ])


def _optional_contact(label: str, contact: Contact) -> list[tuple[str, str]]:
    """A row for a contact only where the party states one (older terms have none)."""
    parts = [p for p in (contact.name, contact.function, contact.email, contact.phone, contact.mobile) if p]
    return [(label, ", ".join(parts))] if parts else []


def _processing_blocks(terms: DpaTerms, std: dict[str, Any]) -> list[Block]:
    text, p = std["annex_text"], terms.processing

    def many(items: list[str]) -> str:
        return "; ".join(items) if items else std["labels"]["none"]

    return [_kv([
        (text["subject_matter"], na(p.subject_matter, std)),
        (text["nature"], na(p.nature, std)),
        (text["purposes"], many(p.purposes) if p.purposes else na(None, std)),
        (text["duration"], na(p.duration, std)),
        (text["data_categories"], many(p.data_categories)),
        (text["special_categories"], many(p.special_categories)),
        (text["data_subject_categories"], many(p.data_subject_categories)),
    ])]


def _measures_blocks(terms: DpaTerms, std: dict[str, Any]) -> list[Block]:
    text, measures = std["annex_text"], terms.security.measures
    if not measures:
        return [Block(kind="text", text=text["no_measures"])]
    blocks = [Block(kind="text", text=text["measures_intro"])]
    for kind in (MeasureKind.TECHNICAL, MeasureKind.ORGANISATIONAL):
        items = [_marked(*m.text_in(std["language"]), std) or m.text for m in measures if m.kind == kind]
        if items:
            blocks += [Block(kind="heading", text=text[kind.value]),
                       Block(kind="list", items=items)]
    return blocks


def _marked(text: str | None, fallback: str | None, std: dict[str, Any]) -> str | None:
    """A register text missing in the document's language shows the other one, marked as such."""
    if text and fallback:
        return f"{text} {std['annex_text']['only_in'][fallback]}"
    return text


def _subprocessor_blocks(terms: DpaTerms, std: dict[str, Any]) -> list[Block]:
    text, named = std["annex_text"], terms.subprocessors.named
    if not named:
        return [Block(kind="text", text=text["no_subprocessors"])]
    header = [text["sub_name"], text["sub_address"], text["sub_country"], text["sub_service"]]
    rows = [Row(cells=[s.name, na(s.address, std), country_name(s.country, std),
                       na(_marked(*s.service_in(std["language"]), std), std)]) for s in named]
    return [Block(kind="text", text=text["subprocessors_intro"]),
            Block(kind="grid", header=header, rows=rows)]
