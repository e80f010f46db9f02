"""The README's update contract, observed in Anki's own backend.

A learner imports v1, studies and customises it the ways people do, then imports v2 in which one
card was edited, one retired and one added. Each promise of the README is one assertion here.
"""
import pytest
from anki.scheduler_pb2 import CardAnswer

from conftest import HEADER, card, import_apkg
from mldeck.build import build

V1 = HEADER + card("demo-edited") + "\n" + card("demo-same", "What is $y$?", "Why.") + "\n" + \
    card("demo-retired", "What is $z$?", "Zed.")
V2 = HEADER + card("demo-edited", back="The first $x$, sharper.") + "\n" + card("demo-same", "What is $y$?", "Why.") + \
    "\n" + card("demo-added", "What is $w$?", "Double-u.") + "\n# Retired\n\n" + \
    card("demo-retired", "What is $z$?", "Zed.", retired="Merged into the card on w.", replaced_by="[demo-added]")


def study(col):
    """Answer every due card once with Good."""
    for card_id in col.find_cards("is:new"):
        studied = col.get_card(card_id)
        studied.start_timer()
        states = col._backend.get_scheduling_states(studied.id)
        col.sched.answer_card(col.sched.build_answer(card=studied, states=states, rating=CardAnswer.GOOD))


def by_id(col, card_id):
    return col.get_note(col.find_notes(f"Id:{card_id}")[0])


@pytest.fixture
def learner(make_project, collection):
    """A collection after importing v1, studying it and customising it; returns (col, root, before)."""
    root = make_project({"demo.md": V1})
    build(root, now=1_700_000_000)
    import_apkg(collection, root / "dist" / "demo.apkg")
    study(collection)
    col = collection
    edited, same = by_id(col, "demo-edited"), by_id(col, "demo-same")
    for note in (edited, same):
        note.tags += ["my-tag"]
        col.update_note(note)
    col.tags.bulk_add([edited.id, same.id], "marked")
    flagged = edited.cards()[0]
    flagged.set_user_flag(2)
    col.update_card(flagged)
    col.sched.suspend_cards([same.cards()[0].id])
    moved_deck = col.decks.id("My Deck")
    col.set_deck([same.cards()[0].id], moved_deck)
    before = {
        "reviews": col.db.scalar("select count() from revlog"),
        "due": {c: col.get_card(c).due for c in col.find_cards("")},
        "ivl": {c: col.get_card(c).ivl for c in col.find_cards("")},
    }
    (root / "cards" / "demo.md").write_text(V2)
    build(root, now=1_800_000_000)
    return col, root, before


def test_v2_updates_in_place_and_keeps_every_review(learner):
    col, root, before = learner
    log = import_apkg(col, root / "dist" / "demo.apkg").log
    assert len(log.new) == 1 and len(log.updated) == 2 and len(log.duplicate) == 1 and not log.conflicting
    assert col.note_count() == 4
    assert "sharper" in by_id(col, "demo-edited")["Back"]
    assert col.db.scalar("select count() from revlog") == before["reviews"]
    old_cards = before["due"].keys()
    assert {c: col.get_card(c).due for c in old_cards} == before["due"]
    assert {c: col.get_card(c).ivl for c in old_cards} == before["ivl"]


def test_flags_suspension_and_moved_cards_survive(learner):
    col, root, _ = learner
    import_apkg(col, root / "dist" / "demo.apkg")
    assert by_id(col, "demo-edited").cards()[0].user_flag() == 2
    same = by_id(col, "demo-same").cards()[0]
    assert same.queue == -1  # still suspended
    assert col.decks.name(same.did) == "My Deck"  # a moved card stays where the learner put it


def test_own_tags_survive_on_unchanged_notes_but_not_on_edited_ones(learner):
    col, root, _ = learner
    import_apkg(col, root / "dist" / "demo.apkg")
    assert {"my-tag", "marked"} <= set(by_id(col, "demo-same").tags)
    edited = set(by_id(col, "demo-edited").tags)
    assert "my-tag" not in edited and "marked" not in edited  # why the README says: use flags, not tags


def test_retired_card_is_tagged_explained_and_found_by_one_search(learner):
    col, root, _ = learner
    import_apkg(col, root / "dist" / "demo.apkg")
    found = col.find_notes("tag:ml::retired")
    assert [col.get_note(n)["Id"] for n in found] == ["demo-retired"]
    retired = col.get_note(found[0])
    assert "Retired card." in retired["Front"] and "Merged into the card on w." in retired["Front"]
    assert "What is" in retired["Front"] and "w" in retired["Front"]  # names what replaces it
    assert not any(t.startswith("priority::") for t in retired.tags)  # drops out of priority searches
    assert retired.cards()[0].type != 0  # the learner's history is still there until they delete it
    col.remove_notes(found)
    assert col.note_count() == 3


def test_a_new_learner_meets_retired_cards_last(make_project, collection):
    # Anki's importer makes every imported card new, so a package cannot ship a card suspended;
    # it can put retired cards at the end of the new-card queue, where the README's search removes them.
    root = make_project({"demo.md": V2})
    build(root)
    import_apkg(collection, root / "dist" / "demo.apkg")
    [retired] = collection.find_cards("tag:ml::retired")
    others = [collection.get_card(c).due for c in collection.find_cards("-tag:ml::retired")]
    assert collection.get_card(retired).due > max(others)


def test_a_renamed_deck_gets_a_fresh_twin_with_the_new_cards(learner):
    col, root, _ = learner
    deck = col.decks.by_name("ML Interview::Demo")
    deck["name"] = "Interview prep"
    col.decks.save(deck)
    import_apkg(col, root / "dist" / "demo.apkg")
    twin = col.decks.by_name("ML Interview::Demo")
    assert twin is not None and twin["id"] != deck["id"]  # decks are matched by name, not id
    added = by_id(col, "demo-added").cards()[0]
    assert added.did == twin["id"]
    assert by_id(col, "demo-edited").cards()[0].did == deck["id"]  # old cards stay in the renamed deck


def test_deck_description_shows_the_new_version_after_an_update(learner):
    from mldeck.release import release

    col, root, _ = learner
    release(root, "2.0.0", "2026-12-02")
    import_apkg(col, root / "dist" / "demo.apkg")
    description = col.decks.by_name("ML Interview::Demo")["desc"]
    assert "Version 2.0.0 (2026-12-02)." in description  # Anki replaces an existing deck's description


def test_a_card_that_changes_topic_stays_in_the_learners_old_deck(make_project, collection):
    other = HEADER.replace("Demo", "Other")
    root = make_project({"demo.md": HEADER + card("demo-a") + "\n" + card("demo-b"), "other.md": other +
                         card("other-a")})
    build(root, now=1_700_000_000)
    import_apkg(collection, root / "dist" / "ml-interview.apkg")
    (root / "cards" / "demo.md").write_text(HEADER + card("demo-a"))
    (root / "cards" / "other.md").write_text(other + card("other-a") + "\n" + card("demo-b"))
    build(root, now=1_800_000_000)
    log = import_apkg(collection, root / "dist" / "ml-interview.apkg").log
    assert len(log.updated) == 1  # its tags changed: ml::other::…
    moved = by_id(collection, "demo-b")
    assert collection.decks.name(moved.cards()[0].did) == "ML Interview::Demo"
    assert "ml::other::basics" in moved.tags
