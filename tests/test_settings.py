"""Production settings refuse unsafe defaults."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(env_overrides):
    dropped = ("DEBUG", "DJANGO_DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DJANGO_SETTINGS_MODULE": "recruitment.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def test_it_refuses_debug_on():
    result = _check({"DEBUG": "1", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_it_refuses_the_default_secret():
    result = _check({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_starts_with_safe_values():
    result = _check({"DEBUG": "0", "SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6})
    assert result.returncode == 0, result.stderr
