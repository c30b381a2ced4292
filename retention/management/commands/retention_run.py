"""`manage.py retention_run [--dry-run]`: the daily retention run now (or only what it would do)."""
import json

from django.core.management.base import BaseCommand

from retention.selectors import retention_preview
from retention.services import retention_run


class Command(BaseCommand):
    help = "Gallrar personuppgifter enligt reglerna (README \"Retention\"); --dry-run visar bara antalen."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        counts = ({row.key: row.due for row in retention_preview()} if options["dry_run"] else retention_run())
        self.stdout.write(json.dumps(counts, ensure_ascii=False))
