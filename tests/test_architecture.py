"""The dependency rules of docs/architecture.md, checked on every test run.

import-linter holds the package contracts (pyproject.toml, ``[tool.importlinter]``); it cannot forbid a
sub-module of an external package, so the "only desktop.ui imports PySide6.QtWidgets" rule is checked here
with the AST. Both checkers are shown to fail on a planted forbidden import.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("shared", "syncserver", "desktop")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def qtwidgets_violations(root: Path) -> list[str]:
    """Files outside ``desktop/ui`` and the entry point that import ``PySide6.QtWidgets``."""
    allowed_dirs = {root / "desktop" / "ui"}
    allowed_files = {root / "desktop" / "__main__.py"}
    found: list[str] = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if path in allowed_files or any(parent in allowed_dirs for parent in path.parents):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
                if any(name == "PySide6.QtWidgets" or name.startswith("PySide6.QtWidgets.") for name in names):
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def run_lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_tree(dest: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, dest / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


class TestImportContracts:
    def test_contracts_hold_on_the_tree(self) -> None:
        result = run_lint_imports(ROOT)
        assert result.returncode == 0, result.stdout + result.stderr

    def test_only_desktop_ui_imports_qtwidgets(self) -> None:
        assert qtwidgets_violations(ROOT) == []

    @pytest.mark.parametrize(
        ("target", "line"),
        [
            ("shared/errors.py", "import fastapi"),
            ("shared/roles.py", "from sqlalchemy.orm import Session"),
            ("shared/entries.py", "import httpx"),
            ("shared/documents.py", "import syncserver"),
            ("desktop/store/__init__.py", "import syncserver"),
            ("desktop/store/__init__.py", "from PySide6 import QtCore"),
            ("desktop/sync/__init__.py", "import desktop.ui"),
            ("syncserver/models/__init__.py", "import fastapi"),
        ],
    )
    def test_checker_fails_on_a_forbidden_import(self, tmp_path: Path, target: str, line: str) -> None:
        tree = copy_tree(tmp_path)
        path = tree / target
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # planted\n", encoding="utf-8")
        result = run_lint_imports(tree)
        assert result.returncode != 0, result.stdout
        assert "BROKEN" in result.stdout

    @pytest.mark.parametrize(
        "target",
        ["desktop/services/__init__.py", "desktop/store/__init__.py", "syncserver/__init__.py", "shared/roles.py"],
    )
    def test_qtwidgets_checker_fails_on_a_planted_import(self, tmp_path: Path, target: str) -> None:
        tree = copy_tree(tmp_path)
        path = tree / target
        path.write_text(
            path.read_text(encoding="utf-8") + "\nfrom PySide6.QtWidgets import QWidget\n", encoding="utf-8"
        )
        assert qtwidgets_violations(tree) == [f"{target}:{len(path.read_text().splitlines())}"]

    def test_qtwidgets_allowed_in_desktop_ui(self, tmp_path: Path) -> None:
        tree = copy_tree(tmp_path)
        (tree / "desktop" / "ui" / "window.py").write_text("from PySide6.QtWidgets import QWidget\n", encoding="utf-8")
        assert qtwidgets_violations(tree) == []
