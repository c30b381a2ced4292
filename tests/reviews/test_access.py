"""Who may open and write a review: the consultant, their unit's manager and the head; nobody else."""
import pytest
from django.urls import reverse

from reviews.models import Review


def _url(user, name="reviews:detail", year=2025, half=1):
    return reverse(name, kwargs={"pk": user.consultant.pk, "year": year, "half": half})


@pytest.mark.parametrize(("who", "status"), [
    ("karin", 200),  # her own
    ("kalle", 403),  # another consultant of the same unit
    ("maria", 200),  # the manager of Karin's unit
    ("jonas", 403),  # the manager of another unit
    ("head", 200),  # the head
    ("kim", 403),  # a coordinator
])
def test_only_the_consultant_their_manager_and_the_head_open_a_review(client, people, who, status):
    client.force_login(getattr(people, who))
    assert client.get(_url(people.karin)).status_code == status
    assert client.get(_url(people.karin, "reviews:pdf")).status_code == status


@pytest.mark.parametrize("who", ["kalle", "jonas", "kim"])
def test_those_who_may_not_open_a_review_cannot_write_it_either(client, people, who):
    client.force_login(getattr(people, who))
    response = client.post(_url(people.karin), {"goals": "Ta över", "consultant_notes": "Ta över"})
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, people):
    response = client.get(_url(people.karin))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_unit_manager_s_own_review_is_the_head_s_not_their_own(client, people):
    client.force_login(people.maria)
    client.post(_url(people.maria), {"goals": "Mitt eget mål", "consultant_notes": "Min anteckning"})
    review = Review.objects.get(consultant=people.maria.consultant)
    assert (review.goals, review.consultant_notes) == ("", "Min anteckning")
    client.force_login(people.head)
    client.post(_url(people.maria), {"goals": "Leda enhet 1", "manager_notes": "Bra år", "held_on": "",
                                     "actions": ""})
    review.refresh_from_db()
    assert (review.goals, review.manager_notes, review.consultant_notes) == ("Leda enhet 1", "Bra år",
                                                                             "Min anteckning")


def test_each_side_writes_only_its_own_fields(client, people):
    client.force_login(people.karin)
    client.post(_url(people.karin), {"consultant_notes": "Jag vill leda chefsrekryteringar", "goals": "Mitt mål"})
    client.force_login(people.maria)
    client.post(_url(people.karin), {"goals": "Två chefsrekryteringar", "actions": "Testcertifiering",
                                     "manager_notes": "Stabilt halvår", "held_on": "2025-06-10",
                                     "consultant_notes": "Skrivet av chefen"})
    review = Review.objects.get()
    assert review.consultant_notes == "Jag vill leda chefsrekryteringar"
    assert (review.goals, review.actions, review.manager_notes, str(review.held_on)) == (
        "Två chefsrekryteringar", "Testcertifiering", "Stabilt halvår", "2025-06-10")


def test_a_bad_date_is_refused_in_swedish_and_nothing_is_saved(client, people):
    client.force_login(people.maria)
    response = client.post(_url(people.karin), {"goals": "Ett mål", "held_on": "2099-01-01"})
    assert response.status_code == 400
    assert "Datumet kan inte ligga i framtiden." in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize(("year", "half"), [(2025, 3), (2025, 0), (2099, 1)])
def test_a_half_year_that_does_not_exist_or_has_not_begun_is_not_found(client, people, year, half):
    client.force_login(people.karin)
    assert client.get(_url(people.karin, year=year, half=half)).status_code == 404


def test_the_manager_s_list_holds_the_unit_s_consultants_and_the_consultant_s_only_their_own(client, people):
    client.force_login(people.maria)
    text = client.get(reverse("reviews:index")).content.decode()
    assert "Karin Konsult" in text and "Kalle Konsult" in text and "Jonas Sandberg" not in text
    client.force_login(people.jonas)
    text = client.get(reverse("reviews:index")).content.decode()
    assert "Karin Konsult" not in text and "Dina egna samtal" in text
    client.force_login(people.karin)
    text = client.get(reverse("reviews:index")).content.decode()
    assert "Kalle Konsult" not in text and "Dina medarbetares samtal" not in text
    assert _url(people.karin, year=2025, half=1) in text
    client.force_login(people.head)
    text = client.get(reverse("reviews:index")).content.decode()
    assert all(name in text for name in ("Karin Konsult", "Kalle Konsult", "Maria Chef", "Jonas Sandberg"))
