"""Put the decks straight into a learner's Anki collection with Anki's own backend, as an .apkg import would."""
import os
import platform
import shutil
import sqlite3
import tempfile
from pathlib import Path

from .build import ALL_IN_ONE, build
from .problems import BuildError

NOT_PROFILES = {"addons21", "logs", "crash.log"}


def anki_base():
    """Anki's standard data folder on this system."""
    if os.environ.get("ANKI_BASE"):
        return Path(os.environ["ANKI_BASE"])
    home = Path.home()
    system = platform.system()
    if system == "Darwin":
        return home / "Library" / "Application Support" / "Anki2"
    if system == "Windows":
        return Path(os.environ.get("APPDATA", home)) / "Anki2"
    return Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share")) / "Anki2"


def find_collection(path, profile):
    """The collection file: the one given, or the profile's in Anki's standard folder."""
    if path:
        if not Path(path).is_file():
            raise BuildError(f"no collection at {path}")
        return Path(path)
    base = anki_base()
    profiles = sorted(p.name for p in base.iterdir() if (p / "collection.anki2").is_file()) if base.is_dir() else []
    if not profiles:
        raise BuildError(f"no Anki profile found in {base}: open Anki once, or pass --collection PATH")
    if profile is None:
        if len(profiles) > 1:
            raise BuildError(f"several Anki profiles in {base} ({', '.join(profiles)}): choose one with --profile")
        profile = profiles[0]
    if profile not in profiles:
        raise BuildError(f"no profile '{profile}' in {base} (found: {', '.join(profiles)})")
    return base / profile / "collection.anki2"


def open_collection(path):
    """Open a collection with Anki's backend, explaining the lock Anki desktop holds while it runs."""
    from anki.collection import Collection
    from anki.errors import DBError

    try:
        return Collection(str(path))
    except DBError as error:
        if "already open" in str(error) or "locked" in str(error):
            raise BuildError(f"{path} is open in Anki (it locks the collection): close Anki, then push again") from None
        raise BuildError(f"cannot open {path}: {error}") from None


def import_package(collection, apkg):
    """Import as Anki desktop does by default: update notes that are newer, keep every card's scheduling."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Cond

    return collection.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(Path(apkg).resolve()),
        options=ImportAnkiPackageOptions(
            merge_notetypes=False, with_scheduling=False, with_deck_configs=False,
            update_notes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            update_notetypes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER))).log


def describe(log, dry_run):
    """What the import did (or would do), note by note for changes."""
    def ids(notes):
        return sorted(note.fields[0] for note in notes)

    retired = sorted(note.fields[0] for note in log.updated if 'class="retired"' in note.fields[1])
    changed = [i for i in ids(log.updated) if i not in retired]
    verb = "would be" if dry_run else ""
    lines = [f"{len(log.new)} new, {len(changed)} changed, {len(retired)} retired, {len(log.duplicate)} unchanged"
             + (f", {len(log.conflicting)} conflicting" if log.conflicting else "") + (" (dry run)" if dry_run else "")]
    for label, items in (("added", ids(log.new)), ("changed", changed), ("retired", retired),
                         ("conflicting (note type edited in Anki; not updated)", ids(log.conflicting))):
        if items:
            lines.append(f"{' '.join(w for w in (verb, label) if w)}: {', '.join(items)}")
    return "\n".join(lines)


def push(root, collection_path, profile, dry_run):
    """Build the decks, then import ml-interview.apkg into the collection (or into a copy, for a dry run)."""
    root = Path(root).resolve()
    build(root)
    apkg = root / "dist" / f"{ALL_IN_ONE}.apkg"
    path = find_collection(collection_path, profile)
    if not dry_run:
        collection = open_collection(path)
        try:
            return f"Pushed {apkg.name} into {path}\n" + describe(import_package(collection, apkg), False)
        finally:
            collection.close()
    open_collection(path).close()  # the same lock check as a real push: Anki must be closed
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "collection.anki2"
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            target = sqlite3.connect(copy)
            source.backup(target)
            source.close()
            target.close()
        except sqlite3.OperationalError:
            raise BuildError(f"{path} is open in Anki (it locks the collection): close Anki, then push again") from None
        collection = open_collection(copy)
        try:
            return f"Dry run against a copy of {path}; nothing was changed.\n" + \
                describe(import_package(collection, apkg), True)
        finally:
            collection.close()
            shutil.rmtree(Path(tmp) / "collection.media", ignore_errors=True)
