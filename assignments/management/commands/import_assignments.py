"""python manage.py import_assignments FILE [--create-consultants] [--dry-run]"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assignments.importing import assignments_import


class Command(BaseCommand):
    help = _("Importerar uppdrag från det gamla registret (CSV i UTF-8 eller .xlsx).")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("CSV- eller .xlsx-fil"))
        parser.add_argument("--create-consultants", action="store_true",
                            help=_("skapa okända konsulter som inaktiva, utan inloggning"))
        parser.add_argument("--dry-run", action="store_true", help=_("visa vad som skulle ändras utan att spara"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("Kan inte läsa %(file)s: %(error)s") % {"file": path, "error": exc.strerror})
        report = assignments_import(
            file=data, filename=path.name, create_consultants=options["create_consultants"],
            dry_run=options["dry_run"],
        )
        if not report.ok:
            for line in report.error_lines:
                self.stderr.write(line)
            raise CommandError(report.summary_lines()[0])
        for line in report.summary_lines():
            self.stdout.write(line)
        for warning in report.warnings:
            self.stdout.write(_("Varning: %(warning)s") % {"warning": warning})
