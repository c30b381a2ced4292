"""Reads for the order pages: the catalogue the form offers, the intake queue, an order by its link."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from assignments.models import Consultant, ConsultantRole, OrderAs, Package, PackagePrice, Status

from .models import Order, OrderState
from .tokens import MAX_TOKEN_LENGTH, token_hash


@dataclass(frozen=True)
class Offer:
    package: Package
    price: Decimal | None

    @property
    def unit_label(self) -> str:
        return self.package.get_unit_display()


def offered_packages(*, kind: str, on: dt.date | None = None) -> QuerySet[Package]:
    """The packages (or add-ons) the form offers, each annotated with `price`: that year's price or the
    latest earlier one (one query)."""
    on = on or timezone.localdate()
    price = (PackagePrice.objects.filter(package=OuterRef("pk"), year__lte=on.year)
             .order_by("-year").values("price_sek")[:1])
    return (Package.objects.filter(offered=True, order_as=kind).annotate(price=Subquery(price))
            .order_by("-manager_package", "code"))


def offers(*, kind: str = OrderAs.PACKAGE) -> list[Offer]:
    return [Offer(p, p.price) for p in offered_packages(kind=kind)]


def wishable_consultants() -> QuerySet[Consultant]:
    """Consultants a customer may ask for by name: the active ones who run assignments."""
    return Consultant.objects.filter(active=True, role__in=[ConsultantRole.CONSULTANT, ConsultantRole.LEAD]
                                     ).order_by("name")


def order_for_confirm_token(token: str) -> Order | None:
    """The pending order whose confirmation link this is, if the link still works."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (Order.objects.filter(confirm_hash=token_hash(token), state=OrderState.PENDING,
                                 confirm_expires_at__gt=timezone.now()).first())


def order_for_status_token(token: str) -> Order | None:
    """The order behind a status link, with what its page shows; None for an unknown or revoked link."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (Order.objects.select_related("assignment__lead_consultant", "package", "organisation")
            .filter(status_hash=token_hash(token), status_revoked_at__isnull=True, assignment__isnull=False)
            .first())


def intake_queue() -> QuerySet[Order]:
    """Orders waiting for a coordinator, oldest first: incoming assignments, and confirmed orders whose
    address needs approval."""
    return (Order.objects.filter(Q(assignment__status=Status.INCOMING) | Q(state=OrderState.AWAITING_APPROVAL))
            .select_related("assignment", "package", "organisation", "wished_consultant")
            .order_by("created_at", "pk"))


def order_detail(pk: int) -> Order | None:
    return (Order.objects.select_related("assignment__lead_consultant", "package", "organisation",
                                         "wished_consultant", "assignment__organisation")
            .prefetch_related("addons", "messages").filter(pk=pk).first())
