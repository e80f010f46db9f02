"""Note types, decks and .apkg files, with identities that never change."""
import errno
import functools
import hashlib
import itertools
import json
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki

# Identity: these ids, the GUID namespace, the field lists and the template names are
# frozen. Changing any of them makes Anki treat every note as new (lost review history)
# or refuse to update notes. Add new note types instead of editing these.
BASIC_MODEL_ID = 1262140143
REVERSED_MODEL_ID = 1199277926
CLOZE_MODEL_ID = 1526296619
GUID_NAMESPACE = "ml-interview-flashcards"
ROOT_DECK = "ML Interview"
BASIC_FIELDS = ["Id", "Front", "Back", "Extra", "Source", "Related"]
CLOZE_FIELDS = ["Id", "Text", "Extra", "Source", "Related"]

FOOTER = (
    '{{#Extra}}<div class="extra"><div class="extra-label">Extra</div>{{Extra}}</div>{{/Extra}}'
    '{{#Related}}<div class="related">{{Related}}</div>{{/Related}}'
    '<div class="source">{{Source}}</div>'
)


@functools.lru_cache(maxsize=1)
def css():
    """The card stylesheet with Pygments colours for light and night mode."""
    from pygments.formatters import HtmlFormatter

    light = HtmlFormatter(style="default").get_style_defs(".highlight")
    dark = HtmlFormatter(style="github-dark").get_style_defs([".nightMode .highlight", ".night_mode .highlight"])
    # card.css comes first; its ".card .highlight" background outranks Pygments' ".highlight" in light mode.
    return Path(__file__).with_name("card.css").read_text(encoding="utf-8") + "\n" + light + "\n" + dark + "\n"


def wrap(body):
    """Card HTML inside the container the stylesheet expects."""
    return f'<div class="card-content">{body}</div>'


def template(name, question, answer=""):
    """A card template: the question, then on the back the question, the answer and the footer."""
    front = f'<div class="front">{question}</div>'
    return {"name": name, "qfmt": wrap(front), "afmt": wrap(front + answer + FOOTER)}


def models():
    """The three note types, by card type (new objects each time: genanki adds keys to them as it writes)."""
    style = css()
    basic_fields = [{"name": f} for f in BASIC_FIELDS]
    answer = '<hr id="answer"><div class="back">{}</div>'
    basic = genanki.Model(
        BASIC_MODEL_ID, "ML Interview Basic", fields=basic_fields,
        templates=[template("Card 1", "{{Front}}", answer.format("{{Back}}"))], css=style, sort_field_index=1)
    reversed_ = genanki.Model(
        REVERSED_MODEL_ID, "ML Interview Basic (and reversed)", fields=basic_fields,
        templates=[template("Card 1", "{{Front}}", answer.format("{{Back}}")),
                   template("Card 2", "{{Back}}", answer.format("{{Front}}"))], css=style, sort_field_index=1)
    cloze = genanki.Model(
        CLOZE_MODEL_ID, "ML Interview Cloze", fields=[{"name": f} for f in CLOZE_FIELDS],
        templates=[template("Cloze", "{{cloze:Text}}")], css=style, model_type=genanki.Model.CLOZE,
        sort_field_index=1)
    return {"basic": basic, "reversed": reversed_, "cloze": cloze}


def deck_id(name):
    """A deck id that is a stable hash of the deck's full name."""
    digest = int(hashlib.sha256(name.encode()).hexdigest()[:15], 16)
    return (1 << 30) + digest % (1 << 30)


def guid(card_id):
    """The note GUID: from the permanent card id only, never from its text."""
    return genanki.guid_for(GUID_NAMESPACE, card_id)


class StampedNote(genanki.Note):
    """A note whose modification time is its own, so Anki updates only what changed."""

    def __init__(self, mtime, **kwargs):
        super().__init__(**kwargs)
        self.mtime = mtime

    def write_to_db(self, cursor, timestamp, deck_id, id_gen):
        super().write_to_db(cursor, self.mtime, deck_id, id_gen)


def content_hash(*values):
    """A hash of everything Anki would see change."""
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]


def version_line(release, changed):
    """The version shown in every deck's description."""
    if not release:
        return "Unreleased build."
    line = f"Version {release['version']} ({release['date']})"
    return line + ", plus unreleased changes." if changed else line + "."


def deck_description(description, notes, version):
    """A deck's description in Anki's overview: what it is, how many notes, and the version."""
    text = f"<p>{description}</p>" if description else ""
    return text + f"<p>{notes} notes. {version}</p>"


def stamp(notes: list, decks_info: dict, lock, now: int) -> tuple[int, dict]:
    """The note types' latest time and each note's time, from notes.lock; what changed gets a new time."""
    model_by_type = models()
    model_time = max(lock.stamp(lock.models, m.name, content_hash(m.fields, m.templates, m.css), now)
                     for m in model_by_type.values())
    times = {}
    for note in notes:
        model = model_by_type[note.type]
        fields = [note.field(f["name"]) for f in model.fields]
        full = f"{ROOT_DECK}::{decks_info[note.topic][0]}"
        digest = content_hash(model.model_id, fields, note.tags, full)
        times[note.card_id] = lock.stamp(lock.cards, note.card_id, digest, now, topic=note.topic)
    return model_time, times


class DeckNotes:
    """A deck's genanki notes, made each time genanki reads them, so 100,000 notes are never all held at once."""

    def __init__(self, make, items):
        self.make, self.items = make, items

    def __iter__(self):
        return map(self.make, self.items)

    def __len__(self):
        return len(self.items)


def build_package(notes: list, decks_info: dict, times: dict, model_time: int, all_decks: bool,
                  version: str) -> tuple[list, int]:
    """genanki decks holding the notes, each with its own time, and the package's timestamp."""
    model_by_type = models()
    decks = {}
    if all_decks:
        active = sum("ml::retired" not in note.tags for note in notes)
        decks[ROOT_DECK] = genanki.Deck(deck_id(ROOT_DECK), ROOT_DECK, description=deck_description(
            "Machine-learning interview flashcards: every topic as a subdeck.", active, version))
    # retired notes go last: Anki gives a new learner's new cards their positions in package order
    notes = sorted(notes, key=lambda note: "ml::retired" in note.tags)
    placed = {}
    for position, note in enumerate(notes):
        name, description, count = decks_info[note.topic]
        full = f"{ROOT_DECK}::{name}"
        if full not in decks:
            decks[full] = genanki.Deck(deck_id(full), full, description=deck_description(description, count, version))
        placed.setdefault(full, []).append((position, note))

    def make(item):
        position, note = item
        model = model_by_type[note.type]
        return StampedNote(times[note.card_id], model=model, fields=[note.field(f["name"]) for f in model.fields],
                           tags=list(note.tags), guid=guid(note.card_id), due=position)

    for full, items in placed.items():
        decks[full].notes = DeckNotes(make, items)
    return list(decks.values()), max([model_time, *(times[note.card_id] for note in notes)])


def write_apkg(decks: list, media: list, timestamp: int, handle) -> None:
    """Write an .apkg to an open binary file, byte for byte the same for the same input.

    ``media`` is sorted (name, bytes) pairs. The collection goes through a temporary file, not memory,
    so a deck of 100,000 notes does not hold its database twice.
    """
    package = genanki.Package(decks)
    with tempfile.TemporaryDirectory(prefix="mldeck-") as tmp:
        path = Path(tmp) / "collection.anki2"
        try:
            conn = sqlite3.connect(path)
            package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            conn.commit()
            conn.close()
        except sqlite3.Error as error:  # a full disk shows up here first; report it like any failed write
            raise OSError(errno.EIO, f"{error} while writing the collection database") from None
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            with open(path, "rb") as database, archive.open(zip_info("collection.anki2"), "w") as entry:
                shutil.copyfileobj(database, entry, 1 << 20)
            archive.writestr(zip_info("media"), json.dumps({str(i): name for i, (name, _) in enumerate(media)}))
            for index, (_, data) in enumerate(media):
                archive.writestr(zip_info(str(index)), data)


def zip_info(name):
    """A zip entry with a fixed date, so archives are reproducible."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
