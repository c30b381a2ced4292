"""Load survey answers collected before this system (CSV or .xlsx)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from surveys.services.importing import ImportRejected, UnreadableFile, responses_import


class Command(BaseCommand):
    help = "Import survey answers from a CSV or .xlsx file; a file with any bad row is rejected whole."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or .xlsx with "
                                         "columns survey, assignment, submitted_on, one per question key, comment")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Filen finns inte: %(path)s") % {"path": path})
        try:
            result = responses_import(content=path.read_bytes(), filename=path.name)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(_("%(n)s fel i %(name)s; ingenting importerades.") % {
                "n": len(exc.errors), "name": path.name}) from None
        except UnreadableFile as exc:
            self.stderr.write(str(exc))
            raise CommandError(_("%(name)s kunde inte läsas (CSV i UTF-8 eller .xlsx); ingenting importerades.")
                               % {"name": path.name}) from None
        self.stdout.write(_("%(created)s svar importerades (%(skipped)s fanns redan).") % {
            "created": result.created, "skipped": result.skipped})
