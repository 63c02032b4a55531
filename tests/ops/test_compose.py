"""compose.yaml runs art28 commands that exist, with settings that exist."""

from pathlib import Path

import yaml

from art28.conf import SETTINGS

ROOT = Path(__file__).resolve().parents[2]


def test_compose_runs_web_workers_and_migrations_with_declared_settings():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    commands = {name: s["command"] for name, s in services.items() if s.get("image") == "art28:local"}
    assert commands == {
        "migrate": ["art28", "migrate", "--no-input"],
        "web": ["art28", "serve", "--bind", "0.0.0.0:8000", "--workers", "4", "--no-worker"],
        "worker": ["art28", "worker"],
    }
    declared = {s.name for s in SETTINGS}
    for name in commands:
        env = services[name]["environment"]
        assert set(env) <= declared, set(env) - declared
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["ART28_STORAGE"] == "s3"
    worker = services["worker"]
    assert worker["deploy"]["replicas"] == int(worker["environment"]["ART28_DELIVERY_WORKERS"])
