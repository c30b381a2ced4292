"""Each request's log lines carry its id, returned as X-Request-ID; production logs are JSON lines."""
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from operations.logs import RequestIdFilter, current_request_id

ROOT = Path(__file__).resolve().parents[2]


def test_a_response_carries_a_fresh_request_id(client, db):
    first = client.get("/health/")["X-Request-ID"]
    second = client.get("/health/")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_proxys_plain_request_id_is_kept_and_a_strange_one_replaced(client, db):
    assert client.get("/health/", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == "lb-1234abcd"
    odd = client.get("/health/", HTTP_X_REQUEST_ID="<script>\nx")["X-Request-ID"]
    assert odd != "<script>\nx" and len(odd) == 32


def test_log_records_of_a_request_carry_its_id_and_others_a_dash(client, db):
    seen = []

    def view_logs(request):
        record = logging.LogRecord("t", logging.WARNING, __file__, 1, "inside", None, None)
        RequestIdFilter().filter(record)
        seen.append((record.request_id, current_request_id()))
        from django.http import HttpResponse
        return HttpResponse("ok")

    from django.test import override_settings
    from django.urls import path

    urlpatterns = [path("probe/", view_logs)]
    module = type(sys)("probe_urls")
    module.urlpatterns = urlpatterns
    sys.modules["probe_urls"] = module
    try:
        with override_settings(ROOT_URLCONF="probe_urls"):
            response = client.get("/probe/", HTTP_X_REQUEST_ID="req-42-abcdef")
    finally:
        del sys.modules["probe_urls"]
    assert response["X-Request-ID"] == "req-42-abcdef"
    assert seen == [("req-42-abcdef", "req-42-abcdef")]
    outside = logging.LogRecord("t", logging.WARNING, __file__, 1, "outside", None, None)
    RequestIdFilter().filter(outside)
    assert outside.request_id == "-"


def test_production_settings_log_one_json_object_per_line_with_the_request_id():
    script = ("import django, logging; django.setup(); "
              "from operations.logs import _request_id; _request_id.set('abc12345-req'); "
              "logging.getLogger('recruitment.test').warning('hej %s', 'världen')")
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "LOG_FORMAT")}
    env.update({"DJANGO_SETTINGS_MODULE": "recruitment.settings.production", "DEBUG": "0",
                "SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6, "ALLOWED_HOSTS": "x"})
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hej världen"
    assert (line["level"], line["logger"], line["request_id"]) == ("WARNING", "recruitment.test", "abc12345-req")
    assert "time" in line
