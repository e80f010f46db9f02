"""Screenshots of real cards in the real Anki desktop app (aqt under Xvfb), for the README.

Usage: .venv/bin/python scripts/screenshots.py   (needs `make test`'s setup: aqt, xvfb)
Writes docs/screenshots/*.png: a formula, a figure and a code card, light and night, desktop and phone width.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CARDS = {"formula": "stats-change-of-variables", "figure": "dl-tanh-vs-sigmoid", "code": "unsup-kmeans-code"}
README_SHOTS = ["formula-light-desktop", "figure-night-phone", "code-night-desktop"]
SIZES = {"desktop": (900, 760), "phone": (390, 820)}
LAUNCH = """
import sys, aqt, aqt.profiles
# a fresh base folder would open the modal first-run language dialog
aqt.profiles.ProfileManager.setDefaultLang = lambda self, idx: self.setLang("en_US")
sys.argv = ["anki", "-b", sys.argv[1]]
aqt.run()
"""


def all_shots():
    """Every card kind in light and night mode, at desktop and phone width."""
    return [{"name": f"{kind}-{mode}-{size}", "card": card, "night": mode == "night",
             "width": SIZES[size][0], "height": SIZES[size][1]}
            for kind, card in CARDS.items() for mode in ("light", "night") for size in SIZES]


def take(shots, out):
    """Build the decks, import them into a throw-away Anki profile and save the screenshots."""
    from mldeck.build import build

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        written = dict((p.stem, p) for p, _ in build(REPO, tmp / "dist").written)
        base = tmp / "anki"
        addon = base / "addons21" / "screenshots"
        addon.mkdir(parents=True)
        shutil.copy(REPO / "scripts" / "anki_screenshot_addon.py", addon / "__init__.py")
        config = tmp / "config.json"
        config.write_text(json.dumps({"apkg": str(written["ml-interview"]), "out": str(out), "shots": shots}))
        env = {**os.environ, "SCREENSHOT_CONFIG": str(config),
               "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu", "ANKI_NOVERIFYSSL": "1"}
        subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", sys.executable, "-c", LAUNCH, str(base)],
                       env=env, check=True, timeout=600)
    return [out / f"{shot['name']}.png" for shot in shots]


def main(out=REPO / "docs" / "screenshots"):
    """Regenerate the README's screenshots."""
    for path in take(all_shots(), out):
        print(path)
    compose([out / f"{name}.png" for name in README_SHOTS], out / "readme.png")


def compose(paths, target, height=600, gap=16):
    """Put screenshots side by side at one height, for the README."""
    from PIL import Image

    images = [Image.open(p).convert("RGB") for p in paths]
    images = [im.resize((round(im.width * height / im.height), height), Image.LANCZOS) for im in images]
    canvas = Image.new("RGB", (sum(im.width for im in images) + gap * (len(images) + 1), height + 2 * gap), "#8c959f")
    x = gap
    for im in images:
        canvas.paste(im, (x, gap))
        x += im.width + gap
    canvas.save(target, optimize=True)


if __name__ == "__main__":
    main()
