"""Releases: versions in every deck's description, and a CHANGELOG.md generated from notes.lock and the cards."""
import json
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


def test_a_card_retired_in_an_earlier_release_is_not_retired_again(make_project):
    root = make_project({"demo.md": V1})
    release(root, "1.0.0", "2026-11-01")
    (root / "cards" / "demo.md").write_text(V2)
    release(root, "1.1.0", "2026-11-15")
    reworded = V2.replace("Merged into the card on d.", "Merged into the card on $d$.")
    (root / "cards" / "demo.md").write_text(reworded + "\n" + card("demo-e", "What is $e$?"))
    third = release(root, "1.2.0", "2026-12-02")
    assert "4 notes in 1 decks: 1 added, 0 changed, 0 retired." in third
    assert "demo-c" not in third


def test_release_refuses_an_older_or_malformed_version(make_project):
    root = make_project({"demo.md": V1})
    release(root, "1.0.0", "2026-11-01")
    with pytest.raises(BuildError, match="not newer than the last release, 1.0.0"):
        release(root, "0.9.0", "2026-11-02")
    with pytest.raises(BuildError, match="not MAJOR.MINOR.PATCH"):
        release(root, "v2", "2026-11-02")


def test_a_released_card_keeps_its_type_and_every_cloze_gap(make_project):
    from mldeck.build import build
    from mldeck.problems import SourceError

    cloze = "## demo-z\n\n```yaml\ntype: cloze\npriority: core\n```\n\nGaps {{c1::one}} and {{c2::two}}.\n"
    root = make_project({"demo.md": V1 + "\n" + cloze})
    release(root, "1.0.0", "2026-11-01")
    lock = json.loads((root / "notes.lock").read_text())
    assert (lock["demo-z"]["released_type"], lock["demo-z"]["released_cards"]) == ("cloze", 2)

    text = (root / "cards" / "demo.md").read_text()
    line = {card_id: text[:text.index(f"## {card_id}")].count("\n") + 1 for card_id in ("demo-a", "demo-z")}
    for changed, expected in [
        (text.replace(" and {{c2::two}}", " and two"),
         f"cards/demo.md:{line['demo-z']}: cloze card 'demo-z' was released with c1 to c2: without c2, learners "
         "keep an empty card"),
        (text.replace("## demo-a\n\n```yaml\n", "## demo-a\n\n```yaml\ntype: reversed\n"),
         f"cards/demo.md:{line['demo-a']}: card 'demo-a' was released as a basic card: Anki cannot change a note's "
         "type in an update"),
    ]:
        (root / "cards" / "demo.md").write_text(changed)
        with pytest.raises(SourceError) as error:
            build(root)
        assert len(error.value.problems) == 1 and str(error.value.problems[0]).startswith(expected)
    (root / "cards" / "demo.md").write_text(text.replace("{{c2::two}}.", "{{c2::two}}, {{c3::three}}."))
    build(root)  # an added gap is a new card, which an update can bring


def test_a_card_written_and_deleted_between_releases_leaves_no_trace(make_project):
    from mldeck.build import build

    root = make_project({"demo.md": V1})
    release(root, "1.0.0", "2026-11-01")
    (root / "cards" / "demo.md").write_text(V1 + "\n" + card("demo-e", "What is $e$?"))
    build(root)
    (root / "cards" / "demo.md").write_text(V1)
    release(root, "1.1.0", "2026-12-01")
    assert "demo-e" not in (root / "notes.lock").read_text()


def test_a_release_whose_last_build_fails_changes_nothing(make_project, monkeypatch):
    import mldeck.release
    from mldeck.build import build

    root = make_project({"demo.md": V1})
    release(root, "1.0.0", "2026-11-01")
    (root / "cards" / "demo.md").write_text(V2)
    build(root)
    before = {name: (root / name).read_bytes() for name in ("CHANGELOG.md", "notes.lock", "dist/demo.apkg")}
    calls = []

    def failing_second_build(*args, **kwargs):  # e.g. the disk fills while the released decks are written
        calls.append(1)
        if len(calls) == 2:
            raise BuildError("cannot write dist: No space left on device")
        return build(*args, **kwargs)

    monkeypatch.setattr(mldeck.release, "build", failing_second_build)
    with pytest.raises(BuildError, match="No space left"):
        release(root, "1.1.0", "2026-12-02")
    assert {name: (root / name).read_bytes() for name in before} == before
