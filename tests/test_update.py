"""Re-importing an edited deck updates the note in place and keeps its review history."""
from types import SimpleNamespace

from anki.scheduler_pb2 import CardAnswer

from conftest import GOOD_CARD, HEADER, import_apkg
from mldeck import package
from mldeck.build import build


def answer_all(col):
    """Review every card once with Good, as a learner would."""
    col.decks.select(col.decks.id("ML Interview::Demo"))
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        card.start_timer()
        states = col._backend.get_scheduling_states(card.id)
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD))


def test_edit_rebuild_reimport_updates_note_and_keeps_history(make_project, collection, monkeypatch):
    other = GOOD_CARD.replace("demo-good", "demo-other")
    root = make_project({"demo.md": HEADER + GOOD_CARD + "\n" + other})
    monkeypatch.setattr(package, "time", SimpleNamespace(time=lambda: 1_700_000_000))  # the first release, long ago
    build(root, root / "dist")
    monkeypatch.undo()
    first = import_apkg(collection, root / "dist" / "demo.apkg")
    assert len(first.log.new) == 2
    answer_all(collection)
    reviews_before = collection.db.scalar("select count() from revlog")
    assert reviews_before == 2
    due_before = {cid: collection.get_card(cid).due for cid in collection.find_cards("")}

    # the author edits one card and rebuilds
    text = (root / "cards" / "demo.md").read_text()
    (root / "cards" / "demo.md").write_text(text.replace("The first $x$.", "The very first $x$.", 1))
    build(root, root / "dist")
    second = import_apkg(collection, root / "dist" / "demo.apkg")

    assert len(second.log.new) == 0 and len(second.log.conflicting) == 0
    assert len(second.log.updated) == 1
    assert collection.note_count() == 2 and collection.card_count() == 2
    edited = collection.get_note(collection.find_notes("Id:demo-good")[0])
    assert "The very first" in edited["Back"]
    assert collection.db.scalar("select count() from revlog") == reviews_before
    assert {cid: collection.get_card(cid).due for cid in collection.find_cards("")} == due_before
    assert all(collection.get_card(cid).type != 0 for cid in collection.find_cards(""))  # still learned, not new


def test_reimporting_unchanged_deck_changes_nothing(make_project, collection):
    root = make_project()
    build(root, root / "dist")
    import_apkg(collection, root / "dist" / "demo.apkg")
    build(root, root / "dist")
    again = import_apkg(collection, root / "dist" / "demo.apkg")
    assert len(again.log.new) == 0 and len(again.log.updated) == 0
    assert collection.note_count() == 1


def test_reversed_card_makes_two_cards_asking_both_ways(make_project, collection):
    card = "## demo-rev\n\n```yaml\ntype: reversed\n```\n\nFalse positive\n\n---\n\nType I error\n"
    root = make_project({"demo.md": HEADER + card})
    build(root, root / "dist")
    import_apkg(collection, root / "dist" / "demo.apkg")
    assert collection.note_count() == 1 and collection.card_count() == 2
    questions = sorted(collection.get_card(cid).render_output().question_text for cid in collection.find_cards(""))
    assert "False positive" in questions[0] and "Type I error" in questions[1]
    answers = [collection.get_card(cid).render_output().answer_text for cid in collection.find_cards("")]
    assert all("False positive" in a and "Type I error" in a for a in answers)
