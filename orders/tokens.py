"""The order's links: a random 256-bit token in the e-mailed URL, only its SHA-256 hash stored.

As with survey links (surveys/tokens.py), a leaked database gives no working link. These links are
sent once (the confirmation, the receipt), so the token is random rather than derived from a salt;
a new status link replaces the old one.
"""
from __future__ import annotations

import hashlib
import secrets

MAX_TOKEN_LENGTH = 100  # anything longer in a URL is not one of ours


def token_new() -> tuple[str, str]:
    """(token, hash): the token goes in the e-mail, the hash in the database."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
