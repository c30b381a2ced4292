"""python manage.py import_employee_survey FILE --year Y [--scope department|administration] [--official-total N]."""
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from goals.ami import survey_results
from goals.models import EmployeeSurvey, SurveyScope
from goals.services import employee_survey_import


class Command(BaseCommand):
    help = "Läser in medarbetarenkätens AMI-påståenden (area, statement, n1..n5, no_opinion) för ett år."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--scope", choices=SurveyScope.values, default=SurveyScope.DEPARTMENT)
        parser.add_argument("--official-total", dest="official_total")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen finns inte: {path}")
        official = None
        if options["official_total"] is not None:
            try:
                official = Decimal(options["official_total"].replace(",", "."))
            except InvalidOperation:
                raise CommandError("--official-total måste vara ett tal, t.ex. 89")
        result = employee_survey_import(content=path.read_bytes(), year=options["year"], scope=options["scope"],
                                        official_total=official)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} fel; inget lästes in.")
        survey = EmployeeSurvey.objects.get(year=options["year"], scope=options["scope"])
        summary = survey_results(survey)
        areas = ", ".join(f"{area} {value:.1f}" for area, value in summary["areas"].items())
        self.stdout.write(f"AMI {options['year']}: {summary['total']:.1f} ({areas})")
