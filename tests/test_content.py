"""The shipped cards: `check` passes on them (craft rules, phone widths, code cards, MathJax), every
source's concepts are covered, and nearly every card carries a priority."""
import pytest

from conftest import REPO

pytestmark = pytest.mark.slow


def test_check_passes_on_the_real_cards(repo_copy):
    from mldeck import mathjax
    from mldeck.build import check_all

    assert mathjax.available(repo_copy), "run `npm ci` (make test does) to install mathjax-full 3.2.2"
    summary, notes = check_all(repo_copy, use_cache=False)
    assert summary.startswith("OK: ") and notes == []


def test_nearly_every_note_has_a_priority_tier(project):
    active = [card for card in project.cards() if not card.retired]
    with_tier = [card for card in active if card.priority in ("core", "deep")]
    assert len(with_tier) / len(active) >= 0.98
    core = sum(card.priority == "core" for card in active)
    assert 0.3 <= core / len(active) <= 0.6, "core is for what most interviews ask"


def test_coverage_map_covers_every_concept_of_every_source(project):
    from mldeck.coverage import load_coverage

    concepts, problems = load_coverage(REPO, project.sources, {c.id for c in project.cards()})
    assert not problems, "\n".join(str(p) for p in problems)
    assert {c.source for c in concepts} == set(project.sources), "every source document has concepts listed"
    retired = {c.id for c in project.cards() if c.retired}
    uncovered = [c for c in concepts if not set(c.cards) - retired and c.source not in ("grokking",)]
    assert len(uncovered) <= 10, "concepts taught only by retired cards: " + ", ".join(c.text for c in uncovered)


def test_the_decks_are_big_enough_to_matter(project):
    new_decks = {"llm-foundations", "llm-adaptation", "genai-systems", "generative-models", "experimentation"}
    assert sum(len(t.cards) for t in project.topics if t.slug in new_decks) >= 180
    code = [c for c in project.cards() if any(b.language == "python" for b in c.code) and not c.retired]
    assert len(code) >= 50 and all(c.test.text for c in code)
