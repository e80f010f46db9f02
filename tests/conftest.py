"""Shared fixtures: throw-away projects, the real decks, and fresh Anki collections."""
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import build_deck

REPO = Path(__file__).resolve().parent.parent

HEADER = "---\ndeck: Demo\nsource: [ronakdm]\n---\n\n# Basics\n\n"
GOOD_CARD = "## demo-good\n\nWhat is $x_1$?\n\n---\n\nThe first $x$.\n"


@pytest.fixture
def make_project(tmp_path):
    """A project folder with sources.yaml and the given card files."""

    def make(files=None, figures=None, media=None):
        root = tmp_path / "project"
        (root / "cards").mkdir(parents=True)
        (root / "figures").mkdir()
        (root / "media").mkdir()
        shutil.copy(REPO / "sources.yaml", root / "sources.yaml")
        for name, text in (files if files is not None else {"demo.md": HEADER + GOOD_CARD}).items():
            data = text if isinstance(text, bytes) else textwrap.dedent(text).encode()
            (root / "cards" / name).write_bytes(data)
        for name, text in (figures or {}).items():
            (root / "figures" / name).write_text(textwrap.dedent(text))
        for name, data in (media or {}).items():
            (root / "media" / name).write_bytes(data)
        return root

    return make


@pytest.fixture
def run_cli():
    """Run build_deck.py with CliRunner; returns the click Result."""

    def run(root, *args):
        return CliRunner().invoke(build_deck.cli, ["--root", str(root), *args], catch_exceptions=False)

    return run


def import_apkg(collection, apkg):
    """Import a package as Anki desktop does with its default options."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Cond

    return collection.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(Path(apkg).resolve()),
        options=ImportAnkiPackageOptions(
            merge_notetypes=False, with_scheduling=False, with_deck_configs=False,
            update_notes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            update_notetypes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER)))


@pytest.fixture
def collection(tmp_path):
    """A fresh, empty Anki collection."""
    from anki.collection import Collection

    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    yield col
    col.close()


@pytest.fixture(scope="session")
def built_decks(tmp_path_factory):
    """Every deck built from the repository's real cards, into a temporary folder."""
    from mldeck.build import build

    out = tmp_path_factory.mktemp("dist")
    written = build(REPO, out, update_lock=False)
    return {path.stem: (path, count) for path, count in written}


@pytest.fixture(scope="session")
def project():
    """The repository's cards, loaded and checked."""
    from mldeck.build import load

    loaded, _ = load(REPO, render_figures=False)
    return loaded
