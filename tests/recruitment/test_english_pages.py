"""Every staff page renders in English once a user has chosen it (issue 17, "Languages"): the page walk of
tests/test_swedish.py on a small `seed_demo`, for each role, with the language cookie set to English; each page
answers as it does in Swedish, says lang="en", and shows none of the Swedish UI words of the header and the
common buttons (an unmarked or untranslated string)."""
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from assignments.models import Assignment
from goals.models import Plan
from tests.test_swedish import _pages, demo, visible_text  # noqa: F401 (demo is a fixture)

pytestmark = pytest.mark.django_db

# Swedish UI words that no seeded name or title contains ("Ta bort" is in a seeded activity): on an English page
# they are a string left Swedish.
SWEDISH_UI = re.compile(r"\b(Logga ut|Spara|Avbryt|Sök|Visa meny|Hoppa till huvudinnehållet|Tillgänglighetsredogörelse|"
                        r"Föregående|Nästa|Rensa filter|Tillbaka|Ändra|Inga|Filtrera)\b")


@pytest.mark.parametrize("username", ["koordinator", "chef", "konsult"])
def test_every_page_renders_in_english_for_each_role(demo, client, username):  # noqa: F811
    client.force_login(User.objects.get(username=username))
    assignment = Assignment.objects.filter(hires__isnull=False).order_by("reference").first()
    # the public survey pages (/s/…) follow the respondent's own choice (?lang=, the survey's cookie), not the
    # staff language cookie: tests/surveys/test_languages.py
    pages = [url for url in _pages(assignment.reference) if not url.startswith("/s/")] + [
        f"/mal/{Plan.objects.order_by('-year').first().year}/"]
    swedish_status = {url: client.get(url).status_code for url in pages}

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    checked, problems = 0, []
    for url in pages:
        response = client.get(url)
        if response.status_code != swedish_status[url]:
            problems.append(f"{url}: {response.status_code} in English, {swedish_status[url]} in Swedish")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        markup = response.content.decode()
        if '<html lang="en">' not in markup:
            problems.append(f"{url}: not lang=en")
        text = visible_text(markup)
        problems += [f"{url}: Swedish {m.group(0)!r} in …{text[max(0, m.start() - 40):m.end() + 40]!r}"
                     for m in SWEDISH_UI.finditer(text)]
    assert checked > 15
    assert problems == [], "\n".join(problems)
