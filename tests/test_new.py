"""`new`: a stub with a fresh id where the author asks; it fails `check` until filled in."""
from conftest import HEADER, card


def test_new_card_stub_then_fill_then_check_passes(make_project, run_cli):
    body = "# Basics\n\n" + card("demo-a") + "\n# Details\n\n" + card("demo-b")
    root = make_project({"demo.md": HEADER.replace("# Basics\n\n", "") + body})
    result = run_cli(root, "new", "demo", "--subtopic", "Basics")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "cards/demo.md:20: new basic card 'demo-new-1': replace its TODO lines"
    text = (root / "cards" / "demo.md").read_text()
    lines = text.split("\n")
    assert lines[19] == "## demo-new-1"
    assert text.index("## demo-new-1") < text.index("# Details")  # at the end of the chosen subtopic
    checked = run_cli(root, "check")
    assert checked.exit_code == 1
    assert "cards/demo.md:26: card 'demo-new-1' is unfinished: replace its 'TODO:' lines" in checked.output
    filled = text.replace("TODO: the question: one target, and name its context", "What is $n$?")
    filled = filled.replace("TODO: the answer, about 25 words", "The count.")
    filled = filled.replace("\n\n---\n\nTODO: Extra: why, a derivation, caveats (or delete this part and the '---' "
                            "above it)", "")
    (root / "cards" / "demo.md").write_text(filled)
    assert run_cli(root, "check").exit_code == 0


def test_new_ids_never_reuse_a_released_one_and_clozes_get_their_type(make_project, run_cli):
    root = make_project({"demo.md": HEADER + card("demo-a")})
    (root / "notes.lock").write_text('{"cards": {"demo-new-1": {"hash": "x", "mtime": 1, "released": "x"}}}')
    result = run_cli(root, "new", "demo", "--type", "cloze", "--after", "demo-a")
    assert "new cloze card 'demo-new-2'" in result.output
    assert "type: cloze" in (root / "cards" / "demo.md").read_text()


def test_new_refuses_unknown_topic_and_taken_id(make_project, run_cli):
    root = make_project({"demo.md": HEADER + card("demo-a")})
    assert "no topic 'nope' (known: demo)" in run_cli(root, "new", "nope").output
    assert "card id 'demo-a' is taken (ids are never reused)" in run_cli(root, "new", "demo", "--id", "demo-a").output
