"""Each requirement of Article 28(2)-(4) and 32(2), decided from the sentence that states it.

A requirement is ``present`` only when a sentence states that obligation of the processor
(or, for a permission such as the controller's authorisation, grants it). Headings,
definitions, recitals, tables of contents, cross-reference rows, clauses about another
party and clauses that say the opposite never count. ``partial`` names what is missing.
"""

# Notes in two languages read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from art28.analyzer.collect import MAX_QUOTE, Evidence
from art28.analyzer.context import Context, rx
from art28.analyzer.extract_audit_end import FULL_SCOPE, LIMITED, SECURITY_SCOPE
from art28.analyzer.patterns import CONTROLLER_WORDS, PROCESSOR_WORDS
from art28.analyzer.requirement_rules import (
    ATOMS,
    BARE_BACK,
    NAMED_BACK,
    OTHER_ANTECEDENTS,
    SPECS,
    SUB,
    SUB_PARTY,
    Spec,
)
from art28.analyzer.text import Sentence, title_case
from art28.terms.schema import DpaTerms

Status = Literal["present", "partial", "missing"]


class RequirementEvidence(Evidence):
    """A quote with its place in the document: sentence number and (unwrapped) line."""

    sentence: int
    line: int


class Requirement(BaseModel):
    """One requirement: its status, the sentences that state it, and a note in en and nl."""

    article: str
    name: dict[str, str]
    status: Status
    evidence: list[RequirementEvidence] = Field(default_factory=list)
    note: dict[str, str]


# Verbs and modals that carry an obligation or a permission; their subject is the party.
MODAL = rx(
    r"\b(shall|will|must|should|may|can|agrees?|undertakes?|warrants?|represents?|commits?|acknowledges?|"
    r"is (obliged|required|entitled|responsible|obligated|permitted)|are (obliged|required|entitled)|"
    r"zal|zullen|moet|moeten|dient|dienen|is verplicht|zijn verplicht|verplicht zich|mag|mogen|kan|kunnen|"
    r"staat in|garandeert|draagt zorg|zorgt)\b"
)
OPPOSITE = rx(
    r"\b(shall|will|is|are|be|has|have|does|do|need)\s+(not|no longer|under no)\s+(be\s+|have\s+)?"
    r"(obliged|required|responsible|obligated|liable|entitled|permitted|allowed|need)\b|"
    r"\bno (obligation|duty|liability|responsibility|right)\b|\bniet (verplicht|gehouden|aansprakelijk|gerechtigd)\b|"
    r"\bgeen (verplichting|plicht|aansprakelijkheid|recht)\b|\bis (excluded|uitgesloten)\b|"
    r"\bsolely responsible\b|\buitsluitend verantwoordelijk\b"
)
# A negation followed by a condition is a permission with a condition, not a ban.
CONDITION = rx(
    r"\b(other than|except|unless|save|without|only|anders dan|behalve|tenzij|zonder|alleen|slechts|until|before|prior)\b"
)
DEFINITION = re.compile(
    r"^\W*(?:\d[\d.]*\s*)?(?:\(?[a-z]{1,3}\)\s*)?[\"“'‘][^\"”’']{1,80}[\"”’']\s*(?:\([^)]{0,40}\)\s*)?"
    r"(?:means|shall mean|has the meaning|refers to|includes|betekent|wordt verstaan|houdt in|:|–|-)|"
    r"^\W*(?:\d[\d.]*\s*)?[\w\- ]{1,40}\s+(?:means|shall mean|betekent)\b",
    re.IGNORECASE,
)
RECITAL_HEAD = rx(r"recital|whereas|background|preamble|considerans|overweging|in aanmerking nemende")
RECITAL = rx(r"^\W*(\(?[a-z]\)\s*)?(whereas|overwegende|in aanmerking nemende)\b")
TOC = re.compile(r"\.{4,}|…{2,}|(\s\.){3,}|\s\d{1,3}\s*$")
CROSS_REF = rx(r"\b28\s*\(\s*\d\s*\)|\bart(icle|ikel|\.)?\s*\d+\s*(lid|\()")
LIST_ITEM = rx(r"^\s*(?:[-*•·]|\(?[a-z]{1,4}[.)]|\d{1,2}[.)])\s")
OBJECTION = rx(r"object|bezwaar|verzet|oppose|veto|terminat|opzeg|reject|refuse|weiger|afwijz")
CONSENT = rx(r"consent|approv|authori[sz]|toestemming|goedkeur|instemming")
# A notice of intended changes: told (a request for consent to a named new one tells too), or
# a list published or brought up to date.
ASK_CONSENT = r"\b(asks?|requests?|seeks?|obtains?|vraagt|verzoekt)\b.{0,40}\b(consent|approval|authori[sz]ation|toestemming|goedkeuring)"
NOTICE = rx(
    rf"{ATOMS['inform']}|{ASK_CONSENT}|kennisgev|\blaat .{{0,60}}\bweten\b|\bwerkt\b.{{0,160}}\bbij\b|"
    r"\b(posts?|publish\w*|publiceert|publiceren|plaatst|made available|communicated|"
    r"announced|bekendgemaakt|bekend gemaakt|medegedeeld|meegedeeld|kenbaar gemaakt|updates?|actualiseert)\b"
)
# An objection the controller can make before the change: it must have been told first.
IN_ADVANCE = rx(r"\b(before|prior to|in advance|beforehand|voordat|voorafgaand|vooraf|van tevoren|tevoren)\b")


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-zÀ-ÿ]+", text)


def eligible(sentence: Sentence, norm: str, lead: str) -> bool:
    """Whether a sentence can state an obligation at all (not a heading, definition, ...)."""
    text = sentence.text.strip()
    words = _words(text)
    if len(words) < 5 and not lead:
        return False
    if _is_title(text, words) or DEFINITION.match(text) or RECITAL.match(norm):
        return False
    if RECITAL_HEAD.search(sentence.heading[:60]) and not re.search(r"\b(shall|will|must|zal|moet)\b", norm):
        return False
    if TOC.search(text) and (len(words) <= 12 or "..." in text) and not MODAL.search(norm):
        return False
    if " | " in text and (CROSS_REF.search(norm) or not MODAL.search(norm)):
        return False  # a table row counts only when it states an obligation itself
    return True


def _heading_line(sentence: Sentence, norm: str, ctx: Context) -> bool:
    """A line the text took as the heading of what follows, in sentence case ("4. Processing
    only on documented instructions"): no modal verb and no party to open it, so it names a
    subject and binds no one. "4.2 The Processor acts only on ..." without a full stop stays."""
    text = sentence.text.strip()
    if not sentence.heading or text.lower() != sentence.heading.strip() or MODAL.search(norm):
        return False
    first = re.search(r"[A-Za-zÀ-ÿ]", text)
    return bool(first and first.group(0).isupper()) and _opening_party(norm, ctx) is None


def _is_title(text: str, words: list[str]) -> bool:
    """A heading: short, no closing punctuation, mostly capitalised words or all capitals."""
    if re.search(r"[.;:]\s*$", text):
        return False
    caps = sum(1 for w in words if w[0].isupper())
    if len(words) > 14:  # a table of contents run together: capitals, no verb
        return caps >= 0.7 * len(words) and not MODAL.search(text.lower())
    return text.isupper() or (len(words) <= 10 and caps >= 0.6 * len(words)) or title_case(text)


def subject(text: str, ctx: Context) -> str | None:
    """Whose clause it is: the party named before the first modal verb.

    "The controller agrees that the processor will assist" is the processor's clause: a
    modal followed by "that" introduces another clause, so the next modal decides.
    """
    opening = _opening_party(text, ctx)
    if opening == "subprocessor" and ENGAGED.search(text[:120]):
        return "processor"  # "Sub-processors may only be engaged with ...": whoever engages them
    if INFINITIVE_ITEM.match(text):
        return None  # "(a) to process ... on behalf of the controller; ... it agrees": the lead-in's party
    main = _main_clause(text, ctx)  # where the main clause after "If ..., " starts, or -1
    that = False
    for m in MODAL.finditer(text):
        if re.match(r"\s*(,\s*)?(that|dat)\b", text[m.end() :]):
            that = True
            continue
        if m.start() < main:
            continue  # "Where the Controller must inform ..., the Processor shall assist": the main clause's
        before = text[: m.start()]
        after = text[m.end() :]
        if opening in ("processor", "controller") and (
            SUBORDINATE.search(before) or (not that and _bare_subordinate(before, ctx))
        ):
            return opening  # "De verwerker stelt ... in kennis(,) zodat deze bezwaar kan maken"
        if by := AGENT.match(after):  # "No sub-processor shall be engaged by the Processor"
            agent = after[by.end() :]
            if ctx.processor_re().match(agent):
                return "processor"
            if ctx.controller_re().match(agent):
                return "controller"
        if PASSIVE.match(after) and _party(before[-90:], ctx) == "controller":
            return "processor"  # "the Controller will be notified": someone tells the controller
        if (to := TO_CONTROLLER.match(after)) and ctx.controller_re().match(after[to.end() :]):
            return "processor"  # "changes shall be made available to the Controller"
        if PRONOUN.search(before):  # "If the Processor believes ..., it shall": the first party named
            return _first_party(before, ctx) or opening
        return _party(before[-90:], ctx) or opening
    return opening


PASSIVE = rx(r"\s+(?:be|is|are|worden|wordt)\s+(?:promptly |immediately |timely |duly )?(?:notified|informed|told|alerted|warned|given notice|geïnformeerd|ingelicht|op de hoogte gesteld|in kennis gesteld)\b")
TO_CONTROLLER = rx(r"\s+be\s+(?:promptly |immediately )?(?:made available|communicated|notified|sent|provided|reported|announced)\s+to\s+(?:the\s+)?")
# A clause with its own verb before a comma and a subordinating word: the modal after it is
# the subordinate clause's, the sentence is the party it opened with.
SUBORDINATE = rx(
    r",\s*(?:zodat|waarna|waardoor|opdat|so that|after which|whereupon|in which case|in welk geval|which|who|die|waarbij)\b"
)
# ... also without the comma, for the words that can only open a subordinate clause.
SUBORDINATE_BARE = rx(r"\s(?:zodat|opdat|wanneer|indien|zodra|so that|in order that|where|when|whenever)\s")
# A sentence that opens with a condition ("If the Controller must ..., the Processor shall ...").
LEADING = rx(
    r"^\W*(?:(?:\d+(?:\.\d+)*\.?|\(?[a-z]{1,4}[.)])\s+)?(?:if|where|when|whenever|should|in case|in the event|to the extent|insofar as|indien|wanneer|als|zodra|ingeval|in geval|in het geval|voor zover|voorzover)\b"
)
# Words that join another clause on rather than start the main one ("…, and the Controller may").
JOINING = rx(r"(?:and|or|but|unless|except|en|of|maar|tenzij|behalve|dan wel)\b")
ARTICLE = rx(r"(?:then\s+|dan\s+)?(?:the\s+|de\s+|het\s+)?")
MAIN_PRONOUN = rx(r"(?:it|he|she|they|we|you|hij|zij|ze|deze|wij|u)\b")


def _names_party(text: str, ctx: Context) -> bool:
    return bool(ctx.processor_re().match(text) or ctx.controller_re().match(text) or MAIN_PRONOUN.match(text))


def _main_clause(text: str, ctx: Context) -> int:
    """Where the main clause of a sentence that opens with a condition starts, or -1.

    Only where the comma after the condition is plainly followed by the main clause's party
    ("…, the Processor shall", "…, it shall", "…, verstrekt Verwerker"): without such a comma
    ("Where required the Controller shall …") or when the comma joins another clause on
    ("…, and the Controller may …"), the sentence is read as a whole.
    """
    lead = LEADING.match(text)
    if lead is None:
        return -1
    rest = text[lead.end() :].lstrip()
    if lead.group(0).rstrip().lower().endswith("als") and _names_party(ARTICLE.sub("", rest, count=1), ctx):
        return -1  # "Als verwerker zal …": "as", not "if"
    comma = text.find(",", lead.end())
    if comma < 0:
        return -1
    after = text[comma + 1 :].lstrip()
    if JOINING.match(after):
        return -1
    head = after[ARTICLE.match(after).end() :]  # type: ignore[union-attr]
    if _names_party(head, ctx):
        return comma
    verb = re.match(r"\w+\s+", after)  # Dutch inversion: "…, verstrekt Verwerker de informatie"
    if verb and _names_party(ARTICLE.sub("", after[verb.end() :], count=1), ctx):
        return comma
    return -1


def _bare_subordinate(before: str, ctx: Context) -> bool:
    """A subordinating word without its comma before the modal ("… bepaalt wanneer Verwerker …
    moet"), unless a clause of another party is joined on after it ("… when it gives
    instructions and the Processor shall …")."""
    found = list(SUBORDINATE_BARE.finditer(before))
    if not found:
        return False
    tail = before[found[-1].end() :]
    for join in re.finditer(r"\b(?:and|en|but|maar|or|of)\s+", tail):
        if _names_party(ARTICLE.sub("", tail[join.end() :], count=1), ctx):
            return False
    return True


# A passive with its agent: "shall be engaged by the Processor" is the Processor's clause.
AGENT = rx(r"\s+(?:not\s+)?be\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\s+by\s+(?:the\s+|de\s+|het\s+)?")
# A list item that opens with an infinitive ("(a) to process ...") has no subject of its own:
# a pronoun later in it ("it agrees") is the party of the lead-in, not a party named in the item.
INFINITIVE_ITEM = rx(
    r"^\W*(?:(?:\(?[a-z]{1,4}|\d{1,2})[.)]\s*)?to (?!(?:the|a|an|any|this|that|which|whom|such|its|their|our|your|all|each|extent)\b)[a-z]+\b"
)
# Words right before a party that make it the object of a preposition, not the subject.
OBJECT_OF = rx(
    r"\b(?:on behalf of|behalf of|of|to|for|from|with|by|against|towards|under|namens|van|voor|aan|met|door|tegen|jegens)\s+(?:the |de |het |its |his |her |their |each |any )?$"
)
# A pronoun right before the modal refers back to the party the sentence opened with.
PRONOUN = rx(r"\b(?:it|he|she|they|hij|zij|ze)\s*$")


def _first_party(before: str, ctx: Context) -> str | None:
    """The party named first in a clause (processor, controller or sub-processor)."""
    found = []
    for name, pattern in (
        ("processor", ctx.processor_re()),
        ("controller", ctx.controller_re()),
        ("subprocessor", re.compile(SUB_PARTY)),
    ):
        m = pattern.search(before)
        if m:
            found.append((m.start(), name))
    return min(found)[1] if found else None


# A clause that opens with a party ("Opdrachtnemer informeert ...", "The Supplier deletes ...")
# is that party's, with or without a modal verb.
_OPENING = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+|\(?[a-z]{1,4}[.)]\s+)?(?:the |de |het )?(?P<head>[^\s,]+(?: [^\s,]+)?)"
)


def _opening_party(text: str, ctx: Context) -> str | None:
    m = _OPENING.match(text)
    if not m:
        return None
    head = m.group("head")
    if re.match(SUB_PARTY, head):
        return "subprocessor"
    if ctx.processor_re().match(head):
        return "processor"
    if ctrl := ctx.controller_re().match(head):
        # "The Controller and the Processor agree ...": a joint clause binds the processor too.
        rest = text[m.start("head") + ctrl.end() :]
        if (both := JOINT.match(rest)) and ctx.processor_re().match(rest[both.end() :]):
            return "processor"
        return "controller"
    return None


# A passive of engaging after a sub-processor named first ("may only be appointed", "mogen
# alleen worden ingeschakeld").
ENGAGED = rx(
    r"^\W*(?:(?:\d+(?:\.\d+)*\.?|\(?[a-z]{1,4}[.)])\s+)?(?:the |de |het |any |all |alle )?\S+\s+(?:may|shall|must|will|can|are|is|mogen|mag|zullen|zal|moeten|kunnen|worden|wordt)\s+(?:not\s+|only\s+|alleen\s+|niet\s+|slechts\s+)*"
    r"(?:be|worden|zijn)\s+(?:\w+\s+)?(?:engaged|appointed|used|retained|involved|commissioned|hired|subcontracted|"
    r"ingeschakeld|ingezet|gebruikt|aangesteld|betrokken|aangewezen)\b"
)
JOINT = rx(r"\W*(?:'s\s+)?(?:and|en|as well as|alsmede)\s+(?:the |de |het )?")


def _party(before: str, ctx: Context) -> str | None:
    near = before[-45:]
    # "The use of sub-processors is permitted": a sub-processor after a preposition is no subject.
    subs = [m for m in re.finditer(SUB_PARTY, near) if not OBJECT_OF.search(near[: m.start()])]
    if subs and not ctx.processor_re().search(re.sub(SUB_PARTY, " ", near)):
        return "subprocessor"
    if ctx.processor_re().search(before):
        return "processor"
    # "on behalf of the controller, ... shall": a party after a preposition is not the subject.
    if any(not OBJECT_OF.search(before[: m.start()]) for m in ctx.controller_re().finditer(before)):
        return "controller"
    if re.search(r"\b(service|services|platform|software|product|dienst|diensten)\b", before):
        return "service"
    return None


def says_opposite(text: str) -> bool:
    """A clause that excludes the obligation ("is not required to assist")."""
    for m in OPPOSITE.finditer(text):
        if not CONDITION.search(text[m.end() : m.end() + 120]):
            return True
    return False


def _needs(pattern: re.Pattern[str]) -> frozenset[str]:
    """The shared vocabularies a pattern is built from: each must occur for it to match."""
    src = pattern.pattern
    return frozenset(
        name
        for name, atom in ATOMS.items()
        if atom in src and f"|{atom}" not in src and f"{atom}|" not in src  # not one alternative
    )


# Per pattern, the vocabularies it needs; a sentence lacking one is not searched (speed).
_NEEDS = {p: _needs(p) for spec in SPECS for p in (*spec.full, *spec.partial, *spec.in_section)}
_ATOM_RES = {name: re.compile(atom) for name, atom in ATOMS.items()}


def _matches(patterns: tuple[re.Pattern[str], ...], text: str, present: frozenset[str]) -> bool:
    """Whether a pattern matches where the text does not say the opposite.

    The opposite ("is not obliged to", "no obligation to") counts only near the words
    that state the requirement, so a later clause of a long sentence does not undo it.
    """
    for p in patterns:
        if not _NEEDS[p] <= present:
            continue
        for m in p.finditer(text):
            if not says_opposite(text[max(0, m.start() - 100) : m.end() + 40]):
                return True
    return False


def _counts_for(spec: Spec, party: str | None, text: str, ctx: Context) -> bool:
    """The processor's clause, or another party's where the requirement allows it.

    The controller's clause counts only where it names the processor too ("the Customer
    authorises the Supplier to ..."): the controller's own duties never do.
    """
    if party in (None, "processor"):
        return True
    if party not in spec.other_subjects:
        return False
    if party == "controller" and spec.controller_if is not None and spec.controller_if.search(text):
        return True
    if party == "controller" and spec.controller_needs is not None and not spec.controller_needs.search(text):
        return False
    return party != "controller" or bool(ctx.processor_re().search(text))


def _evidence(sentence: Sentence) -> RequirementEvidence:
    text = sentence.text
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 1].rstrip() + "…"
    return RequirementEvidence(ref=sentence.ref, quote=text, sentence=sentence.index, line=sentence.line)


ITEM = re.compile(
    r"^\s*(?:[-*•·▪]|\(?[a-z]{1,4}[.)]\.?|\(?[ivx]{1,5}[.)]\.?|\(?\d{1,2}(?:\.\d{1,2})*[.)]?)\s+\S|^\s*[a-z]"
)


def leads(ctx: Context) -> list[str]:
    """For each list item (or lower-case continuation), the sentence ending in ':' above it."""
    out: list[str] = []
    lead = ""
    for sentence, norm in zip(ctx.sentences, ctx.norm, strict=True):
        if lead and ITEM.match(sentence.text):
            out.append(lead)
            if norm.rstrip().endswith(":"):  # a nested list: the item introduces the next level
                lead = f"{lead} {norm}"[-400:]
            continue
        out.append("")
        lead = norm if norm.rstrip().endswith(":") else ""
    return out


def _scan(ctx: Context) -> tuple[dict[str, list[Sentence]], dict[str, list[Sentence]]]:
    """Per requirement, the sentences that state it in full and those that state it in part.

    A list item is read together with the sentence that introduces the list ("The processor
    shall assist the controller with: (a) ..."), so the item takes its verb and party from it.
    """
    full: dict[str, list[tuple[int, Sentence]]] = {s.key: [] for s in SPECS}
    part: dict[str, list[tuple[int, Sentence]]] = {s.key: [] for s in SPECS}
    for sentence, norm, lead in zip(ctx.sentences, ctx.norm, leads(ctx), strict=True):
        if not eligible(sentence, norm, lead) or (not lead and _heading_line(sentence, norm, ctx)):
            continue
        # A list item without a verb of its own belongs to the party of its lead-in.
        own = subject(norm, ctx) if (MODAL.search(norm) or not lead) else None
        party = own if own is not None or not lead else subject(lead, ctx)
        text = f"{lead} {norm}" if lead else norm
        rank = (party == "processor") + bool(MODAL.search(norm))
        present = frozenset(name for name, atom in _ATOM_RES.items() if atom.search(text))
        for spec in SPECS:
            if not _counts_for(spec, party, text, ctx):
                continue
            if spec.exclude is not None and spec.exclude.search(norm):
                continue
            if spec.gate is not None and not spec.gate.search(text):
                if _in_section(spec, sentence, text, present) and refers_back(spec, sentence, ctx):
                    full[spec.key].append((rank, sentence))
                continue
            if _matches(spec.full, text, present):
                full[spec.key].append((rank, sentence))
            elif spec.partial and _matches(spec.partial, text, present):
                part[spec.key].append((rank, sentence))
    return _best(full), _best(part)


def _in_section(spec: Spec, sentence: Sentence, text: str, present: frozenset[str]) -> bool:
    """A sentence that states the requirement of what its heading names ("them": the sub-processors)."""
    return bool(spec.section and spec.section.search(sentence.heading) and _matches(spec.in_section, text, present))


_BARE_BACK, _NAMED_BACK, _OTHER_ANTECEDENTS = rx(BARE_BACK), rx(NAMED_BACK), rx(OTHER_ANTECEDENTS)


def refers_back(spec: Spec, sentence: Sentence, ctx: Context) -> bool:
    """Whether the sentence's "they" / "them" points back to what the requirement is about.

    "Such sub-processors" says what it means; a bare pronoun takes what was named last before
    it: in the sentence itself or the two before it in the same section, the heading line
    included ("7. Sub-processing ... It shall impose on them"). Employees, the parties, the
    data subjects or the processor's affiliates named after the sub-processors take it over.
    Where that window names nothing of the kind, the heading's sub-processors are meant, however
    many sentences of procedure came between.
    """
    norm = ctx.norm[sentence.index]
    if spec.antecedent is None or _NAMED_BACK.search(norm):
        return True
    pronoun = _BARE_BACK.search(norm)
    if pronoun is None:
        return False
    first = max(0, sentence.index - 2)
    before = [ctx.norm[i] for i in range(first, sentence.index) if ctx.sentences[i].heading == sentence.heading]
    window = " ".join([*before, norm[: pronoun.start()]])
    named = [m.span() for m in spec.antecedent.finditer(window)]
    # "third-party service providers" or "sub-contractors" name the sub-processors themselves.
    others = [
        m.end() for m in _OTHER_ANTECEDENTS.finditer(window) if not any(a <= m.start() < b for a, b in named)
    ]
    if not named:  # nothing named since the heading: the heading's sub-processors, unless others came up
        return not others and bool(spec.antecedent.search(sentence.heading.lower()))
    return not others or named[-1][1] > others[-1]


def _best(found: dict[str, list[tuple[int, Sentence]]]) -> dict[str, list[Sentence]]:
    """The sentences per requirement, the processor's own modal clauses first."""
    return {
        key: [s for _, s in sorted(items, key=lambda x: (-x[0], x[1].index))] for key, items in found.items()
    }


PRESENT_NOTE = ("stated", "vastgelegd")


_PAREN = re.compile(r"\(([^()]{2,120})\)")
_QUOTED = re.compile(r"[\"“‘']([A-Za-zÀ-ÿ][\w&.\- ]{1,30}?)[\"”’']")


def short_names(ctx: Context) -> None:
    """Names the parties give themselves in quotes ('Acme B.V. ("Acme", the "Processor")').

    A quoted name that stands in one parenthesis with a role word is that party's alias,
    so "Acme shall ..." is the processor's clause. Only the opening of the document is read.
    """
    proc, ctrl = re.compile(PROCESSOR_WORDS), re.compile(CONTROLLER_WORDS)
    for sentence in ctx.sentences[:60]:
        for m in _PAREN.finditer(sentence.text):
            inner = m.group(1)
            names = [n for n in _QUOTED.findall(inner) if len(n) > 2]
            # "Sub-processor", "Customer Data": a defined term built on a role word is no party's alias.
            aliases = [n for n in names if not any(proc.fullmatch(w) or ctrl.fullmatch(w) for w in re.split(r"[\s-]+", n.lower()))]
            roles = {n.lower() for n in names} | set(re.findall(r"[a-z]+", inner.lower()))
            is_proc = any(proc.fullmatch(r) for r in roles)
            is_ctrl = any(ctrl.fullmatch(r) for r in roles)
            if aliases and is_proc != is_ctrl:
                target = ctx.processor_names if is_proc else ctx.controller_names
                target.extend(a for a in aliases if a not in target)


def requirements(ctx: Context, terms: DpaTerms) -> dict[str, Requirement]:
    """Every requirement of Article 28(2)-(4) and 32(2), with status, evidence and note."""
    short_names(ctx)
    full, part = _scan(ctx)
    out: dict[str, Requirement] = {}
    for spec in SPECS:
        if full[spec.key]:
            status: Status = "present"
            found, note = full[spec.key], PRESENT_NOTE
        elif part[spec.key]:
            status, found, note = "partial", part[spec.key], spec.partial_note
        else:
            status, found, note = "missing", [], spec.missing_note
        out[spec.key] = Requirement(
            article=spec.article,
            name={"en": spec.name[0], "nl": spec.name[1]},
            status=status,
            evidence=[_evidence(s) for s in found[:3]],
            note={"en": note[0], "nl": note[1]},
        )
    _changes(out, ctx, full, terms)
    _audits(out, terms, ctx, full["audits_inspections"])
    return out


def _changes(
    out: dict[str, Requirement], ctx: Context, full: dict[str, list[Sentence]], terms: DpaTerms
) -> None:
    """Article 28(2) asks for both a notice of intended changes and the chance to object.

    A consent requirement for each new sub-processor is the authorisation (R10), not this
    notice: under specific consent it stays missing unless a notice is stated too.
    """
    item = out["subprocessor_changes_objection"]
    if item.status != "present":
        if terms.subprocessors.authorisation == "specific" and item.status == "missing":
            item.note = {
                "en": "only the controller's prior consent to each sub-processor is stated; no notice of intended changes with the chance to object",
                "nl": "alleen voorafgaande toestemming van de verwerkingsverantwoordelijke per subverwerker is vastgelegd; geen aankondiging van voorgenomen wijzigingen met de mogelijkheid van bezwaar",
            }
        return
    found = full["subprocessor_changes_objection"]
    windows = [" ".join(ctx.norm[s.index : s.index + 2]) for s in found]  # or the sentence right after
    notice = any(NOTICE.search(w) or (OBJECTION.search(w) and IN_ADVANCE.search(w)) for w in windows)
    # Told first and asked for consent: the controller may refuse, which is more than an objection.
    objection = any(OBJECTION.search(w) or (NOTICE.search(w) and CONSENT.search(w)) for w in windows) or any(
        OBJECTION.search(text) and re.search(SUB, text + " " + head)
        for text, head in zip(ctx.norm, ctx.heads, strict=True)
    )
    if not notice:
        item.status = "partial"
        item.note = {
            "en": "the controller may object to a new sub-processor, but is not told of intended changes in advance",
            "nl": "de verwerkingsverantwoordelijke kan bezwaar maken tegen een nieuwe subverwerker, maar krijgt geen aankondiging van voorgenomen wijzigingen",
        }
    elif not objection:
        item.status = "partial"
        item.note = {
            "en": "changes of sub-processors are announced, but the controller gets no chance to object",
            "nl": "wijzigingen in subverwerkers worden aangekondigd, maar de verwerkingsverantwoordelijke kan geen bezwaar maken",
        }


def _audits(out: dict[str, Requirement], terms: DpaTerms, ctx: Context, granting: list[Sentence]) -> None:
    """Audits excluded are missing; audits limited to the security measures are partial.

    The limit must be stated: in a sentence that grants the audit, or as a limit of its own
    ("an audit is limited to the technical and organisational measures"). A clause that only
    makes information on the security measures available does not narrow the audit right.
    """
    item = out["audits_inspections"]
    if terms.audit.allowed is False:
        item.status, item.evidence = "missing", []
        item.note = {"en": "audits are excluded", "nl": "audits zijn uitgesloten"}
    elif item.status == "present" and terms.audit.scope == "security" and _limited_to_security(ctx, granting):
        item.status = "partial"
        item.note = {"en": "audits limited to the security measures", "nl": "audits beperkt tot de beveiligingsmaatregelen"}


def _limited_to_security(ctx: Context, granting: list[Sentence]) -> bool:
    if any(SECURITY_SCOPE.search(ctx.norm[s.index]) and not FULL_SCOPE.search(ctx.norm[s.index]) for s in granting):
        return True
    return any(SECURITY_SCOPE.search(text) and LIMITED.search(text) for text in ctx.norm)
