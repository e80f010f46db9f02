"""The command line: help and version, listing, topic builds, coverage, and the README's tables."""
import subprocess
import sys

import pytest
from click.testing import CliRunner

import build_deck
from conftest import GOOD_CARD, HEADER, REPO, card

COMMANDS = ["build", "check", "list", "coverage", "preview", "serve", "new", "push", "plan", "release"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run_cli, make_project, command):
    result = run_cli(make_project(), command, "--help")
    assert result.exit_code == 0
    assert f"Usage: build-deck {command}" in result.output or f"Usage: cli {command}" in result.output


def test_version_and_real_program_name():
    result = subprocess.run([str(REPO / ".venv" / "bin" / "build-deck"), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("build-deck, version ")
    result = subprocess.run([sys.executable, str(REPO / "build_deck.py"), "--help"], capture_output=True, text=True)
    assert result.stdout.startswith("Usage: build_deck.py ")


def test_list_shows_topics_with_counts_without_retired_cards(make_project, run_cli):
    other = HEADER.replace("Demo", "Other") + card("other-one") + "\n" + card("other-two") + "\n" + \
        card("other-old", retired="Replaced.")
    root = make_project({"demo.md": HEADER + GOOD_CARD, "other.md": other})
    lines = run_cli(root, "list").output.splitlines()
    assert lines[0].split()[:3] == ["demo", "1", "notes"] and lines[0].endswith("ML Interview::Demo")
    assert lines[1].split()[:3] == ["other", "2", "notes"] and lines[1].endswith("ML Interview::Other")
    assert lines[2].split()[:3] == ["total", "3", "notes"]


def test_build_finds_the_project_from_a_subfolder(make_project, monkeypatch):
    root = make_project()
    monkeypatch.chdir(root / "cards")
    result = CliRunner().invoke(build_deck.cli, ["build"])
    assert result.exit_code == 0, result.output
    assert (root / "dist" / "demo.apkg").is_file()


def test_unknown_topic_is_an_error(make_project, run_cli):
    result = run_cli(make_project(), "build", "nope")
    assert result.exit_code == 1
    assert "unknown topic 'nope' (known: demo)" in result.output


def test_nothing_changed_is_said_and_nothing_is_written(make_project, run_cli):
    root = make_project()
    assert run_cli(root, "build").exit_code == 0
    stamps = {p: p.stat().st_mtime_ns for p in (root / "dist").iterdir()}
    result = run_cli(root, "build")
    assert result.output.strip() == "Nothing changed since the last build: the 2 deck(s) are up to date."
    assert {p: p.stat().st_mtime_ns for p in (root / "dist").iterdir()} == stamps


def test_check_passes_on_good_sources(make_project, run_cli):
    result = run_cli(make_project(), "check")
    assert result.exit_code == 0
    assert result.output.strip().endswith("OK: 1 cards in 1 topics (0 retired), 0 figures.")


def test_coverage_reports_per_document_and_fails_on_unknown_card(make_project, run_cli):
    root = make_project()
    (root / "coverage").mkdir()
    (root / "coverage" / "demo.yaml").write_text(
        "ronakdm:\n  - concept: Subscripts\n    cards: [demo-good]\n  - concept: Ghost\n    cards: [demo-ghost]\n")
    result = run_cli(root, "coverage")
    assert result.exit_code == 1
    row = next(line for line in result.output.splitlines() if line.startswith("ronakdm"))
    assert row.split()[1:4] == ["2", "1", "1"]  # the ghost card teaches nothing
    assert "coverage/demo.yaml:4: concept 'Ghost' names unknown card 'demo-ghost'" in result.output


def test_readme_tables_and_plan_match_the_cards():
    sys.path.insert(0, str(REPO / "scripts"))
    from update_readme import refreshed

    readme = (REPO / "README.md").read_text()
    assert refreshed(readme) == readme, "the README is stale: run `.venv/bin/python scripts/update_readme.py`"
