"""Evaluate the analyzer against hand-written expected facts.

Reads every document in ../shared/seeds and ../shared/corpus/dpas in place (the texts are
never copied into the project), runs ``art28.analyzer.analyze`` on each, compares the
fields listed in tests/analyzer/expected/<doc>.json and prints one JSON line with
per-field accuracy, overall accuracy and time per document (a table goes to stderr).

    .venv/bin/python bench/analyzer_eval.py [--shared DIR]
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
    }


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
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(f"no shared documents at {args.shared}", file=sys.stderr)
        return 1
    report = evaluate(args.shared)
    report["synthetic_docx"] = synthetic_docx_seconds()
    print(table(report), file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
