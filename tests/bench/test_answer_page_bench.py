"""Benchmark: the answer page's median server time against the trivial logged-in page, 20 concurrent clients.

Issue 4 asks that the answer page's median server time stays within 3x that of a trivial
page measured in the same run; the trivial page is the one every speed target uses
(tests/bench/urls.py: base.html behind log-in). The app runs under gunicorn on loopback
with the production settings (DEBUG off) plus the benchmark URLs; wrk (Debian's package)
makes 20 connections, A-B-B-A, to the trivial page with a logged-in session and to
`/s/<token>/` for a few thousand valid invitation links, rotated by a Lua script (every other
request in English, `?lang=en`). Server
time is gunicorn's own per-request time (%(D)s in its access log); that ratio is asserted.
wrk's client-side medians (which include queueing) are printed beside it.

Run (PostgreSQL; gunicorn's workers share the test database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_sbench \
        .venv/bin/python -m pytest -m bench tests/bench/test_answer_page_bench.py -s
"""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from assignments.models import Package
from surveys import tokens
from surveys.models import Invitation, InvitationStatus, SurveyKind
from tests.factories import AssignmentFactory

ROOT = Path(__file__).resolve().parents[2]
WRK = shutil.which("wrk") or "/usr/bin/wrk"
INVITATIONS = 3000
ASSIGNMENTS = 60
CONNECTIONS = 20
DURATION = os.environ.get("BENCH_DURATION", "10s")
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
MAX_RATIO = 3.0

ROTATE_LUA = """
local tokens = {%s}
local n = #tokens
function setup(thread)
  thread:set("offset", math.random(n))
end
function init(args)
  counter = offset or 0
end
function request()
  counter = counter + 1
  local language = (counter %% 2 == 0) and "?lang=en" or ""
  return wrk.format("GET", "/s/" .. tokens[(counter %% n) + 1] .. "/" .. language)
end
"""

SECRET_KEY = "bench-" + "k3y-" * 16
TRIVIAL = "/bench/trivial/"

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def _create_invitations() -> list[str]:
    """A few thousand sent, answerable invitations of every kind, over assignments of every package."""
    packages = list(Package.objects.all())
    assignments = [AssignmentFactory(package=packages[i % len(packages)]) for i in range(ASSIGNMENTS)]
    now = timezone.now()
    kinds = [SurveyKind.CUSTOMER, SurveyKind.CANDIDATE, SurveyKind.SIX_MONTH]
    rows, issued = [], []
    for i in range(INVITATIONS):
        assignment = assignments[i % ASSIGNMENTS]
        kind = kinds[i % len(kinds)]
        invitation = Invitation(
            kind=kind, status=InvitationStatus.SENT if i % 2 else InvitationStatus.REMINDED,
            assignment=assignment, contact=assignment.contact if kind != SurveyKind.CANDIDATE else None,
            email=f"bench{i}@example.se", due_at=now - dt.timedelta(days=2), sent_at=now - dt.timedelta(days=2),
            expires_at=now + dt.timedelta(days=28),
            # a candidate link answers once its round has opened (else "Enkäten har inte öppnat ännu")
            round_opened_at=now - dt.timedelta(days=2) if kind == SurveyKind.CANDIDATE else None,
        )
        issued.append(tokens.issue(invitation))
        rows.append(invitation)
    Invitation.objects.bulk_create(rows, batch_size=1000)
    return issued


class Server:
    """gunicorn with the production settings on a loopback port; access log holds each request's time."""

    def __init__(self, tmp: Path):
        db = connection.settings_dict
        self.port = _free_port()
        self.access_log = tmp / "access.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings_production",
            "DEBUG": "0",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "LOG_LEVEL": "WARNING",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
        }
        self.output = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed in stop()
        self.proc = None

    def start(self) -> Server:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "recruitment.wsgi", "-w", str(WORKERS), "-k", "sync",
             "-b", f"127.0.0.1:{self.port}", "--access-logfile", str(self.access_log),
             "--access-logformat", "%(U)s %(s)s %(D)s", "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=self.output, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url("/s/tack/"), timeout=10).read()  # public: no session needed
                return self
            except OSError:  # refused while booting, or a worker still importing
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def server_times(self) -> dict[str, list[float]]:
        """Server-side milliseconds per request from the access log, grouped as trivial/answer."""
        times: dict[str, list[float]] = {"trivial": [], "answer": []}
        for line in self.access_log.read_text().splitlines():
            path, status, micros = line.rsplit(" ", 2)
            if status != "200":
                continue
            times["trivial" if path == TRIVIAL else "answer"].append(int(micros) / 1000)
        return times

    def truncate_log(self) -> None:
        self.access_log.write_text("")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.output.close()


def _session_cookie() -> str:
    """A logged-in staff session stored in the shared test database, signed with the server's key."""
    user = get_user_model().objects.create_user("bench-trivial", password="bench-pw-12345")  # noqa: S106
    client = Client()
    with override_settings(SECRET_KEY=SECRET_KEY):  # the session's auth hash is checked by the server
        client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def _wrk(url: str, *, script: Path | None = None, cookie: str | None = None) -> dict:
    cmd = [WRK, "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=120, check=True).stdout
    median = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p90 = re.search(r"^\s+90%\s+(\S+)", out, re.M)
    requests = re.search(r"(\d+) requests in", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    assert median and requests, out
    return {
        "median_ms": _ms(median.group(1)), "p90_ms": _ms(p90.group(1)), "requests": int(requests.group(1)),
        "non_2xx": int(bad.group(1)) if bad else 0, "socket_errors": errors.group(1) if errors else "",
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "raw": out,
    }


def _combine(results: list[dict]) -> dict:
    """Two runs of one page as one: mean of the medians and p90s, summed requests."""
    return {
        "median_ms": statistics.mean(r["median_ms"] for r in results),
        "p90_ms": statistics.mean(r["p90_ms"] for r in results),
        "rps": statistics.mean(r["rps"] for r in results), "requests": sum(r["requests"] for r in results),
    }


@pytest.mark.bench
@pytest.mark.django_db(transaction=True)
def test_answer_page_median_server_time_is_within_3x_of_the_trivial_page_under_20_clients():
    if connection.vendor != "postgresql":
        pytest.skip("the benchmark runs on PostgreSQL (gunicorn's workers share the test database)")
    if not Path(WRK).exists():
        pytest.skip("wrk is not installed (apt-get install wrk)")
    random.seed(4)
    issued = _create_invitations()
    cookie = _session_cookie()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        script = tmp / "rotate.lua"
        script.write_text(ROTATE_LUA % ", ".join(f'"{t}"' for t in issued))
        server = Server(tmp)
        try:
            server.start()
            # Every token must open a form (not the 410 page) for the figure to mean anything.
            for token in random.sample(issued, 20):
                with urllib.request.urlopen(server.url(f"/s/{token}/"), timeout=5) as page:
                    assert page.status == 200 and b'name="csrfmiddlewaretoken"' in page.read()
            # Warm every worker (template loading, caches, database connections).
            with urllib.request.urlopen(urllib.request.Request(server.url(TRIVIAL), headers={"Cookie": cookie}),
                                        timeout=10) as page:  # logged in, not sent to the log-in page
                assert page.status == 200 and page.url.endswith(TRIVIAL), page.url
            subprocess.run([WRK, "-t2", f"-c{CONNECTIONS}", "-d2s", "-H", f"Cookie: {cookie}", server.url(TRIVIAL)],
                           capture_output=True, check=True)
            subprocess.run([WRK, "-t2", f"-c{CONNECTIONS}", "-d2s", "-s", str(script), server.url("/")],
                           capture_output=True, check=True)
            server.truncate_log()
            # A-B-B-A, so that load from elsewhere on the machine drifting during the run
            # weighs on both pages alike; each page's figure is the mean of its two runs.
            runs = {"trivial": [], "answer": []}
            for page in ("trivial", "answer", "answer", "trivial"):
                runs[page].append(_wrk(server.url(TRIVIAL), cookie=cookie) if page == "trivial"
                                  else _wrk(server.url("/"), script=script))
            time.sleep(0.5)
            server_times = server.server_times()
        finally:
            server.stop()

    trivial, answer = (_combine(runs[page]) for page in ("trivial", "answer"))
    ratio = answer["median_ms"] / trivial["median_ms"]
    server_ratio = statistics.median(server_times["answer"]) / statistics.median(server_times["trivial"])
    print(f"\nruns (A-B-B-A), wrk median ms: trivial {[r['median_ms'] for r in runs['trivial']]}, "
          f"answer {[r['median_ms'] for r in runs['answer']]}")
    print(f"wrk -t2 -c{CONNECTIONS} -d{DURATION} --latency, gunicorn {WORKERS} sync workers, "
          f"{INVITATIONS} invitations")
    for name, result, times in ((f"trivial {TRIVIAL}", trivial, server_times["trivial"]),
                                ("answer /s/<token>/", answer, server_times["answer"])):
        print(f"  {name:20} wrk median {result['median_ms']:7.2f} ms  p90 {result['p90_ms']:7.2f} ms  "
              f"{result['rps']:8.1f} req/s  {result['requests']} requests  "
              f"| server median {statistics.median(times):6.2f} ms")
    print(f"  ratio answer/trivial: server median {server_ratio:.2f}x (asserted, limit {MAX_RATIO}x); "
          f"wrk median {ratio:.2f}x (printed only: includes queueing)")

    for result in runs["trivial"] + runs["answer"]:
        assert result["non_2xx"] == 0, result["raw"]
        assert not result["socket_errors"], result["raw"]
    assert len(server_times["trivial"]) > 100 and len(server_times["answer"]) > 100
    assert server_ratio <= MAX_RATIO
