"""Base for every gi_wagtail page: templates extend the configurable base template."""

from django.template.loader import select_template
from django.utils.functional import cached_property
from wagtail.models import Page

from gi_wagtail.conf import gi_settings


class GiPage(Page):
    # Subclasses name their shipped template here; Wagtail's default name
    # (<app>/<model>.html) is tried first so integrators can override it.
    gi_template = None

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        names = [super().get_template(request, *args, **kwargs)]
        if self.gi_template:
            names.append(self.gi_template)
        return select_template(names).template.name

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["gi_base_template"] = gi_settings.BASE_TEMPLATE
        return context

    @cached_property
    def gi_ancestors(self):
        """Ancestors below the tree root, top first: one query shared by the breadcrumb and the menu."""
        return [page for page in self.get_ancestors() if not page.is_root()]

    @cached_property
    def gi_private_q(self):
        # Wagtail's public() reads the view restrictions on every call; a page is
        # loaded once per request, so one read serves the whole response.
        return Page.objects.all().private_q()

    def gi_public(self, queryset):
        return queryset.exclude(self.gi_private_q)

    def gi_catalogue_navigation(self):
        """The disclosure index above (or at) this page and its non-empty categories, for the left-hand menu.

        One query whatever the number of categories (plain pages: only title and URL are shown).
        """
        from gi_wagtail.catalogue.filters import with_content
        from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage

        trail = self.gi_ancestors + [self]
        root = next((p for p in reversed(trail) if issubclass(p.specific_class or Page, AbstractDisclosureIndexPage)), None)
        if root is None:
            return {"root": None, "categories": []}
        categories = list(with_content(self.gi_public(root.get_children().live())).order_by("path"))
        for category in categories:
            # aria-current: "page" on the category itself, "location" on the one an item sits in.
            category.gi_current = "page" if category.path == self.path else ("location" if self.path.startswith(category.path) else "")
        return {"root": root, "categories": categories}
