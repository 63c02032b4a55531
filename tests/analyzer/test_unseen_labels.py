"""The unseen set's labels are well formed, and the bench skips documents it does not have."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from art28.terms.schema import DpaTerms

ROOT = Path(__file__).parents[2]
UNSEEN = Path(__file__).parent / "unseen"


def _bench():
    spec = importlib.util.spec_from_file_location("analyzer_eval", ROOT / "bench" / "analyzer_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _paths(model: type, prefix: str = "") -> set[str]:
    out: set[str] = set()
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            out |= _paths(annotation, f"{prefix}{name}.")
        else:
            out.add(f"{prefix}{name}")
    return out


def test_there_are_at_least_ten_labelled_agreements_four_of_them_dutch():
    labels = [json.loads(p.read_text(encoding="utf-8")) for p in UNSEEN.glob("*.json")]
    assert len(labels) >= 10
    assert sum(1 for facts in labels if facts["_lang"] == "nl") >= 4


def test_every_label_names_a_field_of_the_terms_and_quotes_are_short():
    known = _paths(DpaTerms)
    for path in UNSEEN.glob("*.json"):
        facts = json.loads(path.read_text(encoding="utf-8"))
        assert facts["_source"] == "unseen" and facts["_lang"] in ("nl", "en"), path.name
        fields = [k for k in facts if not k.startswith("_")]
        assert len(fields) >= 5, path.name
        assert set(fields) <= known, (path.name, set(fields) - known)
        for field, quote in facts.get("_quotes", {}).items():
            assert field in fields, (path.name, field)
            assert 1 <= len(quote.split()) <= 12, (path.name, quote)


def test_the_bench_skips_documents_that_are_not_there(tmp_path, capsys):
    report = _bench().evaluate_unseen(tmp_path)
    assert report["documents"] == 0 and report["accuracy"] is None
    assert len(report["skipped"]) == len(list(UNSEEN.glob("*.json")))
    assert "is not present" in capsys.readouterr().err


def test_the_bench_scores_a_document_that_is_there(tmp_path):
    (tmp_path / "doc.txt").write_text(
        "8. Datalekken\n8.1 Opdrachtnemer meldt een datalek binnen 36 uur aan Opdrachtgever.\n",
        encoding="utf-8",
    )
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "doc.json").write_text(
        json.dumps(
            {
                "_source": "unseen",
                "_lang": "nl",
                "breach.notice_hours": 36,
                "law.governing_law": "NL",
                "_quotes": {"breach.notice_hours": "binnen 36 uur"},
            }
        ),
        encoding="utf-8",
    )
    report = _bench().evaluate_unseen(tmp_path, labels)
    assert report["correct"] == 1 and report["fields"] == 2
    assert report["per_language"] == {"nl": 0.5}
    assert report["evidence_quotes"] == "1/1"
