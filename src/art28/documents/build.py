"""Build the language-resolved AgreementDocument from DpaTerms and the standard terms."""

from __future__ import annotations

from typing import Any

from art28.documents.annexes import build_annexes, country_name, na
from art28.documents.model import (
    AgreementDocument,
    Article,
    DocumentError,
    EvidenceBlock,
    EvidenceEntry,
    Paragraph,
    Row,
    Signature,
)
from art28.documents.standard import (
    CURRENT_VERSION,
    applies,
    fill,
    flatten,
    join_list,
    load_standard,
)
from art28.terms.countries import country_label
from art28.terms.schema import DpaTerms, Party


def build_document(terms: DpaTerms, *, reference: str,
                   version: str | None = None) -> AgreementDocument:
    """The agreement for these terms, in their language, under one standard-terms version."""
    _check_required(terms)
    std = load_standard(version or CURRENT_VERSION, terms.language or "")
    slots = _slots(terms, std, reference)
    articles = _articles(std, slots)
    labels = std["labels"]
    return AgreementDocument(
        language=std["language"], version=std["version"], reference=reference,
        title=std["title"], subtitle=fill(std["subtitle"], slots, std),
        parties_intro=std["preamble"]["intro"],
        parties=[_party_line(terms.controller, "controller", std),
                 _party_line(terms.processor, "processor", std)],
        whereas=std["preamble"]["whereas"],
        recitals=[fill(r, slots, std) for r in std["preamble"]["recitals"]],
        agree=std["preamble"]["agree"],
        articles=articles,
        signatures_heading=labels["signatures"], signatures_intro=labels["signatures_intro"],
        signatures=[_signature(terms.controller, "controller", std),
                    _signature(terms.processor, "processor", std)],
        annexes_heading=labels["annexes"], annexes=build_annexes(terms, std),
        page_label=labels["page"], evidence_heading=labels["evidence"],
        evidence_intro=labels["evidence_intro"],
    )


def with_evidence(doc: AgreementDocument, evidence: list[EvidenceEntry] | None,
                  ) -> AgreementDocument:
    """A copy of the document that ends with the acceptance evidence (if any)."""
    if not evidence:
        return doc
    std = load_standard(doc.version, doc.language)
    return doc.model_copy(update={"evidence": [_evidence_block(e, std) for e in evidence]})


def _check_required(terms: DpaTerms) -> None:
    if terms.language is None:
        raise DocumentError("the terms have no language (nl or en)", missing="language")
    for role in ("processor", "controller"):
        if not getattr(terms, role).name:
            raise DocumentError(f"the terms have no {role} name", missing=role)


def _slots(terms: DpaTerms, std: dict[str, Any], reference: str) -> dict[str, Any]:
    slots = flatten(terms)
    business = terms.subprocessors.business_days is True
    slots.update({
        "reference": reference,
        "version": std["version"],
        "day_unit": std["day_units"]["business" if business else "calendar"],
        "law": _law(terms.law.governing_law, std),
        "mechanisms": join_list([std["mechanisms"][m] for m in slots["transfers.mechanisms"]],
                                std),
    })
    return slots


def _law(code: str | None, std: dict[str, Any]) -> str | None:
    if not code:
        return None
    laws = std["laws"]
    if code in laws:
        return laws[code]
    if code.startswith("US-"):
        return laws["_us_state"].replace("{state}", country_label(code, std["language"]) or code)
    return laws["_other"].replace("{country}", country_name(code, std))


def _articles(std: dict[str, Any], slots: dict[str, Any]) -> list[Article]:
    """Keep the paragraphs whose condition holds, number what is left, then fill slots."""
    chosen = []
    for spec in std["articles"]:
        paragraphs = [p for p in spec["paragraphs"] if applies(p.get("when"), slots)]
        if paragraphs:
            chosen.append((spec, paragraphs))
    # Numbers are known only now, so cross-references are filled in a second pass.
    numbers = {spec["key"]: n for n, (spec, _) in enumerate(chosen, start=1)}
    slots = {**slots, **{f"article:{key}": n for key, n in numbers.items()}}
    slots.update({f"article:{s['key']}": "?" for s in std["articles"] if s["key"] not in numbers})
    return [_article(spec, paragraphs, numbers[spec["key"]], slots, std)
            for spec, paragraphs in chosen]


def _article(spec: dict[str, Any], paragraphs: list[dict[str, Any]], number: int,
             slots: dict[str, Any], std: dict[str, Any]) -> Article:
    out = []
    for index, para in enumerate(paragraphs, start=1):
        texts = [i["text"] for i in para.get("items", []) if applies(i.get("when"), slots)]
        # Lettered here, not in the templates, so PDF, DOCX and HTML show the same marker.
        items = [f"({chr(ord('a') + n)}) {fill(t, slots, std)}" for n, t in enumerate(texts)]
        out.append(Paragraph(number=f"{number}.{index}", text=fill(para["text"], slots, std),
                             items=items))
    return Article(key=spec["key"], number=number,
                   label=std["article_label"].replace("{number}", str(number)),
                   heading=spec["heading"], paragraphs=out)


def _party_line(party: Party, role: str, std: dict[str, Any]) -> str:
    """``Name, established at ..., KvK ..., hereinafter "Role"`` without empty parts."""
    address = address_line(party, std)
    line = std["party_line"] if address else "{name}"
    line = line.replace("{name}", party.name or "").replace("{address_line}", address)
    if party.kvk:
        line += std["party_kvk"].replace("{kvk}", party.kvk)
    return line + std["party_role"].replace("{role}", std["roles"][role]) + ";"


def address_line(party: Party, std: dict[str, Any]) -> str:
    """``street, postcode city, country`` with unknown parts left out."""
    place = " ".join(p for p in (party.postcode, party.city) if p)
    country = country_name(party.country, std) if party.country else ""
    return ", ".join(p for p in (party.address, place, country) if p)


def _signature(party: Party, role: str, std: dict[str, Any]) -> Signature:
    labels, contact = std["labels"], party.contact
    rows = [(labels["party_name"], party.name), (labels["name"], contact.name),
            (labels["function"], contact.function), (labels["email"], contact.email),
            (labels["phone"], contact.phone), (labels["mobile"], contact.mobile)]
    cells = [Row(cells=[label, na(value, std)]) for label, value in rows]
    # Left blank on purpose: filled in by hand (or replaced by the evidence page).
    cells += [Row(cells=[labels["date"], ""]), Row(cells=[labels["signature"], ""])]
    heading = labels["on_behalf_of"].replace("{role}", std["roles"][role])
    return Signature(heading=heading, party=party.name or "", rows=cells)


def _evidence_block(entry: EvidenceEntry, std: dict[str, Any]) -> EvidenceBlock:
    labels = std["labels"]
    role = std["roles"][entry.role]
    rows = [(labels["role"], role), (labels["name"], entry.name),
            (labels["function"], entry.function), (labels["email"], entry.email),
            (labels["accepted_at"], entry.accepted_at), (labels["ip"], entry.ip),
            (labels["user_agent"], entry.user_agent),
            *([(labels["note"], entry.note)] if entry.note else []),
            (labels["document_sha256"], entry.document_sha256)]
    return EvidenceBlock(heading=f"{role}: {entry.name}",
                         rows=[Row(cells=[k, na(v, std)]) for k, v in rows])
