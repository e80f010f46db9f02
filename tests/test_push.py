"""`push`: the decks go straight into a collection through Anki's backend, updated in place like an import."""
import pytest
from anki.collection import Collection
from anki.scheduler_pb2 import CardAnswer

from conftest import HEADER, card
from mldeck.problems import BuildError
from mldeck.push import push


@pytest.fixture
def anki_file(tmp_path):
    path = tmp_path / "profile" / "collection.anki2"
    path.parent.mkdir()
    Collection(str(path)).close()
    return path


def test_push_then_study_then_edit_then_push_again(make_project, anki_file):
    root = make_project({"demo.md": HEADER + card("demo-a") + "\n" + card("demo-b", "What is $y$?")})
    report = push(root, anki_file, None, dry_run=False)
    assert "2 new, 0 changed, 0 retired, 0 unchanged" in report
    col = Collection(str(anki_file))
    for card_id in col.find_cards(""):
        studied = col.get_card(card_id)
        studied.start_timer()
        states = col._backend.get_scheduling_states(studied.id)
        col.sched.answer_card(col.sched.build_answer(card=studied, states=states, rating=CardAnswer.GOOD))
    reviews = col.db.scalar("select count() from revlog")
    col.close()

    (root / "cards" / "demo.md").write_text(HEADER + card("demo-a", back="Edited.") + "\n" +
                                            card("demo-b", "What is $y$?"))
    dry = push(root, anki_file, None, dry_run=True)
    assert "0 new, 1 changed, 0 retired, 1 unchanged (dry run)" in dry and "would be changed: demo-a" in dry
    col = Collection(str(anki_file))
    assert "Edited." not in col.get_note(col.find_notes("Id:demo-a")[0])["Back"]  # the dry run changed nothing
    col.close()

    report = push(root, anki_file, None, dry_run=False)
    assert "0 new, 1 changed, 0 retired, 1 unchanged" in report and "changed: demo-a" in report
    col = Collection(str(anki_file))
    try:
        assert col.note_count() == 2 and col.card_count() == 2
        assert "Edited." in col.get_note(col.find_notes("Id:demo-a")[0])["Back"]
        assert col.db.scalar("select count() from revlog") == reviews
        assert all(col.get_card(c).type != 0 for c in col.find_cards(""))
    finally:
        col.close()


def test_push_into_a_collection_anki_holds_open_is_a_clear_error(make_project, anki_file):
    import subprocess
    import sys

    root = make_project()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom anki.collection import Collection\n"
                               f"c = Collection({str(anki_file)!r})\nprint('open', flush=True)\ntime.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)  # another process holds it, as Anki desktop does
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(BuildError, match="is open in Anki .it locks the collection.: close Anki, then push again"):
            push(root, anki_file, None, dry_run=False)
        with pytest.raises(BuildError, match="is open in Anki"):
            push(root, anki_file, None, dry_run=True)
    finally:
        holder.kill()
        holder.wait()


def test_push_finds_the_profile_in_ankis_folder(make_project, anki_file, monkeypatch, run_cli):
    monkeypatch.setenv("ANKI_BASE", str(anki_file.parent.parent))
    result = run_cli(make_project(), "push")
    assert result.exit_code == 0, result.output
    assert f"into {anki_file}" in result.output
    (anki_file.parent.parent / "second").mkdir()
    Collection(str(anki_file.parent.parent / "second" / "collection.anki2")).close()
    result = run_cli(make_project(name="other"), "push")
    assert "several Anki profiles" in result.output and "--profile" in result.output
