"""Score the analyzer requirement by requirement on the sentence-labelled agreements.

Reads ``../shared/corpus/requirements/`` in place (never copied into the project): for each
``docs/Online_N.txt`` it runs ``art28.analyzer.analyze`` and decides, for each of the 19
scored labels, whether the agreement satisfies the requirement. The truth is the corpus
rule: a requirement is satisfied when at least one sentence of the document carries its
label (``labels.csv``); otherwise it is violated. A violation is a positive.

The analyzer's ``partial`` is scored twice: once as violated, once as satisfied.
Documents are split deterministically by the SHA-256 of their file name into a tuning half
(first hex digit even) and a held-out half (odd): tune on the first, report both.

    .venv/bin/python bench/analyzer_requirements.py [--shared DIR] [--markdown]
        [--show LABEL --half tuning]   # the tuning half's errors for one label, to read

Prints one JSON line; ``--markdown`` adds the per-label table (partial counted as violated).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from art28.analyzer import analyze  # noqa: E402

SHARED = ROOT.parent / "shared"

# Corpus label -> the analyzer's requirement key. R19/R20/R21 follow what the labelled
# sentences say (see the corpus README): R19 prior consultation, R20 notification to the
# authority, R21 communication to data subjects.
LABELS: dict[str, str] = {
    "R10": "subprocessor_authorisation",
    "R11": "subprocessor_changes_objection",
    "R12": "documented_instructions",
    "R13": "legal_requirement_notice",
    "R15": "confidentiality",
    "R16": "security_measures",
    "R17": "assist_data_subject_requests",
    "R18": "assist_security",
    "R19": "assist_prior_consultation",
    "R20": "assist_breach_notification",
    "R21": "assist_breach_communication",
    "R22": "assist_dpia",
    "R23": "delete_or_return",
    "R24": "instruction_infringement_alert",
    "R25": "compliance_information",
    "R26": "audits_inspections",
    "R27": "subprocessor_same_obligations",
    "R28": "subprocessor_liability",
    "R29": "security_risks",
}

# Before the requirement list existed: the closest checklist key or term for each label.
_FALLBACK: dict[str, str] = {
    "R10": "d_subprocessors",
    "R11": "d_subprocessors",
    "R12": "a_documented_instructions",
    "R15": "b_confidentiality",
    "R16": "c_security",
    "R17": "e_data_subject_rights",
    "R18": "f_assist_32_36",
    "R19": "f_assist_32_36",
    "R20": "f_assist_32_36",
    "R21": "f_assist_32_36",
    "R22": "f_assist_32_36",
    "R23": "g_delete_or_return",
    "R24": "instruction_infringement_alert",
    "R25": "h_audits",
    "R26": "h_audits",
    "R29": "c_security",
}


def half_of(name: str) -> str:
    """``tuning`` or ``heldout``, fixed by the file name alone."""
    return "tuning" if int(hashlib.sha256(name.encode()).hexdigest()[0], 16) % 2 == 0 else "heldout"


def truth(corpus: Path) -> dict[str, set[str]]:
    """Per document file name, the scored labels some sentence carries."""
    found: dict[str, set[str]] = defaultdict(set)
    with open(corpus / "labels.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["dpa"].replace(" ", "_") + ".txt"
            found[name]  # noqa: B018 - every document is listed, even one with no scored label
            for col in ("label_1", "label_2", "label_3"):
                if row.get(col) in LABELS:
                    found[name].add(row[col])
    return found


def decide(analysis: Any) -> dict[str, tuple[str, list[Any]]]:
    """Per label, the analyzer's status (present/partial/missing) and its evidence."""
    reqs = getattr(analysis, "requirements", None)
    if reqs:
        return {label: (reqs[key].status, reqs[key].evidence) for label, key in LABELS.items()}
    out: dict[str, tuple[str, list[Any]]] = {}
    sub = analysis.terms.subprocessors
    for label in LABELS:
        if label in _FALLBACK:
            item = analysis.art28[_FALLBACK[label]]
            out[label] = (item.status, item.evidence)
        elif label == "R27":
            out[label] = ("present" if sub.flow_down else "missing", [])
        elif label == "R28":
            out[label] = ("present" if sub.processor_liable else "missing", [])
        else:  # R13: nothing decided it, so nothing was reported missing
            out[label] = ("present", [])
    return out


def _scores(pairs: list[tuple[bool, bool]]) -> dict[str, float | int]:
    tp = sum(1 for t, p in pairs if t and p)
    fp = sum(1 for t, p in pairs if not t and p)
    fn = sum(1 for t, p in pairs if t and not p)
    tn = len(pairs) - tp - fp - fn
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
        "accuracy": round((tp + tn) / len(pairs), 4) if pairs else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def score(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall and accuracy of violations, both ways of counting partial."""
    strict = [(r["violated"], r["status"] != "present") for r in rows]
    lenient = [(r["violated"], r["status"] == "missing") for r in rows]
    baseline = sum(1 for r in rows if not r["violated"]) / len(rows) if rows else 0.0
    return {
        "documents": len({r["doc"] for r in rows}),
        "decisions": len(rows),
        "partial_as_violated": _scores(strict),
        "partial_as_satisfied": _scores(lenient),
        "all_satisfied_accuracy": round(baseline, 4),
    }


def run(corpus: Path) -> tuple[list[dict[str, Any]], float]:
    rows: list[dict[str, Any]] = []
    slowest = 0.0
    for name, labels in sorted(truth(corpus).items()):
        started = time.perf_counter()
        analysis = analyze(corpus / "docs" / name)
        slowest = max(slowest, time.perf_counter() - started)
        for label, (status, evidence) in decide(analysis).items():
            rows.append(
                {
                    "doc": name,
                    "half": half_of(name),
                    "label": label,
                    "violated": label not in labels,
                    "status": status,
                    "evidence": evidence,
                }
            )
    return rows, slowest


def markdown(rows: list[dict[str, Any]]) -> str:
    """Per-label table, partial counted as violated, for the whole set and each half; the last
    column counts partial as satisfied (whole set)."""
    lines = [
        "| label | requirement | violated | TP | FP | FN | precision | recall | accuracy "
        "| tuning P/R | held-out P/R | P/R partial = satisfied |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, key in LABELS.items():
        mine = [r for r in rows if r["label"] == label]
        s = score(mine)["partial_as_violated"]
        halves = []
        for half in ("tuning", "heldout"):
            h = score([r for r in mine if r["half"] == half])["partial_as_violated"]
            halves.append(f"{h['precision']:.2f}/{h['recall']:.2f}")
        violated = sum(1 for r in mine if r["violated"])
        le = score(mine)["partial_as_satisfied"]
        lines.append(
            f"| {label} | {key} | {violated} | {s['tp']} | {s['fp']} | {s['fn']} | "
            f"{s['precision']:.2f} | {s['recall']:.2f} | {s['accuracy']:.2f} | {halves[0]} | {halves[1]} | "
            f"{le['precision']:.2f}/{le['recall']:.2f} |"
        )
    return "\n".join(lines)


def show(rows: list[dict[str, Any]], label: str, half: str) -> None:
    """The errors for one label on one half: what the analyzer said and from which sentence."""
    for r in rows:
        if r["label"] != label or r["half"] != half:
            continue
        said = r["status"] != "present"
        if said == r["violated"]:
            continue
        kind = "FP (said violated, has label)" if said else "FN (said satisfied, lacks label)"
        print(f"== {r['doc']} {kind}: {r['status']}")
        for ev in r["evidence"][:3]:
            quote = ev.quote if hasattr(ev, "quote") else ev.get("quote")
            print(f"     > {quote[:300]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--show", metavar="LABEL")
    parser.add_argument("--half", choices=["tuning", "heldout"], default="tuning")
    args = parser.parse_args()
    corpus = args.shared / "corpus" / "requirements"
    rows, slowest = run(corpus)
    if args.show:
        show(rows, args.show, args.half)
        return
    out = {
        "all": score(rows),
        "tuning": score([r for r in rows if r["half"] == "tuning"]),
        "heldout": score([r for r in rows if r["half"] == "heldout"]),
        "max_seconds": round(slowest, 3),
    }
    print(json.dumps(out))
    if args.markdown:
        print()
        print(markdown(rows))


if __name__ == "__main__":
    main()
