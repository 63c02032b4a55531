"""Django settings for art28: every value from the environment (see conf.SETTINGS)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from art28.conf import document_storage, env, env_int, env_list

PACKAGE_DIR = Path(__file__).resolve().parent


def _local_secret(home: Path) -> str:
    import secrets

    path = home / "secret_key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


HOME: Path = Path(str(env("ART28_HOME"))).resolve()

DEBUG = bool(env("DEBUG"))
# Without SECRET_KEY art28 derives one from a file in ART28_HOME, created on first use, so
# the demo needs no set-up and sessions survive restarts. Production sets SECRET_KEY.
SECRET_KEY = str(env("SECRET_KEY")) or _local_secret(HOME)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
BASE_URL = str(env("BASE_URL")).rstrip("/")
CSRF_TRUSTED_ORIGINS = [BASE_URL]
CSRF_FAILURE_VIEW = "art28.core.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "art28.core",
    "art28.ledger",
    "art28.evidence",
    "art28.parties",
    "art28.accounts",
    "art28.agreements",
    "art28.subprocessors",
    "art28.breaches",
    "art28.requests",
    "art28.measures",
    "art28.records",
    "art28.reviews",
    "art28.notices",
    "art28.api",
    "ninja",  # Swagger UI for /api/v1/docs from ninja's own static files, not a CDN
    "art28.obligations",
    "art28.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "art28.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "art28.urls"
WSGI_APPLICATION = "art28.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # one status badge on every page, without a {% load %} in each template
            "builtins": ["art28.core.templatetags.art28_status"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "art28.core.context.roles",
            ],
        },
    },
]

_database_url = str(env("DATABASE_URL"))
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            # Django takes a Path for SQLite; the stubs type NAME as str only.
            "NAME": HOME / "art28.sqlite3",  # type: ignore[typeddict-item]
            # IMMEDIATE: a writing transaction takes the lock at BEGIN, so two workers never
            # deadlock upgrading read locks; WAL lets readers go on meanwhile.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("ART28_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = env_int("ART28_LOGIN_COOLOFF_MINUTES") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

ART28_REQUIRE_OTP = bool(env("ART28_REQUIRE_OTP"))
ART28_UNDUE_DELAY_HOURS = env_int("ART28_UNDUE_DELAY_HOURS")
ART28_DELIVERY_MAX_ATTEMPTS = env_int("ART28_DELIVERY_MAX_ATTEMPTS")
ART28_DELIVERY_BACKOFF_SECONDS = env_int("ART28_DELIVERY_BACKOFF_SECONDS")
ART28_DELIVERY_LEASE_SECONDS = env_int("ART28_DELIVERY_LEASE_SECONDS")
if ART28_DELIVERY_LEASE_SECONDS < 1:
    raise ImproperlyConfigured("ART28_DELIVERY_LEASE_SECONDS must be at least 1")
ART28_DELIVERY_WORKERS = max(1, env_int("ART28_DELIVERY_WORKERS"))
ART28_MAX_UPLOAD_MB = env_int("ART28_MAX_UPLOAD_MB")
ART28_PUBLIC_SUBPROCESSOR_PAGE = bool(env("ART28_PUBLIC_SUBPROCESSOR_PAGE"))
ART28_TRUST_CONFIRM_HOURS = env_int("ART28_TRUST_CONFIRM_HOURS")
ART28_FLOWDOWN_MARGIN_HOURS = env_int("ART28_FLOWDOWN_MARGIN_HOURS")
ART28_DUE_DIGEST = bool(env("ART28_DUE_DIGEST"))
ART28_DUE_DIGEST_HOUR = env_int("ART28_DUE_DIGEST_HOUR")
if not 0 <= ART28_DUE_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("ART28_DUE_DIGEST_HOUR must be an hour from 0 to 23")
ART28_SEAL_P12 = str(env("ART28_SEAL_P12"))
ART28_SEAL_PASSWORD = str(env("ART28_SEAL_PASSWORD"))
ART28_TSA_URL = str(env("ART28_TSA_URL"))
ART28_INVITATION_DAYS = env_int("ART28_INVITATION_DAYS")
PASSWORD_RESET_TIMEOUT = ART28_INVITATION_DAYS * 24 * 3600
ART28_SIGNATURE_DAYS = env_int("ART28_SIGNATURE_DAYS")
ART28_COUNTERSIGNATURE_DAYS = env_int("ART28_COUNTERSIGNATURE_DAYS")
if ART28_SIGNATURE_DAYS < 1 or ART28_COUNTERSIGNATURE_DAYS < 1:
    raise ImproperlyConfigured("ART28_SIGNATURE_DAYS and ART28_COUNTERSIGNATURE_DAYS must be at least 1")
DATA_UPLOAD_MAX_MEMORY_SIZE = ART28_MAX_UPLOAD_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LANGUAGE_CODE = str(env("LANGUAGE_CODE"))
if LANGUAGE_CODE not in ("nl", "en"):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be nl or en, got {LANGUAGE_CODE!r}")
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = str(env("TIME_ZONE"))
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
MEDIA_ROOT = HOME / "media"
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": document_storage(),  # ART28_STORAGE: the file system, or an S3-compatible bucket
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = str(env("EMAIL_BACKEND"))
EMAIL_HOST = str(env("EMAIL_HOST"))
EMAIL_PORT = env_int("EMAIL_PORT")
EMAIL_HOST_USER = str(env("EMAIL_HOST_USER"))
EMAIL_HOST_PASSWORD = str(env("EMAIL_HOST_PASSWORD"))
EMAIL_USE_TLS = bool(env("EMAIL_USE_TLS"))
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = str(env("DEFAULT_FROM_EMAIL"))
EMAIL_FILE_PATH = HOME / "mail"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Served over https (BASE_URL says so): cookies only over TLS, plain http redirected, HSTS.
HTTPS = BASE_URL.startswith("https://")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS and bool(env("ART28_SSL_REDIRECT"))
SECURE_HSTS_SECONDS = env_int("ART28_HSTS_SECONDS") if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = bool(env("ART28_HSTS_PRELOAD"))
_proxy_header = str(env("ART28_PROXY_SSL_HEADER"))
if _proxy_header:
    # Django reads request headers from META: X-Forwarded-Proto → HTTP_X_FORWARDED_PROTO.
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_task_progress": {"()": "art28.core.logs.QuietTaskProgress"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["quiet_task_progress"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"art28": {"level": "INFO"}},
}
