"""Identity rules: GUIDs from ids only, fixed note types and deck ids, reproducible packages."""
import json
import shutil
import sqlite3
import zipfile

import genanki

from mldeck import package
from mldeck.build import build
from conftest import GOOD_CARD, HEADER


def notes_in(apkg, tmp_path):
    """(guid, model id, fields, tags, mod) of every note in a package, by GUID."""
    with zipfile.ZipFile(apkg) as archive:
        archive.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    rows = db.execute("select guid, mid, flds, tags, mod from notes").fetchall()
    db.close()
    (tmp_path / "collection.anki2").unlink()
    return {row[0]: row for row in rows}


def test_guid_depends_on_id_only():
    assert package.guid("stats-clt") == genanki.guid_for(package.GUID_NAMESPACE, "stats-clt")
    assert package.guid("stats-clt") != package.guid("stats-clt-2")


def test_note_type_ids_and_fields_are_frozen():
    models = package.models()
    assert {m.model_id for m in models.values()} == {1262140143, 1199277926, 1526296619}
    assert [f["name"] for f in models["basic"].fields] == ["Id", "Front", "Back", "Extra", "Source", "Related"]
    assert [f["name"] for f in models["reversed"].fields] == ["Id", "Front", "Back", "Extra", "Source", "Related"]
    assert [f["name"] for f in models["cloze"].fields] == ["Id", "Text", "Extra", "Source", "Related"]
    assert [t["name"] for t in models["reversed"].templates] == ["Card 1", "Card 2"]


def test_deck_id_is_a_stable_hash_of_the_name():
    assert package.deck_id("ML Interview::Statistics") == package.deck_id("ML Interview::Statistics")
    assert package.deck_id("ML Interview::Statistics") != package.deck_id("ML Interview::NLP")
    assert (1 << 30) <= package.deck_id("ML Interview::Statistics") < (1 << 31)


def test_editing_text_keeps_guid_and_moves_only_that_notes_time(make_project, tmp_path):
    second = GOOD_CARD.replace("demo-good", "demo-other")
    root = make_project({"demo.md": HEADER + GOOD_CARD + "\n" + second})
    build(root, root / "dist")
    before = notes_in(root / "dist" / "demo.apkg", tmp_path)
    lock = json.loads((root / "notes.lock").read_text())
    old = {key: {"hash": entry["hash"], "mtime": 1_000_000_000} for key, entry in lock.items()}
    (root / "notes.lock").write_text(json.dumps(old))
    text = (root / "cards" / "demo.md").read_text()
    (root / "cards" / "demo.md").write_text(text.replace("The first $x$.", "The first $x$, edited.", 1))
    build(root, root / "dist")
    after = notes_in(root / "dist" / "demo.apkg", tmp_path)
    edited, other = package.guid("demo-good"), package.guid("demo-other")
    assert set(before) == set(after) == {edited, other}
    assert "edited" in after[edited][2] and after[edited][4] > 1_000_000_000
    assert after[other][:4] == before[other][:4] and after[other][4] == 1_000_000_000


def test_same_sources_give_byte_identical_packages(make_project, tmp_path):
    figure = "def curve(fig):\n    ax = fig.subplots()\n    ax.plot([0, 1, 2], [0, 1, 4])\n"
    card = GOOD_CARD + "\n![A curve](../media/figures/curve.png \"Caption\")\n"
    root = make_project({"demo.md": HEADER + card}, figures={"plots.py": figure})
    build(root, root / "one")
    shutil.rmtree(root / ".cache")  # draw the figure again too
    build(root, root / "two")
    for name in ("demo.apkg", "ml-interview.apkg"):
        assert (root / "one" / name).read_bytes() == (root / "two" / name).read_bytes()
    with zipfile.ZipFile(root / "one" / "demo.apkg") as archive:
        media = archive.read("media").decode()
    assert "mlinterview-fig-curve-" in media


def test_topic_and_all_in_one_decks_share_guids(built_decks, tmp_path):
    all_guids = set(notes_in(built_decks["ml-interview"][0], tmp_path))
    topic_guids = set()
    for name, (path, count) in built_decks.items():
        if name != "ml-interview":
            guids = set(notes_in(path, tmp_path))
            assert len(guids) == count
            topic_guids |= guids
    assert topic_guids == all_guids


def test_build_leaves_no_temporary_files(make_project, tmp_path, monkeypatch):
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    root = make_project()
    build(root, root / "dist")
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in (root / "dist").iterdir()) == ["demo.apkg", "ml-interview.apkg"]


def test_changed_content_always_gets_a_strictly_newer_time(tmp_path):
    lock = tmp_path / "notes.lock"
    stamps = package.Stamps(lock)
    first = stamps.mtime("card-a", "hash-1")
    assert stamps.mtime("card-a", "hash-1") == first  # unchanged: same time
    assert stamps.mtime("card-a", "hash-2") == first + 1  # edited within the same second: still newer
    stamps.save({"card-a"})
    assert json.loads(lock.read_text()) == {"card-a": {"hash": "hash-2", "mtime": first + 1}}
