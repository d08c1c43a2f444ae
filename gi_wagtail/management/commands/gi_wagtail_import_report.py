"""Import an annual report file (JSON / HTML / legacy text) as a draft AnnualReportPage."""
import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from gi_wagtail.reports.parsers import ReportParseError, parse_file
from gi_wagtail.reports.validator import summary, validate


class Command(BaseCommand):
    help = "Import an annual report; nothing is created unless the whole import succeeds."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--parent", help="id or URL path of the parent page (disclosure index or category)")
        parser.add_argument("--organisation", help="organisation name (default: the one named in the report)")
        parser.add_argument("--format", choices=["2008", "2019", "2021"], help="force the report format")
        parser.add_argument("--year", type=int, help="report year when the file does not state it")
        parser.add_argument("--publish", action="store_true", help="publish if there are no validation errors")
        parser.add_argument("--dry-run", action="store_true", help="parse and validate only; write nothing")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args, **opts):
        try:
            report = parse_file(opts["file"], format=opts.get("format"), year=opts.get("year"))
        except ReportParseError as exc:
            raise CommandError(str(exc)) from None
        findings = validate(report)
        # The dry run makes every check the real run makes; it only skips writing.
        parent, page = self.prepare_page(report, opts)
        result = {"file": opts["file"], "format": report["format"], "year": report["year"],
                  "organisation": page.organisation.name, "notes": report["notes"], "summary": summary(findings),
                  "findings": [f.as_dict() for f in findings], "page_id": None, "dry_run": opts["dry_run"],
                  "report": report}
        if not opts["dry_run"]:
            self.save_page(parent, page, opts["publish"])
            result["page_id"] = page.pk
            result["published"] = page.live
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_("%(format)s report %(year)s of %(org)s: %(errors)s error(s), %(warnings)s warning(s).")
                          % {"format": report["format"], "year": report["year"], "org": result["organisation"],
                             "errors": result["summary"]["error"], "warnings": result["summary"]["warning"]})
        for note in report["notes"]:
            self.stdout.write("  note: " + note)
        for f in findings:
            self.stdout.write(f"  [{f.severity}] {f.rule} {f.location}: {f.message}")
        if result["page_id"]:
            self.stdout.write(_("Created page %(id)s.") % {"id": result["page_id"]})
        else:
            self.stdout.write(_("Dry run: nothing was written."))

    def find_parent(self, ref):
        from wagtail.models import Page

        from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage

        if not ref:
            raise CommandError(_("--parent is required (id or URL path of a disclosure index or category page)"))
        page = None
        if str(ref).isdigit():
            page = Page.objects.filter(pk=int(ref)).first()
        else:
            path = "/" + str(ref).strip("/") + "/"
            matches = list(Page.objects.filter(url_path__endswith=path).order_by("path")[:5])
            if len(matches) > 1:  # e.g. xxgknb under two agencies' roots
                raise CommandError(_("parent page %(ref)s is ambiguous (%(paths)s); give its id or a longer URL path")
                                   % {"ref": ref, "paths": "、".join(p.url_path for p in matches)})
            page = matches[0] if matches else None
        if page is None:
            raise CommandError(_("parent page %(ref)s not found") % {"ref": ref})
        page = page.specific
        if not isinstance(page, (DisclosureIndexPage, CatalogueCategoryPage)):
            raise CommandError(_("parent page must be a disclosure index or catalogue category page"))
        return page

    def prepare_page(self, report, opts):
        """(parent, unsaved page) after every check of the import; raises CommandError like the real run."""
        from gi_wagtail.models import Organisation
        from gi_wagtail.reports.models import AnnualReportPage

        parent = self.find_parent(opts.get("parent"))
        name = (opts.get("organisation") or report["organisation"] or "").strip()
        if not name:
            raise CommandError(_("the report names no organisation; pass --organisation"))
        org = Organisation.objects.filter(name=name).first() or Organisation.objects.filter(short_name=name).first()
        if org is None:
            raise CommandError(_("organisation %(name)s does not exist; create it first") % {"name": name})
        if AnnualReportPage.objects.filter(organisation=org, year=report["year"]).exists():
            raise CommandError(_("%(org)s already has a report for %(year)s") % {"org": org, "year": report["year"]})
        page = AnnualReportPage(organisation=org, live=False)
        page.apply_report_data(report)
        page.title = report["title"] or f"{org.name}{report['year']}年政府信息公开工作年度报告"
        if opts["publish"] and page.has_validation_errors():
            raise CommandError(_("not published: the report has validation errors (use the admin "
                                 "override); nothing was imported"))
        return parent, page

    def save_page(self, parent, page, publish):
        with transaction.atomic():
            parent.add_child(instance=page)
            revision = page.save_revision(log_action=True)
            if publish:
                revision.publish()
                page.refresh_from_db()
        return page
