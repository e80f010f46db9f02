"""Refresh the README's generated blocks (deck table, coverage table, example plan) from the cards.

Usage: .venv/bin/python scripts/update_readme.py   (a test fails when the README is stale)
"""
import re
import sys
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BLOCK = re.compile(r"(<!-- (\w+): build-deck ([^>]*?) -->\n)(.*?)(<!-- /\2 -->)", re.S)


def generated(command):
    """What `build-deck <command>` prints for the repository."""
    import build_deck

    result = CliRunner().invoke(build_deck.cli, ["--root", str(REPO), *command.split()])
    if result.exit_code:
        raise SystemExit(result.output)
    return result.output


def refreshed(text):
    """The README with every generated block rewritten."""
    def replace(match):
        body = generated(match.group(3))
        if match.group(2) == "plan":
            body = "```\n" + body.rstrip("\n") + "\n```\n"
        return match.group(1) + body + match.group(5)

    return BLOCK.sub(replace, text)


def main():
    path = REPO / "README.md"
    path.write_text(refreshed(path.read_text()))


if __name__ == "__main__":
    main()
