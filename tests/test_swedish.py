"""Swedish that reads right: no English UI words, numbers in Swedish form, ranges with an en dash,
and the goal chain's text that names the period the picker shows.

The page walk runs on a small `seed_demo`, seeded once for the module (rolled back at the end), and
visits every page of the URL configuration that needs no argument or only an assignment's reference.
"""
import html
import io
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import get_resolver, reverse

from assignments.models import Assignment
from goals.models import Plan
from tests.test_every_page_checks_the_role import _walk

pytestmark = pytest.mark.django_db

# English words that have turned up in Swedish UIs before: Django's None/True/False printed from Python
# values, library defaults (pagination, buttons, placeholders) and untranslated strings.
ENGLISH = re.compile(r"\b(Search|Submit|None|True|False|N/A|Page|of|Next|Previous|Loading|Error)\b")
# A number written with a decimal point ("12.0", "-5.0"); Swedish uses a decimal comma. A dotted
# version or date ("1.2.3", "2026.01.02") is left alone.
DECIMAL_POINT = re.compile(r"(?<![\d.])-?\d+\.\d+(?![\d.])")
# A number of five digits or more that is not a reference ("2026-0135") or a year: Swedish groups thousands.
UNGROUPED = re.compile(r"(?<![\d\-:])\d{5,}(?![\d\-:])")
ATTRIBUTES = re.compile(r'\b(?:placeholder|aria-label|title|alt)="([^"]*)"')
# User data that happens to hold one of the words: a working group's name in the seeded plans.
USER_DATA = ("Annons & Search",)
CELLS = re.compile(r"(?s)<(td|dd)\b[^>]*>(.*?)</\1>")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--per-year", "60", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def visible_text(markup: str) -> str:
    markup = re.sub(r"(?s)<(script|style)\b[^>]*>.*?</\1>", " ", markup)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", markup))


def _pages(reference: str) -> list[str]:
    """Every page that needs no argument, or only an assignment's reference."""
    urls = []
    for route, _name in _walk(get_resolver().url_patterns):
        params = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if set(params) - {"reference"}:
            continue
        urls.append("/" + re.sub(r"<(?:\w+:)?reference>", reference, route))
    return sorted(set(urls))


def language_problems(url: str, markup: str) -> list[str]:
    problems = [f"{url}: English in {text!r}" for text in ATTRIBUTES.findall(markup) if ENGLISH.search(text)]
    text = visible_text(markup)
    for data in USER_DATA:
        text = text.replace(data, "")
    problems += [f"{url}: English word {m.group(0)!r} in …{text[max(0, m.start() - 40):m.end() + 40]!r}"
                 for m in ENGLISH.finditer(text)]
    for _tag, cell in CELLS.findall(markup):
        value = " ".join(visible_text(cell).split())
        if DECIMAL_POINT.search(value) or UNGROUPED.search(value):
            problems.append(f"{url}: number not in Swedish form in cell {value!r}")
    return problems


@pytest.mark.parametrize("username", ["koordinator", "chef", "konsult"])
def test_every_page_reads_swedish_for_each_role(demo, client, username):
    client.force_login(User.objects.get(username=username))
    assignment = Assignment.objects.filter(hires__isnull=False).order_by("reference").first()
    # a change with numbers, so that the history shows them ("-5.0 → 12.0" was the bug)
    assignment.hours = Decimal("1234.5")
    assignment.save()
    pages = _pages(assignment.reference) + [f"/mal/{Plan.objects.order_by('-year').first().year}/"]
    checked, problems = 0, []
    for url in pages:
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        problems += language_problems(url, response.content.decode())
    assert checked > 15
    history = client.get(reverse("assignments:detail", args=[assignment.reference])).content.decode()
    if username != "konsult" or "Ändringshistorik" in history:
        assert "1\u00a0234,5" in visible_text(history)
    assert problems == [], "\n".join(problems)


def test_the_check_catches_english_words_and_decimal_points():
    """The page walk's own check, on markup with the faults it looks for."""
    assert language_problems("/x/", '<input placeholder="Search">')
    assert language_problems("/x/", "<p>Page 1 of 3</p>")
    assert language_problems("/x/", "<p>Värde: None</p>")
    assert language_problems("/x/", "<table><tr><td>-5.0 → 12.0</td></tr></table>")
    assert language_problems("/x/", "<dl><dd>24500 kr</dd></dl>")
    assert not language_problems("/x/", "<table><tr><td>2026-0135</td><td>24\u00a0500,50 kr</td>"
                                         "<td>2026-12-04</td></tr></table><p>Sök</p>")


def test_counts_above_a_thousand_are_grouped_with_a_space():
    class Paginator:
        count = 1234

    out = render_to_string("assignments/reference/_list_header.html", {"paginator": Paginator(), "title": "Test"})
    assert "1\u00a0234 träffar" in out


@pytest.mark.parametrize(("period", "expected", "not_expected"), [
    ("T1", "Utfallen gäller T1 hittills i år: januari–april", "januari–augusti"),
    ("T2", "Utfallen gäller T2 hittills i år: januari–augusti", "januari–april"),
    ("T3", "Utfallen gäller T3 hittills i år: januari–december", "januari–augusti"),
    ("year", "Utfallen gäller hela året", "januari–augusti"),
])
def test_the_goal_chain_text_names_the_chosen_period(demo, client, period, expected, not_expected):
    client.force_login(User.objects.get(username="koordinator"))
    plan = Plan.objects.order_by("-year").first()
    page = client.get(reverse("goals:chain", args=[plan.year]), {"tertial": period}).content.decode()
    text = " ".join(visible_text(page).split())
    assert f"{expected} {plan.year}" in text if period != "year" else f"{expected} {plan.year}." in text
    assert not_expected not in text


def test_labels_and_choices_write_ranges_with_an_en_dash():
    """'Skala 1–10', 'andel ja (0–1)': Swedish writes number ranges with an en dash, not a hyphen."""
    hyphen_range = re.compile(r"\d-\d")
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in {"assignments", "surveys", "reporting", "goals"}:
            continue
        for f in model._meta.get_fields():
            choices = getattr(f, "flatchoices", None) or []
            texts = [str(getattr(f, "verbose_name", ""))] + [str(label) for _v, label in choices]
            found += [f"{model.__name__}.{f.name}: {t}" for t in texts if hyphen_range.search(t)]
    assert found == []


def test_an_invitation_that_was_skipped_reads_as_a_state():
    from surveys.models import InvitationStatus

    assert InvitationStatus.SKIPPED.label == "Överhoppad"
