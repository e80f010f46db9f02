"""Formulas as Anki's MathJax 3.2.2 sees them: typeset in Node, and measured against a phone's width."""
import json
import os
import shutil
import subprocess
from pathlib import Path

from .cache import digest
from .problems import Problem

SCRIPT = Path(__file__).with_name("typeset.js")
MATHJAX_VERSION = "3.2.2"
# A formula cannot wrap, so it must fit the narrowest common phone (360 px wide), where card.css
# leaves 346 px for text. MathJax scales its formulas to the x-height of the card's font: about 0.53
# em for Roboto and San Francisco, 0.55 for DejaVu Sans, which Chromium rounds up to 10 px at 17 px.
# Assuming 0.6 and keeping 16 px spare leaves room for fonts and clients we cannot measure.
PHONE_WIDTH_PX = 330
EX_PER_EM = 0.6
BATCH = 50_000  # formulas typeset at a time, so a huge project's verdicts are never all in memory at once
FONT_PX = {"front": 16 * 1.05, "back": 16, "extra": 16 * 0.9}  # card.css at phone width


def node_modules(root):
    """Where the npm packages are: in the project, or beside this package in a development install."""
    for folder in (Path(root) / "node_modules", SCRIPT.parent.parent / "node_modules"):
        if (folder / "mathjax-full").is_dir():
            return folder
    return None


def available(root):
    """Whether Node and the npm package mathjax-full are installed."""
    return bool(shutil.which("node")) and node_modules(root) is not None


def phone_width(formula, width_ex):
    """The formula's width in CSS px on a phone."""
    return width_ex * EX_PER_EM * FONT_PX[formula.part]


def typeset(items, cache, measure, root, jobs=None):
    """MathJax's verdict {error, width} for each (tex, display); only what the cache lacks goes to Node."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    engine = digest(SCRIPT.read_bytes(), MATHJAX_VERSION)
    keys = [digest(engine, int(display), tex)[:32] for tex, display in items]
    verdicts = {key: json.loads(value) for key, value in cache.get_many("mathjax", keys).items()}
    missing = sorted({(key, item) for key, item in zip(keys, items)
                      if key not in verdicts or (measure and verdicts[key]["width"] is None
                                                 and verdicts[key]["error"] is None)})
    if missing:
        formulas = [{"tex": tex, "display": display} for _, (tex, display) in missing]
        chunks = [formulas[i::jobs] for i in range(jobs)] if len(formulas) > 200 else [formulas]
        env = {**os.environ, "NODE_PATH": str(node_modules(root))}
        workers = [subprocess.Popen(["node", str(SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, env=env) for _ in chunks]
        for worker, chunk in zip(workers, chunks):  # all fed first: each reads its input whole, then works
            worker.stdin.write(json.dumps({"measure": measure, "formulas": chunk}))
            worker.stdin.close()
        outcomes = [None] * len(formulas)
        for index, worker in enumerate(workers):
            out, err = worker.stdout.read(), worker.stderr.read()
            if worker.wait():
                raise RuntimeError(f"typeset.js failed: {err.strip()}")
            outcomes[index::len(chunks)] = json.loads(out)
        new = {key: outcome for (key, _), outcome in zip(missing, outcomes)}
        verdicts.update(new)
        cache.put_many("mathjax", [(key, json.dumps(outcome).encode()) for key, outcome in new.items()])
    return [verdicts[key] for key in keys]


def typeset_problems(cards: list, cache, root: Path, measure: bool = False, jobs: int | None = None) -> list[Problem]:
    """A problem for every formula MathJax cannot typeset; with ``measure``, also every one wider than a phone."""
    from .check import tex_problems

    # a formula the static check already faults gets that one message, not a second from MathJax
    found = [(card, formula) for card in cards for formula in card.formulas if not tex_problems(formula.tex)]
    problems = []
    for start in range(0, len(found), BATCH):
        batch = found[start:start + BATCH]
        outcomes = typeset([(f.tex, f.display) for _, f in batch], cache, measure, root, jobs)
        problems += verdict_problems(batch, outcomes, measure)
    return problems


def verdict_problems(found, outcomes, measure):
    """The problems in MathJax's verdicts on (card, formula) pairs."""
    problems = []
    for (card, formula), outcome in zip(found, outcomes):
        if outcome["error"]:
            problems.append(Problem(card.path, formula.line,
                                    f"MathJax cannot typeset ${formula.tex.strip()}$: {outcome['error']}"))
        elif measure and phone_width(formula, outcome["width"]) > PHONE_WIDTH_PX:
            px = phone_width(formula, outcome["width"])
            problems.append(Problem(card.path, formula.line,
                                    f"formula is {px:.0f} px wide on a phone (at most {PHONE_WIDTH_PX}): break it with "
                                    f"\\begin{{aligned}}…\\\\…\\end{{aligned}} or shorten it: "
                                    f"${formula.tex.strip()[:60]}$"))
    return problems
