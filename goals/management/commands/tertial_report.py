"""Write the tertial report (the same PDF as the reports page) to a file."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from goals.tertial import render_tertial_pdf


class Command(BaseCommand):
    help = "Skriver tertialrapporten (PDF) för ett år och tertial till en fil."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--tertial", type=int, choices=[1, 2, 3])
        parser.add_argument("--out", required=True, help="PDF-filen som ska skrivas")

    def handle(self, *args, **options):
        if not 2000 <= options["year"] <= 2100:
            raise CommandError(_("Ogiltigt år: %(year)s.") % {"year": options["year"]})
        out = Path(options["out"])
        if not out.parent.exists():
            raise CommandError(_("Mappen %(dir)s finns inte.") % {"dir": out.parent})
        content = render_tertial_pdf(year=options["year"], tertial=options["tertial"])
        out.write_bytes(content)
        self.stdout.write(_("Skrev %(path)s (%(kb)d kB).") % {"path": out, "kb": len(content) // 1024})
