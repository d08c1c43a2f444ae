"""gi-wagtail: government information disclosure (政府信息公开) for Wagtail."""

__version__ = "0.1.0"
