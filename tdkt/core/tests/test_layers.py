"""The layer order of STYLE.md §1: an app imports only from apps above it; core from none."""

from __future__ import annotations

import ast
from pathlib import Path

LAYERS = [
    "core",
    "org",
    "documents",
    "movements",
    "scoring",
    "awards",
    "meetings",
    "reports",
    "api",
]
ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_app_imports_a_higher_layer():
    problems = []
    for app in LAYERS:
        folder = ROOT / app
        if not folder.is_dir():
            continue
        allowed = set(LAYERS[: LAYERS.index(app) + 1])
        for path in folder.rglob("*.py"):
            if "tests" in path.parts:
                continue
            for module in _imports(path):
                parts = module.split(".")
                if (
                    parts[0] == "tdkt"
                    and len(parts) > 1
                    and parts[1] in LAYERS
                    and parts[1] not in allowed
                ):
                    problems.append(f"{path.relative_to(ROOT)} imports {module}")
    assert problems == []


def test_every_layer_that_exists_is_installed():
    from django.conf import settings

    for app in LAYERS:
        if (ROOT / app / "models.py").exists():
            assert f"tdkt.{app}" in settings.INSTALLED_APPS
