"""Validate and normalise one raw import record."""

from __future__ import annotations

import datetime
import functools
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from gi_wagtail.blocks.text import ParagraphBlock
from gi_wagtail.catalogue.models.validity import Validity
from gi_wagtail.catalogue.validation import MIN_YEAR, max_year
from gi_wagtail.security.sanitize import sanitize_rich_text
from gi_wagtail.text.doc_no import parse_doc_no
from gi_wagtail.text.quote import quote

# Accepted column names: English keys and the usual Chinese headings.
ALIASES = {
    "category": ("category", "分类", "目录", "栏目", "目录分类", "公开目录"),
    "title": ("title", "标题", "名称", "信息名称"),
    "body": ("body", "正文", "内容"),
    "published": ("published", "published_on", "发布日期", "公开日期"),
    "index_no": ("index_no", "索引号"),
    "doc_no": ("doc_no", "文号", "发文字号"),
    "organisation": ("organisation", "organization", "发布机构", "发文机关", "发文机构"),
    "written_on": ("written_on", "成文日期", "生成日期"),
    "topic": ("topic", "主题分类"),
    "genre": ("genre", "体裁", "公文种类"),
    "validity": ("validity", "有效性"),
    "keywords": ("keywords", "关键词", "主题词"),
    "summary": ("summary", "内容概述"),
}
_LOOKUP = {alias.lower(): key for key, names in ALIASES.items() for alias in names}

VALIDITY_WORDS = {
    "valid": Validity.VALID,
    "有效": Validity.VALID,
    "现行有效": Validity.VALID,
    "expired": Validity.EXPIRED,
    "失效": Validity.EXPIRED,
    "repealed": Validity.REPEALED,
    "废止": Validity.REPEALED,
    "已废止": Validity.REPEALED,
}

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:[T ].*)?$")
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_KEYWORD_SPLIT = re.compile(r"[,，、;；\s]+")
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# Elements whose content is never body text: dropped whole (the sanitizer would keep their text).
_DANGEROUS = re.compile(r"<(script|style|iframe|object|embed|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# Legacy systems mark bold and italics with the tags the editor stores as <b> and <i>.
_LEGACY_TAGS = re.compile(r"<(/?)\s*(strong|em)(?=[\s/>])", re.IGNORECASE)
_EDITOR_TAGS = {"strong": "b", "em": "i"}
# Control characters no field may hold (NUL cannot even be stored on PostgreSQL); tabs and line breaks may.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

MAX_TITLE = 255


class RecordError(ValueError):
    pass


@dataclass
class ItemRecord:
    line: int
    category: str
    title: str
    published: datetime.date
    body_html: str = ""
    index_no: str = ""
    doc_no: str = ""
    organisation: str = ""
    written_on: datetime.date | None = None
    topic: str = ""
    genre: str = ""
    validity: str = ""
    keywords: list[str] = field(default_factory=list)
    summary: str = ""


def parse_date(value: object, label: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise RecordError(_("%(field)s %(value)s is not a date (use YYYY-MM-DD)") % {"field": label, "value": quote(text)})


def _text(value: object) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return value
    return str(value).strip()


def _check_text(name: str, value: object) -> None:
    """Refuse values no page field can hold: objects, and text with control characters."""
    if isinstance(value, dict):
        raise RecordError(_("%(field)s must be text") % {"field": name})
    for text in value if isinstance(value, (list, tuple)) else [value]:
        if isinstance(text, str) and (found := _CONTROL.search(text)):
            raise RecordError(
                _("%(field)s contains the control character %(char)s (at character %(position)s)")
                % {"field": name, "char": quote(found.group()), "position": found.start() + 1}
            )


def check_doc_no(text: str) -> None:
    """The 文号 rule the item form applies (代字〔年份〕序号号, any bracket), as a record error."""
    doc_no = parse_doc_no(text)
    if doc_no is None:
        raise RecordError(
            _("doc_no %(value)s is not a document number (文号) such as 高科发〔2024〕12号") % {"value": quote(text)}
        )
    if not MIN_YEAR <= doc_no.year <= max_year():
        raise RecordError(
            _("doc_no %(value)s: the year %(year)s is not plausible (use %(min)s to %(max)s)")
            % {"value": quote(text), "year": doc_no.year, "min": MIN_YEAR, "max": max_year()}
        )


@functools.cache
def _body_features() -> list[str]:
    # The rich text features of the item body's paragraph block, which imported HTML fills.
    return list(ParagraphBlock().features)


def body_to_html(body: str) -> str:
    """Plain text becomes escaped paragraphs; HTML is reduced to what the rich text editor allows.

    Wagtail's converter turns legacy markup into the editor's stored form (<div> paragraphs
    become <p>, links to pages keep their ids); ``sanitize_rich_text`` is the whitelist every
    rich text written without the editor goes through.
    """
    if not body:
        return ""
    if _HTML_TAG.search(body):
        features = _body_features()
        markup = _LEGACY_TAGS.sub(lambda m: f"<{m[1]}{_EDITOR_TAGS[m[2].lower()]}", _DANGEROUS.sub("", body))
        return sanitize_rich_text(EditorHTMLConverter(features=features).to_database_format(markup), features)
    paragraphs = [p.strip() for p in re.split(r"\r?\n", body) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def clean_record(line: int, data: Mapping[Any, Any]) -> ItemRecord:
    """Return an ItemRecord, or raise RecordError with the reason."""
    values = {}
    for key, value in data.items():
        name = _LOOKUP.get(str(key).strip().lower())
        if name and name not in values:
            values[name] = _text(value) if not isinstance(value, (datetime.date, datetime.datetime)) else value
            _check_text(name, values[name])
    missing = [name for name in ("category", "title", "published") if not values.get(name)]
    if missing:
        raise RecordError(_("missing required field(s): %(fields)s") % {"fields": ", ".join(missing)})
    title = values["title"]
    if not isinstance(title, str) or len(title) > MAX_TITLE:
        raise RecordError(_("title longer than %(max)s characters") % {"max": MAX_TITLE})
    record = ItemRecord(
        line=line,
        category=str(values["category"]),
        title=title,
        published=parse_date(values["published"], _("published")),
    )
    if values.get("written_on"):
        record.written_on = parse_date(values["written_on"], _("written_on"))
    for name, limit in (
        ("index_no", 64),
        ("doc_no", 100),
        ("organisation", 200),
        ("topic", 200),
        ("genre", 50),
        ("summary", 500),
    ):
        text = values.get(name) or ""
        if not isinstance(text, str):
            raise RecordError(_("%(field)s must be text") % {"field": name})
        if len(text) > limit:
            raise RecordError(_("%(field)s longer than %(max)s characters") % {"field": name, "max": limit})
        setattr(record, name, text)
    if record.doc_no:
        check_doc_no(record.doc_no)
    if values.get("validity"):
        validity = VALIDITY_WORDS.get(str(values["validity"]).strip().lower())
        if validity is None:
            raise RecordError(
                _("unknown validity %(value)s (use 有效, 失效 or 废止)") % {"value": quote(values["validity"], 20)}
            )
        record.validity = validity
    keywords = values.get("keywords") or []
    if isinstance(keywords, str):
        keywords = _KEYWORD_SPLIT.split(keywords)
    record.keywords = [str(k).strip()[:100] for k in keywords if str(k).strip()]
    body = values.get("body") or ""
    if not isinstance(body, str):
        raise RecordError(_("body must be text"))
    record.body_html = body_to_html(body)
    return record
