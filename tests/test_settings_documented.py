"""Every setting in art28.conf.SETTINGS is in the README's settings table, and back."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from art28.conf import SETTINGS, env

README = Path(__file__).resolve().parents[1] / "README.md"


def _documented() -> set[str]:
    rows = re.findall(r"^\| `([A-Z0-9_]+)` \|", README.read_text(), flags=re.M)
    return set(rows)


def test_it_documents_every_setting_in_the_readme():
    assert {s.name for s in SETTINGS} <= _documented()


def test_it_documents_no_setting_that_does_not_exist():
    assert _documented() <= {s.name for s in SETTINGS}


@pytest.mark.parametrize("name,value", [("DEBUG", "maybe"), ("EMAIL_PORT", "twenty-five")])
def test_it_fails_loudly_on_a_bad_value(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        env(name)
