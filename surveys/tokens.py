"""Survey link tokens.

A link carries a 256-bit token derived as HMAC-SHA256(SECRET_KEY, salt), where the
salt is 128 random bits stored on the row. The database stores the salt and the
SHA-256 hash of the token, never the token itself: a leaked database alone gives
no working links, yet a reminder can carry the same link as the first e-mail.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def new_salt() -> str:
    return secrets.token_hex(16)


def token_for(salt: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), b"survey-link:" + salt.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(obj) -> str:
    """Give an Invitation or TrainingSession a salt and hash (if it has none) and return its token.

    The caller saves `token_salt` and `token_hash`.
    """
    if not obj.token_salt:
        obj.token_salt = new_salt()
    token = token_for(obj.token_salt)
    obj.token_hash = token_hash(token)
    return token


def spent_hash(token: str) -> str:
    """The `SpentToken` hash of a candidate link's token.

    A keyed hash with its own label: it cannot be computed from `token_hash` nor joined with it,
    so a spent row does not point at its invitation for someone holding only the database.
    """
    return hmac.new(settings.SECRET_KEY.encode(), b"survey-spent:" + token.encode(), hashlib.sha256).hexdigest()
