"""Load survey answers collected before this system (CSV or .xlsx)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys.services.importing import ImportRejected, responses_import


class Command(BaseCommand):
    help = "Import survey answers from a CSV or .xlsx file; a file with any bad row is rejected whole."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8) or .xlsx with columns survey, assignment, submitted_on, "
                                         "one per question key, comment")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            result = responses_import(content=path.read_bytes(), filename=path.name)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} error(s) in {path.name}; nothing was imported.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path.name} is not UTF-8 text; nothing was imported.") from None
        self.stdout.write(f"Imported {result.created} answer(s); {result.skipped} already imported.")
