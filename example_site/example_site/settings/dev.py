from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-demo-only-do-not-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Workflow notifications (submitted, approved, rejected) are printed by `make demo` instead of sent.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
