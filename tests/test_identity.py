"""Identity rules: GUIDs from ids only, fixed note types and deck ids, times that move only with content,
and packages that are byte for byte the same for the same sources."""
import json
import sqlite3
import zipfile

import genanki

from conftest import HEADER, card
from mldeck import package
from mldeck.build import build
from mldeck.lock import Lock, load_lock


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
    assert [t["name"] for t in models["basic"].templates] == ["Card 1"]
    assert [t["name"] for t in models["cloze"].templates] == ["Cloze"]


def test_deck_id_is_a_stable_hash_of_the_name():
    assert package.deck_id("ML Interview::Statistics") == 1625748996  # as in the released decks: never changes
    assert package.deck_id("ML Interview::Statistics") != package.deck_id("ML Interview::NLP")


def test_editing_text_keeps_guid_and_moves_only_that_notes_time(make_project, tmp_path):
    root = make_project({"demo.md": HEADER + card("demo-good") + "\n" + card("demo-other")})
    build(root, now=1_000_000_000)
    before = notes_in(root / "dist" / "demo.apkg", tmp_path)
    text = (root / "cards" / "demo.md").read_text()
    (root / "cards" / "demo.md").write_text(text.replace("The first $x$.", "The first $x$, edited.", 1))
    build(root, now=1_800_000_000)
    after = notes_in(root / "dist" / "demo.apkg", tmp_path)
    edited, other = package.guid("demo-good"), package.guid("demo-other")
    assert set(before) == set(after) == {edited, other}
    assert "edited" in after[edited][2] and after[edited][4] == 1_800_000_000
    assert after[other] == before[other] and after[other][4] == 1_000_000_000


def test_every_card_id_is_a_top_level_key_and_the_0_2_lock_format_still_reads(make_project, tmp_path):
    root = make_project({"demo.md": HEADER + card("demo-good") + "\n" + card("demo-other")})
    build(root, now=1_000_000_000)
    flat = json.loads((root / "notes.lock").read_text())
    assert {"demo-good", "demo-other", "release:last"} <= set(flat)
    lock = load_lock(root / "notes.lock", [])
    older = {"release": lock.release, "models": lock.models, "figures": lock.figures, "cards": lock.cards}
    (root / "notes.lock").write_text(json.dumps(older))  # the tables notes.lock had in 0.2.x
    before = (root / "dist" / "demo.apkg").read_bytes()
    assert load_lock(root / "notes.lock", []) == lock
    build(root, now=1_800_000_000)
    assert (root / "dist" / "demo.apkg").read_bytes() == before  # nothing changed for learners
    assert json.loads((root / "notes.lock").read_text()) == flat  # and the file is written flat again


def test_changed_content_always_gets_a_strictly_newer_time():
    lock = Lock()
    first = lock.stamp(lock.cards, "card-a", "hash-1", 100)
    assert lock.stamp(lock.cards, "card-a", "hash-1", 200) == first  # unchanged: same time
    assert lock.stamp(lock.cards, "card-a", "hash-2", 100) == first + 1  # edited within the same second: newer
    assert lock.cards["card-a"] == {"hash": "hash-2", "mtime": 101}


def test_same_sources_give_byte_identical_packages_and_no_stray_files(make_project, tmp_path, shared_cache):
    figure = "def curve(fig):\n    ax = fig.subplots()\n    ax.plot([0, 1, 2], [0, 1, 4])\n"
    body = card("demo-good", back='![A curve](../media/figures/curve.png "Caption")')
    root = make_project({"demo.md": HEADER + body}, figures={"plots.py": figure})
    build(root, root / "one", now=1_700_000_000)
    with sqlite3.connect(shared_cache / "cache.sqlite") as db:  # draw the figure again too
        db.execute("delete from entries where kind = 'figure'")
    build(root, root / "two", now=1_700_000_000)
    for name in ("demo.apkg", "ml-interview.apkg"):
        assert (root / "one" / name).read_bytes() == (root / "two" / name).read_bytes()
    with zipfile.ZipFile(root / "one" / "demo.apkg") as archive:
        assert "mlinterview-fig-curve-" in archive.read("media").decode()
    assert sorted(p.name for p in (root / "one").iterdir()) == ["demo.apkg", "ml-interview.apkg"]


def test_a_second_build_in_the_same_process_changes_nothing(make_project):
    """As `serve` does: writing a package must not alter the note types the next build hashes."""
    root = make_project({"demo.md": HEADER + card("demo-a")})
    build(root, now=1_700_000_000)
    first = {p.name: p.read_bytes() for p in (root / "dist").iterdir()}, (root / "notes.lock").read_text()
    build(root, use_cache=False, now=1_800_000_000)
    assert ({p.name: p.read_bytes() for p in (root / "dist").iterdir()}, (root / "notes.lock").read_text()) == first


def test_topic_and_all_in_one_decks_share_guids(make_project, tmp_path):
    root = make_project({"demo.md": HEADER + card("demo-a"), "other.md": HEADER.replace("Demo", "Other") +
                         card("other-a")})
    build(root)
    every = set(notes_in(root / "dist" / "ml-interview.apkg", tmp_path))
    parts = set(notes_in(root / "dist" / "demo.apkg", tmp_path)) | set(notes_in(root / "dist" / "other.apkg", tmp_path))
    assert every == parts == {package.guid("demo-a"), package.guid("other-a")}
