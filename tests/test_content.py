"""The shipped cards: formulas typeset in MathJax 3.2.2, code answers run, coverage map complete."""
import numpy  # noqa: F401  (code cards may use it; fail here, not inside a card, if it is missing)
import pytest

from mldeck import mathjax
from mldeck.check import FENCED
from mldeck.coverage import load_coverage
from conftest import REPO


def python_blocks(card):
    """The card's Python code blocks, in order."""
    blocks = []
    for part in (card.front, card.back, card.extra):
        for match in FENCED.finditer(part.markdown):
            lines = match.group(0).splitlines()
            if lines[0].strip() in ("```python", "~~~python"):
                blocks.append("\n".join(lines[1:-1]))
    return blocks


def test_every_formula_typesets_in_mathjax(project):
    assert mathjax.available(), "run `npm ci` (make test does) to install mathjax-full 3.2.2"
    problems = mathjax.typeset_problems(project.cards())
    assert not problems, "\n".join(str(p) for p in problems)


def test_mathjax_check_catches_what_anki_would_show_in_red(project):
    from mldeck.load import Card, Text

    bad = Card("demo-bad", "demo", "", "basic", Text(r"$\frac{1}{2$ and $\bm{x}$", 3), Text("ok", 5), Text("", 5),
               ("ronakdm",), (), (), (), "", "cards/demo.md", 1)
    messages = [p.message for p in mathjax.typeset_problems([bad])]
    assert len(messages) == 2 and "Undefined control sequence \\bm" in messages[1]


def code_cards():
    from mldeck.build import load

    project, _ = load(REPO, render_figures=False)
    return [c for c in project.cards() if python_blocks(c)]


@pytest.mark.parametrize("card", code_cards(), ids=lambda c: c.id)
def test_code_card_runs_and_passes_its_test(card):
    assert card.test, f"{card.id} has Python code but no test"
    namespace = {"__name__": f"card_{card.id.replace('-', '_')}"}
    exec(compile("\n\n".join(python_blocks(card)), f"{card.path}:{card.id}", "exec"), namespace)
    exec(compile(card.test, f"{card.path}:{card.id}:test", "exec"), namespace)


def test_there_are_code_cards():
    assert len(code_cards()) >= 3


def test_coverage_map_names_only_real_cards_and_leaves_no_concept_uncovered(project):
    concepts, problems = load_coverage(REPO, project.sources, {c.id for c in project.cards()})
    assert not problems, "\n".join(str(p) for p in problems)
    assert {c.source for c in concepts} == set(project.sources), "every source document has concepts listed"
    assert all(c.cards for c in concepts)
