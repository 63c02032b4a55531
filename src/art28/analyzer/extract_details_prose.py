"""Processing details stated in a sentence rather than as "Label: value".

Many short agreements say what is processed, of whom and why in one sentence of their first
article ("The Supplier processes the names and addresses of the Customer's clients only to
run its web shop"; "Verwerker verwerkt namens Opdrachtgever de namen van klanten van
Opdrachtgever, uitsluitend om ... te hosten"). That sentence states the subject matter, the
types of personal data, the data subjects and the purpose, although no label names them.
"""

# Long regular expressions read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import re

from art28.analyzer.collect import Collector
from art28.analyzer.context import Context
from art28.analyzer.patterns import CONTROLLER_WORDS, PROCESSOR_WORDS

_ON_BEHALF = (
    r"(?:(?:on (?:the )?behalf of|for|namens|ten behoeve van|in opdracht van|voor) [\w’'.& -]{1,40}? )?"
)
_EN = re.compile(
    r"(?:shall |will |may |is to |agrees to )?(?:only |solely )?process(?:es)? "
    + _ON_BEHALF
    + r"(?P<data>[^.;:()]{3,160}?) of (?P<subjects>[^.;:()]{3,80}?),? "
    r"(?:(?:solely|only|exclusively) )?(?:for (?:the )?(?:sole |only |exclusive )?purposes? of|in order to|so as to|to) "
    r"(?P<purpose>[^.;]{3,200})",
    re.IGNORECASE,
)
_NL = re.compile(
    r"(?:zal |mag )?(?:alleen |uitsluitend )?verwerk(?:t|en) "
    + _ON_BEHALF
    + r"(?P<data>[^.;:()]{3,160}?) van (?P<subjects>[^.;:()]{3,80}?),? "
    r"(?:(?:uitsluitend|alleen|enkel|slechts) )?(?:om (?P<purpose>[^.;]{3,200}?\bte \w+)|(?:ten behoeve van|met als doel|met het doel|voor het doel) (?P<purpose2>[^.;]{3,200}))",
    re.IGNORECASE,
)
# "Personal data" names no type (nor does "personal data submitted via the services"); a
# purpose or a party inside the data means the sentence was split in the wrong place.
_GENERIC_DATA = re.compile(
    r"personal data|persoonsgegevens|^(?:the |all |any |such |de |het |alle )?(?:data|gegevens|information|informatie)$|"
    r"behalf|namens|purpose|doel|in accordance|overeenkomstig|ten behoeve",
    re.IGNORECASE,
)
# A party is not a category of data subjects.
_PARTY = re.compile(rf"^(?:the |de |het )?(?:{CONTROLLER_WORDS}|{PROCESSOR_WORDS})(?:['’]s)?$", re.IGNORECASE)

# Where the data are kept ("in the cloud of Amazon", "op servers van Hetzner"): the "of" that
# follows names the place's owner, not the data subjects (issue 15). Only a place that ends the
# data phrase: "information on network usage" is a type of data, not a place.
_PLACE_WORDS = (
    r"(?:cloud|servers?|data ?cent(?:er|re)s?|datacent(?:er|ra|rum)s?|rekencentr\w*|systems?|systemen|systeem|platforms?|"
    r"environments?|omgeving(?:en)?|infrastructur\w*|infrastructuur|storage|opslag|databases?|networks?|netwerk\w*|"
    r"applications?|applicaties?)"
)
_PLACE_AT = r"\s(?:in|on|at|within|inside|op|bij|binnen)\s(?:the |a |an |its |their |de |het |een |zijn |haar )?(?:[\w-]+ ){0,2}"
_PLACE = re.compile(rf"{_PLACE_AT}{_PLACE_WORDS}\b", re.IGNORECASE)
_PLACE_AT_END = re.compile(rf"{_PLACE_AT}{_PLACE_WORDS}\s*$", re.IGNORECASE)
# The place's owner is a company by its name ("Amazon", "Amazon Web Services", "Hetzner Online
# GmbH") or a party; a group of people ("employees", "klanten van Opdrachtgever", "Customer's
# staff") is whose data they are.
_OWNER = re.compile(r"^(?:[A-Z0-9][\w&.-]*)(?:\s+(?:[A-Z0-9][\w&.-]*|&|and|en|of|van|de|der|la))*$")


def _is_owner(subjects: str) -> bool:
    """Whether "of ..." after a place names the place's owner rather than data subjects."""
    return bool(_OWNER.match(subjects) or _PARTY.match(subjects))


def prose_details(ctx: Context, col: Collector) -> None:
    """Subject matter, data types, data subjects and purpose from the processor's own sentence."""
    processor = ctx.processor_re()
    for sentence in ctx.sentences:
        if sentence.heading and sentence.text.strip().lower() == sentence.heading.strip().lower():
            continue  # a heading names a topic, it describes nothing
        text = re.sub(r"\s+", " ", sentence.text).strip()
        opening = processor.match(text.lower())
        if not opening:
            continue
        rest = text[opening.end() :].lstrip(" ,")
        m = _EN.match(rest) or _NL.match(rest)
        if not m:
            continue
        data = re.sub(r"^(?:the|de|het) ", "", m["data"].strip(), flags=re.I)
        subjects = m["subjects"].strip()
        place = _PLACE_AT_END.search(data)
        if place and _is_owner(subjects):  # the data, then where they are kept: whose data it does not say
            data, subjects = data[: place.start()].strip(" ,"), ""
        elif kept := _PLACE.search(subjects):  # "names of employees in the cloud of Amazon"
            subjects = subjects[: kept.start()].strip(" ,")
        purpose = (m["purpose"] or m.groupdict().get("purpose2") or "").strip(" ,")
        if not data or _GENERIC_DATA.search(data) or _PARTY.match(subjects) or not purpose:
            continue
        for path, value in (
            ("processing.subject_matter", text.rstrip(".")),
            ("processing.data_categories", data),
            ("processing.data_subject_categories", subjects),
            ("processing.purposes", purpose),
        ):
            if value and not col.has(path):
                col.add(path, value[:300], sentence)
        return
