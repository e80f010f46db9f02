"""`check` reports card-craft problems at the card's line, and a card can allow a justified exception."""
import pytest

from conftest import HEADER, card

CASES = {
    "two questions": (card("demo-a", "What is X? Why does it matter?"),
                      "cards/demo.md:14: the front asks more than one question: make one card per question "
                      "[two-questions; if justified, add it to the card's 'allow' list]"),
    "glued question": (card("demo-a", "What is the kernel trick, and what does it buy?"),
                       "cards/demo.md:14: the front glues two questions ('…, and what/how …?'): ask each on its own "
                       "card [two-questions; if justified, add it to the card's 'allow' list]"),
    "long answer": (card("demo-a", back=" ".join(["word"] * 41)),
                    "cards/demo.md:18: the answer has 41 words (at most 40): keep the core, move the rest to Extra "
                    "[long-answer; if justified, add it to the card's 'allow' list]"),
    "long code": (card("demo-a", back="```text\n" + "x\n" * 9 + "```"),
                  "cards/demo.md:18: the answer's code block has 9 lines (at most 8): ask for the lines that carry "
                  "the idea and keep the whole program in Extra [long-code; if justified, add it to the card's "
                  "'allow' list]"),
    "extra names a card": (card("demo-a", extra="Compare demo-other."),
                           "cards/demo.md:22: names card 'demo-other', which a learner cannot see from this card: say "
                           "what it teaches instead [names-card; if justified, add it to the card's 'allow' list]"),
    "extra points at a test": (card("demo-a", extra="The test checks the edge case."),
                               "cards/demo.md:22: points at the test ('The test checks'), which a learner cannot see "
                               "from this card [names-card; if justified, add it to the card's 'allow' list]"),
    "front names a guide": (card("demo-a", "According to semantica, which step comes first?"),
                            "cards/demo.md:14: the front names source 'semantica': ask the ML question the guide "
                            "answers (a scenario, a decision, a computation) [names-guide; if justified, add it to "
                            "the card's 'allow' list]"),
}
OTHER = card("demo-other", "What is $y$?", "Why.")


@pytest.mark.parametrize("body, expected", CASES.values(), ids=CASES.keys())
def test_check_reports_craft_problem_at_its_line(make_project, run_cli, body, expected):
    root = make_project({"demo.md": HEADER + body + "\n" + OTHER})
    result = run_cli(root, "check")
    assert result.exit_code == 1
    assert result.output.splitlines() == [expected, "Error: 1 problem(s) found; nothing was written."]
    assert run_cli(root, "build").exit_code == 0  # style is `check`'s business; the deck itself is sound


def test_allow_silences_exactly_the_named_rule(make_project, run_cli):
    body = card("demo-a", "What is X? Why does it matter?", allow="[two-questions]")
    assert run_cli(make_project({"demo.md": HEADER + body}), "check").exit_code == 0


def test_one_decision_with_its_reason_is_one_question(make_project, run_cli):
    body = card("demo-a", "Which metric fits a fraud model with 0.1 % positives, and why?")
    assert run_cli(make_project({"demo.md": HEADER + body}), "check").exit_code == 0


def test_retired_cards_are_not_held_to_the_style_rules(make_project, run_cli):
    body = card("demo-a") + "\n# Retired\n\n" + card("demo-b", "What is X? And Y?", retired="Split.",
                                                     replaced_by="[demo-a]")
    assert run_cli(make_project({"demo.md": HEADER + body}), "check").exit_code == 0
