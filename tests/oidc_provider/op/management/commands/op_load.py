"""Load the test provider's client and users from JSON (created or updated):
{"client": {"client_id", "client_secret", "redirect_uri", "post_logout_redirect_uri"},
 "users": [{"username", "password", "email", "first_name", "last_name", "groups": [...]}]}"""
import json

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("spec")

    def handle(self, spec, **options):
        spec = json.loads(spec)
        client = spec.get("client")
        if client:
            Application.objects.filter(client_id=client["client_id"]).delete()
            Application.objects.create(
                name="SF Rekrytering", client_id=client["client_id"], client_secret=client["client_secret"],
                client_type=Application.CLIENT_CONFIDENTIAL,
                authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
                redirect_uris=client["redirect_uri"], post_logout_redirect_uris=client["post_logout_redirect_uri"],
                algorithm=Application.RS256_ALGORITHM, skip_authorization=True)
        for data in spec.get("users", []):
            user, _ = User.objects.get_or_create(username=data["username"])
            user.email, user.first_name, user.last_name = data["email"], data["first_name"], data["last_name"]
            user.set_password(data["password"])
            user.save()
            user.groups.set([Group.objects.get_or_create(name=name)[0] for name in data["groups"]])
