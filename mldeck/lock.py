"""notes.lock: per note and note type, a hash of what Anki sees and the time it last changed; the last
release (version, date, each card's hash then); and each drawn figure's inputs and PNG.

Anki updates a note only when the package's copy is newer, so a note's time moves exactly when its
content does. The file is one flat JSON map with one entry per line, so that git merges it line by
line: each card under its id, as since the first release, and the rest under keys no card id can have
(``release:last``, ``model:<name>``, ``figure:<name>``).
"""
import json
import re
from dataclasses import dataclass, field

from .problems import Problem

FIRST_RELEASE = {"version": "0.1.0", "date": "2026-11-22"}  # the decks published before this file had releases
RELEASE_KEY = "release:last"
PREFIXES = {"models": "model:", "figures": "figure:"}


@dataclass
class Lock:
    """The contents of notes.lock, changed in memory by a build and written back only by a full build."""

    release: dict = field(default_factory=dict)
    models: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    cards: dict = field(default_factory=dict)

    def stamp(self, table, key, digest, now, **extra):
        """The recorded time for this content, or a new one (strictly later than the last) if it changed."""
        entry = table.get(key)
        if not entry or entry["hash"] != digest:
            mtime = max(now, entry["mtime"] + 1) if entry else now
            entry = {**(entry or {}), "hash": digest, "mtime": mtime}
        entry.update(extra)
        table[key] = entry
        return entry["mtime"]

    def released_ids(self):
        """Ids of cards some release has shipped."""
        return {key for key, entry in self.cards.items() if "released" in entry}

    def text(self):
        """The file's text: the release, note types, figures, then cards, each group sorted, one entry per line."""
        entries = [(RELEASE_KEY, self.release)]
        for name, table in (("models", self.models), ("figures", self.figures), ("cards", self.cards)):
            entries += [(PREFIXES.get(name, "") + key, table[key]) for key in sorted(table)]
        rows = [f" {json.dumps(key)}: {json.dumps(entry, sort_keys=True)}" for key, entry in entries]
        return "{\n" + ",\n".join(rows) + "\n}\n"


def line_of(text, key):
    """The line where a key's entry starts, for messages."""
    match = re.search(rf'^\s*{re.escape(json.dumps(key))}:', text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def load_lock(path, problems):
    """The lock file (empty if absent), reporting anything unreadable at its line."""
    if not path.exists():
        return Lock()
    rel = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(rel, 1, f"cannot read: {error}"))
        return None
    conflict = re.search(r"^(<<<<<<<|=======|>>>>>>>)", text, re.M)
    if conflict:
        problems.append(Problem(rel, text.count("\n", 0, conflict.start()) + 1,
                                "git merge conflict markers: keep the main branch's copy (git checkout --theirs "
                                "notes.lock during a merge, --ours during a rebase), then build again; the build "
                                "gives your edited cards new times"))
        return None
    try:
        data = json.loads(text)
    except ValueError as error:
        problems.append(Problem(rel, getattr(error, "lineno", 1), f"not valid JSON ({getattr(error, 'msg', error)}): "
                                                                  "restore it from git (git checkout notes.lock)"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(rel, 1, "must be a JSON object: restore it from git (git checkout notes.lock)"))
        return None
    flat = RELEASE_KEY in data  # the current format; one with a "cards" table (0.2.x) is read as it is
    if flat:
        data = grouped(data)
    elif "cards" not in data:  # the first format (0.1.0): cards and note types only, all of them released
        data = migrate(data)
    lock = Lock()
    for name, shape in (("release", {"version": str, "date": str}), ("models", None), ("figures", None),
                        ("cards", None)):
        value = data.get(name, {})
        if not isinstance(value, dict):
            key = RELEASE_KEY if flat and name == "release" else name
            problems.append(Problem(rel, line_of(text, key), f"'{key}' must be a JSON object"))
            return None
        if shape:
            setattr(lock, name, {k: v for k, v in value.items() if isinstance(v, shape.get(k, object))})
            continue
        needs = {"key": str, "png": str} if name == "figures" else {"hash": str, "mtime": int}
        for key, entry in value.items():
            if not isinstance(entry, dict) or not all(isinstance(entry.get(k), t) for k, t in needs.items()):
                fields = " and ".join(f"{k} ({'text' if t is str else 'a whole number'})" for k, t in needs.items())
                shown = PREFIXES.get(name, "") + key if flat else key
                problems.append(Problem(rel, line_of(text, shown), f"entry '{shown}' must have {fields}: restore the "
                                                                   "file from git (git checkout notes.lock)"))
                return None
        setattr(lock, name, dict(value))
    return lock


def grouped(flat):
    """The file's flat map as the tables a Lock holds."""
    data = {"release": flat[RELEASE_KEY], "models": {}, "figures": {}, "cards": {}}
    for key, entry in flat.items():
        if key == RELEASE_KEY:
            continue
        name = next((n for n, prefix in PREFIXES.items() if key.startswith(prefix)), "cards")
        data[name][key[len(PREFIXES.get(name, "")):]] = entry
    return data


def migrate(flat):
    """The first lock format (one flat map, all of it released as 0.1.0) in the current shape."""
    lock = {"release": dict(FIRST_RELEASE), "models": {}, "figures": {}, "cards": {}}
    for key, entry in flat.items():
        if key.startswith("model:"):
            lock["models"][key[len("model:"):]] = entry
        elif isinstance(entry, dict):
            lock["cards"][key] = {**entry, "released": entry.get("hash")}
        else:
            lock["cards"][key] = entry
    return lock
