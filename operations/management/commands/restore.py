"""`manage.py restore --dump FILE`: a backup into an EMPTY database; run `migrate` afterwards."""
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Återställer en säkerhetskopia till en tom databas. Kör sedan `manage.py migrate`."

    def add_arguments(self, parser):
        parser.add_argument("--dump", required=True, help="säkerhetskopian (från manage.py backup)")

    def handle(self, *args, **options):
        try:
            backup_restore(options["dump"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write("Säkerhetskopian är återställd. Kör nu: python manage.py migrate")
