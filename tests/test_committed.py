"""What is committed — dist/, media/figures/ and notes.lock — is exactly what the sources build."""
import sqlite3
import zipfile

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow
COMMITTED = sorted((REPO / "dist").glob("*.apkg"))


def contents(apkg):
    """Notes (by GUID: model, fields, tags, mtime), deck names and descriptions, and media of a package."""
    import json

    with zipfile.ZipFile(apkg) as archive:
        db = sqlite3.connect(":memory:")
        db.deserialize(archive.read("collection.anki2"))
        names = json.loads(archive.read("media"))
        media = {name: archive.read(index) for index, name in names.items()}
    notes = {guid: rest for guid, *rest in db.execute("select guid, mid, flds, tags, mod from notes")}
    decks = json.loads(db.execute("select decks from col").fetchone()[0]).values()
    decks = sorted((d["name"], d["desc"]) for d in decks)
    return notes, decks, media


@pytest.fixture(scope="module")
def rebuilt(repo_copy):
    """The repository copy built into its own dist/, as `make decks` does."""
    from mldeck.build import build

    build(repo_copy)
    return repo_copy


def test_every_topic_has_a_committed_deck(rebuilt):
    assert sorted(p.name for p in COMMITTED) == sorted(p.name for p in (rebuilt / "dist").glob("*.apkg")), \
        "run `make decks` and commit dist/"


@pytest.mark.parametrize("apkg", COMMITTED, ids=lambda p: p.name)
def test_committed_deck_matches_the_sources(apkg, rebuilt):
    fresh = rebuilt / "dist" / apkg.name
    old_notes, old_decks, old_media = contents(apkg)
    new_notes, new_decks, new_media = contents(fresh)
    stale = sorted(g for g in set(old_notes) | set(new_notes) if old_notes.get(g) != new_notes.get(g))
    assert not stale, f"{apkg.name} is stale ({len(stale)} notes differ): run `make decks`, commit dist/ and notes.lock"
    assert old_decks == new_decks and old_media == new_media
    assert apkg.read_bytes() == fresh.read_bytes(), "same notes but different bytes: the build is not reproducible"


def test_committed_figures_and_lock_match_the_sources(rebuilt):
    assert (REPO / "notes.lock").read_text() == (rebuilt / "notes.lock").read_text(), "run `make decks`"
    committed = {p.name: p.read_bytes() for p in (REPO / "media" / "figures").glob("*.png")}
    fresh = {p.name: p.read_bytes() for p in (rebuilt / "media" / "figures").glob("*.png")}
    assert committed == fresh


def test_committed_figures_look_like_a_fresh_drawing(project, tmp_path):
    """Each committed PNG is what its code draws today, up to last-bit differences between machines."""
    import io

    from PIL import Image, ImageChops

    from mldeck import figures, isolate

    names = sorted(project.lock.figures)
    results = isolate.run(figures.draw, [(str(REPO), project.figures[n].path, project.figures[n].function)
                                         for n in names], None, 120)
    for name, (ok, value) in zip(names, results):
        assert ok, f"{name}: {value}"
        committed = Image.open(REPO / "media" / "figures" / f"{name}.png").convert("RGB")
        drawn = Image.open(io.BytesIO(value[0])).convert("RGB")
        assert committed.size == drawn.size, name
        difference = ImageChops.difference(committed, drawn).convert("L")
        changed = sum(difference.histogram()[33:])
        assert changed <= committed.width * committed.height // 1000, f"{name}: {changed} pixels differ"
