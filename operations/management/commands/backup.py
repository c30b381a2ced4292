"""`manage.py backup --out FILE`: the whole database in one file (operations/backup.py)."""
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Skriver en säkerhetskopia av databasen till en fil (PostgreSQL: pg_dump i eget format)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="filen att skriva (får inte finnas)")

    def handle(self, *args, **options):
        try:
            out = backup_write(options["out"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Säkerhetskopian är skriven: {out} ({out.stat().st_size} byte).")
