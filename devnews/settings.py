"""devnews settings: everything from the environment, with defaults that run anywhere.

All state lives under one data folder (``DEVNEWS_DATA_DIR``, default ``./var``): the SQLite
database, the search index and uploaded media. ``DATABASE_URL`` switches to PostgreSQL.
"""
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("DEVNEWS_DATA_DIR", BASE_DIR / "var")).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and os.environ.get("DEVNEWS_REQUIRE_SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set")
    # A per-install key kept in the data folder, so a fresh checkout runs without setup
    # and sessions survive restarts. Set SECRET_KEY in production.
    from django.utils.crypto import get_random_string

    from devnews.secretfiles import read_or_create

    SECRET_KEY = read_or_create(DATA_DIR / "secret_key", lambda: get_random_string(50))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "haystack",
    "simple_history",
    "axes",
    "clippings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # every page needs a login except those marked @login_not_required (the login page, the JSON API)
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who made each change
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # answers a locked-out login with the lock-out page
]

# --- security -----------------------------------------------------------------------------------------
# Content-Security-Policy on every response (django-csp): scripts, styles, images and fonts from this
# origin only, no plugins, no framing, forms post back here. Pages have no inline scripts or styles.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that login is refused until the cool-off has passed (each further try restarts it).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DEVNEWS_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DEVNEWS_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# HTTPS deployment: DEVNEWS_HTTPS=true turns on Secure cookies, the redirect to HTTPS and HSTS; each can
# also be set on its own. Behind a proxy that ends TLS, DEVNEWS_PROXY_SSL_HEADER names the header it sets
# (e.g. "HTTP_X_FORWARDED_PROTO,https"), or the redirect to HTTPS would loop.
HTTPS = env_bool("DEVNEWS_HTTPS", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", HTTPS)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
if os.environ.get("DEVNEWS_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = tuple(item.strip() for item in os.environ["DEVNEWS_PROXY_SSL_HEADER"].split(",", 1))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

ROOT_URLCONF = "devnews.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

WSGI_APPLICATION = "devnews.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'devnews.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several ingest processes and the web server share one file: wait for the lock
    # instead of failing, and let readers go on while a writer works.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 30, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
         "transaction_mode": "IMMEDIATE"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The archive's staff read Chinese: every page is in zh-hans whatever the browser asks for
# (no LocaleMiddleware); English message ids stay as the translation source.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "clippings" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Tests and DEBUG runs find static files without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "clippings:home"
LOGOUT_REDIRECT_URL = "login"

# Largest page file the ingest accepts (bytes); a newspaper page is a few tens of KB.
DEVNEWS_MAX_PAGE_BYTES = int(os.environ.get("DEVNEWS_MAX_PAGE_BYTES", 5 * 1024 * 1024))
# Largest page image accepted (bytes and pixels).
DEVNEWS_MAX_IMAGE_BYTES = int(os.environ.get("DEVNEWS_MAX_IMAGE_BYTES", 50 * 1024 * 1024))
DEVNEWS_MAX_IMAGE_PIXELS = int(os.environ.get("DEVNEWS_MAX_IMAGE_PIXELS", 200_000_000))
# Most pixels decoded at once to check an image or make its thumbnail (JPEGs are decoded at 1/8 scale when
# that is enough): ~4 bytes a pixel, so 50 Mpx keep a thumbnail under ~250 MB. Larger images are stored
# and served, but shown without a thumbnail.
DEVNEWS_MAX_DECODE_PIXELS = int(os.environ.get("DEVNEWS_MAX_DECODE_PIXELS", 50_000_000))
# Files one admin upload may carry (pages and images together).
DEVNEWS_MAX_UPLOAD_FILES = int(os.environ.get("DEVNEWS_MAX_UPLOAD_FILES", 200))
DATA_UPLOAD_MAX_NUMBER_FILES = 2 * DEVNEWS_MAX_UPLOAD_FILES  # beyond the limit: a form error, not a bare 400
# Base of the article links written by export_articles.
DEVNEWS_BASE_URL = os.environ.get("DEVNEWS_BASE_URL", "http://127.0.0.1:8000")

# Search: haystack with our Chinese Whoosh engine; the index lives in the data folder.
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "clippings.search.backend.ChineseWhooshEngine",
        "PATH": str(DATA_DIR / "whoosh"),
        "LOCK_TIMEOUT": float(os.environ.get("DEVNEWS_INDEX_LOCK_TIMEOUT", "120")),
    }
}
HAYSTACK_SIGNAL_PROCESSOR = "clippings.search.indexing.QueuedSignalProcessor"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
