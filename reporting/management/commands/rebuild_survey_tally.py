"""Rebuild the pre-summed survey tally from the answers (a repair: triggers keep it current)."""
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from reporting.models import SurveyTally
from reporting.selectors import tally


class Command(BaseCommand):
    help = "Bygger om enkätsummeringen (reporting.SurveyTally) från svaren. Behövs bara efter manuella ingrepp."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Enkätsummeringen används bara på PostgreSQL; inget att bygga om.")
            return
        with transaction.atomic():
            tally.rebuild()
        self.stdout.write(f"Enkätsummeringen är ombyggd: {SurveyTally.objects.count()} rader.")
