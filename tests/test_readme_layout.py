"""The README's layout block names every app folder of the project, and names no folder that is gone."""
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

BASE = Path(settings.BASE_DIR)


def _layout_folders() -> set[str]:
    text = (BASE / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## Layout\n+```\n(.*?)^```", text, re.M | re.S).group(1)
    return {name for line in block.splitlines() for name in re.findall(r"^((?:[a-z_]+/ )*[a-z_]+/)", line)
            for name in name.split()}


def _app_folders() -> set[str]:
    return {f"{Path(config.path).name}/" for config in apps.get_app_configs() if Path(config.path).parent == BASE}


def test_the_layout_block_names_every_app_folder():
    assert _app_folders() - {"recruitment/"} <= _layout_folders()


def test_every_folder_the_layout_block_names_exists():
    assert {"recruitment/", "templates/", "static/", "tests/"} <= _layout_folders()
    assert all((BASE / name).is_dir() for name in _layout_folders())
