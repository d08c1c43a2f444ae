from gi_wagtail.deprecation import moved

moved(__name__, "gi_wagtail.security.ratelimit")
