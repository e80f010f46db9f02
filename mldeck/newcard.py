"""Start a new card: a stub with a fresh, unused id, placed in a topic file where the author asks."""
import re
from collections import Counter
from pathlib import Path

from .build import load
from .load import SLUG, slugify
from .problems import BuildError
from .scan import fences

STUB = "TODO:"
PARTS = {
    "basic": ["{todo} the question: one target, and name its context", "{todo} the answer, about 25 words",
              "{todo} Extra: why, a derivation, caveats (or delete this part and the '---' above it)"],
    "reversed": ["{todo} the first side: a term or a question that works both ways", "{todo} the second side",
                 "{todo} Extra: why, a derivation, caveats (or delete this part and the '---' above it)"],
    "cloze": ["{todo} a sentence with {{{{c1::the hidden part}}}}",
              "{todo} Extra: why, a derivation, caveats (or delete this part and the '---' above it)"],
}


def stub(card_id, card_type):
    """The Markdown of a new card."""
    meta = "priority: core\n" + (f"type: {card_type}\n" if card_type != "basic" else "")
    parts = [p.format(todo=STUB) for p in PARTS[card_type]]
    return f"## {card_id}\n\n```yaml\n{meta}```\n\n" + "\n\n---\n\n".join(parts) + "\n"


def fresh_id(project, topic):
    """The topic's most common id prefix and the first unused number: e.g. 'stats-new-3'."""
    prefixes = Counter(card.id.split("-")[0] for card in topic.cards)
    prefix = prefixes.most_common(1)[0][0] if prefixes else topic.slug
    taken = {card.id for card in project.cards()} | set(project.lock.cards)
    number = 1
    while f"{prefix}-new-{number}" in taken:
        number += 1
    return f"{prefix}-new-{number}"


def insertion_line(lines, topic, after, subtopic):
    """The index of the line before which the new card goes."""
    kinds = dict(fences(lines))
    headings = [(i, line) for i, line in enumerate(lines) if kinds.get(i) == "text" and line.startswith("#")]
    if after:
        card = next((c for c in topic.cards if c.id == after), None)
        if card is None:
            raise BuildError(f"no card '{after}' in {topic.path}")
        return next((i for i, _ in headings if i > card.line - 1), len(lines))
    if subtopic:
        start = next((i for i, line in headings if line.startswith("# ") and slugify(line[2:]) == slugify(subtopic)),
                     None)
        if start is None:
            known = [line[2:].strip() for _, line in headings if line.startswith("# ")]
            raise BuildError(f"no subtopic '{subtopic}' in {topic.path} (found: {', '.join(known)})")
        return next((i for i, line in headings if i > start and line.startswith("# ")), len(lines))
    retired = next((i for i, line in headings if line.startswith("# ") and slugify(line[2:]) == "retired"), None)
    return retired if retired is not None else len(lines)


def add_card(root, slug, card_type="basic", after=None, subtopic=None, card_id=None):
    """Insert a stub; return (path, line of its heading, id)."""
    root = Path(root).resolve()
    project, _ = load(root)
    topic = next((t for t in project.topics if t.slug == slug), None)
    if topic is None:
        raise BuildError(f"no topic '{slug}' (known: {', '.join(t.slug for t in project.topics)}); a new topic is a "
                         "new file cards/<topic>.md with front matter, see docs/card-format.md")
    if card_id is None:
        card_id = fresh_id(project, topic)
    elif not SLUG.match(card_id):
        raise BuildError(f"card id '{card_id}' is not a slug: use lowercase letters, digits and '-'")
    elif card_id in {c.id for c in project.cards()} | set(project.lock.cards):
        raise BuildError(f"card id '{card_id}' is taken (ids are never reused)")
    path = root / topic.path
    lines = path.read_text(encoding="utf-8").split("\n")
    at = insertion_line(lines, topic, after, subtopic)
    before = lines[:at]
    while before and not before[-1].strip():
        before.pop()
    new = stub(card_id, card_type).rstrip("\n").split("\n")
    after_lines = lines[at:]
    text = "\n".join(before + [""] + new + ([""] + after_lines if after_lines and any(after_lines) else [""]))
    path.write_text(re.sub(r"\n*\Z", "\n", text), encoding="utf-8")
    return topic.path, len(before) + 2, card_id
