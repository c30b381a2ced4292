"""python manage.py import_assignments FILE [--create-consultants] [--dry-run] [--invoiced-until YYYY-MM-DD]"""
import argparse
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assignments.importing import assignments_import, invoiced_until_default


class Command(BaseCommand):
    help = _("Importerar uppdrag från det gamla registret (CSV i UTF-8 eller .xlsx).")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("CSV- eller .xlsx-fil"))
        parser.add_argument("--create-consultants", action="store_true",
                            help=_("skapa okända konsulter som inaktiva, utan inloggning"))
        parser.add_argument("--dry-run", action="store_true", help=_("visa vad som skulle ändras utan att spara"))
        parser.add_argument("--invoiced-until", type=_date, default=None, metavar="ÅÅÅÅ-MM-DD",
                            help=_("uppdrag avslutade eller avbrutna senast denna dag räknas som fakturerade "
                                   "(standard: sista dagen i förra månaden)"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("Kan inte läsa %(file)s: %(error)s") % {"file": path, "error": exc.strerror})
        report = assignments_import(
            file=data, filename=path.name, create_consultants=options["create_consultants"],
            dry_run=options["dry_run"], invoiced_until=options["invoiced_until"] or invoiced_until_default(),
        )
        if not report.ok:
            for line in report.error_lines:
                self.stderr.write(line)
            raise CommandError(report.summary_lines()[0])
        for line in report.summary_lines():
            self.stdout.write(line)
        for warning in report.warnings:
            self.stdout.write(_("Varning: %(warning)s") % {"warning": warning})


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("ogiltigt datum %(value)s: skriv ÅÅÅÅ-MM-DD") % {"value": value}) from None
