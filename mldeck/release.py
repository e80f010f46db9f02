"""Releases: a version and date for the decks, and a CHANGELOG.md section listing what changed for learners."""
import re
from pathlib import Path

from .build import build, load
from .problems import BuildError, SourceError
from .render import reminder

VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def as_tuple(version):
    return tuple(int(part) for part in version.split("."))


def changes(project):
    """Cards added, changed and retired since the last release, per notes.lock (after a build)."""
    added, changed, retired = [], [], []
    for topic in project.topics:
        for card in topic.cards:
            entry = project.lock.cards.get(card.id, {})
            released = entry.get("released")
            if released == entry.get("hash"):
                continue
            if card.retired:
                if released is not None and not entry.get("released_retired"):  # retired since the last release
                    retired.append((topic, card))
            elif released is None:
                added.append((topic, card))
            else:
                changed.append((topic, card))
    return added, changed, retired


def section(version, day, project, added, changed, retired):
    """The CHANGELOG.md section for a release."""
    active = [card for card in project.cards() if not card.retired]
    lines = [f"## {version} ({day})", "",
             f"{len(active)} notes in {len(project.topics)} decks: {len(added)} added, {len(changed)} changed, "
             f"{len(retired)} retired.", ""]
    cards_by_id = {card.id: card for card in project.cards()}
    for title, items in (("Added", added), ("Changed", changed), ("Retired", retired)):
        if not items:
            continue
        lines += [f"### {title}", ""]
        for topic, card in items:
            line = f"- {topic.deck}: {reminder(card)} (`{card.id}`)"
            if card.retired:
                line += f". {card.retired}"
                if card.replaced_by:
                    line += " Replaced by: " + "; ".join(reminder(cards_by_id[o]) for o in card.replaced_by
                                                         if o in cards_by_id) + "."
            lines.append(line)
        lines.append("")
    return "\n".join(lines)


def release(root, version, day, progress=None):
    """Build, record the release in notes.lock, add its CHANGELOG.md section, and build again."""
    root = Path(root).resolve()
    if not VERSION.match(version):
        raise BuildError(f"version '{version}' is not MAJOR.MINOR.PATCH, e.g. 1.2.0")
    build(root, progress=progress)
    project, problems = load(root)
    if problems:
        raise SourceError(problems)
    last = project.lock.release.get("version")
    if last and as_tuple(version) <= as_tuple(last):
        raise BuildError(f"version {version} is not newer than the last release, {last}")
    added, changed, retired = changes(project)
    text = section(version, day, project, added, changed, retired)
    changelog, lock_path = root / "CHANGELOG.md", root / "notes.lock"
    before = {path: path.read_bytes() if path.exists() else None for path in (changelog, lock_path)}
    old = before[changelog].decode("utf-8") if before[changelog] else "# Changelog\n\n"
    head, _, rest = old.partition("\n## ")
    lock = project.lock  # as the first build left it
    lock.release = {"version": version, "date": day}
    cards = {card.id: card for card in project.cards()}
    for key in [k for k, e in lock.cards.items() if k not in cards and "released" not in e]:
        del lock.cards[key]  # a card written and deleted since the last release: nobody has it
    for key, card in cards.items():  # what an update may not take away: the content, the type, each card
        lock.cards[key].update(released=lock.cards[key]["hash"], released_type=card.type,
                               released_cards=card.anki_cards(), released_retired=bool(card.retired))
    try:
        changelog.write_text(head.rstrip("\n") + "\n\n" + text + ("\n## " + rest if rest else ""), encoding="utf-8")
        lock_path.write_text(lock.text(), encoding="utf-8")
        build(root, progress=progress)
    except BaseException:  # the release did not happen: put both files back as they were
        for path, data in before.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        raise
    return text
