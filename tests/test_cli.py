"""The command line: help, list, build of chosen topics, coverage, and its errors."""
import pytest

from conftest import GOOD_CARD, HEADER
import build_deck


@pytest.mark.parametrize("command", ["build", "check", "list", "coverage", "preview"])
def test_every_command_has_help(run_cli, make_project, command):
    result = run_cli(make_project(), command, "--help")
    assert result.exit_code == 0
    assert "Usage: " in result.output and command in result.output


def test_list_shows_topics_with_counts(make_project, run_cli):
    other = HEADER.replace("Demo", "Other") + GOOD_CARD.replace("demo-good", "other-one") + "\n" + \
        GOOD_CARD.replace("demo-good", "other-two")
    root = make_project({"demo.md": HEADER + GOOD_CARD, "other.md": other})
    result = run_cli(root, "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["demo", "1", "notes"] and lines[0].endswith("ML Interview::Demo")
    assert lines[1].split()[:3] == ["other", "2", "notes"] and lines[1].endswith("ML Interview::Other")
    assert lines[2].split()[:3] == ["total", "3", "notes"]


def test_build_chosen_topic_only(make_project, run_cli, tmp_path):
    other = HEADER.replace("Demo", "Other") + GOOD_CARD.replace("demo-good", "other-one")
    root = make_project({"demo.md": HEADER + GOOD_CARD, "other.md": other})
    out = tmp_path / "out"
    result = run_cli(root, "build", "other", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["other.apkg"]


def test_build_all_writes_topic_decks_and_all_in_one(make_project, run_cli):
    root = make_project()
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "dist").iterdir()) == ["demo.apkg", "ml-interview.apkg"]
    assert "demo.apkg  (1 notes)" in result.output


def test_unknown_topic_is_a_usage_error(make_project, run_cli):
    result = run_cli(make_project(), "build", "nope")
    assert result.exit_code == 2
    assert "unknown topic 'nope' (known: demo)" in result.output


def test_check_passes_on_good_sources(make_project, run_cli):
    result = run_cli(make_project(), "check")
    assert result.exit_code == 0
    assert "OK: 1 cards in 1 topics" in result.output


def test_coverage_reports_per_document_and_fails_on_unknown_card(make_project, run_cli):
    root = make_project()
    (root / "coverage").mkdir()
    (root / "coverage" / "demo.yaml").write_text(
        "ronakdm:\n  - concept: Subscripts\n    cards: [demo-good]\n  - concept: Ghost\n    cards: [demo-ghost]\n")
    result = run_cli(root, "coverage")
    assert result.exit_code == 1
    row = next(line for line in result.output.splitlines() if line.startswith("ronakdm"))
    assert row.split()[1:4] == ["2", "2", "1"]
    assert "coverage/demo.yaml:4: concept 'Ghost' names unknown card 'demo-ghost'" in result.output


def test_readme_deck_table_matches_the_cards():
    from click.testing import CliRunner

    from conftest import REPO

    table = CliRunner().invoke(build_deck.cli, ["list", "--markdown"]).output.splitlines()
    table += CliRunner().invoke(build_deck.cli, ["coverage", "--markdown"]).output.splitlines()
    readme = (REPO / "README.md").read_text()
    missing = [row for row in table if row not in readme]
    assert not missing, "README's tables are stale; paste `build-deck list --markdown` / `coverage --markdown`:\n" + "\n".join(missing)
