"""Print the KPI report of a year or tertial as one JSON object: reporting's figures and the goals section."""
from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from goals.kpi import kpi_json
from reporting.selectors import ScopeError


class Command(BaseCommand):
    help = "Skriver ut nyckeltalen för ett år eller tertial (hittills i år) som JSON."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--tertial", type=int, choices=[1, 2, 3])
        parser.add_argument("--consultant", help="konsultens e-postadress")
        parser.add_argument("--unit", help="enhetens namn")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        if not 1900 <= options["year"] <= 9999:
            raise CommandError(_("Ogiltigt år: %(year)s.") % {"year": options["year"]})
        try:
            report = kpi_json(
                year=options["year"], tertial=options["tertial"],
                consultant=options["consultant"], unit=options["unit"],
            )
        except ScopeError as exc:
            raise CommandError(str(exc))
        self.stdout.write(json.dumps(report, ensure_ascii=False))
