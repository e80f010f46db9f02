"""Formulas as Anki's MathJax 3.2.2 sees them: typeset in Node, and measured against a phone's width."""
import json
import os
import shutil
import subprocess
import tempfile
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


class Typesetting:
    """Formulas being typeset in Node while the build goes on: ``problems()`` waits for the verdicts.

    Node writes to temporary files, not pipes, so it never stalls on a full pipe while the build
    draws figures; batches after the first start when the first is collected, so a huge project's
    verdicts are never all in memory at once.
    """

    def __init__(self, cards, cache, root, measure, jobs):
        from .check import tex_problems

        # a formula the static check already faults gets that one message, not a second from MathJax
        found = [(card, formula) for card in cards for formula in card.formulas if not tex_problems(formula.tex)]
        self.batches = [found[i:i + BATCH] for i in range(0, len(found), BATCH)]
        self.cache, self.root, self.measure = cache, root, measure
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.running = self.start(self.batches[0]) if self.batches else None

    def start(self, batch):
        """Look the batch's formulas up in the cache and start Node on the rest."""
        items = [(formula.tex, formula.display) for _, formula in batch]
        engine = digest(SCRIPT.read_bytes(), MATHJAX_VERSION)
        keys = [digest(engine, int(display), tex)[:32] for tex, display in items]
        verdicts = {key: json.loads(value) for key, value in self.cache.get_many("mathjax", keys).items()}
        missing = sorted({(key, item) for key, item in zip(keys, items)
                          if key not in verdicts or (self.measure and verdicts[key]["width"] is None
                                                     and verdicts[key]["error"] is None)})
        formulas = [{"tex": tex, "display": display} for _, (tex, display) in missing]
        chunks = [formulas[i::self.jobs] for i in range(self.jobs)] if len(formulas) > 200 else [formulas]
        workers = []
        env = {**os.environ, "NODE_PATH": str(node_modules(self.root))}
        for chunk in chunks if formulas else []:
            source, out, err = (tempfile.TemporaryFile() for _ in range(3))
            source.write(json.dumps({"measure": self.measure, "formulas": chunk}).encode())
            source.seek(0)
            workers.append((subprocess.Popen(["node", str(SCRIPT)], stdin=source, stdout=out, stderr=err,
                                             env=env), source, out, err))
        return batch, keys, verdicts, missing, workers

    def finish(self, running):
        """Wait for Node, cache its verdicts and return the batch's problems."""
        batch, keys, verdicts, missing, workers = running
        outcomes = [None] * len(missing)
        for index, (worker, source, out, err) in enumerate(workers):
            code = worker.wait()
            out.seek(0)
            err.seek(0)
            text, message = out.read(), err.read().decode(errors="replace").strip()
            for handle in (source, out, err):
                handle.close()
            if code:
                raise RuntimeError(f"typeset.js failed: {message}")
            outcomes[index::len(workers)] = json.loads(text)
        new = {key: outcome for (key, _), outcome in zip(missing, outcomes)}
        verdicts.update(new)
        self.cache.put_many("mathjax", [(key, json.dumps(outcome).encode()) for key, outcome in new.items()])
        return verdict_problems(batch, [verdicts[key] for key in keys], self.measure)

    def problems(self) -> list[Problem]:
        """A problem for every formula MathJax cannot typeset; when measuring, every one wider than a phone."""
        problems = []
        for index in range(len(self.batches)):
            running = self.running if index == 0 else self.start(self.batches[index])
            problems += self.finish(running)
        self.running = None
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
