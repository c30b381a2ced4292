#!/usr/bin/env python
"""A tiny OpenID Connect provider (django-oauth-toolkit) that tests/accounts/test_city_login.py runs on loopback."""
import os
import sys

if __name__ == "__main__":
    os.environ["DJANGO_SETTINGS_MODULE"] = "op.settings"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
