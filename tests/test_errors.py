"""Every author mistake gets exactly one `path:line: message`, exit code 1, and leaves the outputs alone.

Each case starts from a project that built, breaks one thing, and builds again: the output must be
exactly the expected problem lines, and dist/, media/ and notes.lock byte for byte as before.
"""
import pytest

from conftest import GOOD_CARD, HEADER, card, snapshot

Q = "## demo-a\n\n```yaml\npriority: core\n```\n\n"  # a card start: line 8 heading, line 10 yaml, text from line 14
CASES = {  # body after HEADER (whose last line is line 7) -> the one line `build` must print
    "three hashes": (GOOD_CARD + "\n### my-card\n\nQ?\n\n---\n\nA.\n",
                     "cards/demo.md:20: '### my-card' looks like a card heading: write '## my-card' (two '#', one "
                     "space, the id)"),
    "no space after ##": (GOOD_CARD + "\n##my-card\n\nQ?\n\n---\n\nA.\n",
                          "cards/demo.md:20: '##my-card' looks like a card heading: write '## my-card' (two '#', one "
                          "space, the id)"),
    "heading inside a card": (card("demo-a", back="A.\n\n#### Details\n\nMore."),
                              "cards/demo.md:20: heading '#### Details' is neither a subtopic ('# Name') nor a card "
                              "('## card-id'); inside a card, use **bold** text instead of headings"),
    "text outside any card": ("Some intro.\n\n" + GOOD_CARD,
                              "cards/demo.md:8: text outside any card is never shown: put it under a '## <card-id>' "
                              "heading, or delete it"),
    "unclosed fence": (card("demo-a", back="```python\nx = 1") + "\n" + card("demo-b"),
                       "cards/demo.md:18: code fence is never closed: it swallows the card '## demo-b' (line 21); "
                       "close it with a line '```'"),
    "unclosed yaml block": ("## demo-a\n\n```yaml\npriority: core\n\nQ?\n\n---\n\nA.\n\n" + card("demo-b"),
                            "cards/demo.md:10: the yaml block is not closed before the card's text (line 13): add a "
                            "line '```' after its last key"),
    "malformed yaml": ("## demo-a\n\n```yaml\ntype: [basic\n```\n\nQ?\n\n---\n\nA.\n",
                       "cards/demo.md:12: the yaml block is not valid YAML: did not find expected ',' or ']'"),
    "colon in a yaml value": ("## demo-a\n\n```yaml\npriority: core\nretired: Merged: see b\n```\n\nQ?\n\n---\n\nA.\n",
                              "cards/demo.md:12: the yaml block is not valid YAML: a ': ' inside an unquoted "
                              "value; put the value in quotes"),
    "tab in yaml": ("## demo-a\n\n```yaml\npriority:\tcore\n```\n\nQ?\n\n---\n\nA.\n",
                    "cards/demo.md:11: tab character in the yaml block: indent with spaces"),
    "yaml alias bomb": ("## demo-a\n\n```yaml\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n```\n\nQ?\n\n---\n\nA.\n",
                        "cards/demo.md:11: YAML anchors and aliases ('&', '*') are not allowed in the yaml block: "
                        "write the values out"),
    "key set twice": ("## demo-a\n\n```yaml\npriority: core\npriority: deep\n```\n\nQ?\n\n---\n\nA.\n",
                      "cards/demo.md:12: 'priority' is set twice in the yaml block (first at line 11): YAML would "
                      "keep only the last"),
    "key that is not a name": ("## demo-a\n\n```yaml\n2024: x\npriority: core\n```\n\nQ?\n\n---\n\nA.\n",
                               "cards/demo.md:11: card key 2024 is not a name: use one of allow, kind, priority, "
                               "related, replaced_by, retired, source, tags, test, type"),
    "unknown card key": ("## demo-a\n\n```yaml\ncolour: red\npriority: core\n```\n\nQ?\n\n---\n\nA.\n",
                         "cards/demo.md:11: unknown card key 'colour' (allowed: allow, kind, priority, related, "
                         "replaced_by, retired, source, tags, test, type)"),
    "missing id": ("## \n\nQ?\n\n---\n\nA.\n", "cards/demo.md:8: card heading has no id: write '## my-card-id'"),
    "id not a slug": ("## What is X?\n\n```yaml\npriority: core\n```\n\nQ?\n\n---\n\nA.\n",
                      "cards/demo.md:8: card id 'What is X?' is not a slug: use lowercase letters, digits and '-', "
                      "e.g. 'what-is-x'"),
    "missing front": ("## demo-a\n\n```yaml\npriority: core\n```\n\n---\n\nA.\n",
                      "cards/demo.md:8: card 'demo-a' has no front: write the question below the id"),
    "missing back": (Q + "Q?\n", "cards/demo.md:14: card 'demo-a' has no back: add a line '---' and the answer "
                                 "below it"),
    "no priority": ("## demo-a\n\nQ?\n\n---\n\nA.\n",
                    "cards/demo.md:8: card 'demo-a' has no priority: add 'priority: core' (asked in most interviews) "
                    "or 'priority: deep'"),
    "unfinished stub": (card("demo-a", "TODO: the question"),
                        "cards/demo.md:14: card 'demo-a' is unfinished: replace its 'TODO:' lines"),
    "tag with spaces": ("## demo-a\n\n```yaml\ntags: [my tag]\npriority: core\n```\n\nQ?\n\n---\n\nA.\n",
                        "cards/demo.md:11: tag 'my tag' contains spaces: Anki tags cannot; use '-' or '::'"),
    "unbalanced dollar": (card("demo-a", "What is $x_1?"),
                          "cards/demo.md:14: unbalanced '$': close the formula, or write \\$ for a literal dollar "
                          "sign"),
    "broken formula": (card("demo-a", r"What is $\frac{1}{2$?"),
                       "cards/demo.md:14: 1 '{' never closed: add '}'"),
    "display math in a paragraph": (card("demo-a", back="The mean is\n$$\\bar{x}$$"),
                                    "cards/demo.md:19: $$ display math must be a paragraph of its own: put a blank "
                                    "line before and after it (or use $...$ inline)"),
    "command Anki lacks": (card("demo-a", back="$$\\bm{x}$$"),
                           "cards/demo.md:18: \\bm does not work in Anki's MathJax: use \\boldsymbol"),
    "backslash in text": (card("demo-a", back="$\\text{a\\_b}$"),
                          "cards/demo.md:18: '\\' inside \\text{a\\_b} is shown literally: move the command out of "
                          "\\text{}"),
    "braces ending a cloze": ("## demo-a\n\n```yaml\ntype: cloze\npriority: core\n```\n\nThe mean is "
                              "{{c1::$\\frac{1}{n^{2}}$}}.\n",
                              "cards/demo.md:15: '}}' inside cloze c1 ends it early: write '} }' inside formulas"),
    "double colon in a cloze": ("## demo-a\n\n```yaml\ntype: cloze\npriority: core\n```\n\nReverse with "
                                "{{c1::x[::-1]}}.\n",
                                "cards/demo.md:15: '::' inside cloze c1 starts a hint: write ': :' (e.g. x[: :-1])"),
    "nested cloze": ("## demo-a\n\n```yaml\ntype: cloze\npriority: core\n```\n\nA {{c1::b {{c2::c}} d}} e.\n",
                     "cards/demo.md:15: cloze c1 contains another cloze: Anki cannot nest clozes; close the first "
                     "one before the next"),
    "cloze in extra": ("## demo-a\n\n```yaml\ntype: cloze\npriority: core\n```\n\nA {{c1::b}}.\n\n---\n\nSee "
                       "{{c2::x}}.\n",
                       "cards/demo.md:19: cloze deletion in Extra, where Anki shows it raw: clozes work only in the "
                       "text"),
    "cloze card without a cloze": ("## demo-a\n\n```yaml\ntype: cloze\npriority: core\n```\n\nNo deletion here.\n",
                                   "cards/demo.md:8: cloze card 'demo-a' has no cloze: mark the answer as "
                                   "{{c1::answer}}"),
    "cloze in a basic card": (card("demo-a", back="The {{c1::mean}}."),
                              "cards/demo.md:18: cloze deletion in a non-cloze card: add 'type: cloze' to its yaml "
                              "block"),
    "unknown figure": (card("demo-a", back='![A plot](../media/figures/no-such-plot.png "Caption")'),
                       "cards/demo.md:18: unknown figure 'no-such-plot': define a function no_such_plot(fig) in "
                       "figures/*.py"),
    "missing image": (card("demo-a", back='![A plot](../media/nothing.png "Caption")'),
                      "cards/demo.md:18: missing image '../media/nothing.png': no such file"),
    "image leaving media": (card("demo-a", back='![Secrets](../../sources.yaml "Caption")'),
                            "cards/demo.md:18: image path '../../sources.yaml' leaves media/: images must live in "
                            "media/ (write ../media/<file> from cards/)"),
    "text file named .png": (card("demo-a", back='![Plot](../media/fake.png "Caption")'),
                             "cards/demo.md:18: '../media/fake.png' is not a PNG, JPEG or GIF image"),
    "image without alt text": (card("demo-a", back='![](../media/x.png "Caption")'),
                               "cards/demo.md:18: image '../media/x.png' needs alt text: ![what it shows]"
                               "(../media/x.png \"Caption\")"),
    "remote image": (card("demo-a", back='![Plot](https://example.com/x.png "Caption")'),
                     "cards/demo.md:18: image 'https://example.com/x.png' is not local: put the file in media/ (cards "
                     "must work offline)"),
    "javascript link": (card("demo-a", back="[click](javascript:alert(1))"),
                        "cards/demo.md:18: not allowed in a card: link to 'javascript:alert(1)' (only http, https and "
                        "mailto links)"),
    "encoded javascript link": (card("demo-a", back="[click](jav&#x61;script:alert(1))"),
                                "cards/demo.md:18: not allowed in a card: link to 'javascript:alert(1)' (only http, "
                                "https and mailto links)"),
    "unknown source": (card("demo-a", source="[wikipedia]"),
                       "cards/demo.md:8: unknown source 'wikipedia' (add it to sources.yaml; known: ronakdm, "
                       "semantica)"),
    "unknown related card": (card("demo-a", related="[demo-ghost]"),
                             "cards/demo.md:8: related card 'demo-ghost' does not exist"),
    "related to itself": (card("demo-a", related="[demo-a]"),
                          "cards/demo.md:8: card 'demo-a' lists itself as related: name the cards a learner should "
                          "see beside it"),
    "python without a test": (card("demo-a", back="```python\nprint(1)\n```"),
                              "cards/demo.md:8: card 'demo-a' has Python code but no 'test': add asserts that run it"),
    "code card whose answer is wrong": ("## demo-a\n\n```yaml\npriority: core\ntest: |\n  assert f(2) == 5\n```\n\n"
                                        "Q?\n\n---\n\n```python\ndef f(x):\n    return x * 2\n```\n",
                                        "cards/demo.md:13: code card 'demo-a' fails: AssertionError (assert f(2) "
                                        "== 5)"),
    "related to a retired card": (card("demo-a", related="[demo-old]") + "\n# Retired\n\n" +
                                  card("demo-old", retired="Split.", replaced_by="[demo-a]"),
                                  "cards/demo.md:8: related card 'demo-old' is retired: point at demo-a instead"),
    "retired card replaced by nothing": (card("demo-a", retired="Merged.", replaced_by="[demo-ghost]"),
                                         "cards/demo.md:8: replacement card 'demo-ghost' does not exist"),
    "line too long": (card("demo-a", back="[" * 100_000),
                      "cards/demo.md:18: line is 100,000 characters long (at most 2,000): break it into shorter "
                      "lines"),
}


@pytest.mark.parametrize("body, expected", CASES.values(), ids=CASES.keys())
def test_one_mistake_one_message_nothing_written(make_project, run_cli, body, expected):
    root = make_project({"demo.md": HEADER + GOOD_CARD}, media={"x.png": b"\x89PNG\r\n\x1a\n", "fake.png": b"text"})
    assert run_cli(root, "build").exit_code == 0
    before = snapshot(root)
    (root / "cards" / "demo.md").write_text(HEADER + body)
    result = run_cli(root, "build")
    assert result.exit_code == 1
    assert result.output.splitlines() == [expected, "Error: 1 problem(s) found; nothing was written."]
    assert snapshot(root) == before


LEGAL = {  # files that must simply build
    "utf-8 byte order mark": b"\xef\xbb\xbf" + (HEADER + GOOD_CARD).encode(),
    "windows line ends": (HEADER + GOOD_CARD).replace("\n", "\r\n").encode(),
    "raw html shown as typed": (HEADER + card("demo-a", "Is x<y>z shown?", "<svg/onload=alert(1)> <b>b</b>")).encode(),
    "four-backtick fence holding a fence": (HEADER + card("demo-a", back="````markdown\n```python\n# comment\n```\n"
                                                                          "````")).encode(),
    "half-open interval in a cloze": (HEADER + "## demo-a\n\n```yaml\ntype: cloze\npriority: core\n```\n\nThe "
                                                "sigmoid maps into {{c1::$(0, 1]$ or [0, 1)}}.\n").encode(),
}


@pytest.mark.parametrize("data", LEGAL.values(), ids=LEGAL.keys())
def test_legal_input_builds(make_project, run_cli, data):
    root = make_project({"demo.md": data})
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output


def test_raw_html_reaches_anki_as_text(make_project, run_cli):
    import sqlite3
    import zipfile

    root = make_project({"demo.md": HEADER + card("demo-a", "Is x<y>z shown?", "<svg/onload=alert(1)>")})
    assert run_cli(root, "build").exit_code == 0
    with zipfile.ZipFile(root / "dist" / "demo.apkg") as archive:
        archive.extract("collection.anki2", root)
    fields = sqlite3.connect(root / "collection.anki2").execute("select flds from notes").fetchone()[0]
    assert "x&lt;y&gt;z" in fields and "&lt;svg/onload=alert(1)&gt;" in fields and "<svg" not in fields


def test_heading_a_card_swallowed_by_a_fence_stays_quiet(make_project, run_cli):
    # a '## comment' line inside a code block is code, not a card heading
    body = card("demo-a", back="```python\n## not a card\nx = 1\n```", test='"assert x == 1"')
    result = run_cli(make_project({"demo.md": HEADER + body}), "check")
    assert result.exit_code == 0, result.output


def test_every_problem_is_reported_in_one_run(make_project, run_cli):
    body = CASES["missing back"][0] + "\n" + card("demo-b", "What is $x_1?")
    result = run_cli(make_project({"demo.md": HEADER + body}), "build")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "cards/demo.md:14: card 'demo-a' has no back: add a line '---' and the answer below it",
        "cards/demo.md:22: unbalanced '$': close the formula, or write \\$ for a literal dollar sign",
        "Error: 2 problem(s) found; nothing was written."]


def test_duplicate_id_names_both_places(make_project, run_cli):
    root = make_project({"a.md": HEADER + GOOD_CARD, "b.md": HEADER + "\n\n" + GOOD_CARD})
    result = run_cli(root, "build")
    assert result.output.splitlines()[0] == ("cards/b.md:10: duplicate card id 'demo-good' (first used at "
                                             "cards/a.md:8); ids must be unique")


@pytest.mark.parametrize("front_matter, expected", [
    ("---\ndeck: Demo\nsource: [ronakdm]\nauthor: me\n---\n",
     "cards/demo.md:4: unknown front matter key 'author' (allowed: deck, description, source)"),
    ("---\ndeck: [Demo\nsource: [ronakdm]\n---\n",
     "cards/demo.md:3: front matter is not valid YAML: did not find expected ',' or ']'"),
    ("---\ndeck: {name: X}\nsource: [ronakdm]\n---\n",
     "cards/demo.md:2: 'deck' must be text, e.g. deck: Statistics (quote it if it looks like a number or a list)"),
    ("---\ndeck: Demo\nsource: [ronakdm]\n\n",
     "cards/demo.md:1: front matter is not closed: add a line '---' after its last key"),
    ("deck: Demo\n",
     "cards/demo.md:1: missing front matter: start the file with '---', 'deck: ...', 'source: [...]', '---'"),
])
def test_front_matter_mistakes(make_project, run_cli, front_matter, expected):
    result = run_cli(make_project({"demo.md": front_matter + "\n# B\n\n" + GOOD_CARD}), "build")
    assert result.output.splitlines() == [expected, "Error: 1 problem(s) found; nothing was written."]


def test_unreadable_file_is_one_message_and_silences_references_to_its_cards(make_project, run_cli):
    other = HEADER.replace("Demo", "Other") + card("other-a", related="[demo-a]")
    broken = (HEADER + card("demo-a", "Caf\xe9?")).encode("latin-1")
    result = run_cli(make_project({"demo.md": broken, "other.md": other}), "build")
    assert result.output.splitlines() == ["cards/demo.md:14: not UTF-8 text (byte 0xe9): save the file as UTF-8",
                                          "Error: 1 problem(s) found; nothing was written."]


def test_figure_module_with_a_syntax_error_is_one_message(make_project, run_cli):
    cards = HEADER + card("demo-a", back='![A](../media/figures/one.png "C")') + "\n" + \
        card("demo-b", back='![B](../media/figures/two.png "C")')
    figures = {"plots.py": "def one(fig):\n    fig.subplots(\n\ndef two(fig):\n    pass\n"}
    result = run_cli(make_project({"demo.md": cards}, figures=figures), "build")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: 1 problem(s) found; nothing was written."
    assert result.output.startswith("figures/plots.py:")


def test_files_in_the_wrong_place_are_reported(make_project, run_cli):
    root = make_project()
    (root / "cards" / "extra").mkdir()
    (root / "cards" / "extra" / "more.md").write_text(HEADER + card("demo-more"))
    result = run_cli(root, "build")
    assert result.output.splitlines()[0] == ("cards/extra/more.md:1: not read: topic files are cards/<topic>.md (no "
                                             "subfolders, no other files); move or rename it")


def test_dangling_symlink_in_cards(make_project, run_cli):
    root = make_project()
    (root / "cards" / "gone.md").symlink_to(root / "nowhere.md")
    result = run_cli(root, "build")
    assert result.output.splitlines()[0] == ("cards/gone.md:1: cannot read: it is a symbolic link to a file that does "
                                             "not exist")


@pytest.mark.parametrize("sources, expected", [
    ("", "sources.yaml:1: is empty: list the source documents (key: title, author, link)"),
    ("ronakdm:\n  title: 2024\n", "sources.yaml:1: 'title' must be text, e.g. title: \"the title\" (quote it if it "
                                  "looks like a number or a list)"),
    ("ronakdm: [a\n", "sources.yaml:2: sources.yaml is not valid YAML: did not find expected ',' or ']'"),
])
def test_sources_mistakes_are_one_message(make_project, run_cli, sources, expected):
    root = make_project()
    (root / "sources.yaml").write_text(sources)
    result = run_cli(root, "build")
    assert result.output.splitlines() == [expected, "Error: 1 problem(s) found; nothing was written."]
