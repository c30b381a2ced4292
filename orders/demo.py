"""Demo orders for `seed_demo`: incoming orders in the intake queue, and one address waiting for approval."""
from __future__ import annotations

from allocation.demo import WISHED
from assignments.models import OrderAs, Organisation, Package, RoleLevel, Sector

from .models import Order, RecruitedBefore
from .selectors import wishable_consultants
from .services import order_confirm, order_submit

# name, address, role, level, sector, package, the consultant wished for by name (allocation.demo.WISHED:
# active, qualified for manager recruitments and test-certified, so the proposal puts the wish first)
DEMO_ORDERS = [
    ("Anna Andersson", "anna.andersson@stockholm.se", "Förskollärare", RoleLevel.STAFF, Sector.PRESCHOOL, "STORA",
     None),
    ("Bo Berg", "bo.berg@stockholm.se", "Enhetschef hemtjänst", RoleLevel.MANAGER, Sector.ELDERLY, "CHEF", WISHED),
    ("Cecilia Ek", "cecilia.ek@example.com", "Socialsekreterare", RoleLevel.STAFF, Sector.SOCIAL, "STORA", None),
]


def demo_orders() -> int:
    """Send and confirm the demo orders (the third address is outside the city's domains, so it waits for a
    coordinator); returns how many were made."""
    organisations = list(Organisation.objects.filter(active=True).order_by("name")[:len(DEMO_ORDERS)])
    packages = {p.code: p for p in Package.objects.filter(order_as=OrderAs.PACKAGE)}
    wishable = {c.name: c for c in wishable_consultants()}
    made = 0
    for (name, email, title, level, sector, code, wish), organisation in zip(DEMO_ORDERS, organisations,
                                                                             strict=False):
        if code not in packages:
            continue
        order = order_submit(data={
            "organisation": organisation, "organisation_name": organisation.name, "contact_name": name,
            "email": email, "phone": "08-508 000 00", "cost_centre": "1234", "role_title": title,
            "role_level": level, "sector": sector, "positions": 1, "package": packages[code],
            "recruited_before": RecruitedBefore.NO, "wished_consultant": wishable.get(wish),
            "start_meeting": {"need": "En medarbetare går i pension.", "profile": "Erfarenhet av arbete i staden."},
        })
        order_confirm(order=Order.objects.get(pk=order.pk))
        made += 1
    return made
