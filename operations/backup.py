"""A backup of the database into one file, and its restore into an empty database (README "Backup").

PostgreSQL: `pg_dump --format=custom` (restored with `pg_restore --no-owner`, then `migrate`, which
applies what newer code adds). SQLite (the embedded run): SQLite's online backup into a file.
The password is passed to the client programs in the environment, never on the command line.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    """A backup or restore that could not be made; the message is Swedish and shown to the operator."""


def _pg_args(settings_dict: dict) -> tuple[list[str], dict]:
    args, env = [], {**os.environ}
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"Programmet {name} saknas (installera PostgreSQL-klienten, t.ex. postgresql-client).")
    return found


def backup_write(out: Path, *, alias: str = "default") -> Path:
    """Write a backup of the database `alias` to `out` (which must not exist yet)."""
    out = Path(out)
    if out.exists():
        raise BackupError(f"Filen {out} finns redan; välj ett nytt namn.")
    settings_dict = connections[alias].settings_dict
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        args, env = _pg_args(settings_dict)
        done = subprocess.run(  # noqa: S603 - a fixed program; arguments from settings and the operator
            [_program("pg_dump"), "--format=custom", "--no-owner", f"--file={out}", *args,
             f"--dbname={settings_dict['NAME']}"], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            out.unlink(missing_ok=True)
            raise BackupError(f"pg_dump misslyckades: {done.stderr.strip()[-300:]}")
    elif vendor == "sqlite":
        source = sqlite3.connect(settings_dict["NAME"])
        target = sqlite3.connect(out)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        raise BackupError(f"Säkerhetskopiering stöds inte för databasen {vendor}.")
    return out


def backup_restore(dump: Path, *, alias: str = "default") -> None:
    """Restore `dump` (from `backup_write`) into the database `alias`, which must be empty."""
    dump = Path(dump)
    if not dump.is_file():
        raise BackupError(f"Filen {dump} finns inte.")
    connection = connections[alias]
    if connection.introspection.table_names():
        raise BackupError("Databasen är inte tom; återställ bara till en tom databas.")
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        connection.close()
        args, env = _pg_args(settings_dict)
        done = subprocess.run(  # noqa: S603 - a fixed program; arguments from settings and the operator
            [_program("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={settings_dict['NAME']}", *args,
             str(dump.resolve())], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise BackupError(f"pg_restore misslyckades: {done.stderr.strip()[-300:]}")
    elif connection.vendor == "sqlite":
        connection.close()
        source = sqlite3.connect(dump)
        target = sqlite3.connect(settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        raise BackupError(f"Återställning stöds inte för databasen {connection.vendor}.")
