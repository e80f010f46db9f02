"""Every user mistake is reported as path:line: message, all at once, with exit code 1."""
import pytest

from conftest import GOOD_CARD, HEADER

# Each case: the card file body after HEADER (its first line is line 8), and the exact report.
CASES = {
    "malformed yaml": (
        "## demo-a\n\n```yaml\ntype: [basic\n```\n\nQ?\n\n---\n\nA.\n",
        "cards/demo.md:11: malformed YAML: expected ',' or ']', but got '<stream end>'"),
    "unknown card key": (
        "## demo-a\n\n```yaml\ncolour: red\n```\n\nQ?\n\n---\n\nA.\n",
        "cards/demo.md:11: unknown card key 'colour' (allowed: allow, kind, priority, related, replaced_by, retired, source, tags, test, type)"),
    "missing id": (
        "## \n\nQ?\n\n---\n\nA.\n",
        "cards/demo.md:8: card heading has no id: write '## my-card-id'"),
    "missing front": (
        "## demo-a\n\n---\n\nA.\n",
        "cards/demo.md:8: card 'demo-a' has no front: write the question below the id"),
    "missing back": (
        "## demo-a\n\nQ?\n",
        "cards/demo.md:10: card 'demo-a' has no back: add a line '---' and the answer below it"),
    "id not a slug": (
        "## What is X?\n\nQ?\n\n---\n\nA.\n",
        "cards/demo.md:8: card id 'What is X?' is not a slug: use lowercase letters, digits and '-', e.g. 'what-is-x'"),
    "tag with spaces": (
        "## demo-a\n\n```yaml\ntags: [my tag]\n```\n\nQ?\n\n---\n\nA.\n",
        "cards/demo.md:11: tag 'my tag' contains spaces: Anki tags cannot; use '-' or '::'"),
    "unbalanced dollar": (
        "## demo-a\n\nWhat is $x_1?\n\n---\n\nA.\n",
        "cards/demo.md:10: unbalanced '$': close the formula, or write \\$ for a literal dollar sign"),
    "display math inside a paragraph": (
        "## demo-a\n\nQ?\n\n---\n\nThe mean is\n$$\\bar{x}$$\n",
        "cards/demo.md:15: $$ display math must be a paragraph of its own: put a blank line before and after it (or use $...$ inline)"),
    "command Anki lacks": (
        "## demo-a\n\nQ?\n\n---\n\n$$\\bm{x}$$\n",
        "cards/demo.md:14: \\bm does not work in Anki's MathJax: use \\boldsymbol"),
    "backslash in text": (
        "## demo-a\n\nQ?\n\n---\n\n$\\text{a\\_b}$\n",
        "cards/demo.md:14: '\\' inside \\text{a\\_b} is shown literally: move the command out of \\text{}"),
    "braces ending a cloze": (
        "## demo-a\n\n```yaml\ntype: cloze\n```\n\nThe mean is {{c1::$\\frac{1}{n^{2}}$}}.\n",
        "cards/demo.md:14: '}}' inside cloze c1 ends it early: write '} }' inside formulas"),
    "double colon in a cloze": (
        "## demo-a\n\n```yaml\ntype: cloze\n```\n\nReverse with {{c1::x[::-1]}}.\n",
        "cards/demo.md:14: '::' inside cloze c1 starts a hint: write ': :' (e.g. x[: :-1])"),
    "cloze card without a cloze": (
        "## demo-a\n\n```yaml\ntype: cloze\n```\n\nNo deletion here.\n",
        "cards/demo.md:8: cloze card 'demo-a' has no cloze: mark the answer as {{c1::answer}}"),
    "unknown figure": (
        "## demo-a\n\nQ?\n\n---\n\n![A plot](../media/figures/no-such-plot.png \"Caption\")\n",
        "cards/demo.md:14: unknown figure 'no-such-plot': define a function no_such_plot(fig) in figures/*.py"),
    "missing image": (
        "## demo-a\n\nQ?\n\n---\n\n![A plot](../media/nothing.png \"Caption\")\n",
        "cards/demo.md:14: missing image '../media/nothing.png': no such file"),
    "image leaving media": (
        "## demo-a\n\nQ?\n\n---\n\n![Secrets](../../sources.yaml \"Caption\")\n",
        "cards/demo.md:14: image path '../../sources.yaml' leaves media/: images must live in media/ (write ../media/<file> from cards/)"),
    "image without alt text": (
        "## demo-a\n\nQ?\n\n---\n\n![](../media/x.png \"Caption\")\n",
        "cards/demo.md:14: image '../media/x.png' needs alt text: ![what it shows](../media/x.png \"Caption\")"),
    "script tag": (
        "## demo-a\n\nQ?<script>alert(1)</script>\n\n---\n\nA.\n",
        "cards/demo.md:10: <script> is not allowed in a card"),
    "event handler": (
        "## demo-a\n\nQ?\n\n---\n\n<img src=x.png onerror=\"alert(1)\">\n",
        "cards/demo.md:14: event handler attributes (on...=) are not allowed in a card"),
    "javascript link": (
        "## demo-a\n\nQ?\n\n---\n\n[click](javascript:alert(1))\n",
        "cards/demo.md:14: javascript: URLs are not allowed in a card"),
    "unknown source": (
        "## demo-a\n\n```yaml\nsource: [wikipedia]\n```\n\nQ?\n\n---\n\nA.\n",
        "cards/demo.md:8: unknown source 'wikipedia' (known: alirezadir, grokking, mli-core, ronakdm, semantica)"),
    "python without a test": (
        "## demo-a\n\nQ?\n\n---\n\n```python\nprint(1)\n```\n",
        "cards/demo.md:8: card 'demo-a' has Python code but no 'test': add asserts that run it"),
}


@pytest.mark.parametrize("body, expected", CASES.values(), ids=CASES.keys())
def test_bad_card_is_reported_at_its_line(make_project, run_cli, body, expected):
    root = make_project({"demo.md": HEADER + body}, media={"x.png": b"png"})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert expected in result.output.splitlines()


def test_cloze_with_half_open_interval_is_fine(make_project, run_cli):
    body = "## demo-a\n\n```yaml\ntype: cloze\n```\n\nThe sigmoid maps into {{c1::$(0, 1]$ or [0, 1)}}.\n"
    result = run_cli(make_project({"demo.md": HEADER + body}), "check")
    assert result.exit_code == 0, result.output


def test_duplicate_id_names_both_places(make_project, run_cli):
    root = make_project({"a.md": HEADER + GOOD_CARD, "b.md": HEADER + "\n\n" + GOOD_CARD})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert ("cards/b.md:10: duplicate card id 'demo-good' (first used at cards/a.md:8); ids must be unique"
            in result.output.splitlines())


def test_unknown_front_matter_key(make_project, run_cli):
    root = make_project({"demo.md": "---\ndeck: Demo\nsource: [ronakdm]\nauthor: me\n---\n\n" + GOOD_CARD})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert "cards/demo.md:4: unknown front matter key 'author' (allowed: deck, description, source)" in result.output


def test_malformed_front_matter(make_project, run_cli):
    root = make_project({"demo.md": "---\ndeck: [Demo\nsource: [ronakdm]\n---\n\n" + GOOD_CARD})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert "cards/demo.md:3: malformed YAML:" in result.output


def test_file_that_is_not_utf8(make_project, run_cli):
    root = make_project({"demo.md": (HEADER + "## demo-a\n\nCaf\xe9?\n\n---\n\nA.\n").encode("latin-1")})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert "cards/demo.md:10: not UTF-8 text (byte 0xe9); save the file as UTF-8" in result.output


def test_empty_cards_folder(make_project, run_cli):
    root = make_project({})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert "cards:1: no topic files (cards/*.md) found; add one, see docs/card-format.md" in result.output


def test_figure_that_raises_names_figure_and_error(make_project, run_cli):
    figure = "def broken_plot(fig):\n    ax = fig.subplots()\n    raise ValueError('no data')\n"
    root = make_project({"demo.md": HEADER + "## demo-a\n\nQ?\n\n---\n\n![A plot](../media/figures/broken-plot.png \"Caption\")\n"},
                        figures={"plots.py": figure})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert "figures/plots.py:3: figure 'broken-plot' failed: ValueError: no data" in result.output


def test_every_problem_is_reported_in_one_run(make_project, run_cli):
    body = CASES["missing back"][0].replace("demo-a", "demo-b") + "\n" + CASES["unbalanced dollar"][0]
    root = make_project({"demo.md": HEADER + body})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert "cards/demo.md:10: card 'demo-b' has no back: add a line '---' and the answer below it" in result.output
    assert "cards/demo.md:14: unbalanced '$'" in result.output
    assert "2 problem(s) found; nothing was written." in result.output


def test_failed_build_leaves_dist_untouched(make_project, run_cli):
    root = make_project()
    assert run_cli(root, "build").exit_code == 0
    before = {p.name: p.read_bytes() for p in (root / "dist").iterdir()}
    (root / "cards" / "demo.md").write_text(HEADER + GOOD_CARD + "\n## Bad Id\n\nQ\n")
    result = run_cli(root, "build")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in (root / "dist").iterdir()} == before
