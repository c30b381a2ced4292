"""People for the review tests: two units with a manager each, the head, two consultants of unit 1."""
from types import SimpleNamespace

import pytest

from assignments.models import Unit
from recruitment.roles import MANAGER
from tests.factories import ConsultantFactory, UserFactory


@pytest.fixture
def people(db, consultant_user, other_consultant_user, manager, coordinator):
    unit1, unit2 = Unit.objects.get(name="Enhet 1"), Unit.objects.get(name="Enhet 2")
    unit1.manager = manager.consultant
    unit1.save()
    other_manager = UserFactory(username="chef2", roles=[MANAGER], first_name="Jonas", last_name="Sandberg")
    unit2.manager = ConsultantFactory(user=other_manager, name="Jonas Sandberg", unit=unit2, role="chef")
    unit2.save()
    head = UserFactory(username="avdelningschef", roles=[MANAGER], first_name="Hedda", last_name="Huvud")
    ConsultantFactory(user=head, name="Hedda Huvud", unit=None, role="chef")
    return SimpleNamespace(karin=consultant_user, kalle=other_consultant_user, maria=manager,
                           jonas=other_manager, head=head, kim=coordinator, unit1=unit1, unit2=unit2)
