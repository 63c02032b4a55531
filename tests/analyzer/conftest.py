"""Fixtures for the analyzer tests: a helper that runs ``art28 check`` in-process."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from art28.cli import main


@pytest.fixture
def run_check(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``art28 check ARGS``; returns (exit status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["check", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes | str], Path]:
    """Write ``content`` to ``tmp_path/name`` and return the path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return _write


def as_json(out: str) -> dict:
    return json.loads(out)


@pytest.fixture(autouse=True)
def _media_root() -> None:
    """The analyzer is pure: no Django settings to patch (overrides the project fixture)."""
    return None
