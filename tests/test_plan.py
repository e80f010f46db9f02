"""`plan`: new cards a day per tier for an interview date, from the real card counts."""
from datetime import date

import pytest

from conftest import HEADER, card
from mldeck.build import load
from mldeck.plan import make_plan, schedule


def test_plan_counts_tiers_and_splits_them_over_the_days(make_project, run_cli):
    cards = [card(f"demo-c{i}", priority="core") for i in range(30)] + \
        [card(f"demo-d{i}", priority="deep") for i in range(50)] + \
        [card("demo-r", retired="Gone.", priority="core")]
    root = make_project({"demo.md": HEADER + "\n".join(cards)})
    result = run_cli(root, "plan", "--interview", "2027-01-15", "--today", "2027-01-02", "--minutes", "30")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("13 days until the interview on 2027-01-15: new cards for 10 days, then 3 days of reviews "
                        "only.")
    core = next(line for line in lines if line.startswith("core only"))
    everything = next(line for line in lines if line.startswith("core, then deep"))
    assert core.split()[-4:-2] == ["30", "3"]  # 30 core cards (the retired one not counted), 3 a day
    assert everything.split()[-4:-2] == ["80", "8"]
    assert "With 30 minutes a day:" in result.output


def test_review_load_grows_with_new_cards_and_is_bounded():
    per_day, peak, minutes = schedule(100, 10, 14)
    assert per_day == 10
    # on a busy day, reviews of cards learnt 1, 3 and 7 days earlier come due, each with some relearning
    assert 30 <= peak <= 40
    assert schedule(200, 10, 14)[1] > peak


def test_an_interview_too_soon_is_a_clear_error(make_project):
    project, _ = load(make_project())
    with pytest.raises(ValueError, match="the interview is 2 day"):
        make_plan(project.cards(), date(2027, 1, 1), date(2027, 1, 3))
