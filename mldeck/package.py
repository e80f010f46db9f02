"""Note types, decks and .apkg files, with identities that never change."""
import hashlib
import itertools
import json
import os
import sqlite3
import tempfile
import time
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
    """The three note types, by card type."""
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


class Stamps:
    """Modification times that move only when content changes (kept in notes.lock)."""

    def __init__(self, path):
        self.path = Path(path)
        self.entries = json.loads(self.path.read_text()) if self.path.exists() else {}
        self.now = int(time.time())

    def mtime(self, key, digest):
        """The recorded time for this content, or now if it changed."""
        entry = self.entries.get(key)
        if not entry or entry["hash"] != digest:
            # strictly newer than the last version, even for two edits within one second
            entry = {"hash": digest, "mtime": max(self.now, entry["mtime"] + 1) if entry else self.now}
            self.entries[key] = entry
        return entry["mtime"]

    def save(self, keep):
        """Write the lock file with only the given keys, if anything changed."""
        entries = {k: v for k, v in sorted(self.entries.items()) if k in keep}
        text = json.dumps(entries, indent=1, sort_keys=True) + "\n"
        if not self.path.exists() or self.path.read_text() != text:
            write_atomic(self.path, text.encode())


def write_atomic(path, data):
    """Write bytes to a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def build_package(notes, deck_names, stamps, all_decks):
    """genanki decks holding the notes, and the package's timestamp."""
    model_by_type = models()
    model_times = [stamps.mtime(f"model:{m.name}", content_hash(m.fields, m.templates, m.css)) for m in model_by_type.values()]
    decks = {}
    if all_decks:
        decks[ROOT_DECK] = genanki.Deck(deck_id(ROOT_DECK), ROOT_DECK, description="Machine-learning interview flashcards.")
    times = list(model_times)
    for position, note in enumerate(notes):
        name, description = deck_names[note.topic]
        full = f"{ROOT_DECK}::{name}"
        if full not in decks:
            decks[full] = genanki.Deck(deck_id(full), full, description=description)
        model = model_by_type[note.type]
        mtime = stamps.mtime(note.card_id, content_hash(model.model_id, note.fields, note.tags, full))
        times.append(mtime)
        decks[full].add_note(StampedNote(mtime, model=model, fields=list(note.fields), tags=list(note.tags),
                                         guid=guid(note.card_id), due=position))
    return list(decks.values()), max(times)


def write_apkg(decks, media, timestamp, path):
    """Write an .apkg byte for byte the same for the same input; no temp files left."""
    package = genanki.Package(decks)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        conn.commit()
        conn.close()
        out = Path(tmp) / "out.apkg"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zip_info("collection.anki2"), db_path.read_bytes())
            archive.writestr(zip_info("media"), json.dumps({str(i): name for i, (name, _) in enumerate(media)}))
            for index, (_, source) in enumerate(media):
                archive.writestr(zip_info(str(index)), Path(source).read_bytes())
        write_atomic(path, out.read_bytes())


def zip_info(name):
    """A zip entry with a fixed date, so archives are reproducible."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
