"""Production settings: keys come from the environment, cookies and headers are hardened."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from config.settings import *  # noqa: F403
from config.settings import env

SECRET_KEY = env.str("SECRET_KEY", default="")
JOBPLEDGE_PSEUDONYM_KEY = env.str("JOBPLEDGE_PSEUDONYM_KEY", default="")
if not SECRET_KEY or not JOBPLEDGE_PSEUDONYM_KEY:
    raise ImproperlyConfigured("SECRET_KEY and JOBPLEDGE_PSEUDONYM_KEY must be set in the environment in production")
DEBUG = False
# A pseudonym key under 32 bytes is a system check error (jobpledge.core.checks, jobpledge.E001).
JOBPLEDGE_STRICT_KEYS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
