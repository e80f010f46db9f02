"""Typeset every formula with MathJax 3.2.2 in Node, as Anki would, and check it fits a phone."""
import json
import shutil
import subprocess
from pathlib import Path

from .check import formulas
from .problems import Problem

SCRIPT = Path(__file__).with_name("typeset.js")
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
    payload = json.dumps([{"tex": f.tex, "display": f.display} for f in found])
    result = subprocess.run(["node", str(SCRIPT)], input=payload, capture_output=True, text=True, check=True,
                            cwd=SCRIPT.parent)
    problems = []
    for formula, outcome in zip(found, json.loads(result.stdout)):
        if outcome["error"]:
            problems.append(Problem(formula.path, formula.line,
                                    f"MathJax cannot typeset ${formula.tex.strip()}$: {outcome['error']}"))
        elif phone_width(formula, outcome["width"]) > PHONE_WIDTH_PX:
            px = phone_width(formula, outcome["width"])
            problems.append(Problem(formula.path, formula.line,
                                    f"formula is {px:.0f} px wide on a phone (at most {PHONE_WIDTH_PX}): break it with "
                                    f"\\begin{{aligned}}…\\\\…\\end{{aligned}} or shorten it: ${formula.tex.strip()[:60]}$"))
    return problems
