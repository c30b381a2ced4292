"""A review keeps every saved version: who saved it, when, and what changed."""
import pytest
from django.urls import reverse

from recruitment.periods import half_year_before, half_year_of
from reporting.periods import Period
from reviews.models import Review


def test_every_save_is_kept_with_who_saved_it(client, people):
    url = reverse("reviews:detail", kwargs={"pk": people.karin.consultant.pk, "year": 2025, "half": 2})
    client.force_login(people.maria)
    client.post(url, {"goals": "Ett mål"})
    client.post(url, {"goals": "Ett mål\nEtt mål till"})
    client.post(url, {"goals": "Ett mål\nEtt mål till"})  # nothing changed: no new version
    client.force_login(people.karin)
    client.post(url, {"consultant_notes": "Håller med"})
    review = Review.objects.get()
    versions = list(review.history.order_by("history_id"))
    assert [(v.history_user.username, v.goals, v.consultant_notes) for v in versions] == [
        ("chef", "Ett mål", ""), ("chef", "Ett mål\nEtt mål till", ""),
        ("konsult", "Ett mål\nEtt mål till", "Håller med")]
    text = client.get(url).content.decode()
    assert "skapade samtalet" in text and "ändrade konsultens anteckningar</li>" in text


@pytest.mark.parametrize(("day", "half"), [("2025-01-01", 1), ("2025-06-30", 1), ("2025-07-01", 2), ("2025-12-31", 2)])
def test_the_half_year_rule(day, half):
    import datetime as dt
    assert half_year_of(dt.date.fromisoformat(day)) == half


def test_the_half_year_before_and_its_period():
    assert half_year_before(2025, 1) == (2024, 2)
    assert half_year_before(2025, 2) == (2025, 1)
    period = Period.half_year(2024, 2)
    assert (period.start.isoformat(), period.end.isoformat()) == ("2024-07-01", "2024-12-31")
    with pytest.raises(ValueError):
        Period.half_year(2024, 3)
