"""python manage.py import_figures FILE: entered figures (year, period, key, organisation, value, note)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goals.services import figures_import


class Command(BaseCommand):
    help = "Läser in siffror från andra källor (annonser, sjukfrånvaro, engagemang ...) från en CSV-fil."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen finns inte: {path}")
        result = figures_import(content=path.read_bytes())
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} fel; inget lästes in.")
        self.stdout.write(f"Klart: {result.created} nya, {result.updated} uppdaterade.")
