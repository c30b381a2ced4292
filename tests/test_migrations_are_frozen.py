"""A migration never changes once written: it imports nothing from the live apps.

A migration that imports `goals.plan_2025` or `assignments.models` changes whenever that module
does, so an old database would be migrated with today's data and rules. Data and SQL a migration
needs are copied into it or into a sibling module inside its own `migrations/` package. The check
parses every file under each app's `migrations/` (helpers and subpackages included) without
importing it.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR).resolve()
ENVIRONMENT = Path(sys.prefix).resolve()  # a virtualenv inside the checkout (CI's .venv) holds no app of ours


def _ours(path: str) -> bool:
    where = Path(path).resolve()
    return (where.is_relative_to(BASE_DIR) and not where.is_relative_to(ENVIRONMENT)
            and "site-packages" not in where.parts)


PROJECT_PACKAGES = {"recruitment"} | {
    config.name.split(".")[0] for config in apps.get_app_configs() if _ours(config.path)
}


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(BASE_DIR).with_suffix("").parts).removesuffix(".__init__")


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the modules a file imports (relative imports resolved, import_module strings too)."""
    package = _module_of(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_of(path)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                names.add(".".join([*base, node.module] if node.module else base))
            else:
                names.add(node.module)
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None))
              == "import_module" and node.args and isinstance(node.args[0], ast.Constant)):
            names.add(node.args[0].value)
    return names


def migration_files() -> list[Path]:
    return sorted(path for package in PROJECT_PACKAGES for path in (BASE_DIR / package / "migrations").rglob("*.py"))


def live_imports(path: Path) -> list[str]:
    """The project modules a migration file imports from outside some app's migrations package."""
    return sorted(name for name in imported_modules(path)
                  if name.split(".")[0] in PROJECT_PACKAGES and name.split(".")[1:2] != ["migrations"])


def test_there_are_migrations_to_check():
    assert len(migration_files()) > 20
    assert {"assignments", "surveys", "reporting", "goals"} <= PROJECT_PACKAGES


def test_no_migration_imports_a_live_app_module():
    offenders = {str(path.relative_to(BASE_DIR)): names for path in migration_files() if (names := live_imports(path))}
    assert offenders == {}


def test_the_check_sees_absolute_relative_and_importlib_imports(monkeypatch):
    package = BASE_DIR / "goals" / "migrations"
    sample = package / "_sample_for_the_check.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: (
        "import importlib\nfrom goals.models import Plan\nfrom .. import kpi\nfrom ._plans_0002 import data\n"
        "importlib.import_module('reporting.services')\nimportlib.import_module('reporting.migrations.0004_x')\n"
    ))
    assert live_imports(sample) == ["goals", "goals.models", "reporting.services"]
