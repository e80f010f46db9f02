"""Releases: versions in every deck's description, and a CHANGELOG.md generated from notes.lock and the cards."""
import sqlite3
import zipfile

import pytest

from conftest import HEADER, card
from mldeck.problems import BuildError
from mldeck.release import release

V1 = HEADER + card("demo-a", "What is $a$?") + "\n" + card("demo-b", "What is $b$?") + "\n" + \
    card("demo-c", "What is $c$?")
V2 = HEADER + card("demo-a", "What is $a$?", back="Sharper.") + "\n" + card("demo-b", "What is $b$?") + "\n" + \
    card("demo-d", "What is $d$?") + "\n# Retired\n\n" + \
    card("demo-c", "What is $c$?", retired="Merged into the card on d.", replaced_by="[demo-d]")


def description(apkg):
    with zipfile.ZipFile(apkg) as archive:
        data = archive.read("collection.anki2")
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    import json

    decks = json.loads(db.execute("select decks from col").fetchone()[0])
    return next(d["desc"] for d in decks.values() if d["name"] == "ML Interview::Demo")


def test_release_records_version_and_writes_changelog(make_project):
    root = make_project({"demo.md": V1})
    first = release(root, "1.0.0", "2026-11-01")
    assert first.startswith("## 1.0.0 (2026-11-01)\n\n3 notes in 1 decks: 3 added, 0 changed, 0 retired.")
    assert "Version 1.0.0 (2026-11-01)." in description(root / "dist" / "demo.apkg")

    (root / "cards" / "demo.md").write_text(V2)
    from mldeck.build import build
    build(root)
    assert "Version 1.0.0 (2026-11-01), plus unreleased changes." in description(root / "dist" / "demo.apkg")

    second = release(root, "1.1.0", "2026-12-02")
    assert "3 notes in 1 decks: 1 added, 1 changed, 1 retired." in second
    assert "### Added\n\n- Demo: What is $d$? (`demo-d`)" in second
    assert "### Changed\n\n- Demo: What is $a$? (`demo-a`)" in second
    assert "### Retired\n\n- Demo: What is $c$? (`demo-c`). Merged into the card on d. Replaced by: What is $d$?." \
        in second
    assert "demo-b" not in second
    changelog = (root / "CHANGELOG.md").read_text()
    assert changelog.index("## 1.1.0") < changelog.index("## 1.0.0")  # newest first
    assert "Version 1.1.0 (2026-12-02)." in description(root / "dist" / "demo.apkg")


def test_release_refuses_an_older_or_malformed_version(make_project):
    root = make_project({"demo.md": V1})
    release(root, "1.0.0", "2026-11-01")
    with pytest.raises(BuildError, match="not newer than the last release, 1.0.0"):
        release(root, "0.9.0", "2026-11-02")
    with pytest.raises(BuildError, match="not MAJOR.MINOR.PATCH"):
        release(root, "v2", "2026-11-02")
