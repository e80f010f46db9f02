"""Typeset every formula with MathJax 3.2.2 in Node, as Anki would, and check it fits a phone."""
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from .check import formulas
from .problems import Problem

SCRIPT = Path(__file__).with_name("typeset.js")
MATHJAX_VERSION = "3.2.2"  # with typeset.js, what a cached verdict depends on
# A formula cannot wrap, so it must fit the narrowest common phone (360 px wide). card.css leaves
# 348 px for text there; 320 px keeps a margin for fonts and clients we cannot measure.
PHONE_WIDTH_PX = 320
EX_PER_EM = 0.55  # the tallest x-height of common phone and desktop fonts; MathJax matches it
FONT_PX = {"front": 17 * 1.05, "back": 17, "extra": 17 * 0.9}  # card.css at phone width


def available():
    """Whether Node and the npm package mathjax-full are installed beside this package."""
    return bool(shutil.which("node")) and (SCRIPT.parent.parent / "node_modules" / "mathjax-full").is_dir()


def phone_width(formula, width_ex):
    """The formula's width in CSS px on a phone."""
    return width_ex * EX_PER_EM * FONT_PX[formula.part]


def typeset_problems(cards):
    """A problem for every formula that MathJax cannot typeset or that is wider than a phone."""
    found = [formula for card in cards for formula in formulas(card)]
    if not found:
        return []
    outcomes = typeset([(f.tex, f.display) for f in found])
    problems = []
    for formula, outcome in zip(found, outcomes):
        if outcome["error"]:
            problems.append(Problem(formula.path, formula.line,
                                    f"MathJax cannot typeset ${formula.tex.strip()}$: {outcome['error']}"))
        elif phone_width(formula, outcome["width"]) > PHONE_WIDTH_PX:
            px = phone_width(formula, outcome["width"])
            problems.append(Problem(formula.path, formula.line,
                                    f"formula is {px:.0f} px wide on a phone (at most {PHONE_WIDTH_PX}): break it with "
                                    f"\\begin{{aligned}}…\\\\…\\end{{aligned}} or shorten it: ${formula.tex.strip()[:60]}$"))
    return problems


def typeset(items, cache_file=Path(".cache") / "mathjax.json"):
    """MathJax's verdict {error, width} for each (tex, display), typesetting only what the cache lacks."""
    cache_file = SCRIPT.parent.parent / cache_file
    try:
        cache = json.loads(cache_file.read_text())
    except (OSError, ValueError):
        cache = {}
    engine = hashlib.sha256(SCRIPT.read_bytes() + MATHJAX_VERSION.encode()).hexdigest()
    keys = [hashlib.sha256(f"{engine}:{int(display)}:{tex}".encode()).hexdigest()[:24] for tex, display in items]
    missing = sorted({(key, item) for key, item in zip(keys, items) if key not in cache})
    if missing:
        payload = json.dumps([{"tex": tex, "display": display} for _, (tex, display) in missing])
        result = subprocess.run(["node", str(SCRIPT)], input=payload, capture_output=True, text=True, check=True,
                                cwd=SCRIPT.parent)
        cache.update({key: outcome for (key, _), outcome in zip(missing, json.loads(result.stdout))})
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cache, sort_keys=True))
        os.replace(tmp, cache_file)
    return [cache[key] for key in keys]
