"""Rate limits of the public order service (django-ratelimit): per client address and per e-mail address."""
from __future__ import annotations

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from recruitment.client_ip import client_ip


def order_limited(request, *, email: str) -> bool:
    """Count one order sent from this client and for this address; True when either is over its rate."""
    by_ip = is_ratelimited(request, group="orders:send:ip", key=lambda _g, r: client_ip(r) or "-",
                           rate=settings.ORDER_RATE_PER_IP, increment=True)
    by_address = is_ratelimited(request, group="orders:send:address", key=lambda _g, _r: email.strip().lower(),
                                rate=settings.ORDER_RATE_PER_ADDRESS, increment=True)
    return by_ip or by_address


def suggest_limited(request) -> bool:
    """The organisation type-ahead: generous (one call per typed pause), still bounded per client."""
    return is_ratelimited(request, group="orders:suggest:ip", key=lambda _g, r: client_ip(r) or "-",
                          rate=getattr(settings, "ORDER_RATE_SUGGEST", "600/h"), increment=True)
