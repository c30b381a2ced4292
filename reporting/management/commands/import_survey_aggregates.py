"""Load the department's published survey aggregates from a CSV file."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reporting.importing import AggregateImportError, survey_aggregates_import


class Command(BaseCommand):
    help = "Läser in publicerade enkätresultat (kolumner: year, survey, question, mean, yes_share, n)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("Kan inte läsa filen %(path)s: %(error)s") % {"path": path, "error": exc.strerror})
        try:
            result = survey_aggregates_import(content=content)
        except AggregateImportError as exc:
            raise CommandError(_("Filen lästes inte in:") + "\n" + "\n".join(exc.errors))
        self.stdout.write(_("%(created)d nya och %(updated)d ersatta resultat inlästa.") % {
            "created": result.created, "updated": result.updated})
