"""Settings for jobpledge, read from the environment through django-environ.

Development defaults: SQLite under var/, a secret key and a pseudonym key generated into var/
on first run. Production (config.production) requires both keys from the environment.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import environ

from jobpledge.core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("JOBPLEDGE_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "testserver"]),
)
environ.Env.read_env(BASE_DIR / ".env") if (BASE_DIR / ".env").exists() else None


def _generated_key(name: str) -> str:
    """A random key kept in var/ so that a development install survives restarts."""
    path = VAR_DIR / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _generated_key("secret_key")
JOBPLEDGE_PSEUDONYM_KEY = env.str("JOBPLEDGE_PSEUDONYM_KEY", default="") or _generated_key("pseudonym_key")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "simple_history",
    "axes",
    "jobpledge.core",
    "jobpledge.accounts",
    "jobpledge.plans",
    "jobpledge.records",
    "jobpledge.jobcenter",
    "jobpledge.counting",
    "jobpledge.accountability",
    "jobpledge.reports",
    "jobpledge.web",
    "jobpledge.audit",
]

MIDDLEWARE = [
    "jobpledge.core.logs.RequestIdMiddleware",  # first: the request id is on every log line of the request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jobpledge" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'jobpledge.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "transaction_mode": "IMMEDIATE"}
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep connections across requests (a new connection per request costs more than a cached page).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://jobpledge")}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "jobpledge.accounts.backends.ProfileModelBackend",  # ModelBackend + the profile in the user's query
]
# With a cache shared by the server's processes (file, Redis, database: `jobpledge serve` sets one), sessions
# are read from it and written through to the database, so a signed-in page does not pay a session query. A
# per-process local-memory cache would keep a signed-out session alive in the other processes: database only.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.db"
    if CACHES["default"]["BACKEND"].endswith("LocMemCache")
    else "django.contrib.sessions.backends.cached_db"
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "jobpledge.web.errors.csrf_failure"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/dashboard/"
LOGOUT_REDIRECT_URL = "/public/"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_LOCKOUT_CALLABLE = "jobpledge.accounts.lockout.lockout_response"  # the page, or JSON for /api/

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="ko")
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Seoul")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Only the front-end files the pages use, under the paths the templates name (vendor/<package>/...).
STATICFILES_DIRS = [
    BASE_DIR / "jobpledge" / "static",
    ("vendor/echarts/dist", NODE_MODULES / "echarts" / "dist"),
    ("vendor/htmx.org/dist", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/krds-uiux/resources", NODE_MODULES / "krds-uiux" / "resources"),
    ("vendor/pretendard/dist/web/static", NODE_MODULES / "pretendard" / "dist" / "web" / "static"),
]
# axe-core (npm devDependency) for the browser tests' accessibility gate: served like the other files, so that
# the pages' CSP (script-src 'self') lets the tests load it; no page links it.
if (NODE_MODULES / "axe-core").is_dir():
    STATICFILES_DIRS.append(("vendor/axe-core", NODE_MODULES / "axe-core"))
# WhiteNoise serves straight from the finders (no collectstatic step); it still expects STATIC_ROOT to exist.
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
JOBPLEDGE_UPLOAD_MAX_BYTES = env.int("JOBPLEDGE_UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
# Staged dry-run files (raw identifiers until committed): where, and how long an abandoned one may stay.
JOBPLEDGE_UPLOAD_DIR = Path(env.str("JOBPLEDGE_UPLOAD_DIR", default=str(VAR_DIR / "uploads")))
JOBPLEDGE_UPLOAD_EXPIRY_SECONDS = env.int("JOBPLEDGE_UPLOAD_EXPIRY_SECONDS", default=24 * 3600)
JOBPLEDGE_DEFAULT_PLAN_FILE = BASE_DIR / "data" / "plans" / "guro-III-1-1.toml"
# Job Plus Center: the department whose records placements become (blank: the plan's lead department), and how
# long a seeker's personal data is kept after their last activity (`jobpledge purge`).
JOBPLEDGE_JOBCENTER_DEPARTMENT = env.str("JOBPLEDGE_JOBCENTER_DEPARTMENT", default="")
JOBPLEDGE_SEEKER_RETENTION_YEARS = env.int("JOBPLEDGE_SEEKER_RETENTION_YEARS", default=3)
JOBPLEDGE_LIVING_WAGE_DIR = BASE_DIR / "data" / "living-wage"  # 생활임금 tables, one file per government (issue 10)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jobpledge.accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
}
# API tokens (django-rest-knox): only a digest is stored; they expire, and a password change or a deactivation
# revokes them (jobpledge/accounts/tokens.py, docs/api.md).
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=7 * 24)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {"TITLE": "jobpledge API", "VERSION": "1", "SERVE_INCLUDE_SCHEMA": False}

# jobpledge's own messages and every server error (django.request) with its request id, to stderr and to a
# rotating file under var/log/, identifiers redacted: jobpledge/core/logs.py, docs/security.md.
JOBPLEDGE_LOG_DIR = Path(env.str("JOBPLEDGE_LOG_DIR", default=str(VAR_DIR / "log")))
LOGGING = logging_config(log_dir=JOBPLEDGE_LOG_DIR, level=env.str("LOG_LEVEL", default="INFO"))
