"""Anki add-on used by scripts/screenshots.py: import a deck, show chosen cards, save screenshots."""
import json
import os
from pathlib import Path

from aqt import gui_hooks, mw
from aqt.qt import QTimer
from aqt.theme import Theme

CONFIG = json.loads(Path(os.environ["SCREENSHOT_CONFIG"]).read_text())
WAIT_MS = 2500  # the reviewer's webview and MathJax typeset asynchronously


def import_deck():
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Cond

    mw.col.import_anki_package(ImportAnkiPackageRequest(
        package_path=CONFIG["apkg"],
        options=ImportAnkiPackageOptions(
            merge_notetypes=False, with_scheduling=False, with_deck_configs=False,
            update_notes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            update_notetypes=Cond.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER)))


def steps():
    """Each yield hands control back to Qt for WAIT_MS, so the page can render."""
    import_deck()
    for shot in CONFIG["shots"]:
        mw.set_theme(Theme.DARK if shot["night"] else Theme.LIGHT)
        mw.resize(shot["width"], shot["height"])
        did = mw.col.decks.new_filtered(f"Screenshot {shot['name']}")
        deck = mw.col.decks.get(did)
        deck["terms"] = [[f"Id:{shot['card']} card:{shot.get('ord', 1)}", 1, 0]]
        mw.col.decks.save(deck)
        mw.col.sched.rebuild_filtered_deck(did)
        mw.col.decks.select(did)
        mw.moveToState("review")
        yield
        if shot.get("answer", True):
            mw.reviewer._showAnswer()
            yield
        mw.web.grab().save(str(Path(CONFIG["out"]) / f"{shot['name']}.png"), "PNG", 9)
        mw.moveToState("deckBrowser")
        mw.col.sched.empty_filtered_deck(did)
        mw.col.decks.remove([did])
        yield
    mw.unloadProfileAndExit()


def run(iterator):
    try:
        next(iterator)
    except StopIteration:
        return
    QTimer.singleShot(WAIT_MS, lambda: run(iterator))


gui_hooks.profile_did_open.append(lambda: QTimer.singleShot(WAIT_MS, lambda: run(steps())))
