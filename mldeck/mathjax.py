"""Typeset every formula with MathJax 3.2.2 in Node, as Anki would."""
import json
import shutil
import subprocess
from pathlib import Path

from .check import formulas
from .problems import Problem

SCRIPT = Path(__file__).with_name("typeset.js")


def available():
    """Whether Node and the npm package mathjax-full are installed beside this package."""
    return bool(shutil.which("node")) and (SCRIPT.parent.parent / "node_modules" / "mathjax-full").is_dir()


def typeset_problems(cards):
    """A problem for every formula that MathJax cannot typeset."""
    found = [formula for card in cards for formula in formulas(card)]
    if not found:
        return []
    payload = json.dumps([{"tex": f.tex, "display": f.display} for f in found])
    result = subprocess.run(["node", str(SCRIPT)], input=payload, capture_output=True, text=True, check=True,
                            cwd=SCRIPT.parent)
    errors = json.loads(result.stdout)
    return [Problem(f.path, f.line, f"MathJax cannot typeset ${f.tex.strip()}$: {error}")
            for f, error in zip(found, errors) if error]
