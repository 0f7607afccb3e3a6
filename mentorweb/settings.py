"""Mentorweb settings. Every value comes from the environment (see README, "Configuration")."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy as _

from mentorweb.core.env import ImproperEnvironment, envbool, envint, envlist, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", True)
SECRET_KEY = envsecret("SECRET_KEY", debug=DEBUG, dev_default="local-development-only-not-secret")
# Confidential notes are encrypted with their own key so that a leaked SECRET_KEY alone
# does not reveal them (see partnerships). Several keys, newest first, allow rotation.
FIELD_ENCRYPTION_KEYS = envlist("FIELD_ENCRYPTION_KEYS") or (
    ["bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1ub3Qtc2VjcmV0IQ=="] if DEBUG else []
)
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperEnvironment("FIELD_ENCRYPTION_KEYS must be set when DEBUG is false")
# Payment webhooks are signed with this shared secret (HMAC-SHA256); a webhook whose
# timestamp is further than the tolerance from now is refused, so a captured one cannot be replayed later.
PAYMENT_WEBHOOK_SECRET = envsecret(
    "PAYMENT_WEBHOOK_SECRET", debug=DEBUG, dev_default="local-development-webhook-secret"
)
PAYMENT_WEBHOOK_TOLERANCE = envint("PAYMENT_WEBHOOK_TOLERANCE", 300)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")
SITE_ID = 1

INSTALLED_APPS = [
    "mentorweb.core",
    "mentorweb.accounts",
    "mentorweb.organizations",
    "mentorweb.notifications",
    "mentorweb.programs",
    "mentorweb.registrations",
    "mentorweb.matching",
    "mentorweb.partnerships",
    "mentorweb.resources",
    "mentorweb.webs",
    "mentorweb.conversations",
    "mentorweb.reports",
    "mentorweb.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_tasks",
    "huey.contrib.djhuey",
    # For the API docs page: serves Swagger UI from our own static files, not a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mentorweb.accounts.middleware.LoginLanguageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mentorweb.core.middleware.AuditSourceMiddleware",
    "mentorweb.accounts.middleware.StaffMFARequiredMiddleware",
]

ROOT_URLCONF = "mentorweb.urls"
WSGI_APPLICATION = "mentorweb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mentorweb" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentorweb.core.context_processors.navigation",
            ],
        },
    }
]

# Database: SQLite next to the code unless DATABASE_URL names another server.
DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'mentorweb.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # IMMEDIATE transactions and a busy timeout let the web server and the job worker
    # share one SQLite file without "database is locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": envstr("TEST_SQLITE_NAME", "") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # A database cache, not local memory: login throttling counts must be shared by
    # every web worker process.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "mentorweb_cache"}}

# Background jobs: written against the Django tasks API, run by huey on the same database
# (SQLite or PostgreSQL) by default, or on Redis at scale.
_db = DATABASES["default"]
if REDIS_URL:
    HUEY: dict[str, object] = {"huey_class": "huey.PriorityRedisHuey", "url": REDIS_URL}
elif _db["ENGINE"] == "django.db.backends.sqlite3":
    HUEY = {"huey_class": "huey.SqliteHuey", "filename": str(_db["NAME"])}
else:
    HUEY = {"huey_class": "huey.PostgresHuey", "dsn": DATABASE_URL}
HUEY.update(
    {
        "name": "mentorweb",
        "immediate": envbool("JOBS_IMMEDIATE", False),
        "utc": True,
        "consumer": {"workers": envint("JOB_WORKERS", 2), "worker_type": "thread"},
    }
)
TASKS = {
    "default": {
        "BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend",
        "ENQUEUE_ON_COMMIT": True,
    }
}

# E-mail: printed to the console unless EMAIL_URL names a server (smtp://user:pass@host:587/?tls=True).
EMAIL_URL = envstr("EMAIL_URL", "console:")
_email = dj_email_url.parse(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH") or str(BASE_DIR / "var" / "mail")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Mentorweb <no-reply@mentorweb.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_ADAPTER = "mentorweb.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "mentorweb.accounts.forms.SignupForm",
    "change_password": "mentorweb.accounts.forms.ChangePasswordForm",
    "set_password": "mentorweb.accounts.forms.SetPasswordForm",
    "reset_password_from_key": "mentorweb.accounts.forms.ResetPasswordKeyForm",
}
# Changing e-mail addresses or the second factor asks for the password (or a code) again
# when the last one was given more than REAUTHENTICATION_TIMEOUT seconds ago.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
MFA_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = envint("REAUTHENTICATION_TIMEOUT", 300)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mentorweb] "
# Throttling lives in the shared cache, so the limits hold across every worker process.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Mentorweb"
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"

# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = envint("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Security (check --deploy must pass with DEBUG=false)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", False) else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if DEBUG is False and not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Language and time
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "mentorweb" / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Toronto"

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# WhiteNoise serves from STATIC_ROOT (filled by collectstatic) and, in development, from the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
STATICFILES_DIRS = [BASE_DIR / "mentorweb" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Its own handler and no propagation: run_huey then adds no second one, and each line shows once.
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
FORM_RENDERER = "mentorweb.core.forms.AccessibleFormRenderer"
