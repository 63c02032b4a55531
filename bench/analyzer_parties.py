"""Which names the analyzer takes as processor and as controller, per agreement.

Reads ../shared/seeds and ../shared/corpus/dpas in place (the texts are never copied into
the project) and prints, for each document, the processor's and the controller's name as
extracted and the words/short names that the requirement check reads as each party
(after ``short_names``). A Markdown table, for reading by eye.

    .venv/bin/python bench/analyzer_parties.py [--shared DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from art28.analyzer.context import Context  # noqa: E402
from art28.analyzer.extract import run_extractors  # noqa: E402
from art28.analyzer.reading import read_document  # noqa: E402
from art28.analyzer.requirements import short_names  # noqa: E402
from art28.analyzer.text import detect_language, sentences  # noqa: E402

SHARED = ROOT.parent / "shared"


def parties(path: Path) -> dict[str, object]:
    """The extracted names and the short names of each party for one document."""
    raw = read_document(path)
    ctx = Context(sentences(raw.text, wrapped=raw.wrapped), detect_language(raw.text))
    col = run_extractors(ctx)
    short_names(ctx)
    return {
        "doc": path.stem,
        "processor.name": col.values("processor.name")[:3],
        "controller.name": col.values("controller.name")[:3],
        "processor_names": ctx.processor_names,
        "controller_names": ctx.controller_names,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--json", action="store_true", help="one JSON line per document")
    args = parser.parse_args()
    docs = [
        *sorted((args.shared / "seeds").glob("*.txt")),
        *sorted((args.shared / "corpus" / "dpas").glob("*.txt")),
    ]
    if not args.json:
        print("| document | processor.name | controller.name | read as processor | read as controller |")
        print("|---|---|---|---|---|")
    for doc in docs:
        row = parties(doc)
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
            continue
        cells = [", ".join(map(str, row[k])) or "—" for k in list(row)[1:]]  # type: ignore[call-overload]
        print(f"| {row['doc']} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
