"""Lay a derived plan (standard timeline from the order date) for every assignment without one."""
from django.core.management.base import BaseCommand

from timeline.services import plans_derive


class Command(BaseCommand):
    help = "Give assignments without a plan one laid from the standard timeline at their order date."

    def handle(self, *args, **options):
        self.stdout.write(f"{plans_derive()} derived plans")
