"""Evaluate the analyzer against hand-written expected facts.

Reads every document in ../shared/seeds and ../shared/corpus/dpas in place (the texts are
never copied into the project), runs ``art28.analyzer.analyze`` on each, compares the
fields listed in tests/analyzer/expected/<doc>.json and prints one JSON line with
per-field accuracy, overall accuracy and time per document (a table goes to stderr).

With ``--unseen DIR`` it also scores the unseen set: the agreements labelled in
tests/analyzer/unseen/<doc>.json (expected facts and short evidence quotes, written before the
analyzer was run on them) read from DIR/<doc>.txt. The documents themselves are not in the
project; one that is not in DIR is skipped with a message. The unseen figure is printed next to
the tuned one, with a figure per language and how often the evidence shown for a fact holds the
quote that states it.

    .venv/bin/python bench/analyzer_eval.py [--shared DIR] [--unseen DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from art28.analyzer import analyze  # noqa: E402

EXPECTED = ROOT / "tests" / "analyzer" / "expected"
UNSEEN = ROOT / "tests" / "analyzer" / "unseen"
SHARED = ROOT.parent / "shared"
FOLDERS = {"seeds": "seeds", "corpus": "corpus/dpas"}


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _norm(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.casefold())


def matches(path: str, expected: Any, actual: Any) -> bool:
    """Whether an extracted value counts as right for the expected fact."""
    if path == "transfers.mechanisms":
        return set(expected) == set(actual or [])
    if path.endswith(".name") and isinstance(expected, str):
        return isinstance(actual, str) and _norm(expected) == _norm(actual)
    if path == "law.courts" and isinstance(expected, str):
        return isinstance(actual, str) and expected.casefold() in actual.casefold()
    return expected == actual


def evaluate_document(path: Path, facts: dict[str, Any]) -> dict[str, Any]:
    """Run the analyzer on one document and score each expected fact."""
    started = time.perf_counter()
    analysis = analyze(path)
    seconds = time.perf_counter() - started
    data = analysis.model_dump(mode="json")
    evidence = _evidence_hits(data.get("evidence") or {}, facts.get("_quotes") or {})
    flagged = {f.get("field") for f in data["findings"] if "Contradiction" in f["text"]}
    results: dict[str, bool] = {}
    misses: list[str] = []
    for field, expected in facts.items():
        if field.startswith("_"):
            continue
        if field == "contradictions":
            for contradiction in expected:
                ok = contradiction in flagged
                results[f"contradiction:{contradiction}"] = ok
                if not ok:
                    misses.append(f"contradiction {contradiction} not reported")
            continue
        actual = _get(data["terms"], field)
        ok = matches(field, expected, actual)
        results[field] = ok
        if not ok:
            misses.append(f"{field}: expected {expected!r}, got {actual!r}")
    return {
        "seconds": round(seconds, 4),
        "chars": analysis.source.characters,
        "results": results,
        "misses": misses,
        "evidence": evidence,
    }


def _evidence_hits(evidence: dict[str, list[dict[str, Any]]], quotes: dict[str, str]) -> dict[str, bool]:
    """Per labelled quote: whether the evidence shown for that fact contains it."""
    hits: dict[str, bool] = {}
    for field, quote in quotes.items():
        wanted = _norm(quote)
        shown = [_norm(e.get("quote") or "") for e in evidence.get(field, [])]
        hits[field] = any(wanted in s for s in shown)
    return hits


def evaluate(shared: Path = SHARED, expected_dir: Path = EXPECTED) -> dict[str, Any]:
    """Score every expected/*.json whose document exists under ``shared``."""
    documents: dict[str, Any] = {}
    per_field: dict[str, list[int]] = {}
    for file in sorted(expected_dir.glob("*.json")):
        facts = json.loads(file.read_text(encoding="utf-8"))
        doc = shared / FOLDERS[facts.get("_source", "corpus")] / f"{file.stem}.txt"
        if not doc.exists():
            continue
        result = evaluate_document(doc, facts)
        documents[file.stem] = result
        for field, ok in result["results"].items():
            counts = per_field.setdefault(field, [0, 0])
            counts[0] += ok
            counts[1] += 1
    correct = sum(c for c, _ in per_field.values())
    total = sum(n for _, n in per_field.values())
    return {
        "documents": len(documents),
        "fields": total,
        "correct": correct,
        "accuracy": round(correct / total, 4) if total else None,
        "max_seconds": max((d["seconds"] for d in documents.values()), default=None),
        "per_field": {k: round(c / n, 3) for k, (c, n) in sorted(per_field.items())},
        "per_document": {
            name: {
                "accuracy": round(sum(d["results"].values()) / max(len(d["results"]), 1), 3),
                "seconds": d["seconds"],
                "chars": d["chars"],
                "misses": d["misses"],
            }
            for name, d in documents.items()
        },
    }


def evaluate_unseen(folder: Path, labels: Path = UNSEEN) -> dict[str, Any]:
    """Score the unseen set: labels from ``labels``, documents read from ``folder``."""
    documents: dict[str, Any] = {}
    skipped: list[str] = []
    per_field: dict[str, list[int]] = {}
    per_lang: dict[str, list[int]] = {}
    evidence = [0, 0]
    for file in sorted(labels.glob("*.json")):
        facts = json.loads(file.read_text(encoding="utf-8"))
        doc = folder / f"{file.stem}.txt"
        if not doc.exists():
            skipped.append(file.stem)
            print(f"unseen: {file.stem} skipped, {doc} is not present", file=sys.stderr)
            continue
        result = evaluate_document(doc, facts)
        result["lang"] = facts.get("_lang")
        documents[file.stem] = result
        lang = per_lang.setdefault(str(facts.get("_lang")), [0, 0])
        for field, ok in result["results"].items():
            counts = per_field.setdefault(field, [0, 0])
            counts[0] += ok
            counts[1] += 1
            lang[0] += ok
            lang[1] += 1
        evidence[0] += sum(result["evidence"].values())
        evidence[1] += len(result["evidence"])
    correct = sum(c for c, _ in per_field.values())
    total = sum(n for _, n in per_field.values())
    return {
        "documents": len(documents),
        "skipped": skipped,
        "fields": total,
        "correct": correct,
        "accuracy": round(correct / total, 4) if total else None,
        "per_language": {k: round(c / n, 4) for k, (c, n) in sorted(per_lang.items()) if n},
        "evidence_quotes": f"{evidence[0]}/{evidence[1]}",
        "evidence_accuracy": round(evidence[0] / evidence[1], 4) if evidence[1] else None,
        "max_seconds": max((d["seconds"] for d in documents.values()), default=None),
        "per_field": {k: round(c / n, 3) for k, (c, n) in sorted(per_field.items())},
        "per_document": {
            name: {
                "lang": d["lang"],
                "accuracy": round(sum(d["results"].values()) / max(len(d["results"]), 1), 3),
                "seconds": d["seconds"],
                "chars": d["chars"],
                "misses": d["misses"],
                "evidence_missing": [f for f, ok in d["evidence"].items() if not ok],
            }
            for name, d in documents.items()
        },
    }


def unseen_table(report: dict[str, Any]) -> str:
    """The unseen set, for people."""
    lines = ["", f"{'unseen document':<48} {'lang':>4} {'right':>6}"]
    for name, doc in report["per_document"].items():
        lines.append(f"{name:<48} {doc['lang']:>4} {doc['accuracy']:>6.0%}")
        lines += [f"    miss: {m}" for m in doc["misses"]]
        lines += [f"    evidence without the quote: {f}" for f in doc["evidence_missing"]]
    if report["accuracy"] is not None:
        lines.append(
            f"\nunseen {report['correct']}/{report['fields']} = {report['accuracy']:.1%} "
            f"{report['per_language']}, evidence quotes {report['evidence_quotes']}"
        )
    if report["skipped"]:
        lines.append(f"skipped (not present): {', '.join(report['skipped'])}")
    return "\n".join(lines)


def synthetic_docx_seconds(pages: int = 20) -> dict[str, float]:
    """Time a DOCX of about ``pages`` pages (the test suite's own sample clauses, repeated)."""
    import io

    import docx

    sys.path.insert(0, str(ROOT))
    from tests.analyzer.samples import NL

    document = docx.Document()
    blocks = NL.split("\n")
    while sum(len(p.text) for p in document.paragraphs) < pages * 3000:
        for line in blocks:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    started = time.perf_counter()
    analysis = analyze(buffer.getvalue(), filename="synthetic.docx")
    return {
        "pages": pages,
        "chars": analysis.source.characters,
        "seconds": round(time.perf_counter() - started, 4),
    }


def table(report: dict[str, Any]) -> str:
    """A readable summary for people."""
    lines = [f"{'document':<40} {'chars':>8} {'seconds':>8} {'right':>6}"]
    for name, doc in report["per_document"].items():
        lines.append(f"{name:<40} {doc['chars']:>8} {doc['seconds']:>8.3f} {doc['accuracy']:>6.0%}")
        lines += [f"    miss: {m}" for m in doc["misses"]]
    lines.append("")
    lines += [f"{field:<40} {acc:>6.0%}" for field, acc in report["per_field"].items()]
    lines.append(f"\nsynthetic DOCX: {report['synthetic_docx']}")
    lines.append(
        f"\noverall {report['correct']}/{report['fields']} = {report['accuracy']:.1%}, "
        f"slowest document {report['max_seconds']:.3f} s"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder with seeds/ and corpus/dpas/")
    parser.add_argument(
        "--unseen", type=Path, default=None, help="folder with the unseen set's <doc>.txt files"
    )
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"no shared documents at {args.shared}", file=sys.stderr)
        return 1
    report = evaluate(args.shared)
    report["synthetic_docx"] = synthetic_docx_seconds()
    print(table(report), file=sys.stderr)
    if args.unseen is not None:
        if not args.unseen.is_dir():
            print(f"unseen: no folder at {args.unseen}; the unseen set is skipped", file=sys.stderr)
        unseen = evaluate_unseen(args.unseen)
        report["unseen"] = unseen
        report["tuned_accuracy"] = report["accuracy"]
        report["unseen_accuracy"] = unseen["accuracy"]
        print(unseen_table(unseen), file=sys.stderr)
        print(f"tuned {report['accuracy']:.1%} | unseen {unseen['accuracy'] or 0:.1%}", file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
