"""Shared fixtures: throw-away projects, the real decks, and fresh Anki collections."""
import os
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import build_deck

REPO = Path(__file__).resolve().parent.parent

HEADER = "---\ndeck: Demo\nsource: [ronakdm]\n---\n\n# Basics\n\n"
GOOD_CARD = "## demo-good\n\n```yaml\npriority: core\n```\n\nWhat is $x_1$?\n\n---\n\nThe first $x$.\n"
SOURCES = """ronakdm:
  title: ml-interviews
  author: Ronak Mehta
  link: https://github.com/ronakdm/ml-interviews
semantica:
  title: How to Prepare for a Machine Learning Interview
  author: semanti.ca
  link: https://www.semanti.ca/
"""


def card(card_id, front="What is $x_1$?", back="The first $x$.", extra="", **keys):
    """A card's Markdown, with 'priority: core' unless other keys say otherwise."""
    keys.setdefault("priority", "core")
    meta = "".join(f"{k}: {v}\n" for k, v in keys.items())
    text = f"## {card_id}\n\n```yaml\n{meta}```\n\n{front}\n\n---\n\n{back}\n"
    return text + (f"\n---\n\n{extra}\n" if extra else "")


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory):
    """One build cache for every throw-away project: its keys cover everything, and MathJax starts once."""
    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("MLDECK_CACHE")
    os.environ["MLDECK_CACHE"] = str(folder)
    yield folder
    if previous is None:
        del os.environ["MLDECK_CACHE"]
    else:
        os.environ["MLDECK_CACHE"] = previous


@pytest.fixture
def make_project(tmp_path):
    """A project folder with sources.yaml and the given card, figure and media files."""

    def make(files=None, figures=None, media=None, name="project"):
        root = tmp_path / name
        (root / "cards").mkdir(parents=True)
        (root / "figures").mkdir()
        (root / "media").mkdir()
        (root / "sources.yaml").write_text(SOURCES)
        for file_name, text in (files if files is not None else {"demo.md": HEADER + GOOD_CARD}).items():
            data = text if isinstance(text, bytes) else textwrap.dedent(text).encode()
            (root / "cards" / file_name).write_bytes(data)
        for file_name, text in (figures or {}).items():
            (root / "figures" / file_name).write_text(textwrap.dedent(text))
        for file_name, data in (media or {}).items():
            (root / "media" / file_name).write_bytes(data)
        if (REPO / "node_modules").is_dir():
            (root / "node_modules").symlink_to(REPO / "node_modules")
        return root

    return make


@pytest.fixture
def run_cli():
    """Run the CLI with CliRunner on a project; returns the click Result."""

    def run(root, *args):
        return CliRunner().invoke(build_deck.cli, ["--root", str(root), *args], catch_exceptions=False)

    return run


def snapshot(root):
    """Bytes of every file a build may write: dist/, media/figures/ and notes.lock."""
    files = [root / "notes.lock", *sorted((root / "dist").glob("*")), *sorted((root / "media").rglob("*"))]
    return {str(p.relative_to(root)): p.read_bytes() for p in files if p.is_file()}


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
def repo_copy(tmp_path_factory):
    """A copy of the repository's sources (with its committed outputs) to build without touching the repo."""
    root = tmp_path_factory.mktemp("repo") / "project"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", "node_modules", ".git", ".cache", "build",
                                                              "*.egg-info", "__pycache__"))
    if (REPO / "node_modules").is_dir():
        (root / "node_modules").symlink_to(REPO / "node_modules")
    return root


@pytest.fixture(scope="session")
def built_decks(repo_copy, tmp_path_factory):
    """Every deck built from the repository's real cards, into a temporary folder."""
    from mldeck.build import build

    out = tmp_path_factory.mktemp("dist")
    built = build(repo_copy, out, now=0)
    return {path.stem: (path, count) for path, count in built.written}


@pytest.fixture(scope="session")
def project():
    """The repository's cards, loaded."""
    from mldeck.build import load

    loaded, problems = load(REPO)
    assert not problems, "\n".join(map(str, problems))
    return loaded
