"""Typed environment helpers and the one list of art28's settings.

Every setting is declared once here, with its type, default and meaning. settings.py
reads them, the README's settings table is checked against this list by a test, and
``art28 manage art28_settings`` prints it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type
    default: object
    help: str


SETTINGS: list[Setting] = [
    Setting("ART28_HOME", Path, "./var", "Folder for the SQLite database, uploaded and rendered documents."),
    Setting("DATABASE_URL", str, "", "Database; empty means SQLite at $ART28_HOME/art28.sqlite3. E.g. postgres://user@host/db."),
    Setting("SECRET_KEY", str, "", "Django secret key; required when DEBUG is off."),
    Setting("DEBUG", bool, False, "Show debug pages. Never in production."),
    Setting("ALLOWED_HOSTS", list, ["127.0.0.1", "localhost"], "Comma-separated host names the site answers to."),
    Setting("BASE_URL", str, "http://127.0.0.1:8000", "Public address, used for links in e-mails."),
    Setting("EMAIL_HOST", str, "127.0.0.1", "SMTP server host."),
    Setting("EMAIL_PORT", int, 25, "SMTP server port."),
    Setting("EMAIL_HOST_USER", str, "", "SMTP user name (empty: no login)."),
    Setting("EMAIL_HOST_PASSWORD", str, "", "SMTP password."),
    Setting("EMAIL_USE_TLS", bool, False, "Use STARTTLS to the SMTP server."),
    Setting("EMAIL_BACKEND", str, "django.core.mail.backends.smtp.EmailBackend", "Django e-mail backend; the demo uses the console backend."),
    Setting("DEFAULT_FROM_EMAIL", str, "art28 <noreply@localhost>", "Sender of notices."),
    Setting("ART28_UNDUE_DELAY_HOURS", int, 48, "Breach notice hours for agreements that only say 'without undue delay'."),
    Setting("ART28_DELIVERY_MAX_ATTEMPTS", int, 12, "Delivery attempts per message before it is marked failed."),
    Setting("ART28_DELIVERY_BACKOFF_SECONDS", int, 30, "First retry delay; it doubles per attempt (capped at one hour)."),
    Setting("ART28_DELIVERY_LEASE_SECONDS", int, 20, "How long a worker's claim on a batch of deliveries lasts without renewal; a living worker renews it by a heartbeat four times per lease and re-checks it before each message, a dead worker's batch is taken over once it has run out."),
    Setting("ART28_DELIVERY_WORKERS", int, 4, "How many workers (`art28 worker`) you run; a fan-out queues this many drain tasks, so every worker takes a share. More than you run is harmless."),
    Setting("ART28_STORAGE", str, "file", "Where uploaded and issued documents are kept: file (under ART28_HOME/media, one machine) or s3 (an S3-compatible bucket, for several machines)."),
    Setting("ART28_S3_BUCKET", str, "", "With ART28_STORAGE=s3: the bucket's name (keep it private: documents are served through art28, never from the bucket)."),
    Setting("ART28_S3_ENDPOINT_URL", str, "", "With ART28_STORAGE=s3: the S3-compatible server, e.g. https://s3.eu-central-1.amazonaws.com or a MinIO address (empty: AWS's default)."),
    Setting("ART28_S3_REGION", str, "", "With ART28_STORAGE=s3: the bucket's region (empty: the server's default)."),
    Setting("ART28_S3_ACCESS_KEY_ID", str, "", "With ART28_STORAGE=s3: access key (empty: the usual AWS sources, e.g. an instance role)."),
    Setting("ART28_S3_SECRET_ACCESS_KEY", str, "", "With ART28_STORAGE=s3: secret key belonging to ART28_S3_ACCESS_KEY_ID."),
    Setting("ART28_MAX_UPLOAD_MB", int, 25, "Largest document that may be uploaded."),
    Setting("ART28_REQUIRE_OTP", bool, True, "Processor staff must log in with a TOTP second factor."),
    Setting("ART28_LOGIN_FAILURE_LIMIT", int, 5, "Failed logins before an account and address are locked out."),
    Setting("ART28_LOGIN_COOLOFF_MINUTES", int, 15, "How long a lock-out lasts."),
    Setting("ART28_FLOWDOWN_MARGIN_HOURS", int, 12, "Hours a sub-processor's breach notice must leave us before our shortest promise to a client."),
    Setting("ART28_SEAL_P12", str, "", "PKCS#12 file (.p12/.pfx) with the processor's key and certificate that seal issued PDFs (PAdES); empty: PDFs are not sealed. `art28 demo` makes a self-signed one."),
    Setting("ART28_SEAL_PASSWORD", str, "", "Password of the ART28_SEAL_P12 file (empty: none)."),
    Setting("ART28_TSA_URL", str, "", "RFC 3161 time-stamping authority; set: every seal carries its trusted time (PAdES B-T), plus long-term validation data (B-LT) when revocation data can be fetched."),
    Setting("ART28_PUBLIC_SUBPROCESSOR_PAGE", bool, False, "Publish the sub-processor list on a public page."),
    Setting("TIME_ZONE", str, "Europe/Amsterdam", "Zone in which times are shown (always stored in UTC)."),
    Setting("LANGUAGE_CODE", str, "nl", "Default interface language when the browser states none (nl or en)."),
    Setting("ART28_SSL_REDIRECT", bool, True, "When BASE_URL is https: redirect plain-http requests to https."),
    Setting("ART28_HSTS_SECONDS", int, 31536000, "When BASE_URL is https: Strict-Transport-Security max-age (0: no HSTS header)."),
    Setting("ART28_HSTS_PRELOAD", bool, True, "Send HSTS with includeSubDomains and preload (only if every subdomain is https too)."),
    Setting("ART28_TRUST_CONFIRM_HOURS", int, 48, "Hours a trust-page subscription's confirmation link stays valid (single use)."),
    Setting("ART28_DUE_DIGEST", bool, True, "Send processor staff a daily e-mail of what is due within 48 hours and what is overdue (each person can opt out)."),
    Setting("ART28_DUE_DIGEST_HOUR", int, 7, "Hour of the day (0-23, in TIME_ZONE) from which the daily digest is sent."),
    Setting("ART28_PROXY_SSL_HEADER", str, "", "Header a TLS-terminating proxy sets to 'https', e.g. X-Forwarded-Proto; only if the proxy always sets or strips it."),
    Setting("ART28_INVITATION_DAYS", int, 7, "Days an invitation link (and a password-reset link) stays valid."),
    Setting("ART28_SIGNATURE_DAYS", int, 14, "Days the controller has to sign an agreement once it is sent; the deadline on the list of what is due."),
    Setting("ART28_COUNTERSIGNATURE_DAYS", int, 5, "Days we have to countersign an agreement once the controller signed it; the deadline on the list of what is due."),
]

_BY_NAME = {s.name: s for s in SETTINGS}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name: str) -> object:
    """The typed value of a declared setting; a bad value stops start-up loudly."""
    spec = _BY_NAME[name]
    raw = os.environ.get(name)
    if raw is None:
        return spec.default
    try:
        return _parse(spec.kind, raw.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a valid {spec.kind.__name__}: {exc}") from exc


def env_int(name: str) -> int:
    """The value of a setting declared with kind ``int``."""
    value = env(name)
    if not isinstance(value, int):
        raise TypeError(f"{name} is not declared as an int setting")
    return value


def env_list(name: str) -> list[str]:
    """The value of a setting declared with kind ``list`` (of strings)."""
    value = env(name)
    if not isinstance(value, list):
        raise TypeError(f"{name} is not declared as a list setting")
    return [str(v) for v in value]


def document_storage() -> dict:
    """The ``STORAGES["default"]`` entry that ART28_STORAGE and the ART28_S3_* settings ask for."""
    kind = str(env("ART28_STORAGE")).strip().lower()
    if kind == "file":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"ART28_STORAGE must be file or s3, got {kind!r}")
    bucket = str(env("ART28_S3_BUCKET"))
    if not bucket:
        raise ImproperlyConfigured("ART28_STORAGE=s3 needs ART28_S3_BUCKET")
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": bucket,
        "endpoint_url": str(env("ART28_S3_ENDPOINT_URL")) or None,
        "region_name": str(env("ART28_S3_REGION")) or None,
        "access_key": str(env("ART28_S3_ACCESS_KEY_ID")) or None,
        "secret_key": str(env("ART28_S3_SECRET_ACCESS_KEY")) or None,
        # Private objects, never replaced: a second upload under one name gets a name of its
        # own, as on the file system; art28 streams documents itself, so no public links.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }}


def _parse(kind: type, raw: str) -> object:
    if kind is bool:
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise ValueError("use true or false")
    if kind is int:
        return int(raw)
    if kind is list:
        return [part.strip() for part in raw.split(",") if part.strip()]
    if kind is Path:
        return Path(raw).expanduser().resolve()
    return raw
