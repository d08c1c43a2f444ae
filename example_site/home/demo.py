"""Demo content: the disclosure column of a fictional county science bureau (高青县科学技术局).

The data lives in demo_data.py; this module only builds pages from it. Safe to re-run:
existing pages (matched by slug or title) are left alone.
"""

import os

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from gi_wagtail.models import (
    CatalogueCategoryPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    Genre,
    ItemAttachment,
    Organisation,
    SiteIdentity,
    TopicClass,
    Validity,
)
from gi_wagtail.security.uploads import validate_document_file
from home import demo_files
from home.demo_data import AGENCY, CATEGORIES, ITEMS, ORG_CODE, ORGANISATION, SITE_IDENTITY
from home.demo_reports import build_demo_reports, published_child


def _topic(path):
    parent, _, name = path.partition("\\")
    return (
        TopicClass.objects.filter(parent__name=parent, name=name).first()
        if name
        else TopicClass.objects.filter(name=parent, parent=None).first()
    )


def _document(filename, title, lines):
    """A wagtaildocs Document, generated and put through the same upload checks as an editor's upload."""
    maker = getattr(demo_files, os.path.splitext(filename)[1].lstrip("."))
    upload = SimpleUploadedFile(filename, maker(title, lines))
    validate_document_file(upload)
    document = get_document_model()(title=title, file=upload)
    document._set_document_file_metadata()
    document.save()
    return document


def _attach(item, attachments):
    """Add the spec's attachments to an item that has none yet, as a published revision."""
    if not attachments or item.attachments.exists():
        return
    for order, (filename, title, lines) in enumerate(attachments):
        item.attachments.add(ItemAttachment(document=_document(filename, title, lines), sort_order=order))
    item.save_revision().publish()


def _item(parent, organisation, spec):
    spec = dict(spec)
    spec.pop("category")
    repeal = spec.pop("repeal", None)
    interprets = spec.pop("interprets", None)
    keywords = spec.pop("keywords", [])
    attachments = spec.pop("attachments", None)
    existing = DisclosureItemPage.objects.child_of(parent).filter(title=spec["title"]).first()
    if existing:
        _attach(existing.specific, attachments)  # demo databases built before attachments existed
        return existing, False
    spec["genre"] = Genre.objects.filter(name=spec["genre"]).first()
    spec["topic"] = _topic(spec["topic"])
    spec.setdefault("written_on", spec["published_on"])
    item = DisclosureItemPage(organisation=organisation, **spec)
    item.keywords.set(keywords)
    parent.add_child(instance=item)
    if interprets:
        item.interprets.set(DisclosureItemPage.objects.filter(title=interprets))
    for order, (filename, title, lines) in enumerate(attachments or []):
        item.attachments.add(ItemAttachment(document=_document(filename, title, lines), sort_order=order))
    item.save_revision().publish()
    if repeal:
        # Published valid first, repealed later: the change is a dated validity event.
        item.validity = Validity.REPEALED
        for field, value in repeal.items():
            setattr(item, field, value)
        item.save_revision().publish()
    return item, True


def _site_identity(home):
    site = home.get_site()
    if site is None:
        return
    identity = SiteIdentity.for_site(site)
    for field, value in SITE_IDENTITY.items():
        setattr(identity, field, value)
    identity.full_clean()
    identity.save()


def build_demo_site(home, stdout=None):
    _site_identity(home)
    organisation, _ = Organisation.objects.get_or_create(name=AGENCY, defaults=ORGANISATION)
    index = published_child(
        home,
        DisclosureIndexPage,
        "xxgk",
        title="政府信息公开",
        agency_name=AGENCY,
        org_code=ORG_CODE,
        intro="<p>本栏目依据《中华人民共和国政府信息公开条例》设立，集中发布高青县科学技术局主动公开的政府信息。</p>",
    )
    categories = {
        slug: published_child(index, CatalogueCategoryPage, slug, title=title, code=code)
        for slug, title, code in CATEGORIES
    }
    created = 0
    # Policies before their interpretations, so links resolve.
    for spec in sorted(ITEMS, key=lambda s: "interprets" in s):
        _, new = _item(categories[spec["category"]], organisation, spec)
        created += new
    if stdout is not None:
        stdout.write(f"Catalogue: {len(categories)} categories, {created} new items.")
    build_demo_reports(home, categories["xxgknb"], stdout=stdout)
    return index
