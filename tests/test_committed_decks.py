"""The ready-made decks committed in dist/ are exactly what the sources build."""
import sqlite3
import zipfile

import pytest

from conftest import REPO

COMMITTED = sorted((REPO / "dist").glob("*.apkg"))


def contents(apkg, tmp_path):
    """Notes (by GUID: model, fields, tags, mtime), deck names and media (name -> bytes) of a package."""
    with zipfile.ZipFile(apkg) as archive:
        archive.extract("collection.anki2", tmp_path)
        names = __import__("json").loads(archive.read("media"))
        media = {name: archive.read(index) for index, name in names.items()}
    db = sqlite3.connect(tmp_path / "collection.anki2")
    notes = {guid: rest for guid, *rest in db.execute("select guid, mid, flds, tags, mod from notes")}
    decks = db.execute("select decks from col").fetchone()[0]
    db.close()
    (tmp_path / "collection.anki2").unlink()
    return notes, sorted(d["name"] for d in __import__("json").loads(decks).values()), media


def test_every_topic_has_a_committed_deck(built_decks):
    assert sorted(p.stem for p in COMMITTED) == sorted(built_decks), "run `make decks` and commit dist/"


@pytest.mark.parametrize("apkg", COMMITTED, ids=lambda p: p.name)
def test_committed_deck_matches_the_sources(apkg, built_decks, tmp_path):
    fresh, _ = built_decks[apkg.stem]
    old_notes, old_decks, old_media = contents(apkg, tmp_path)
    new_notes, new_decks, new_media = contents(fresh, tmp_path)
    stale = sorted(g for g in set(old_notes) | set(new_notes) if old_notes.get(g) != new_notes.get(g))
    assert not stale, f"{apkg.name} is stale ({len(stale)} notes differ): run `make decks` and commit dist/ and notes.lock"
    assert old_decks == new_decks
    assert old_media == new_media
    assert apkg.read_bytes() == fresh.read_bytes(), "same notes but different bytes: the build is not reproducible"
