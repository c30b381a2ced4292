"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright; never a downloaded browser."""
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def phone_page(browser, live_server):
    """A 360 px wide phone-sized page."""
    # bypass_csp lets the test inject axe-core; the page itself keeps its strict policy
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, rules: list[str] | None = None) -> list:
    """Run axe-core (vendored from npm) for WCAG 2.1 A/AA and return the violations.

    `rules` narrows the run to those rule ids (e.g. the ones a narrower width can change)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):  # once per loaded page
        page.add_script_tag(path=str(AXE))
    only = {"type": "rule", "values": rules} if rules else {
        "type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
    return page.evaluate("async only => (await axe.run(document, {runOnly: only})).violations", only)


def login(page, live_server, username, password="pw-test-12345"):  # noqa: S107
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
