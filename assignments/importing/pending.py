"""Uploaded files waiting for a coordinator to confirm their preview.

The bytes are kept under MEDIA_ROOT/imports/ named by a random token, so the
confirm step applies exactly the file that was previewed. Files older than
PENDING_MAX_AGE are refused and swept away.
"""
from __future__ import annotations

import hashlib
import secrets
import time
from pathlib import Path

from django.conf import settings

PENDING_MAX_AGE = 60 * 60  # seconds


class PendingImportExpired(Exception):
    """The previewed file is gone or too old; upload it again."""


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(token: str) -> Path:
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        raise PendingImportExpired
    return _folder() / f"{token}.upload"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pending_import_sweep(*, max_age: int = PENDING_MAX_AGE) -> None:
    limit = time.time() - max_age
    for path in _folder().glob("*.upload"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            pass


def pending_import_store(*, data: bytes) -> str:
    """Keep the bytes and return the token that names them."""
    pending_import_sweep()
    token = secrets.token_urlsafe(24)
    _path(token).write_bytes(data)
    return token


def pending_import_load(*, token: str, sha256: str) -> bytes:
    path = _path(token)
    try:
        if path.stat().st_mtime < time.time() - PENDING_MAX_AGE:
            path.unlink()
            raise PendingImportExpired
        data = path.read_bytes()
    except FileNotFoundError:
        raise PendingImportExpired
    if digest(data) != sha256:
        raise PendingImportExpired
    return data


def pending_import_discard(*, token: str) -> None:
    try:
        _path(token).unlink()
    except (FileNotFoundError, PendingImportExpired):
        pass
