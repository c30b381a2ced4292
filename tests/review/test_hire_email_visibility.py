"""A candidate's e-mail is shown only to those who work on the assignment (and coordinators)."""
import pytest
from django.urls import reverse

from tests.factories import AssignmentFactory, HireFactory

pytestmark = pytest.mark.django_db


def test_only_the_assignments_consultants_see_the_candidates_email(client, consultant_user, other_consultant_user,
                                                                    coordinator, manager):
    assignment = AssignmentFactory(lead_consultant=consultant_user.consultant)
    HireFactory(assignment=assignment, email="kandidat.hemlig@example.se")
    url = reverse("assignments:detail", args=[assignment.reference])
    for user, sees in ((consultant_user, True), (coordinator, True), (other_consultant_user, False), (manager, False)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert ("kandidat.hemlig@example.se" in response.content.decode()) is sees, user.username
