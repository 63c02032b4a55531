"""The security settings the agreements promise (personal logins, strong hashing)."""

from importlib import reload
from pathlib import Path

import pytest

import art28.settings


def test_it_hashes_passwords_with_argon2():
    real = reload(art28.settings)
    assert real.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_it_throttles_logins_and_requires_a_second_factor_for_staff():
    real = reload(art28.settings)
    assert real.AXES_FAILURE_LIMIT == 5 and real.ART28_REQUIRE_OTP is True
    assert "django_otp.middleware.OTPMiddleware" in real.MIDDLEWARE
    assert real.AUTHENTICATION_BACKENDS[0].startswith("axes.")


def test_it_asks_for_long_passwords():
    real = reload(art28.settings)
    lengths = [v.get("OPTIONS", {}).get("min_length") for v in real.AUTH_PASSWORD_VALIDATORS]
    assert 12 in lengths


def _deploy_check(tmp_path, **env):
    import os
    import subprocess
    import sys

    # Only what a production environment would have: not the test run's own variables.
    base = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    base.update({"DEBUG": "false", "ALLOWED_HOSTS": "art28.example.org",
                 "SECRET_KEY": "k3Q9-a-long-random-production-key-that-is-not-the-demo-one-7fXw2pL0",
                 "ART28_HOME": str(tmp_path)}, **env)
    cli = Path(sys.executable).with_name("art28")
    result = subprocess.run([str(cli), "manage", "check", "--deploy"], env=base, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout + result.stderr


def test_it_passes_djangos_deployment_check_over_https(tmp_path):
    code, out = _deploy_check(tmp_path, BASE_URL="https://art28.example.org")
    assert code == 0 and out.strip() == "System check identified no issues (0 silenced).", out


def test_it_is_strict_about_transport_when_base_url_is_https(monkeypatch):
    monkeypatch.setenv("BASE_URL", "https://art28.example.org")
    monkeypatch.setenv("ART28_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    try:
        real = reload(art28.settings)
        assert real.SECURE_SSL_REDIRECT and real.SECURE_HSTS_SECONDS == 31536000
        assert real.SECURE_HSTS_INCLUDE_SUBDOMAINS and real.SECURE_HSTS_PRELOAD
        assert real.SESSION_COOKIE_SECURE and real.CSRF_COOKIE_SECURE and real.LANGUAGE_COOKIE_SECURE
        assert real.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
        monkeypatch.setenv("BASE_URL", "http://127.0.0.1:8000")
        local = reload(art28.settings)
        assert not local.SECURE_SSL_REDIRECT and local.SECURE_HSTS_SECONDS == 0
        assert not local.SESSION_COOKIE_SECURE
    finally:
        monkeypatch.undo()
        reload(art28.settings)


@pytest.mark.django_db
def test_it_redirects_plain_http_and_sends_hsts_over_https(client, settings):
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = True, 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    plain = client.get("/login/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/login/"
    secure = client.get("/login/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Content-Security-Policy" in secure.headers
