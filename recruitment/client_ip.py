"""The client's address as the log-in lockout sees it (django-axes' AXES_CLIENT_IP_CALLABLE).

Without configuration the address is the connection's own (REMOTE_ADDR): a header a
client can write (X-Forwarded-For) is ignored, so nobody escapes a lockout by inventing
addresses. Behind reverse proxies the operator names the header they set
(TRUSTED_PROXY_HEADER, e.g. "X-Forwarded-For") and how many proxies append to it
(TRUSTED_PROXY_COUNT). Each proxy appends the address it received the request from, so
the client is the entry that many places from the right; entries further left were
written by the client and are never trusted.
"""
from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def meta_key(header: str) -> str:
    """request.META's key for an HTTP header name: "X-Forwarded-For" -> "HTTP_X_FORWARDED_FOR"."""
    key = header.strip().upper().replace("-", "_")
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else "HTTP_" + key


def _address(text: str) -> str | None:
    """A bare IP address from "1.2.3.4", "1.2.3.4:5678", "[::1]:5678" or "::1"; None if it is none."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1:text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if not header:
        return remote
    entries = [e for e in request.META.get(meta_key(header), "").split(",") if e.strip()]
    if not entries:
        return remote  # reached the application without passing the proxy
    count = max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))
    return _address(entries[-min(count, len(entries))]) or remote
