"""The Alembic-free start-up check: the head read from the revision files, and Alembic loaded only when due."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.store.db import MIGRATIONS_DIR, head_revision
from desktop.store.revisions import script_head, stored_revisions
from desktop.store.vault import OpenOptions, Vault
from tests.desktop.store.conftest import PASSWORD

REPO = Path(__file__).resolve().parents[3]


def _revision_file(revision: str, down: str, extra: str = "") -> str:
    return textwrap.dedent(
        f'''\
        """Test revision {revision}."""

        revision: str = "{revision}"
        down_revision: str | None = {down}
        {extra}

        def upgrade() -> None:
            pass
        '''
    )


@pytest.fixture
def scripts(tmp_path: Path) -> Path:
    """A copy of the app's migrations to add revision files to."""
    target = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _add(scripts: Path, name: str, text: str) -> None:
    (scripts / "versions" / f"{name}.py").write_text(text, encoding="utf-8")


def test_the_head_is_alembics_head() -> None:
    assert script_head(MIGRATIONS_DIR) == head_revision()


def test_a_new_revision_file_is_the_new_head(scripts: Path) -> None:
    down = head_revision()
    _add(scripts, "29990101_0000_next", _revision_file("29990101_0000", f'"{down}"'))
    assert script_head(scripts) == "29990101_0000" == head_revision(scripts)


@pytest.mark.parametrize(
    ("revision", "down", "extra"),
    [
        ("29990101_0001", "{head}", 'branch_labels = ("side",)'),  # labels: Alembic decides
        ("29990101_0002", "{head}", 'depends_on = "20251126_0100"'),  # dependencies: Alembic decides
        ("29990101_0003", '"20251126_0100"', ""),  # a second head (branch)
        ("29990101_0004", '"ffffffff_0000"', ""),  # a parent that no file holds
        ("29990101_0005", "make_down()", ""),  # not a literal
    ],
)
def test_unsure_cases_answer_none(scripts: Path, revision: str, down: str, extra: str) -> None:
    _add(scripts, f"{revision}_case", _revision_file(revision, down.format(head=f'"{head_revision()}"'), extra))
    assert script_head(scripts) is None


def test_a_file_without_revision_answers_none(scripts: Path) -> None:
    _add(scripts, "broken", '"""Not a revision."""\n')
    assert script_head(scripts) is None


def test_no_versions_folder_answers_none(tmp_path: Path) -> None:
    assert script_head(tmp_path) is None


def test_stored_revisions(vault: Vault) -> None:
    assert stored_revisions(vault.engine) == (head_revision(),)
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")
    assert stored_revisions(vault.engine) == ()


def test_an_up_to_date_vault_opens_without_importing_alembic(vault: Vault) -> None:
    vault.close()
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop.store.vault import Vault\n"
        f"vault = Vault.unlock(Path({str(vault.folder)!r}), {PASSWORD!r})\n"
        "assert not vault.migration.changed and vault.migration.backup is None\n"
        "vault.close()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'alembic'))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_due_migration_still_goes_through_alembic_with_a_backup(vault: Vault, scripts: Path) -> None:
    down = vault.migration.to_revision
    _add(scripts, "29990101_0000_next", _revision_file("29990101_0000", f'"{down}"'))
    vault.close()
    with Vault.unlock(vault.folder, PASSWORD, options=OpenOptions(script_location=scripts)) as migrated:
        assert (migrated.migration.from_revision, migrated.migration.to_revision) == (down, "29990101_0000")
        assert migrated.migration.backup is not None
        assert stored_revisions(migrated.engine) == ("29990101_0000",)
